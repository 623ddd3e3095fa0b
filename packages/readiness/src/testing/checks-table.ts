import { READINESS_CHECKS } from '../checks/registry.js';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The README's checklist table, generated from the registry (readme.test.ts keeps them equal). */
export function checksTable(): string {
  const rows = READINESS_CHECKS.map(
    (c) => `| \`${c.id}\` | ${c.category} | ${c.severity}${c.advisory === true ? ' (advisory)' : ''} | ${c.owasp ?? ''} | ${cell(c.title)}. ${cell(c.probes)} | ${cell(c.howToFix)} |`,
  );
  return ['| id | category | severity | OWASP | what it probes | how to fix |', '|---|---|---|---|---|---|', ...rows].join('\n');
}
