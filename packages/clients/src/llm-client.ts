import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { InvalidArgumentError, SchemaMismatchError } from './core/errors.js';
import { probeHealth, type HealthCheck } from './core/health-check.js';
import { HttpClient } from './core/http-client.js';
import type { CallOptions, ServiceClientOptions } from './core/service-client-options.js';
import { SseParser } from './core/sse-parser.js';
import { expectHealthy } from './embedding-client.js';

export interface ChatMessage {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string;
}

export interface ChatRequest {
  /** Default: the client's `model` option, else `gpt-4o-mini`. */
  readonly model?: string;
  readonly messages: readonly ChatMessage[];
  readonly maxTokens?: number;
  readonly temperature?: number;
  readonly stop?: string | readonly string[];
}

export interface TokenUsage {
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly totalTokens: number;
}

export interface ChatCompletion {
  readonly id: string;
  readonly model: string;
  readonly content: string;
  readonly finishReason: string | null;
  readonly usage: TokenUsage | null;
  readonly raw: unknown;
}

export interface StreamedChatCompletion extends ChatCompletion {
  /** Time from sending the request to the first content token. */
  readonly ttftMs: number;
  /** Arrival time of every content chunk, in ms since the request started. */
  readonly tokenTimesMs: readonly number[];
  /** Time from sending the request to the end of the stream. */
  readonly totalMs: number;
}

const usageSchema = z
  .object({ prompt_tokens: z.number(), completion_tokens: z.number(), total_tokens: z.number() })
  .loose()
  .nullable()
  .optional();

const chatResponse = z
  .object({
    id: z.string(),
    model: z.string(),
    choices: z
      .array(
        z
          .object({
            index: z.number().optional(),
            message: z.object({ role: z.string(), content: z.string().nullable() }).loose(),
            finish_reason: z.string().nullable().optional(),
          })
          .loose(),
      )
      .min(1),
    usage: usageSchema,
  })
  .loose();

const streamChunk = z
  .object({
    id: z.string().optional(),
    model: z.string().optional(),
    choices: z
      .array(
        z
          .object({
            delta: z.object({ content: z.string().nullable().optional() }).loose().optional(),
            finish_reason: z.string().nullable().optional(),
          })
          .loose(),
      )
      .default([]),
    usage: usageSchema,
  })
  .loose();

const modelsResponse = z.object({ data: z.array(z.object({ id: z.string(), owned_by: z.string().optional() }).loose()) }).loose();

export interface LlmClientOptions extends ServiceClientOptions {
  /** Model asked for when a request names none. Default: `gpt-4o-mini`. */
  readonly model?: string;
}

/** Client for an OpenAI-compatible LLM server (the llm-server, vLLM, Ollama, llama.cpp, OpenAI). */
export class LlmClient {
  readonly http: HttpClient;
  readonly model: string;

  constructor(options: LlmClientOptions) {
    const { model = 'gpt-4o-mini', ...rest } = options;
    this.http = new HttpClient({ ...rest, timeoutMs: rest.timeoutMs ?? 120_000 });
    this.model = model;
  }

  /** POST /v1/chat/completions without streaming. */
  async chat(request: ChatRequest, options: CallOptions = {}): Promise<ChatCompletion> {
    const { body } = await this.http.request({
      method: 'POST',
      path: '/v1/chat/completions',
      json: this.#body(request, false),
      idempotent: false,
      schema: chatResponse,
      ...options,
    });
    const choice = body.choices[0];
    return {
      id: body.id,
      model: body.model,
      content: choice?.message.content ?? '',
      finishReason: choice?.finish_reason ?? null,
      usage: toUsage(body.usage),
      raw: body,
    };
  }

