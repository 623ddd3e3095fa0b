import type { DefectSet } from '../defects.js';
import type { ChunkPoint } from './chunk-points.js';
import { DependencyFailure, isMissingCollection, type RagDependencies } from './rag-dependencies.js';

const UPSERT_BATCH = 256;

/**
 * Writes chunks to the vector-db: one bulk embedding call, the collection created when missing
 * (again after a vector-db lost it), the file's old chunks replaced, upserts in batches with
 * `wait=true`. With the `drop-indexed-chunks` defect it does all but the writes.
 */
export class ChunkIndexer {
  readonly #deps: RagDependencies;
  readonly #defects: DefectSet;
  readonly #ensured = new Set<string>();
  readonly #onWrite: (collection: string) => void;

  constructor(deps: RagDependencies, defects: DefectSet, onWrite: (collection: string) => void) {
    this.#deps = deps;
    this.#defects = defects;
    this.#onWrite = onWrite;
  }

  /** Creates the collection unless it is known to exist. */
  async ensureCollection(collection: string, size: number): Promise<void> {
    if (this.#ensured.has(collection)) return;
    const exists = await this.#deps.call('vector-db', 'get_collection', () => this.#deps.vectorDb.collectionExists(collection));
    if (!exists) {
      try {
        await this.#deps.call('vector-db', 'create_collection', () => this.#deps.vectorDb.createCollection(collection, { size, distance: 'Cosine' }));
      } catch (error) {
        // Another request created it first (409): fine.
        if (!(error instanceof DependencyFailure && error.kind === 'bad-response')) throw error;
        if (!(await this.#deps.vectorDb.collectionExists(collection).catch(() => false))) throw error;
      }
    }
    this.#ensured.add(collection);
  }

  /** Forgets what is known about a collection (after the vector-db said it does not exist). */
  forget(collection: string): void {
    this.#ensured.delete(collection);
  }

  /** Embeds and stores the points of one file (or one set of documents), replacing older chunks of that file. */
  async write(collection: string, points: readonly ChunkPoint[], replace: { filePath: string; removeAll: boolean } | undefined): Promise<void> {
    if (points.length === 0 && replace === undefined) return;
    const vectors = points.length === 0 ? [] : await this.#deps.embedMany(points.map((p) => p.embedText));
    if (this.#defects.has('drop-indexed-chunks')) return;
    const size = vectors[0]?.length ?? 384;
    const attempt = async (): Promise<void> => {
      await this.ensureCollection(collection, size);
      if (replace?.removeAll === true) await this.#deleteFile(collection, replace.filePath, 0);
      for (let i = 0; i < points.length; i += UPSERT_BATCH) {
        const batch = points.slice(i, i + UPSERT_BATCH).map((p, j) => ({ id: p.id, vector: vectors[i + j] ?? [], payload: p.payload as unknown as Record<string, unknown> }));
        await this.#deps.call('vector-db', 'upsert', () => this.#deps.vectorDb.upsertPoints(collection, batch, { wait: true }));
      }
      if (replace !== undefined && replace.removeAll !== true) await this.#deleteFile(collection, replace.filePath, points.length);
    };
    try {
      await attempt();
    } catch (error) {
      if (!isMissingCollection(error)) throw error;
      this.forget(collection);
      await attempt();
    } finally {
      this.#onWrite(collection);
    }
  }

  async #deleteFile(collection: string, filePath: string, fromIndex: number): Promise<void> {
    const must: unknown[] = [{ key: 'file_path', match: { value: filePath } }];
    if (fromIndex > 0) must.push({ key: 'chunk_index', range: { gte: fromIndex } });
    await this.#deps.call('vector-db', 'delete', () => this.#deps.vectorDb.deletePoints(collection, { filter: { must } }, { wait: true }));
  }

  /** Exact number of chunks in a collection (0 when it does not exist). */
  async count(collection: string, filter?: Record<string, unknown>): Promise<number> {
    try {
      return await this.#deps.call('vector-db', 'count', () => this.#deps.vectorDb.count(collection, filter === undefined ? {} : { filter }));
    } catch (error) {
      if (isMissingCollection(error)) {
        this.forget(collection);
        return 0;
      }
      throw error;
    }
  }
}
