import { z } from 'zod';
import { InvalidArgumentError } from './core/errors.js';
import { probeHealth, type HealthCheck } from './core/health-check.js';
import { HttpClient } from './core/http-client.js';
import type { CallOptions, ServiceClientOptions } from './core/service-client-options.js';

const embedResponse = z.object({ text: z.string(), embedding: z.array(z.number()).min(1), model: z.string() }).loose();
const bulkResponse = z
  .object({ embeddings: z.array(z.object({ text: z.string(), embedding: z.array(z.number()).min(1), model: z.string() }).loose()), count: z.number().int() })
  .loose();

export interface Embedding {
  readonly embedding: number[];
  readonly model: string;
}

export interface BulkEmbedding extends Embedding {
  readonly text: string;
}

/** Client for the embedding-server (`/embedding/embed`, `/embedding/embed/bulk`, `/health`). */
export class EmbeddingClient {
  readonly http: HttpClient;

  constructor(options: ServiceClientOptions) {
    this.http = new HttpClient({ ...options, timeoutMs: options.timeoutMs ?? 10_000 });
  }

  /** Embeds one text. */
  async embed(text: string, options: CallOptions = {}): Promise<Embedding> {
    if (typeof text !== 'string') throw new InvalidArgumentError('text', 'expected a string');
    const { body } = await this.http.request({ method: 'POST', path: '/embedding/embed', json: { text }, idempotent: true, schema: embedResponse, ...options });
    return { embedding: body.embedding, model: body.model };
  }

  /** Embeds many texts in one call; the result keeps the input order (checked). */
  async embedBulk(texts: readonly string[], options: CallOptions = {}): Promise<BulkEmbedding[]> {
    if (!Array.isArray(texts) || texts.length === 0) throw new InvalidArgumentError('texts', 'expected a non-empty array of strings');
    const { body } = await this.http.request({ method: 'POST', path: '/embedding/embed/bulk', json: { texts }, idempotent: true, schema: bulkResponse, ...options });
    return body.embeddings.map((item) => ({ text: item.text, embedding: item.embedding, model: item.model }));
  }

  /** GET /health; ok when it answers 2xx with `status: "healthy"`. */
  health(options: CallOptions = {}): Promise<HealthCheck> {
    return probeHealth(this.http, '/health', { ...options, check: expectHealthy });
  }
}

/** Health check rule shared by the FastAPI services: a JSON body with `status: "healthy"`. */
export function expectHealthy(body: unknown): string | undefined {
  if (body !== null && typeof body === 'object' && (body as { status?: unknown }).status === 'healthy') return undefined;
  return `answered 2xx but not {"status":"healthy"}: ${JSON.stringify(body).slice(0, 120)}`;
}
