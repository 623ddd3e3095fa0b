import type { CheckStatus } from '../model/check-types.js';
import type { CheckResult, ReadinessResult } from '../model/readiness-result.js';

/**
 * Returns the result of check `id` after asserting its status; throws with the check's reason and
 * evidence when it differs. registry.test.ts reads the calls of this helper in the test files to
 * prove that every check has a test in which a real misconfiguration makes it fail (or warn, for
 * advisory checks).
 */
export function expectCheck(result: ReadinessResult, id: string, status: CheckStatus): CheckResult {
  const check = result.checks.find((c) => c.id === id);
  if (check === undefined) throw new Error(`check ${id} is not in the result (ran: ${result.checks.map((c) => c.id).join(', ')})`);
  if (check.status !== status) {
    throw new Error(`expected ${id} to be ${status}, got ${check.status}: ${check.reason}\n  ${check.evidence.join('\n  ')}`);
  }
  return check;
}

/** Ids of the checks with `status`, sorted. */
export function idsWithStatus(result: ReadinessResult, status: CheckStatus): string[] {
  return result.checks.filter((c) => c.status === status).map((c) => c.id).sort();
}
