import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ChaosRunResult } from './chaos-result.js';
import { renderChaosMarkdown } from './render-markdown.js';

/** Writes `chaos.json` (the typed result) and `chaos.md` (the report section) to the results directory. */
export async function writeChaosResults(resultsDir: string, result: ChaosRunResult): Promise<{ json: string; markdown: string }> {
  const dir = resolve(resultsDir);
  await mkdir(dir, { recursive: true });
  const json = join(dir, 'chaos.json');
  const markdown = join(dir, 'chaos.md');
  await writeFile(json, `${JSON.stringify(result, null, 2)}\n`, 'utf8');
  await writeFile(markdown, renderChaosMarkdown(result), 'utf8');
  return { json, markdown };
}
