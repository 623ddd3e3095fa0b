import type { ReadinessReportInput } from '../../results/readiness-result.js';
import { formatShare } from '../format.js';
import { badge, esc, section, table, withCode } from './html.js';
import { fileLinks, notAvailable, type RenderContext } from './render-context.js';

const ORDER = { fail: 0, unknown: 1, warn: 2, pass: 3, skip: 4 } as const;

/** The readiness checklist: verdict, score, categories and every check, with how to fix what is not passing. */
export function readinessSection(ctx: RenderContext): string {
  const status = ctx.verdict.areas.find((a) => a.area === 'readiness')?.status;
  const file = ctx.results.readiness;
  if (file.state !== 'ok') return section('readiness', 'Readiness', notAvailable(file, 'Run `rag-validate readiness` or `rag-validate run` to produce it.'), status);
  const r = file.value;
  const head = `<p>${badge(r.verdict)} score <b>${r.score}/100</b>, coverage ${esc(formatShare(r.coverage))}, profile ${esc(r.profile)}${
    r.criticalFailures.length > 0 ? `; critical failures: ${r.criticalFailures.map((id) => `<code>${esc(id)}</code>`).join(', ')}` : ''
  }.</p>`;
  const categories = table(
    ['category', 'score', 'pass', 'warn', 'fail', 'unknown', 'skip'],
    r.categories.map((c) => ({
      className: (c.counts.fail ?? 0) > 0 ? 'failed' : '',
      cells: [esc(c.category), `<span class="num">${c.score === null ? '–' : c.score}</span>`, ...(['pass', 'warn', 'fail', 'unknown', 'skip'] as const).map((k) => `<span class="num">${c.counts[k] ?? 0}</span>`)],
    })),
  );
  const open = checks(r, (c) => c.status === 'fail' || c.status === 'unknown' || c.status === 'warn');
  const done = checks(r, (c) => c.status === 'pass' || c.status === 'skip');
  const openTable =
    open.length === 0 ? '<p>Every applicable check passed.</p>' : table(['status', 'severity', 'check', 'result', 'how to fix'], open, 'checklist');
  const doneTable =
    done.length === 0
      ? ''
      : `<details class="more"><summary>${r.counts.pass} passed and ${r.counts.skip} skipped checks</summary>${table(['status', 'severity', 'check', 'result', 'how to fix'], done, 'checklist')}</details>`;
  return section(
    'readiness',
    'Readiness',
    `${fileLinks(ctx, ['readiness.json', 'readiness.md', 'readiness.junit.xml'])}${head}${categories}<h3>Checklist: what to fix</h3>${openTable}${doneTable}`,
    status,
  );
}

type Check = ReadinessReportInput['checks'][number];

function checks(r: ReadinessReportInput, which: (c: Check) => boolean): Array<{ cells: string[]; className: string }> {
  return r.checks
    .filter(which)
    .sort((a, b) => ORDER[a.status] - ORDER[b.status])
    .map((c) => ({
      className: c.status === 'fail' ? 'failed' : c.status === 'warn' || c.status === 'unknown' ? 'warned' : '',
      cells: [
        badge(c.status),
        esc(c.severity),
        `${esc(c.title)}<br><code>${esc(c.id)}</code>${c.owasp ? ` <code>${esc(c.owasp)}</code>` : ''}`,
        `${withCode(c.reason)}${c.evidence.length > 0 && c.status !== 'pass' ? `<details><summary>evidence</summary><pre>${esc(c.evidence.join('\n'))}</pre></details>` : ''}`,
        c.status === 'pass' || c.status === 'skip' ? '' : withCode(c.howToFix),
      ],
    }));
}
