import { join } from 'node:path';
import type { AreaFile } from '../../results/area-file.js';
import type { ReportResults } from '../../results/load-results.js';
import type { OverallVerdict } from '../../summary/area-verdicts.js';
import { esc, hrefTo, note, type LinkBase } from './html.js';

/** What every section renderer gets. */
export interface RenderContext {
  readonly results: ReportResults;
  readonly verdict: OverallVerdict;
  readonly links: LinkBase;
}

/** Links to those of `names` that exist in the results directory (`files: e2e.json · e2e-junit.xml`). */
export function fileLinks(ctx: RenderContext, names: readonly string[]): string {
  const present = names.filter((n) => ctx.results.files.includes(n));
  if (present.length === 0) return '';
  return `<p class="files">files: ${present.map((n) => `<a href="${esc(hrefTo(ctx.links, join(ctx.results.dir, n)))}">${esc(n)}</a>`).join(' ')}</p>`;
}

/** The paragraph shown instead of an area's content when its file is missing or unreadable. */
export function notAvailable(file: Exclude<AreaFile<unknown>, { state: 'ok' }>, howToProduce: string): string {
  return file.state === 'unreadable'
    ? `<p class="unreadable">unreadable: ${esc(file.file)}: ${esc(file.reason)}</p>`
    : note(`no results: ${esc(file.file)} is not in the results directory. ${howToProduce}`);
}
