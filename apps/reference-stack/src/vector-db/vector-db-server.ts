import { join } from 'node:path';
import { QDRANT_METRICS } from '@rag-validate/config';
import { Counter, Gauge } from 'prom-client';
import { z } from 'zod';
import type { CommonServiceOptions } from '../http/common-options.js';
import { QDRANT_ERROR_STYLE } from '../http/error-style.js';
import { HttpProblem } from '../http/http-problem.js';
import { ServiceApp } from '../http/service-app.js';
import { comparePointIds, parsePointId, type PointId } from './point-id.js';
import { CollectionNotFoundError, DISTANCES, PointStore, type StoredPoint } from './point-store.js';
import { compileFilter, FilterError, indexableCondition, type PointPredicate } from './qdrant-filter.js';

/** The Qdrant version the reference vector-db reports (the real system pins qdrant v1.7.0). */
export const QDRANT_COMPAT_VERSION = '1.7.0';

export interface VectorDbServerOptions extends CommonServiceOptions {
  /** Directory of `vector-db.sqlite`. Ignored with the `in-memory-vector-db` defect. */
  readonly dataDir: string;
}

export interface VectorDbServer {
  readonly service: ServiceApp;
  readonly store: PointStore;
}

const collectionParams = z.object({ name: z.string().min(1).max(255) });
const pointParams = z.object({ name: z.string().min(1).max(255), id: z.string().min(1) });
const vectorParams = z.object({ size: z.number().int().min(1).max(65_536), distance: z.enum(DISTANCES) });
const createBody = z.object({ vectors: z.union([vectorParams, z.record(z.string(), vectorParams)]) });
const rawId = z.union([z.number(), z.string()]);
const vectorInput = z.union([z.array(z.number()), z.record(z.string(), z.array(z.number()))]);
const payloadInput = z.record(z.string(), z.unknown()).nullable().optional();
const upsertBody = z.object({
  points: z.array(z.object({ id: rawId, vector: vectorInput, payload: payloadInput })).optional(),
  batch: z.object({ ids: z.array(rawId), vectors: z.array(vectorInput), payloads: z.array(payloadInput).nullable().optional() }).optional(),
});
const withPayload = z.union([z.boolean(), z.array(z.string()), z.object({ include: z.union([z.string(), z.array(z.string())]) }), z.object({ exclude: z.union([z.string(), z.array(z.string())]) })]);
const withVector = z.union([z.boolean(), z.array(z.string())]);
const filterInput = z.record(z.string(), z.unknown()).nullable().optional();
const searchBody = z.object({
  vector: vectorInput,
  limit: z.number().int().min(1),
  offset: z.number().int().min(0).nullable().optional(),
  filter: filterInput,
  with_payload: withPayload.nullable().optional(),
  with_vector: withVector.nullable().optional(),
  score_threshold: z.number().nullable().optional(),
});
const queryBody = z.object({
  query: z.union([z.array(z.number()), z.object({ nearest: z.array(z.number()) })]).nullable().optional(),
  limit: z.number().int().min(1).nullable().optional(),
  offset: z.number().int().min(0).nullable().optional(),
  filter: filterInput,
  with_payload: withPayload.nullable().optional(),
  with_vector: withVector.nullable().optional(),
  score_threshold: z.number().nullable().optional(),
});
const scrollBody = z
  .object({
    offset: rawId.nullable().optional(),
    limit: z.number().int().min(1).nullable().optional(),
    filter: filterInput,
    with_payload: withPayload.nullable().optional(),
    with_vector: withVector.nullable().optional(),
  })
  .nullable()
  .optional();
const countBody = z.object({ filter: filterInput, exact: z.boolean().nullable().optional() }).nullable().optional();
const deleteBody = z.object({ points: z.array(rawId).optional(), filter: filterInput });
const retrieveBody = z.object({ ids: z.array(rawId), with_payload: withPayload.nullable().optional(), with_vector: withVector.nullable().optional() });
const writeQuery = z.object({ wait: z.string().optional(), ordering: z.string().optional(), timeout: z.string().optional() });

type WithPayload = z.infer<typeof withPayload>;

function ok(result: unknown, startedAt: number): unknown {
  return { result, status: 'ok', time: (performance.now() - startedAt) / 1000 };
}

