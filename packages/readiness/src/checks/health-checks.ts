import { SERVICE_DISPLAY_NAMES } from '@rag-validate/config';
import { failed, passed, unknown, warned, type ReadinessCheck } from '../model/check-types.js';
import { APP_SERVICES, type AppService, type HttpProbe } from '../model/evidence.js';
import { describeProbe, is2xx, isRecord, jsonBody } from './observations.js';

/** Fields each `/health` must have (contract doc §11.1), and the ones it should have. */
const HEALTH_SHAPE: Readonly<Record<AppService, { readonly expected: readonly string[] }>> = {
  rag: { expected: ['timestamp'] },
  embedding: { expected: ['model'] },
  llm: { expected: [] },
};

export const serviceHealthCheck: ReadinessCheck = {
  id: 'health.service-endpoints',
  category: 'health',
  severity: 'critical',
  title: 'rag-, embedding- and llm-server health endpoints answer with their documented shape',
  probes:
    'GET /health on the rag-, embedding- and llm-server: 200 with JSON `{"status":"healthy","service":"<name>"}` (plus `timestamp` on the rag-server and `model` on the embedding-server; their absence warns). FastAPI answers HEAD with 405, so only GET is used.',
  howToFix: 'Serve GET /health on every service with `{"status":"healthy","service":"<service name>"}`; make sure the service is running and its URL in the config is right.',
  needs: ['health'],
  evaluate(evidence) {
    const health = evidence.health;
    if (health === undefined) return unknown('health endpoints were not probed');
    const failures: string[] = [];
    const warnings: string[] = [];
    const facts: string[] = [];
    for (const service of APP_SERVICES) {
      const name = SERVICE_DISPLAY_NAMES[service];
      const probe = health[service];
      const line = describeProbe(`${name} GET /health`, probe);
      if (!probe.ok || !is2xx(probe.value.status)) {
        failures.push(line);
        continue;
      }
      const body = jsonBody(probe.value);
      if (!isRecord(body)) {
        failures.push(`${line} (not a JSON object)`);
        continue;
      }
      if (body['status'] !== 'healthy') failures.push(`${name}: status is ${JSON.stringify(body['status'])}, expected "healthy"`);
      else if (body['service'] !== name) failures.push(`${name}: service is ${JSON.stringify(body['service'])}, expected "${name}"`);
      else facts.push(line);
      for (const field of HEALTH_SHAPE[service].expected) {
        if (body[field] === undefined) warnings.push(`${name}: /health has no "${field}" field`);
      }
    }
    if (failures.length > 0) return failed(`${failures.length} of 3 health endpoints are down or off-contract`, [...failures, ...warnings, ...facts]);
    if (warnings.length > 0) return warned('all healthy; documented fields are missing', [...warnings, ...facts]);
    return passed('rag-, embedding- and llm-server report healthy with the documented shape', facts);
  },
};

export const vectorDbHealthCheck: ReadinessCheck = {
  id: 'health.vector-db-probes',
  category: 'health',
  severity: 'critical',
  title: 'Qdrant answers /healthz and /readyz',
  probes: 'GET /healthz and GET /readyz on the vector-db (Qdrant has no /health: it answers 404, which the Task-06 scripts mistook for a failure); /livez is reported.',
  howToFix: 'Start Qdrant (≥ 1.5 for /healthz, /livez, /readyz) and point target.services.vectorDb.url at it; probe /readyz, not /health, in scripts and compose healthchecks.',
  needs: ['vectorDbProbes'],
  evaluate(evidence) {
    const probes = evidence.vectorDbProbes;
    if (probes === undefined) return unknown('vector-db probes were not run');
    const lines = [describeProbe('GET /healthz', probes.healthz), describeProbe('GET /readyz', probes.readyz), describeProbe('GET /livez', probes.livez)];
    const bad = [probes.healthz, probes.readyz].filter((p) => !p.ok || !is2xx(p.value.status));
    if (bad.length > 0) return failed(`vector-db is not ${probes.healthz.ok && is2xx(probes.healthz.value.status) ? 'ready' : 'alive'}`, lines);
    return passed('vector-db is alive and ready', lines);
  },
};

const DEPENDENCY_WORDS: ReadonlyArray<readonly [string, RegExp]> = [
  ['embedding', /embed/i],
  ['llm', /llm|language.?model|openai/i],
  ['vector-db', /vector|qdrant/i],
];

