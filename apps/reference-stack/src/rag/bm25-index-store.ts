import type Database from 'better-sqlite3';
import { bm25Scores, corpusOf, termStats, type CorpusStats, type TermStats } from './bm25.js';
import { keywordTerms } from '../text/code-tokens.js';

export interface Bm25Document {
  readonly id: string;
  readonly content: string;
  readonly metadata: Readonly<Record<string, unknown>>;
}

interface LoadedIndex {
  readonly docs: Map<string, Bm25Document & { stats: TermStats }>;
  corpus: CorpusStats | undefined;
}

/**
 * HEAD's named BM25 indexes (`/api/v1/indexing/bm25/index`, `/api/v1/search/bm25`), stored in
 * SQLite and searched in memory by the same instance that writes them, so a document is
 * searchable as soon as it is indexed (no staleness, unlike HEAD).
 */
export class Bm25IndexStore {
  readonly #db: Database.Database;
  readonly #loaded = new Map<string, LoadedIndex>();

  constructor(db: Database.Database) {
    this.#db = db;
  }

  #index(name: string): LoadedIndex {
    let index = this.#loaded.get(name);
    if (index === undefined) {
      index = { docs: new Map(), corpus: undefined };
      const rows = this.#db.prepare('SELECT doc_id, content, metadata FROM bm25_docs WHERE index_name = ?').all(name) as Array<{ doc_id: string; content: string; metadata: string }>;
      for (const row of rows) index.docs.set(row.doc_id, { id: row.doc_id, content: row.content, metadata: JSON.parse(row.metadata) as Record<string, unknown>, stats: termStats(row.content) });
      this.#loaded.set(name, index);
    }
    return index;
  }

  /** Adds or replaces documents (durably, then in memory). */
  add(name: string, documents: readonly Bm25Document[]): void {
    const insert = this.#db.prepare('INSERT OR REPLACE INTO bm25_docs (index_name, doc_id, content, metadata) VALUES (?, ?, ?, ?)');
    this.#db.transaction(() => {
      for (const doc of documents) insert.run(name, doc.id, doc.content, JSON.stringify(doc.metadata));
    })();
    const index = this.#index(name);
    for (const doc of documents) index.docs.set(doc.id, { ...doc, stats: termStats(doc.content) });
    index.corpus = undefined;
  }

  /** Deletes an index; false when it did not exist. */
  drop(name: string): boolean {
    const result = this.#db.prepare('DELETE FROM bm25_docs WHERE index_name = ?').run(name);
    const existed = this.#loaded.delete(name) || result.changes > 0;
    return existed;
  }

  names(): string[] {
    const rows = this.#db.prepare('SELECT DISTINCT index_name FROM bm25_docs ORDER BY index_name').all() as Array<{ index_name: string }>;
    return rows.map((r) => r.index_name);
  }

  size(name: string): number {
    return this.#index(name).docs.size;
  }

  /** The best documents for a query with their BM25 scores (> 0 only), best first. */
  search(name: string, query: string, limit: number, filter?: (doc: Bm25Document) => boolean): Array<{ doc: Bm25Document; score: number }> {
    const index = this.#index(name);
    if (index.docs.size === 0) return [];
    const all = [...index.docs.values()];
    index.corpus ??= corpusOf(all.map((d) => d.stats));
    const candidates = filter === undefined ? all : all.filter(filter);
    const scores = bm25Scores(keywordTerms(query), candidates.map((d) => d.stats), index.corpus);
    return candidates
      .map((doc, i) => ({ doc: { id: doc.id, content: doc.content, metadata: doc.metadata }, score: scores[i] ?? 0 }))
      .filter((r) => r.score > 0)
      .sort((a, b) => b.score - a.score || (a.doc.id < b.doc.id ? -1 : 1))
      .slice(0, limit);
  }
}
