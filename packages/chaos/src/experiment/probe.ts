import { probeServices, type ServiceClients } from '@rag-validate/clients';
import { isRagValidateError } from '@rag-validate/config';
import { percentile } from './checks.js';
import { CHAOS_QUERIES } from './chaos-corpus.js';
import { isMissingCollection, type Manifest } from './manifest.js';
import type { RagWorkload } from './rag-workload.js';

/** The pre-fault answers to the fixed queries: hit ids per search query, contexts per generation. */
export interface BaselineAnswers {
  readonly search: ReadonlyMap<string, readonly string[]>;
  readonly generateContexts: number;
}

export interface ProbeContext {
  readonly clients: ServiceClients;
  readonly workload: RagWorkload;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal | undefined;
  /** Present after the fault: what the answers were before it. */
  readonly baseline?: BaselineAnswers | undefined;
  /** Present after the fault: the pre-fault manifest. */
  readonly manifest?: Manifest | undefined;
  /** `strict`: after the fault each query must get its pre-fault top hit; `non-empty`: any results. Default: `strict`. */
  readonly compare?: 'strict' | 'non-empty' | undefined;
}

/** One probe's verdict and the values it measured. JSON-serialisable. */
export interface ProbeResult {
  readonly name: string;
  readonly pass: boolean;
  readonly score: number;
  readonly reason: string;
  readonly measured: Readonly<Record<string, number | string | boolean | null>>;
}

/**
 * A part of a steady-state hypothesis, with its tolerance. Built with the static factories
 * (`Probe.health()`, `Probe.searchLatency({ p95Ms: 5_000 })`, …) and run before the fault and
 * again after the recovery.
 */
export class Probe {
  readonly name: string;
  readonly description: string;
  readonly #run: (ctx: ProbeContext) => Promise<Omit<ProbeResult, 'name'>>;

  private constructor(name: string, description: string, run: (ctx: ProbeContext) => Promise<Omit<ProbeResult, 'name'>>) {
    this.name = name;
    this.description = description;
    this.#run = run;
  }

  async run(ctx: ProbeContext): Promise<ProbeResult> {
    try {
      return { name: this.name, ...(await this.#run(ctx)) };
    } catch (error) {
      const reason = isRagValidateError(error) ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : String(error);
      return { name: this.name, pass: false, score: 0, reason, measured: {} };
    }
  }

  /** Every service answers its health endpoint (Qdrant: `/healthz` and `/readyz`). */
  static health(): Probe {
    return new Probe('health', 'all four services healthy', async (ctx) => {
      const services = await probeServices(ctx.clients, { timeoutMs: ctx.timeoutMs, ...(ctx.signal ? { signal: ctx.signal } : {}) });
      const down = services.filter((s) => !s.ok);
      return {
        pass: down.length === 0,
        score: (services.length - down.length) / services.length,
        reason: down.length === 0 ? 'all four services healthy' : `unhealthy: ${down.map((s) => `${s.displayName} (${s.probes.map((p) => p.detail).join('; ')})`).join(', ')}`,
        measured: Object.fromEntries(services.map((s) => [s.service, s.ok])),
      };
    });
  }

  /** `samples` searches over the fixed queries; their p95 latency must be within `p95Ms`. */
  static searchLatency(options: { p95Ms: number; samples?: number }): Probe {
    const { p95Ms, samples = 5 } = options;
    return new Probe('search-p95', `search p95 ≤ ${p95Ms} ms over ${samples} searches`, async (ctx) => {
      const durations: number[] = [];
      for (let i = 0; i < samples; i += 1) {
        const started = performance.now();
        await ctx.workload.call('search', i, { timeoutMs: ctx.timeoutMs, ...(ctx.signal ? { signal: ctx.signal } : {}) });
        durations.push(performance.now() - started);
      }
      const p95 = Math.round(percentile(durations, 0.95));
      return { pass: p95 <= p95Ms, score: Math.min(1, p95Ms / Math.max(p95, 1)), reason: `p95 ${p95} ms (tolerance ${p95Ms} ms)`, measured: { p95Ms: p95, samples } };
    });
  }

  /** The exact point count is positive (before) and equals the pre-fault count (after). */
  static pointCount(): Probe {
    return new Probe('point-count', 'exact point count of the collection', async (ctx) => {
      const count = await ctx.workload.vectorDb.count(ctx.workload.collection, { exact: true }, { timeoutMs: ctx.timeoutMs }).catch((error: unknown) => {
        if (isMissingCollection(error)) return 0;
        throw error;
      });
      if (ctx.manifest === undefined) {
        return { pass: count > 0, score: count > 0 ? 1 : 0, reason: `${count} points in ${ctx.workload.collection}`, measured: { count } };
      }
      const pass = count >= ctx.manifest.count;
      return { pass, score: pass ? 1 : count / Math.max(ctx.manifest.count, 1), reason: `${count} points (${ctx.manifest.count} before the fault)`, measured: { count, before: ctx.manifest.count } };
    });
  }

  /** Every fixed query gets results; after the fault, the same top hit as before. */
  static fixedAnswers(): Probe {
    return new Probe('fixed-answers', 'answers to the fixed query set', async (ctx) => {
      let good = 0;
      const problems: string[] = [];
      for (let i = 0; i < CHAOS_QUERIES.length; i += 1) {
        const query = ctx.workload.queryFor(i);
        const call = await ctx.workload.call('search', i, { timeoutMs: ctx.timeoutMs, ...(ctx.signal ? { signal: ctx.signal } : {}) });
        const ids = call.operation === 'search' ? call.hitIds : [];
        const before = ctx.baseline?.search.get(query);
        if (ids.length === 0) problems.push(`"${query}": no results`);
        else if (before !== undefined && ctx.compare !== 'non-empty' && before[0] !== ids[0]) problems.push(`"${query}": top hit ${ids[0] ?? '-'} instead of ${before[0] ?? '-'}`);
        else good += 1;
      }
      return {
        pass: problems.length === 0,
        score: good / CHAOS_QUERIES.length,
        reason: problems.length === 0 ? `${good} queries answered${ctx.baseline ? ' as before the fault' : ''}` : problems.join('; '),
        measured: { good, queries: CHAOS_QUERIES.length },
      };
    });
  }
}

/** Records the pre-fault answers the load compares against. */
export async function captureBaseline(workload: RagWorkload, options: { timeoutMs: number; signal?: AbortSignal | undefined }): Promise<BaselineAnswers> {
  const call = { timeoutMs: options.timeoutMs, ...(options.signal ? { signal: options.signal } : {}) };
  const search = new Map<string, readonly string[]>();
  for (let i = 0; i < CHAOS_QUERIES.length; i += 1) {
    const result = await workload.call('search', i, call);
    if (result.operation === 'search') search.set(workload.queryFor(i), result.hitIds);
  }
  const generated = await workload.call('generate', 0, call);
  return { search, generateContexts: generated.operation === 'generate' ? generated.contexts : 0 };
}
