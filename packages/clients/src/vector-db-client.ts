import { z } from 'zod';
import { HttpStatusError, InvalidArgumentError } from './core/errors.js';
import { probeHealth, type HealthCheck } from './core/health-check.js';
import { HttpClient } from './core/http-client.js';
import type { CallOptions, ServiceClientOptions } from './core/service-client-options.js';

/** A Qdrant filter (`{ must: [{ key, match: { value } }] }` …), passed through as JSON. */
export type QdrantFilter = Readonly<Record<string, unknown>>;
export type PointId = string | number;

export interface PointInput {
  readonly id: PointId;
  readonly vector: readonly number[];
  readonly payload?: Readonly<Record<string, unknown>>;
}

export interface ScoredPoint {
  readonly id: PointId;
  readonly score: number;
  readonly payload: Record<string, unknown>;
}

export interface StoredPoint {
  readonly id: PointId;
  readonly payload: Record<string, unknown>;
}

export interface CollectionInfo {
  /** green | yellow | red (grey in newer Qdrant). */
  readonly status: string;
  readonly pointsCount: number;
  readonly vectorSize: number;
  readonly distance: string;
  readonly raw: unknown;
}

const pointId = z.union([z.string(), z.number()]);
const envelope = <T extends z.ZodType>(result: T) => z.object({ result, status: z.unknown().optional(), time: z.number().optional() }).loose();
const vectorParams = z.object({ size: z.number().int(), distance: z.string() }).loose();
const collectionInfo = envelope(
  z
    .object({
      status: z.string(),
      points_count: z.number().int().nullable().optional(),
      config: z.object({ params: z.object({ vectors: z.union([vectorParams, z.record(z.string(), vectorParams)]) }).loose() }).loose(),
    })
    .loose(),
);
const collectionsList = envelope(z.object({ collections: z.array(z.object({ name: z.string() }).loose()) }).loose());
const scoredPoints = envelope(z.array(z.object({ id: pointId, score: z.number(), payload: z.record(z.string(), z.unknown()).nullable().optional() }).loose()));
const scrollResult = envelope(
  z.object({ points: z.array(z.object({ id: pointId, payload: z.record(z.string(), z.unknown()).nullable().optional() }).loose()), next_page_offset: pointId.nullable().optional() }).loose(),
);
const countResult = envelope(z.object({ count: z.number().int() }).loose());
const anyResult = envelope(z.unknown());

/**
 * Client for Qdrant's REST API (and the reference stack's vector-db, which speaks the same subset).
 * Note: Qdrant has no `/health`; use `healthz`, `livez` and `readyz`.
 */
export class VectorDbClient {
  readonly http: HttpClient;

  constructor(options: ServiceClientOptions) {
    this.http = new HttpClient({ ...options, timeoutMs: options.timeoutMs ?? 10_000 });
  }

  healthz(options: CallOptions = {}): Promise<HealthCheck> {
    return probeHealth(this.http, '/healthz', options);
  }

  livez(options: CallOptions = {}): Promise<HealthCheck> {
    return probeHealth(this.http, '/livez', options);
  }

  /** 200 `all shards are ready` when ready, 503 otherwise. */
  readyz(options: CallOptions = {}): Promise<HealthCheck> {
    return probeHealth(this.http, '/readyz', options);
  }

  async listCollections(options: CallOptions = {}): Promise<string[]> {
    const { body } = await this.http.request({ method: 'GET', path: '/collections', schema: collectionsList, ...options });
    return body.result.collections.map((c) => c.name);
  }

  /** True when the collection exists (GET /collections/{name}; works on Qdrant 1.7, which has no `/exists`). */
  async collectionExists(name: string, options: CallOptions = {}): Promise<boolean> {
    try {
      await this.getCollection(name, options);
      return true;
    } catch (error) {
      if (error instanceof HttpStatusError && error.statusCode === 404) return false;
      throw error;
    }
  }

  async getCollection(name: string, options: CallOptions = {}): Promise<CollectionInfo> {
    const { body } = await this.http.request({ method: 'GET', path: `/collections/${segment(name)}`, schema: collectionInfo, ...options });
    const vectors = body.result.config.params.vectors;
    const params = 'size' in vectors && typeof vectors.size === 'number' ? (vectors as z.output<typeof vectorParams>) : Object.values(vectors as Record<string, z.output<typeof vectorParams>>)[0];
    return {
      status: body.result.status,
      pointsCount: body.result.points_count ?? 0,
      vectorSize: params?.size ?? 0,
      distance: params?.distance ?? 'unknown',
      raw: body.result,
    };
  }

