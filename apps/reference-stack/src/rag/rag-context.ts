import type { Gauge } from 'prom-client';
import type { DefectSet } from '../defects.js';
import { HttpProblem } from '../http/http-problem.js';
import type { Bm25IndexStore } from './bm25-index-store.js';
import type { ChunkIndexer } from './chunk-indexer.js';
import type { HybridSearcher } from './hybrid-search.js';
import { DependencyFailure, type RagDependencies } from './rag-dependencies.js';
import type { TemplateStore } from './template-store.js';

/** Resolved rag-server settings. */
export interface RagSettings {
  readonly collection: string;
  readonly rootDir: string;
  readonly maxFileBytes: number;
}

/** Everything a route module needs. */
export interface RagContext {
  readonly settings: RagSettings;
  readonly deps: RagDependencies;
  readonly defects: DefectSet;
  readonly indexer: ChunkIndexer;
  readonly searcher: HybridSearcher;
  readonly bm25: Bm25IndexStore;
  readonly templates: TemplateStore;
  readonly indexChunks: Gauge<'collection'>;
  /**
   * Runs work that calls dependencies. A DependencyFailure becomes 503 (unavailable) or 502 (bad
   * answer) with `{"detail": "<dependency> unavailable: <reason>"}`, unless a defect is on:
   * `hang-on-dependency-down` never answers, `empty-results-on-dependency-error` answers the fallback.
   */
  guard<T>(work: () => Promise<T>, fallback?: () => T): Promise<T>;
}

export function createGuard(defects: DefectSet): RagContext['guard'] {
  return async <T>(work: () => Promise<T>, fallback?: () => T): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof DependencyFailure)) throw error;
      if (defects.has('hang-on-dependency-down')) return new Promise<T>(() => undefined);
      if (fallback !== undefined && defects.has('empty-results-on-dependency-error')) return fallback();
      throw new HttpProblem(error.kind === 'unavailable' ? 503 : 502, error.message, { cause: error, ...(error.kind === 'unavailable' ? { headers: { 'retry-after': '5' } } : {}) });
    }
  };
}

/** Python's `datetime.utcnow().isoformat()`: naive UTC with microseconds, no `Z`. */
export function naiveIsoNow(): string {
  return new Date().toISOString().replace('Z', '000');
}
