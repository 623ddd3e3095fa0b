import type { Slos } from '@rag-validate/config';
import { OPERATIONS } from '../operations/operation-catalog.js';
import type { OperationObjectives } from '../result/perf-result.js';
import { expectedArrivals, stagesDurationMs } from '../schedule/rate-stage.js';
import { WeightedMix } from '../schedule/weighted-mix.js';
import type { RunSettings } from '../scenarios/run-settings.js';

export type { OperationObjectives };

/**
 * The thresholds of each operation of a run, from the config SLOs (`slos.<op>`: the same objects
 * the alert rules and dashboards use). The throughput an operation must achieve is its
 * availability × the larger of the rate it was offered and, when the scenario runs at that SLO's
 * throughput objective, the objective itself.
 */
export function deriveObjectives(settings: RunSettings, slos: Slos): Record<string, OperationObjectives> {
  const { scenario, stages } = settings;
  const averageRps = expectedArrivals(stages) / (stagesDurationMs(stages) / 1_000);
  const shares = new WeightedMix(scenario.mix.map((m) => ({ item: m.operation, weight: m.weight }))).shares();
  const objectives: Record<string, OperationObjectives> = {};
  scenario.mix.forEach((entry, index) => {
    const info = OPERATIONS[entry.operation];
    const slo = slos[info.slo];
    const offered = averageRps * (shares[index] ?? 0);
    const sloRps = 'sloRps' in scenario.rate && scenario.rate.sloRps === info.slo ? slo.throughput.rps : undefined;
    const useSlo = sloRps !== undefined && sloRps >= offered;
    const base = useSlo ? sloRps : offered;
    objectives[entry.operation] = {
      slo: info.slo,
      latency: { ...slo.latency },
      availability: slo.availability,
      requiredRps: round6(base * slo.availability),
      requiredRpsSource: useSlo
        ? `slos.${info.slo}.throughput.rps (${sloRps}) × slos.${info.slo}.availability (${slo.availability})`
        : `offered rate (${round6(offered)} rps) × slos.${info.slo}.availability (${slo.availability})`,
      ...(slo.throughput.perDay === undefined ? {} : { perDay: slo.throughput.perDay }),
    };
  });
  return objectives;
}

const round6 = (value: number) => Math.round(value * 1e6) / 1e6;
