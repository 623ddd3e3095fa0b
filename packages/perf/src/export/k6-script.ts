import type { GateId } from '../gates/gate-registry.js';
import { formatDuration } from '../schedule/parse-duration.js';
import { stagesDurationMs } from '../schedule/rate-stage.js';
import { GENERATION_PROMPTS, INDEX_FILE_TEMPLATE, SEARCH_QUERIES } from '../scenarios/query-pools.js';
import { renderBody, type ExportOperation, type ExportPlan, type ExportService } from './export-plan.js';

/** A k6 rate as `rate` iterations per `timeUnit`, exact for rates such as 0.5/s or 1/6 per second. */
export function k6Rate(rps: number): { rate: number; timeUnit: string } {
  for (const [unit, seconds] of [
    ['1s', 1],
    ['1m', 60],
    ['1h', 3_600],
  ] as const) {
    const rate = rps * seconds;
    if (Math.abs(rate - Math.round(rate)) < 1e-9 && Math.round(rate) > 0) return { rate: Math.round(rate), timeUnit: unit };
  }
  return { rate: Math.max(1, Math.round(rps * 3_600)), timeUnit: '1h' };
}

const functionName = (op: string) => op.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** k6 threshold expressions of an operation's run gates. */
export function k6Thresholds(plan: ExportPlan): Record<string, string[]> {
  const measuredSeconds = stagesDurationMs(plan.stages) / 1_000;
  const thresholds: Record<string, string[]> = {};
  const add = (metric: string, expression: string) => {
    thresholds[metric] = [...(thresholds[metric] ?? []), expression];
  };
  for (const op of plan.operations) {
    const tags = `{op:${op.name},phase:measure}`;
    for (const { gate, threshold } of op.gates) {
      const latency: Partial<Record<GateId, string>> = { 'latency-avg': 'avg', 'latency-p50': 'med', 'latency-p95': 'p(95)', 'latency-p99': 'p(99)', 'latency-max': 'max' };
      const stat = latency[gate];
      if (stat !== undefined) add(`rv_latency${tags}`, `${stat}<=${threshold}`);
      else if (gate === 'error-rate') add(`rv_errors${tags}`, `rate<=${threshold}`);
      else if (gate === 'throughput') add(`rv_ok${tags}`, `count>=${Math.ceil(threshold * measuredSeconds - 1e-9)}`);
      else if (gate === 'throughput-per-day') add(`rv_ok${tags}`, `count>=${Math.ceil((threshold / 86_400) * measuredSeconds - 1e-9)}`);
      else if (gate === 'dropped') add(`dropped_iterations{scenario:${functionName(op.name)}}`, `count==${threshold}`);
    }
  }
  return thresholds;
}

