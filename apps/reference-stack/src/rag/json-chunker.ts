import type { CodeChunk } from './chunking/code-chunk.js';
import { fileChunk } from './chunking/code-chunk.js';
import type { CodeAnalysisInput } from './rag-schemas.js';

/**
 * Task-06 chunking of pre-analysed code (`/api/v1/indexing/json`): the file, then one chunk per
 * class (`class <Name>`) and per method (`<returnType|void> <name>(<params>)`), the latter two at
 * line 1. Keywords: file name, framework, module, class and method names, referenced simple names.
 */
export function chunkAnalysis(data: CodeAnalysisInput): { chunks: CodeChunk[]; keywords: string[] } {
  const chunks: CodeChunk[] = [fileChunk(data.filePath, data.code)];
  for (const cls of data.classes) {
    chunks.push({ name: cls.name, codeType: 'class', content: `class ${cls.name}`, lineStart: 1, lineEnd: 1 });
    for (const method of cls.methods) {
      chunks.push({ name: method.name, codeType: 'method', parentClass: cls.name, content: `${method.returnType ?? 'void'} ${method.name}(${method.params.join(', ')})`, lineStart: 1, lineEnd: 1 });
    }
  }
  const base = (data.filePath.split(/[\\/]/).pop() ?? data.filePath).replace(/\.java$/i, '');
  const keywords = [
    base,
    ...(data.framework ? [data.framework] : []),
    ...(data.module ? [data.module] : []),
    ...data.classes.flatMap((c) => [c.name, ...c.methods.map((m) => m.name)]),
    ...data.references.map((r) => r.split('.').pop() ?? r),
  ];
  return { chunks, keywords: [...new Set(keywords)] };
}
