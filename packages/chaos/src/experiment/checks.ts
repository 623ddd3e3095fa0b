import type { LoadOperation, OutcomeClass, RequestRecord } from './request-outcome.js';

/** What a check concludes from measured values. `inconclusive`: the data cannot prove either way. */
export interface CheckResult {
  readonly pass: boolean;
  /** 0..1: the share of what was checked that was fine. */
  readonly score: number;
  readonly reason: string;
  readonly inconclusive?: boolean;
}

/** Every hypothesis an experiment can check, with what it means. Kept honest by checks.test.ts. */
export const CHAOS_CHECKS = {
  'steady-state-before': {
    title: 'Steady state before the fault',
    description: 'Every probe of the steady-state hypothesis (health, search p95, exact point count, answers to the fixed queries) holds before anything is touched; otherwise no fault is injected.',
  },
  'clean-errors': {
    title: 'Clean errors, no hangs',
    description: 'During the fault every request succeeds or fails with a status and a JSON body within the bound: no hang, no plain-text error, no contract-breaking 200.',
  },
  'no-silent-degradation': {
    title: 'No silent degradation',
    description: 'No request answers 200 with empty results, or results unlike the pre-fault answer, during the fault or the recovery.',
  },
  'stays-available': {
    title: 'Unaffected operations stay available',
    description: 'Operations that do not need the faulted service keep succeeding during the fault (e.g. search while the LLM is down).',
  },
  'fault-observed': {
    title: 'The fault had its expected effect',
    description: 'Operations that need the faulted service failed (cleanly) at least once; if not, the experiment proved nothing and is inconclusive.',
  },
  'latency-objective': {
    title: 'Latency objective under the fault',
    description: 'The p95 latency of the operation during the fault stays within its SLO (e.g. generation under a slow LLM network).',
  },
  'recovery-time': {
    title: 'Recovery within the MTTR objective',
    description: 'From the start of the rollback (service restart included) to the first good end-to-end search + generate takes at most recovery.mttrMs.',
  },
  'steady-state-after': {
    title: 'Steady state after recovery',
    description: 'The steady-state probes hold again after the recovery, and the fixed queries get their pre-fault answers.',
  },
  'data-consistency': {
    title: 'No indexed data lost or changed',
    description: 'Every point of the pre-fault manifest (ids and content hashes) is present and unchanged after recovery; exact counts match.',
  },
  'durable-writes': {
    title: 'Acknowledged writes are durable',
    description: 'Every index request the server acknowledged during the experiment is present afterwards (never acknowledged-then-lost).',
  },
  'alert-detected': {
    title: 'The alert fired',
    description: 'The matching Prometheus alert (e.g. ServiceDown) was firing before the rollback; the detection time is recorded.',
  },
} as const satisfies Record<string, { readonly title: string; readonly description: string }>;

export type HypothesisId = keyof typeof CHAOS_CHECKS;

const BAD_DURING_FAULT: readonly OutcomeClass[] = ['hang', 'unclean-error', 'slow-error', 'invalid-response'];

function share(good: number, total: number): number {
  return total === 0 ? 1 : Math.round((good / total) * 1_000) / 1_000;
}

function countBy(records: readonly RequestRecord[]): Partial<Record<OutcomeClass, number>> {
  const counts: Partial<Record<OutcomeClass, number>> = {};
  for (const r of records) counts[r.outcome] = (counts[r.outcome] ?? 0) + 1;
  return counts;
}

function describeCounts(counts: Partial<Record<OutcomeClass, number>>): string {
  return Object.entries(counts)
    .map(([outcome, n]) => `${n} ${outcome}`)
    .join(', ');
}

