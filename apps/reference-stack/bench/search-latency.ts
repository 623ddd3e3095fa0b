/**
 * Benchmark: hybrid search latency at a fixed arrival rate (open loop: requests start on schedule
 * whether or not earlier ones finished, and latency is measured from the scheduled start, so a slow
 * server cannot hide its queueing). Indexes 1,000 files first. Target on a 2-core machine:
 * p95 < 50 ms at 100 RPS for 30 s.
 *
 *   npm run build && npx tsx apps/reference-stack/bench/search-latency.ts [rps] [seconds]
 */
import { RagApiClient } from '@rag-validate/clients';
import { startReferenceStack } from '@rag-validate/reference-stack';
import { BENCH_QUERIES, benchCorpus, indexCorpus } from './corpus.js';

const rps = Number(process.argv[2] ?? 100);
const seconds = Number(process.argv[3] ?? 30);

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round((sorted[rank] as number) * 10) / 10;
}

async function openLoop(rate: number, durationS: number, call: (i: number) => Promise<unknown>): Promise<{ latencies: number[]; errors: number }> {
  const latencies: number[] = [];
  let errors = 0;
  const total = Math.round(rate * durationS);
  const interval = 1000 / rate;
  const start = performance.now() + 50;
  const inFlight: Array<Promise<void>> = [];
  for (let i = 0; i < total; i += 1) {
    const scheduled = start + i * interval;
    const wait = scheduled - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(
      call(i).then(
        () => {
          latencies.push(performance.now() - scheduled);
        },
        () => {
          errors += 1;
        },
      ),
    );
  }
  await Promise.all(inFlight);
  return { latencies, errors };
}

await using stack = await startReferenceStack({ mode: 'process', logLevel: 'warn' });
const rag = new RagApiClient({ baseUrl: stack.urls.rag, contract: 'codev-task06', timeoutMs: 30_000 });
const corpus = benchCorpus(1000);
await indexCorpus(corpus, (f) => rag.indexFile({ filePath: f.filePath, content: f.content, language: f.language }));
const search = (i: number) => rag.search({ query: BENCH_QUERIES[i % BENCH_QUERIES.length] as string, limit: 10 });
await openLoop(Math.min(rps, 50), 5, search); // warm-up
const { latencies, errors } = await openLoop(rps, seconds, search);
const sorted = [...latencies].sort((a, b) => a - b);
const result = {
  benchmark: 'search-latency',
  rps,
  seconds,
  requests: latencies.length + errors,
  errors,
  chunks: (await rag.listChunks({ size: 1 })).total,
  p50Ms: percentile(sorted, 50),
  p95Ms: percentile(sorted, 95),
  p99Ms: percentile(sorted, 99),
  maxMs: percentile(sorted, 100),
  targetP95Ms: 50,
  pass: errors === 0 && percentile(sorted, 95) < 50,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
