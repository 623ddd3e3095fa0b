import { thresholdChart } from '@rag-validate/perf';
import type { ChaosExperimentInput } from '../../results/chaos-result.js';
import { formatMs } from '../format.js';
import { badge, esc, note, section, table } from './html.js';
import { chaosTimelineSvg } from './chaos-timeline.js';
import { fileLinks, notAvailable, type RenderContext } from './render-context.js';

/** Every chaos experiment: its timeline, recovery time against the MTTR objective, hypotheses and load. */
export function chaosSection(ctx: RenderContext): string {
  const status = ctx.verdict.areas.find((a) => a.area === 'chaos')?.status;
  const file = ctx.results.chaos;
  if (file.state !== 'ok') return section('chaos', 'Chaos', notAvailable(file, 'Run `rag-validate chaos run all` or `rag-validate run` to produce it.'), status);
  const chaos = file.value;
  const s = chaos.settings;
  const meta = `Driver ${esc(chaos.driver)}, target ${esc(chaos.target.kind)}; each fault held ${esc(formatMs(s.faultDurationMs))} under ${s.loadRps} req/s of background load (after ${esc(formatMs(s.baselineMs))} of steady state); clean errors within ${esc(formatMs(s.cleanErrorWithinMs))}; MTTR objective ${esc(formatMs(s.mttrMs))}.`;
  const counts = `${chaos.summary.passed} passed, ${chaos.summary.failed} failed, ${chaos.summary.inconclusive} inconclusive, ${chaos.summary.errored} errored, ${chaos.summary.skipped} skipped.`;
  const recovered = chaos.experiments.filter((e) => e.recovery !== null);
  const mttrChart =
    recovered.length === 0
      ? ''
      : `<div class="chart">${thresholdChart({
          title: 'Recovery time (rollback → first good query) against the MTTR objective',
          width: 1000,
          items: recovered.map((e) => {
            const measured = e.recovery?.timeToFirstGoodQueryMs ?? null;
            const threshold = e.recovery?.mttrObjectiveMs ?? s.mttrMs;
            return { label: e.name, measured, threshold, bound: 'upper' as const, pass: measured !== null && measured <= threshold, format: formatMs };
          }),
        })}</div>`;
  const overview = table(
    ['experiment', 'verdict', 'fault', 'recovery', 'MTTR objective', 'failed hypotheses'],
    chaos.experiments.map((e) => ({
      className: e.verdict === 'pass' || e.verdict === 'skipped' ? '' : 'failed',
      cells: [
        `<a class="nw" href="#chaos-${esc(e.name)}">${esc(e.name)}</a>`,
        badge(e.verdict),
        esc(e.faultDescription),
        `<span class="num">${e.recovery?.timeToFirstGoodQueryMs == null ? '–' : esc(formatMs(e.recovery.timeToFirstGoodQueryMs))}</span>`,
        `<span class="num">${e.recovery === null ? '–' : esc(formatMs(e.recovery.mttrObjectiveMs))}</span>`,
        esc(failedHypotheses(e)),
      ],
    })),
  );
  const experiments = chaos.experiments.map(experiment);
  return section('chaos', 'Chaos', `${fileLinks(ctx, ['chaos.json', 'chaos.md'])}<p class="note">${meta} ${counts}</p>${overview}${mttrChart}${experiments.join('')}`, status);
}

/** `id: reason; id: reason` of the hypotheses that failed or could not be proven, or `–`. */
export function failedHypotheses(e: ChaosExperimentInput): string {
  if (e.error) return `${e.error.code}: ${e.error.message}`;
  const bad = e.hypotheses.filter((h) => h.verdict === 'fail' || h.verdict === 'inconclusive');
  return bad.length === 0 ? '–' : bad.map((h) => `${h.id}: ${h.reason}`).join('; ');
}

