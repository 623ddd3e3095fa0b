/**
 * The retrieval golden set: a small code corpus (`golden/corpus/**`) and human-judged queries
 * (`golden/queries.jsonl`). See golden/README.md for the format.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LANGUAGE_BY_EXTENSION, languageOfPath, type IndexableLanguage } from '@rag-validate/config';
import { z } from 'zod';
import { GoldenSetError, type GoldenSetProblem } from './retrieval-errors.js';
import { normalizePath } from './retrieval-metrics.js';

/** Languages of corpus files, named as the rag-server names them. */
export type GoldenLanguage = IndexableLanguage;

/** The language of a source file from its extension (case-insensitive), or `undefined` when we do not know it. */
export function detectLanguage(path: string): GoldenLanguage | undefined {
  return languageOfPath(normalizePath(path));
}

/** A relevant path: relative to the golden directory, inside `corpus/`, no `..`, `/`-separated. */
const corpusPath = z
  .string()
  .min(1)
  .refine((p) => !p.includes('\\') && !p.startsWith('/') && !p.split('/').some((s) => s === '..' || s === '.' || s === ''), {
    message: 'must be a relative path with "/" separators and no ".", ".." or empty segments',
  })
  .refine((p) => p.startsWith('corpus/'), { message: 'must start with "corpus/"' });

/** One line of queries.jsonl. */
export const goldenQuerySchema = z
  .object({
    /** Stable id, `q` + at least three digits (`q001`). */
    id: z.string().regex(/^q\d{3,}$/, 'must look like q001'),
    /** The search text, as a user would type it. */
    query: z.string().refine((q) => q.trim().length > 0, 'must not be blank'),
    /** Language of the query text. */
    lang: z.enum(['ko', 'en']),
    /** The corpus files that answer the query (judged by a person), 1–3, paths relative to the golden directory. */
    relevant: z
      .array(corpusPath)
      .min(1)
      .max(3)
      .refine((paths) => new Set(paths).size === paths.length, 'must not list a file twice'),
    /** How hard the query is for a retriever: easy (shares keywords with the file), medium (paraphrase), hard (concept or cross-language). */
    difficulty: z.enum(['easy', 'medium', 'hard']),
  })
  .strict();

export type GoldenQuery = z.output<typeof goldenQuerySchema>;
export type QueryLang = GoldenQuery['lang'];
export type QueryDifficulty = GoldenQuery['difficulty'];

/** One corpus file. */
export interface GoldenFile {
  /** Path relative to the golden directory, `/`-separated (`corpus/python/db/connection_pool.py`). */
  readonly path: string;
  readonly language: GoldenLanguage;
  /** File content (UTF-8). */
  readonly content: string;
}

export interface GoldenSet {
  /** Absolute path of the golden directory the set was loaded from. */
  readonly dir: string;
  /** Corpus files, sorted by path. */
  readonly files: readonly GoldenFile[];
  /** Queries in file order. */
  readonly queries: readonly GoldenQuery[];
}

const QUERIES_FILE = 'queries.jsonl';
const CORPUS_DIR = 'corpus';

/**
 * The golden directory shipped with this package (`packages/e2e/golden`): the nearest ancestor of
 * this module's directory that holds `golden/queries.jsonl`, so it resolves the same from
 * `src/retrieval` (vitest, tsx) and from `dist/retrieval` (built).
 */
export function defaultGoldenDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'golden');
    if (existsSync(join(candidate, QUERIES_FILE))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  // Not found: return the expected location so loadGoldenSet reports it as missing.
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'golden');
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(async (entry) => {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) return listFiles(full);
      return entry.isFile() ? [full] : [];
    }),
  );
  return nested.flat();
}

function toGoldenPath(goldenDir: string, absolute: string): string {
  return relative(goldenDir, absolute).split(sep).join('/');
}

