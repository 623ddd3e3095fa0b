import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ResultsWriteError } from '../errors.js';
import type { ReadinessResult } from '../model/readiness-result.js';
import { renderJunit } from './render-junit.js';
import { renderMarkdown } from './render-markdown.js';

/** File names written into the output directory. */
export const READINESS_FILES = { json: 'readiness.json', markdown: 'readiness.md', junit: 'readiness.junit.xml' } as const;

export interface WrittenReadinessFiles {
  readonly json: string;
  readonly markdown: string;
  readonly junit: string;
}

/**
 * Writes readiness.json, readiness.md and readiness.junit.xml into `directory` (created if
 * needed). Each file is written to a temporary name and renamed, so a reader never sees half a
 * file. Throws `ResultsWriteError` when the directory cannot be written. `redact` is applied to
 * every file's text (the CLI passes its secret redactor).
 */
export async function writeReadinessResults(result: ReadinessResult, directory: string, options: { redact?: (text: string) => string } = {}): Promise<WrittenReadinessFiles> {
  const redact = options.redact ?? ((text: string) => text);
  const files: WrittenReadinessFiles = {
    json: join(directory, READINESS_FILES.json),
    markdown: join(directory, READINESS_FILES.markdown),
    junit: join(directory, READINESS_FILES.junit),
  };
  const contents: Array<[string, string]> = [
    [files.json, `${JSON.stringify(result, null, 2)}\n`],
    [files.markdown, renderMarkdown(result)],
    [files.junit, renderJunit(result)],
  ];
  try {
    await mkdir(directory, { recursive: true });
    for (const [path, text] of contents) {
      const temporary = `${path}.${process.pid}.tmp`;
      await writeFile(temporary, redact(text), 'utf8');
      await rename(temporary, path);
    }
  } catch (error) {
    throw new ResultsWriteError(directory, (error as NodeJS.ErrnoException).code ?? (error as Error).message, { cause: error });
  }
  return files;
}
