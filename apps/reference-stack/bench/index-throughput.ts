/**
 * Benchmark: time to index 1,000 small source files through the rag-server (process mode, the
 * default), by inline content, 4 requests in flight. Target on a 2-core machine: < 60 s.
 *
 *   npm run build && npx tsx apps/reference-stack/bench/index-throughput.ts [files]
 */
import { RagApiClient } from '@rag-validate/clients';
import { startReferenceStack } from '@rag-validate/reference-stack';
import { benchCorpus, indexCorpus } from './corpus.js';

const files = Number(process.argv[2] ?? 1000);
await using stack = await startReferenceStack({ mode: 'process', logLevel: 'warn' });
const rag = new RagApiClient({ baseUrl: stack.urls.rag, contract: 'codev-task06', timeoutMs: 60_000 });
const corpus = benchCorpus(files);
const elapsedMs = await indexCorpus(corpus, (f) => rag.indexFile({ filePath: f.filePath, content: f.content, language: f.language }));
const chunks = (await rag.listChunks({ size: 1 })).total;
const result = { benchmark: 'index-throughput', files, chunks, elapsedMs: Math.round(elapsedMs), filesPerSecond: Math.round((files / elapsedMs) * 1000 * 10) / 10, targetMs: 60_000, pass: elapsedMs < 60_000 };
process.stdout.write(`${JSON.stringify(result)}\n`);
