import type { ChatRequestBody, GenerationEvent } from './chat-types.js';

/** Where completions come from: the built-in composer or an upstream OpenAI-compatible server. */
export interface ChatBackend {
  /** Tokens as they are generated, then one `done` event. Stops when `signal` aborts. */
  generate(body: ChatRequestBody, signal: AbortSignal): AsyncGenerator<GenerationEvent>;
}
