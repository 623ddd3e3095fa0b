import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ChaosJournal, processState, startFaultProxyProcess, type FaultProxyProcess } from '@rag-validate/chaos';
import { createServiceClients, probeServices } from '@rag-validate/clients';
import { closedPort } from '@rag-validate/clients/testing';
import { resolveConfig } from '@rag-validate/config';
import { startReferenceStack, type StartedReferenceStack } from '@rag-validate/reference-stack';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';

const bin = fileURLToPath(new URL('../../bin/rag-validate.js', import.meta.url));

/**
 * Kills the real rag-validate executable in the middle of an experiment against a reference stack
 * this test owns (an external target): SIGINT makes it roll back by itself; after SIGKILL,
 * `rag-validate chaos rollback` undoes what it left. Either way every service runs and no fault
 * is in place afterwards.
 */
describe('interrupting rag-validate chaos run (the built CLI in a child process)', { timeout: 90_000 }, () => {
  let dir: string;
  let stack: StartedReferenceStack;
  let proxy: FaultProxyProcess;
  let configFile: string;
  let journal: ChaosJournal;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rv-cli-chaos-kill-'));
    // The llm-server sits behind a fault proxy that outlives the CLI (as a real deployment's would).
    const llmPort = await closedPort();
    proxy = await startFaultProxyProcess({ upstream: `127.0.0.1:${llmPort}`, service: 'llm', detached: true });
    stack = await startReferenceStack({ mode: 'process', ports: { llm: llmPort }, ragDependencyUrls: { llm: `http://${proxy.address}` }, llm: { ttftMs: 50, tokensPerSecond: 0 }, logLevel: 'warn', startTimeoutMs: 90_000 });
    const pidFile = join(dir, 'embedding.pid');
    await writeFile(pidFile, `${stack.services.embedding.pid}\n`);
    journal = new ChaosJournal(join(dir, 'journal.json'));
    configFile = join(dir, 'rag-validate.yaml');
    await writeFile(
      configFile,
      stringify({
        target: { contract: 'codev-task06', services: { rag: { url: stack.urls.rag }, embedding: { url: stack.urls.embedding }, llm: { url: stack.urls.llm }, vectorDb: { url: stack.urls.vectorDb } } },
        chaos: { allowExternalTarget: true, faultDurationMs: 120_000, baselineMs: 500, cleanErrorWithinMs: 10_000, loadRps: 2, journalFile: journal.file, process: { embedding: { pidFile } }, proxies: { llm: proxy.controlUrl } },
        output: { resultsDir: join(dir, 'results') },
      }),
    );
  }, 120_000);

  afterEach(() => {
    if (child?.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    child = undefined;
  });

  afterAll(async () => {
    const pid = stack?.services.embedding.pid;
    if (pid !== undefined && processState(pid) === 'stopped') process.kill(pid, 'SIGCONT');
    await proxy?.control.clear().catch(() => undefined);
    await stack?.stop();
    await proxy?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  function cli(args: string[]): ChildProcess {
    return spawn(process.execPath, [bin, ...args, '--config', configFile], { cwd: dir, env: { PATH: process.env['PATH'] ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  }

  async function until(condition: () => Promise<boolean> | boolean, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async function everythingHealthy(): Promise<boolean> {
    const config = resolveConfig({ target: { services: { rag: { url: stack.urls.rag }, embedding: { url: stack.urls.embedding }, llm: { url: stack.urls.llm }, vectorDb: { url: stack.urls.vectorDb } } } }, { env: {} });
    return (await probeServices(createServiceClients(config), { timeoutMs: 2_000 })).every((s) => s.ok);
  }

  it('SIGINT during a freeze: the run resumes the service itself before it exits', async () => {
    const embeddingPid = stack.services.embedding.pid!;
    child = cli(['chaos', 'run', 'embedding-freeze']);
    const stderr: string[] = [];
    child.stderr!.on('data', (c: Buffer) => stderr.push(c.toString()));
    await until(() => processState(embeddingPid) === 'stopped');
    expect((await journal.entries()).map((e) => e.fault.kind)).toEqual(['freeze']);
    child.kill('SIGINT');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(1);
    expect(stderr.join('')).toContain('rolling back');
    expect(processState(embeddingPid)).toBe('running');
    expect(await journal.entries()).toEqual([]);
    expect(await everythingHealthy()).toBe(true);
  });

  it('SIGKILL during a slow-LLM fault leaves the toxic; `chaos rollback` removes it and everything runs', async () => {
    child = cli(['chaos', 'run', 'slow-llm-network']);
    await until(async () => Object.keys((await proxy.control.state()).toxics).length > 0);
    child.kill('SIGKILL');
    await once(child, 'exit');
    expect(Object.keys((await proxy.control.state()).toxics).length).toBeGreaterThan(0);
    expect(await journal.entries()).toHaveLength(1);

    const rollback = cli(['chaos', 'rollback', '--json']);
    const out: string[] = [];
    rollback.stdout!.on('data', (c: Buffer) => out.push(c.toString()));
    const [code] = (await once(rollback, 'exit')) as [number | null];
    expect(code).toBe(0);
    expect(JSON.parse(out.join(''))).toMatchObject({ clean: true, items: [{ driver: 'tcp-proxy', status: 'undone' }] });
    expect((await proxy.control.state()).toxics).toEqual({});
    expect(await journal.entries()).toEqual([]);
    expect(await everythingHealthy()).toBe(true);
  });

  it('SIGKILL during a freeze leaves the service stopped; `chaos rollback` resumes it', async () => {
    const embeddingPid = stack.services.embedding.pid!;
    child = cli(['chaos', 'run', 'embedding-freeze']);
    await until(() => processState(embeddingPid) === 'stopped');
    child.kill('SIGKILL');
    await once(child, 'exit');
    expect(processState(embeddingPid)).toBe('stopped');
    const rollback = cli(['chaos', 'rollback']);
    const [code] = (await once(rollback, 'exit')) as [number | null];
    expect(code).toBe(0);
    expect(processState(embeddingPid)).toBe('running');
    expect(await everythingHealthy()).toBe(true);
  });
});