function experiment(e: ChaosExperimentInput): string {
  const timeline = chaosTimelineSvg(e);
  const r = e.recovery;
  const facts = [
    `<div><b>fault</b>: ${esc(e.faultDescription)} (driver ${esc(e.driver)})</div>`,
    `<div><b>expected</b>: ${esc(e.expectedOutcome)}</div>`,
    r === null
      ? '<div><b>recovery</b>: not measured</div>'
      : `<div><b>recovery</b>: rollback took ${esc(formatMs(r.rollbackMs))}; ready after ${r.timeToReadyMs === null ? 'never' : esc(formatMs(r.timeToReadyMs))}; first good query after ${r.timeToFirstGoodQueryMs === null ? 'never' : esc(formatMs(r.timeToFirstGoodQueryMs))} (objective ${esc(formatMs(r.mttrObjectiveMs))})</div>`,
    e.load === null ? '' : `<div><b>load</b>: ${e.load.requests} requests, ${e.load.dropped} dropped${loadDuring(e)}</div>`,
    e.errorBudget === null ? '' : `<div><b>error budget</b>: ${e.errorBudget.failed} of ${e.errorBudget.requests} requests failed against availability ${e.errorBudget.availabilityObjective}${e.errorBudget.spent === null ? '' : ` (${e.errorBudget.spent.toFixed(1)}× the allowed ${e.errorBudget.allowedFailures.toFixed(2)})`}</div>`,
    e.consistency === null ? '' : `<div><b>consistency</b>: ${e.consistency.acknowledgedWrites} acknowledged writes, ${e.consistency.lostWrites} lost${e.consistency.lostWritePaths.length > 0 ? ` (${esc(e.consistency.lostWritePaths.join(', '))})` : ''}</div>`,
    e.alert === null ? '' : `<div><b>alert</b>: ${e.alert.detectionMs === null ? `not detected${e.alert.error ? ` (${esc(e.alert.error)})` : ''}` : `firing ${esc(formatMs(e.alert.detectionMs))} after the fault`}</div>`,
    e.error === null ? '' : `<div class="unreadable">error ${esc(e.error.code)}: ${esc(e.error.message)}</div>`,
  ].join('');
  const hypothesesTable = table(
    ['hypothesis', 'verdict', 'reason'],
    e.hypotheses.map((h) => ({ className: h.verdict === 'fail' || h.verdict === 'inconclusive' ? 'failed' : '', cells: [esc(h.title), badge(h.verdict), esc(h.reason)] })),
  );
  const tally = (['pass', 'fail', 'inconclusive', 'skipped'] as const)
    .map((v) => [v, e.hypotheses.filter((h) => h.verdict === v).length] as const)
    .filter(([, n]) => n > 0)
    .map(([v, n]) => `${n} ${v}`)
    .join(', ');
  // A passing experiment's hypotheses are folded; the others are open.
  const hypotheses = `<details class="more"${e.verdict === 'pass' ? '' : ' open'}><summary>${e.hypotheses.length} hypotheses: ${esc(tally)}</summary>${hypothesesTable}</details>`;
  return `<h3 id="chaos-${esc(e.name)}">${esc(e.title)} <code>${esc(e.name)}</code> ${badge(e.verdict)}</h3><p class="note">${esc(e.description)}</p>${
    timeline === null ? note('No timeline: the fault was never injected.') : `<div class="chart">${timeline}</div>`
  }<div class="kv">${facts}</div>${hypotheses}`;
}

function loadDuring(e: ChaosExperimentInput): string {
  const during = Object.entries(e.load?.byOperation ?? {}).map(([op, phases]) => {
    const outcomes = Object.entries(phases?.during ?? {}).map(([outcome, n]) => `${n} ${outcome}`);
    return outcomes.length === 0 ? '' : `${op}: ${outcomes.join(', ')}`;
  });
  const text = during.filter((d) => d !== '').join('; ');
  return text === '' ? '' : `; during the fault ${esc(text)}`;
}
