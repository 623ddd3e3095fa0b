import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { SERVICE_NAMES } from '@rag-validate/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidStackOptionsError, PortInUseError, ServiceStartError, UnsupportedOperationError } from './errors.js';
import { childCommand } from './stack/child-service.js';
import { startReferenceStack, type StartedReferenceStack } from './start-reference-stack.js';
import { httpCall } from './testing/http-call.js';
import { eventually, isAlive, processState } from './testing/process-state.js';

const PROMTOOL = spawnSync('promtool', ['--version'], { stdio: 'ignore' }).status === 0;

describe('startReferenceStack (process mode)', { timeout: 120_000 }, () => {
  let stack: StartedReferenceStack;
  beforeAll(async () => {
    stack = await startReferenceStack({ mode: 'process', logLevel: 'info', llm: { ttftMs: 0, tokensPerSecond: 0 } });
  });
  afterAll(() => stack?.stop());

  it('runs each service in its own child process on its own free port', async () => {
    const pids = SERVICE_NAMES.map((name) => stack.services[name].pid);
    expect(pids.every((pid) => typeof pid === 'number' && isAlive(pid))).toBe(true);
    expect(new Set(pids).size).toBe(4);
    expect(pids).not.toContain(process.pid);
    expect(new Set(Object.values(stack.urls)).size).toBe(4);
    expect((await httpCall(stack.urls.rag, 'GET', '/readyz')).status).toBe(200);
    expect((await httpCall(stack.urls.vectorDb, 'GET', '/healthz')).text).toBe('healthz check passed');
  });

  it('writes JSON logs at the configured level to one file per service', async () => {
    await httpCall(stack.urls.embedding, 'GET', '/health');
    const ok = await eventually(() => existsSync(stack.services.embedding.logFile) && readFileSync(stack.services.embedding.logFile, 'utf8').includes('request completed'), 5000);
    expect(ok).toBe(true);
    const lines = readFileSync(stack.services.embedding.logFile, 'utf8').trim().split('\n');
    for (const line of lines) expect(() => JSON.parse(line) as unknown, line).not.toThrow();
    expect(lines.some((l) => (JSON.parse(l) as { msg?: string }).msg === 'embedding-server listening')).toBe(true);
  });

  it.skipIf(!PROMTOOL)(`serves /metrics that promtool check metrics accepts, on every service${PROMTOOL ? '' : ' (skipped: promtool not found)'}`, async () => {
    await httpCall(stack.urls.rag, 'POST', '/api/v1/search/', { json: { query: 'warm up', limit: 2 } });
    for (const name of SERVICE_NAMES) {
      const text = (await httpCall(stack.urls[name], 'GET', '/metrics')).text;
      expect(text).toContain('http_request_duration_seconds_bucket');
      const check = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
      const complaints = `${check.stdout}${check.stderr}`.split('\n').filter((l) => l.trim().length > 0);
      if (name === 'vectorDb') {
        // Qdrant's own gauges are named collections_total / collections_vector_total (the metric
        // contract keeps Qdrant's names so dashboards work on a real Qdrant); promtool lints that
        // name, and nothing else.
        expect(complaints.every((l) => /^collections(_vector)?_total non-counter metrics should not have "_total" suffix$/.test(l.trim())), complaints.join('\n')).toBe(true);
      } else {
        expect(check.status, `${name}: ${complaints.join('\n')}`).toBe(0);
      }
    }
  });

  it('kills one service with SIGKILL and restarts it on the same port and data', async () => {
    const vectorDb = stack.services.vectorDb;
    const before = { pid: vectorDb.pid as number, url: vectorDb.url };
    await vectorDb.kill('SIGKILL');
    expect(vectorDb.running).toBe(false);
    expect(isAlive(before.pid)).toBe(false);
    await vectorDb.start();
    expect(vectorDb.url).toBe(before.url);
    expect(vectorDb.pid).not.toBe(before.pid);
    expect((await httpCall(vectorDb.url, 'GET', '/readyz')).status).toBe(200);
  });

  it('pauses and resumes a service with SIGSTOP / SIGCONT', async () => {
    const llm = stack.services.llm;
    await llm.kill('SIGSTOP');
    // The signal is delivered asynchronously: the process shows as stopped (T) a moment later.
    expect(await eventually(() => processState(llm.pid as number) === 'T', 2000)).toBe(true);
    await llm.kill('SIGCONT');
    expect(await eventually(() => processState(llm.pid as number) !== 'T', 2000)).toBe(true);
    expect((await httpCall(llm.url, 'GET', '/health')).status).toBe(200);
  });

  it('stops everything and leaves no process and no temp data behind', async () => {
    const other = await startReferenceStack({ mode: 'process', logLevel: 'warn' });
    const pids = Object.values(other.services).map((s) => s.pid as number);
    await other.stop();
    expect(pids.filter(isAlive)).toEqual([]);
    expect(existsSync(other.dataDir)).toBe(false);
    await other.stop();
  });
});

