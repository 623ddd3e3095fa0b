import { InvalidFaultOptionError } from '../errors.js';
import type { LoadOperation, RequestRecord } from './request-outcome.js';

export interface BackgroundLoadOptions {
  /** Requests per second, spread over the operations in turn. */
  readonly rps: number;
  readonly operations: readonly LoadOperation[];
  /** Makes one call and classifies it; must not reject. `seq` counts per operation. */
  execute(operation: LoadOperation, seq: number): Promise<RequestRecord>;
  /** Sends due while this many calls are open are dropped (and counted). Default: `64`. */
  readonly maxInFlight?: number;
}

/** A running background load. */
export interface BackgroundLoad {
  /** Every finished request so far, in completion order. */
  readonly records: readonly RequestRecord[];
  /** Sends dropped because too many calls were open (a stalled target). */
  readonly dropped: number;
  /** Stops sending and waits for the open calls (each has its own deadline). */
  stop(): Promise<void>;
}

/** Something that runs a background load (the perf package's open-model generator, or the built-in one). */
export type BackgroundLoadRunner = (options: BackgroundLoadOptions) => BackgroundLoad;

/**
 * The built-in open-model load: sends at fixed intervals whatever the responses do, so a hanging
 * target does not slow the load down (and shows up as hangs instead).
 */
export const fixedRateLoad: BackgroundLoadRunner = (options) => {
  const { rps, operations, execute, maxInFlight = 64 } = options;
  if (!(rps > 0) || !Number.isFinite(rps)) throw new InvalidFaultOptionError('loadRps', `expected a rate greater than 0, got ${rps}`);
  if (operations.length === 0) throw new InvalidFaultOptionError('load.operations', 'expected at least one operation');
  const records: RequestRecord[] = [];
  const open = new Set<Promise<void>>();
  const seqs = new Map<LoadOperation, number>();
  const intervalMs = 1_000 / rps;
  const start = Date.now();
  let sent = 0;
  let dropped = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const tick = () => {
    if (stopped) return;
    const operation = operations[sent % operations.length] as LoadOperation;
    sent += 1;
    if (open.size >= maxInFlight) dropped += 1;
    else {
      const seq = seqs.get(operation) ?? 0;
      seqs.set(operation, seq + 1);
      const call: Promise<void> = execute(operation, seq).then(
        (record) => {
          records.push(record);
        },
        () => undefined,
      );
      open.add(call);
      void call.finally(() => open.delete(call));
    }
    timer = setTimeout(tick, Math.max(0, start + sent * intervalMs - Date.now()));
  };
  tick();

  return {
    records,
    get dropped() {
      return dropped;
    },
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await Promise.all([...open]);
    },
  };
};