function k6Options(plan: ExportPlan): Record<string, unknown> {
  const scenarios: Record<string, unknown> = {};
  const warmupStart = plan.warmupMs > 0 ? formatDuration(plan.warmupMs) : '0s';
  const constant = plan.stages.length === 1 && plan.stages[0]?.fromRps === plan.stages[0]?.toRps;
  for (const op of plan.operations) {
    const name = functionName(op.name);
    const peakRps = Math.max(...plan.stages.map((s) => Math.max(s.fromRps, s.toRps))) * op.share;
    const latencySeconds = (op.objectives.latency.avgMs ?? op.objectives.latency.p95Ms ?? op.objectives.latency.maxMs ?? 1_000) / 1_000;
    const maxVUs = Math.max(1, Math.ceil(plan.maxInFlight * op.share));
    const preAllocatedVUs = Math.min(maxVUs, Math.max(1, Math.ceil(peakRps * latencySeconds)));
    const common = { exec: name, preAllocatedVUs, maxVUs, gracefulStop: '30s' };
    if (plan.warmupMs > 0 && plan.warmupRps > 0) {
      scenarios[`${name}Warmup`] = {
        executor: 'ramping-arrival-rate',
        startRate: 0,
        timeUnit: '1m',
        stages: [{ duration: warmupStart, target: round(plan.warmupRps * op.share * 60) }],
        ...common,
        tags: { op: op.name, phase: 'warmup' },
      };
    }
    if (constant) {
      scenarios[name] = {
        executor: 'constant-arrival-rate',
        ...k6Rate((plan.stages[0]?.fromRps ?? 0) * op.share),
        duration: formatDuration(plan.stages[0]?.durationMs ?? 0),
        startTime: warmupStart,
        ...common,
        tags: { op: op.name, phase: 'measure' },
      };
    } else {
      // Ramping: every stage goes linearly to its target; a jump becomes a 0 s stage.
      const stages: Array<{ duration: string; target: number }> = [];
      let previous = (plan.stages[0]?.fromRps ?? 0) * op.share;
      for (const stage of plan.stages) {
        if (Math.abs(stage.fromRps * op.share - previous) > 1e-9) stages.push({ duration: '0s', target: round(stage.fromRps * op.share * 60) });
        stages.push({ duration: formatDuration(stage.durationMs), target: round(stage.toRps * op.share * 60) });
        previous = stage.toRps * op.share;
      }
      scenarios[name] = {
        executor: 'ramping-arrival-rate',
        startRate: round((plan.stages[0]?.fromRps ?? 0) * op.share * 60),
        timeUnit: '1m',
        stages,
        startTime: warmupStart,
        ...common,
        tags: { op: op.name, phase: 'measure' },
      };
    }
  }
  return { scenarios, thresholds: k6Thresholds(plan), summaryTrendStats: ['avg', 'med', 'p(95)', 'p(99)', 'max'] };
}

const round = (value: number) => Math.round(value * 1_000) / 1_000;
const js = (value: string | number | boolean | null) => JSON.stringify(value);

function headerObject(service: ExportService): string {
  const parts = service.headers.map((h) => `header(${js(h.name)}, __ENV.${h.env}, ${h.bearer})`);
  return `Object.assign({ 'content-type': 'application/json', accept: 'application/json' }${parts.map((p) => `, ${p}`).join('')})`;
}

function operationFunction(op: ExportOperation): string {
  const base = op.service === 'rag' ? 'RAG_URL' : 'LLM_URL';
  const headers = `HEADERS.${op.service}`;
  const variable = (name: string) =>
    ({ query: 'query', promptQuery: 'prompt.query', promptLanguage: 'prompt.language', filePath: 'file.path', content: 'file.content', docId: 'file.id' })[name] ?? 'undefined';
  const lines = [`export function ${functionName(op.name)}() {`];
  if (op.name !== 'health') lines.push('  const i = exec.scenario.iterationInTest;');
  if (op.name === 'search') lines.push('  const query = SEARCH_QUERIES[i % SEARCH_QUERIES.length];');
  if (op.name === 'generate' || op.name === 'llm-stream') lines.push('  const prompt = PROMPTS[i % PROMPTS.length];');
  if (op.name === 'index') lines.push('  const file = indexFile(i);');
  lines.push('  const started = Date.now();', '  let ok = true;');
  op.calls.forEach((call, index) => {
    const url = `${base} + ${js(call.path)}`;
    const params = `{ headers: ${headers}, tags: { name: ${js(index === 0 ? op.name : `${op.name} (${index + 1})`)} }, timeout: '120s' }`;
    const request =
      call.method === 'GET' ? `http.get(${url}, ${params})` : `http.post(${url}, JSON.stringify(${renderBody(call.body ?? null, variable, js)}), ${params})`;
    lines.push(`  const res${index} = ${request};`);
    lines.push(`  ok = ok && res${index}.status >= 200 && res${index}.status < 300;`);
    if (op.check === 'healthy') lines.push(`  ok = ok && bodyStatus(res${index}) === 'healthy';`);
    if (op.name === 'llm-stream') lines.push(`  ttft.add(res${index}.timings.waiting); // time to first byte: k6 reads the whole SSE body`);
  });
  lines.push('  record(started, ok);', '}');
  return lines.join('\n');
}

/**
 * A k6 script that runs the scenario as the generator does: one arrival-rate scenario per
 * operation (its share of the rate, warm-up first and tagged apart), the same request bodies and
 * query pools, and thresholds equal to the run gates (latency, error rate, successful calls,
 * dropped iterations). For k6 or k6-operator. Credentials come from environment variables.
 */