/** During the fault: every request ok or a clean error (connection errors only when the called service is the faulted one). */
export function checkCleanErrors(records: readonly RequestRecord[], options: { allowConnectionErrors: boolean }): CheckResult {
  if (records.length === 0) return { pass: false, score: 0, reason: 'no request ran during the fault', inconclusive: true };
  const bad = records.filter((r) => BAD_DURING_FAULT.includes(r.outcome) || (r.outcome === 'connection-error' && !options.allowConnectionErrors));
  const score = share(records.length - bad.length, records.length);
  if (bad.length === 0) return { pass: true, score, reason: `${records.length} requests during the fault: ${describeCounts(countBy(records))}` };
  const first = bad[0];
  return {
    pass: false,
    score,
    reason: `${bad.length} of ${records.length} requests did not end cleanly (${describeCounts(countBy(bad))}); first: ${first?.operation} ${first?.outcome}${first?.detail ? ` — ${first.detail}` : ''}`,
  };
}

/** During the fault and the recovery: no 200 with empty or unlike results. */
export function checkNoSilentDegradation(records: readonly RequestRecord[]): CheckResult {
  const degraded = records.filter((r) => r.outcome === 'degraded');
  const score = share(records.length - degraded.length, records.length);
  if (degraded.length === 0) return { pass: true, score, reason: `no degraded answer in ${records.length} requests` };
  return { pass: false, score, reason: `${degraded.length} of ${records.length} requests answered 200 with a degraded result; first: ${degraded[0]?.operation} — ${degraded[0]?.detail ?? ''}` };
}

/** Operations that must stay available: every request of theirs during the fault is ok. */
export function checkStaysAvailable(records: readonly RequestRecord[], operations: readonly LoadOperation[]): CheckResult {
  const relevant = records.filter((r) => operations.includes(r.operation));
  if (relevant.length === 0) return { pass: false, score: 0, reason: `no ${operations.join('/')} request ran during the fault`, inconclusive: true };
  const failed = relevant.filter((r) => r.outcome !== 'ok');
  const score = share(relevant.length - failed.length, relevant.length);
  if (failed.length === 0) return { pass: true, score, reason: `${relevant.length} ${operations.join('/')} requests all succeeded during the fault` };
  return { pass: false, score, reason: `${failed.length} of ${relevant.length} ${operations.join('/')} requests failed during the fault (${describeCounts(countBy(failed))})` };
}

/** Operations that need the faulted service: at least one of their requests failed during the fault. */
export function checkFaultObserved(records: readonly RequestRecord[], operations: readonly LoadOperation[], options: { allowConnectionErrors: boolean }): CheckResult {
  const missing: LoadOperation[] = [];
  for (const operation of operations) {
    const failed = records.some(
      (r) => r.operation === operation && (r.outcome === 'clean-error' || r.outcome === 'slow-error' || r.outcome === 'hang' || r.outcome === 'unclean-error' || r.outcome === 'degraded' || (options.allowConnectionErrors && r.outcome === 'connection-error')),
    );
    if (!failed) missing.push(operation);
  }
  if (missing.length === 0) return { pass: true, score: 1, reason: `${operations.join(' and ')} failed while the fault was in place, as expected` };
  return {
    pass: false,
    score: share(operations.length - missing.length, operations.length),
    reason: `${missing.join(' and ')} never failed during the fault: it had no visible effect (is the fault on the path the service uses?)`,
    inconclusive: true,
  };
}

/** p95 latency of an operation's requests during the fault, against an objective; every request must succeed. */
export function checkLatencyObjective(records: readonly RequestRecord[], operation: LoadOperation, p95ObjectiveMs: number): CheckResult {
  const relevant = records.filter((r) => r.operation === operation);
  if (relevant.length === 0) return { pass: false, score: 0, reason: `no ${operation} request ran during the fault`, inconclusive: true };
  const p95 = percentile(relevant.map((r) => r.durationMs), 0.95);
  const failed = relevant.filter((r) => r.outcome !== 'ok').length;
  const pass = p95 <= p95ObjectiveMs && failed === 0;
  return {
    pass,
    score: Math.min(1, p95ObjectiveMs / Math.max(p95, 1)) * share(relevant.length - failed, relevant.length),
    reason: `${operation} p95 ${Math.round(p95)} ms during the fault (objective ${p95ObjectiveMs} ms), ${failed} of ${relevant.length} failed`,
  };
}

