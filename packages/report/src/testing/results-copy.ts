import { cp, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';

/** The results the global setup produced for real (read-only: copy before changing anything). */
export function realResults(): { resultsDir: string; workDir: string; repoRoot: string } {
  return inject('realResults');
}

/** A private copy of the real results directory (and the generated monitoring files beside it), to damage in a test. */
export async function copyOfResults(): Promise<{ dir: string; resultsDir: string }> {
  const { workDir } = realResults();
  const dir = await mkdtemp(join(tmpdir(), 'rv-report-copy-'));
  await cp(join(workDir, 'results'), join(dir, 'results'), { recursive: true });
  await cp(join(workDir, 'deployment'), join(dir, 'deployment'), { recursive: true });
  return { dir, resultsDir: join(dir, 'results') };
}

/** A result file of the real results directory, parsed. */
export async function readResultJson<T>(name: string): Promise<T> {
  return JSON.parse(await readFile(join(realResults().resultsDir, name), 'utf8')) as T;
}