  /**
   * POST /v1/chat/completions with `stream: true`, reading the SSE stream as it arrives, so
   * time-to-first-token and the time of every token are measured.
   */
  async chatStream(request: ChatRequest, options: CallOptions & { onToken?: (token: string, atMs: number) => void } = {}): Promise<StreamedChatCompletion> {
    const { onToken, ...callOptions } = options;
    const response = await this.http.stream({ method: 'POST', path: '/v1/chat/completions', json: this.#body(request, true), ...callOptions });
    const parser = new SseParser();
    const tokenTimesMs: number[] = [];
    const parts: string[] = [];
    let id = '';
    let model = '';
    let finishReason: string | null = null;
    let usage: TokenUsage | null = null;
    let sawDone = false;
    const fail = (reason: string): never => {
      throw new SchemaMismatchError({
        method: 'POST',
        url: response.url,
        elapsedMs: performance.now() - response.startedAt,
        statusCode: response.status,
        reason: 'shape',
        issues: [{ path: 'stream', message: reason }],
        bodyExcerpt: parser.rest().slice(0, 300),
      });
    };
    try {
      for await (const chunk of response.body) {
        const at = performance.now() - response.startedAt;
        for (const data of parser.push(typeof chunk === 'string' ? chunk : chunk.toString('utf8'))) {
          if (data.trim() === '[DONE]') {
            sawDone = true;
            continue;
          }
          let json: unknown;
          try {
            json = JSON.parse(data);
          } catch {
            fail(`an SSE event is not JSON: ${data.slice(0, 80)}`);
          }
          const parsed = streamChunk.safeParse(json);
          if (!parsed.success) fail(`an SSE event does not look like a chat.completion.chunk: ${parsed.error.issues[0]?.message ?? ''}`);
          const event = (parsed as { data: z.output<typeof streamChunk> }).data;
          id ||= event.id ?? '';
          model ||= event.model ?? '';
          if (event.usage) usage = toUsage(event.usage);
          for (const choice of event.choices) {
            const token = choice.delta?.content;
            if (token) {
              parts.push(token);
              tokenTimesMs.push(at);
              onToken?.(token, at);
            }
            if (choice.finish_reason) finishReason = choice.finish_reason;
          }
        }
      }
    } catch (error) {
      response.body.destroy();
      throw error instanceof SchemaMismatchError ? error : response.mapError(error);
    } finally {
      response.done();
    }
    const totalMs = performance.now() - response.startedAt;
    if (!sawDone) fail('the stream ended without "data: [DONE]"');
    const firstToken = tokenTimesMs[0];
    return { id, model, content: parts.join(''), finishReason, usage, raw: undefined, ttftMs: firstToken ?? totalMs, tokenTimesMs, totalMs };
  }

  /** GET /v1/models. */
  async models(options: CallOptions = {}): Promise<Array<{ id: string; ownedBy?: string }>> {
    const { body } = await this.http.request({ method: 'GET', path: '/v1/models', schema: modelsResponse, ...options });
    return body.data.map((m) => (m.owned_by === undefined ? { id: m.id } : { id: m.id, ownedBy: m.owned_by }));
  }

  /** GET /health; ok when it answers 2xx with `status: "healthy"`. */
  health(options: CallOptions = {}): Promise<HealthCheck> {
    return probeHealth(this.http, '/health', { ...options, check: expectHealthy });
  }

  #body(request: ChatRequest, stream: boolean): Record<string, unknown> {
    if (!Array.isArray(request.messages) || request.messages.length === 0) throw new InvalidArgumentError('messages', 'expected at least one message');
    if (request.maxTokens !== undefined && (!Number.isInteger(request.maxTokens) || request.maxTokens <= 0)) {
      throw new InvalidArgumentError('maxTokens', `expected a whole number > 0, got ${request.maxTokens}`);
    }
    return {
      model: request.model ?? this.model,
      messages: request.messages,
      ...(request.maxTokens === undefined ? {} : { max_tokens: request.maxTokens }),
      ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
      ...(request.stop === undefined ? {} : { stop: request.stop }),
      stream,
      ...(stream ? { stream_options: { include_usage: true } } : {}),
    };
  }
}

function toUsage(usage: z.output<typeof usageSchema>): TokenUsage | null {
  if (usage === null || usage === undefined) return null;
  return { promptTokens: usage.prompt_tokens, completionTokens: usage.completion_tokens, totalTokens: usage.total_tokens };
}
