import type { GateResult, PerfResult } from '../result/perf-result.js';
import { worstWindows } from '../result/window-stats.js';
import { checkThreshold } from './gate-check.js';
import { GATES, type GateMeasurements } from './gate-registry.js';

/** The parts of a result the gates read. */
export type GateInput = Pick<PerfResult, 'objectives' | 'series' | 'timeline' | 'measure' | 'windowMs'>;

/**
 * Evaluates every gate that applies to every operation with objectives: the whole-run gates from
 * the series totals, the window gates from the per-second histograms. Works the same on one run
 * and on merged runs.
 */
export function evaluateGates(result: GateInput): GateResult[] {
  const gates: GateResult[] = [];
  const fromSec = Math.floor(result.measure.startEpochMs / 1_000);
  const windowSec = Math.max(1, Math.round(result.windowMs / 1_000));
  for (const [operation, objectives] of Object.entries(result.objectives)) {
    const stats = result.series[operation];
    if (stats === undefined) continue;
    const measurements: GateMeasurements = {
      run: stats.latency,
      scheduled: stats.scheduled,
      completed: stats.completed,
      errors: stats.errors,
      dropped: stats.dropped,
      achievedRps: stats.achievedRps,
      windows: worstWindows(result.timeline, operation, fromSec, windowSec),
    };
    for (const gate of GATES) {
      const threshold = gate.threshold(objectives);
      if (threshold === undefined) continue;
      const measured = gate.measure(measurements);
      const source = gate.id === 'throughput' ? objectives.requiredRpsSource : gate.source.replaceAll('<slo>', objectives.slo);
      const context =
        measured?.window === undefined
          ? undefined
          : `in the worst ${measurements.windows.windowSec} s window (${clockTime(measured.window.fromSec)}–${clockTime(measured.window.toSec + 1)} UTC)`;
      const outcome = checkThreshold({
        label: `${operation} ${gate.id}`,
        unit: gate.unit,
        bound: gate.bound,
        threshold,
        measured: measured?.value,
        source,
        unmeasuredBecause: `no ${operation} call completed in the measured part of the run`,
        ...(context === undefined ? {} : { context }),
      });
      gates.push({
        gate: gate.id,
        operation,
        scope: gate.scope,
        unit: gate.unit,
        bound: gate.bound,
        threshold,
        measured: measured === undefined ? null : measured.value,
        source,
        ...outcome,
        ...(measured?.window === undefined ? {} : { window: { fromSec: measured.window.fromSec, toSec: measured.window.toSec } }),
      });
    }
  }
  return gates;
}

function clockTime(epochSec: number): string {
  return new Date(epochSec * 1_000).toISOString().slice(11, 19);
}
