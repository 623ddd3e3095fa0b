import { probeServices, type SearchHit } from '@rag-validate/clients';
import { checkCodeValidity } from '../checks/code-validity.js';
import { defineSuite } from '../framework/suite-definition.js';
import { PANDAS_CSV_LOADER } from './sample-files.js';

interface WorkflowState {
  filePath?: string;
}

/** Matches a stored path to the path a case indexed (servers may store it absolute or relative). */
export function samePath(stored: string, indexed: string): boolean {
  const a = stored.replace(/\\/g, '/');
  const b = indexed.replace(/\\/g, '/').replace(/^\.?\//, '');
  return a === b || a.endsWith(`/${b}`);
}

function rankOf(hits: readonly SearchHit[], filePath: string): number {
  return hits.findIndex((hit) => samePath(hit.filePath, filePath)) + 1;
}

/**
 * The seed's Phase 1 scenario end to end: all four services healthy → index a Python file that
 * uses pandas.read_csv → search "pandas DataFrame" finds it → generate "CSV 파일을 읽는 함수를
 * 만들어주세요" → valid Python that uses pandas and csv, and says which context it used.
 */
export const completeWorkflow = defineSuite<WorkflowState>({
  name: 'complete-workflow',
  title: 'Complete RAG workflow (health → index → search → generate)',
  createState: () => ({}),
  cases: [
    {
      id: 'all-services-healthy',
      title: 'all four services are healthy (Qdrant via /healthz and /readyz)',
      async run(ctx, t) {
        const results = await probeServices(ctx.clients, { timeoutMs: ctx.config.target.healthTimeoutMs });
        t.evidence('services', results.map((r) => ({ service: r.displayName, ok: r.ok, probes: r.probes })));
        const down = results.filter((r) => !r.ok);
        t.check(down.length === 0, `not healthy: ${down.map((r) => `${r.displayName} (${r.probes.map((p) => `${p.endpoint} ${p.detail}`).join('; ')})`).join(', ')}`);
      },
    },
    {
      id: 'index-sample-file',
      title: 'index a Python file that uses pandas.read_csv',
      needs: ['all-services-healthy'],
      async run(ctx, t, state) {
        const filePath = `e2e/${ctx.runId}/csv_loader.py`;
        const started = performance.now();
        const result = await ctx.clients.rag.indexFile({ filePath, content: PANDAS_CSV_LOADER, language: 'python', forceUpdate: true });
        const elapsedMs = Math.round(performance.now() - started);
        t.evidence('filePath', filePath);
        t.evidence('chunksCount', result.chunksCount);
        t.evidence('elapsedMs', elapsedMs);
        t.check(result.chunksCount >= 1, `indexing answered but stored ${result.chunksCount} chunks for a file with 2 functions (message: ${result.message})`);
        const budget = ctx.config.slos.index.latency.maxMs;
        if (budget !== undefined) t.check(elapsedMs <= budget, `indexing one file took ${elapsedMs} ms, over the ${budget} ms objective`);
        state.filePath = filePath;
      },
    },
    {
      id: 'search-finds-indexed-file',
      title: 'search "pandas DataFrame" returns the indexed file',
      needs: ['index-sample-file'],
      async run(ctx, t, state) {
        const filePath = state.filePath ?? '';
        const result = await ctx.clients.rag.search({ query: 'pandas DataFrame', limit: 5 });
        const rank = rankOf(result.hits, filePath);
        t.evidence('hits', result.hits.map((h) => ({ filePath: h.filePath, score: h.score, name: h.name })));
        t.evidence('rank', rank);
        t.evidence('searchTimeMs', result.searchTimeMs ?? null);
        t.evidence('elapsedMs', Math.round(result.elapsedMs));
        t.check(result.hits.length > 0, 'search "pandas DataFrame" returned no hits right after indexing a pandas file');
        t.check(rank >= 1 && rank <= 3, rank === 0 ? `the indexed file ${filePath} is not among the ${result.hits.length} hits` : `the indexed file ranks ${rank}, not in the top 3`);
      },
    },
    {
      id: 'generate-csv-reader',
      title: 'generate "CSV 파일을 읽는 함수를 만들어주세요": valid Python using pandas and csv, with its context',
      needs: ['index-sample-file'],
      async run(ctx, t, state) {
        const result = await ctx.clients.rag.generate({ query: 'CSV 파일을 읽는 함수를 만들어주세요', language: 'python', contextLimit: 3 });
        const code = result.code;
        const validity = await checkCodeValidity(code, 'python');
        t.evidence('code', code.slice(0, 2_000));
        t.evidence('validity', validity);
        t.evidence('contextsUsed', result.contextsUsed.map((c) => ({ filePath: c.filePath, score: c.score })));
        t.evidence('model', result.model);
        t.evidence('tokensUsed', result.tokensUsed);
        t.evidence('generationTimeMs', result.generationTimeMs);
        t.check(/pandas/i.test(code), 'the generated code does not mention pandas');
        t.check(/csv/i.test(code), 'the generated code does not mention csv');
        t.check(validity.valid, `the generated code is not valid Python (${validity.method}: ${validity.error ?? ''})`);
        t.check(result.contextsUsed.length > 0, 'the response does not say which context it used (contexts_used is empty)');
        const usedOurs = result.contextsUsed.some((c) => samePath(c.filePath, state.filePath ?? ''));
        t.check(usedOurs, `contexts_used does not include the indexed pandas file ${state.filePath ?? ''}`);
        const objective = ctx.config.slos.generate.latency.p95Ms;
        if (objective !== undefined && result.elapsedMs > objective) t.finding(`one generation took ${Math.round(result.elapsedMs)} ms, above the p95 objective ${objective} ms`);
      },
    },
  ],
});
