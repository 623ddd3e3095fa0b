// A/B of two builds of rag-validate's generator, run AT THE SAME TIME, each against its own
// trivial server, so that the host's load (which moves CPU per request by ±20 % from one minute to
// the next on a shared VM) is the same for both and cancels out of their ratio. Use it to measure
// a change to the generator's own cost; run-bench.mjs compares against other tools.
//
//   git worktree add /tmp/before <rev> && (cd /tmp/before && npm ci && npx tsc -b packages/perf/tsconfig.lib.json)
//   npx tsc -b packages/perf/tsconfig.lib.json
//   node packages/perf/bench/ab-versions.mjs --a /tmp/before --b . [--rps 5000] [--repeat 5] [--warm 8] [--seconds 12]
//
// Prints one line per round and the median of B ÷ A (CPU per request: user + system time of each
// generator over the same window ÷ the requests its server answered in it).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { cpuMs, killAll, startServer, track } from './bench-processes.mjs';

const { values } = parseArgs({
  options: {
    a: { type: 'string' },
    b: { type: 'string' },
    rps: { type: 'string', default: '5000' },
    repeat: { type: 'string', default: '5' },
    warm: { type: 'string', default: '8' },
    seconds: { type: 'string', default: '12' },
  },
});
const builds = [values.a, values.b].map((root) => (root === undefined ? undefined : resolve(root, 'packages/perf/bench/run-ours.mjs')));
const warmS = Number(values.warm);
const windowS = Number(values.seconds);
// Ctrl-C ends the sleeps below, so the `finally` stops every child before the process exits.
const interrupted = new AbortController();
process.once('SIGINT', () => {
  process.exitCode = 130;
  interrupted.abort();
});
const wait = (ms) => sleep(ms, undefined, { signal: interrupted.signal });

const median = (list) => [...list].sort((x, y) => x - y)[Math.floor((list.length - 1) / 2)];

if (builds.some((script) => script === undefined || !existsSync(script) || !existsSync(resolve(script, '../../dist/index.js')))) {
  process.stderr.write('--a and --b must each be a checkout of this repository with packages/perf built (npx tsc -b packages/perf/tsconfig.lib.json)\n');
  process.exitCode = 2;
} else {
  await main().catch((error) => {
    if (!interrupted.signal.aborted) throw error;
  });
}

async function main() {
  try {
    const servers = [await startServer(), await startServer()];
    const ratios = [];
    process.stdout.write(`A = ${values.a}, B = ${values.b}, ${values.rps} req/s each, ${values.repeat} rounds of ${warmS} + ${windowS} s\n`);
    for (let round = 0; round < Number(values.repeat); round += 1) {
      const runs = builds.map((script, i) =>
        track(spawn(process.execPath, [script, '--url', servers[i].url, '--rps', values.rps, '--duration', `${warmS + windowS}s`, '--warmup', '2s'], { stdio: ['ignore', 'ignore', 'inherit'] })),
      );
      const ended = runs.map((child) => new Promise((resolveEnd) => child.once('exit', resolveEnd)));
      await wait(warmS * 1_000);
      const cpu0 = runs.map((child) => cpuMs(child.pid));
      const served0 = await Promise.all(servers.map((server) => server.count()));
      await wait(windowS * 1_000);
      const cpu1 = runs.map((child) => cpuMs(child.pid));
      const served1 = await Promise.all(servers.map((server) => server.count()));
      await Promise.all(ended);
      const us = runs.map((_, i) => ((cpu1[i] - cpu0[i]) * 1_000) / (served1[i] - served0[i]));
      ratios.push(us[1] / us[0]);
      process.stdout.write(`round ${round + 1}: A ${us[0].toFixed(1)} µs, B ${us[1].toFixed(1)} µs per request, B ÷ A ${(us[1] / us[0]).toFixed(3)}\n`);
    }
    process.stdout.write(`B ÷ A: median ${median(ratios).toFixed(3)} (rounds: ${ratios.map((r) => r.toFixed(3)).join(', ')})\n`);
  } finally {
    killAll();
  }
}