export function renderK6Script(plan: ExportPlan): string {
  const options = k6Options(plan);
  const needsIndex = plan.operations.some((op) => op.name === 'index');
  const needsTtft = plan.operations.some((op) => op.name === 'llm-stream');
  return [
    `// DO NOT EDIT: generated by \`rag-validate perf export --k6\` from scenario "${plan.scenario}" (${plan.contract} contract).`,
    `// ${plan.description}`,
    '// Run: k6 run -e RAG_URL=http://rag:8000 -e LLM_URL=http://llm:8002 this-file.js   (or as a k6-operator TestRun)',
    `// Credentials, when the target needs them: ${[...plan.services.rag.headers, ...plan.services.llm.headers].map((h) => h.env).join(', ') || 'none'}.`,
    '// Thresholds are the rag-validate gates of the whole measured run (k6 has no sliding-window thresholds).',
    "import http from 'k6/http';",
    "import exec from 'k6/execution';",
    ...(needsIndex && plan.contract === 'codev-head' ? ["import crypto from 'k6/crypto';"] : []),
    "import { Counter, Rate, Trend } from 'k6/metrics';",
    '',
    `const RAG_URL = __ENV.RAG_URL || ${js(plan.services.rag.url)};`,
    `const LLM_URL = __ENV.LLM_URL || ${js(plan.services.llm.url)};`,
    '/** @param {string} name @param {string | undefined} value @param {boolean} bearer @returns {Record<string, string>} */',
    'function header(name, value, bearer) {',
    '  /** @type {Record<string, string>} */',
    '  const out = {};',
    '  if (value) out[name] = bearer ? `Bearer ${value}` : value;',
    '  return out;',
    '}',
    `const HEADERS = { rag: ${headerObject(plan.services.rag)}, llm: ${headerObject(plan.services.llm)} };`,
    `const SEARCH_QUERIES = ${JSON.stringify(SEARCH_QUERIES)};`,
    `const PROMPTS = ${JSON.stringify(GENERATION_PROMPTS)};`,
    ...(needsIndex
      ? [
          `const INDEX_FILE_TEMPLATE = ${js(INDEX_FILE_TEMPLATE)};`,
          "const RUN_ID = __ENV.RUN_ID || 'k6-' + Date.now().toString(36);",
          '/** @param {number} i */',
          'function indexFile(i) {',
          "  const path = 'perf-load/' + RUN_ID + '/perf_' + exec.vu.idInTest + '_' + i + '.py';",
          "  const content = INDEX_FILE_TEMPLATE.split('__N__').join(String(i)).split('__TOPIC__').join(SEARCH_QUERIES[i % SEARCH_QUERIES.length]);",
          plan.contract === 'codev-head'
            ? "  const h = crypto.sha1(path, 'hex');\n  const id = h.slice(0, 8) + '-' + h.slice(8, 12) + '-5' + h.slice(13, 16) + '-' + ((parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16) + h.slice(18, 20) + '-' + h.slice(20, 32);\n  return { path, content, id };"
            : '  return { path, content };',
          '}',
        ]
      : []),
    "const latency = new Trend('rv_latency', true);",
    "const errors = new Rate('rv_errors');",
    "const okCalls = new Counter('rv_ok');",
    ...(needsTtft ? ["const ttft = new Trend('rv_ttft', true);"] : []),
    '/** @param {number} started @param {boolean} ok */',
    'function record(started, ok) {',
    '  latency.add(Date.now() - started);',
    '  errors.add(!ok);',
    '  if (ok) okCalls.add(1);',
    '}',
    "/** @param {import('k6/http').Response} res */",
    'function bodyStatus(res) {',
    '  try {',
    "    return res.json('status');",
    '  } catch (e) {',
    '    return undefined;',
    '  }',
    '}',
    '',
    '// BEGIN OPTIONS',
    "/** @type {import('k6/options').Options} */",
    `export const options = ${JSON.stringify(options, null, 2)};`,
    '// END OPTIONS',
    '',
    ...plan.operations.map((op) => `${operationFunction(op)}\n`),
  ].join('\n');
}
