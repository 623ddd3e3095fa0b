import type { PerfResult } from '@rag-validate/perf';
import { AREA_NAMES, type AreaFile, type AreaName } from '../results/area-file.js';
import type { ReportResults } from '../results/load-results.js';
import { formatMs } from '../render/format.js';

/**
 * - `pass` / `fail` / `skip`: as the run (run.json) or the area's result file says;
 * - `no-results`: the area did not run (no result file, not in run.json);
 * - `unreadable`: its result file is there but cannot be read (counts as a failure).
 */
export type AreaStatus = 'pass' | 'fail' | 'skip' | 'no-results' | 'unreadable';

export interface AreaVerdict {
  readonly area: AreaName;
  readonly status: AreaStatus;
  /** One line: the area's key numbers, or why there is no verdict. */
  readonly summary: string;
  /** How long the area took in the run (from run.json). */
  readonly durationMs: number | undefined;
  /** Where the verdict comes from. */
  readonly source: 'run.json' | 'result file' | 'none';
}

export interface OverallVerdict {
  readonly status: 'pass' | 'fail';
  readonly areas: readonly AreaVerdict[];
}

/** Whether an area failed the report: a failed or unreadable area does. */
export const isFailing = (status: AreaStatus): boolean => status === 'fail' || status === 'unreadable';

/**
 * The verdict of each area: from run.json when it lists the area, else from the area's own result
 * file(s). An area whose file is unreadable is `unreadable` whatever run.json says, since its
 * evidence cannot be shown. Pure.
 */
export function areaVerdicts(results: ReportResults): OverallVerdict {
  const run = results.run.state === 'ok' ? results.run.value : undefined;
  const areas = AREA_NAMES.map((area): AreaVerdict => {
    const fromFile = fileVerdict(results, area);
    const phase = run?.phases.find((p) => p.phase === area);
    if (phase === undefined) return fromFile;
    if (fromFile.status === 'unreadable') return { ...fromFile, durationMs: phase.durationMs };
    return { area, status: phase.status, summary: phase.summary, durationMs: phase.durationMs, source: 'run.json' };
  });
  const failed = areas.some((a) => isFailing(a.status)) || run?.status === 'fail';
  return { status: failed ? 'fail' : 'pass', areas };
}

function fileVerdict(results: ReportResults, area: AreaName): AreaVerdict {
  const verdict = (status: AreaStatus, summary: string, source: AreaVerdict['source'] = 'result file'): AreaVerdict => ({ area, status, summary, durationMs: undefined, source });
  const missingOrUnreadable = (file: AreaFile<unknown>): AreaVerdict =>
    file.state === 'unreadable' ? verdict('unreadable', `${file.file} unreadable: ${file.reason}`) : verdict('no-results', `no results (${file.file} not found)`, 'none');
  switch (area) {
    case 'health': {
      if (results.health.state !== 'ok') return missingOrUnreadable(results.health);
      const services = results.health.value.services;
      const down = services.filter((s) => !s.ok).map((s) => s.displayName);
      return down.length === 0 ? verdict('pass', `${services.length}/${services.length} services healthy`) : verdict('fail', `not healthy: ${down.join(', ')}`);
    }
    case 'e2e': {
      if (results.e2e.state !== 'ok') return missingOrUnreadable(results.e2e);
      const cases = results.e2e.value.suites.flatMap((s) => s.cases);
      const n = (status: string) => cases.filter((c) => c.status === status).length;
      return verdict(results.e2e.value.status, `${n('pass')} passed, ${n('fail')} failed, ${n('finding')} findings, ${n('skip')} skipped`);
    }
    case 'perf': {
      if (results.perf.length === 0) return verdict('no-results', 'no results (no perf-<scenario>.json found)', 'none');
      const parts = results.perf.map((f) => (f.state === 'ok' ? perfLine(f.value) : `${f.file} unreadable: ${f.state === 'unreadable' ? f.reason : 'missing'}`));
      const status: AreaStatus = results.perf.some((f) => f.state !== 'ok') ? 'unreadable' : results.perf.every((f) => f.state === 'ok' && f.value.pass) ? 'pass' : 'fail';
      return verdict(status, parts.join('; '));
    }
    case 'chaos': {
      if (results.chaos.state !== 'ok') return missingOrUnreadable(results.chaos);
      const chaos = results.chaos.value;
      const passed = chaos.experiments.filter((e) => e.verdict === 'pass').length;
      const recoveries = chaos.experiments.map((e) => e.recovery?.timeToFirstGoodQueryMs).filter((v): v is number => typeof v === 'number');
      const slowest = recoveries.length > 0 ? `; slowest recovery ${formatMs(Math.max(...recoveries))} (MTTR objective ${formatMs(chaos.settings.mttrMs)})` : '';
      return verdict(chaos.pass ? 'pass' : 'fail', `${passed}/${chaos.experiments.length} experiments passed${slowest}`);
    }
    case 'readiness': {
      if (results.readiness.state !== 'ok') return missingOrUnreadable(results.readiness);
      const r = results.readiness.value;
      const critical = r.criticalFailures.length > 0 ? `; critical: ${r.criticalFailures.join(', ')}` : '';
      return verdict(r.verdict === 'not-ready' ? 'fail' : 'pass', `${r.verdict.replace(/-/g, ' ').toUpperCase()}, score ${r.score}/100${critical}`);
    }
  }
}

/** `search PASS (100.0 ok/s, p95 90.6 ms)`: the verdict and main numbers of one perf result. */
export function perfLine(result: PerfResult): string {
  const main = result.series[result.scenario.mix[0]?.operation ?? result.scenario.name];
  return `${result.scenario.name} ${result.pass ? 'PASS' : 'FAIL'}${main ? ` (${main.achievedRps.toFixed(1)} ok/s, p95 ${formatMs(main.latency.p95Ms)})` : ''}`;
}
