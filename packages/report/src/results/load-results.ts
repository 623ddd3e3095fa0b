import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parsePerfResult, PerfResultFileError, type PerfResult } from '@rag-validate/perf';
import type { z } from 'zod';
import { NoResultsError, ResultsDirError } from '../errors.js';
import type { AreaFile } from './area-file.js';
import { chaosResultSchema, type ChaosReportInput } from './chaos-result.js';
import { coverageResultSchema, type CoverageResult } from './coverage-result.js';
import { e2eResultSchema, type E2eReportInput } from './e2e-result.js';
import { healthResultSchema, type HealthResult } from './health-result.js';
import { findMonitoringFiles, type MonitoringFiles } from './monitoring-files.js';
import { readinessResultSchema, type ReadinessReportInput } from './readiness-result.js';
import { runSummarySchema, type RunSummary } from './run-summary.js';
import { describeIssues } from './zod-helpers.js';

/** Everything the report shows, read from one results directory. */
export interface ReportResults {
  /** The results directory (absolute). */
  readonly dir: string;
  readonly run: AreaFile<RunSummary>;
  readonly health: AreaFile<HealthResult>;
  readonly e2e: AreaFile<E2eReportInput>;
  /** One entry per `perf-<scenario>.json`, sorted by file name; empty when there is none. */
  readonly perf: ReadonlyArray<AreaFile<PerfResult>>;
  readonly chaos: AreaFile<ChaosReportInput>;
  readonly readiness: AreaFile<ReadinessReportInput>;
  readonly coverage: AreaFile<CoverageResult>;
  /** The generated monitoring files, when a directory of them was found. */
  readonly monitoring: MonitoringFiles | null;
  /** Every file name in the results directory (for links to the per-area reports). */
  readonly files: readonly string[];
}

export interface LoadResultsOptions {
  /**
   * Directories searched, in order, for the generated monitoring files (the first holding a
   * prometheus.yml wins). Default: `<dir>/monitoring`, then `deployment/monitoring` beside the
   * results directory (a checkout's `results/` next to its `deployment/`).
   */
  readonly monitoringDirs?: readonly string[];
}

/** The result files the report reads (besides `perf-*.json`). */
export const RESULT_FILES = {
  run: 'run.json',
  health: 'health.json',
  e2e: 'e2e.json',
  chaos: 'chaos.json',
  readiness: 'readiness.json',
  coverage: 'coverage.json',
} as const;

const PERF_FILE = /^perf-[\w.-]+\.json$/;

/**
 * Reads every result file of a results directory. Throws ResultsDirError when the directory
 * cannot be listed and NoResultsError when it holds no result file at all; a single file that is
 * not JSON or not the shape its suite writes does not throw: its entry is `unreadable` with the reason.
 */
export async function loadResults(dir: string, options: LoadResultsOptions = {}): Promise<ReportResults> {
  const root = resolve(dir);
  const files = await listDir(root);
  const known = [...Object.values(RESULT_FILES), 'perf-<scenario>.json'];
  if (!files.some((f) => (Object.values(RESULT_FILES) as string[]).includes(f) || PERF_FILE.test(f))) throw new NoResultsError(root, known);
  const read = <S extends z.ZodType>(name: string, schema: S) => readArea(root, files, name, (json) => parseWith(schema, json));
  const perfFiles = files.filter((f) => PERF_FILE.test(f)).sort();
  const [run, health, e2e, chaos, readiness, coverage, perf, monitoring] = await Promise.all([
    read(RESULT_FILES.run, runSummarySchema),
    read(RESULT_FILES.health, healthResultSchema),
    read(RESULT_FILES.e2e, e2eResultSchema),
    read(RESULT_FILES.chaos, chaosResultSchema),
    read(RESULT_FILES.readiness, readinessResultSchema),
    read(RESULT_FILES.coverage, coverageResultSchema),
    Promise.all(perfFiles.map((f) => readArea(root, files, f, parsePerf))),
    findMonitoringFiles(options.monitoringDirs ?? [join(root, 'monitoring'), join(dirname(root), 'deployment', 'monitoring')]),
  ]);
  return { dir: root, run, health, e2e, perf, chaos, readiness, coverage, monitoring, files };
}

async function listDir(dir: string): Promise<string[]> {
  try {
    const info = await stat(dir);
    if (!info.isDirectory()) throw new ResultsDirError(dir, 'it is not a directory');
    return (await readdir(dir)).sort();
  } catch (error) {
    if (error instanceof ResultsDirError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new ResultsDirError(dir, code === 'ENOENT' ? 'no such directory' : code === 'EACCES' ? 'permission denied' : (error as Error).message, { cause: error });
  }
}

type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

function parseWith<S extends z.ZodType>(schema: S, json: unknown): Parsed<z.output<S>> {
  const parsed = schema.safeParse(json);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, reason: `not a result of its suite: ${describeIssues(parsed.error)}` };
}

function parsePerf(json: unknown): Parsed<PerfResult> {
  try {
    return { ok: true, value: parsePerfResult(json) };
  } catch (error) {
    if (!(error instanceof PerfResultFileError)) throw error;
    const more = error.problems.length - 3;
    return { ok: false, reason: `not a result of its suite: ${error.problems.slice(0, 3).join('; ')}${more > 0 ? `; and ${more} more problem${more === 1 ? '' : 's'}` : ''}` };
  }
}

async function readArea<T>(dir: string, files: readonly string[], name: string, parse: (json: unknown) => Parsed<T>): Promise<AreaFile<T>> {
  if (!files.includes(name)) return { state: 'missing', file: name };
  let text: string;
  try {
    text = await readFile(join(dir, name), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { state: 'unreadable', file: name, reason: code === 'EISDIR' ? 'it is a directory' : (error as Error).message };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { state: 'unreadable', file: name, reason: `not valid JSON (${(error as Error).message})` };
  }
  const parsed = parse(json);
  return parsed.ok ? { state: 'ok', file: name, value: parsed.value } : { state: 'unreadable', file: name, reason: parsed.reason };
}