describe('startReferenceStack start failures', { timeout: 120_000 }, () => {
  let blocker: Server;
  let takenPort = 0;
  beforeAll(async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    takenPort = (blocker.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => blocker.close(() => resolve())));

  it.each(['process', 'in-process'] as const)('names the service and port when a port is taken (%s mode)', async (mode) => {
    const error = await startReferenceStack({ mode, logLevel: 'warn', ports: { embedding: takenPort } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PortInUseError);
    expect(error).toMatchObject({ code: 'RV_ERR_REFSTACK_PORT_IN_USE', service: 'embedding-server', port: takenPort });
  });

  it('reports a child that dies at start with its last output lines', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'refstack-badstart-'));
    try {
      writeFileSync(join(dataDir, 'vector-db'), 'a file where the vector-db wants its directory');
      const error = await startReferenceStack({ mode: 'process', logLevel: 'warn', dataDir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ServiceStartError);
      const start = error as ServiceStartError;
      expect(start.service).toBe('vector-db');
      expect(start.outputTail.join('\n')).toMatch(/EEXIST|ENOTDIR|not a directory|file already exists/i);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('rejects bad options with every problem listed', async () => {
    const error = await startReferenceStack({
      ports: { rag: 70_000, llm: 5000, embedding: 5000 },
      llm: { tokensPerSecond: -1 },
      defects: 'no-such-defect',
      logLevel: 'loud' as never,
      ragDependencyUrls: { llm: 'not a url', cache: 'http://x' } as never,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidStackOptionsError);
    const problems = (error as InvalidStackOptionsError).problems.join('\n');
    for (const expected of ['ports.rag', 'share a port', 'llm.tokensPerSecond', 'no-such-defect', 'logLevel', 'ragDependencyUrls.llm', 'ragDependencyUrls.cache']) expect(problems).toContain(expected);
  });

  it('points the rag-server at other dependency URLs when asked (a fault proxy in front of one)', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const stack = await startReferenceStack({ mode: 'in-process', logLevel: 'warn', ragDependencyUrls: { embedding: `http://127.0.0.1:${port}/` } });
    try {
      // The embedding-server itself is healthy, but the rag-server looks for it where it was told.
      expect((await httpCall(stack.urls.embedding, 'GET', '/health')).status).toBe(200);
      expect((await httpCall(stack.urls.rag, 'GET', '/readyz')).status).toBe(503);
      const search = await httpCall(stack.urls.rag, 'POST', '/api/v1/search/', { json: { query: 'pandas', limit: 1 } });
      expect(search.status).toBe(503);
      expect(search.text).toContain(`127.0.0.1:${port}`);
    } finally {
      await stack.stop();
    }
  });

  it('refuses signals in in-process mode', async () => {
    const stack = await startReferenceStack({ mode: 'in-process', logLevel: 'warn' });
    try {
      await expect(stack.services.rag.kill('SIGSTOP')).rejects.toBeInstanceOf(UnsupportedOperationError);
      expect(stack.services.rag.pid).toBeUndefined();
    } finally {
      await stack.stop();
    }
  });
});

describe('children die with their parent', { timeout: 120_000 }, () => {
  it('exits every service when the process that started the stack is SIGKILLed', async () => {
    const { command, args, cwd } = childCommand('rag');
    const holderArgs = [...args.slice(0, -2), join(import.meta.dirname, 'testing', 'stack-holder.ts')];
    const holder = spawn(command, holderArgs, { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        const rl = createInterface({ input: holder.stdout });
        rl.once('line', resolve);
        holder.once('exit', (code) => reject(new Error(`holder exited with ${code}`)));
      });
      const { pids, dataDir } = JSON.parse(line) as { pids: number[]; dataDir: string };
      expect(pids.every(isAlive)).toBe(true);
      holder.kill('SIGKILL');
      expect(await eventually(() => pids.every((pid) => !isAlive(pid)), 10_000)).toBe(true);
      rmSync(dataDir, { recursive: true, force: true });
    } finally {
      holder.kill('SIGKILL');
    }
  });
});

