import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { comparePointIds, idFromKey, pointKey, type PointId } from './point-id.js';
import type { PointPredicate } from './qdrant-filter.js';

export const DISTANCES = ['Cosine', 'Dot', 'Euclid', 'Manhattan'] as const;
export type Distance = (typeof DISTANCES)[number];

export interface StoredPoint {
  readonly id: PointId;
  /** For Cosine collections the stored vector is normalised, as Qdrant does. */
  readonly vector: Float32Array;
  readonly payload: Readonly<Record<string, unknown>>;
}

export interface CollectionInfo {
  readonly name: string;
  readonly size: number;
  readonly distance: Distance;
  readonly createdAt: string;
  readonly pointsCount: number;
}

export interface SearchOptions {
  readonly limit: number;
  readonly offset: number;
  readonly predicate: PointPredicate;
  readonly scoreThreshold?: number;
  readonly prefilter?: Prefilter | undefined;
}

/** A condition an inverted index can answer; `complete` when it is the whole filter. */
export interface Prefilter {
  readonly key: string;
  readonly values: readonly unknown[];
  readonly complete?: boolean;
}

export interface ScoredStoredPoint {
  readonly point: StoredPoint;
  readonly score: number;
}

/** The named collection does not exist (answered as Qdrant's 404). */
export class CollectionNotFoundError extends Error {
  readonly collection: string;

  constructor(collection: string) {
    super(`Not found: Collection \`${collection}\` doesn't exist!`);
    this.name = 'CollectionNotFoundError';
    this.collection = collection;
  }
}

interface MemoryCollection {
  readonly name: string;
  readonly size: number;
  readonly distance: Distance;
  readonly createdAt: string;
  readonly points: Map<string, StoredPoint>;
  sorted: StoredPoint[] | undefined;
  /** All vectors of `sorted`, row by row, for a cache-friendly exact scan (rebuilt after writes). */
  matrix: Float32Array | undefined;
  /** Row of each point key in `sorted` / `matrix`. */
  rows: Map<string, number> | undefined;
  /** Inverted indexes (payload key → value → point keys), built on first use and kept up to date. */
  readonly indexes: Map<string, Map<string, Set<string>>>;
}

/** The index key of a payload value (`1` and `"1"` stay apart). */
function valueKey(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? `${typeof value}:${String(value)}` : undefined;
}

function indexValues(payload: Readonly<Record<string, unknown>>, key: string): unknown[] {
  if (!Object.hasOwn(payload, key)) return [];
  const value = payload[key];
  return Array.isArray(value) ? (value as unknown[]) : [value];
}

function addToIndex(index: Map<string, Set<string>>, pointKey: string, payload: Readonly<Record<string, unknown>>, field: string): void {
  for (const value of indexValues(payload, field)) {
    const k = valueKey(value);
    if (k === undefined) continue;
    let set = index.get(k);
    if (set === undefined) index.set(k, (set = new Set()));
    set.add(pointKey);
  }
}

function removeFromIndex(index: Map<string, Set<string>>, pointKey: string, payload: Readonly<Record<string, unknown>>, field: string): void {
  for (const value of indexValues(payload, field)) {
    const k = valueKey(value);
    if (k !== undefined) index.get(k)?.delete(pointKey);
  }
}

function normalise(vector: Float32Array): Float32Array {
  let norm = 0;
  for (const v of vector) norm += v * v;
  if (norm === 0) return vector;
  const scale = 1 / Math.sqrt(norm);
  return vector.map((v) => v * scale);
}

function toBlob(vector: Float32Array): Buffer {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
}

function fromBlob(blob: Buffer): Float32Array {
  const copy = new Uint8Array(blob.byteLength);
  copy.set(blob);
  return new Float32Array(copy.buffer);
}

/** Higher is better for Cosine and Dot; for Euclid and Manhattan the score is a distance (lower is better). */
export function higherIsBetter(distance: Distance): boolean {
  return distance === 'Cosine' || distance === 'Dot';
}

function dot(a: Float64Array, b: Float32Array): number {
  const n = a.length;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    s0 += (a[i] as number) * (b[i] as number);
    s1 += (a[i + 1] as number) * (b[i + 1] as number);
    s2 += (a[i + 2] as number) * (b[i + 2] as number);
    s3 += (a[i + 3] as number) * (b[i + 3] as number);
  }
  for (; i < n; i += 1) s0 += (a[i] as number) * (b[i] as number);
  return s0 + s1 + s2 + s3;
}

