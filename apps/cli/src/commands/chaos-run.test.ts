import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChaosRunResult } from '@rag-validate/chaos';
import { resolveConfig } from '@rag-validate/config';
import { generateMonitoringFiles, TEST_PROFILE, writeMonitoringFiles } from '@rag-validate/monitoring-config';
import { startPrometheus, type StartedPrometheus } from '@rag-validate/monitoring-config/testing';
import { startReferenceStack, type StartedReferenceStack } from '@rag-validate/reference-stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runCli } from '../testing/run-cli.js';

/** Short timings: a fault outlasts the rag-server's 3 s dependency deadline; clean errors within the contract's 10 s. */
const FAST = { faultDurationMs: 4_000, baselineMs: 1_000, cleanErrorWithinMs: 10_000, loadRps: 4 };

describe('rag-validate chaos run with no target configured', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rv-cli-chaos-run-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('starts the reference stack, runs the experiment, writes results/chaos.json + chaos.md and exits 0', { timeout: 180_000 }, async () => {
    const config = join(dir, 'rag-validate.yaml');
    await writeFile(config, stringify({ chaos: { ...FAST, journalFile: join(dir, 'journal.json') }, recovery: { mttrMs: 30_000 }, output: { resultsDir: join(dir, 'results') } }));
    const run = await runCli(['chaos', 'run', 'llm-down', '--json', '--config', config], { cwd: dir, env: {} });
    const result = JSON.parse(run.stdout) as ChaosRunResult;
    expect(run.exitCode, run.stderr).toBe(0);
    expect(result.target.kind).toBe('embedded');
    expect(result.experiments.map((e) => [e.name, e.verdict])).toEqual([['llm-down', 'pass']]);
    const written = JSON.parse(await readFile(join(dir, 'results', 'chaos.json'), 'utf8')) as ChaosRunResult;
    expect(written.experiments[0]?.recovery?.timeToFirstGoodQueryMs).toBe(result.experiments[0]?.recovery?.timeToFirstGoodQueryMs);
    expect(await readFile(join(dir, 'results', 'chaos.md'), 'utf8')).toContain('| llm-down | PASS |');
    expect(existsSync(join(dir, 'journal.json'))).toBe(false);
  });
});

const FREEZE_MS = 20_000;
const noPrometheus = existsSync('/usr/bin/prometheus') ? '' : 'prometheus is not installed (apt-get install prometheus)';

describe.skipIf(noPrometheus !== '')(`alerting in the loop: the generated monitoring config in a real Prometheus${noPrometheus ? ` (skipped: ${noPrometheus})` : ''}`, () => {
  let dir: string;
  let stack: StartedReferenceStack;
  let prometheus: StartedPrometheus;
  let config: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rv-cli-chaos-alert-'));
    stack = await startReferenceStack({ mode: 'process', llm: { ttftMs: 50, tokensPerSecond: 0 }, logLevel: 'warn', startTimeoutMs: 90_000 });
    const services = { rag: { url: stack.urls.rag }, embedding: { url: stack.urls.embedding }, llm: { url: stack.urls.llm }, vectorDb: { url: stack.urls.vectorDb } };
    await writeMonitoringFiles(join(dir, 'monitoring'), generateMonitoringFiles(resolveConfig({ target: { services } }, { env: {} }), { ...TEST_PROFILE, ruleTests: false }));
    prometheus = await startPrometheus({ configFile: join(dir, 'monitoring', 'prometheus.yml'), storageDir: join(dir, 'tsdb'), binary: '/usr/bin/prometheus' });
    const pidFile = join(dir, 'embedding.pid');
    await writeFile(pidFile, `${stack.services.embedding.pid}\n`);
    config = join(dir, 'rag-validate.yaml');
    await writeFile(
      config,
      stringify({
        target: { contract: 'codev-task06', services },
        // ServiceDown fires ~2-4 s after the target stops answering scrapes (1 s scrapes, `for: 2s`);
        // hold the freeze 20 s so a busy machine still sees it fire during the fault.
        chaos: { ...FAST, faultDurationMs: FREEZE_MS, allowExternalTarget: true, journalFile: join(dir, 'journal.json'), process: { embedding: { pidFile } } },
        recovery: { mttrMs: 30_000 },
        output: { resultsDir: join(dir, 'results') },
      }),
    );
  }, 120_000);

  afterAll(async () => {
    await prometheus?.stop();
    await stack?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('sees ServiceDown{service="embedding-server"} fire while the embedding-server is frozen, and records the detection time', { timeout: 120_000 }, async () => {
    const run = await runCli(['chaos', 'run', 'embedding-freeze', '--prometheus-url', prometheus.url, '--json', '--config', config], { cwd: dir, env: {} });
    const result = JSON.parse(run.stdout) as ChaosRunResult;
    const experiment = result.experiments[0]!;
    expect(experiment.hypotheses.find((h) => h.id === 'alert-detected'), JSON.stringify(experiment.hypotheses, null, 2)).toMatchObject({ verdict: 'pass' });
    expect(experiment.alert?.detectionMs).toBeGreaterThan(0);
    expect(experiment.alert?.detectionMs).toBeLessThan(FREEZE_MS);
    expect(experiment.timeline.map((t) => t.event)).toContain('alert-firing');
    expect(run.exitCode).toBe(0);
  });
});
