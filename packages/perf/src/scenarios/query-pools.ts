import type { GenerationLanguage } from '@rag-validate/clients';

/**
 * What the load sends: search queries and generation prompts in Korean and English, the kind of
 * questions the seed's load test asked ("pandas DataFrame", "CSV 파일을 읽는 함수" …). Calls take
 * them in turn (call n uses entry n mod length), so every run sends the same sequence.
 */
export const SEARCH_QUERIES: readonly string[] = [
  'pandas DataFrame',
  'CSV 파일을 읽는 함수',
  '데이터베이스 연결',
  'error handling',
  'API client',
  'async function',
  '파일 업로드 처리',
  'JSON 파싱',
  'database connection pool',
  '사용자 인증 로직',
  'retry with exponential backoff',
  '로그 설정',
  'read a CSV file',
  '정렬 알고리즘',
  'HTTP request timeout',
  '예외 처리 데코레이터',
];

export interface GenerationPrompt {
  readonly query: string;
  readonly language: GenerationLanguage;
}

export const GENERATION_PROMPTS: readonly GenerationPrompt[] = [
  { query: 'CSV 파일을 읽는 함수를 만들어주세요', language: 'python' },
  { query: '간단한 유틸리티 함수를 작성해주세요', language: 'python' },
  { query: 'Write a function that opens a database connection and retries on failure', language: 'python' },
  { query: '데이터 처리 클래스를 만들어주세요', language: 'java' },
  { query: 'API 호출 함수를 구현해주세요', language: 'javascript' },
  { query: 'Write an error handling wrapper for async functions', language: 'javascript' },
  { query: 'pandas DataFrame 에서 결측치를 처리하는 함수', language: 'python' },
  { query: 'Read a JSON config file and validate its fields', language: 'python' },
];

/**
 * The source file indexed by call n: `__N__` is the call number, `__TOPIC__` a search query (so
 * searches find the new files). Exported k6 and Locust scripts use the same template.
 */
export const INDEX_FILE_TEMPLATE = [
  '"""Synthetic module __N__ for indexing load: __TOPIC__."""',
  'import csv',
  '',
  '',
  'def read_rows___N__(path):',
  '    """Reads the rows of a CSV file (__TOPIC__)."""',
  '    with open(path, newline="") as handle:',
  '        return list(csv.reader(handle))',
  '',
  '',
  'class Loader__N__:',
  '    def __init__(self, path):',
  '        self.path = path',
  '',
  '    def load(self):',
  '        return read_rows___N__(self.path)',
  '',
].join('\n');

/** A small source file for indexing load: unique per call, so every call indexes new content. */
export function indexFileFor(runId: string, seq: number): { filePath: string; content: string; language: string } {
  const name = `perf_${runId.replace(/[^a-zA-Z0-9]/g, '_')}_${seq}`;
  const topic = SEARCH_QUERIES[seq % SEARCH_QUERIES.length] ?? 'load';
  return {
    filePath: `perf-load/${runId}/${name}.py`,
    language: 'python',
    content: INDEX_FILE_TEMPLATE.replaceAll('__N__', String(seq)).replaceAll('__TOPIC__', topic),
  };
}
