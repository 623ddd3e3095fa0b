import { isRagValidateError } from '@rag-validate/config';
import { CaseRecorder, CaseSkipped, CheckFailure } from './case-recorder.js';
import type { CaseResult, CaseStatus, SuiteResult } from './result-types.js';
import type { CaseDefinition, E2eContext, SuiteDefinition } from './suite-definition.js';

/** Called when a case starts and when it ends (for progress output). */
export interface SuiteProgress {
  onCaseStart?(suite: string, caseId: string, title: string): void;
  onCaseEnd?(result: CaseResult): void;
}

/** Runs one case and turns whatever happened into a CaseResult; never throws for a failing target. */
export async function runCase<State>(suite: SuiteDefinition<State>, definition: CaseDefinition<State>, ctx: E2eContext, state: State): Promise<CaseResult> {
  const t = new CaseRecorder();
  const started = performance.now();
  let status: CaseStatus = 'pass';
  let message: string | undefined;
  try {
    await definition.run(ctx, t, state);
    if (t.findingMessage !== undefined) {
      status = 'finding';
      message = t.findingMessage;
    }
  } catch (error) {
    if (error instanceof CaseSkipped) {
      status = 'skip';
      message = error.message;
    } else {
      status = 'fail';
      if (error instanceof CheckFailure) {
        message = error.message;
        for (const [key, value] of Object.entries(error.evidence)) t.evidence(key, value);
      } else if (isRagValidateError(error)) {
        message = `${error.code}: ${error.message}`;
        t.evidence('error', error.toJSON());
      } else {
        message = `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
  }
  return {
    id: `${suite.name}/${definition.id}`,
    suite: suite.name,
    title: definition.title,
    status,
    durationMs: Math.round(performance.now() - started),
    ...(message === undefined ? {} : { message }),
    evidence: jsonSafe(t.recorded),
  };
}

/** Ids of the cases `definition` needs that have not passed (or produced a finding). */
export function unmetNeeds(definition: { readonly needs?: readonly string[] }, results: ReadonlyMap<string, Pick<CaseResult, 'status'>>): string[] {
  return (definition.needs ?? []).filter((id) => {
    const status = results.get(id)?.status;
    return status !== 'pass' && status !== 'finding';
  });
}

/** Runs the cases of a suite in order; a case whose `needs` did not pass is skipped with the reason. */
export async function runSuite<State>(suite: SuiteDefinition<State>, ctx: E2eContext, progress: SuiteProgress = {}): Promise<SuiteResult> {
  const state = suite.createState();
  const started = performance.now();
  const results: CaseResult[] = [];
  const byId = new Map<string, CaseResult>();
  for (const definition of suite.cases) {
    progress.onCaseStart?.(suite.name, definition.id, definition.title);
    const unmet = unmetNeeds(definition, byId);
    const result: CaseResult =
      unmet.length > 0
        ? {
            id: `${suite.name}/${definition.id}`,
            suite: suite.name,
            title: definition.title,
            status: 'skip',
            durationMs: 0,
            message: `skipped: needs ${unmet.join(', ')} to pass first`,
            evidence: {},
          }
        : ctx.signal?.aborted
          ? { id: `${suite.name}/${definition.id}`, suite: suite.name, title: definition.title, status: 'skip', durationMs: 0, message: 'run aborted', evidence: {} }
          : await runCase(suite, definition, ctx, state);
    results.push(result);
    byId.set(definition.id, result);
    progress.onCaseEnd?.(result);
  }
  const counts: Record<CaseStatus, number> = { pass: 0, fail: 0, finding: 0, skip: 0 };
  for (const r of results) counts[r.status] += 1;
  return {
    suite: suite.name,
    title: suite.title,
    status: counts.fail > 0 ? 'fail' : 'pass',
    durationMs: Math.round(performance.now() - started),
    counts,
    cases: results,
  };
}

function jsonSafe(value: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v))) as Record<string, unknown>;
}
