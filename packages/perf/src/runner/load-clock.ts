import { performance } from 'node:perf_hooks';

/** The time source of the open-model runner; tests pass a virtual clock. */
export interface LoadClock {
  /** Monotonic milliseconds. */
  now(): number;
  /** The wall-clock time (ms since the epoch) of a `now()` reading. */
  toEpochMs(monotonicMs: number): number;
  /** Calls `fn` once, at or soon after `atMs` (never synchronously). Returns a cancel function. */
  at(atMs: number, fn: () => void): () => void;
}

export interface RealClockOptions {
  /**
   * How close to a due time the clock stops sleeping on a timer (libuv timers have 1 ms
   * granularity and fire late) and polls with setImmediate instead, so sends start on time.
   * Default: 1.
   */
  readonly spinMs?: number;
}

/** performance.now() with timers that wake up early and poll the last `spinMs`. */
export function realClock(options: RealClockOptions = {}): LoadClock {
  const { spinMs = 1 } = options;
  const origin = performance.timeOrigin;
  return {
    now: () => performance.now(),
    toEpochMs: (monotonicMs) => origin + monotonicMs,
    at(atMs, fn) {
      let timer: NodeJS.Timeout | undefined;
      let immediate: NodeJS.Immediate | undefined;
      let cancelled = false;
      const check = (): void => {
        timer = undefined;
        immediate = undefined;
        if (cancelled) return;
        const wait = atMs - performance.now();
        if (wait <= 0) fn();
        else if (wait > spinMs) timer = setTimeout(check, Math.max(1, Math.floor(wait - spinMs)));
        else immediate = setImmediate(check);
      };
      immediate = setImmediate(check);
      return () => {
        cancelled = true;
        if (timer !== undefined) clearTimeout(timer);
        if (immediate !== undefined) clearImmediate(immediate);
      };
    },
  };
}
