import { realpath, readFile, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { HttpProblem } from '../http/http-problem.js';

function inside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * Reads a file the rag-server was asked to index by path. The path (relative to the root, or
 * absolute) must stay inside the configured root, also after resolving symlinks: anything else is
 * a 400, a missing file a 404, a directory a 400 and a file over the size limit a 413.
 */
export async function readIndexedFile(rootDir: string, filePath: string, maxBytes: number): Promise<string> {
  let root: string;
  try {
    root = await realpath(rootDir);
  } catch {
    throw new HttpProblem(400, 'Indexing by server path is not available: the indexing root (rootDir) does not exist on the server; send the file content instead');
  }
  const candidate = resolve(root, filePath);
  if (filePath.includes('\u0000') || !inside(root, candidate)) {
    throw new HttpProblem(400, `file_path must be inside the indexing root (rootDir); "${filePath}" is not`);
  }
  let real: string;
  try {
    real = await realpath(candidate);
  } catch {
    throw new HttpProblem(404, `File not found: ${filePath} (파일을 찾을 수 없습니다)`);
  }
  if (!inside(root, real)) throw new HttpProblem(400, `file_path must be inside the indexing root (rootDir); "${filePath}" links outside it`);
  const info = await stat(real);
  if (!info.isFile()) throw new HttpProblem(400, `file_path is not a regular file: ${filePath}`);
  if (info.size > maxBytes) throw new HttpProblem(413, `File too large to index: ${filePath} has ${info.size} bytes, the limit is ${maxBytes}`);
  return readFile(real, 'utf8');
}