function toId(raw: unknown): PointId {
  const id = parsePointId(raw);
  if (id === undefined) {
    throw new HttpProblem(400, `Format error in JSON body: value ${String(raw)} is not a valid point ID, valid values are either an unsigned integer or a UUID`);
  }
  return id;
}

function selectPayload(payload: Readonly<Record<string, unknown>>, selector: WithPayload | null | undefined, fallback: boolean): Record<string, unknown> | null {
  const spec = selector ?? fallback;
  if (spec === false) return null;
  // Serialised at once and never changed: no copy needed.
  if (spec === true) return payload as Record<string, unknown>;
  const pick = (keys: readonly string[], keep: boolean): Record<string, unknown> =>
    Object.fromEntries(Object.entries(payload).filter(([k]) => keys.includes(k) === keep));
  if (Array.isArray(spec)) return pick(spec, true);
  if ('include' in spec) return pick(typeof spec.include === 'string' ? [spec.include] : spec.include, true);
  return pick(typeof spec.exclude === 'string' ? [spec.exclude] : spec.exclude, false);
}

function selectVector(point: StoredPoint, selector: boolean | string[] | null | undefined): number[] | null {
  if (selector === true || (Array.isArray(selector) && selector.includes(''))) return Array.from(point.vector);
  return null;
}

/**
 * The subset of Qdrant's REST API (v1.7 shapes) that the rag-server, `@rag-validate/clients`
 * and `@qdrant/js-client-rest` use, over a durable exact-search store.
 */