export const readinessReflectsDependenciesCheck: ReadinessCheck = {
  id: 'health.readiness-reflects-dependencies',
  category: 'health',
  severity: 'high',
  title: 'rag-server readiness reflects its dependencies',
  probes:
    'GET /readyz on the rag-server, compared with what rag-validate sees of its dependencies (embedding- and llm-server /health, Qdrant /readyz): no readiness endpoint fails (the real Task-06 rag-server has only a static /health that stays 200 with every dependency down); "ready" while a dependency is down fails; "not ready" while a dependency is down passes; "ready" with every dependency up passes when the body names the dependencies it checked, else warns.',
  howToFix:
    'Add GET /readyz to the rag-server that calls the embedding-server, the llm-server and Qdrant (with short timeouts) and answers 503 naming the failing dependency; keep /health as a cheap liveness probe; point orchestrator readiness probes and compose healthchecks at /readyz.',
  needs: ['ragReadiness', 'health', 'vectorDbProbes'],
  evaluate(evidence) {
    const readiness = evidence.ragReadiness;
    const health = evidence.health;
    const vectorDb = evidence.vectorDbProbes;
    if (readiness === undefined || health === undefined || vectorDb === undefined) return unknown('readiness probes were not run');
    const readyz = readiness.readyz;
    const line = describeProbe('rag-server GET /readyz', readyz);
    if (!readyz.ok) return unknown('the rag-server did not answer GET /readyz', [line]);
    const status = readyz.value.status;
    if (status === 404 || status === 405) {
      return failed('the rag-server has no readiness endpoint; its /health does not reflect the embedding-server, llm-server or Qdrant', [line, describeProbe('rag-server GET /health', health.rag)]);
    }
    const dependencyProbes: Array<[string, HttpProbe]> = [
      ['embedding-server /health', health.embedding],
      ['llm-server /health', health.llm],
      ['vector-db /readyz', vectorDb.readyz],
    ];
    const down = dependencyProbes.filter(([, p]) => !p.ok || !is2xx(p.value.status)).map(([name]) => name);
    const facts = [line, ...dependencyProbes.map(([name, p]) => describeProbe(name, p))];
    if (is2xx(status)) {
      if (down.length > 0) return failed(`the rag-server reports ready although ${down.join(', ')} ${down.length === 1 ? 'is' : 'are'} down`, facts);
      const named = DEPENDENCY_WORDS.filter(([, pattern]) => pattern.test(readyz.value.text)).map(([name]) => name);
      if (named.length === DEPENDENCY_WORDS.length) return passed('the rag-server readiness names and checks embedding, llm and vector-db', facts);
      return warned(`the rag-server reports ready but its /readyz body names ${named.length === 0 ? 'no dependency' : `only ${named.join(', ')}`}: cannot tell whether it checks them`, facts);
    }
    if (status >= 500) {
      if (down.length > 0) return passed(`the rag-server reports not ready while ${down.join(', ')} ${down.length === 1 ? 'is' : 'are'} down`, facts);
      return warned('the rag-server reports not ready although every dependency answers', facts);
    }
    return unknown(`the rag-server answered /readyz with ${status}`, facts);
  },
};

export const livenessReadinessSeparatedCheck: ReadinessCheck = {
  id: 'health.liveness-readiness-separated',
  category: 'health',
  severity: 'medium',
  title: 'Liveness and readiness are separate endpoints',
  probes: 'rag-server: a liveness endpoint (GET /health or /livez answering 2xx) and a separate readiness endpoint (GET /readyz that exists). vector-db: /livez or /healthz and /readyz.',
  howToFix: 'Serve a cheap liveness endpoint (process up, no dependency calls) and a readiness endpoint that checks dependencies; restart on liveness, route traffic on readiness.',
  needs: ['ragReadiness', 'health', 'vectorDbProbes'],
  evaluate(evidence) {
    const readiness = evidence.ragReadiness;
    const health = evidence.health;
    const vectorDb = evidence.vectorDbProbes;
    if (readiness === undefined || health === undefined || vectorDb === undefined) return unknown('readiness probes were not run');
    const exists = (p: HttpProbe) => p.ok && p.value.status !== 404 && p.value.status !== 405;
    const alive = (p: HttpProbe) => p.ok && is2xx(p.value.status);
    const problems: string[] = [];
    if (!readiness.readyz.ok && !health.rag.ok) return unknown('the rag-server did not answer', [describeProbe('GET /readyz', readiness.readyz)]);
    if (!alive(health.rag) && !alive(readiness.livez)) problems.push('rag-server: no liveness endpoint answers 2xx (/health, /livez)');
    if (!exists(readiness.readyz)) problems.push(`rag-server: no readiness endpoint (${describeProbe('GET /readyz', readiness.readyz)})`);
    if (!alive(vectorDb.healthz) && !alive(vectorDb.livez)) problems.push('vector-db: no liveness endpoint answers 2xx (/healthz, /livez)');
    if (!exists(vectorDb.readyz)) problems.push(`vector-db: no readiness endpoint (${describeProbe('GET /readyz', vectorDb.readyz)})`);
    const facts = [
      describeProbe('rag-server GET /health', health.rag),
      describeProbe('rag-server GET /livez', readiness.livez),
      describeProbe('rag-server GET /readyz', readiness.readyz),
      describeProbe('vector-db GET /livez', vectorDb.livez),
      describeProbe('vector-db GET /readyz', vectorDb.readyz),
    ];
    if (problems.length > 0) return failed(problems.join('; '), facts);
    return passed('rag-server and vector-db each have a liveness and a readiness endpoint', facts);
  },
};

export const HEALTH_CHECKS: readonly ReadinessCheck[] = [serviceHealthCheck, vectorDbHealthCheck, readinessReflectsDependenciesCheck, livenessReadinessSeparatedCheck];