  async createCollection(name: string, vectors: { size: number; distance: 'Cosine' | 'Dot' | 'Euclid' }, options: CallOptions = {}): Promise<void> {
    if (!Number.isInteger(vectors.size) || vectors.size <= 0) throw new InvalidArgumentError('size', `expected a whole number > 0, got ${vectors.size}`);
    await this.http.request({ method: 'PUT', path: `/collections/${segment(name)}`, json: { vectors }, schema: anyResult, ...options });
  }

  async deleteCollection(name: string, options: CallOptions = {}): Promise<void> {
    await this.http.request({ method: 'DELETE', path: `/collections/${segment(name)}`, schema: anyResult, ...options });
  }

  /** Upserts points; with `wait` (default) Qdrant answers only once they are stored. */
  async upsertPoints(name: string, points: readonly PointInput[], options: CallOptions & { wait?: boolean } = {}): Promise<void> {
    const { wait = true, ...call } = options;
    if (points.length === 0) throw new InvalidArgumentError('points', 'expected at least one point');
    await this.http.request({
      method: 'PUT',
      path: `/collections/${segment(name)}/points`,
      query: { wait },
      json: { points },
      schema: anyResult,
      ...call,
    });
  }

  async search(
    name: string,
    query: { vector: readonly number[]; limit: number; filter?: QdrantFilter; scoreThreshold?: number; withPayload?: boolean },
    options: CallOptions = {},
  ): Promise<ScoredPoint[]> {
    const { body } = await this.http.request({
      method: 'POST',
      path: `/collections/${segment(name)}/points/search`,
      json: {
        vector: query.vector,
        limit: query.limit,
        with_payload: query.withPayload ?? true,
        ...(query.filter ? { filter: query.filter } : {}),
        ...(query.scoreThreshold === undefined ? {} : { score_threshold: query.scoreThreshold }),
      },
      idempotent: true,
      schema: scoredPoints,
      ...options,
    });
    return body.result.map((p) => ({ id: p.id, score: p.score, payload: p.payload ?? {} }));
  }

  async scroll(
    name: string,
    query: { filter?: QdrantFilter; limit?: number; offset?: PointId | null; withPayload?: boolean } = {},
    options: CallOptions = {},
  ): Promise<{ points: StoredPoint[]; nextOffset: PointId | null }> {
    const { body } = await this.http.request({
      method: 'POST',
      path: `/collections/${segment(name)}/points/scroll`,
      json: {
        limit: query.limit ?? 100,
        with_payload: query.withPayload ?? true,
        with_vector: false,
        ...(query.filter ? { filter: query.filter } : {}),
        ...(query.offset === undefined || query.offset === null ? {} : { offset: query.offset }),
      },
      idempotent: true,
      schema: scrollResult,
      ...options,
    });
    return { points: body.result.points.map((p) => ({ id: p.id, payload: p.payload ?? {} })), nextOffset: body.result.next_page_offset ?? null };
  }

  /** Every point of a collection (pages through scroll). */
  async scrollAll(name: string, query: { filter?: QdrantFilter; pageSize?: number } = {}, options: CallOptions = {}): Promise<StoredPoint[]> {
    const all: StoredPoint[] = [];
    let offset: PointId | null = null;
    do {
      const page: { points: StoredPoint[]; nextOffset: PointId | null } = await this.scroll(
        name,
        { limit: query.pageSize ?? 256, offset, ...(query.filter ? { filter: query.filter } : {}) },
        options,
      );
      all.push(...page.points);
      offset = page.nextOffset;
    } while (offset !== null);
    return all;
  }

  async count(name: string, query: { filter?: QdrantFilter; exact?: boolean } = {}, options: CallOptions = {}): Promise<number> {
    const { body } = await this.http.request({
      method: 'POST',
      path: `/collections/${segment(name)}/points/count`,
      json: { exact: query.exact ?? true, ...(query.filter ? { filter: query.filter } : {}) },
      idempotent: true,
      schema: countResult,
      ...options,
    });
    return body.result.count;
  }

  async deletePoints(name: string, selector: { filter: QdrantFilter } | { ids: readonly PointId[] }, options: CallOptions & { wait?: boolean } = {}): Promise<void> {
    const { wait = true, ...call } = options;
    await this.http.request({
      method: 'POST',
      path: `/collections/${segment(name)}/points/delete`,
      query: { wait },
      json: 'ids' in selector ? { points: selector.ids } : { filter: selector.filter },
      idempotent: true,
      schema: anyResult,
      ...call,
    });
  }
}

function segment(name: string): string {
  if (typeof name !== 'string' || name.length === 0) throw new InvalidArgumentError('collection name', 'expected a non-empty string');
  return encodeURIComponent(name);
}
