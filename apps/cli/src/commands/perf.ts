import { resolve } from 'node:path';
import type { RagValidateConfig } from '@rag-validate/config';
import {
  BUILTIN_SCENARIOS,
  exportScenario,
  formatValue,
  mergePerfResults,
  parseDuration,
  readPerfResult,
  runScenario,
  writePerfArtifacts,
  type LoadProgress,
  type PerfResult,
  type RunOverrides,
} from '@rag-validate/perf';
import { writeFile } from 'node:fs/promises';
import { InvalidArgumentError, type Command } from 'commander';
import type { CliContext } from '../cli-context.js';
import { EXIT } from '../exit-codes.js';
import { parsePositiveInt, parsePositiveNumber } from '../option-parsers.js';
import { runAction } from '../run-action.js';
import { withTarget } from '../target/with-target.js';
import { UsageError } from '../usage-error.js';

interface ShapeOptions {
  scenario: string;
  rps?: number;
  stages?: string;
  duration?: number;
  warmup?: number;
  maxInFlight?: number;
  window?: number;
}

const duration = (name: string) => (value: string) => {
  try {
    return parseDuration(value, name);
  } catch (error) {
    throw new InvalidArgumentError(error instanceof Error ? error.message : String(error));
  }
};

function withShapeOptions(command: Command): Command {
  const names = BUILTIN_SCENARIOS.map((s) => s.name).join(', ');
  return command
    .option('--scenario <name>', `load scenario: ${names}`, 'mixed')
    .option('--rps <n>', 'constant arrival rate, all operations together (default: the scenario\'s, e.g. slos.search.throughput.rps)', parsePositiveNumber)
    .option('--stages <spec>', 'ramping rate instead of --rps/--duration, e.g. 30s:10-100,60s:100')
    .option('--duration <d>', 'measured duration, e.g. 60s (default: perf.durationMs)', duration('--duration'))
    .option('--warmup <d>', 'unmeasured warm-up ramping up to the rate, e.g. 5s or 0s (default: perf.warmupMs)', duration('--warmup'))
    .option('--max-in-flight <n>', 'most calls open at once; a send due beyond it is dropped (default: perf.maxInFlight)', parsePositiveInt)
    .option('--window <d>', 'sliding window of the worst-window gates (default: perf.windowMs)', duration('--window'));
}

function overrides(options: ShapeOptions): RunOverrides {
  return {
    rps: options.rps,
    stages: options.stages,
    durationMs: options.duration,
    warmupMs: options.warmup,
    maxInFlight: options.maxInFlight,
    windowMs: options.window,
  };
}

function progressLine(scenario: string, p: LoadProgress): string {
  const p95 = Object.entries(p.p95Ms)
    .map(([op, ms]) => `${op} ${formatValue(ms, 'ms')}`)
    .join(' · ');
  return `perf ${scenario} ${p.phase} ${(p.elapsedMs / 1_000).toFixed(0)}/${(p.plannedMs / 1_000).toFixed(0)} s | ${p.achievedRps.toFixed(1)} ok/s | p95 ${p95 || '–'} | errors ${p.errors} | dropped ${p.dropped} | late ${p.late} | in flight ${p.inFlight}`;
}

/** Prints a result's gates (failed ones with their reasons), its files, and returns its exit code. */
function report(ctx: CliContext, result: PerfResult, files: { json: string; markdown: string; html: string }) {
  ctx.output.table(
    ['operation', 'gate', 'measured', 'threshold', 'result'],
    result.gates.map((g) => [g.operation, g.gate, g.measured === null ? '–' : formatValue(g.measured, g.unit), `${g.bound === 'upper' ? '≤' : '≥'} ${formatValue(g.threshold, g.unit)}`, g.pass ? 'pass' : 'FAIL']),
  );
  for (const gate of result.gates.filter((g) => !g.pass)) ctx.output.error(`gate failed: ${gate.reason}`);
  if (result.generators.some((g) => g.aborted)) ctx.output.error('the run was stopped before its end: the numbers cover only part of it');
  ctx.output.info(`${result.pass ? 'PASS' : 'FAIL'}: ${result.scenario.name}, ${result.gates.filter((g) => g.pass).length}/${result.gates.length} gates passed; wrote ${files.json}, ${files.markdown}, ${files.html}`);
  ctx.output.result({
    ok: result.pass,
    scenario: result.scenario.name,
    measure: result.measure,
    gates: result.gates,
    series: Object.fromEntries(Object.entries(result.series).map(([name, s]) => [name, { ...s, histogram: undefined }])),
    generators: result.generators,
    files,
  });
  return result.pass ? EXIT.OK : EXIT.FAILED;
}

