// Load-generator benchmark: rag-validate's generator against autocannon, wrk and Locust on
// loopback, by CPU time per request at the same fixed rate and by maximum sustained rate, plus
// accuracy checks (a fixed 50 ms server; a server that stalls 1 s every 10 s).
//
//   node packages/perf/bench/run-bench.mjs [--only cpu,max,accuracy] [--rate 5000[,10000]] [--seconds 12] [--warm 8] [--repeat 5] [--json out.json]
//
// CPU is read from /proc/<pid>/stat (user + system) of each generator process over a steady-state
// window after its start-up, and divided by the requests the server answered in that window, so
// every tool is measured the same way. Run it on an otherwise quiet machine (it prints the load).
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { loadavg, cpus } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { cpuMs, killAll, startServer, track } from './bench-processes.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const { values } = parseArgs({
  options: {
    only: { type: 'string', default: 'cpu,max,accuracy' },
    rate: { type: 'string', default: '5000,10000' },
    seconds: { type: 'string', default: '12' },
    warm: { type: 'string', default: '8' },
    repeat: { type: 'string', default: '5' },
    json: { type: 'string' },
  },
});
const parts = new Set(values.only.split(','));
// One or more fixed rates (comma-separated) for the CPU comparison; Locust runs at the first.
const RATES = values.rate.split(',').map(Number);
const WINDOW_S = Number(values.seconds);
// Seconds each tool runs before its window opens: start-up and V8's optimisation of the code that
// runs only once a second (per-second histograms, progress) are over by then in both tools.
const WARM_S = Number(values.warm);
const REPEAT = Number(values.repeat);
const AUTOCANNON = join(root, 'node_modules', 'autocannon', 'autocannon.js');
const WRK = '/usr/bin/wrk';
const LOCUST = '/usr/bin/locust';
const log = (line) => process.stderr.write(`${line}\n`);

function runTool(command, args, env = {}) {
  const child = track(spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] }));
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += c));
  child.stderr.on('data', (c) => (stderr += c));
  const done = new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return { pid: child.pid, done, kill: () => child.kill('SIGKILL') };
}

/** Starts a tool, measures its CPU and the requests served over [WARM_S, WARM_S + WINDOW_S], waits for it to end. */
async function measure(name, server, start) {
  const tool = start();
  await sleep(WARM_S * 1000);
  const c0 = cpuMs(tool.pid);
  const n0 = await server.count();
  const t0 = performance.now();
  await sleep(WINDOW_S * 1000);
  const c1 = cpuMs(tool.pid);
  const n1 = await server.count();
  const t1 = performance.now();
  const limit = setTimeout(tool.kill, 60_000);
  const output = await tool.done;
  clearTimeout(limit);
  const requests = n1 - n0;
  const row = { name, rps: Math.round((requests * 1000) / (t1 - t0)), cpuPercent: Math.round(((c1 - c0) / (t1 - t0)) * 100), usPerRequest: Number((((c1 - c0) * 1000) / requests).toFixed(1)), output };
  log(`  ${name}: ${row.rps} req/s, CPU ${row.cpuPercent} % of a core, ${row.usPerRequest} µs CPU per request`);
  return row;
}

/** The run with the median CPU per request, named `name`, with every run's figure beside it. */
function median(name, rows) {
  const sorted = [...rows].sort((a, b) => a.usPerRequest - b.usPerRequest);
  const mid = sorted[Math.floor((sorted.length - 1) / 2)];
  const row = { ...mid, name, runsUsPerRequest: rows.map((r) => r.usPerRequest) };
  log(`  ${name}: median ${row.usPerRequest} µs CPU per request (runs: ${row.runsUsPerRequest.join(', ')})`);
  return row;
}

const total = WARM_S + WINDOW_S + 2;
const ours = (url, rps, extra = []) => () =>
  runTool(process.execPath, [join(here, 'run-ours.mjs'), '--url', url, '--rps', String(rps), '--duration', `${total - 2}s`, '--warmup', '2s', ...extra]);
const autocannon = (url, { rate, connections = 50, seconds = total } = {}) => () =>
  runTool(process.execPath, [AUTOCANNON, '-c', String(connections), '-d', String(seconds), ...(rate ? ['-R', String(rate)] : []), '--json', `${url}/health`]);
