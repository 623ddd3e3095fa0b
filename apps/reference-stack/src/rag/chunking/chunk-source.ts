import { fileChunk, type CodeChunk, type IndexableLanguage } from './code-chunk.js';
import { chunkJava } from './java-chunker.js';
import { chunkJavaScript } from './js-chunker.js';
import { chunkPython } from './python-chunker.js';

/** The file chunk plus one chunk per definition; no chunks for an empty file. */
export function chunkSource(filePath: string, content: string, language: IndexableLanguage): CodeChunk[] {
  if (content.trim().length === 0) return [];
  const definitions = language === 'python' ? chunkPython(content) : language === 'java' ? chunkJava(content) : chunkJavaScript(content);
  return [fileChunk(filePath, content), ...definitions];
}
