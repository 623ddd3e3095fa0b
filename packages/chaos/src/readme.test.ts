import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHAOS_ERROR_CODES } from './errors.js';
import { CHAOS_CHECKS } from './experiment/checks.js';
import { SHIPPED_EXPERIMENTS } from './experiments/shipped-experiments.js';
import { PROXY_FAULT_KINDS, SERVICE_FAULT_KINDS } from './faults/fault-spec.js';
import { TIMELINE_EVENTS } from './result/chaos-result.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const rows = readme.split('\n').filter((line) => line.startsWith('| `'));

/** The rows of the table whose header line starts with `header`. */
function table(header: string): string[] {
  const lines = readme.split('\n');
  const start = lines.findIndex((line) => line.startsWith(header));
  const end = lines.findIndex((line, i) => i > start && !line.startsWith('|'));
  return lines.slice(start + 2, end === -1 ? undefined : end);
}

describe('packages/chaos/README.md stays true to the code', () => {
  it('lists every shipped experiment with its exact expected outcome', () => {
    for (const experiment of SHIPPED_EXPERIMENTS) {
      const row = rows.find((r) => r.startsWith(`| \`${experiment.name}\` |`));
      expect(row, experiment.name).toBeDefined();
      expect(row).toContain(experiment.expectedOutcome);
    }
  });

  it('documents every hypothesis and every error code, and nothing that does not exist', () => {
    const first = (lines: string[]) => lines.map((r) => /^\| `([^`]+)` \|/.exec(r)?.[1]).filter((v): v is string => v !== undefined);
    expect(first(table('| hypothesis |')).sort()).toEqual(Object.keys(CHAOS_CHECKS).sort());
    expect(first(table('| code |')).sort()).toEqual(Object.keys(CHAOS_ERROR_CODES).sort());
  });

  it('mentions every fault kind and every timeline event', () => {
    const factory: Record<string, string> = { 'network-disconnect': 'networkDisconnect', 'resource-limit': 'resourceLimit', 'close-after': 'closeAfter' };
    for (const kind of [...SERVICE_FAULT_KINDS, ...PROXY_FAULT_KINDS]) expect(readme, kind).toContain(`\`${factory[kind] ?? kind}(`);
    for (const event of TIMELINE_EVENTS) expect(readme, event).toContain(`\`${event}\``);
  });
});
