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

function score(distance: Distance, a: Float32Array, b: Float32Array): number {
  let acc = 0;
  const n = a.length;
  switch (distance) {
    case 'Cosine':
    case 'Dot':
      for (let i = 0; i < n; i += 1) acc += (a[i] as number) * (b[i] as number);
      return acc;
    case 'Euclid':
      for (let i = 0; i < n; i += 1) {
        const d = (a[i] as number) - (b[i] as number);
        acc += d * d;
      }
      return Math.sqrt(acc);
    case 'Manhattan':
      for (let i = 0; i < n; i += 1) acc += Math.abs((a[i] as number) - (b[i] as number));
      return acc;
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
      this.#collections.set(row.name, { name: row.name, size: row.size, distance: row.distance, createdAt: row.created_at, points: new Map(), sorted: undefined });
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
    this.#collections.set(name, { name, size, distance, createdAt, points: new Map(), sorted: undefined });
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
    for (const { key, point } of prepared) collection.points.set(key, point);
    collection.sorted = undefined;
  }

  /** Deletes the points with these ids or matching the predicate; returns how many were removed. */
  deletePoints(name: string, selector: { ids: readonly PointId[] } | { predicate: PointPredicate }): number {
    const collection = this.#collection(name);
    const keys =
      'ids' in selector
        ? selector.ids.map(pointKey).filter((k) => collection.points.has(k))
        : [...collection.points.entries()].filter(([, p]) => selector.predicate(p)).map(([k]) => k);
    if (keys.length === 0) return 0;
    this.#db.transaction(() => {
      for (const key of keys) this.#statements.deletePoint.run(name, key);
    })();
    for (const key of keys) collection.points.delete(key);
    collection.sorted = undefined;
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

  count(name: string, predicate: PointPredicate): number {
    const collection = this.#collection(name);
    let n = 0;
    for (const point of collection.points.values()) if (predicate(point)) n += 1;
    return n;
  }

  /** Exact nearest-neighbour search over every point that passes the predicate. */
  search(name: string, query: Float32Array, options: { limit: number; offset: number; predicate: PointPredicate; scoreThreshold?: number }): ScoredStoredPoint[] {
    const collection = this.#collection(name);
    const q = collection.distance === 'Cosine' ? normalise(query) : query;
    const better = higherIsBetter(collection.distance);
    const threshold = options.scoreThreshold;
    const scored: ScoredStoredPoint[] = [];
    for (const point of collection.points.values()) {
      if (!options.predicate(point)) continue;
      const s = score(collection.distance, q, point.vector);
      if (threshold !== undefined && (better ? s < threshold : s > threshold)) continue;
      scored.push({ point, score: s });
    }
    scored.sort((a, b) => (better ? b.score - a.score : a.score - b.score) || comparePointIds(a.point.id, b.point.id));
    return scored.slice(options.offset, options.offset + options.limit);
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
