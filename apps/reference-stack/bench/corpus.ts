/**
 * A deterministic corpus of small source files for the benchmarks: Python, Java and JavaScript,
 * 2-3 definitions each, names drawn from word lists so retrieval has something to separate.
 */
const VERBS = ['load', 'save', 'parse', 'validate', 'compute', 'render', 'fetch', 'merge', 'filter', 'sort', 'encode', 'decode', 'index', 'search', 'export'];
const NOUNS = ['invoice', 'customer', 'order', 'report', 'book', 'member', 'loan', 'payment', 'session', 'token', 'config', 'schedule', 'metric', 'image', 'record'];

function pick<T>(list: readonly T[], n: number): T {
  return list[n % list.length] as T;
}

function pythonFile(i: number): string {
  const a = `${pick(VERBS, i)}_${pick(NOUNS, i * 7)}`;
  const b = `${pick(VERBS, i + 3)}_${pick(NOUNS, i * 11 + 1)}`;
  return `import json\n\nLIMIT_${i} = ${i % 97}\n\n\ndef ${a}_${i}(items, limit=LIMIT_${i}):\n    """${a.replace('_', ' ')} for batch ${i}."""\n    result = []\n    for item in items[:limit]:\n        result.append(json.dumps(item))\n    return result\n\n\nclass ${pick(NOUNS, i).replace(/^./, (c) => c.toUpperCase())}Service${i}:\n    def ${b}(self, value):\n        return value * ${(i % 7) + 2}\n`;
}

function javaFile(i: number): string {
  const noun = pick(NOUNS, i * 3);
  const cls = `${noun.replace(/^./, (c) => c.toUpperCase())}Repository${i}`;
  return `package com.example.bench${i % 10};\n\nimport java.util.List;\n\npublic class ${cls} {\n    private final int capacity = ${i};\n\n    public List<String> ${pick(VERBS, i)}${noun.replace(/^./, (c) => c.toUpperCase())}s(String query) {\n        return List.of(query, "${noun}-${i}");\n    }\n\n    public int count() {\n        return capacity;\n    }\n}\n`;
}

function jsFile(i: number): string {
  const fn = `${pick(VERBS, i * 5)}${pick(NOUNS, i + 2).replace(/^./, (c) => c.toUpperCase())}${i}`;
  return `const { readFileSync } = require('node:fs');\n\nfunction ${fn}(path) {\n  const text = readFileSync(path, 'utf8');\n  return text.split('\\n').filter((line) => line.includes('${pick(NOUNS, i)}'));\n}\n\nconst summarize${i} = (rows) => {\n  return { count: rows.length, first: rows[0] };\n};\n\nmodule.exports = { ${fn}, summarize${i} };\n`;
}

/** `count` files: `{ filePath, content, language }`, a third of each language. */
export function benchCorpus(count: number): Array<{ filePath: string; content: string; language: 'python' | 'java' | 'javascript' }> {
  return Array.from({ length: count }, (_, i) => {
    switch (i % 3) {
      case 0:
        return { filePath: `bench/py/module_${i}.py`, content: pythonFile(i), language: 'python' as const };
      case 1:
        return { filePath: `bench/java/Repo${i}.java`, content: javaFile(i), language: 'java' as const };
      default:
        return { filePath: `bench/js/util_${i}.js`, content: jsFile(i), language: 'javascript' as const };
    }
  });
}

/** Search queries in English and Korean that the corpus can answer. */
export const BENCH_QUERIES = [
  'load invoice items',
  'parse customer records',
  'validate order',
  'compute report metrics',
  'book repository count',
  'member loan',
  'fetch payment',
  'session token decode',
  'sort schedule',
  'export image',
  '도서 대출 기록',
  '결제 정보 조회',
  '주문 검증 함수',
  'JSON 파일 저장',
  'readFileSync split lines',
  'List.of query',
];

/** Indexes files through the rag-server with a few requests in flight; returns the elapsed milliseconds. */
export async function indexCorpus(
  files: ReturnType<typeof benchCorpus>,
  indexFile: (file: ReturnType<typeof benchCorpus>[number]) => Promise<unknown>,
  concurrency = 4,
): Promise<number> {
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < files.length) {
        const file = files[next++];
        if (file !== undefined) await indexFile(file);
      }
    }),
  );
  return performance.now() - started;
}
