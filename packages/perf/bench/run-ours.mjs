// Runs rag-validate's generator once (one process, the compiled package as the CLI runs it) and
// prints a JSON summary on stdout. Build first: npx tsc -b packages/perf/tsconfig.lib.json
//   node bench/run-ours.mjs --url http://127.0.0.1:PORT --rps 5000 --duration 10s [--warmup 2s] [--scenario health] [--spin-ms 1]
import { parseArgs } from 'node:util';
import { resolveConfig } from '@rag-validate/config';
import { parseDuration, realClock, runScenario } from '../dist/index.js';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    rps: { type: 'string', default: '1000' },
    duration: { type: 'string', default: '10s' },
    warmup: { type: 'string', default: '2s' },
    scenario: { type: 'string', default: 'health' },
    'max-in-flight': { type: 'string', default: '1000' },
    'spin-ms': { type: 'string' },
  },
});
if (values.url === undefined) {
  process.stderr.write('--url is required\n');
  process.exitCode = 2;
} else {
  await main(values.url);
}

async function main(url) {
const config = resolveConfig({ target: { services: { rag: { url }, llm: { url } } } }, { env: {} });
const result = await runScenario({
  config,
  scenario: values.scenario,
  rps: Number(values.rps),
  durationMs: parseDuration(values.duration),
  warmupMs: parseDuration(values.warmup),
  maxInFlight: Number(values['max-in-flight']),
  preflight: false,
  ...(values['spin-ms'] === undefined ? {} : { clock: realClock({ spinMs: Number(values['spin-ms']) }) }),
});
const name = result.scenario.mix[0]?.operation ?? 'health';
const series = result.series[name];
const generator = result.generators[0];
process.stdout.write(
  `${JSON.stringify({
    scheduled: series?.scheduled,
    ok: series?.ok,
    errors: series?.errors,
    errorsByKind: series?.errorsByKind,
    dropped: series?.dropped,
    late: series?.late,
    offeredRps: series?.offeredRps,
    achievedRps: series?.achievedRps,
    latency: series?.latency,
    sendLag: generator?.sendLag,
    cpu: generator?.cpu,
    sentTotal: generator?.sentTotal,
  })}\n`,
);
}
