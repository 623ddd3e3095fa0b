import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServiceClients, probeServices } from '@rag-validate/clients';
import { SERVICE_DISPLAY_NAMES, SERVICE_NAMES, serviceUrls, type ServiceName } from '@rag-validate/config';
import { InvalidStackOptionsError, LOG_LEVELS, parseDefects, startReferenceStack, type LogLevel } from '@rag-validate/reference-stack';
import { InvalidArgumentError, type Command } from 'commander';
import type { CliContext } from '../cli-context.js';
import { EXIT } from '../exit-codes.js';
import { parsePositiveInt } from '../option-parsers.js';
import { runAction } from '../run-action.js';
import { clearState, isProcessAlive, readState, stateDir, stateFile, writeState, type StackState } from '../stack-state.js';
import { UsageError } from '../usage-error.js';

interface UpOptions {
  detach?: boolean;
  mode?: 'process' | 'in-process';
  dataDir?: string;
  rootDir?: string;
  defects?: string;
  logLevel?: LogLevel;
  llmTtftMs?: number;
  llmTokensPerSecond?: number;
  llmUpstreamUrl?: string;
  llmUpstreamModel?: string;
  startTimeout?: number;
}

/** Environment variable holding the upstream LLM's API key (never a command-line argument: argv is visible to every user). */
const UPSTREAM_KEY_ENV = 'REFSTACK_LLM_UPSTREAM_API_KEY';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '0.0.0.0']);
const HERE = fileURLToPath(import.meta.url);

function parseNonNegative(value: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0) throw new InvalidArgumentError(`expected a number >= 0, got "${value}"`);
  return parsed;
}

