import type { LoadClock } from '../runner/load-clock.js';

/** The wall-clock time a VirtualClock's 0 maps to (2025-01-01T00:00:00Z): whole seconds line up. */
export const VIRTUAL_EPOCH_MS = Date.UTC(2025, 0, 1);

/**
 * A clock for unit tests of the scheduler: time moves only when the test says so, timers run in
 * time order, and promise callbacks run between them. No wall-clock time is involved.
 */
export class VirtualClock implements LoadClock {
  #now = 0;
  #seq = 0;
  readonly #timers: Array<{ at: number; seq: number; fn: () => void }> = [];
  /** Every wake-up asked for through `at()` (not `sleep()`), with its precision hint. */
  readonly wakes: Array<{ readonly atMs: number; readonly precise: boolean }> = [];

  now(): number {
    return this.#now;
  }

  toEpochMs(monotonicMs: number): number {
    return VIRTUAL_EPOCH_MS + monotonicMs;
  }

  at(atMs: number, fn: () => void, precise = true): () => void {
    this.wakes.push({ atMs, precise });
    return this.#schedule(atMs, fn);
  }

  #schedule(atMs: number, fn: () => void): () => void {
    const timer = { at: atMs, seq: this.#seq++, fn };
    this.#timers.push(timer);
    return () => {
      const index = this.#timers.indexOf(timer);
      if (index >= 0) this.#timers.splice(index, 1);
    };
  }

  /** Time passes while code runs (a slow send, a busy event loop): no timer runs meanwhile. */
  advance(ms: number): void {
    this.#now += ms;
  }

  /** Resolves after `ms` of virtual time (for operations under test). */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.#schedule(this.#now + ms, resolve));
  }

  /** Runs every timer due up to `until`, each at its own time, settling promises in between. */
  async runUntil(until: number): Promise<void> {
    await settle();
    for (;;) {
      const next = this.#earliest();
      if (next === undefined || next.at > until) break;
      this.#timers.splice(this.#timers.indexOf(next), 1);
      this.#now = Math.max(this.#now, next.at);
      next.fn();
      await settle();
    }
    this.#now = Math.max(this.#now, until);
  }

  /**
   * The process stalls (a GC pause, a busy event loop): time jumps to `until` without any timer
   * running; the timers that fell due run late, at `until`.
   */
  async stall(until: number): Promise<void> {
    this.#now = Math.max(this.#now, until);
    for (const timer of this.#timers) if (timer.at < until) timer.at = until;
    await this.runUntil(until);
  }

  /** Runs timers until none is left (or `limit` is reached). */
  async runAll(limit = Number.MAX_SAFE_INTEGER): Promise<void> {
    await this.runUntil(limit);
  }

  pendingTimers(): number {
    return this.#timers.length;
  }

  #earliest() {
    let best: { at: number; seq: number; fn: () => void } | undefined;
    for (const timer of this.#timers) if (best === undefined || timer.at < best.at || (timer.at === best.at && timer.seq < best.seq)) best = timer;
    return best;
  }
}

/** Lets every pending promise callback run (one turn of the real event loop; no time is measured). */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
