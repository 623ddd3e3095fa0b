import { HttpStatusError } from '@rag-validate/clients';
import { setTimeout as sleep } from 'node:timers/promises';
import { defineSuite } from '../framework/suite-definition.js';
import { samePath } from './complete-workflow.js';
import { uniqueFactFile } from './sample-files.js';

function norm(vector: readonly number[]): number {
  return Math.sqrt(vector.reduce((sum, v) => sum + v * v, 0));
}

function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  for (let i = 0; i < a.length; i += 1) dot += (a[i] ?? 0) * (b[i] ?? 0);
  return dot / (norm(a) * norm(b));
}

/**
 * Each service's contract on its own and with its neighbours: embedding ↔ collection, LLM chat and
 * streaming, vector-db counts, indexing → searchable latency, generation really using retrieved
 * context, and whether the rag-server's health reflects its dependencies.
 */
export const serviceIntegration = defineSuite<Record<string, never>>({
  name: 'service-integration',
  title: 'Service integration (each contract and its neighbours)',
  createState: () => ({}),
  cases: [
    {
      id: 'embedding-dimension-matches-collection',
      title: 'embedding dimension = configured vector size = collection vector size',
      async run(ctx, t) {
        const { embedding } = await ctx.clients.embedding.embed('def load_csv(path): return pandas.read_csv(path)');
        const configured = ctx.config.target.collection.vectorSize;
        t.evidence('embeddingDimension', embedding.length);
        t.evidence('configuredSize', configured);
        t.check(embedding.length === configured, `the embedding server returns ${embedding.length} dimensions, the config says ${configured}`);
        const name = ctx.config.target.collection.name;
        if (ctx.contract === 'codev-head' && !(await ctx.clients.vectorDb.collectionExists(name))) {
          t.skip(`collection ${name} does not exist yet (HEAD creates code_vectors on first use)`);
        }
        const info = await ctx.clients.vectorDb.getCollection(name);
        t.evidence('collection', { name, vectorSize: info.vectorSize, distance: info.distance, status: info.status });
        t.check(info.vectorSize === embedding.length, `collection ${name} stores ${info.vectorSize}-dim vectors but the embedder makes ${embedding.length}`);
      },
    },
    {
      id: 'embedding-unit-length-deterministic',
      title: 'embeddings are unit length and deterministic',
      async run(ctx, t) {
        const text = `class LoanService: def return_book(self, loan_id): ... ${ctx.runId}`;
        const [a, b] = await Promise.all([ctx.clients.embedding.embed(text), ctx.clients.embedding.embed(text)]);
        const length = norm(a.embedding);
        t.evidence('norm', Number(length.toFixed(6)));
        t.check(Math.abs(length - 1) < 1e-3, `embedding norm is ${length.toFixed(4)}, not 1 (vectors must be L2-normalised for cosine search)`);
        const same = a.embedding.every((v, i) => Math.abs(v - (b.embedding[i] ?? Number.NaN)) < 1e-6);
        t.check(same, 'the same text embedded twice gave different vectors');
      },
    },
    {
      id: 'embedding-bulk-keeps-order',
      title: 'bulk embedding keeps the input order and equals single embeddings',
      async run(ctx, t) {
        const texts = ['read a csv file', 'open a database connection', 'retry an http request', 'hash a password', '캐시에서 값을 읽기'];
        const bulk = await ctx.clients.embedding.embedBulk(texts);
        t.check(bulk.length === texts.length, `bulk returned ${bulk.length} embeddings for ${texts.length} texts`);
        t.check(bulk.every((item, i) => item.text === texts[i]), 'bulk answers are not in input order');
        const singles = await Promise.all(texts.map((text) => ctx.clients.embedding.embed(text)));
        const similarity = singles.map((single, i) => cosine(single.embedding, bulk[i]?.embedding ?? []));
        t.evidence('cosineBulkVsSingle', similarity.map((s) => Number(s.toFixed(6))));
        t.check(similarity.every((s) => s > 0.999), 'a bulk embedding differs from the single embedding of the same text');
      },
    },
    {
      id: 'llm-chat-shape',
      title: 'LLM chat completion has the OpenAI shape with usage',
      async run(ctx, t) {
        const result = await ctx.clients.llm.chat({ messages: [{ role: 'user', content: 'Write a Python function that adds two numbers.' }], maxTokens: 128, temperature: 0 });
        t.evidence('model', result.model);
        t.evidence('usage', result.usage);
        t.evidence('finishReason', result.finishReason);
        t.check(result.content.trim().length > 0, 'the completion is empty');
        const usage = result.usage;
        t.check(usage !== null, 'the completion has no usage (the Task-06 rag-server fails with a TypeError on usage=null)');
        if (usage !== null) t.check(usage.totalTokens === usage.promptTokens + usage.completionTokens, `usage does not add up: ${JSON.stringify(usage)}`);
      },
    },
    {
      id: 'llm-lists-configured-model',
      title: 'the configured LLM model is listed by /v1/models',
      async run(ctx, t) {
        const models = await ctx.clients.llm.models();
        t.evidence('models', models.map((m) => m.id));
        t.check(models.some((m) => m.id === ctx.config.target.llmModel), `/v1/models does not list ${ctx.config.target.llmModel}`);
      },
    },
    {
      id: 'llm-streaming-ttft',
      title: 'LLM streaming: SSE chunks, time to first token, [DONE]',
      async run(ctx, t) {
        let result;
        try {
          result = await ctx.clients.llm.chatStream({ messages: [{ role: 'user', content: 'Write a JavaScript function that reverses a string.' }], maxTokens: 96 });
        } catch (error) {
          if (error instanceof HttpStatusError && error.statusCode >= 500) {
            t.finding(`streaming is not supported: ${error.statusCode} (the codev llm-server forwards stream=true and fails)`);
            return;
          }
          throw error;
        }
        t.evidence('ttftMs', Math.round(result.ttftMs));
        t.evidence('tokens', result.tokenTimesMs.length);
        t.evidence('totalMs', Math.round(result.totalMs));
        t.check(result.tokenTimesMs.length > 1, `the stream carried ${result.tokenTimesMs.length} content chunks; expected it to stream token by token`);
        t.check(result.ttftMs < result.totalMs, 'the first token arrived only at the end of the stream (buffered, not streamed)');
      },
    },
    {
      id: 'vector-db-exact-counts',
      title: 'vector-db collection is green and its exact count equals a full scroll',
      async run(ctx, t) {
        const name = ctx.config.target.collection.name;
        if (!(await ctx.clients.vectorDb.collectionExists(name))) t.skip(`collection ${name} does not exist on this target`);
        const info = await ctx.clients.vectorDb.getCollection(name);
        const count = await ctx.clients.vectorDb.count(name, { exact: true });
        const points = await ctx.clients.vectorDb.scrollAll(name, { pageSize: 256 });
        const unique = new Set(points.map((p) => String(p.id))).size;
        t.evidence('status', info.status);
        t.evidence('count', count);
        t.evidence('scrolled', points.length);
        t.check(info.status === 'green', `collection ${name} is ${info.status}, not green`);
        t.check(count === points.length && unique === points.length, `exact count ${count} but scroll returned ${points.length} points (${unique} unique ids)`);
      },
    },
    {
      id: 'index-to-searchable-latency',
      title: 'a newly indexed chunk becomes searchable within the indexing budget',
      async run(ctx, t) {
        const token = `zq${ctx.runId.replace(/[^a-z0-9]/gi, '')}`;
        const fact = uniqueFactFile(`${token}x`);
        const filePath = `e2e/${ctx.runId}/${fact.name}`;
        const budgetMs = ctx.config.slos.index.latency.maxMs ?? 60_000;
        const started = performance.now();
        await ctx.clients.rag.indexFile({ filePath, content: fact.content, language: 'python', forceUpdate: true });
        let searchableAfterMs: number | undefined;
        let attempts = 0;
        while (performance.now() - started < budgetMs) {
          attempts += 1;
          const result = await ctx.clients.rag.search({ query: fact.identifier, limit: 5 });
          if (result.hits.some((h) => samePath(h.filePath, filePath))) {
            searchableAfterMs = Math.round(performance.now() - started);
            break;
          }
          await sleep(Math.min(1_000, 50 * attempts));
        }
        t.evidence('searchableAfterMs', searchableAfterMs ?? null);
        t.evidence('budgetMs', budgetMs);
        t.evidence('searchAttempts', attempts);
        t.check(searchableAfterMs !== undefined, `the indexed file ${filePath} did not show up in search within ${budgetMs} ms`);
      },
    },
    {
      id: 'generation-uses-context',
      title: 'generation uses retrieved context (a fact only present in an indexed file appears in the answer)',
      async run(ctx, t) {
        const token = `wh${ctx.runId.replace(/[^a-z0-9]/gi, '')}`;
        const fact = uniqueFactFile(token);
        const filePath = `e2e/${ctx.runId}/${fact.name}`;
        await ctx.clients.rag.indexFile({ filePath, content: fact.content, language: 'python', forceUpdate: true });
        const result = await ctx.clients.rag.generate({ query: `Use ${fact.identifier} to compute the surcharge for a list of parcels`, language: 'python', contextLimit: 3 });
        t.evidence('identifier', fact.identifier);
        t.evidence('contextsUsed', result.contextsUsed.map((c) => c.filePath));
        t.evidence('code', result.code.slice(0, 1_500));
        t.check(result.contextsUsed.some((c) => samePath(c.filePath, filePath)), `the file holding ${fact.identifier} was not among the contexts used`);
        t.check(result.code.includes(fact.identifier), `the answer does not use ${fact.identifier}, which exists only in the indexed file`);
      },
    },
    {
      id: 'rag-health-reflects-dependencies',
      title: 'the rag-server reports dependency readiness separately from liveness',
      async run(ctx, t) {
        const [live, ready] = await Promise.all([ctx.clients.rag.health(), ctx.clients.rag.readyz()]);
        t.evidence('health', { status: live.status, body: live.body });
        t.evidence('readyz', { status: ready.status, body: ready.body });
        t.check(live.ok, `GET /health is not healthy: ${live.detail}`);
        if (ready.status === 404) {
          t.finding('the rag-server has no /readyz and its /health does not check embedding, LLM or vector-db (known Task-06 behaviour): an outage is invisible to health checks');
          return;
        }
        t.check(ready.ok, `GET /readyz says not ready while every dependency is up: ${ready.detail}`);
        const text = JSON.stringify(ready.body ?? '');
        const named = ['embedding', 'llm', 'vector'].filter((dep) => text.toLowerCase().includes(dep));
        if (named.length < 3) t.finding(`/readyz does not name every dependency (names: ${named.join(', ') || 'none'})`);
      },
    },
  ],
});