/** Recovery: rollback → first good end-to-end query, against the MTTR objective. */
export function checkRecoveryTime(recoveryMs: number | undefined, mttrMs: number): CheckResult {
  if (recoveryMs === undefined) return { pass: false, score: 0, reason: `no good end-to-end query within ${mttrMs} ms of the rollback starting` };
  return {
    pass: recoveryMs <= mttrMs,
    score: Math.min(1, mttrMs / Math.max(recoveryMs, 1)),
    reason: `first good end-to-end query ${Math.round(recoveryMs)} ms after the rollback started (objective ${mttrMs} ms)`,
  };
}

/** A steady-state hypothesis holds when every probe passes. */
export function checkSteadyState(probes: ReadonlyArray<{ readonly name: string; readonly pass: boolean; readonly reason: string }>): CheckResult {
  if (probes.length === 0) return { pass: true, score: 1, reason: 'no probes in the hypothesis' };
  const failed = probes.filter((p) => !p.pass);
  const score = share(probes.length - failed.length, probes.length);
  if (failed.length === 0) return { pass: true, score, reason: probes.map((p) => `${p.name}: ${p.reason}`).join('; ') };
  return { pass: false, score, reason: failed.map((p) => `${p.name}: ${p.reason}`).join('; ') };
}

/** Pre-fault manifest against the state after recovery. */
export function checkDataConsistency(
  comparison: { readonly before: number; readonly missing: number; readonly changed: number; readonly countBefore: number; readonly countAfter: number; readonly expectedCountAfter: number },
  objective: number,
): CheckResult {
  const kept = comparison.before - comparison.missing - comparison.changed;
  const score = share(kept, comparison.before);
  const countOk = comparison.countAfter === comparison.expectedCountAfter;
  const pass = score >= objective && (objective < 1 || (comparison.missing === 0 && comparison.changed === 0 && countOk));
  const counts = `exact count ${comparison.countBefore} before, ${comparison.countAfter} after (expected ${comparison.expectedCountAfter})`;
  if (comparison.before === 0) return { pass: false, score: 0, reason: `the pre-fault manifest is empty: nothing to prove; ${counts}`, inconclusive: true };
  return {
    pass,
    score,
    reason: `${kept} of ${comparison.before} pre-fault points present and unchanged (${comparison.missing} missing, ${comparison.changed} changed); ${counts}`,
  };
}

/** Acknowledged writes against what is stored afterwards. */
export function checkDurableWrites(acknowledged: number, lost: number, objective: number): CheckResult {
  if (acknowledged === 0) return { pass: false, score: 0, reason: 'no write was acknowledged, so durability could not be checked', inconclusive: true };
  const score = share(acknowledged - lost, acknowledged);
  return {
    pass: score >= objective && (objective < 1 || lost === 0),
    score,
    reason: `${acknowledged - lost} of ${acknowledged} acknowledged writes present after recovery${lost > 0 ? ` (${lost} acknowledged then lost)` : ''}`,
  };
}

/** The expected alert was firing before the rollback. */
export function checkAlertDetected(alert: { readonly names: readonly string[]; readonly firstFiringAt: number | undefined }, faultStartedAt: number, rolledBackAt: number): CheckResult {
  const names = alert.names.join(' or ');
  if (alert.firstFiringAt === undefined) return { pass: false, score: 0, reason: `${names} never fired during the fault` };
  const detectionMs = alert.firstFiringAt - faultStartedAt;
  const pass = alert.firstFiringAt <= rolledBackAt;
  return { pass, score: pass ? 1 : 0, reason: `${names} firing ${Math.round(detectionMs)} ms after the fault started${pass ? '' : ' (only after the rollback)'}` };
}

/** Nearest-rank percentile (q in 0..1) of a list of numbers; 0 for an empty list. */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1] ?? 0;
}
