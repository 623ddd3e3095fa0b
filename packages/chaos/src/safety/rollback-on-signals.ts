import { ExperimentAbortedError } from '../errors.js';
import { rollbackActiveFaults } from '../faults/started-fault.js';

export interface SignalGuard extends Disposable {
  /** Aborted (with an ExperimentAbortedError as reason) when a signal arrives. */
  readonly signal: AbortSignal;
  /** Resolves once the rollback a signal started has finished (immediately when none did). */
  readonly rollbackDone: Promise<{ readonly rolledBack: number; readonly failures: readonly string[] } | undefined>;
}

/**
 * While installed, SIGINT and SIGTERM do not kill the process: they abort `signal` (so a running
 * experiment stops and its `await using` blocks roll back) and roll back every active fault right
 * away, in case something awaits that ignores the abort. A second signal while rolling back is
 * reported through `onSignal` and otherwise ignored: the faults come first. Dispose to restore the
 * default handlers.
 */
export function rollbackOnSignals(options: { signals?: readonly NodeJS.Signals[]; onSignal?: (signal: NodeJS.Signals, repeated: boolean) => void } = {}): SignalGuard {
  const { signals = ['SIGINT', 'SIGTERM'], onSignal } = options;
  const controller = new AbortController();
  let resolveDone: (value: { rolledBack: number; failures: readonly string[] } | undefined) => void = () => undefined;
  const rollbackDone = new Promise<{ rolledBack: number; failures: readonly string[] } | undefined>((resolve) => (resolveDone = resolve));
  let started = false;
  const handler = (signal: NodeJS.Signals) => {
    onSignal?.(signal, started);
    if (started) return;
    started = true;
    controller.abort(new ExperimentAbortedError(signal));
    void rollbackActiveFaults().then(resolveDone, () => resolveDone(undefined));
  };
  for (const signal of signals) process.on(signal, handler);
  return {
    signal: controller.signal,
    rollbackDone: rollbackDone.then((value) => value),
    [Symbol.dispose]: () => {
      for (const signal of signals) process.off(signal, handler);
      if (!started) resolveDone(undefined);
    },
  };
}
