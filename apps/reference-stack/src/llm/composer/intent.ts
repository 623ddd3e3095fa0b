import { keywordTerms, splitIdentifier } from '../../text/code-tokens.js';

/** What a request asks for, as far as the composer's recipes care. */
export interface Intent {
  readonly terms: ReadonlySet<string>;
  readonly csv: boolean;
  readonly json: boolean;
  readonly read: boolean;
  readonly write: boolean;
  readonly http: boolean;
  readonly sort: boolean;
  readonly average: boolean;
  readonly sum: boolean;
  readonly count: boolean;
  readonly file: boolean;
  readonly pandas: boolean;
  /** snake_case words for the function name (`read_csv_file`). */
  readonly nameWords: readonly string[];
}

const VERBS = ['read', 'load', 'write', 'save', 'parse', 'sort', 'search', 'find', 'filter', 'delete', 'remove', 'create', 'update', 'count', 'calculate', 'fetch', 'get', 'convert', 'validate', 'send', 'increase', 'decrease', 'borrow', 'return'];
const NOT_NAME_WORDS = new Set(['function', 'def', 'method', 'class', 'code', 'make', 'create', 'implement', 'impl', 'example', 'please', 'simple', 'using', 'use', 'write', 'generate', 'new', 'that', 'which', 'python', 'java', 'javascript', 'typescript', 'go', 'golang', 'all']);

export function detectIntent(request: string): Intent {
  const terms = new Set(keywordTerms(request).map((t) => t.toLowerCase()));
  const has = (...words: string[]): boolean => words.some((w) => terms.has(w));
  const read = has('read', 'load', 'open', 'import', 'parse');
  const write = !read && has('write', 'save', 'export', 'store');
  const verb = VERBS.find((v) => terms.has(v)) ?? (read ? 'read' : write ? 'write' : undefined);
  const objects = [...terms].filter((t) => /^[a-z][a-z0-9]*$/.test(t) && !VERBS.includes(t) && !NOT_NAME_WORDS.has(t) && t.length > 1).slice(0, 2);
  const nameWords = [...(verb === undefined ? [] : [verb]), ...objects].flatMap((w) => splitIdentifier(w));
  return {
    terms,
    csv: has('csv'),
    json: has('json'),
    read,
    write,
    http: has('http', 'api', 'url', 'fetch', 'download', 'request', 'endpoint'),
    sort: has('sort', 'order', 'sorted'),
    average: has('average', 'mean', 'avg'),
    sum: has('sum', 'total'),
    count: has('count'),
    file: has('file'),
    pandas: has('pandas', 'dataframe', 'df'),
    nameWords: nameWords.length > 0 ? nameWords : ['solve', 'request'],
  };
}

/** Relevance of an identifier to the request: how many of its parts the request mentions. */
export function relevance(identifier: string, intent: Intent): number {
  const parts = splitIdentifier(identifier);
  const whole = identifier.toLowerCase();
  let score = intent.terms.has(whole) ? 3 : 0;
  for (const part of parts) if (intent.terms.has(part) || intent.terms.has(part.replace(/s$/, ''))) score += 1;
  return score;
}

export function snakeCase(words: readonly string[]): string {
  const name = words.join('_').replace(/[^a-z0-9_]/g, '');
  return /^[a-z_]/.test(name) ? name : `fn_${name}`;
}

export function camelCase(words: readonly string[]): string {
  const [first = 'solve', ...rest] = words;
  const name = first + rest.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
  return name.replace(/[^A-Za-z0-9_]/g, '');
}

export function pascalCase(words: readonly string[]): string {
  const camel = camelCase(words);
  return camel.charAt(0).toUpperCase() + camel.slice(1);
}

/** A one-line comment text (no newlines, no comment terminators). */
export function commentText(text: string, max = 160): string {
  const single = text.replace(/\s+/g, ' ').replace(/\*\//g, '* /').trim();
  return single.length > max ? `${single.slice(0, max - 1)}…` : single;
}

/** A module name from a file path: `src/data_loader.py` → `data_loader`. */
export function moduleNameOf(filePath: string | undefined): string | undefined {
  if (filePath === undefined) return undefined;
  const base = filePath.split(/[\\/]/).pop() ?? '';
  const stem = base.replace(/\.[^.]+$/, '').replace(/[^A-Za-z0-9_]/g, '_');
  if (stem.length === 0) return undefined;
  return /^[0-9]/.test(stem) ? `_${stem}` : stem;
}