function outDir(ctx: CliContext, config: RagValidateConfig, out: string | undefined): string {
  return resolve(ctx.cwd, out ?? config.output.resultsDir);
}

/**
 * `rag-validate perf`: open-model load at a fixed or ramping rate with SLA gates from the config
 * SLOs; `perf merge` combines results of several generators exactly; `perf export` writes the
 * scenario as a k6 script or a locustfile. Exit 0 when every gate passes, 1 when one fails,
 * 2 for usage and config errors.
 */
export function registerPerfCommand(program: Command, ctx: CliContext): void {
  const perf = program
    .command('perf')
    .description('load tests: `perf [run]` drives the target and gates on the SLOs, `perf merge` combines results, `perf export` writes k6/Locust scripts');
  withShapeOptions(
    // The default subcommand, so `rag-validate perf --scenario search` runs load. (`perf` itself
    // has no options: its subcommands each have their own --out and --scenario.)
    perf
      .command('run', { isDefault: true })
      .description('load-test the target at a fixed or ramping arrival rate and gate on the SLOs (the default)')
      .option('--out <dir>', 'where perf-<scenario>.json/.md/.html go (default: output.resultsDir)'),
  ).action((options: ShapeOptions & { out?: string }) =>
    runAction(ctx, async () => {
      const config = await ctx.loadConfig();
      // Embedded mode starts the reference stack on free ports (and always stops it); Ctrl-C
      // aborts target.signal: the load stops, calls still open get 2 s, the partial result is written.
      const { result, files } = await withTarget(ctx, config, async (target) => {
        ctx.output.step(`perf ${options.scenario}: checking the target`);
        const run = await runScenario({
          config: target.config,
          scenario: options.scenario,
          ...overrides(options),
          signal: target.signal,
          onProgress: (p) => ctx.output.progress(progressLine(options.scenario, p)),
        });
        return { result: run, files: await writePerfArtifacts(run, outDir(ctx, config, options.out)) };
      });
      return report(ctx, result, files);
    }),
  );

  perf
    .command('merge')
    .description('merge perf results of several generators (same scenario, run together) exactly, and gate the whole')
    .argument('<files...>', 'perf-<scenario>.json files')
    .option('--out <dir>', 'where the merged files go (default: output.resultsDir)')
    .option('--name <base>', 'base name of the merged files (default: perf-<scenario>-merged)')
    .action((files: string[], options: { out?: string; name?: string }) =>
      runAction(ctx, async () => {
        const config = await ctx.loadConfig();
        if (files.length < 2) throw new UsageError('perf merge needs at least two result files');
        const results = await Promise.all(files.map((file) => readPerfResult(resolve(ctx.cwd, file))));
        const merged = mergePerfResults(results);
        const written = await writePerfArtifacts(merged, outDir(ctx, config, options.out), options.name ?? `perf-${merged.scenario.name}-merged`);
        return report(ctx, merged, written);
      }),
    );

  withShapeOptions(
    perf
      .command('export')
      .description('write the scenario as a k6 script (arrival-rate scenarios, thresholds = gates) or a locustfile (same task mix)')
      .option('--k6 <file>', 'write a k6 script here')
      .option('--locust <file>', 'write a locustfile here')
      .option('--contract <version>', 'request paths: codev-task06 or codev-head (default: target.contract, codev-task06 when auto)'),
  ).action((options: ShapeOptions & { k6?: string; locust?: string; contract?: string }) =>
    runAction(ctx, async () => {
      const config = await ctx.loadConfig();
      const targets = [options.k6 && { format: 'k6' as const, file: options.k6 }, options.locust && { format: 'locust' as const, file: options.locust }].filter(
        (t): t is { format: 'k6' | 'locust'; file: string } => Boolean(t),
      );
      if (targets.length === 0) throw new UsageError('perf export needs --k6 <file> and/or --locust <file>');
      if (options.contract !== undefined && options.contract !== 'codev-task06' && options.contract !== 'codev-head') {
        throw new UsageError(`--contract must be codev-task06 or codev-head, got ${JSON.stringify(options.contract)}`);
      }
      const written: Array<{ format: string; file: string }> = [];
      for (const { format, file } of targets) {
        const text = exportScenario({ config, scenario: options.scenario, format, ...overrides(options), ...(options.contract === undefined ? {} : { contract: options.contract }) });
        const path = resolve(ctx.cwd, file);
        await writeFile(path, text);
        written.push({ format, file: path });
        ctx.output.info(`wrote ${format === 'k6' ? 'k6 script' : 'locustfile'} ${path} (scenario ${options.scenario})`);
      }
      ctx.output.result({ ok: true, scenario: options.scenario, files: written });
      return EXIT.OK;
    }),
  );
}

