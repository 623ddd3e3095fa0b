import { readFileSync } from 'node:fs';
import { defaultConfig } from '@rag-validate/config';
import { describe, expect, it } from 'vitest';
import { PERF_ERROR_CODES } from './errors.js';
import { GATE_IDS } from './gates/gate-registry.js';
import { OPERATION_IDS } from './operations/operation-catalog.js';
import { BUILTIN_SCENARIOS } from './scenarios/builtin-scenarios.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const rows = readme.split('\n').filter((line) => line.startsWith('| `'));
const firstCells = rows.map((line) => /^\| `([^`]+)`/.exec(line)?.[1] ?? '');

describe('README', () => {
  it('documents every gate, scenario, operation and error code in its tables', () => {
    for (const name of [...GATE_IDS, ...BUILTIN_SCENARIOS.map((s) => s.name), ...OPERATION_IDS, ...Object.keys(PERF_ERROR_CODES)]) {
      expect(firstCells, name).toContain(name);
    }
  });

  it('documents every perf setting with its default', () => {
    for (const [key, value] of Object.entries(defaultConfig().perf)) {
      const row = rows.find((line) => line.startsWith(`| \`perf.${key}\``));
      expect(row, key).toBeDefined();
      expect(row, key).toContain(`Default: \`${value}\`.`);
    }
  });

  it('gives every CLI option a Default:', () => {
    const cliRows = rows.filter((line) => line.startsWith('| `--'));
    expect(cliRows.map((line) => /^\| `(--[a-z-]+)/.exec(line)?.[1])).toEqual(['--scenario', '--rps', '--stages', '--duration', '--warmup', '--max-in-flight', '--window', '--out']);
    for (const row of cliRows) expect(row).toContain('Default:');
  });
});
