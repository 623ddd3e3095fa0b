import type { E2eResult } from './framework/result-types.js';

// XML 1.0 cannot carry these control characters; they are dropped from names and messages.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;

const escape = (text: string): string =>
  text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c).replace(CONTROL_CHARS, '');

/** JUnit XML for CI systems: one testsuite per e2e suite; findings are passing cases with a system-out note. */
export function e2eToJUnitXml(result: E2eResult): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const total = result.suites.reduce((n, s) => n + s.cases.length, 0);
  const failures = result.suites.reduce((n, s) => n + s.counts.fail, 0);
  const skipped = result.suites.reduce((n, s) => n + s.counts.skip, 0);
  lines.push(`<testsuites name="rag-validate e2e" tests="${total}" failures="${failures}" skipped="${skipped}" time="${(result.durationMs / 1000).toFixed(3)}">`);
  for (const suite of result.suites) {
    lines.push(
      `  <testsuite name="${escape(suite.suite)}" tests="${suite.cases.length}" failures="${suite.counts.fail}" skipped="${suite.counts.skip}" time="${(suite.durationMs / 1000).toFixed(3)}">`,
    );
    for (const c of suite.cases) {
      lines.push(`    <testcase classname="${escape(suite.suite)}" name="${escape(c.title)}" time="${(c.durationMs / 1000).toFixed(3)}">`);
      if (c.status === 'fail') lines.push(`      <failure message="${escape(c.message ?? 'failed')}">${escape(JSON.stringify(c.evidence, null, 2))}</failure>`);
      if (c.status === 'skip') lines.push(`      <skipped message="${escape(c.message ?? 'skipped')}"/>`);
      if (c.status === 'finding') lines.push(`      <system-out>${escape(`finding: ${c.message ?? ''}`)}</system-out>`);
      lines.push('    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}
