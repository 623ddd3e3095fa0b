import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MONITORING_ERROR_CODES } from './errors.js';
import { resolveMonitoringOptions } from './options.js';
import { ALERTS } from './rules/alert-catalog.js';
import * as api from './index.js';

const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');

describe('README.md', () => {
  it('documents every option once, with its default', () => {
    for (const option of Object.keys(resolveMonitoringOptions())) {
      const rows = readme.split('\n').filter((line) => line.startsWith(`| \`${option}\``));
      expect(rows, option).toHaveLength(1);
      expect(rows[0], option).toContain('Default:');
    }
  });

  it('has a section for every alert (the runbook anchors follow the same names)', () => {
    for (const alert of ALERTS) expect(readme, alert.name).toContain(`\n### ${alert.name}\n`);
  });

  it('lists every error code', () => {
    for (const code of Object.keys(MONITORING_ERROR_CODES)) expect(readme, code).toContain(`\`${code}\``);
  });

  it('names only exports that exist', () => {
    const apiTable = readme.slice(readme.indexOf('## API'), readme.indexOf('## Errors'));
    const named = [...apiTable.matchAll(/^\| ([^|]+) \|/gm)].flatMap((m) => [...(m[1] ?? '').matchAll(/`([A-Za-z_]+)[(`]/g)].map((n) => n[1] ?? ''));
    expect(named.length).toBeGreaterThan(20);
    for (const name of named.filter((n) => n !== 'export')) expect(Object.keys(api), name).toContain(name);
  });
});
