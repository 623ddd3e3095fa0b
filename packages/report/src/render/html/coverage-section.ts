import type { CoverageMetrics } from '../../results/coverage-result.js';
import { formatPct } from '../format.js';
import { badge, esc, note, section, table } from './html.js';
import { fileLinks, type RenderContext } from './render-context.js';

const METRICS = ['lines', 'statements', 'functions', 'branches'] as const;

/** The repository's own unit-test coverage per project (results/coverage.json), or how to produce it. */
export function coverageSection(ctx: RenderContext): string {
  const file = ctx.results.coverage;
  const how = 'Run <code>npm run coverage</code> in the rag-validate repository: it runs every project’s unit tests with V8 coverage and writes <code>results/coverage.json</code>.';
  if (file.state === 'missing') return section('coverage', 'Test coverage', note(`No coverage summary in the results directory. ${how}`));
  if (file.state === 'unreadable') return section('coverage', 'Test coverage', `<p class="unreadable">unreadable: ${esc(file.file)}: ${esc(file.reason)}</p>${note(how)}`);
  const c = file.value;
  const cells = (m: CoverageMetrics | null) => METRICS.map((k) => `<span class="num">${m === null ? '–' : `${esc(formatPct(m[k].pct))}<br><span class="note">${m[k].covered}/${m[k].total}</span>`}</span>`);
  const rows = [
    ...c.projects.map((p) => ({
      className: p.testsPassed ? '' : 'failed',
      cells: [`<span class="nw">${esc(p.name)}</span>`, `<code class="nw">${esc(p.root)}</code>`, ...cells(p.metrics), p.testsPassed ? badge('pass') : badge('fail', p.metrics === null ? 'NO COVERAGE' : 'TESTS FAILED')],
    })),
    { className: 'total', cells: ['total', '', ...cells(c.total), ''] },
  ];
  return section('coverage', 'Test coverage', `${fileLinks(ctx, ['coverage.json'])}${table(['project', 'root', ...METRICS, 'tests'], rows, 'coverage')}<p class="note">Unit tests of every project with V8 coverage, generated ${esc(c.generatedAt)}.</p>`);
}
