import { keywordTerms } from '../text/code-tokens.js';

/** Term frequencies and length of one document. */
export interface TermStats {
  readonly tf: ReadonlyMap<string, number>;
  readonly length: number;
}

export function termStats(text: string): TermStats {
  const tf = new Map<string, number>();
  const terms = keywordTerms(text);
  for (const term of terms) tf.set(term, (tf.get(term) ?? 0) + 1);
  return { tf, length: terms.length };
}

/** Document frequencies and sizes of a corpus. */
export interface CorpusStats {
  readonly documents: number;
  readonly averageLength: number;
  documentFrequency(term: string): number;
}

export function corpusOf(docs: readonly TermStats[]): CorpusStats {
  const df = new Map<string, number>();
  let total = 0;
  for (const doc of docs) {
    total += doc.length;
    for (const term of doc.tf.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  }
  return { documents: docs.length, averageLength: docs.length === 0 ? 0 : total / docs.length, documentFrequency: (t) => df.get(t) ?? 0 };
}

/** Okapi BM25 (k1 = 1.2, b = 0.75, the non-negative "plus one" IDF) of each document for the query terms. */
export function bm25Scores(queryTerms: readonly string[], docs: readonly TermStats[], corpus: CorpusStats = corpusOf(docs)): number[] {
  const k1 = 1.2;
  const b = 0.75;
  const terms = [...new Set(queryTerms)];
  const idf = new Map(terms.map((t) => {
    const n = corpus.documentFrequency(t);
    return [t, Math.log(1 + (corpus.documents - n + 0.5) / (n + 0.5))] as const;
  }));
  const avg = corpus.averageLength || 1;
  return docs.map((doc) => {
    let score = 0;
    for (const term of terms) {
      const f = doc.tf.get(term);
      if (f === undefined) continue;
      score += (idf.get(term) ?? 0) * ((f * (k1 + 1)) / (f + k1 * (1 - b + (b * doc.length) / avg)));
    }
    return score;
  });
}

/** Scales scores to 0..1 by the largest one (all zeros stay zero). */
export function normaliseScores(scores: readonly number[]): number[] {
  const max = Math.max(0, ...scores);
  return max === 0 ? scores.map(() => 0) : scores.map((s) => s / max);
}

/** A bounded cache of term statistics, keyed by document id and content fingerprint. */
export class TermStatsCache {
  readonly #entries = new Map<string, TermStats>();
  readonly #capacity: number;

  constructor(capacity = 50_000) {
    this.#capacity = capacity;
  }

  get(id: string, content: string): TermStats {
    const key = `${id}:${content.length}:${fingerprint(content)}`;
    const hit = this.#entries.get(key);
    if (hit !== undefined) return hit;
    const stats = termStats(content);
    if (this.#entries.size >= this.#capacity) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(key, stats);
    return stats;
  }
}

function fingerprint(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
