import { describe, expect, it } from 'vitest';
import { forEachRecorded, type Histogram } from '../recorder/latency-histogram.js';
import { constantRate } from '../schedule/rate-stage.js';
import { VirtualClock, VIRTUAL_EPOCH_MS } from '../testing/virtual-clock.js';
import { runOpenModel, type OpenModelPlan, type OperationOutcome, type RunnerOperation } from './open-model-runner.js';

/** An operation that takes `ms` of virtual time and records when each call started. */
function timedOperation(clock: VirtualClock, name: string, ms: number | ((seq: number) => number), outcome: OperationOutcome = { ok: true }) {
  const starts: number[] = [];
  const operation: RunnerOperation = {
    name,
    async execute({ seq }) {
      starts.push(clock.now());
      await clock.sleep(typeof ms === 'number' ? ms : ms(seq));
      return outcome;
    },
  };
  return { operation, starts };
}

function plan(operation: RunnerOperation, overrides: Partial<OpenModelPlan> = {}): OpenModelPlan {
  return { warmup: [], stages: [constantRate(10, 1_000)], mix: [{ operation, weight: 1 }], maxInFlight: 100, lateThresholdMs: 10, ...overrides };
}

/** Every recorded latency of a histogram, in ms (bucket resolution: 0.1 %). */
function latencies(histogram: Histogram): number[] {
  const values: number[] = [];
  forEachRecorded(histogram, (us, count) => {
    for (let i = 0; i < count; i += 1) values.push(us / 1_000);
  });
  return values;
}

