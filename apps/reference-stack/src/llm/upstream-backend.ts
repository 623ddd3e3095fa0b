import { LlmClient, type ChatMessage } from '@rag-validate/clients';
import type { LlmUpstream } from '../stack/service-settings.js';
import type { ChatBackend } from './chat-backend.js';
import { messagesOf, type ChatRequestBody, type GenerationEvent } from './chat-types.js';

/**
 * Forwards chat completions to a real OpenAI-compatible server (vLLM, Ollama, llama.cpp, OpenAI)
 * through `@rag-validate/clients`; streams tokens through as they arrive. The API key is sent as
 * a bearer token and never appears in logs or error messages.
 */
export class UpstreamBackend implements ChatBackend {
  readonly #client: LlmClient;
  readonly #model: string | undefined;

  constructor(upstream: LlmUpstream, timeoutMs = 300_000) {
    this.#client = new LlmClient({
      baseUrl: upstream.url,
      timeoutMs,
      maxRetries: 0,
      ...(upstream.apiKey === undefined ? {} : { auth: { apiKey: upstream.apiKey, apiKeyHeader: 'authorization', headers: {} } }),
      ...(upstream.model === undefined ? {} : { model: upstream.model }),
    });
    this.#model = upstream.model;
  }

  async *generate(body: ChatRequestBody, signal: AbortSignal): AsyncGenerator<GenerationEvent> {
    const request = {
      model: this.#model ?? body.model ?? this.#client.model,
      messages: messagesOf(body) as ChatMessage[],
      ...(body.max_tokens == null ? {} : { maxTokens: body.max_tokens }),
      ...(body.temperature === undefined ? {} : { temperature: body.temperature }),
      ...(body.stop == null ? {} : { stop: body.stop }),
    };
    if (body.stream !== true) {
      const completion = await this.#client.chat(request, { signal });
      yield { type: 'token', text: completion.content };
      const usage = completion.usage;
      yield { type: 'done', finishReason: completion.finishReason ?? 'stop', model: completion.model, usage: usage === null ? null : { prompt_tokens: usage.promptTokens, completion_tokens: usage.completionTokens, total_tokens: usage.totalTokens } };
      return;
    }
    // Bridge the client's onToken callback to this generator.
    const queue: string[] = [];
    let wake: (() => void) | undefined;
    let finished = false;
    const streamed = this.#client
      .chatStream(request, {
        signal,
        onToken: (token) => {
          queue.push(token);
          wake?.();
        },
      })
      .finally(() => {
        finished = true;
        wake?.();
      });
    streamed.catch(() => undefined);
    while (true) {
      while (queue.length > 0) yield { type: 'token', text: queue.shift() as string };
      if (finished) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      wake = undefined;
    }
    const completion = await streamed;
    const usage = completion.usage;
    yield { type: 'done', finishReason: completion.finishReason ?? 'stop', model: completion.model || request.model, usage: usage === null ? null : { prompt_tokens: usage.promptTokens, completion_tokens: usage.completionTokens, total_tokens: usage.totalTokens } };
  }
}
