import { z } from 'zod';
import { FASTAPI_ERROR_STYLE } from '../http/error-style.js';
import { HttpProblem } from '../http/http-problem.js';
import { REFSTACK_VERSION, type CommonServiceOptions } from '../http/common-options.js';
import { ServiceApp } from '../http/service-app.js';
import { HashingEmbedder } from './hashing-embedder.js';

export const DEFAULT_EMBEDDING_MODEL = 'refstack/code-hashing-embedder-384';

/** Most texts one bulk call may carry. */
export const MAX_BULK_TEXTS = 10_000;

export interface EmbeddingServerOptions extends CommonServiceOptions {
  /** Reported as `model` in every answer. Default: `refstack/code-hashing-embedder-384`. */
  readonly modelName?: string;
}

const embedBody = z.object({ text: z.string() });
const bulkBody = z.object({ texts: z.array(z.string()).max(MAX_BULK_TEXTS) });

/**
 * The embedding-server of the contract (§1): `/embedding/embed`, `/embedding/embed/bulk`,
 * `/health`, with 384-dimensional unit vectors from the hashing embedder. Unlike the real
 * server, an empty bulk list is a 400, not a 500.
 */
export function createEmbeddingServer(options: EmbeddingServerOptions): ServiceApp {
  const model = options.modelName ?? DEFAULT_EMBEDDING_MODEL;
  const embedder = new HashingEmbedder();
  const service = new ServiceApp({
    name: 'embedding-server',
    logLevel: options.logLevel,
    ...(options.logStream === undefined ? {} : { logStream: options.logStream }),
    errorStyle: FASTAPI_ERROR_STYLE,
    // 2 MiB holds a bulk call of hundreds of code chunks; larger bodies are refused with 413.
    bodyLimitBytes: 2 * 1024 * 1024,
    openApi: { title: 'embedding-server (rag-validate reference stack)', version: REFSTACK_VERSION },
  });

  service.route({
    method: 'GET',
    url: '/',
    summary: 'Service info',
    handler: () => ({ service: 'embedding-server', status: 'running', model, dimension: embedder.dimension }),
  });
  service.route({
    method: 'GET',
    url: '/health',
    summary: 'Liveness',
    tags: ['health'],
    handler: () => ({ status: 'healthy', service: 'embedding-server', model }),
  });
  service.route({
    method: 'GET',
    url: '/embedding/health',
    summary: 'Embedding router health',
    tags: ['health'],
    handler: () => ({ status: 'healthy', service: 'embedding-server' }),
  });
  service.route({
    method: 'POST',
    url: '/embedding/embed',
    summary: 'Embed one text',
    tags: ['embedding'],
    body: embedBody,
    handler: ({ body }) => ({ text: body.text, embedding: embedder.embed(body.text), model }),
  });
  service.route({
    method: 'POST',
    url: '/embedding/embed/bulk',
    summary: 'Embed several texts, in input order',
    tags: ['embedding'],
    body: bulkBody,
    handler: ({ body }) => {
      if (body.texts.length === 0) throw new HttpProblem(400, 'texts must not be empty (텍스트 리스트가 비어있습니다)');
      const embeddings = body.texts.map((text) => ({ text, embedding: embedder.embed(text), model }));
      return { embeddings, count: embeddings.length };
    },
  });
  return service;
}