const floor = (url, rps) => () => runTool(process.execPath, [join(here, 'paced-floor.mjs'), '--url', url, '--rps', String(rps), '--seconds', String(total)]);
const wrk = (url, connections = 50) => () => runTool(WRK, ['-t1', `-c${connections}`, `-d${total}s`, '--latency', `${url}/health`]);
const locust = (url, kind, users, perUser) => () =>
  runTool(LOCUST, ['-f', join(here, 'locustfile_bench.py'), '--headless', '-u', String(users), '-r', String(users), '-t', `${total}s`, '--host', url, '--only-summary'], { BENCH_USER: kind, BENCH_RATE: String(perUser) });

const parseJson = (text) => {
  try {
    return JSON.parse(text.trim().split('\n').at(-1));
  } catch {
    return undefined;
  }
};

// The generator runs compiled, as the CLI does (tsx would add loader round-trips to lazy requires).
execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', join(here, '..', 'tsconfig.lib.json')], { stdio: 'inherit' });

/** The commit the generator was built from (`-dirty` with uncommitted changes), when run from a git checkout. */
function codeVersion() {
  try {
    return execFileSync('git', ['describe', '--always', '--dirty'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

const report = { machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version, code: codeVersion(), loadBefore: loadavg() }, cpu: [], max: [], accuracy: {} };
log(`load average before: ${loadavg().map((v) => v.toFixed(2)).join(' ')} on ${cpus().length} cores`);

try {
  if (parts.has('cpu')) {
    const server = await startServer();
    report.cpuRatio = {};
    for (const rate of RATES) {
      log(`\n# CPU per request at a fixed ${rate} req/s`);
      // Each pair of runs goes back to back (which tool goes first alternates), and the ratio
      // within a pair is the comparison least moved by load from other machines on the host.
      const runs = { ours: [], autocannon: [], floor: [] };
      for (let i = 0; i < REPEAT; i += 1) {
        const runOurs = async () => runs.ours.push(await measure(`rag-validate perf (open model), run ${i + 1}`, server, ours(server.url, rate)));
        const runAc = async () => runs.autocannon.push(await measure(`autocannon -R (50 connections), run ${i + 1}`, server, autocannon(server.url, { rate })));
        if (i % 2 === 0) await runOurs().then(runAc);
        else await runAc().then(runOurs);
        log(`  pair ${i + 1}: rag-validate / autocannon = ${(runs.ours[i].usPerRequest / runs.autocannon[i].usPerRequest).toFixed(2)}`);
        runs.floor.push(await measure(`bare paced Node client (the floor), run ${i + 1}`, server, floor(server.url, rate)));
      }
      report.cpu.push({ ...median('rag-validate perf (open model)', runs.ours), rate });
      report.cpu.push({ ...median('autocannon -R (50 connections)', runs.autocannon), rate });
      report.cpu.push({ ...median('bare paced Node client (the floor)', runs.floor), rate });
      const ratios = runs.ours.map((row, i) => Number((row.usPerRequest / runs.autocannon[i].usPerRequest).toFixed(3)));
      const sorted = [...ratios].sort((x, y) => x - y);
      const ratio = { median: sorted[Math.floor((sorted.length - 1) / 2)], pairs: ratios, belowOne: ratios.filter((r) => r < 1).length };
      report.cpuRatio[rate] = ratio;
      log(`  rag-validate / autocannon CPU per request at ${rate} req/s: median of ${ratios.length} pairs ${ratio.median} (pairs: ${ratios.join(', ')}; ${ratio.belowOne} below 1)`);
    }
    if (existsSync(LOCUST)) {
      const rate = RATES[0];
      log(`\n# Locust at a fixed ${rate} req/s`);
      report.cpu.push({ ...(await measure('Locust FastHttpUser (100 users)', server, locust(server.url, 'fast', 100, rate / 100))), rate });
      report.cpu.push({ ...(await measure('Locust HttpUser (100 users)', server, locust(server.url, 'http', 100, rate / 100))), rate });
    }
    await server.stop();
  }
  if (parts.has('max')) {
    log('\n# Maximum rate');
    const server = await startServer();
    if (existsSync(WRK)) report.max.push(await measure('wrk -t1 -c50 (closed loop)', server, wrk(server.url)));
    report.max.push(await measure('autocannon -c50 (closed loop)', server, autocannon(server.url)));
    if (existsSync(LOCUST)) report.max.push(await measure('Locust FastHttpUser (100 users, unthrottled)', server, locust(server.url, 'fast', 100, 1000)));
    let best;
    for (const rps of [3000, 4000, 5000, 6000, 8000, 10000, 12000, 15000, 20000, 25000, 30000]) {
      const row = await measure(`rag-validate perf at ${rps} req/s`, server, ours(server.url, rps));
      const result = parseJson(row.output.stdout);
      const sustained = result !== undefined && result.dropped === 0 && result.late <= result.scheduled * 0.01 && result.achievedRps >= rps * 0.99;
      row.sustained = sustained;
      row.result = result && { dropped: result.dropped, late: result.late, achievedRps: result.achievedRps, p99Ms: result.latency?.p99Ms };
      report.max.push(row);
      if (!sustained) break;
      best = rps;
    }
    report.maxSustainedOurs = best ?? null;
    log(`  rag-validate perf: highest sustained rate ${best ?? "below 3000"} req/s (no drops, ≤ 1 % late, ≥ 99 % achieved)`);
    await server.stop();
  }
  if (parts.has('accuracy')) {
    log('\n# Accuracy: a server answering after exactly 50 ms (rag-validate at 100 req/s; autocannon closed-loop, 10 connections)');
    let server = await startServer(['--delay-ms', '50']);
    // What the server really takes, on the wire: one raw keep-alive socket, one request at a time.
    const baseline = parseJson((await runTool(process.execPath, [join(here, 'raw-baseline.mjs'), '--url', server.url, '--count', '500']).done).stdout);
    const fixed = parseJson((await ours(server.url, 100, [])().done).stdout);
    // autocannon runs closed-loop here: with -R its latencies come out below the server's fixed 50 ms.
    const fixedAc = parseJson((await autocannon(server.url, { connections: 10, seconds: 12 })().done).stdout);
    report.accuracy.fixed50ms = { rawBaseline: baseline, ours: fixed?.latency, oursSendLag: fixed?.sendLag, autocannon: fixedAc?.latency };
    log(`  raw TCP baseline  p50 ${baseline?.p50Ms?.toFixed(3)} ms, min ${baseline?.minMs?.toFixed(3)} ms, p99 ${baseline?.p99Ms?.toFixed(3)} ms`);
    log(`  rag-validate perf p50 ${fixed?.latency?.p50Ms} ms, min ${fixed?.latency?.minMs} ms, p99 ${fixed?.latency?.p99Ms} ms (send lag p50 ${fixed?.sendLag?.p50Ms} ms)`);
    log(`  autocannon        p50 ${fixedAc?.latency?.p50} ms, min ${fixedAc?.latency?.min} ms, p99 ${fixedAc?.latency?.p99} ms`);
    await server.stop();
    log('\n# Accuracy: a server that stalls 1 s every 10 s, 30 s (rag-validate at 100 req/s; autocannon closed-loop, 10 connections)');
    server = await startServer(['--stall-every-ms', '10000', '--stall-ms', '1000']);
    const stall = parseJson((await runTool(process.execPath, [join(here, 'run-ours.mjs'), '--url', server.url, '--rps', '100', '--duration', '30s', '--warmup', '1s']).done).stdout);
    await server.stop();
    server = await startServer(['--stall-every-ms', '10000', '--stall-ms', '1000']);
    const stallAc = parseJson((await autocannon(server.url, { connections: 10, seconds: 31 })().done).stdout);
    await server.stop();
    report.accuracy.stall = { ours: stall?.latency, autocannon: stallAc?.latency, autocannonRequests: stallAc?.requests?.total };
    log(`  rag-validate perf p50 ${stall?.latency?.p50Ms} ms, p90 ${stall?.latency?.p90Ms} ms, p99 ${stall?.latency?.p99Ms} ms, max ${stall?.latency?.maxMs} ms (${stall?.scheduled} calls)`);
    log(`  autocannon        p50 ${stallAc?.latency?.p50} ms, p90 ${stallAc?.latency?.p90} ms, p99 ${stallAc?.latency?.p99} ms, max ${stallAc?.latency?.max} ms (${stallAc?.requests?.total} calls)`);
  }
} finally {
  killAll();
}
report.machine.loadAfter = loadavg();
log(`\nload average after: ${loadavg().map((v) => v.toFixed(2)).join(' ')}`);
for (const row of [...report.cpu, ...report.max]) delete row.output;
if (values.json) writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
