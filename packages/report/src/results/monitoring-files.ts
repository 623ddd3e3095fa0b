import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { isGeneratedContent } from '@rag-validate/monitoring-config';

/** The monitoring files `rag-validate monitoring generate` wrote, as found next to the results. */
export interface MonitoringFiles {
  /** Absolute directory. */
  readonly dir: string;
  readonly files: ReadonlyArray<{
    /** Path inside `dir`, with `/` separators. */
    readonly path: string;
    /** True when the file carries the generator's DO-NOT-EDIT header. */
    readonly generated: boolean;
  }>;
}

/** Most files listed from a monitoring directory. */
const MAX_FILES = 200;

/**
 * The first of `candidates` that holds a `prometheus.yml`, with every file under it (sorted), or
 * null when none does. Never throws: an unreadable candidate is passed over.
 */
export async function findMonitoringFiles(candidates: readonly string[]): Promise<MonitoringFiles | null> {
  for (const candidate of candidates) {
    const dir = resolve(candidate);
    const paths = await listFiles(dir).catch(() => null);
    if (paths === null || !paths.includes('prometheus.yml')) continue;
    const files = await Promise.all(
      paths.slice(0, MAX_FILES).map(async (path) => ({
        path,
        generated: await readFile(join(dir, path), 'utf8').then(isGeneratedContent, () => false),
      })),
    );
    return { dir, files };
  }
  return null;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
}
