import { countTokens, splitTokens } from '../text/tokens.js';
import type { ChatBackend } from './chat-backend.js';
import type { ChatRequestBody, GenerationEvent } from './chat-types.js';
import { messagesOf } from './chat-types.js';
import { composeAnswer } from './composer/code-composer.js';
import { sleep } from './sleep.js';

export interface LocalBackendOptions {
  /** Delay before the first token. */
  readonly ttftMs: number;
  /** Generation rate after the first token; 0 = no delay. */
  readonly tokensPerSecond: number;
  readonly defaultModel: string;
}

function cutAtStop(text: string, stop: string | readonly string[] | null | undefined): { text: string; stopped: boolean } {
  const stops = stop === null || stop === undefined ? [] : typeof stop === 'string' ? [stop] : stop;
  let cut = -1;
  for (const s of stops) {
    if (s.length === 0) continue;
    const at = text.indexOf(s);
    if (at >= 0 && (cut < 0 || at < cut)) cut = at;
  }
  return cut < 0 ? { text, stopped: false } : { text: text.slice(0, cut), stopped: true };
}

/**
 * The built-in model: composes the answer with the code composer, then releases it token by
 * token at the configured time-to-first-token and rate, honouring `max_tokens` and `stop`.
 */
export class LocalBackend implements ChatBackend {
  readonly #options: LocalBackendOptions;

  constructor(options: LocalBackendOptions) {
    this.#options = options;
  }

  async *generate(body: ChatRequestBody, signal: AbortSignal): AsyncGenerator<GenerationEvent> {
    const model = body.model ?? this.#options.defaultModel;
    const messages = messagesOf(body);
    const promptTokens = messages.reduce((n, m) => n + countTokens(m.content) + 4, 2);
    const { text, stopped } = cutAtStop(composeAnswer(messages), body.stop);
    let tokens = splitTokens(text);
    let finishReason = 'stop';
    const maxTokens = body.max_tokens ?? undefined;
    if (maxTokens !== undefined && tokens.length > maxTokens) {
      tokens = tokens.slice(0, maxTokens);
      finishReason = 'length';
    } else if (stopped) finishReason = 'stop';
    const intervalMs = this.#options.tokensPerSecond > 0 ? 1000 / this.#options.tokensPerSecond : 0;
    const started = performance.now();
    await sleep(this.#options.ttftMs, signal);
    for (const [i, token] of tokens.entries()) {
      if (i > 0 && intervalMs > 0) {
        // Pace against the clock, not per token, so timer overhead does not slow the rate down.
        const due = started + this.#options.ttftMs + i * intervalMs;
        await sleep(due - performance.now(), signal);
      }
      yield { type: 'token', text: token };
    }
    yield { type: 'done', finishReason, model, usage: { prompt_tokens: promptTokens, completion_tokens: tokens.length, total_tokens: promptTokens + tokens.length } };
  }
}
