import { PerfOptionError } from '../errors.js';
import { stagesDurationMs } from '../schedule/rate-stage.js';
import { GENERATION_PROMPTS, INDEX_FILE_TEMPLATE, SEARCH_QUERIES } from '../scenarios/query-pools.js';
import { formatDuration } from '../schedule/parse-duration.js';
import { renderBody, type ExportOperation, type ExportPlan, type ExportService } from './export-plan.js';

const py = (value: string | number | boolean | null): string => {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return JSON.stringify(value);
};

const className = (op: string) => `${op.replace(/(^|-)([a-z])/g, (_, __: string, c: string) => c.toUpperCase())}User`;
const counterName = (op: string) => op.replace(/-/g, '_');

/** Users (greenlets) for an operation: enough that each sends far slower than its calls take. */
export function locustUsers(op: ExportOperation, totalRps: number): { users: number; perUserRps: number } {
  const rps = totalRps * op.share;
  const latencySeconds = Math.max(0.05, (op.objectives.latency.avgMs ?? op.objectives.latency.p95Ms ?? op.objectives.latency.maxMs ?? 1_000) / 1_000);
  const users = Math.max(1, Math.ceil(rps * latencySeconds * 2));
  return { users, perUserRps: rps / users };
}

function headerDict(service: ExportService): string {
  const entries = service.headers.map((h) => `header(${py(h.name)}, os.environ.get(${py(h.env)}), ${py(h.bearer)})`);
  return `dict({"content-type": "application/json", "accept": "application/json"}${entries.map((e) => `, **${e}`).join('')})`;
}

function userClass(op: ExportOperation, totalRps: number): string {
  const { users, perUserRps } = locustUsers(op, totalRps);
  const variable = (name: string) =>
    ({ query: 'query', promptQuery: 'prompt["query"]', promptLanguage: 'prompt["language"]', filePath: 'file["path"]', content: 'file["content"]', docId: 'file["id"]' })[name] ?? 'None';
  const lines = [
    `class ${className(op.name)}(FastHttpUser):`,
    `    """${op.name}: ${(op.share * 100).toFixed(1)} % of the load, ${users} users at ${perUserRps.toPrecision(4)} calls/s each."""`,
    `    host = ${op.service === 'rag' ? 'RAG_URL' : 'LLM_URL'}`,
    `    fixed_count = ${users}`,
    `    wait_time = constant_throughput(${perUserRps.toPrecision(6)})`,
    '    network_timeout = 120.0',
    '    connection_timeout = 30.0',
    '',
    '    @task',
    `    def ${counterName(op.name)}(self):`,
    `        i = next(COUNTERS[${py(op.name)}])`,
  ];
  if (op.name === 'search') lines.push('        query = SEARCH_QUERIES[i % len(SEARCH_QUERIES)]');
  if (op.name === 'generate' || op.name === 'llm-stream') lines.push('        prompt = PROMPTS[i % len(PROMPTS)]');
  if (op.name === 'index') lines.push('        file = index_file(i)');
  op.calls.forEach((call, index) => {
    const name = index === 0 ? op.name : `${op.name} (${index + 1})`;
    const body = call.body === undefined ? '' : `, json=${renderBody(call.body, variable, py)}`;
    lines.push(`        with self.client.${call.method.toLowerCase()}(${py(call.path)}${body}, headers=HEADERS[${py(op.service)}], name=${py(name)}, catch_response=True) as response:`);
    lines.push('            if not 200 <= response.status_code < 300:');
    lines.push('                response.failure("http %s" % response.status_code)');
    if (op.check === 'healthy') {
      lines.push('            elif body_status(response) != "healthy":');
      lines.push('                response.failure("unhealthy")');
    }
    lines.push('            else:', '                response.success()');
  });
  return lines.join('\n');
}

/**
 * A locustfile with the same task mix: one user class per operation, with a fixed number of
 * users each sending at a constant throughput, so the operations get their share of the rate;
 * the same request bodies and query pools; and the run gates checked when Locust quits (a failed
 * gate sets exit code 1 and prints the gate, like `rag-validate perf`). Works with one Locust
 * process or with --master/--worker (including Debian's Locust 2.12, see the version shim).
 * Locust is closed-model and has no warm-up: use --reset-stats to drop the spawn phase.
 */
