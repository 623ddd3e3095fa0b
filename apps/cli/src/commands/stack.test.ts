import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { closedPort } from '@rag-validate/clients/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isProcessAlive, type StackState } from '../stack-state.js';
import { runCli } from '../testing/run-cli.js';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'rag-validate.js');

async function freeUrls(): Promise<Record<string, string>> {
  const [rag, embedding, llm, vectorDb] = await Promise.all([closedPort(), closedPort(), closedPort(), closedPort()]);
  return {
    RAG_VALIDATE_RAG_URL: `http://127.0.0.1:${rag}`,
    RAG_VALIDATE_EMBEDDING_URL: `http://127.0.0.1:${embedding}`,
    RAG_VALIDATE_LLM_URL: `http://127.0.0.1:${llm}`,
    RAG_VALIDATE_VECTOR_DB_URL: `http://127.0.0.1:${vectorDb}`,
  };
}

/** Runs the built CLI as a real process (as a user would), in `cwd`. */
function cli(args: string[], cwd: string, env: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 180_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function pidsOf(state: StackState): number[] {
  return [state.supervisorPid, ...Object.values(state.services).map((s) => s.pid)].filter((p): p is number => typeof p === 'number');
}

describe('rag-validate stack up | status | down (built CLI, real processes)', { timeout: 240_000 }, () => {
  let cwd = '';
  let env: Record<string, string> = {};
  beforeAll(async () => {
    cwd = mkdtempSync(join(tmpdir(), 'rv-stack-cli-'));
    env = { ...(await freeUrls()), RAG_VALIDATE_CONFIG: '' };
  });
  afterAll(() => {
    cli(['stack', 'down'], cwd, env);
    rmSync(cwd, { recursive: true, force: true });
  });

  it('up --detach starts four healthy services, health and status agree, down leaves no process behind', () => {
    const up = cli(['stack', 'up', '--detach', '--llm-ttft-ms', '0', '--llm-tokens-per-second', '0'], cwd, env);
    expect(up.status, up.stderr + up.stdout).toBe(0);
    expect(up.stdout).toContain(env['RAG_VALIDATE_RAG_URL']);
    const state = JSON.parse(readFileSync(join(cwd, '.rag-validate', 'stack.json'), 'utf8')) as StackState;
    expect(pidsOf(state).every(isProcessAlive)).toBe(true);

    const health = cli(['health', '--json'], cwd, env);
    expect(health.status, health.stdout).toBe(0);
    expect((JSON.parse(health.stdout) as { services: Array<{ ok: boolean }> }).services.map((s) => s.ok)).toEqual([true, true, true, true]);

    const status = cli(['stack', 'status'], cwd, env);
    expect(status.status, status.stdout).toBe(0);
    expect(status.stdout.match(/running +healthy/g)).toHaveLength(4);

    const again = cli(['stack', 'up', '--detach'], cwd, env);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('already running');

    const down = cli(['stack', 'down'], cwd, env);
    expect(down.status, down.stderr).toBe(0);
    expect(down.stdout).toContain('reference stack stopped');
    expect(pidsOf(state).filter(isProcessAlive)).toEqual([]);
    expect(existsSync(join(cwd, '.rag-validate', 'stack.json'))).toBe(false);
    expect(cli(['stack', 'status'], cwd, env).status).toBe(1);
  });

  it('up in the foreground stops everything on Ctrl-C (SIGINT)', async () => {
    const child = spawn(process.execPath, [BIN, 'stack', 'up', '--llm-ttft-ms', '0'], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    const ready = await new Promise<boolean>((resolve) => {
      const timer = setInterval(() => {
        if (output.includes('press Ctrl-C to stop')) {
          clearInterval(timer);
          resolve(true);
        }
      }, 100);
      child.once('exit', () => {
        clearInterval(timer);
        resolve(false);
      });
    });
    expect(ready, output).toBe(true);
    const state = JSON.parse(readFileSync(join(cwd, '.rag-validate', 'stack.json'), 'utf8')) as StackState;
    const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exit).toBe(0);
    expect(output).toContain('reference stack stopped');
    expect(pidsOf(state).filter(isProcessAlive)).toEqual([]);
  });
});

describe('rag-validate stack (argument and state errors)', () => {
  it('down without a stack says so and exits 0; status exits 1', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'rv-stack-none-'));
    try {
      const down = await runCli(['stack', 'down'], { cwd });
      expect(down.exitCode).toBe(0);
      expect(down.stdout).toContain('nothing to stop');
      expect((await runCli(['stack', 'status'], { cwd })).exitCode).toBe(1);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  it('refuses to start services for a remote target URL, and bad options (exit 2)', async () => {
    const remote = await runCli(['stack', 'up'], { env: { RAG_VALIDATE_RAG_URL: 'http://rag.example.com:8000' } });
    expect(remote.exitCode).toBe(2);
    expect(remote.stderr).toContain('target.services.rag.url');
    expect((await runCli(['stack', 'up', '--log-level', 'loud'])).exitCode).toBe(2);
    const upstream = await runCli(['stack', 'up', '--llm-upstream-url', 'ftp://x'], { env: await freeUrls() });
    expect(upstream.exitCode).toBe(2);
    expect(upstream.stderr).toContain('--llm-upstream-url');
    const defects = await runCli(['stack', 'up', '--defects', 'nope']);
    expect(defects.exitCode).toBe(2);
    expect(defects.stderr).toContain('unknown defect "nope"');
  });
});
