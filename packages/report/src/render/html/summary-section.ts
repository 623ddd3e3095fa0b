import { AREA_TITLES } from '../../results/area-file.js';
import { isFailing } from '../../summary/area-verdicts.js';
import { formatMs } from '../format.js';
import { badge, esc, section, table } from './html.js';
import type { RenderContext } from './render-context.js';

/** The verdict of every area, with links to their sections. */
export function summarySection(ctx: RenderContext): string {
  const rows = ctx.verdict.areas.map((a) => ({
    className: isFailing(a.status) ? 'failed' : '',
    cells: [
      `<a href="#${a.area}">${esc(AREA_TITLES[a.area])}</a>`,
      badge(a.status),
      esc(a.summary),
      `<span class="num">${a.durationMs === undefined ? '–' : esc(formatMs(a.durationMs))}</span>`,
    ],
  }));
  const run = ctx.results.run;
  const source =
    run.state === 'ok'
      ? `Verdicts from run.json (rag-validate run of ${esc(run.value.startedAt)}) and the result files.`
      : run.state === 'unreadable'
        ? `<span class="unreadable">run.json unreadable: ${esc(run.reason)}</span>; verdicts from the result files.`
        : 'No run.json: verdicts from the result files.';
  return section('summary', 'Summary', `${table(['area', 'verdict', 'summary', 'time'], rows, 'summary')}<p class="note">${source}</p>`, ctx.verdict.status);
}