export function createVectorDbServer(options: VectorDbServerOptions): VectorDbServer {
  const inMemory = options.defects.has('in-memory-vector-db');
  const store = new PointStore(inMemory ? ':memory:' : join(options.dataDir, 'vector-db.sqlite'));
  const service = new ServiceApp({
    name: 'vector-db',
    logLevel: options.logLevel,
    ...(options.logStream === undefined ? {} : { logStream: options.logStream }),
    errorStyle: QDRANT_ERROR_STYLE,
    bodyLimitBytes: 32 * 1024 * 1024,
  });
  service.app.addHook('onClose', (_instance, done) => {
    store.close();
    done();
  });

  const registry = service.metrics.registry;
  new Gauge({
    name: QDRANT_METRICS.collectionsTotal.name,
    help: QDRANT_METRICS.collectionsTotal.help,
    registers: [registry],
    collect() {
      this.set(store.listCollections().length);
    },
  });
  new Gauge({
    name: QDRANT_METRICS.collectionsVectorTotal.name,
    help: QDRANT_METRICS.collectionsVectorTotal.help,
    registers: [registry],
    collect() {
      this.set(store.totalPoints());
    },
  });
  const restResponses = new Counter({
    name: QDRANT_METRICS.restResponsesTotal.name,
    help: QDRANT_METRICS.restResponsesTotal.help,
    labelNames: ['method', 'endpoint', 'status'],
    registers: [registry],
  });
  service.onResponse(({ method, route, statusCode }) => restResponses.inc({ method, endpoint: route, status: String(statusCode) }));

  const collectionOr404 = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (error) {
      if (error instanceof CollectionNotFoundError) throw new HttpProblem(404, error.message);
      if (error instanceof FilterError) throw new HttpProblem(400, `Format error in JSON body: ${error.message}`);
      throw error;
    }
  };
  const vectorFor = (collection: string, input: z.infer<typeof vectorInput>): Float32Array => {
    const info = store.getCollection(collection);
    if (info === undefined) throw new HttpProblem(404, `Not found: Collection \`${collection}\` doesn't exist!`);
    let values: number[];
    if (Array.isArray(input)) values = input;
    else {
      const unnamed = input[''];
      if (unnamed === undefined || Object.keys(input).length !== 1) throw new HttpProblem(400, 'Wrong input: named vectors are not supported by the reference vector-db; send the vector as a list');
      values = unnamed;
    }
    if (values.length !== info.size) throw new HttpProblem(400, `Wrong input: Vector dimension error: expected dim: ${info.size}, got ${values.length}`);
    return Float32Array.from(values);
  };
  const compile = (filter: unknown): PointPredicate => collectionOr404(() => compileFilter(filter));
  const record = (point: StoredPoint, payload: WithPayload | null | undefined, vector: boolean | string[] | null | undefined, payloadDefault: boolean) => ({
    id: point.id,
    payload: selectPayload(point.payload, payload, payloadDefault),
    vector: selectVector(point, vector),
  });
  const operation = (() => {
    let next = 0;
    return (wait: string | undefined) => ({ operation_id: next++, status: wait === 'false' ? 'acknowledged' : 'completed' });
  })();

  service.route({ method: 'GET', url: '/', summary: 'Version', handler: () => ({ title: 'qdrant - vector search engine', version: QDRANT_COMPAT_VERSION }) });
  for (const [url, text] of [
    ['/healthz', 'healthz check passed'],
    ['/livez', 'healthz check passed'],
    ['/readyz', 'all shards are ready'],
  ] as const) {
    service.route({ method: 'GET', url, summary: 'Kubernetes probe', produces: 'text/plain', handler: ({ reply }) => reply.type('text/plain; charset=utf-8').send(text) });
  }

  service.route({
    method: 'GET',
    url: '/collections',
    summary: 'List collections',
    handler: () => {
      const started = performance.now();
      return ok({ collections: store.listCollections().map((name) => ({ name })) }, started);
    },
  });
  service.route({
    method: 'GET',
    url: '/collections/:name',
    summary: 'Collection info',
    params: collectionParams,
    handler: ({ params }) => {
      const started = performance.now();
      const info = store.getCollection(params.name);
      if (info === undefined) throw new HttpProblem(404, `Not found: Collection \`${params.name}\` doesn't exist!`);
      return ok(
        {
          status: 'green',
          optimizer_status: 'ok',
          vectors_count: info.pointsCount,
          indexed_vectors_count: 0,
          points_count: info.pointsCount,
          segments_count: 1,
          config: {
            params: { vectors: { size: info.size, distance: info.distance }, shard_number: 1, replication_factor: 1, write_consistency_factor: 1, on_disk_payload: true },
            hnsw_config: { m: 16, ef_construct: 100, full_scan_threshold: 10_000, max_indexing_threads: 0, on_disk: false },
            optimizer_config: { deleted_threshold: 0.2, vacuum_min_vector_number: 1000, default_segment_number: 0, max_segment_size: null, memmap_threshold: null, indexing_threshold: 20_000, flush_interval_sec: 5, max_optimization_threads: 1 },
            wal_config: { wal_capacity_mb: 32, wal_segments_ahead: 0 },
            quantization_config: null,
          },
          payload_schema: {},
        },
        started,
      );
    },
  });
  service.route({
    method: 'GET',
    url: '/collections/:name/exists',
    summary: 'Whether a collection exists',
    params: collectionParams,
    handler: ({ params }) => ok({ exists: store.getCollection(params.name) !== undefined }, performance.now()),
  });
  service.route({
    method: 'PUT',
    url: '/collections/:name',
    summary: 'Create a collection',
    params: collectionParams,
    body: createBody,
    query: writeQuery,
    handler: ({ params, body }) => {
      const started = performance.now();
      const vectors = body.vectors;
      if (!('size' in vectors && 'distance' in vectors && typeof vectors.size === 'number')) {
        throw new HttpProblem(400, 'Wrong input: named vectors are not supported by the reference vector-db; send {"vectors": {"size", "distance"}}');
      }
      const params2 = vectorParams.parse(vectors);
      if (!store.createCollection(params.name, params2.size, params2.distance)) {
        throw new HttpProblem(409, `Wrong input: Collection \`${params.name}\` already exists!`);
      }
      return ok(true, started);
    },
  });
  service.route({
    method: 'DELETE',
    url: '/collections/:name',
    summary: 'Delete a collection',
    params: collectionParams,
    query: writeQuery,
    handler: ({ params }) => ok(store.deleteCollection(params.name), performance.now()),
  });
  service.route({
    method: 'PUT',
    url: '/collections/:name/index',
    summary: 'Create a payload index (accepted; search is exact, so it changes nothing)',
    params: collectionParams,
    body: z.object({ field_name: z.string().min(1), field_schema: z.unknown().optional() }),
    query: writeQuery,
    handler: ({ params, query }) => {
      const started = performance.now();
      if (store.getCollection(params.name) === undefined) throw new HttpProblem(404, `Not found: Collection \`${params.name}\` doesn't exist!`);
      return ok(operation(query.wait), started);
    },
  });
  service.route({
    method: 'PUT',
    url: '/collections/:name/points',
    summary: 'Upsert points',
    params: collectionParams,
    body: upsertBody,
    query: writeQuery,
    handler: ({ params, body, query }) => {
      const started = performance.now();
      const points: Array<{ id: PointId; vector: Float32Array; payload: Record<string, unknown> }> = [];
      if (body.points !== undefined) {
        for (const p of body.points) points.push({ id: toId(p.id), vector: vectorFor(params.name, p.vector), payload: p.payload ?? {} });
      } else if (body.batch !== undefined) {
        const { ids, vectors, payloads } = body.batch;
        if (vectors.length !== ids.length || (payloads != null && payloads.length !== ids.length)) {
          throw new HttpProblem(400, 'Wrong input: batch ids, vectors and payloads must have the same length');
        }
        ids.forEach((raw, i) => points.push({ id: toId(raw), vector: vectorFor(params.name, vectors[i] ?? []), payload: payloads?.[i] ?? {} }));
      } else {
        throw new HttpProblem(400, 'Format error in JSON body: expected "points" or "batch"');
      }
      collectionOr404(() => store.upsert(params.name, points));
      return ok(operation(query.wait), started);
    },
  });
  service.route({
    method: 'POST',
    url: '/collections/:name/points',
    summary: 'Retrieve points by id',
    params: collectionParams,
    body: retrieveBody,
    handler: ({ params, body }) => {
      const started = performance.now();
      const ids = body.ids.map(toId);
      const found = collectionOr404(() => ids.map((id) => store.get(params.name, id)).filter((p): p is StoredPoint => p !== undefined));
      return ok(found.map((p) => record(p, body.with_payload, body.with_vector, true)), started);
    },
  });
  service.route({
    method: 'GET',
    url: '/collections/:name/points/:id',
    summary: 'Retrieve one point',
    params: pointParams,
    handler: ({ params }) => {
      const started = performance.now();
      const id = parsePointId(/^\d+$/.test(params.id) ? Number(params.id) : params.id);
      if (id === undefined) throw new HttpProblem(400, `Format error: ${params.id} is not a valid point ID`);
      const point = collectionOr404(() => store.get(params.name, id));
      if (point === undefined) throw new HttpProblem(404, `Not found: No point with id ${params.id} found`);
      return ok(record(point, true, true, true), started);
    },
  });
  const searchPoints = (name: string, vector: Float32Array, body: { limit?: number | null | undefined; offset?: number | null | undefined; filter?: unknown; score_threshold?: number | null | undefined; with_payload?: WithPayload | null | undefined; with_vector?: boolean | string[] | null | undefined }) => {
    const predicate = compile(body.filter);
    const hits = collectionOr404(() =>
      store.search(name, vector, {
        limit: body.limit ?? 10,
        offset: body.offset ?? 0,
        predicate,
        prefilter: indexableCondition(body.filter),
        ...(body.score_threshold == null ? {} : { scoreThreshold: body.score_threshold }),
      }),
    );
    return hits.map(({ point, score }) => ({ ...record(point, body.with_payload, body.with_vector, false), version: 0, score }));
  };
  service.route({
    method: 'POST',
    url: '/collections/:name/points/search',
    summary: 'Exact nearest-neighbour search',
    params: collectionParams,
    body: searchBody,
    handler: ({ params, body }) => {
      const started = performance.now();
      return ok(searchPoints(params.name, vectorFor(params.name, body.vector), body), started);
    },
  });
  service.route({
    method: 'POST',
    url: '/collections/:name/points/search/batch',
    summary: 'Several searches in one request (one pass when they share the query vector)',
    params: collectionParams,
    body: z.object({ searches: z.array(searchBody).min(1).max(100) }),
    handler: ({ params, body }) => {
      const started = performance.now();
      const first = body.searches[0] as z.infer<typeof searchBody>;
      const sameVector = body.searches.every((s) => JSON.stringify(s.vector) === JSON.stringify(first.vector));
      if (!sameVector) return ok(body.searches.map((s) => searchPoints(params.name, vectorFor(params.name, s.vector), s)), started);
      const vector = vectorFor(params.name, first.vector);
      const options = body.searches.map((s) => ({
        limit: s.limit,
        offset: s.offset ?? 0,
        predicate: compile(s.filter),
        prefilter: indexableCondition(s.filter),
        ...(s.score_threshold == null ? {} : { scoreThreshold: s.score_threshold }),
      }));
      const results = collectionOr404(() => store.searchMany(params.name, vector, options));
      return ok(results.map((hits, i) => hits.map(({ point, score }) => ({ ...record(point, body.searches[i]?.with_payload, body.searches[i]?.with_vector, false), version: 0, score }))), started);
    },
  });
  service.route({
    method: 'POST',
    url: '/collections/:name/points/query',
    summary: 'Universal query (nearest-vector and filter-only forms)',
    params: collectionParams,
    body: queryBody,
    handler: ({ params, body }) => {
      const started = performance.now();
      const query = body.query;
      if (query === null || query === undefined) {
        const predicate = compile(body.filter);
        const all = collectionOr404(() => store.orderedPoints(params.name)).filter(predicate);
        const page = all.slice(body.offset ?? 0, (body.offset ?? 0) + (body.limit ?? 10));
        return ok({ points: page.map((p) => ({ ...record(p, body.with_payload, body.with_vector, false), version: 0, score: 1 })) }, started);
      }
      const vector = vectorFor(params.name, Array.isArray(query) ? query : query.nearest);
      return ok({ points: searchPoints(params.name, vector, body) }, started);
    },
  });
  service.route({
    method: 'POST',
    url: '/collections/:name/points/scroll',
    summary: 'Scroll points in id order, with a filter',
    params: collectionParams,
    body: scrollBody,
    handler: ({ params, body }) => {
      const started = performance.now();
      const limit = body?.limit ?? 10;
      const predicate = compile(body?.filter);
      const ordered = collectionOr404(() => store.orderedPoints(params.name));
      const offset = body?.offset == null ? undefined : toId(body.offset);
      let start = 0;
      if (offset !== undefined) {
        start = ordered.findIndex((p) => comparePointIds(p.id, offset) >= 0);
        if (start < 0) start = ordered.length;
      }
      const page: StoredPoint[] = [];
      let next: PointId | null = null;
      for (let i = start; i < ordered.length; i += 1) {
        const point = ordered[i] as StoredPoint;
        if (!predicate(point)) continue;
        if (page.length === limit) {
          next = point.id;
          break;
        }
        page.push(point);
      }
      return ok({ points: page.map((p) => record(p, body?.with_payload, body?.with_vector, true)), next_page_offset: next }, started);
    },
  });
  service.route({
    method: 'POST',
    url: '/collections/:name/points/count',
    summary: 'Count points (always exact)',
    params: collectionParams,
    body: countBody,
    handler: ({ params, body }) => {
      const started = performance.now();
      const predicate = compile(body?.filter);
      const prefilter = indexableCondition(body?.filter);
      return ok({ count: collectionOr404(() => (prefilter === undefined ? store.count(params.name, predicate) : store.count(params.name, predicate, prefilter))) }, started);
    },
  });
  service.route({
    method: 'POST',
    url: '/collections/:name/points/delete',
    summary: 'Delete points by ids or by filter',
    params: collectionParams,
    body: deleteBody,
    query: writeQuery,
    handler: ({ params, body, query }) => {
      const started = performance.now();
      if (body.points !== undefined) {
        const ids = body.points.map(toId);
        collectionOr404(() => store.deletePoints(params.name, { ids }));
      } else if (body.filter != null) {
        const predicate = compile(body.filter);
        collectionOr404(() => store.deletePoints(params.name, { predicate, prefilter: indexableCondition(body.filter) }));
      } else {
        throw new HttpProblem(400, 'Format error in JSON body: expected "points" or "filter"');
      }
      return ok(operation(query.wait), started);
    },
  });
  return { service, store };
}
