import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PerfResult } from '../result/perf-result.js';
import { renderPerfHtml } from './render-html.js';
import { renderPerfMarkdown } from './render-markdown.js';

/** Paths of the files written for one result. */
export interface PerfArtifacts {
  readonly json: string;
  readonly markdown: string;
  readonly html: string;
}

/**
 * Writes `<baseName>.json` (the result), `<baseName>.md` (summary) and `<baseName>.html` (the
 * self-contained report) into `dir`, creating it. Default base name: `perf-<scenario>`.
 */
export async function writePerfArtifacts(result: PerfResult, dir: string, baseName = `perf-${result.scenario.name}`): Promise<PerfArtifacts> {
  await mkdir(dir, { recursive: true });
  const paths = { json: join(dir, `${baseName}.json`), markdown: join(dir, `${baseName}.md`), html: join(dir, `${baseName}.html`) };
  await writeFile(paths.json, `${JSON.stringify(result, null, 1)}\n`);
  await writeFile(paths.markdown, renderPerfMarkdown(result));
  await writeFile(paths.html, renderPerfHtml(result));
  return paths;
}
