/** The languages the rag-server can chunk. */
export const INDEXABLE_LANGUAGES = ['python', 'java', 'javascript', 'typescript'] as const;
export type IndexableLanguage = (typeof INDEXABLE_LANGUAGES)[number];

export type ChunkType = 'file' | 'function' | 'class' | 'method' | 'interface' | 'enum' | 'document';

/** One piece of a source file that is embedded and searched on its own. */
export interface CodeChunk {
  readonly name: string;
  readonly codeType: ChunkType;
  readonly content: string;
  /** 1-based, inclusive. */
  readonly lineStart: number;
  readonly lineEnd: number;
  readonly parentClass?: string;
}

const EXTENSIONS: Readonly<Record<string, IndexableLanguage>> = {
  '.py': 'python',
  '.pyw': 'python',
  '.java': 'java',
  '.js': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  '.jsx': 'javascript',
  '.ts': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.tsx': 'typescript',
};

export const SUPPORTED_EXTENSIONS = Object.keys(EXTENSIONS);

export function languageOfPath(filePath: string): IndexableLanguage | undefined {
  const match = /(\.[A-Za-z0-9]+)$/.exec(filePath);
  return match === null ? undefined : EXTENSIONS[match[1]?.toLowerCase() ?? ''];
}

export function normaliseIndexLanguage(value: string): IndexableLanguage | undefined {
  const v = value.trim().toLowerCase();
  const aliases: Record<string, IndexableLanguage> = { py: 'python', python: 'python', java: 'java', js: 'javascript', javascript: 'javascript', ts: 'typescript', typescript: 'typescript' };
  return aliases[v];
}

/** The whole file as one chunk (`File_<basename>`, like the Task-06 JSON chunker). */
export function fileChunk(filePath: string, content: string): CodeChunk {
  const base = filePath.split(/[\\/]/).pop() ?? filePath;
  const lines = content.split('\n').length - (content.endsWith('\n') ? 1 : 0);
  return { name: `File_${base}`, codeType: 'file', content, lineStart: 1, lineEnd: Math.max(1, lines) };
}
