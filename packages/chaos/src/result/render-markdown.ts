import { LOAD_OPERATIONS } from '../experiment/request-outcome.js';
import type { ChaosRunResult, ExperimentResult } from './chaos-result.js';

const VERDICT: Readonly<Record<ExperimentResult['verdict'], string>> = {
  pass: 'PASS',
  fail: 'FAIL',
  inconclusive: 'INCONCLUSIVE',
  skipped: 'skipped',
  error: 'ERROR',
};

function seconds(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  return ms < 10_000 ? `${(ms / 1_000).toFixed(2)} s` : `${(ms / 1_000).toFixed(1)} s`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The chaos section of the report: a summary table, then one section per experiment. */
export function renderChaosMarkdown(result: ChaosRunResult): string {
  const s = result.settings;
  const lines: string[] = [
    '# Chaos experiments',
    '',
    `Target: ${result.target.kind === 'embedded' ? 'the embedded reference stack' : 'an external target'} (rag-server ${result.target.urls.rag}), ${result.driver} driver. ` +
      `Each fault held ${seconds(s.faultDurationMs)} under ${s.loadRps} req/s of background load; a clean error must come within ${seconds(s.cleanErrorWithinMs)}; MTTR objective ${seconds(s.mttrMs)}.`,
    '',
    `**${result.pass ? 'All experiments passed.' : 'Not every experiment passed.'}** ${result.summary.passed} passed, ${result.summary.failed} failed, ${result.summary.inconclusive} inconclusive, ${result.summary.errored} errored, ${result.summary.skipped} skipped.`,
    '',
    '| experiment | verdict | recovery (rollback → first good query) | ready | requests failed (error budget) | data |',
    '|---|---|---|---|---|---|',
  ];
  for (const e of result.experiments) {
    const budget = e.errorBudget === null ? '—' : `${e.errorBudget.failed}/${e.errorBudget.requests} failed${budgetMultiple(e.errorBudget.spent)}`;
    const data = e.consistency === null ? '—' : consistencyCell(e);
    lines.push(`| ${e.name} | ${VERDICT[e.verdict]} | ${seconds(e.recovery?.timeToFirstGoodQueryMs)} | ${seconds(e.recovery?.timeToReadyMs)} | ${budget} | ${cell(data)} |`);
  }
  for (const e of result.experiments) lines.push('', ...renderExperiment(e));
  return `${lines.join('\n')}\n`;
}

/** How many times the availability objective's allowance the experiment's failures used. */
function budgetMultiple(spent: number | null): string {
  if (spent === null) return ' (no failure allowed)';
  if (spent === 0) return '';
  return spent < 1 ? ` (${Math.round(spent * 100)} % of the budget)` : ` (${spent >= 10 ? Math.round(spent) : spent.toFixed(1)}× the budget)`;
}

function consistencyCell(e: ExperimentResult): string {
  const parts: string[] = [];
  const m = e.consistency?.manifest;
  if (m) parts.push(`${m.before - m.missing - m.changed}/${m.before} points kept`);
  if (e.consistency && e.consistency.acknowledgedWrites > 0) parts.push(`${e.consistency.acknowledgedWrites - e.consistency.lostWrites}/${e.consistency.acknowledgedWrites} acked writes kept`);
  return parts.join(', ') || '—';
}

function renderExperiment(e: ExperimentResult): string[] {
  const lines = [
    `## ${e.name}: ${e.title} — ${VERDICT[e.verdict]}`,
    '',
    `- Fault: ${e.faultDescription} (${e.driver} driver)`,
    `- Expected: ${e.expectedOutcome || '—'}`,
  ];
  if (e.error) lines.push(`- ${e.verdict === 'skipped' ? 'Skipped' : 'Error'}: \`${e.error.code}\` ${e.error.message}`);
  if (e.recovery) {
    lines.push(
      `- Recovery: rollback took ${seconds(e.recovery.rollbackMs)}; ready after ${seconds(e.recovery.timeToReadyMs)}; first good search + generate after ${seconds(e.recovery.timeToFirstGoodQueryMs)} (objective ${seconds(e.recovery.mttrObjectiveMs)})`,
    );
  }
  if (e.alert) lines.push(`- Alert ${e.alert.expected.map((a) => a.alertname).join('/')}: ${e.alert.detectionMs === null ? 'did not fire' : `firing ${seconds(e.alert.detectionMs)} after the fault started`}${e.alert.error ? ` (last polling error: ${e.alert.error})` : ''}`);
  if (e.hypotheses.length > 0) {
    lines.push('', '| hypothesis | verdict | score | finding |', '|---|---|---|---|');
    for (const h of e.hypotheses) lines.push(`| ${h.title} | ${h.verdict} | ${h.score.toFixed(2)} | ${cell(h.reason)} |`);
  }
  if (e.timeline.length > 0) {
    lines.push('', '| t (ms from fault) | event | detail |', '|---|---|---|');
    for (const t of e.timeline) lines.push(`| ${t.sinceFaultMs === null ? '' : t.sinceFaultMs} | ${t.event} | ${cell(t.detail ?? '')} |`);
  }
  if (e.load) {
    lines.push('', '| operation | before the fault | during | after | p95 during |', '|---|---|---|---|---|');
    for (const op of LOAD_OPERATIONS) {
      const phases = e.load.byOperation[op];
      if (phases === undefined) continue;
      const fmt = (counts: Readonly<Record<string, number | undefined>>) =>
        Object.entries(counts)
          .map(([outcome, n]) => `${n} ${outcome}`)
          .join(', ') || '—';
      lines.push(`| ${op} | ${fmt(phases.before)} | ${fmt(phases.during)} | ${fmt(phases.after)} | ${e.load.p95DuringFaultMs[op] === undefined ? '—' : `${e.load.p95DuringFaultMs[op]} ms`} |`);
    }
  }
  return lines;
}
