import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REPORT_ERROR_CODES } from './errors.js';
import * as api from './index.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('documents every error code with its catalog text', () => {
    for (const [code, meaning] of Object.entries(REPORT_ERROR_CODES)) expect(readme).toContain(`| \`${code}\` | ${meaning} |`);
  });

  it('names every runtime export of the package', () => {
    for (const name of Object.keys(api)) expect(readme, name).toContain(`\`${name}`);
  });

  it('gives every option a Default:', () => {
    const optionRows = readme.split('\n').filter((line) => /^\| `(--[a-z-]+|\w+` `\w+|\w+` \/ `\w+` `\w+)/.test(line));
    expect(optionRows.length).toBeGreaterThanOrEqual(7);
    for (const row of optionRows) expect(row).toContain('Default:');
  });
});