export function renderLocustFile(plan: ExportPlan): string {
  const constant = plan.stages.length === 1 && plan.stages[0]?.fromRps === plan.stages[0]?.toRps;
  if (!constant) throw new PerfOptionError('--stages', plan.stages.map((s) => `${formatDuration(s.durationMs)}:${s.fromRps}-${s.toRps}`).join(','), 'the Locust export runs a constant rate; use --rps, or export ramps with --k6');
  const totalRps = plan.stages[0]?.fromRps ?? 0;
  const seconds = stagesDurationMs(plan.stages) / 1_000;
  const users = plan.operations.reduce((sum, op) => sum + locustUsers(op, totalRps).users, 0);
  const gates = plan.operations.flatMap((op) =>
    op.gates.filter((g) => g.gate !== 'dropped').map((g) => `    {"op": ${py(op.name)}, "gate": ${py(g.gate)}, "threshold": ${g.threshold}},`),
  );
  const needsIndex = plan.operations.some((op) => op.name === 'index');
  return [
    `# DO NOT EDIT: generated by \`rag-validate perf export --locust\` from scenario "${plan.scenario}" (${plan.contract} contract).`,
    `# ${plan.description}`,
    `# Run: locust -f this-file.py --headless -u ${users} -r ${Math.max(1, Math.ceil(totalRps))} -t ${Math.round(seconds)}s --reset-stats --csv results/locust`,
    '#   (users spawn at the arrival rate, so their first calls already come at the scenario rate)',
    '#   (distributed: add --master --expect-workers N here and run `locust -f this-file.py --worker` on each worker)',
    `# Env: RAG_URL, LLM_URL${[...plan.services.rag.headers, ...plan.services.llm.headers].map((h) => `, ${h.env}`).join('')}.`,
    'import hashlib',
    'import itertools',
    'import json',
    'import os',
    '',
    'import locust.runners',
    '',
    '# Debian\'s Locust 2.12 reports an empty version, and a master then rejects its workers as "pre 2.0".',
    'if not getattr(locust.runners, "__version__", ""):',
    '    locust.runners.__version__ = "2.12.1"',
    '',
    'from locust import FastHttpUser, constant_throughput, events, task',
    '',
    `RAG_URL = os.environ.get("RAG_URL", ${py(plan.services.rag.url)})`,
    `LLM_URL = os.environ.get("LLM_URL", ${py(plan.services.llm.url)})`,
    '',
    '',
    'def header(name, value, bearer):',
    '    if not value:',
    '        return {}',
    '    return {name: "Bearer " + value if bearer else value}',
    '',
    '',
    `HEADERS = {"rag": ${headerDict(plan.services.rag)}, "llm": ${headerDict(plan.services.llm)}}`,
    `SEARCH_QUERIES = ${JSON.stringify(SEARCH_QUERIES)}`,
    `PROMPTS = ${JSON.stringify(GENERATION_PROMPTS)}`,
    `COUNTERS = {${plan.operations.map((op) => `${py(op.name)}: itertools.count()`).join(', ')}}`,
    ...(needsIndex
      ? [
          `INDEX_FILE_TEMPLATE = ${py(INDEX_FILE_TEMPLATE)}`,
          'RUN_ID = os.environ.get("RUN_ID", "locust-%d-%d" % (os.getpid(), id(COUNTERS)))',
          '',
          '',
          'def index_file(i):',
          '    path = "perf-load/%s/perf_%d.py" % (RUN_ID, i)',
          '    content = INDEX_FILE_TEMPLATE.replace("__N__", str(i)).replace("__TOPIC__", SEARCH_QUERIES[i % len(SEARCH_QUERIES)])',
          '    h = hashlib.sha1(path.encode("utf-8")).hexdigest()',
          '    doc_id = "%s-%s-5%s-%02x%s-%s" % (h[0:8], h[8:12], h[13:16], (int(h[16:18], 16) & 0x3F) | 0x80, h[18:20], h[20:32])',
          '    return {"path": path, "content": content, "id": doc_id}',
        ]
      : []),
    '',
    '',
    'def body_status(response):',
    '    try:',
    '        return json.loads(response.text).get("status")',
    '    except Exception:',
    '        return None',
    '',
    '',
    ...plan.operations.flatMap((op) => [userClass(op, totalRps), '', '']),
    '# The rag-validate gates of the whole run (thresholds from the config SLOs).',
    'GATES = [',
    ...gates,
    ']',
    '',
    '',
    'def measure(stats, gate):',
    '    entry = stats.entries.get((gate["op"], METHODS[gate["op"]]))',
    '    if entry is None or entry.num_requests == 0:',
    '        return None',
    '    name = gate["gate"]',
    '    if name == "latency-avg":',
    '        return entry.avg_response_time',
    '    if name == "latency-p50":',
    '        return entry.get_response_time_percentile(0.5)',
    '    if name == "latency-p95":',
    '        return entry.get_response_time_percentile(0.95)',
    '    if name == "latency-p99":',
    '        return entry.get_response_time_percentile(0.99)',
    '    if name == "latency-max":',
    '        return entry.max_response_time',
    '    if name == "error-rate":',
    '        return entry.fail_ratio',
    '    elapsed = max(1e-9, entry.last_request_timestamp - entry.start_time)',
    '    ok_per_second = (entry.num_requests - entry.num_failures) / elapsed',
    '    if name == "throughput":',
    '        return ok_per_second',
    '    if name == "throughput-per-day":',
    '        return ok_per_second * 86400',
    '    return None',
    '',
    '',
    `METHODS = {${plan.operations.map((op) => `${py(op.name)}: ${py(op.calls[0]?.method ?? 'GET')}`).join(', ')}}`,
    'LOWER_BOUND = ("throughput", "throughput-per-day")',
    '',
    '',
    '@events.quitting.add_listener',
    'def check_gates(environment, **_kwargs):',
    '    if isinstance(environment.runner, locust.runners.WorkerRunner):',
    '        return',
    '    failed = []',
    '    for gate in GATES:',
    '        value = measure(environment.stats, gate)',
    '        label = "%s %s" % (gate["op"], gate["gate"])',
    '        if value is None:',
    '            failed.append("%s not measured: no %s call completed" % (label, gate["op"]))',
    '        elif gate["gate"] in LOWER_BOUND and value < gate["threshold"]:',
    '            failed.append("%s = %.2f < %s: FAILED" % (label, value, gate["threshold"]))',
    '        elif gate["gate"] not in LOWER_BOUND and value > gate["threshold"]:',
    '            failed.append("%s = %.4g > %s: FAILED" % (label, value, gate["threshold"]))',
    '    for reason in failed:',
    '        print("rag-validate gate " + reason)',
    '    if failed:',
    '        environment.process_exit_code = 1',
    '',
  ].join('\n');
}
