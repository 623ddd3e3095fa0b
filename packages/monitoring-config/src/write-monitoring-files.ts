import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';
import { MonitoringWriteError } from './errors.js';
import type { GeneratedFile } from './files/generated-file.js';
import { isGeneratedContent } from './files/render.js';

export interface WriteMonitoringFilesOptions {
  /** Only compare: write nothing, report what is stale, missing or left over. Default: false. */
  readonly check?: boolean;
}

/** What `writeMonitoringFiles` found (check) or did (write). Paths are relative to `dir`. */
export interface WriteMonitoringFilesResult {
  readonly dir: string;
  readonly check: boolean;
  /** Files whose content already matched. */
  readonly current: string[];
  /** Files that exist with other content (check: left alone; write: rewritten). */
  readonly stale: string[];
  /** Files that do not exist (check: left alone; write: created). */
  readonly missing: string[];
  /**
   * Files that carry the generator's DO-NOT-EDIT marker but are no longer generated (e.g. a
   * dashboard that was renamed). Check: reported; write: deleted.
   */
  readonly orphaned: string[];
  /** True when nothing is stale, missing or orphaned (after a write: always true). */
  readonly upToDate: boolean;
}

/**
 * Writes generated files under `dir` (creating directories), or with `check: true` only reports
 * which are stale, missing or orphaned so CI can fail on files nobody regenerated. Files whose
 * content is already current are not touched. Throws `MonitoringWriteError` on I/O failure.
 */
export async function writeMonitoringFiles(dir: string, files: readonly GeneratedFile[], options: WriteMonitoringFilesOptions = {}): Promise<WriteMonitoringFilesResult> {
  const { check = false } = options;
  const current: string[] = [];
  const stale: string[] = [];
  const missing: string[] = [];
  for (const file of files) {
    const existing = await readIfExists(join(dir, file.path));
    if (existing === undefined) missing.push(file.path);
    else if (existing === file.content) current.push(file.path);
    else stale.push(file.path);
  }
  const orphaned = await findOrphans(dir, files);

  if (!check) {
    for (const file of files) {
      if (current.includes(file.path)) continue;
      const target = join(dir, file.path);
      await io(target, async () => {
        await mkdir(dirname(target), { recursive: true });
        await writeFile(target, file.content, 'utf8');
      });
    }
    for (const path of orphaned) await io(join(dir, path), () => rm(join(dir, path), { force: true }));
  }
  return { dir, check, current, stale, missing, orphaned, upToDate: !check || stale.length + missing.length + orphaned.length === 0 };
}

async function io(path: string, action: () => Promise<unknown>): Promise<void> {
  try {
    await action();
  } catch (error) {
    throw new MonitoringWriteError(path, (error as NodeJS.ErrnoException).code ?? (error as Error).message, { cause: error });
  }
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new MonitoringWriteError(path, code ?? (error as Error).message, { cause: error });
  }
}

/**
 * Generated-looking files in the directories the generator writes to that it did not generate this
 * time. Only those directories are searched (never the whole tree), and only files with the marker
 * count, so hand-written files next to the generated ones are never reported or deleted.
 */
async function findOrphans(dir: string, files: readonly GeneratedFile[]): Promise<string[]> {
  const generated = new Set(files.map((file) => file.path));
  const dirs = new Set(files.map((file) => posix.dirname(file.path)));
  const orphans: string[] = [];
  for (const sub of [...dirs].sort()) {
    let entries: string[];
    try {
      entries = (await readdir(join(dir, sub), { withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => entry.name);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw new MonitoringWriteError(join(dir, sub), (error as NodeJS.ErrnoException).code ?? (error as Error).message, { cause: error });
    }
    for (const name of entries.sort()) {
      const path = sub === '.' ? name : `${sub}/${name}`;
      if (generated.has(path) || !/\.(ya?ml|json)$/.test(name)) continue;
      const content = await readIfExists(join(dir, path));
      if (content !== undefined && isGeneratedContent(content)) orphans.push(path);
    }
  }
  return orphans;
}