async function loadCorpus(goldenDir: string, problems: GoldenSetProblem[]): Promise<GoldenFile[]> {
  const corpusDir = join(goldenDir, CORPUS_DIR);
  let paths: string[];
  try {
    paths = await listFiles(corpusDir);
  } catch (error) {
    problems.push({ file: corpusDir, line: undefined, message: `cannot read the corpus directory: ${(error as Error).message}` });
    return [];
  }
  if (paths.length === 0) problems.push({ file: corpusDir, line: undefined, message: 'the corpus directory has no files' });
  const files: GoldenFile[] = [];
  for (const absolute of paths.sort()) {
    const language = detectLanguage(absolute);
    if (language === undefined) {
      problems.push({ file: absolute, line: undefined, message: `not a source file of a known language (known extensions: ${Object.keys(LANGUAGE_BY_EXTENSION).join(' ')})` });
      continue;
    }
    let content: string;
    try {
      content = await readFile(absolute, 'utf8');
    } catch (error) {
      problems.push({ file: absolute, line: undefined, message: `cannot read corpus file: ${(error as Error).message}` });
      continue;
    }
    if (content.trim() === '') {
      problems.push({ file: absolute, line: undefined, message: 'corpus file is empty' });
      continue;
    }
    files.push({ path: toGoldenPath(goldenDir, absolute), language, content });
  }
  return files;
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(line)'}: ${issue.message}`).join('; ');
}

function parseQueries(text: string, file: string, corpusPaths: ReadonlySet<string> | undefined, problems: GoldenSetProblem[]): GoldenQuery[] {
  const queries: GoldenQuery[] = [];
  const lineOfId = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (error) {
      problems.push({ file, line, message: `not valid JSON: ${(error as Error).message}` });
      return;
    }
    const parsed = goldenQuerySchema.safeParse(json);
    if (!parsed.success) {
      problems.push({ file, line, message: describeIssues(parsed.error) });
      return;
    }
    const query = parsed.data;
    const earlier = lineOfId.get(query.id);
    if (earlier !== undefined) {
      problems.push({ file, line, message: `duplicate id ${query.id} (first used on line ${earlier})` });
      return;
    }
    lineOfId.set(query.id, line);
    const missing = corpusPaths === undefined ? [] : query.relevant.filter((p) => !corpusPaths.has(p));
    if (missing.length > 0) {
      problems.push({ file, line, message: `${query.id}: relevant file${missing.length > 1 ? 's' : ''} not in the corpus: ${missing.join(', ')}` });
      return;
    }
    queries.push(query);
  });
  if (queries.length === 0 && problems.length === 0) problems.push({ file, line: undefined, message: 'no queries' });
  return queries;
}

/**
 * Loads and validates a golden set: every corpus file must be a source file of a known language,
 * every line of queries.jsonl must match {@link goldenQuerySchema}, ids must be unique and every
 * relevant path must be a corpus file. Throws {@link GoldenSetError} (`RV_ERR_GOLDEN_SET`) listing
 * every problem, the first one's file and line on the error itself.
 */
export async function loadGoldenSet(dir: string = defaultGoldenDir()): Promise<GoldenSet> {
  const goldenDir = resolve(dir);
  const problems: GoldenSetProblem[] = [];
  const files = await loadCorpus(goldenDir, problems);
  const corpusUnreadable = problems.some((p) => p.file === join(goldenDir, CORPUS_DIR));
  const queriesFile = join(goldenDir, QUERIES_FILE);
  let text: string | undefined;
  try {
    text = await readFile(queriesFile, 'utf8');
  } catch (error) {
    problems.push({ file: queriesFile, line: undefined, message: `cannot read the queries file: ${(error as Error).message}` });
  }
  const corpusPaths = corpusUnreadable ? undefined : new Set(files.map((f) => f.path));
  const queries = text === undefined ? [] : parseQueries(text, queriesFile, corpusPaths, problems);
  const [first, ...rest] = problems;
  if (first !== undefined) throw new GoldenSetError([first, ...rest]);
  return { dir: goldenDir, files, queries };
}

/**
 * The part of a golden set a target can index: only files in `languages`, only the relevant
 * paths among them, and only queries that still have a relevant file. For rag-servers that reject
 * some languages (the codev rag-server indexes .py, .java and .js, not .ts).
 */
export function restrictGoldenSet(set: GoldenSet, languages: Iterable<GoldenLanguage>): GoldenSet {
  const allowed = new Set(languages);
  const files = set.files.filter((f) => allowed.has(f.language));
  const kept = new Set(files.map((f) => f.path));
  const queries = set.queries
    .map((q) => ({ ...q, relevant: q.relevant.filter((p) => kept.has(p)) }))
    .filter((q) => q.relevant.length > 0);
  return { dir: set.dir, files, queries };
}
