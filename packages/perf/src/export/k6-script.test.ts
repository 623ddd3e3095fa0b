import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { resolveConfig } from '@rag-validate/config';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportScenario } from './export-scenario.js';

const run = promisify(execFile);
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rv-perf-k6-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const config = resolveConfig({ target: { services: { rag: { url: 'http://rag.internal:8000', auth: { apiKey: 'sk-never-print-me' } } } } }, { env: {} });

function optionsOf(script: string): { scenarios: Record<string, Record<string, unknown>>; thresholds: Record<string, string[]> } {
  const start = script.indexOf('export const options = ') + 'export const options = '.length;
  const end = script.indexOf(';\n// END OPTIONS');
  return JSON.parse(script.slice(start, end)) as ReturnType<typeof optionsOf>;
}

function importsOf(script: string): string[] {
  const source = ts.createSourceFile('script.js', script, ts.ScriptTarget.ES2022, false, ts.ScriptKind.JS);
  return source.statements.filter(ts.isImportDeclaration).map((s) => (s.moduleSpecifier as ts.StringLiteral).text);
}

/** Type-checks the script against @types/k6 (the k6 API as k6 publishes it). */
function k6TypeErrors(file: string): string[] {
  const typesDir = dirname(dirname(createRequire(import.meta.url).resolve('@types/k6/package.json')));
  const program = ts.createProgram([file], {
    allowJs: true,
    checkJs: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2022.d.ts'],
    types: ['k6'],
    typeRoots: [typesDir],
    skipLibCheck: true,
  });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('k6 export', () => {
  it.each([
    ['search', {}],
    ['mixed', {}],
    ['index', { contract: 'codev-head' as const }],
    ['llm-stream', {}],
    ['generate', { stages: '30s:1-10,1m:10' }],
  ])('writes a script for %s that parses, imports only k6 modules and type-checks against @types/k6', async (scenario, extra) => {
    const script = exportScenario({ config, scenario, format: 'k6', ...extra });
    const file = join(dir, `${scenario}.mjs`);
    await writeFile(file, script);
    await run(process.execPath, ['--check', file]);
    expect(importsOf(script).every((m) => m === 'k6' || m.startsWith('k6/'))).toBe(true);
    expect(importsOf(script)).toContain('k6/http');
    expect(k6TypeErrors(file)).toEqual([]);
  });

  it('sets thresholds equal to the gates of the config SLOs', () => {
    const { thresholds, scenarios } = optionsOf(exportScenario({ config, scenario: 'search', format: 'k6' }));
    // slos.search: avg 3 s, p95 5 s, availability 0.99, 100 RPS for the 60 s default run.
    expect(thresholds).toEqual({
      'rv_latency{op:search,phase:measure}': ['avg<=3000', 'p(95)<=5000'],
      'rv_errors{op:search,phase:measure}': ['rate<=0.01'],
      'rv_ok{op:search,phase:measure}': ['count>=5940'],
      'dropped_iterations{scenario:search}': ['count==0'],
    });
    expect(scenarios['search']).toMatchObject({ executor: 'constant-arrival-rate', rate: 100, timeUnit: '1s', duration: '1m', startTime: '5s', maxVUs: 1_000, tags: { op: 'search', phase: 'measure' } });
    expect(scenarios['searchWarmup']).toMatchObject({ executor: 'ramping-arrival-rate', startRate: 0, stages: [{ duration: '5s', target: 6_000 }], tags: { phase: 'warmup' } });
  });

  it('follows SLO overrides: a p99 objective and a stricter availability become thresholds', () => {
    const strict = resolveConfig({ slos: { generate: { latency: { p99Ms: 90_000 }, availability: 0.995, throughput: { rps: 4 } } } }, { env: {} });
    const { thresholds } = optionsOf(exportScenario({ config: strict, scenario: 'generate', format: 'k6', durationMs: 30_000 }));
    expect(thresholds['rv_latency{op:generate,phase:measure}']).toEqual(['avg<=30000', 'p(95)<=60000', 'p(99)<=90000']);
    expect(thresholds['rv_errors{op:generate,phase:measure}']).toEqual(['rate<=0.005']);
    expect(thresholds['rv_ok{op:generate,phase:measure}']).toEqual([`count>=${Math.ceil(4 * 0.995 * 30)}`]);
  });

  it('splits the mixed scenario into one arrival-rate scenario per operation at its share of the rate', () => {
    const { scenarios } = optionsOf(exportScenario({ config, scenario: 'mixed', format: 'k6', rps: 30 }));
    expect([scenarios['search']?.['rate'], scenarios['generate']?.['rate'], scenarios['health']?.['rate']]).toEqual([15, 5, 10]);
  });

  it('ramps with ramping-arrival-rate stages (per minute), jumping with a 0 s stage', () => {
    const { scenarios } = optionsOf(exportScenario({ config, scenario: 'search', format: 'k6', stages: '30s:10-100,1m:100,10s:20' }));
    expect(scenarios['search']).toMatchObject({
      executor: 'ramping-arrival-rate',
      startRate: 600,
      timeUnit: '1m',
      stages: [
        { duration: '30s', target: 6_000 },
        { duration: '1m', target: 6_000 },
        { duration: '0s', target: 1_200 },
        { duration: '10s', target: 1_200 },
      ],
    });
  });

  it('reads credentials from environment variables and never writes them', () => {
    const script = exportScenario({ config, scenario: 'mixed', format: 'k6' });
    expect(script).not.toContain('sk-never-print-me');
    expect(script).toContain('__ENV.RAG_VALIDATE_RAG_API_KEY');
  });

  it('uses the HEAD request paths when exporting for the HEAD contract', () => {
    const script = exportScenario({ config, scenario: 'search', format: 'k6', contract: 'codev-head' });
    expect(script).toContain('"/api/v1/search/hybrid"');
    expect(script).not.toContain('"/api/v1/search/"');
  });
});
