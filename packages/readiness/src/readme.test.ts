import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { READINESS_CHECKS } from './checks/registry.js';
import { READINESS_ERROR_CODES } from './errors.js';
import { checksTable } from './testing/checks-table.js';

const README = new URL('../README.md', import.meta.url);
const TABLE = /(<!-- checks-table[^>]*-->\n)([\s\S]*?)(\n<!-- \/checks-table -->)/;
// `UPDATE_README=1 npx vitest run src/readme.test.ts` rewrites the generated table.
if (process.env['UPDATE_README'] === '1') writeFileSync(README, readFileSync(README, 'utf8').replace(TABLE, (_m, open: string, _t: string, close: string) => `${open}${checksTable()}${close}`));
const readme = readFileSync(README, 'utf8');
const source = readFileSync(new URL('./run-readiness.ts', import.meta.url), 'utf8');

describe('README', () => {
  it('lists every check as the registry defines it (UPDATE_README=1 regenerates the table)', () => {
    const table = TABLE.exec(readme)?.[2];
    expect(table).toBe(checksTable());
  });

  it('documents every option of runReadiness once, each optional one with its Default', () => {
    const block = /export interface RunReadinessOptions \{([\s\S]*?)\n\}/.exec(source)?.[1] ?? '';
    const options = [...block.matchAll(/^\s+readonly (\w+)(\?)?:/gm)].map((m) => ({ name: m[1] ?? '', optional: m[2] === '?' }));
    expect(options.length).toBeGreaterThan(10);
    for (const { name, optional } of options) {
      const rows = readme.split('\n').filter((line) => line.startsWith(`| \`${name}\` |`));
      expect(rows, name).toHaveLength(1);
      if (optional) expect(rows[0], name).toContain('Default:');
    }
  });

  it('states the number of checks', () => {
    expect(readme).toContain(`A scored checklist of ${READINESS_CHECKS.length} checks`);
  });

  it('documents every error code', () => {
    for (const code of Object.keys(READINESS_ERROR_CODES)) expect(readme).toContain(`\`${code}\``);
  });
});
