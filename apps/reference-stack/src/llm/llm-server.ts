import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { LATENCY_BUCKETS_SECONDS, METRICS } from '@rag-validate/config';
import { Counter, Histogram } from 'prom-client';
import type { FastifyReply } from 'fastify';
import { REFSTACK_VERSION, type CommonServiceOptions } from '../http/common-options.js';
import { FASTAPI_ERROR_STYLE } from '../http/error-style.js';
import { HttpProblem } from '../http/http-problem.js';
import { ServiceApp } from '../http/service-app.js';
import type { ChatBackend } from './chat-backend.js';
import { chatRequestSchema, type ChatRequestBody, type GenerationEvent, type Usage } from './chat-types.js';
import { LocalBackend } from './local-backend.js';

/** Model ids listed by `/v1/models`; the first is the default. Any requested id is accepted and echoed. */
export const DEFAULT_LLM_MODELS = ['gpt-4o-mini', 'refstack-code-composer'] as const;

export interface LlmServerOptions extends CommonServiceOptions {
  /** Time to first token. Default: 300 ms. */
  readonly ttftMs?: number;
  /** Tokens per second after the first; 0 means as fast as possible. Default: 50. */
  readonly tokensPerSecond?: number;
  /** Model ids listed by `/v1/models`. Default: gpt-4o-mini, refstack-code-composer. */
  readonly models?: readonly string[];
  /** Replaces the built-in composer (e.g. the upstream proxy). */
  readonly backend?: ChatBackend;
}

/** Aborts when the client goes away before the answer is complete, so generation stops. */
function clientAbortSignal(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort(new Error('client closed the connection'));
  });
  return controller.signal;
}

/**
 * The llm-server of the contract (§2), OpenAI-compatible: `/v1/chat/completions` (plain and
 * SSE streaming with `stream_options.include_usage`), `/v1/models`, `/health`. The answer comes
 * from the built-in code composer at a realistic pace, or from an upstream server.
 */
export function createLlmServer(options: LlmServerOptions): ServiceApp {
  const models = options.models ?? DEFAULT_LLM_MODELS;
  const defaultModel = models[0] ?? 'gpt-4o-mini';
  const backend = options.backend ?? new LocalBackend({ ttftMs: options.ttftMs ?? 300, tokensPerSecond: options.tokensPerSecond ?? 50, defaultModel });
  const service = new ServiceApp({
    name: 'llm-server',
    logLevel: options.logLevel,
    ...(options.logStream === undefined ? {} : { logStream: options.logStream }),
    errorStyle: FASTAPI_ERROR_STYLE,
    // 2 MiB holds a prompt with ten large contexts; larger bodies are refused with 413.
    bodyLimitBytes: 2 * 1024 * 1024,
    openApi: { title: 'llm-server (rag-validate reference stack)', version: REFSTACK_VERSION },
  });
  const ttft = new Histogram({
    name: METRICS.llmTimeToFirstToken.name,
    help: METRICS.llmTimeToFirstToken.help,
    labelNames: ['model'],
    buckets: [...LATENCY_BUCKETS_SECONDS],
    registers: [service.metrics.registry],
  });
  const generated = new Counter({ name: METRICS.llmGeneratedTokens.name, help: METRICS.llmGeneratedTokens.help, labelNames: ['model'], registers: [service.metrics.registry] });

  /** Runs the backend, recording TTFT and token metrics. */
  async function* observed(body: ChatRequestBody, signal: AbortSignal): AsyncGenerator<GenerationEvent> {
    const model = body.model ?? defaultModel;
    const started = performance.now();
    let first = true;
    try {
      for await (const event of backend.generate(body, signal)) {
        if (event.type === 'token') {
          if (first) {
            ttft.observe({ model }, (performance.now() - started) / 1000);
            first = false;
          }
          generated.inc({ model });
        }
        yield event;
      }
    } catch (error) {
      if (signal.aborted) throw error;
      if (error instanceof HttpProblem) throw error;
      throw new HttpProblem(502, `upstream LLM error: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }

  service.route({ method: 'GET', url: '/', summary: 'Service info', handler: () => ({ service: 'llm-server', status: 'running', models }) });
  service.route({ method: 'GET', url: '/health', summary: 'Liveness', tags: ['health'], handler: () => ({ status: 'healthy', service: 'llm-server' }) });
  service.route({
    method: 'GET',
    url: '/v1/models',
    summary: 'List models',
    tags: ['openai'],
    handler: () => ({ object: 'list', data: models.map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'rag-validate' })) }),
  });

  for (const url of ['/v1/chat/completions', '/chat/completions']) {
    service.route({
      method: 'POST',
      url,
      summary: url.startsWith('/v1') ? 'Chat completion (OpenAI-compatible; stream=true gives SSE)' : 'Alias of /v1/chat/completions',
      tags: ['openai'],
      body: chatRequestSchema,
      handler: async ({ body, reply }) => {
        const id = `chatcmpl-${randomUUID().replace(/-/g, '').slice(0, 24)}`;
        const created = Math.floor(Date.now() / 1000);
        const model = body.model ?? defaultModel;
        const signal = clientAbortSignal(reply);
        if (body.stream !== true) {
          let content = '';
          let done: Extract<GenerationEvent, { type: 'done' }> | undefined;
          for await (const event of observed(body, signal)) {
            if (event.type === 'token') content += event.text;
            else done = event;
          }
          return {
            id,
            object: 'chat.completion',
            created,
            model: done?.model ?? model,
            choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: done?.finishReason ?? 'stop' }],
            usage: done?.usage ?? null,
          };
        }
        const includeUsage = body.stream_options?.include_usage === true;
        const chunk = (delta: Record<string, unknown>, finishReason: string | null, responseModel: string): string =>
          `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: responseModel, choices: [{ index: 0, delta, finish_reason: finishReason }], ...(includeUsage ? { usage: null } : {}) })}\n\n`;
        const events = observed(body, signal);
        async function* sse(): AsyncGenerator<string> {
          yield chunk({ role: 'assistant', content: '' }, null, model);
          let usage: Usage | null = null;
          try {
            for await (const event of events) {
              if (event.type === 'token') yield chunk({ content: event.text }, null, model);
              else {
                usage = event.usage;
                yield chunk({}, event.finishReason, event.model);
              }
            }
          } catch (error) {
            if (signal.aborted) return;
            const message = error instanceof Error ? error.message : String(error);
            yield `data: ${JSON.stringify({ error: { message, type: 'upstream_error' } })}\n\n`;
          }
          if (includeUsage) yield `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [], usage })}\n\n`;
          yield 'data: [DONE]\n\n';
        }
        return reply.header('content-type', 'text/event-stream; charset=utf-8').header('cache-control', 'no-cache').header('x-accel-buffering', 'no').send(Readable.from(sse()));
      },
    });
  }
  return service;
}