function parseLogLevel(value: string): LogLevel {
  if (!(LOG_LEVELS as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected one of ${LOG_LEVELS.join(', ')}, got "${value}"`);
  return value as LogLevel;
}

function parseMode(value: string): 'process' | 'in-process' {
  if (value !== 'process' && value !== 'in-process') throw new InvalidArgumentError(`expected process or in-process, got "${value}"`);
  return value;
}

/** The command that runs this CLI again (for `--detach`): the built bin, or the sources through tsx. */
function cliCommand(): { command: string; args: string[] } {
  if (HERE.endsWith('.ts')) return { command: process.execPath, args: ['--conditions=@rag-validate/source', '--import', 'tsx', join(dirname(HERE), '..', 'main.ts')] };
  return { command: process.execPath, args: [join(dirname(HERE), '..', 'main.js')] };
}

/** Ports to listen on, from the configured service URLs (which must point at this machine). */
function portsFromConfig(urls: Record<ServiceName, string>): Record<ServiceName, number> {
  const ports = {} as Record<ServiceName, number>;
  for (const name of SERVICE_NAMES) {
    const url = new URL(urls[name]);
    if (!LOCAL_HOSTS.has(url.hostname)) {
      throw new UsageError(`stack up starts the services on this machine, but target.services.${name}.url is ${urls[name]}; point it at localhost or unset it`);
    }
    ports[name] = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  }
  return ports;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function tail(file: string, lines = 15): string {
  if (!existsSync(file)) return '';
  return readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n');
}

function upstreamOf(options: UpOptions, env: Readonly<Record<string, string | undefined>>): { url: string; apiKey?: string; model?: string } {
  const url = options.llmUpstreamUrl ?? '';
  if (!/^https?:\/\/\S+$/.test(url)) throw new UsageError(`--llm-upstream-url: expected an http(s) URL, got "${url}"`);
  const apiKey = env[UPSTREAM_KEY_ENV];
  return { url, ...(apiKey ? { apiKey } : {}), ...(options.llmUpstreamModel === undefined ? {} : { model: options.llmUpstreamModel }) };
}

/** Bad stack options are usage errors (exit 2), like any other bad argument. */
function asUsageError<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof InvalidStackOptionsError) throw new UsageError(error.message, { cause: error });
    throw error;
  }
}

/** `rag-validate stack up | down | status`: the embedded reference stack on the configured ports. */
export function registerStackCommand(program: Command, ctx: CliContext): void {
  const stack = program.command('stack').description('run the embedded reference stack (rag, embedding, llm, vector-db) on the configured ports');

  stack
    .command('up')
    .description('start the four services and wait until they are healthy; stays in the foreground (Ctrl-C stops) unless --detach')
    .option('-d, --detach', 'run in the background; stop it with `rag-validate stack down`')
    .option('--mode <mode>', 'process (one child process per service) or in-process (default: process)', parseMode)
    .option('--data-dir <dir>', 'where the vector-db, rag-server and logs keep their files (default: .rag-validate/stack-data)')
    .option('--root-dir <dir>', 'files indexed by server path must be under this directory (default: current directory)')
    .option('--defects <names>', 'comma-separated deliberate defects to switch on (default: none; also REFSTACK_DEFECTS)')
    .option('--log-level <level>', `service log level: ${LOG_LEVELS.join(', ')} (default: info)`, parseLogLevel)
    .option('--llm-ttft-ms <ms>', 'llm-server time to first token (default: 300)', parseNonNegative)
    .option('--llm-tokens-per-second <n>', 'llm-server generation rate, 0 = unlimited (default: 50)', parseNonNegative)
    .option('--llm-upstream-url <url>', `forward the llm-server to a real OpenAI-compatible server (API key from $${UPSTREAM_KEY_ENV}; default: the built-in model)`)
    .option('--llm-upstream-model <id>', 'model asked of the upstream server (default: the model of each request)')
    .option('--start-timeout <ms>', 'how long each service may take to become healthy (default: 30000)', parsePositiveInt)
    .action((options: UpOptions) =>
      runAction(ctx, async () => {
        const config = await ctx.loadConfig();
        const ports = portsFromConfig(serviceUrls(config));
        const defects = asUsageError(() => parseDefects([...(options.defects ?? '').split(','), ...(ctx.env['REFSTACK_DEFECTS'] ?? '').split(',')]));
        const existing = readState(ctx.cwd);
        if (existing !== undefined && isProcessAlive(existing.supervisorPid)) {
          throw new UsageError(`a reference stack started from this directory is already running (pid ${existing.supervisorPid}); run \`rag-validate stack down\` first`);
        }
        const dataDir = resolve(ctx.cwd, options.dataDir ?? join(stateDir(ctx.cwd), 'stack-data'));
        if (options.detach === true) return detach(ctx, options, dataDir);

        ctx.output.step('starting the reference stack …');
        const started = await startReferenceStack({
          ports,
          host: '127.0.0.1',
          dataDir,
          mode: options.mode ?? 'process',
          defects,
          env: ctx.env,
          rootDir: resolve(ctx.cwd, options.rootDir ?? '.'),
          ...(options.logLevel === undefined ? {} : { logLevel: options.logLevel }),
          ...(options.startTimeout === undefined ? {} : { startTimeoutMs: options.startTimeout }),
          llm: {
            ...(options.llmTtftMs === undefined ? {} : { ttftMs: options.llmTtftMs }),
            ...(options.llmTokensPerSecond === undefined ? {} : { tokensPerSecond: options.llmTokensPerSecond }),
            ...(options.llmUpstreamUrl === undefined ? {} : { upstream: upstreamOf(options, ctx.env) }),
          },
        });
        const state: StackState = {
          version: 1,
          supervisorPid: process.pid,
          startedAt: new Date().toISOString(),
          mode: started.mode,
          dataDir: started.dataDir,
          services: Object.fromEntries(SERVICE_NAMES.map((name) => [name, { displayName: SERVICE_DISPLAY_NAMES[name], url: started.services[name].url, pid: started.services[name].pid ?? null, logFile: started.services[name].logFile }])),
        };
        writeState(ctx.cwd, state);
        ctx.output.table(
          ['service', 'url', 'pid'],
          SERVICE_NAMES.map((name) => [SERVICE_DISPLAY_NAMES[name], started.services[name].url, String(started.services[name].pid ?? process.pid)]),
        );
        if (defects.length > 0 || started.defects.length > 0) ctx.output.info(`defects on: ${started.defects.join(', ')}`);
        ctx.output.info(`reference stack ready (data: ${started.dataDir}); press Ctrl-C to stop`);
        ctx.output.result({ ok: true, ...state });
        const signal = await new Promise<string>((resolveSignal) => {
          const onSignal = (name: string) => () => resolveSignal(name);
          process.once('SIGINT', onSignal('SIGINT'));
          process.once('SIGTERM', onSignal('SIGTERM'));
          process.once('SIGHUP', onSignal('SIGHUP'));
        });
        ctx.output.info(`${signal}: stopping the reference stack …`);
        await started.stop();
        clearState(ctx.cwd, process.pid);
        ctx.output.info('reference stack stopped');
        return EXIT.OK;
      }),
    );

  stack
    .command('down')
    .description('stop the reference stack that `stack up` started from this directory')
    .option('--timeout <ms>', 'how long to wait for a graceful stop before killing (default: 15000)', parsePositiveInt)
    .action((options: { timeout?: number }) =>
      runAction(ctx, async () => {
        const state = readState(ctx.cwd);
        if (state === undefined) {
          ctx.output.info('no reference stack was started from this directory (nothing to stop)');
          ctx.output.result({ ok: true, stopped: false });
          return EXIT.OK;
        }
        const pids = [state.supervisorPid, ...Object.values(state.services).map((s) => s.pid)].filter((p): p is number => typeof p === 'number');
        if (isProcessAlive(state.supervisorPid)) process.kill(state.supervisorPid, 'SIGTERM');
        const deadline = Date.now() + (options.timeout ?? 15_000);
        while (Date.now() < deadline && pids.some(isProcessAlive)) await sleep(100);
        const leftovers = pids.filter(isProcessAlive);
        for (const pid of leftovers) {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            // already gone
          }
        }
        clearState(ctx.cwd, state.supervisorPid);
        ctx.output.info(leftovers.length === 0 ? 'reference stack stopped' : `reference stack killed (pids ${leftovers.join(', ')} did not stop in time)`);
        ctx.output.result({ ok: true, stopped: true, killed: leftovers });
        return EXIT.OK;
      }),
    );

  stack
    .command('status')
    .description('show each service of the reference stack started from this directory')
    .action(() =>
      runAction(ctx, async () => {
        const state = readState(ctx.cwd);
        if (state === undefined) {
          ctx.output.info('no reference stack was started from this directory (run `rag-validate stack up`)');
          ctx.output.result({ ok: false, running: false });
          return EXIT.FAILED;
        }
        const config = await ctx.loadConfig();
        const urls = Object.fromEntries(SERVICE_NAMES.map((name) => [name, state.services[name]?.url ?? ''])) as Record<ServiceName, string>;
        const clients = createServiceClients({ ...config, target: { ...config.target, services: Object.fromEntries(SERVICE_NAMES.map((name) => [name, { ...config.target.services[name], url: urls[name] }])) as typeof config.target.services } });
        const health = await probeServices(clients, { timeoutMs: config.target.healthTimeoutMs });
        const supervisor = isProcessAlive(state.supervisorPid);
        const rows = SERVICE_NAMES.map((name) => {
          const service = state.services[name];
          const probe = health.find((h) => h.service === name);
          const alive = state.mode === 'in-process' ? supervisor : isProcessAlive(service?.pid);
          return { name, displayName: SERVICE_DISPLAY_NAMES[name], url: urls[name], pid: service?.pid ?? state.supervisorPid, process: alive ? 'running' : 'exited', healthy: probe?.ok ?? false, detail: probe?.probes.map((p) => `${p.endpoint} ${p.detail}`).join('; ') ?? '' };
        });
        ctx.output.table(['service', 'url', 'pid', 'process', 'health', 'detail'], rows.map((r) => [r.displayName, r.url, String(r.pid), r.process, r.healthy ? 'healthy' : 'unhealthy', r.detail]));
        ctx.output.info(`supervisor pid ${state.supervisorPid} ${supervisor ? 'running' : 'gone'}; started ${state.startedAt}; data ${state.dataDir}`);
        const ok = supervisor && rows.every((r) => r.healthy && r.process === 'running');
        ctx.output.result({ ok, supervisorPid: state.supervisorPid, supervisorRunning: supervisor, services: rows });
        return ok ? EXIT.OK : EXIT.FAILED;
      }),
    );
}

