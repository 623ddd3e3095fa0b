import { retrievalQuality, type MeanScoresInput } from '../../results/retrieval-quality.js';
import { formatScore, formatShare } from '../format.js';
import { badge, esc, note, section, table } from './html.js';
import type { RenderContext } from './render-context.js';

/** Retrieval quality on the golden set: recall@k, precision@k, MRR, nDCG@k per language and difficulty, the gates and the worst queries. */
export function qualitySection(ctx: RenderContext): string {
  const title = 'Retrieval quality';
  const file = ctx.results.e2e;
  if (file.state !== 'ok') return section('retrieval-quality', title, note('no results: the scores come from the e2e retrieval-quality suite (e2e.json).'));
  const found = retrievalQuality(file.value);
  if (found.state === 'not-run') return section('retrieval-quality', title, note('The retrieval-quality suite was not run: `rag-validate e2e --suite retrieval-quality`.'));
  if (found.state === 'no-scores') return section('retrieval-quality', title, note(`No scores: ${esc(found.reason)}`), found.status);
  const { k, mean, byLang, byDifficulty, gates, worst } = found.evidence;
  const row = (label: string, m: MeanScoresInput, className = '') => ({
    className,
    cells: [esc(label), ...[m.queries.toString(), formatScore(m.recall), formatScore(m.precision), formatScore(m.mrr), formatScore(m.ndcg), formatShare(m.hitRate)].map((v) => `<span class="num">${esc(v)}</span>`)],
  });
  const scores = table(
    ['queries', 'n', `recall@${k}`, `precision@${k}`, 'MRR', `nDCG@${k}`, 'hit rate'],
    [
      row('all', mean, 'total'),
      ...Object.entries(byLang).map(([lang, m]) => row(`language: ${lang}`, m)),
      ...Object.entries(byDifficulty).map(([difficulty, m]) => row(`difficulty: ${difficulty}`, m)),
    ],
    'quality',
  );
  const gateTable =
    gates.length === 0
      ? note('No quality gate is configured (quality.min* in the config).')
      : table(
          ['gate', 'measured', 'minimum', 'result'],
          gates.map((g) => ({
            className: g.pass ? '' : 'failed',
            cells: [esc(g.name), `<span class="num">${esc(formatScore(g.score))}</span>`, `<span class="num">${esc(formatScore(g.threshold))}</span>`, `${badge(g.pass ? 'pass' : 'fail')} ${esc(g.reason)}`],
          })),
        );
  const worstTable =
    worst.length === 0
      ? ''
      : `<h3>Worst queries</h3>${table(
          ['id', 'lang', 'query', `nDCG@${k}`, `recall@${k}`, 'relevant', 'retrieved (top)'],
          worst.map((w) => ({
            cells: [
              `<code class="nw">${esc(w.id)}</code>`,
              esc(w.lang),
              esc(w.query),
              `<span class="num">${esc(formatScore(w.ndcg))}</span>`,
              `<span class="num">${esc(formatScore(w.recall))}</span>`,
              w.relevant.map((p) => `<code>${esc(p)}</code>`).join('<br>'),
              w.retrieved.slice(0, 3).map((p) => `<code>${esc(p)}</code>`).join('<br>'),
            ],
          })),
          'worst',
        )}`;
  const message = found.message === undefined ? '' : `<p class="${found.status === 'fail' ? 'unreadable' : 'note'}">${esc(found.message)}</p>`;
  return section('retrieval-quality', title, `${message}${scores}<h3>Gates</h3>${gateTable}${worstTable}`, found.status);
}
