import { describe, expect, it } from 'vitest';
import { ArrivalSchedule, arrivalOffsetMs, arrivals, arrivalsInStage, constantRate, expectedArrivals, parseStages, validateStages, type RateStage } from './rate-stage.js';

/** Cumulative arrivals at t seconds into a linear ramp: the integral of the rate (the test's oracle). */
const cumulative = (stage: RateStage, tMs: number) => {
  const t = tMs / 1_000;
  const d = stage.durationMs / 1_000;
  return stage.fromRps * t + ((stage.toRps - stage.fromRps) * t * t) / (2 * d);
};

describe('rate stages', () => {
  it('schedule a constant rate as evenly spaced arrivals', () => {
    const stage = constantRate(100, 3_000);
    expect(arrivalsInStage(stage)).toBe(300);
    expect([0, 1, 2, 299].map((n) => arrivalOffsetMs(stage, n))).toEqual([0, 10, 20, 2_990]);
  });

  it('schedule a ramp from 0 so that arrival n comes when n requests are due', () => {
    const stage = { durationMs: 1_000, fromRps: 0, toRps: 20 };
    expect(arrivalsInStage(stage)).toBe(10);
    for (let n = 1; n < 10; n += 1) {
      // r1·t²/2D = n  →  t = √(2Dn / r1)
      expect(arrivalOffsetMs(stage, n)).toBeCloseTo(Math.sqrt((2 * 1 * n) / 20) * 1_000, 6);
    }
  });

  it.each([
    { durationMs: 2_000, fromRps: 10, toRps: 30 },
    { durationMs: 2_000, fromRps: 30, toRps: 10 },
    { durationMs: 1_500, fromRps: 7, toRps: 7.5 },
  ])('schedule ramp %o with the cumulative count matching the arrival index', (stage) => {
    const count = arrivalsInStage(stage);
    expect(count).toBe(Math.ceil(((stage.fromRps + stage.toRps) / 2) * (stage.durationMs / 1_000) - 1e-9));
    for (let n = 0; n < count; n += 1) {
      const at = arrivalOffsetMs(stage, n);
      expect(at).toBeGreaterThanOrEqual(0);
      expect(at).toBeLessThan(stage.durationMs);
      expect(cumulative(stage, at)).toBeCloseTo(n, 6);
    }
  });

  it('lists warm-up arrivals first (not measured), then the measured ones after them', () => {
    const list = [...arrivals([constantRate(10, 300)], [constantRate(5, 400)])];
    expect(list).toEqual([
      { atMs: 0, measured: false },
      { atMs: 100, measured: false },
      { atMs: 200, measured: false },
      { atMs: 300, measured: true },
      { atMs: 500, measured: true },
    ]);
  });

  it('steps over stages without arrivals (a pause at 0 req/s) and stays at the end once there', () => {
    const schedule = new ArrivalSchedule([], [{ durationMs: 1_000, fromRps: 0, toRps: 0 }, constantRate(2, 1_000), { durationMs: 500, fromRps: 0, toRps: 0 }, constantRate(4, 500)]);
    const seen: number[] = [];
    while (schedule.advance()) seen.push(schedule.atMs);
    // The 0 req/s second shifts the rest by 1,000 ms; the 500 ms pause by 500 more.
    expect(seen).toEqual([1_000, 1_500, 2_500, 2_750]);
    expect(schedule.advance()).toBe(false);
    expect(schedule.atMs).toBeNaN();
  });

  it('read the --stages syntax', () => {
    expect(parseStages('30s:10-100, 1m:100')).toEqual([
      { durationMs: 30_000, fromRps: 10, toRps: 100 },
      { durationMs: 60_000, fromRps: 100, toRps: 100 },
    ]);
    expect(expectedArrivals(parseStages('2s:0-10,1s:4'))).toBe(14);
  });

  it.each(['fast', '10s', '10s:', '0s:10', '10s:-5', '10s:1-x', ''])('reject stages %j with RV_ERR_PERF_OPTION', (text) => {
    expect(() => parseStages(text)).toThrow(expect.objectContaining({ code: 'RV_ERR_PERF_OPTION', option: '--stages' }));
  });

  it('reject stages that send nothing', () => {
    expect(() => validateStages([{ durationMs: 1_000, fromRps: 0, toRps: 0 }])).toThrow(/send no request/);
  });
});