/** The scenarios `rag-validate run` drives: short ones by default, full-length with `--full`. */
const RUN_PROFILES = {
  smoke: { scenarios: ['search', 'generate'], durationMs: 5_000, warmupMs: 1_000 },
  full: { scenarios: ['search', 'generate', 'mixed', 'index'], durationMs: undefined, warmupMs: undefined },
} as const;

/**
 * The perf phase of `rag-validate run`: the SLO scenarios (search at its throughput objective,
 * generation at its) for a few seconds each, or, with `full`, those plus the mixed user and
 * indexing at the config's duration and warm-up. Writes perf-<scenario>.{json,md,html} to `dir`.
 */
export async function runPerfPhase(
  output: CliContext['output'],
  config: RagValidateConfig,
  options: { readonly full: boolean; readonly dir: string; readonly signal: AbortSignal },
): Promise<{ status: 'pass' | 'fail'; summary: string; files: string[] }> {
  const profile = options.full ? RUN_PROFILES.full : RUN_PROFILES.smoke;
  const files: string[] = [];
  const verdicts: string[] = [];
  let pass = true;
  for (const scenario of profile.scenarios) {
    if (options.signal.aborted) break;
    output.step(`perf ${scenario}: checking the target`);
    const result = await runScenario({
      config,
      scenario,
      durationMs: profile.durationMs,
      warmupMs: profile.warmupMs,
      signal: options.signal,
      onProgress: (p) => output.progress(progressLine(scenario, p)),
    });
    const written = await writePerfArtifacts(result, options.dir);
    files.push(written.json, written.markdown, written.html);
    for (const gate of result.gates.filter((g) => !g.pass)) output.error(`gate failed: ${gate.reason}`);
    const main = result.series[result.scenario.mix[0]?.operation ?? scenario];
    verdicts.push(`${scenario} ${result.pass ? 'PASS' : 'FAIL'}${main ? ` (${main.achievedRps.toFixed(1)} ok/s, p95 ${formatValue(main.latency.p95Ms, 'ms')})` : ''}`);
    output.info(`perf ${scenario}: ${result.pass ? 'PASS' : 'FAIL'}, ${result.gates.filter((g) => g.pass).length}/${result.gates.length} gates passed`);
    pass &&= result.pass;
  }
  return { status: pass && verdicts.length === profile.scenarios.length ? 'pass' : 'fail', summary: verdicts.join('; '), files };
}
