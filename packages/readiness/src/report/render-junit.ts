import { CATEGORIES } from '../model/check-types.js';
import type { ReadinessResult } from '../model/readiness-result.js';

function xml(text: string): string {
  // Characters XML 1.0 does not allow are dropped; the five specials are escaped.
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/**
 * The result as JUnit XML for CI: one testsuite per category, one testcase per check. `fail` is a
 * `<failure>` (type = severity), `unknown` an `<error>` (the evidence could not be gathered),
 * `skip` a `<skipped>`; `warn` passes with its reason in `<system-out>`.
 */
export function renderJunit(result: ReadinessResult): string {
  const seconds = (result.durationMs / 1000).toFixed(3);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="rag-validate readiness" tests="${result.checks.length}" failures="${result.counts.fail}" errors="${result.counts.unknown}" skipped="${result.counts.skip}" time="${seconds}">`,
  ];
  for (const category of CATEGORIES) {
    const checks = result.checks.filter((c) => c.category === category);
    if (checks.length === 0) continue;
    const count = (status: string) => checks.filter((c) => c.status === status).length;
    lines.push(`  <testsuite name="readiness.${category}" tests="${checks.length}" failures="${count('fail')}" errors="${count('unknown')}" skipped="${count('skip')}" time="0">`);
    for (const check of checks) {
      lines.push(`    <testcase classname="readiness.${category}" name="${xml(`${check.id}: ${check.title}`)}" time="0">`);
      const details = xml([...check.evidence, `How to fix: ${check.howToFix}`].join('\n'));
      if (check.status === 'fail') lines.push(`      <failure type="${check.severity}" message="${xml(check.reason)}">${details}</failure>`);
      else if (check.status === 'unknown') lines.push(`      <error type="unknown" message="${xml(check.reason)}">${details}</error>`);
      else if (check.status === 'skip') lines.push(`      <skipped message="${xml(check.reason)}"/>`);
      else if (check.status === 'warn') lines.push(`      <system-out>${xml(`WARN: ${check.reason}\n${check.evidence.join('\n')}`)}</system-out>`);
      lines.push('    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}
