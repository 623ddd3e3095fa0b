import { codeTerms, STOP_WORDS } from '../text/code-tokens.js';

/** Dimension of the vectors (the same as all-MiniLM-L6-v2's). */
export const EMBEDDING_DIMENSION = 384;

/** Feature weights: whole words dominate, n-grams add fuzzy overlap. */
const WEIGHTS = {
  word: 1,
  stopWord: 0.1,
  translation: 0.8,
  wordBigram: 0.5,
  charTrigram: 0.3,
  koreanBigram: 0.6,
} as const;

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * A deterministic, code-aware embedder: feature hashing of identifier parts (camelCase and
 * snake_case split, lowercased, plurals stemmed), whole identifiers, word bigrams, character
 * trigrams, Korean words, their character bigrams and their English glossary translations, with
 * sublinear term frequency, into 384 signed buckets, L2-normalised. Same text → same vector, in
 * any process. Stateless: no vocabulary and no IDF.
 */
export class HashingEmbedder {
  readonly dimension = EMBEDDING_DIMENSION;

  embed(text: string): number[] {
    const features = this.#features(text);
    const vector = new Float64Array(this.dimension);
    for (const [feature, weight] of features) {
      const hash = fnv1a(feature);
      const index = hash % this.dimension;
      const sign = (Math.imul(hash, 0x9e3779b1) >>> 31) === 0 ? 1 : -1;
      vector[index] = (vector[index] ?? 0) + sign * weight;
    }
    let norm = 0;
    for (const v of vector) norm += v * v;
    if (norm === 0) {
      // No features (empty or punctuation-only text): a fixed unit vector, still a valid embedding.
      return Array.from({ length: this.dimension }, () => 1 / Math.sqrt(this.dimension));
    }
    const scale = 1 / Math.sqrt(norm);
    return Array.from(vector, (v) => v * scale);
  }

  /** Feature → weight, with sublinear TF (1 + ln tf) applied per feature. */
  #features(text: string): Map<string, number> {
    const counts = new Map<string, { weight: number; count: number }>();
    const add = (feature: string, weight: number): void => {
      const entry = counts.get(feature);
      if (entry === undefined) counts.set(feature, { weight, count: 1 });
      else {
        entry.count += 1;
        entry.weight = Math.max(entry.weight, weight);
      }
    };
    const terms = codeTerms(text);
    let previous: string | undefined;
    for (const term of terms) {
      const word = term.text;
      if (term.kind === 'translation') {
        add(`w:${word}`, WEIGHTS.translation);
        continue;
      }
      const stop = STOP_WORDS.has(word);
      add(`w:${word}`, stop ? WEIGHTS.stopWord : WEIGHTS.word);
      if (term.kind === 'korean') {
        for (let i = 0; i + 2 <= word.length; i += 1) add(`k:${word.slice(i, i + 2)}`, WEIGHTS.koreanBigram);
      } else if (term.kind === 'part' && !stop && word.length >= 3) {
        const padded = `^${word}$`;
        const grams = padded.length - 2;
        for (let i = 0; i + 3 <= padded.length; i += 1) add(`c:${padded.slice(i, i + 3)}`, WEIGHTS.charTrigram / Math.sqrt(grams));
      }
      if (term.kind !== 'identifier') {
        if (previous !== undefined && !stop) add(`b:${previous} ${word}`, WEIGHTS.wordBigram);
        previous = stop ? undefined : word;
      }
    }
    const features = new Map<string, number>();
    for (const [feature, { weight, count }] of counts) features.set(feature, weight * (1 + Math.log(count)));
    return features;
  }
}
