import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../testing/run-cli.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rv-cli-config-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('rag-validate config', () => {
  it('validate lists all three mistakes of a config file and exits 2', async () => {
    const file = join(dir, 'three-mistakes.yaml');
    await writeFile(file, 'target:\n  contract: v3\n  services:\n    rag:\n      url: localhost:8000\nslos:\n  search:\n    availability: 1.5\n');
    const run = await runCli(['config', 'validate', '--config', file]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('3 problems');
    for (const path of ['target.contract', 'target.services.rag.url', 'slos.search.availability']) expect(run.stderr).toContain(path);
    expect(run.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('validate accepts no file at all (built-in defaults) and exits 0', async () => {
    const run = await runCli(['config', 'validate'], { cwd: dir });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('config is valid: defaults');
  });

  it('print shows the resolved config with the API key redacted, in YAML and JSON', async () => {
    const env = { RAG_VALIDATE_LLM_API_KEY: 'sk-live-do-not-print-me' };
    const yaml = await runCli(['config', 'print'], { env, cwd: dir });
    expect(yaml.exitCode).toBe(0);
    expect(yaml.stdout).toContain('apiKey: "***"');
    expect(yaml.stdout).not.toContain('sk-live-do-not-print-me');
    const json = await runCli(['config', 'print', '--json'], { env, cwd: dir });
    const parsed = JSON.parse(json.stdout) as { target: { services: { llm: { auth: { apiKey: string } } } } };
    expect(parsed.target.services.llm.auth.apiKey).toBe('***');
  });

  it('a missing --config file is a config error (exit 2) naming the file', async () => {
    const run = await runCli(['config', 'validate', '--config', join(dir, 'nope.yaml')]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('RV_ERR_CONFIG_FILE');
    expect(run.stderr).toContain('nope.yaml');
  });
});
