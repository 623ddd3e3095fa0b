import { uuidFromText } from '@rag-validate/clients';
import { keywordTerms, splitIdentifier } from '../text/code-tokens.js';
import type { CodeChunk } from './chunking/code-chunk.js';

/** Most keywords stored per chunk (they feed keyword candidate retrieval). */
export const MAX_KEYWORDS = 64;

/** The payload of a chunk point, shared by the Task-06 and HEAD routes. */
export interface ChunkPayload {
  readonly file_path: string;
  readonly name: string;
  readonly code_content: string;
  readonly code_type: string;
  readonly language: string;
  readonly line_start: number;
  readonly line_end: number;
  readonly keywords: readonly string[];
  readonly namespace: string | null;
  readonly parent_class: string | null;
  readonly indexed_at: string;
  readonly chunk_index: number;
  /** HEAD documents: the caller's id and metadata. */
  readonly document_id?: string;
  readonly metadata?: Readonly<Record<string, unknown>>;
}

export interface ChunkPoint {
  readonly id: string;
  readonly payload: ChunkPayload;
  /** What is embedded: names and file first, then the code (names carry much of the meaning). */
  readonly embedText: string;
}

/** Keywords: the extra words first (names, file), then the content's terms by frequency. */
export function chunkKeywords(extra: readonly string[], content: string): string[] {
  const counts = new Map<string, number>();
  for (const term of keywordTerms(content)) counts.set(term, (counts.get(term) ?? 0) + 1);
  const byFrequency = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([t]) => t);
  const first = extra.flatMap((e) => [e.toLowerCase(), ...splitIdentifier(e)]).filter((t) => t.length > 1);
  return [...new Set([...first, ...byFrequency])].slice(0, MAX_KEYWORDS);
}

/** The Java/Python namespace of a file (`package a.b;`), if any. */
export function namespaceOf(content: string): string | null {
  return /^\s*package\s+([\w.]+)\s*;/m.exec(content)?.[1] ?? null;
}

/** Deterministic point id of chunk `index` of a file: re-indexing a file overwrites its points. */
export function chunkPointId(collection: string, filePath: string, index: number): string {
  return uuidFromText(`${collection}\u0000${filePath}\u0000${index}`);
}

export function chunkPoints(collection: string, filePath: string, language: string, chunks: readonly CodeChunk[], extra: { namespace?: string | null; keywords?: readonly string[] } = {}): ChunkPoint[] {
  const indexedAt = new Date().toISOString();
  const base = (filePath.split(/[\\/]/).pop() ?? filePath).replace(/\.[^.]+$/, '');
  return chunks.map((chunk, index) => {
    const names = [chunk.name, ...(chunk.parentClass === undefined ? [] : [chunk.parentClass]), base, ...(extra.keywords ?? [])];
    return {
      id: chunkPointId(collection, filePath, index),
      payload: {
        file_path: filePath,
        name: chunk.name,
        code_content: chunk.content,
        code_type: chunk.codeType,
        language,
        line_start: chunk.lineStart,
        line_end: chunk.lineEnd,
        keywords: chunkKeywords(names, chunk.content),
        namespace: extra.namespace ?? null,
        parent_class: chunk.parentClass ?? null,
        indexed_at: indexedAt,
        chunk_index: index,
      },
      embedText: [filePath, chunk.parentClass === undefined ? chunk.name : `${chunk.parentClass}.${chunk.name}`, chunk.content].join('\n'),
    };
  });
}
