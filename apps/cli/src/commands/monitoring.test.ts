import { readdir, readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findExecutable, missingToolReason, runTool } from '@rag-validate/monitoring-config/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../testing/run-cli.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rv-cli-monitoring-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function listFiles(root: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(join(root, prefix), { withFileTypes: true });
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? listFiles(root, join(prefix, e.name)) : Promise.resolve([join(prefix, e.name)]))));
  return nested.flat().sort();
}

describe('rag-validate monitoring generate', () => {
  it('writes Prometheus config, rules, rule tests, dashboards and provisioning, then --check passes (exit 0)', async () => {
    const out = join(dir, 'fresh');
    const run = await runCli(['monitoring', 'generate', '--out', out], { cwd: dir });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(await listFiles(out)).toEqual([
      'alerts.yml',
      'grafana/dashboards/rag-validate-services.json',
      'grafana/dashboards/rag-validate-slos.json',
      'grafana/provisioning/dashboards/rag-validate.yml',
      'grafana/provisioning/datasources/rag-validate.yml',
      'prometheus.yml',
      'recording.yml',
      'tests/rules.test.yml',
    ]);
    expect(run.stdout).toContain('wrote 8 files');
    const check = await runCli(['monitoring', 'generate', '--out', out, '--check'], { cwd: dir });
    expect(check.exitCode).toBe(0);
    expect(check.stdout).toContain('all 8 generated files are current');
  });

  it('--check lists stale and missing files and exits 1 with the command to regenerate', async () => {
    const out = join(dir, 'stale');
    await runCli(['monitoring', 'generate', '--out', out], { cwd: dir });
    await writeFile(join(out, 'alerts.yml'), 'groups: []\n');
    await rm(join(out, 'recording.yml'));
    const run = await runCli(['monitoring', 'generate', '--out', out, '--check', '--json'], { cwd: dir });
    expect(run.exitCode).toBe(1);
    const result = JSON.parse(run.stdout) as { ok: boolean; stale: string[]; missing: string[] };
    expect(result).toMatchObject({ ok: false, stale: ['alerts.yml'], missing: ['recording.yml'] });
    expect(run.stderr).toContain(`rag-validate monitoring generate --out ${out}`);
    expect(await readFile(join(out, 'alerts.yml'), 'utf8')).toBe('groups: []\n');
  });

  it('--probe health-probes the codev services (no /metrics) through a blackbox exporter', async () => {
    const out = join(dir, 'probes');
    const run = await runCli(['monitoring', 'generate', '--out', out, '--probe', 'rag, embedding,llm', '--blackbox-exporter-url', 'http://blackbox:9115'], { cwd: dir });
    expect(run.exitCode, run.stderr).toBe(0);
    const prometheus = await readFile(join(out, 'prometheus.yml'), 'utf8');
    expect(prometheus.match(/metrics_path: \/probe/g)).toHaveLength(3);
    expect(prometheus).toContain('- http://localhost:8000/health');
    expect(await readFile(join(out, 'alerts.yml'), 'utf8')).toContain('probe_success{service=~"rag-server|embedding-server|llm-server"} == 0');
  });

  it('refers to the Qdrant API key by file and never prints or writes it', async () => {
    const out = join(dir, 'with-key');
    const env = { RAG_VALIDATE_VECTOR_DB_URL: 'http://qdrant:6333', RAG_VALIDATE_VECTOR_DB_API_KEY: 'qdrant-key-do-not-print' };
    const run = await runCli(['monitoring', 'generate', '--out', out], { env, cwd: dir });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toContain('prometheus.yml reads secrets/vector-db.api-key');
    expect(run.stdout + run.stderr).not.toContain('qdrant-key-do-not-print');
    for (const file of await listFiles(out)) expect(await readFile(join(out, file), 'utf8'), file).not.toContain('qdrant-key-do-not-print');
    expect(await readFile(join(out, 'prometheus.yml'), 'utf8')).toContain('credentials_file: secrets/vector-db.api-key');
  });

  it('rejects a bad option or an SLO threshold it cannot measure as a usage error (exit 2), writing nothing', async () => {
    const bad = await runCli(['monitoring', 'generate', '--out', join(dir, 'bad'), '--scrape-interval', '15sec'], { cwd: dir });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('RV_ERR_MONITORING_OPTIONS');
    const config = join(dir, 'odd-slo.yaml');
    await writeFile(config, 'slos:\n  search:\n    latency:\n      p95Ms: 4000\n');
    const slo = await runCli(['monitoring', 'generate', '--out', join(dir, 'bad'), '--config', config], { cwd: dir });
    expect(slo.exitCode).toBe(2);
    expect(slo.stderr).toContain('RV_ERR_MONITORING_SLO_THRESHOLD');
    expect(slo.stderr).toContain('slos.search.latency.p95Ms');
    expect(slo.stderr).not.toMatch(/\bat .*\.[jt]s:\d+/);
    await expect(readdir(join(dir, 'bad'))).rejects.toMatchObject({ code: 'ENOENT' });
    const missing = await runCli(['monitoring', 'generate'], { cwd: dir });
    expect(missing.exitCode).toBe(2);
    const probe = await runCli(['monitoring', 'generate', '--out', join(dir, 'bad'), '--probe', 'rag,qdrant', '--blackbox-exporter-url', 'http://bb:9115'], { cwd: dir });
    expect(probe.exitCode).toBe(2);
    expect(probe.stderr).toContain('unknown service qdrant');
  });
});

const skipReason = missingToolReason('promtool', 'install it with `apt-get install prometheus`');
describe.skipIf(skipReason !== undefined)(`the CLI's output passes promtool check${skipReason === undefined ? '' : ` (SKIPPED: ${skipReason})`}`, () => {
  it('promtool check config and check rules accept what `monitoring generate` wrote', async () => {
    const out = join(dir, 'promtool');
    expect((await runCli(['monitoring', 'generate', '--out', out, '--alertmanager-url', 'http://alertmanager:9093'], { cwd: dir })).exitCode).toBe(0);
    const promtool = findExecutable('promtool') ?? 'promtool';
    const config = await runTool(promtool, ['check', 'config', 'prometheus.yml'], { cwd: out });
    expect(config.exitCode, config.stdout + config.stderr).toBe(0);
    const rules = await runTool(promtool, ['check', 'rules', 'recording.yml', 'alerts.yml'], { cwd: out });
    expect(rules.exitCode, rules.stdout + rules.stderr).toBe(0);
  });
});
