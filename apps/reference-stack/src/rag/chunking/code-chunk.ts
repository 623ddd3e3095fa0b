import { LANGUAGE_BY_EXTENSION, type IndexableLanguage } from '@rag-validate/config';

/** The languages the rag-server can chunk, and how it tells them by extension (a contract fact, kept in @rag-validate/config). */
export { INDEXABLE_LANGUAGES, languageOfPath, type IndexableLanguage } from '@rag-validate/config';

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

export const SUPPORTED_EXTENSIONS = Object.keys(LANGUAGE_BY_EXTENSION);

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