/** Starts `stack up` (without --detach) as a background process and waits until it has written its state. */
async function detach(ctx: CliContext, options: UpOptions, dataDir: string): Promise<0 | 1> {
  const logFile = join(stateDir(ctx.cwd), 'stack-up.log');
  const { command, args } = cliCommand();
  const forwarded = ['stack', 'up', '--data-dir', dataDir];
  if (ctx.globals.config !== undefined) forwarded.unshift('--config', resolve(ctx.cwd, ctx.globals.config));
  if (options.mode) forwarded.push('--mode', options.mode);
  if (options.rootDir) forwarded.push('--root-dir', resolve(ctx.cwd, options.rootDir));
  if (options.defects) forwarded.push('--defects', options.defects);
  if (options.logLevel) forwarded.push('--log-level', options.logLevel);
  if (options.llmTtftMs !== undefined) forwarded.push('--llm-ttft-ms', String(options.llmTtftMs));
  if (options.llmTokensPerSecond !== undefined) forwarded.push('--llm-tokens-per-second', String(options.llmTokensPerSecond));
  if (options.startTimeout !== undefined) forwarded.push('--start-timeout', String(options.startTimeout));
  if (options.llmUpstreamUrl !== undefined) forwarded.push('--llm-upstream-url', options.llmUpstreamUrl);
  if (options.llmUpstreamModel !== undefined) forwarded.push('--llm-upstream-model', options.llmUpstreamModel);
  mkdirSync(stateDir(ctx.cwd), { recursive: true });
  const log = openSync(logFile, 'a');
  const child = spawn(command, [...args, ...forwarded], { cwd: ctx.cwd, env: { ...process.env, ...ctx.env }, detached: true, stdio: ['ignore', log, log] });
  closeSync(log);
  child.unref();
  const pid = child.pid;
  let exited: number | null | undefined;
  child.once('exit', (code) => {
    exited = code;
  });
  const deadline = Date.now() + (options.startTimeout ?? 30_000) * 2 + 10_000;
  while (Date.now() < deadline) {
    const state = readState(ctx.cwd);
    if (state !== undefined && state.supervisorPid === pid) {
      ctx.output.table(['service', 'url', 'pid'], SERVICE_NAMES.map((name) => [SERVICE_DISPLAY_NAMES[name], state.services[name]?.url ?? '', String(state.services[name]?.pid ?? pid)]));
      ctx.output.info(`reference stack running in the background (pid ${pid}, log ${logFile}); stop it with \`rag-validate stack down\``);
      ctx.output.result({ ok: true, ...state, log: logFile });
      return EXIT.OK;
    }
    if (exited !== undefined || (pid !== undefined && !isProcessAlive(pid))) {
      ctx.output.error(`the reference stack did not start; last lines of ${logFile}:\n${tail(logFile)}`);
      ctx.output.result({ ok: false, log: logFile });
      return EXIT.FAILED;
    }
    await sleep(200);
  }
  if (pid !== undefined) process.kill(pid, 'SIGTERM');
  ctx.output.error(`the reference stack did not report ready in time; see ${logFile} (state ${stateFile(ctx.cwd)})`);
  return EXIT.FAILED;
}
