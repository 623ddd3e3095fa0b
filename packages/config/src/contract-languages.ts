/**
 * The languages the rag-server indexes, and the file extensions it recognises them by (the codev
 * contract: Python, Java, JavaScript, TypeScript). The reference stack chunks by it; the retrieval
 * golden set labels its corpus with it.
 */
export const INDEXABLE_LANGUAGES = ['python', 'java', 'javascript', 'typescript'] as const;
export type IndexableLanguage = (typeof INDEXABLE_LANGUAGES)[number];

export const LANGUAGE_BY_EXTENSION: Readonly<Record<string, IndexableLanguage>> = {
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

/** The language of a file from its extension (case-insensitive), or `undefined` when the rag-server does not index it. */
export function languageOfPath(filePath: string): IndexableLanguage | undefined {
  const name = filePath.split(/[\\/]/).pop() ?? '';
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return undefined;
  return LANGUAGE_BY_EXTENSION[name.slice(dot).toLowerCase()];
}
