import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGuide } from '../testing/docs/guides.js';
import { runCli } from '../testing/run-cli.js';

/** The config example at the top of the README's "Configuration" section is what a newcomer copies first. */
describe("the README's example rag-validate.yaml", () => {
  let dir: string;
  let config: string;
  const env = { LLM_API_KEY: 'llm-key-from-env-123', QDRANT_API_KEY: 'qdrant-key-from-env-456' };

  beforeAll(async () => {
    const example = readGuide('README.md').doc.blocks.find((b) => b.lang === 'yaml' && b.content.includes('rag-validate.yaml'));
    expect(example, 'the README has a yaml block that is the example rag-validate.yaml').toBeDefined();
    dir = await mkdtemp(join(tmpdir(), 'rv-readme-example-'));
    config = join(dir, 'rag-validate.yaml');
    await writeFile(config, example?.content ?? '');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is a valid config, and printing it never shows the API keys', async () => {
    const validate = await runCli(['config', 'validate', '--config', config], { env, cwd: dir });
    expect(validate.exitCode, validate.stderr).toBe(0);
    const shown = await runCli(['config', 'print', '--config', config], { env, cwd: dir });
    expect(shown.exitCode, shown.stderr).toBe(0);
    expect(shown.stdout).toContain('p99Ms');
    expect(shown.stdout + shown.stderr).not.toContain(env.LLM_API_KEY);
    expect(shown.stdout + shown.stderr).not.toContain(env.QDRANT_API_KEY);
  });

  it('generates monitoring files (its SLOs are histogram bucket bounds)', async () => {
    const run = await runCli(['monitoring', 'generate', '--out', join(dir, 'monitoring'), '--config', config], { env, cwd: dir });
    expect(run.exitCode, run.stderr).toBe(0);
  });
});