/** Dot product of `q` with row `row` of a row-major matrix. */
function dotRow(m: Float32Array, offset: number, q: Float64Array): number {
  const n = q.length;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    s0 += (m[offset + i] as number) * (q[i] as number);
    s1 += (m[offset + i + 1] as number) * (q[i + 1] as number);
    s2 += (m[offset + i + 2] as number) * (q[i + 2] as number);
    s3 += (m[offset + i + 3] as number) * (q[i + 3] as number);
  }
  for (; i < n; i += 1) s0 += (m[offset + i] as number) * (q[i] as number);
  return s0 + s1 + s2 + s3;
}

function euclid(a: Float64Array, b: Float32Array): number {
  let acc = 0;
  for (let i = 0; i < a.length; i += 1) {
    const d = (a[i] as number) - (b[i] as number);
    acc += d * d;
  }
  return Math.sqrt(acc);
}

function manhattan(a: Float64Array, b: Float32Array): number {
  let acc = 0;
  for (let i = 0; i < a.length; i += 1) acc += Math.abs((a[i] as number) - (b[i] as number));
  return acc;
}

/** The scoring function of a distance (chosen once per search, not per point). */
function scorer(distance: Distance): (a: Float64Array, b: Float32Array) => number {
  switch (distance) {
    case 'Cosine':
    case 'Dot':
      return dot;
    case 'Euclid':
      return euclid;
    case 'Manhattan':
      return manhattan;
  }
}

/**
 * Collections and points. Every write is committed to SQLite (WAL, synchronous=FULL) before it
 * returns, so an acknowledged write survives `kill -9`; reads and exact search run on an in-memory
 * copy loaded at open. With `path: ':memory:'` nothing touches disk (the `in-memory-vector-db`
 * defect).
 */
