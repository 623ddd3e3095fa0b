import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConfig } from '@rag-validate/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { generateMonitoringFiles, RULE_TESTS_FILE } from '../generate-monitoring-files.js';
import type { MonitoringOptions } from '../options.js';
import { findExecutable, missingToolReason, runTool } from '../testing/executables.js';
import { writeMonitoringFiles } from '../write-monitoring-files.js';

const skipReason = missingToolReason('promtool', 'install it with `apt-get install prometheus` to run the rule unit tests');
if (skipReason !== undefined) console.warn(`[monitoring-config] skipping promtool tests: ${skipReason}`);
const promtool = findExecutable('promtool') ?? 'promtool';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'rv-monitoring-promtool-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function generate(name: string, raw: unknown, options: MonitoringOptions = {}): Promise<string> {
  const dir = join(root, name);
  await writeMonitoringFiles(dir, generateMonitoringFiles(resolveConfig(raw, { env: {} }), options));
  return dir;
}

async function promtoolOk(dir: string, ...args: string[]): Promise<string> {
  const run = await runTool(promtool, args, { cwd: dir });
  expect(run.exitCode, `promtool ${args.join(' ')}\n${run.stdout}\n${run.stderr}`).toBe(0);
  return run.stdout + run.stderr;
}

describe.skipIf(skipReason !== undefined)(`promtool accepts and unit-tests the generated rules${skipReason === undefined ? '' : ` (SKIPPED: ${skipReason})`}`, () => {
  it('checks prometheus.yml, alerts.yml and recording.yml of the default config', async () => {
    const dir = await generate('default', {});
    expect(await promtoolOk(dir, 'check', 'config', 'prometheus.yml')).toContain('SUCCESS');
    const rules = await promtoolOk(dir, 'check', 'rules', 'recording.yml', 'alerts.yml');
    expect(rules).toMatch(/SUCCESS: \d+ rules found/);
  });

  it('passes the unit tests generated from the default SLOs (every alert fires on time and stays silent when healthy)', { timeout: 600_000 }, async () => {
    const dir = await generate('default-tests', {});
    expect(await promtoolOk(dir, 'test', 'rules', RULE_TESTS_FILE)).toContain('SUCCESS');
  });

  it('passes the hand-written unit tests of the default rules (seed thresholds, short-window reset, no traffic)', { timeout: 300_000 }, async () => {
    const dir = await generate('handwritten', {}, { ruleTests: false });
    // The fixture's rule_files are relative to a file in <dir>/tests/.
    await mkdir(join(dir, 'tests'), { recursive: true });
    await copyFile(join(import.meta.dirname, 'fixtures', 'default-slos.promtool.yml'), join(dir, 'tests', 'handwritten.yml'));
    expect(await promtoolOk(dir, 'test', 'rules', 'tests/handwritten.yml')).toContain('SUCCESS');
  });

  it('generalises to other SLOs and probed services: p50/p99 objectives, 99.9 % availability, a tighter index limit, health probes', { timeout: 600_000 }, async () => {
    const dir = await generate(
      'custom',
      {
        slos: {
          search: { availability: 0.999, latency: { p50Ms: 1000, p99Ms: 10_000 } },
          index: { latency: { maxMs: 30_000 } },
          health: { latency: { p95Ms: 1000 } },
        },
      },
      { probedServices: ['rag', 'llm'], blackboxExporterUrl: 'http://blackbox:9115' },
    );
    await promtoolOk(dir, 'check', 'rules', 'recording.yml', 'alerts.yml');
    expect(await promtoolOk(dir, 'test', 'rules', RULE_TESTS_FILE)).toContain('SUCCESS');
  });

  it('the generated tests catch a wrong rule: ServiceDown with for: 5m fails the default tests', { timeout: 300_000 }, async () => {
    const good = await generate('control-good', {});
    const bad = await generate('control-bad', {}, { serviceDownFor: '5m', ruleTests: false });
    // Only the ServiceDown cases, to keep the control cheap.
    const tests = parse(await readFile(join(good, RULE_TESTS_FILE), 'utf8')) as { tests: Array<{ name: string }> };
    tests.tests = tests.tests.filter((group) => group.name.startsWith('ServiceDown'));
    expect(tests.tests.length).toBe(5);
    await mkdir(join(bad, 'tests'), { recursive: true });
    await writeFile(join(bad, RULE_TESTS_FILE), stringify(tests));
    const run = await runTool(promtool, ['test', 'rules', RULE_TESTS_FILE], { cwd: bad });
    expect(run.exitCode).toBe(1);
    expect(run.stdout + run.stderr).toContain('alertname: ServiceDown');
  });
});
