import { defineSuite } from '../framework/suite-definition.js';
import { loadGoldenSet, type GoldenSet } from '../retrieval/golden-set.js';
import { evaluateQualityGates, scoreQueries } from '../retrieval/quality-report.js';

interface QualityState {
  golden?: GoldenSet;
  perQuery?: Array<{ query: GoldenSet['queries'][number]; retrieved: string[] }>;
}

/** Where the golden corpus is indexed. Fixed (not per run) and re-indexed with force_update, so reruns replace it. */
export const GOLDEN_PREFIX = 'rag-validate-golden';

/**
 * Retrieval quality on the golden set that ships in the repo: index it, run every query, compute
 * recall@k, precision@k, MRR and nDCG@k (files de-duplicated), gate on `config.quality`, and list
 * the worst queries.
 */
export const retrievalQuality = defineSuite<QualityState>({
  name: 'retrieval-quality',
  title: 'Retrieval quality on the golden set',
  createState: () => ({}),
  cases: [
    {
      id: 'index-golden-set',
      title: 'index the golden corpus',
      async run(ctx, t, state) {
        const golden = await loadGoldenSet();
        let chunks = 0;
        for (const file of golden.files) {
          const result = await ctx.clients.rag.indexFile({ filePath: `${GOLDEN_PREFIX}/${file.path}`, content: file.content, language: file.language, forceUpdate: true });
          chunks += result.chunksCount;
        }
        t.evidence('files', golden.files.length);
        t.evidence('queries', golden.queries.length);
        t.evidence('chunks', chunks);
        t.check(chunks >= golden.files.length, `indexing ${golden.files.length} files stored only ${chunks} chunks`);
        state.golden = golden;
      },
    },
    {
      id: 'run-queries',
      title: 'run every golden query',
      needs: ['index-golden-set'],
      async run(ctx, t, state) {
        const golden = state.golden as GoldenSet;
        const k = ctx.config.quality.k;
        const limit = Math.min(100, Math.max(10, k * 4));
        const perQuery: Array<{ query: GoldenSet['queries'][number]; retrieved: string[] }> = [];
        let failures = 0;
        for (const query of golden.queries) {
          try {
            const result = await ctx.clients.rag.search({ query: query.query, limit });
            perQuery.push({ query, retrieved: result.hits.map((h) => h.filePath) });
          } catch {
            failures += 1;
            perQuery.push({ query, retrieved: [] });
          }
        }
        t.evidence('limit', limit);
        t.evidence('failedSearches', failures);
        t.check(failures === 0, `${failures} of ${golden.queries.length} golden searches failed`);
        state.perQuery = perQuery;
      },
    },
    {
      id: 'quality-gates',
      title: 'recall@k, precision@k, MRR and nDCG@k meet the configured thresholds',
      needs: ['run-queries'],
      async run(ctx, t, state) {
        const report = scoreQueries(state.perQuery ?? [], ctx.config.quality.k);
        const gates = evaluateQualityGates(report.mean, ctx.config.quality);
        t.evidence('k', ctx.config.quality.k);
        t.evidence('mean', report.mean);
        t.evidence('byLang', report.byLang);
        t.evidence('gates', gates);
        t.evidence(
          'worst',
          report.worst.map((q) => ({ id: q.id, query: q.query, lang: q.lang, ndcg: q.ndcg, recall: q.recall, retrieved: q.retrieved, relevant: q.relevant })),
        );
        const failed = gates.filter((g) => !g.pass);
        t.check(failed.length === 0, failed.map((g) => g.reason).join('; '));
        if (gates.length === 0) t.finding('no quality thresholds are configured (quality.minRecallAtK, minMrr, …): metrics are reported but not gated');
      },
    },
  ],
});
