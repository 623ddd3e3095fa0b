import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defaultGoldenDir, detectLanguage, type GoldenSet, loadGoldenSet, restrictGoldenSet } from './golden-set.js';
import { GoldenSetError } from './retrieval-errors.js';

describe('the shipped golden set', () => {
  let set: GoldenSet;
  beforeAll(async () => {
    set = await loadGoldenSet();
  });

  it('loads from the default directory (packages/e2e/golden)', () => {
    expect(set.dir).toBe(defaultGoldenDir());
    expect(set.dir.split(/[\\/]/).slice(-3)).toEqual(['packages', 'e2e', 'golden']);
  });

  it('has at least 30 corpus files, at least 8 each of Python, Java and JavaScript', () => {
    expect(set.files.length).toBeGreaterThanOrEqual(30);
    const count = (language: string): number => set.files.filter((f) => f.language === language).length;
    expect(count('python')).toBeGreaterThanOrEqual(8);
    expect(count('java')).toBeGreaterThanOrEqual(8);
    expect(count('javascript')).toBeGreaterThanOrEqual(8);
  });

  it('keeps every corpus file between 20 and 120 lines', () => {
    for (const file of set.files) {
      const lines = file.content.trimEnd().split('\n').length;
      expect(lines, file.path).toBeGreaterThanOrEqual(20);
      expect(lines, file.path).toBeLessThanOrEqual(120);
    }
  });

  it('has at least 50 queries, at least 20 in Korean and 20 in English, and some hard ones', () => {
    expect(set.queries.length).toBeGreaterThanOrEqual(50);
    expect(set.queries.filter((q) => q.lang === 'ko').length).toBeGreaterThanOrEqual(20);
    expect(set.queries.filter((q) => q.lang === 'en').length).toBeGreaterThanOrEqual(20);
    expect(set.queries.filter((q) => q.difficulty === 'hard').length).toBeGreaterThanOrEqual(5);
  });

  it('points every relevant path at a corpus file', () => {
    const paths = new Set(set.files.map((f) => f.path));
    for (const query of set.queries) {
      for (const relevant of query.relevant) expect(paths.has(relevant), `${query.id} → ${relevant}`).toBe(true);
    }
  });

  it('labels each query with the language its text is written in', () => {
    const hangul = /[\uac00-\ud7a3]/;
    for (const query of set.queries) expect(hangul.test(query.query), `${query.id}: ${query.query}`).toBe(query.lang === 'ko');
  });

  it('has no query that is merely a file name', () => {
    // A query must describe the code, not copy the file name (an identifier like LoanService.returnBook is fine).
    const squash = (s: string): string => s.toLowerCase().replace(/[^a-z0-9\uac00-\ud7a3]/g, '');
    const names = new Set(set.files.flatMap((f) => {
      const base = f.path.split('/').pop()!;
      return [squash(base), squash(base.replace(/\.[^.]+$/, ''))];
    }));
    for (const query of set.queries) expect(names.has(squash(query.query)), `${query.id}: ${query.query}`).toBe(false);
  });

  it('has no two queries with the same text', () => {
    const texts = set.queries.map((q) => q.query.trim().toLowerCase());
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('gives every corpus file a distinct content', () => {
    expect(new Set(set.files.map((f) => f.content)).size).toBe(set.files.length);
  });

  it('still has at least 50 queries (20 per language) for a target that cannot index TypeScript', () => {
    const restricted = restrictGoldenSet(set, ['python', 'java', 'javascript']);
    expect(restricted.queries.length).toBeGreaterThanOrEqual(50);
    expect(restricted.queries.filter((q) => q.lang === 'ko').length).toBeGreaterThanOrEqual(20);
    expect(restricted.queries.filter((q) => q.lang === 'en').length).toBeGreaterThanOrEqual(20);
  });

  it('matches the counts stated in golden/README.md', async () => {
    const readme = (await readFile(join(set.dir, 'README.md'), 'utf8')).replace(/\s+/g, ' ');
    const count = <T>(items: readonly T[], pick: (item: T) => boolean): number => items.filter(pick).length;
    const q = set.queries;
    expect(readme).toContain(`corpus/ ${set.files.length} source files`);
    for (const language of ['python', 'java', 'javascript', 'typescript'] as const) {
      expect(readme).toContain(`${language}/ ${count(set.files, (f) => f.language === language)} files`);
    }
    expect(readme).toContain(
      `queries.jsonl ${q.length} queries: ${count(q, (x) => x.lang === 'ko')} Korean, ${count(q, (x) => x.lang === 'en')} English; ` +
        `${count(q, (x) => x.difficulty === 'easy')} easy, ${count(q, (x) => x.difficulty === 'medium')} medium, ${count(q, (x) => x.difficulty === 'hard')} hard`,
    );
    const r = restrictGoldenSet(set, ['python', 'java', 'javascript']);
    const dropped = q.filter((x) => !r.queries.some((y) => y.id === x.id)).map((x) => x.id);
    expect(readme).toContain(`the ${dropped.length} queries answered only by them`);
    expect(readme).toContain(
      `leaving ${r.files.length} files and ${r.queries.length} queries (${count(r.queries, (x) => x.lang === 'ko')} Korean, ${count(r.queries, (x) => x.lang === 'en')} English)`,
    );
  });
});

describe('detectLanguage', () => {
  it.each([
    ['a/b/c.py', 'python'],
    ['C.JAVA', 'java'],
    ['x.mjs', 'javascript'],
    ['x.jsx', 'javascript'],
    ['x.tsx', 'typescript'],
    ['corpus\\ts\\x.ts', 'typescript'],
  ])('%s is %s', (path, language) => {
    expect(detectLanguage(path)).toBe(language);
  });

  it.each(['README.md', 'Makefile', '.py', 'a/b.txt'])('%s has no known language', (path) => {
    expect(detectLanguage(path)).toBeUndefined();
  });
});

describe('golden set validation', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
  });

  const PY = 'def f():\n    return 1\n';
  const good = (id: string, relevant = ['corpus/a.py']): string =>
    JSON.stringify({ id, query: 'what does f return', lang: 'en', relevant, difficulty: 'easy' });

  async function goldenDir(files: Record<string, string>): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'rv-golden-'));
    dirs.push(dir);
    for (const [path, content] of Object.entries(files)) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), content);
    }
    return dir;
  }

  async function loadError(dir: string): Promise<GoldenSetError> {
    const error: unknown = await loadGoldenSet(dir).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(GoldenSetError);
    return error as GoldenSetError;
  }

  it('loads a minimal valid set, skipping blank lines', async () => {
    const dir = await goldenDir({ 'corpus/a.py': PY, 'corpus/sub/b.js': 'export const b = 1;\n', 'queries.jsonl': `${good('q001')}\n\n${good('q002', ['corpus/sub/b.js', 'corpus/a.py'])}\n` });
    const set = await loadGoldenSet(dir);
    expect(set.files).toEqual([
      { path: 'corpus/a.py', language: 'python', content: PY },
      { path: 'corpus/sub/b.js', language: 'javascript', content: 'export const b = 1;\n' },
    ]);
    expect(set.queries.map((q) => q.id)).toEqual(['q001', 'q002']);
  });

  it('reports a line that is not JSON with file and line number', async () => {
    const dir = await goldenDir({ 'corpus/a.py': PY, 'queries.jsonl': `${good('q001')}\n{"id": "q002",\n` });
    const error = await loadError(dir);
    expect(error.code).toBe('RV_ERR_GOLDEN_SET');
    expect(error.file).toBe(join(dir, 'queries.jsonl'));
    expect(error.line).toBe(2);
    expect(error.message).toContain('queries.jsonl:2: not valid JSON');
  });

  it('reports schema problems by field, and every bad line', async () => {
    const lines = [
      good('q001'),
      JSON.stringify({ id: 'q002', query: 'x', lang: 'fr', relevant: ['corpus/a.py'], difficulty: 'easy' }),
      JSON.stringify({ id: 'q003', query: '   ', lang: 'en', relevant: [], difficulty: 'easy' }),
      JSON.stringify({ id: 'q004', query: 'x', lang: 'en', relevant: ['corpus/a.py'], difficulty: 'easy', score: 1 }),
      JSON.stringify({ id: 'q005', query: 'x', lang: 'en', relevant: ['../etc/passwd'], difficulty: 'easy' }),
    ];
    const dir = await goldenDir({ 'corpus/a.py': PY, 'queries.jsonl': lines.join('\n') });
    const error = await loadError(dir);
    expect(error.line).toBe(2);
    expect(error.problems.map((p) => p.line)).toEqual([2, 3, 4, 5]);
    expect(error.problems[0]!.message).toMatch(/^lang: /);
    expect(error.problems[1]!.message).toMatch(/query: must not be blank/);
    expect(error.problems[1]!.message).toMatch(/relevant: /);
    expect(error.problems[2]!.message).toMatch(/score/);
    expect(error.problems[3]!.message).toMatch(/relevant\.0: must be a relative path/);
  });

  it('rejects duplicate ids, pointing at the second use', async () => {
    const dir = await goldenDir({ 'corpus/a.py': PY, 'queries.jsonl': `${good('q001')}\n${good('q001')}\n` });
    const error = await loadError(dir);
    expect(error.line).toBe(2);
    expect(error.message).toContain('duplicate id q001 (first used on line 1)');
  });

  it('rejects a relevant path that is not a corpus file', async () => {
    const dir = await goldenDir({ 'corpus/a.py': PY, 'queries.jsonl': `${good('q001', ['corpus/a.py', 'corpus/missing.py'])}\n` });
    const error = await loadError(dir);
    expect(error.line).toBe(1);
    expect(error.message).toContain('relevant file not in the corpus: corpus/missing.py');
  });

  it('rejects a corpus file of unknown language', async () => {
    const dir = await goldenDir({ 'corpus/a.py': PY, 'corpus/notes.md': '# notes\n', 'queries.jsonl': `${good('q001')}\n` });
    const error = await loadError(dir);
    expect(error.file).toBe(join(dir, 'corpus', 'notes.md'));
    expect(error.line).toBeUndefined();
    expect(error.message).toContain('not a source file of a known language');
  });

  it('reports a missing directory as one error naming both the corpus and the queries file', async () => {
    const dir = join(tmpdir(), `rv-golden-missing-${process.pid}-${Date.now()}`);
    const error = await loadError(dir);
    expect(error.problems.map((p) => p.file)).toEqual([join(dir, 'corpus'), join(dir, 'queries.jsonl')]);
  });

  it('rejects an empty queries file', async () => {
    const dir = await goldenDir({ 'corpus/a.py': PY, 'queries.jsonl': '\n' });
    expect((await loadError(dir)).message).toContain('no queries');
  });
});

describe('restrictGoldenSet', () => {
  it('drops files of other languages, their relevant paths, and queries left without one', () => {
    const set: GoldenSet = {
      dir: '/g',
      files: [
        { path: 'corpus/a.py', language: 'python', content: 'x' },
        { path: 'corpus/b.ts', language: 'typescript', content: 'y' },
      ],
      queries: [
        { id: 'q001', query: 'a', lang: 'en', relevant: ['corpus/a.py', 'corpus/b.ts'], difficulty: 'easy' },
        { id: 'q002', query: 'b', lang: 'ko', relevant: ['corpus/b.ts'], difficulty: 'hard' },
      ],
    };
    const restricted = restrictGoldenSet(set, ['python', 'java', 'javascript']);
    expect(restricted.files.map((f) => f.path)).toEqual(['corpus/a.py']);
    expect(restricted.queries).toEqual([{ id: 'q001', query: 'a', lang: 'en', relevant: ['corpus/a.py'], difficulty: 'easy' }]);
    expect(set.queries[0]!.relevant).toHaveLength(2);
  });
});
