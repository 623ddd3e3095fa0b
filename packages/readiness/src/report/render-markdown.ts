import type { CheckStatus } from '../model/check-types.js';
import type { ReadinessResult } from '../model/readiness-result.js';

export const STATUS_LABELS: Readonly<Record<CheckStatus, string>> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', unknown: 'UNKNOWN', skip: 'SKIP' };

const VERDICT_TEXT = { ready: 'READY', 'ready-with-warnings': 'READY WITH WARNINGS', 'not-ready': 'NOT READY' } as const;

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The result as a Markdown report: verdict and score, the per-category table, the checklist, and how to fix each failure. */
export function renderMarkdown(result: ReadinessResult): string {
  const lines: string[] = [];
  lines.push(`# Production readiness: ${VERDICT_TEXT[result.verdict]}`, '');
  lines.push(
    `Score **${result.score}/100** (coverage ${Math.round(result.coverage * 100)} %), profile \`${result.profile}\`, ${result.counts.pass} passed, ${result.counts.warn} warned, ${result.counts.fail} failed, ${result.counts.unknown} unknown, ${result.counts.skip} skipped.`,
  );
  if (result.criticalFailures.length > 0) lines.push('', `Critical failures: ${result.criticalFailures.map((id) => `\`${id}\``).join(', ')}.`);
  lines.push('', `Target (${result.target.mode}${result.target.contract === undefined ? '' : `, ${result.target.contract}`}): ${Object.entries(result.target.urls).map(([s, u]) => `${s} ${u}`).join(', ')}.`);
  if (result.inputs.compose !== undefined || result.inputs.envFile !== undefined) {
    lines.push(`Files: ${[result.inputs.compose && `compose \`${result.inputs.compose}\``, result.inputs.envFile && `env \`${result.inputs.envFile}\``].filter(Boolean).join(', ')}.`);
  }
  lines.push('', '## By category', '', '| category | score | pass | warn | fail | unknown | skip |', '|---|---:|---:|---:|---:|---:|---:|');
  for (const c of result.categories) {
    lines.push(`| ${c.category} | ${c.score ?? '–'} | ${c.counts.pass} | ${c.counts.warn} | ${c.counts.fail} | ${c.counts.unknown} | ${c.counts.skip} |`);
  }
  lines.push('', '## Checklist', '', '| status | severity | check | result |', '|---|---|---|---|');
  for (const check of result.checks) {
    lines.push(`| ${STATUS_LABELS[check.status]} | ${check.severity} | \`${check.id}\` ${cell(check.title)}${check.owasp === undefined ? '' : ` (${check.owasp})`} | ${cell(check.reason)} |`);
  }
  const toFix = result.checks.filter((c) => c.status === 'fail' || c.status === 'warn');
  if (toFix.length > 0) {
    lines.push('', '## How to fix', '');
    for (const check of toFix) {
      lines.push(`### ${STATUS_LABELS[check.status]} \`${check.id}\` — ${check.title}`, '', `${check.reason}.`, '');
      for (const fact of check.evidence.slice(0, 12)) lines.push(`- ${fact}`);
      if (check.evidence.length > 12) lines.push(`- … ${check.evidence.length - 12} more`);
      lines.push('', `**Fix:** ${check.howToFix}`, '');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
