import { glossaryTerms } from './korean-glossary.js';

/** A word of text as the embedder and the BM25 index see it. */
export interface Term {
  readonly text: string;
  /** Where it came from: a whole identifier, one of its parts, a Korean word, or a glossary translation. */
  readonly kind: 'identifier' | 'part' | 'korean' | 'translation';
}

const WORD = /[\p{L}\p{N}_]+/gu;
const HANGUL = /[\uAC00-\uD7A3]/u;

/** Korean particles and verb endings stripped from the end of a word (longest first). */
const KOREAN_SUFFIXES = [
  '해주세요', '어주세요', '주세요', '하는지', '합니다', '하세요', '하려면', '해줘', '하기', '하는', '하고', '하여', '해서', '한다', '된', '되는',
  '에서는', '으로는', '에서', '으로', '에게', '까지', '부터', '처럼', '보다', '이나', '이란',
  '을', '를', '이', '가', '은', '는', '의', '에', '로', '와', '과', '도', '만', '나', '란',
] as const;

/** Very common words of English prose and code keywords; they carry little meaning for retrieval. */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'of', 'to', 'in', 'on', 'at', 'by', 'for', 'and', 'or', 'not', 'is', 'are', 'be', 'it', 'as', 'with', 'that', 'this',
  'def', 'return', 'self', 'import', 'from', 'public', 'private', 'protected', 'static', 'void', 'const', 'let', 'var', 'function',
  'new', 'if', 'else', 'none', 'null', 'true', 'false', 'pass', 'final', 'package', 'export', 'default', 'async', 'await', 'try',
  'catch', 'except', 'raise', 'throw', 'throws',
]);

/** Splits an identifier at `_`, camelCase and letter/digit boundaries: `parseHTTPResponse2` → parse, http, response, 2. */
export function splitIdentifier(identifier: string): string[] {
  return identifier
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Za-z])([0-9])/g, '$1 $2')
    .replace(/([0-9])([A-Za-z])/g, '$1 $2')
    .split(/[\s_]+/)
    .filter((p) => p.length > 0)
    .map((p) => p.toLowerCase());
}

/** A light English stemmer (plurals only), so `files` meets `file` and `queries` meets `query`. */
export function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && /(sses|xes|ches|shes)$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is')) return word.slice(0, -1);
  return word;
}

/** Removes one trailing Korean particle or ending, keeping at least one syllable. */
export function stripKoreanSuffix(word: string): string {
  for (const suffix of KOREAN_SUFFIXES) {
    if (word.length > suffix.length && word.endsWith(suffix)) return word.slice(0, -suffix.length);
  }
  return word;
}

/**
 * The terms of a text: each identifier as a whole (lowercased), its parts (stemmed), and for Korean
 * words the particle-stripped word plus its glossary translations.
 */
export function codeTerms(text: string): Term[] {
  const terms: Term[] = [];
  for (const match of text.matchAll(WORD)) {
    const word = match[0];
    if (HANGUL.test(word)) {
      // Korean may be glued to Latin text ("pandas로"): split the scripts first.
      for (const piece of word.split(/(?<=[\uAC00-\uD7A3])(?=[^\uAC00-\uD7A3])|(?<=[^\uAC00-\uD7A3])(?=[\uAC00-\uD7A3])/u)) {
        if (HANGUL.test(piece)) {
          const base = stripKoreanSuffix(piece);
          terms.push({ text: base, kind: 'korean' });
          for (const english of glossaryTerms(base)) terms.push({ text: english, kind: 'translation' });
        } else {
          pushIdentifier(piece, terms);
        }
      }
      continue;
    }
    pushIdentifier(word, terms);
  }
  return terms;
}

function pushIdentifier(word: string, terms: Term[]): void {
  const parts = splitIdentifier(word);
  const whole = word.toLowerCase().replace(/^_+|_+$/g, '');
  if (whole.length === 0) return;
  if (parts.length > 1) terms.push({ text: whole, kind: 'identifier' });
  for (const part of parts) terms.push({ text: stem(part), kind: 'part' });
}

/** The distinct searchable words of a text, without stop words (for keyword lists and BM25). */
export function keywordTerms(text: string): string[] {
  return codeTerms(text)
    .map((t) => t.text)
    .filter((t) => !STOP_WORDS.has(t) && (t.length > 1 || /[\uAC00-\uD7A3]/u.test(t)));
}
