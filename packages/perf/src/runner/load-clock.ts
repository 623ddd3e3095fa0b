import { performance } from 'node:perf_hooks';

/** The time source of the open-model runner; tests pass a virtual clock. */
export interface LoadClock {
  /** Monotonic milliseconds. */
  now(): number;
  /** The wall-clock time (ms since the epoch) of a `now()` reading. */
  toEpochMs(monotonicMs: number): number;
  /**
   * Calls `fn` once, at or soon after `atMs` (never synchronously). `precise` asks for a wake-up
   * as close to `atMs` as the clock can manage, at some CPU cost. Returns a cancel function.
   */
  at(atMs: number, fn: () => void, precise?: boolean): () => void;
}

export interface RealClockOptions {
  /**
   * For precise wake-ups: how close to the due time the clock stops sleeping on a timer (libuv
   * timers have 1 ms granularity and fire up to a millisecond late) and polls with setImmediate
   * instead, so the send starts within ~0.1 ms. 0 turns polling off. Default: 1.
   */
  readonly spinMs?: number;
}

/**
 * performance.now() with timers. A precise wake-up sleeps until `spinMs` before the due time and
 * polls from there; a coarse one sleeps on a timer (up to ~1 ms late) and costs no polling.
 */
export function realClock(options: RealClockOptions = {}): LoadClock {
  const { spinMs = 1 } = options;
  const origin = performance.timeOrigin;
  return {
    now: () => performance.now(),
    toEpochMs: (monotonicMs) => origin + monotonicMs,
    at(atMs, fn, precise = true) {
      const margin = precise ? spinMs : 0;
      let timer: NodeJS.Timeout | undefined;
      let immediate: NodeJS.Immediate | undefined;
      let cancelled = false;
      const check = (): void => {
        timer = undefined;
        immediate = undefined;
        if (cancelled) return;
        const wait = atMs - performance.now();
        if (wait <= 0) fn();
        else if (wait > margin) timer = setTimeout(check, margin > 0 ? Math.max(1, Math.floor(wait - margin)) : Math.ceil(wait));
        else immediate = setImmediate(check);
      };
      // Never call back synchronously: a due (or nearly due) time is checked on the next turn.
      const wait = atMs - performance.now();
      if (wait > margin) timer = setTimeout(check, margin > 0 ? Math.max(1, Math.floor(wait - margin)) : Math.ceil(wait));
      else immediate = setImmediate(check);
      return () => {
        cancelled = true;
        if (timer !== undefined) clearTimeout(timer);
        if (immediate !== undefined) clearImmediate(immediate);
      };
    },
  };
}
