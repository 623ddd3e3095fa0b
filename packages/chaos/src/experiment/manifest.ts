import { createHash } from 'node:crypto';
import { HttpStatusError, type VectorDbClient } from '@rag-validate/clients';

/** The indexed data at one moment: exact count plus every point id with a hash of its payload. */
export interface Manifest {
  readonly collection: string;
  /** Epoch ms. */
  readonly takenAt: number;
  /** Exact count (`POST /points/count {"exact": true}`). */
  readonly count: number;
  /** Point id → sha256 of its canonical payload (content, path, lines …). */
  readonly points: ReadonlyMap<string, string>;
}

/** True when the vector DB says the collection does not exist (a lost collection is an empty one). */
export function isMissingCollection(error: unknown): boolean {
  return error instanceof HttpStatusError && error.statusCode === 404;
}

/** Reads the manifest of a collection: an exact count and a full scroll. A missing collection has an empty manifest. */
export async function takeManifest(vectorDb: VectorDbClient, collection: string, options: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<Manifest> {
  const call = { ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }), ...(options.signal ? { signal: options.signal } : {}) };
  let count: number;
  let points: Awaited<ReturnType<VectorDbClient['scrollAll']>>;
  try {
    count = await vectorDb.count(collection, { exact: true }, call);
    points = await vectorDb.scrollAll(collection, { pageSize: 256 }, call);
  } catch (error) {
    if (!isMissingCollection(error)) throw error;
    return { collection, takenAt: Date.now(), count: 0, points: new Map() };
  }
  return {
    collection,
    takenAt: Date.now(),
    count,
    points: new Map(points.map((p) => [String(p.id), payloadHash(p.payload)])),
  };
}

/** sha256 of a payload as canonical JSON (keys sorted at every level). */
export function payloadHash(payload: unknown): string {
  return createHash('sha256').update(canonicalJson(payload)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** How the state after recovery differs from the pre-fault manifest. JSON-serialisable. */
export interface ManifestComparison {
  /** Points in the pre-fault manifest. */
  readonly before: number;
  readonly missing: number;
  readonly changed: number;
  readonly added: number;
  readonly countBefore: number;
  readonly countAfter: number;
  /** The exact count the recovered collection should have: the pre-fault count plus the new points. */
  readonly expectedCountAfter: number;
  /** Up to 10 ids, for the report. */
  readonly missingIds: readonly string[];
  readonly changedIds: readonly string[];
}

/** Compares two manifests. Pure. New points (from writes during the experiment) are counted, not held against it. */
export function compareManifests(before: Manifest, after: Manifest): ManifestComparison {
  const missingIds: string[] = [];
  const changedIds: string[] = [];
  for (const [id, hash] of before.points) {
    const now = after.points.get(id);
    if (now === undefined) missingIds.push(id);
    else if (now !== hash) changedIds.push(id);
  }
  const added = [...after.points.keys()].filter((id) => !before.points.has(id)).length;
  return {
    before: before.points.size,
    missing: missingIds.length,
    changed: changedIds.length,
    added,
    countBefore: before.count,
    countAfter: after.count,
    expectedCountAfter: before.count + added,
    missingIds: missingIds.slice(0, 10),
    changedIds: changedIds.slice(0, 10),
  };
}