export class PointStore {
  readonly #db: Database.Database;
  readonly #collections = new Map<string, MemoryCollection>();
  readonly #statements: {
    insertCollection: Database.Statement<[string, number, string, string]>;
    deleteCollection: Database.Statement<[string]>;
    deleteCollectionPoints: Database.Statement<[string]>;
    upsertPoint: Database.Statement<[string, string, Buffer, string]>;
    deletePoint: Database.Statement<[string, string]>;
  };

  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.#db = new Database(path);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = FULL');
    this.#db.exec(`
      CREATE TABLE IF NOT EXISTS collections (name TEXT PRIMARY KEY, size INTEGER NOT NULL, distance TEXT NOT NULL, created_at TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS points (collection TEXT NOT NULL, id TEXT NOT NULL, vector BLOB NOT NULL, payload TEXT NOT NULL, PRIMARY KEY (collection, id)) WITHOUT ROWID;
    `);
    this.#statements = {
      insertCollection: this.#db.prepare('INSERT INTO collections (name, size, distance, created_at) VALUES (?, ?, ?, ?)'),
      deleteCollection: this.#db.prepare('DELETE FROM collections WHERE name = ?'),
      deleteCollectionPoints: this.#db.prepare('DELETE FROM points WHERE collection = ?'),
      upsertPoint: this.#db.prepare('INSERT OR REPLACE INTO points (collection, id, vector, payload) VALUES (?, ?, ?, ?)'),
      deletePoint: this.#db.prepare('DELETE FROM points WHERE collection = ? AND id = ?'),
    };
    this.#load();
  }

  #load(): void {
    const collections = this.#db.prepare('SELECT name, size, distance, created_at FROM collections').all() as Array<{ name: string; size: number; distance: Distance; created_at: string }>;
    for (const row of collections) {
      this.#collections.set(row.name, { name: row.name, size: row.size, distance: row.distance, createdAt: row.created_at, points: new Map(), sorted: undefined, matrix: undefined, rows: undefined, indexes: new Map() });
    }
    const rows = this.#db.prepare('SELECT collection, id, vector, payload FROM points').iterate() as IterableIterator<{ collection: string; id: string; vector: Buffer; payload: string }>;
    for (const row of rows) {
      const collection = this.#collections.get(row.collection);
      if (collection === undefined) continue;
      collection.points.set(row.id, { id: idFromKey(row.id), vector: fromBlob(row.vector), payload: JSON.parse(row.payload) as Record<string, unknown> });
    }
  }

  #collection(name: string): MemoryCollection {
    const collection = this.#collections.get(name);
    if (collection === undefined) throw new CollectionNotFoundError(name);
    return collection;
  }

  listCollections(): string[] {
    return [...this.#collections.keys()].sort();
  }

  getCollection(name: string): CollectionInfo | undefined {
    const c = this.#collections.get(name);
    if (c === undefined) return undefined;
    return { name: c.name, size: c.size, distance: c.distance, createdAt: c.createdAt, pointsCount: c.points.size };
  }

  /** Creates a collection; false when it already exists. */
  createCollection(name: string, size: number, distance: Distance): boolean {
    if (this.#collections.has(name)) return false;
    const createdAt = new Date().toISOString();
    this.#statements.insertCollection.run(name, size, distance, createdAt);
    this.#collections.set(name, { name, size, distance, createdAt, points: new Map(), sorted: undefined, matrix: undefined, rows: undefined, indexes: new Map() });
    return true;
  }

  /** Deletes a collection and its points; false when it did not exist. */
  deleteCollection(name: string): boolean {
    if (!this.#collections.has(name)) return false;
    this.#db.transaction(() => {
      this.#statements.deleteCollectionPoints.run(name);
      this.#statements.deleteCollection.run(name);
    })();
    this.#collections.delete(name);
    return true;
  }

  /** Inserts or replaces points in one transaction. Vectors must already have the collection's size. */
  upsert(name: string, points: ReadonlyArray<{ id: PointId; vector: Float32Array; payload: Record<string, unknown> }>): void {
    const collection = this.#collection(name);
    const prepared = points.map((p) => ({
      key: pointKey(p.id),
      point: { id: p.id, vector: collection.distance === 'Cosine' ? normalise(p.vector) : p.vector, payload: p.payload },
    }));
    this.#db.transaction(() => {
      for (const { key, point } of prepared) this.#statements.upsertPoint.run(name, key, toBlob(point.vector), JSON.stringify(point.payload));
    })();
    for (const { key, point } of prepared) {
      const previous = collection.points.get(key);
      for (const [field, index] of collection.indexes) {
        if (previous !== undefined) removeFromIndex(index, key, previous.payload, field);
        addToIndex(index, key, point.payload, field);
      }
      collection.points.set(key, point);
    }
    collection.sorted = undefined;
    collection.matrix = undefined;
    collection.rows = undefined;
  }

  /** Deletes the points with these ids or matching the predicate; returns how many were removed. */
  deletePoints(name: string, selector: { ids: readonly PointId[] } | { predicate: PointPredicate; prefilter?: Prefilter | undefined }): number {
    const collection = this.#collection(name);
    const keys =
      'ids' in selector
        ? selector.ids.map(pointKey).filter((k) => collection.points.has(k))
        : [...this.#candidates(collection, selector.prefilter)].filter((p) => selector.predicate(p)).map((p) => pointKey(p.id));
    if (keys.length === 0) return 0;
    this.#db.transaction(() => {
      for (const key of keys) this.#statements.deletePoint.run(name, key);
    })();
    for (const key of keys) {
      const previous = collection.points.get(key);
      if (previous !== undefined) for (const [field, index] of collection.indexes) removeFromIndex(index, key, previous.payload, field);
      collection.points.delete(key);
    }
    collection.sorted = undefined;
    collection.matrix = undefined;
    collection.rows = undefined;
    return keys.length;
  }

  /** All points in Qdrant's id order. */
  orderedPoints(name: string): readonly StoredPoint[] {
    const collection = this.#collection(name);
    collection.sorted ??= [...collection.points.values()].sort((a, b) => comparePointIds(a.id, b.id));
    return collection.sorted;
  }

  get(name: string, id: PointId): StoredPoint | undefined {
    return this.#collection(name).points.get(pointKey(id));
  }

  count(name: string, predicate: PointPredicate, prefilter?: Prefilter): number {
    const collection = this.#collection(name);
    let n = 0;
    for (const point of this.#candidates(collection, prefilter)) if (predicate(point)) n += 1;
    return n;
  }

  /**
   * Exact nearest-neighbour search over every point that passes the predicate. Rows are visited in
   * id order over one contiguous matrix (only the rows an inverted index allows, with a prefilter);
   * scores go into a bounded best-first list (ties: lower id first); objects only for the winners.
   */
  search(name: string, query: Float32Array, options: SearchOptions): ScoredStoredPoint[] {
    return this.searchMany(name, query, [options])[0] ?? [];
  }

  /** Several searches with the same query vector in one pass: each point is scored once. */
  searchMany(name: string, query: Float32Array, searches: readonly SearchOptions[]): ScoredStoredPoint[][] {
    const collection = this.#collection(name);
    const q = Float64Array.from(collection.distance === 'Cosine' ? normalise(query) : query);
    const better = higherIsBetter(collection.distance);
    const score = scorer(collection.distance);
    const points = this.orderedPoints(name);
    const matrix = collection.distance === 'Cosine' || collection.distance === 'Dot' ? this.#matrix(collection) : undefined;
    const size = collection.size;
    const wins = (s: number, other: number): boolean => (better ? s > other : s < other);
    const lists = searches.map((options) => ({
      options,
      keep: options.offset + options.limit,
      mask: options.prefilter === undefined ? undefined : this.#mask(collection, options.prefilter),
      checkPredicate: options.prefilter?.complete !== true,
      scores: [] as number[],
      points: [] as StoredPoint[],
    }));
    // Rows no list can use are skipped before scoring.
    const anyUnmasked = lists.some((l) => l.mask === undefined);
    for (let row = 0; row < points.length; row += 1) {
      if (!anyUnmasked && lists.every((l) => l.mask?.[row] === 0)) continue;
      const point = points[row] as StoredPoint;
      let s: number | undefined;
      for (const list of lists) {
        if (list.mask !== undefined && list.mask[row] === 0) continue;
        if (list.checkPredicate && !list.options.predicate(point)) continue;
        s ??= matrix === undefined ? score(q, point.vector) : dotRow(matrix, row * size, q);
        const threshold = list.options.scoreThreshold;
        if (threshold !== undefined && (better ? s < threshold : s > threshold)) continue;
        const n = list.scores.length;
        if (n === list.keep && !wins(s, list.scores[n - 1] as number)) continue;
        let at = n;
        while (at > 0 && wins(s, list.scores[at - 1] as number)) at -= 1;
        list.scores.splice(at, 0, s);
        list.points.splice(at, 0, point);
        if (list.scores.length > list.keep) {
          list.scores.pop();
          list.points.pop();
        }
      }
    }
    return lists.map((list) => {
      const out: ScoredStoredPoint[] = [];
      for (let i = list.options.offset; i < list.points.length; i += 1) out.push({ point: list.points[i] as StoredPoint, score: list.scores[i] as number });
      return out;
    });
  }

  /** Rows that an inverted index says can match (1) or cannot (0). */
  #mask(collection: MemoryCollection, prefilter: Prefilter): Uint8Array {
    const index = this.#index(collection, prefilter.key);
    const rows = this.#rows(collection);
    const mask = new Uint8Array(rows.size);
    for (const value of prefilter.values) {
      const k = valueKey(value);
      if (k === undefined) continue;
      for (const pointKey of index.get(k) ?? []) {
        const row = rows.get(pointKey);
        if (row !== undefined) mask[row] = 1;
      }
    }
    return mask;
  }

  #rows(collection: MemoryCollection): Map<string, number> {
    if (collection.rows === undefined) {
      const rows = new Map<string, number>();
      this.orderedPoints(collection.name).forEach((p, i) => rows.set(pointKey(p.id), i));
      collection.rows = rows;
    }
    return collection.rows;
  }

  #index(collection: MemoryCollection, field: string): Map<string, Set<string>> {
    let index = collection.indexes.get(field);
    if (index === undefined) {
      index = new Map();
      for (const [key, point] of collection.points) addToIndex(index, key, point.payload, field);
      collection.indexes.set(field, index);
    }
    return index;
  }

  #matrix(collection: MemoryCollection): Float32Array {
    if (collection.matrix === undefined) {
      const points = this.orderedPoints(collection.name);
      const matrix = new Float32Array(points.length * collection.size);
      points.forEach((p, i) => matrix.set(p.vector, i * collection.size));
      collection.matrix = matrix;
    }
    return collection.matrix;
  }

  /** Every point, or only those an inverted index says can match `prefilter` (in id order). */
  #candidates(collection: MemoryCollection, prefilter: Prefilter | undefined): readonly StoredPoint[] {
    const points = this.orderedPoints(collection.name);
    if (prefilter === undefined) return points;
    const mask = this.#mask(collection, prefilter);
    return points.filter((_, row) => mask[row] === 1);
  }

  totalPoints(): number {
    let n = 0;
    for (const c of this.#collections.values()) n += c.points.size;
    return n;
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }
}
