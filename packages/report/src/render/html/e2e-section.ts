import { formatEvidence, formatMs } from '../format.js';
import { badge, details, esc, section, table } from './html.js';
import { fileLinks, notAvailable, type RenderContext } from './render-context.js';

/** Every e2e suite and case, with its evidence (open for failures and findings). */
export function e2eSection(ctx: RenderContext): string {
  const status = ctx.verdict.areas.find((a) => a.area === 'e2e')?.status;
  const file = ctx.results.e2e;
  if (file.state !== 'ok') return section('e2e', 'End-to-end', notAvailable(file, 'Run `rag-validate e2e` or `rag-validate run` to produce it.'), status);
  const e2e = file.value;
  const overview = table(
    ['suite', 'verdict', 'pass', 'fail', 'finding', 'skip', 'time'],
    e2e.suites.map((s) => ({
      className: s.status === 'fail' ? 'failed' : '',
      cells: [
        `<a href="#e2e-${esc(s.suite)}">${esc(s.title)}</a>`,
        badge(s.status),
        ...(['pass', 'fail', 'finding', 'skip'] as const).map((k) => `<span class="num">${s.counts[k] ?? 0}</span>`),
        `<span class="num">${esc(formatMs(s.durationMs))}</span>`,
      ],
    })),
  );
  const suites = e2e.suites.map((s) => {
    const rows = s.cases.map((c) => ({
      className: c.status === 'fail' ? 'failed' : c.status === 'finding' ? 'warned' : '',
      cells: [
        badge(c.status),
        `${esc(c.title)}<br><code>${esc(c.id)}</code>`,
        `<span class="num">${esc(formatMs(c.durationMs))}</span>`,
        `${c.message === undefined ? '' : `<div>${esc(c.message)}</div>`}${Object.keys(c.evidence).length === 0 ? '' : details('evidence', formatEvidence(c.evidence), c.status === 'fail' || c.status === 'finding')}`,
      ],
    }));
    return `<h3 id="e2e-${esc(s.suite)}">${esc(s.title)} ${badge(s.status)}</h3>${table(['status', 'case', 'time', 'result and evidence'], rows, 'cases')}`;
  });
  const meta = `Target ${esc(e2e.target.mode)} (contract ${esc(e2e.target.contract)}); ran ${esc(e2e.startedAt)} for ${esc(formatMs(e2e.durationMs))}.`;
  return section('e2e', 'End-to-end', `${fileLinks(ctx, ['e2e.json', 'e2e-junit.xml'])}<p class="note">${meta}</p>${overview}${suites.join('')}`, status);
}