describe('runOpenModel', () => {
  it('starts sends on the schedule whatever the responses do, and measures from the intended time', async () => {
    const clock = new VirtualClock();
    const { operation, starts } = timedOperation(clock, 'search', 250);
    const running = runOpenModel(plan(operation), { clock });
    await clock.runUntil(5_000);
    const run = await running;
    // 10 rps for 1 s: a send every 100 ms although each call takes 250 ms (3 in flight at once).
    expect(starts).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900]);
    expect(run.peakInFlight).toBe(3);
    const search = run.recorder.get('search');
    expect(search.counts).toMatchObject({ scheduled: 10, sent: 10, dropped: 0, late: 0, completed: 10, ok: 10, errors: 0 });
    expect(search.total.totalCount).toBe(10);
    expect(search.total.getValueAtPercentile(100) / 1_000).toBeCloseTo(250, 0);
    expect(run.measureStartEpochMs).toBe(VIRTUAL_EPOCH_MS);
    expect(run.measureEndEpochMs).toBe(VIRTUAL_EPOCH_MS + 1_000);
  });

  it('sends what fell due while a slow send went out in the same turn, each with its own lag', async () => {
    const clock = new VirtualClock();
    const starts: number[] = [];
    const operation: RunnerOperation = {
      name: 'health',
      async execute({ seq }) {
        starts.push(clock.now());
        if (seq === 0) clock.advance(3); // the first send keeps the generator busy for 3 ms
        return { ok: true };
      },
    };
    const running = runOpenModel(plan(operation, { stages: [constantRate(1_000, 10)] }), { clock });
    await clock.runAll();
    const run = await running;
    // Due at 0, 1, 2 … 9 ms: the sends due at 1, 2 and 3 ms go out at 3 ms, right after the slow one.
    expect(starts).toEqual([0, 3, 3, 3, 4, 5, 6, 7, 8, 9]);
    // No wake-up was asked for the sends of that batch: the next one is for the send due at 4 ms.
    expect(clock.wakes.map((wake) => wake.atMs)).toEqual([4, 5, 6, 7, 8, 9]);
    expect(latencies(run.recorder.sendLag).map((v) => Math.round(v)).sort()).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 2]);
  });

  it('counts a stall of the generator as late sends whose latency includes the delay (no coordinated omission)', async () => {
    const clock = new VirtualClock();
    const { operation, starts } = timedOperation(clock, 'search', 10);
    const running = runOpenModel(plan(operation), { clock });
    await clock.runUntil(0);
    // The event loop is blocked from 0 to 500 ms: the sends due at 100–400 ms go out at 500 ms.
    await clock.stall(500);
    await clock.runUntil(5_000);
    const run = await running;
    expect(starts).toEqual([0, 500, 500, 500, 500, 500, 600, 700, 800, 900]);
    const search = run.recorder.get('search');
    expect(search.counts.late).toBe(4);
    const measured = latencies(search.total).sort((a, b) => a - b);
    // 500 (the call in flight during the stall), 410, 310, 210, 110, then five calls of 10 ms.
    expect(measured.map((v) => Math.round(v))).toEqual([10, 10, 10, 10, 10, 110, 210, 310, 410, 500]);
    const lag = run.recorder.sendLag;
    expect(lag.totalCount).toBe(10);
    expect(lag.maxValue / 1_000).toBeCloseTo(400, 0);
  });

  it('drops sends that fall due while the in-flight cap is reached, and counts them', async () => {
    const clock = new VirtualClock();
    const release: Array<() => void> = [];
    const operation: RunnerOperation = {
      name: 'generate',
      execute: () => new Promise<OperationOutcome>((resolve) => release.push(() => resolve({ ok: true }))),
    };
    const running = runOpenModel(plan(operation, { maxInFlight: 2 }), { clock });
    await clock.runUntil(2_000);
    expect(release).toHaveLength(2);
    for (const done of release) done();
    await clock.runUntil(3_000);
    const run = await running;
    expect(run.recorder.get('generate').counts).toMatchObject({ scheduled: 10, sent: 2, dropped: 8, completed: 2 });
    const second = run.recorder.get('generate').seconds.get(VIRTUAL_EPOCH_MS / 1_000);
    expect(second).toMatchObject({ scheduled: 10, dropped: 8 });
  });

  it('sends the warm-up but records only the measured part', async () => {
    const clock = new VirtualClock();
    const { operation, starts } = timedOperation(clock, 'health', 5);
    const running = runOpenModel(plan(operation, { warmup: [constantRate(10, 500)] }), { clock });
    await clock.runUntil(10_000);
    const run = await running;
    expect(starts).toHaveLength(15);
    expect(run.sentTotal).toBe(15);
    expect(run.recorder.get('health').counts.scheduled).toBe(10);
    expect(run.measureStartEpochMs - run.startedEpochMs).toBe(500);
  });

  it('mixes operations exactly in proportion to their weights', async () => {
    const clock = new VirtualClock();
    const ops = ['search', 'generate', 'health'].map((name) => timedOperation(clock, name, 1));
    const mix = [3, 1, 2].map((weight, i) => ({ operation: (ops[i] as { operation: RunnerOperation }).operation, weight }));
    const running = runOpenModel({ warmup: [], stages: [constantRate(60, 1_000)], mix, maxInFlight: 100, lateThresholdMs: 10 }, { clock });
    await clock.runUntil(5_000);
    const run = await running;
    expect(['search', 'generate', 'health'].map((n) => run.recorder.get(n).counts.scheduled)).toEqual([30, 10, 20]);
  });

  it('counts failures by kind and keeps their latency', async () => {
    const clock = new VirtualClock();
    const { operation } = timedOperation(clock, 'search', (seq) => (seq % 2 === 0 ? 20 : 30), { ok: false, error: 'http 503' });
    const running = runOpenModel(plan(operation), { clock });
    await clock.runUntil(5_000);
    const run = await running;
    const search = run.recorder.get('search');
    expect(search.counts).toMatchObject({ completed: 10, ok: 0, errors: 10 });
    expect(Object.fromEntries(search.errorsByKind)).toEqual({ 'http 503': 10 });
    expect(search.total.totalCount).toBe(10);
  });

  it('records an operation that rejects as error "unexpected" instead of crashing', async () => {
    const clock = new VirtualClock();
    const operation: RunnerOperation = { name: 'search', execute: () => Promise.reject(new Error('boom')) };
    const running = runOpenModel(plan(operation), { clock });
    await clock.runUntil(5_000);
    const run = await running;
    expect(Object.fromEntries(run.recorder.get('search').errorsByKind)).toEqual({ unexpected: 10 });
  });

  it('records in-call samples such as time to first token as their own series', async () => {
    const clock = new VirtualClock();
    const operation: RunnerOperation = {
      name: 'llm-stream',
      samples: ['ttft', 'itl'],
      execute: async ({ lagMs }) => {
        await clock.sleep(100);
        return { ok: true, samples: { ttft: [40 + lagMs], itl: [10, 20, 30] } };
      },
    };
    const running = runOpenModel(plan(operation), { clock });
    await clock.runUntil(5_000);
    const run = await running;
    expect(run.recorder.get('llm-stream.ttft').total.totalCount).toBe(10);
    expect(run.recorder.get('llm-stream.itl').total.totalCount).toBe(30);
    expect(run.recorder.get('llm-stream.ttft').kind).toBe('sample');
  });

  it('stops scheduling when aborted and marks the run aborted', async () => {
    const clock = new VirtualClock();
    const { operation, starts } = timedOperation(clock, 'search', 10);
    const controller = new AbortController();
    const running = runOpenModel(plan(operation), { clock, signal: controller.signal });
    await clock.runUntil(450);
    controller.abort();
    await clock.runUntil(5_000);
    const run = await running;
    expect(run.aborted).toBe(true);
    expect(starts).toEqual([0, 100, 200, 300, 400]);
    expect(run.measureEndEpochMs - run.measureStartEpochMs).toBe(450);
  });

  it('aborts the calls still in flight once the grace period after a stop is over', async () => {
    const clock = new VirtualClock();
    const operation: RunnerOperation = {
      name: 'generate',
      execute: ({ signal }) => new Promise<OperationOutcome>((resolve) => signal.addEventListener('abort', () => resolve({ ok: false, error: 'aborted' }))),
    };
    const controller = new AbortController();
    const running = runOpenModel(plan(operation), { clock, signal: controller.signal, abortGraceMs: 500 });
    await clock.runUntil(250);
    controller.abort();
    await clock.runUntil(700);
    // Still waiting for the calls: the grace period runs until 750 ms.
    expect(clock.pendingTimers()).toBe(1);
    await clock.runUntil(1_000);
    const run = await running;
    expect(run.aborted).toBe(true);
    expect(Object.fromEntries(run.recorder.get('generate').errorsByKind)).toEqual({ aborted: 3 });
    expect(run.finishedEpochMs - run.startedEpochMs).toBe(750);
  });

  it('reports progress about once a second', async () => {
    const clock = new VirtualClock();
    const { operation } = timedOperation(clock, 'search', 50);
    const seen: Array<{ phase: string; completed: number }> = [];
    const running = runOpenModel(plan(operation, { stages: [constantRate(10, 3_000)] }), {
      clock,
      onProgress: (p) => seen.push({ phase: p.phase, completed: p.completed }),
    });
    await clock.runUntil(2_500);
    await clock.runUntil(3_100);
    await running;
    expect(seen.map((s) => s.phase).slice(0, 2)).toEqual(['measure', 'measure']);
    expect(seen[0]?.completed).toBe(10);
  });

  it('asks for precise wake-ups between sparse sends and shares coarse timers between dense ones', async () => {
    const clock = new VirtualClock();
    const { operation } = timedOperation(clock, 'search', 1);
    const running = runOpenModel(plan(operation, { stages: [constantRate(100, 100), constantRate(1_000, 10)] }), { clock });
    await clock.runUntil(1_000);
    await running;
    // 100 rps: 10 ms apart (precise); 1,000 rps: 1 ms apart (coarse).
    const sendWakes = clock.wakes.filter((w) => w.atMs <= 110);
    expect(sendWakes.filter((w) => w.atMs < 100).every((w) => w.precise)).toBe(true);
    expect(sendWakes.filter((w) => w.atMs > 100).every((w) => !w.precise)).toBe(true);
  });

  it('uses a callback operation (start) instead of execute, counting a throw as unexpected and a second done as nothing', async () => {
    const clock = new VirtualClock();
    let executed = 0;
    const operation: RunnerOperation = {
      name: 'health',
      execute: () => {
        executed += 1;
        return Promise.resolve({ ok: true });
      },
      start: ({ seq }, done) => {
        if (seq === 3) throw new Error('broken operation');
        void clock.sleep(20).then(() => {
          done(seq === 5 ? { ok: false, error: 'http 503' } : { ok: true });
          done({ ok: true }); // ignored: a call completes once
        });
      },
    };
    const running = runOpenModel(plan(operation), { clock });
    await clock.runUntil(5_000);
    const run = await running;
    expect(executed).toBe(0);
    const health = run.recorder.get('health');
    expect(health.counts).toMatchObject({ scheduled: 10, sent: 10, completed: 10, ok: 8, errors: 2 });
    expect(Object.fromEntries(health.errorsByKind)).toEqual({ unexpected: 1, 'http 503': 1 });
    expect(latencies(health.total).filter((ms) => ms > 19)).toHaveLength(9);
  });

  it('rejects an in-flight cap below 1', () => {
    const clock = new VirtualClock();
    const { operation } = timedOperation(clock, 'search', 1);
    expect(() => runOpenModel(plan(operation, { maxInFlight: 0 }), { clock })).toThrow(expect.objectContaining({ code: 'RV_ERR_PERF_OPTION' }));
  });
});
