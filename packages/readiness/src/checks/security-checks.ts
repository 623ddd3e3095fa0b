import { SERVICE_DISPLAY_NAMES } from '@rag-validate/config';
import { failed, passed, skipped, unknown, warned, type CheckOutcome, type ReadinessCheck } from '../model/check-types.js';
import type { Gathered, ProbeExchange } from '../model/evidence.js';
import { findLeaks } from './leak-patterns.js';
import { describeProbe, is2xx, is4xx, is5xx } from './observations.js';

const exchangeLine = (e: ProbeExchange) => describeProbe(`${SERVICE_DISPLAY_NAMES[e.service]} ${e.method} ${e.path} (${e.purpose})`, e.observation);

/** `unknown`/`skip` for evidence that is missing, else the exchanges. */
function exchangesOr(evidence: Gathered<readonly ProbeExchange[]> | undefined, what: string): readonly ProbeExchange[] | CheckOutcome {
  if (evidence === undefined) return unknown(`${what} were not sent`);
  if (!evidence.ok) return evidence.code === 'not-applicable' ? skipped(evidence.reason) : unknown(evidence.reason);
  return evidence.value;
}

const isList = (value: readonly ProbeExchange[] | CheckOutcome): value is readonly ProbeExchange[] => Array.isArray(value);

export const errorLeakageCheck: ReadinessCheck = {
  id: 'sec.error-leakage',
  category: 'security',
  severity: 'high',
  owasp: 'API8:2023',
  title: 'Error answers leak no stack trace, internal path or version',
  probes:
    'Provokes errors on every service — an unknown path, malformed JSON, wrongly typed fields, a missing collection (on Qdrant and in a rag-server search), a missing server-side file — and scans each 4xx/5xx body and its headers. A stack trace (Python, Node, Java, Go) or an internal path (`/app/…`, `site-packages`, `node_modules`) fails; a product version (`Server: nginx/1.25`, `X-Powered-By`, FastAPI’s `https://errors.pydantic.dev/2.5/…` links) warns. Our own input echoed back is not counted.',
  howToFix:
    'Answer unexpected errors with a generic body (`{"detail":"Internal Server Error"}`) and log the details server-side; drop `X-Powered-By` and version numbers from `Server`; on FastAPI ≥ 0.111 (or with a custom validation handler) the pydantic URL disappears.',
  needs: ['errorResponses'],
  evaluate(evidence) {
    const exchanges = exchangesOr(evidence.errorResponses, 'error-provoking requests');
    if (!isList(exchanges)) return exchanges;
    const failures: string[] = [];
    const warnings: string[] = [];
    let answered = 0;
    for (const exchange of exchanges) {
      if (!exchange.observation.ok) continue;
      answered += 1;
      const { status, text, headers } = exchange.observation.value;
      if (status < 400 && !headers['x-powered-by']) continue;
      for (const leak of findLeaks(text, headers, exchange.sent)) {
        const line = `${SERVICE_DISPLAY_NAMES[exchange.service]} ${exchange.method} ${exchange.path} → ${status}: ${leak.kind} "${leak.match}"`;
        (leak.kind === 'version' ? warnings : failures).push(line);
      }
    }
    if (answered === 0) return unknown('no error-provoking request got an answer', exchanges.map(exchangeLine));
    if (failures.length > 0) return failed(`error answers leak ${[...new Set(failures.map((f) => f.split(': ').at(-1)?.split(' "')[0]))].join(' and ')}`, [...failures, ...warnings]);
    if (warnings.length > 0) return warned('error answers disclose product versions', warnings);
    return passed(`${answered} error answers leak nothing`);
  },
};

export const bodySizeLimitCheck: ReadinessCheck = {
  id: 'sec.body-size-limit',
  category: 'security',
  severity: 'high',
  owasp: 'API4:2023',
  title: 'Oversized request bodies are refused',
  probes:
    'POSTs a syntactically valid JSON body of `oversizedBodyBytes` (default 4 MiB) to the rag-server search route, the embedding-server `/embedding/embed` and the llm-server `/v1/chat/completions`. 413 passes; another 4xx passes with a note; 2xx (accepted — uvicorn has no body limit) or 5xx fails; a connection closed without a status warns. Qdrant is not probed (its own `max_request_size_mb`, 32 MB by default, governs it).',
  howToFix: 'Limit request bodies in front of or in each service (nginx `client_max_body_size 1m`, a Starlette middleware checking Content-Length, Fastify `bodyLimit`), answering 413.',
  needs: ['oversizedBody'],
  evaluate(evidence) {
    const exchanges = exchangesOr(evidence.oversizedBody, 'oversized bodies');
    if (!isList(exchanges)) return exchanges;
    return judgeRefusals(exchanges, {
      refused: (status) => is4xx(status),
      ideal: 413,
      subject: 'oversized bodies',
      acceptedVerb: 'accepted',
      closedIsWarning: true,
    });
  },
};

export const requestBoundsCheck: ReadinessCheck = {
  id: 'sec.request-bounds',
  category: 'security',
  severity: 'high',
  owasp: 'API4:2023',
  title: 'Result-size and token bounds are enforced',
  probes:
    'Asks for absurd amounts: a search with `limit` (Task 06) / `top_k` (HEAD) of 1,000,000 and a chat completion with `max_tokens` 10,000,000. A 4xx refusal passes; 2xx fails (accepted silently — the Task-06 rag-server ignores its declared `limit` bounds); 5xx warns (refused only by an upstream, e.g. OpenAI through the llm-server); no answer within the probe timeout fails.',
  howToFix: 'Validate bounds at the edge (pydantic v2: `Field(ge=1, le=50)`, not `min=`/`max=`, which v2 ignores); cap `max_tokens` to the model’s context in the llm-server.',
  needs: ['requestBounds'],
  evaluate(evidence) {
    const exchanges = exchangesOr(evidence.requestBounds, 'out-of-bounds requests');
    if (!isList(exchanges)) return exchanges;
    return judgeRefusals(exchanges, { refused: (status) => is4xx(status), ideal: 422, subject: 'out-of-bounds requests', acceptedVerb: 'accepted silently', serverErrorIsWarning: true });
  },
};

export const pathTraversalCheck: ReadinessCheck = {
  id: 'sec.path-traversal',
  category: 'security',
  severity: 'critical',
  owasp: 'API1:2023',
  title: 'Server-side file paths cannot escape the allowed root',
  probes:
    'Where the rag-server indexes files by server path (Task-06 `POST /api/v1/indexing/file`), sends `file_path` `../../../../../../../../etc/passwd` and `/etc/passwd`. A 400/403/422 refusal passes; 2xx (the file was read and indexed) or 5xx (it tried: the real Task-06 server answers 500 after opening /etc/passwd) fails; 404 warns (it looked the path up rather than refusing it). Skipped when the contract has no such route (HEAD). CWE-22.',
  howToFix: 'Resolve `file_path` against an allowed root (e.g. /test-codebase) with realpath and refuse anything outside it with 400/403 before touching the file system; better, index uploaded content instead of server paths.',
  needs: ['pathTraversal'],
  evaluate(evidence) {
    const exchanges = exchangesOr(evidence.pathTraversal, 'path traversal attempts');
    if (!isList(exchanges)) return exchanges;
    const failures: string[] = [];
    const warnings: string[] = [];
    const facts: string[] = [];
    for (const exchange of exchanges) {
      const line = exchangeLine(exchange);
      if (!exchange.observation.ok) continue;
      const status = exchange.observation.value.status;
      if (status === 400 || status === 403 || status === 422) facts.push(line);
      else if (status === 404) warnings.push(line);
      else failures.push(line);
    }
    if (failures.length + warnings.length + facts.length === 0) return unknown('no traversal attempt got an answer', exchanges.map(exchangeLine));
    if (failures.length > 0) return failed('the rag-server does not refuse paths outside its root', [...failures, ...warnings, ...facts]);
    if (warnings.length > 0) return warned('the rag-server looked the paths up instead of refusing them', [...warnings, ...facts]);
    return passed('paths outside the allowed root are refused', facts);
  },
};

export const corsCheck: ReadinessCheck = {
  id: 'sec.cors',
  category: 'security',
  severity: 'high',
  owasp: 'API8:2023',
  title: 'CORS does not let any origin call with credentials',
  probes:
    'A CORS preflight (OPTIONS with `Origin: https://rag-validate-cors-probe.invalid`) on a POST route and a GET with the same Origin, on every service. `Access-Control-Allow-Origin: *` or the foreign origin reflected, together with `Access-Control-Allow-Credentials: true`, fails (the codev embedding- and llm-servers: `allow_origins=["*"], allow_credentials=True`); either without credentials warns; no CORS headers passes.',
  howToFix: 'List the allowed origins explicitly (`CORSMiddleware(allow_origins=["https://your-ui.example"])`) and enable credentials only for those; services called only by other services need no CORS at all.',
  needs: ['cors'],
  evaluate(evidence) {
    const cors = evidence.cors;
    if (cors === undefined) return unknown('CORS was not probed');
    if (!cors.ok) return unknown(cors.reason);
    const failures: string[] = [];
    const warnings: string[] = [];
    let answered = 0;
    for (const probe of cors.value) {
      const name = SERVICE_DISPLAY_NAMES[probe.service];
      for (const [kind, observation] of [
        ['preflight', probe.preflight],
        ['GET', probe.simple],
      ] as const) {
        if (!observation.ok) continue;
        answered += 1;
        const allowOrigin = observation.value.headers['access-control-allow-origin'];
        const credentials = observation.value.headers['access-control-allow-credentials']?.toLowerCase() === 'true';
        if (allowOrigin === undefined) continue;
        const open = allowOrigin === '*' || allowOrigin === probe.origin;
        if (!open) continue;
        const line = `${name} ${kind}: Access-Control-Allow-Origin ${allowOrigin === '*' ? '*' : 'reflects any origin'}${credentials ? ' with Access-Control-Allow-Credentials: true' : ''}`;
        (credentials ? failures : warnings).push(line);
      }
    }
    if (answered === 0) return unknown('no CORS probe got an answer');
    if (failures.length > 0) return failed('any website can call these services with the user’s credentials', [...new Set([...failures, ...warnings])]);
    if (warnings.length > 0) return warned('any website can read these services’ answers (no credentials)', [...new Set(warnings)]);
    return passed('no service allows arbitrary origins');
  },
};

export const authEnforcedCheck: ReadinessCheck = {
  id: 'sec.auth-enforced',
  category: 'security',
  severity: 'critical',
  owasp: 'API2:2023',
  title: 'Authentication is enforced where configured',
  probes:
    'For every service whose config has an API key, one protected call without credentials (rag: a search; embedding: an embed; llm: GET /v1/models; Qdrant: GET /collections). 401/403 passes; 2xx fails (the key is not checked); another status warns. No key configured anywhere warns: anyone on the network can index, search and spend LLM tokens (the real system has no auth).',
  howToFix: 'Require an API key or token on every service that is reachable beyond localhost (Qdrant: `QDRANT__SERVICE__API_KEY`; FastAPI: a dependency checking the header) and configure it in rag-validate (target.services.<service>.auth.apiKey).',
  needs: ['authEnforcement'],
  evaluate(evidence) {
    const auth = evidence.authEnforcement;
    if (auth === undefined) return unknown('authentication was not probed');
    if (!auth.ok) return unknown(auth.reason);
    const keyed = auth.value.filter((p) => p.keyConfigured);
    const open = auth.value.filter((p) => !p.keyConfigured).map((p) => SERVICE_DISPLAY_NAMES[p.service]);
    if (keyed.length === 0) return warned('no API key is configured for any service: authentication cannot be verified and is probably absent', ['configure target.services.<service>.auth.apiKey to have it checked']);
    const failures: string[] = [];
    const warnings: string[] = [];
    const facts: string[] = [];
    let answered = 0;
    for (const probe of keyed) {
      const exchange = probe.withoutKey;
      if (exchange === undefined || !exchange.observation.ok) continue;
      answered += 1;
      const status = exchange.observation.value.status;
      const line = exchangeLine(exchange);
      if (status === 401 || status === 403) facts.push(line);
      else if (is2xx(status)) failures.push(`${line}: answered without credentials`);
      else warnings.push(`${line}: not refused with 401/403`);
    }
    if (answered === 0) return unknown('no unauthenticated call got an answer');
    if (failures.length > 0) return failed('a configured API key is not enforced', [...failures, ...warnings, ...facts]);
    if (warnings.length > 0 || open.length > 0) return warned(`${open.length > 0 ? `no key configured for ${open.join(', ')}` : 'some calls were not refused with 401/403'}`, [...warnings, ...facts]);
    return passed('every configured key is enforced', facts);
  },
};

export const rateLimitCheck: ReadinessCheck = {
  id: 'sec.rate-limiting',
  category: 'security',
  severity: 'medium',
  owasp: 'API4:2023',
  advisory: true,
  title: 'Rate limiting is present',
  probes: 'A short burst (`burstSize`, default 20 concurrent calls) of the rag-server search (or /health when the contract is unknown): a 429 or rate-limit headers (`Retry-After`, `RateLimit-*`, `X-RateLimit-*`) pass; none warns (never fails: limits often live in a gateway rag-validate does not see).',
  howToFix: 'Rate-limit the public API per client (a gateway, nginx `limit_req`, slowapi for FastAPI) and answer 429 with Retry-After.',
  needs: ['rateLimit'],
  evaluate(evidence) {
    const burst = evidence.rateLimit;
    if (burst === undefined) return unknown('no burst was sent');
    if (!burst.ok) return unknown(burst.reason);
    const { statuses, rateLimitHeaders, sent, method, path } = burst.value;
    const facts = [`${sent} × ${method} ${path}: ${Object.entries(statuses).map(([s, n]) => `${n}× ${s}`).join(', ')}`];
    if ((statuses['error'] ?? 0) === sent) return unknown('no call of the burst got an answer', facts);
    if ((statuses['429'] ?? 0) > 0 || rateLimitHeaders.length > 0) return passed('the rag-server rate-limits', [...facts, ...rateLimitHeaders.map((h) => `header ${h}`)]);
    return warned(`no 429 and no rate-limit headers after ${sent} concurrent calls`, facts);
  },
};

export const exposureCheck: ReadinessCheck = {
  id: 'sec.exposure',
  category: 'security',
  severity: 'low',
  owasp: 'API9:2023',
  advisory: true,
  title: 'Docs and metrics are not exposed publicly',
  probes: 'GET without credentials of /docs, /openapi.json and /metrics on the rag-, embedding- and llm-server and /metrics, /dashboard on Qdrant. Anything answering 2xx is reported as a warning: fine on an internal network, not on the internet.',
  howToFix: 'Serve /docs and /metrics only on an internal port or network, or put them behind authentication in the gateway.',
  needs: ['exposure'],
  evaluate(evidence) {
    const exposure = evidence.exposure;
    if (exposure === undefined) return unknown('exposure was not probed');
    if (!exposure.ok) return unknown(exposure.reason);
    const open = exposure.value.filter((p) => p.observation.ok && is2xx(p.observation.value.status)).map((p) => `${SERVICE_DISPLAY_NAMES[p.service]} ${p.path}`);
    const answered = exposure.value.filter((p) => p.observation.ok).length;
    if (answered === 0) return unknown('no endpoint answered');
    if (open.length > 0) return warned(`${open.length} internal endpoint${open.length === 1 ? ' is' : 's are'} reachable without credentials`, open);
    return passed('docs and metrics need credentials or are not served');
  },
};

export const dependencyAuditCheck: ReadinessCheck = {
  id: 'sec.dependency-audit',
  category: 'security',
  severity: 'high',
  owasp: 'API8:2023',
  title: 'No known-vulnerable dependencies',
  probes: '`npm audit --json --omit=dev` in the audited project (time-bounded, default 60 s): a critical or high advisory fails, moderate warns, none passes. When the registry does not answer, or there is no package-lock.json, the result is unknown — never a pass.',
  howToFix: 'Upgrade the flagged packages (`npm audit fix`, or bump the direct dependency that pulls them in) and re-run; for Python services run pip-audit on their requirements.',
  needs: ['dependencyAudit'],
  evaluate(evidence) {
    const audit = evidence.dependencyAudit;
    if (audit === undefined) return unknown('the dependency audit was not run');
    if (!audit.ok) return audit.code === 'not-applicable' || audit.code === 'not-given' ? skipped(audit.reason) : unknown(audit.reason);
    const { counts, packages, directory } = audit.value;
    const facts = [`${directory}: ${counts.critical} critical, ${counts.high} high, ${counts.moderate} moderate, ${counts.low} low`, ...packages.slice(0, 10).map((p) => `${p.name}: ${p.severity}`)];
    if (counts.critical + counts.high > 0) return failed(`${counts.critical + counts.high} critical/high advisories`, facts);
    if (counts.moderate > 0) return warned(`${counts.moderate} moderate advisories`, facts);
    return passed('no critical, high or moderate advisories', facts);
  },
};

interface RefusalRules {
  readonly refused: (status: number) => boolean;
  readonly ideal: number;
  readonly subject: string;
  readonly acceptedVerb: string;
  readonly closedIsWarning?: boolean;
  readonly serverErrorIsWarning?: boolean;
}

function judgeRefusals(exchanges: readonly ProbeExchange[], rules: RefusalRules): CheckOutcome {
  const failures: string[] = [];
  const warnings: string[] = [];
  const facts: string[] = [];
  let answered = 0;
  for (const exchange of exchanges) {
    const line = exchangeLine(exchange);
    const observation = exchange.observation;
    if (!observation.ok) {
      if (observation.reason.startsWith('timeout')) {
        answered += 1;
        failures.push(`${line}: not refused`);
      } else if (rules.closedIsWarning && /ECONNRESET|EPIPE|closed|socket/i.test(observation.reason)) {
        answered += 1;
        warnings.push(`${line}: connection closed without a status`);
      }
      continue;
    }
    answered += 1;
    const status = observation.value.status;
    if (rules.refused(status)) facts.push(status === rules.ideal ? line : `${line} (refused; ${rules.ideal} is the standard status)`);
    else if (is5xx(status) && rules.serverErrorIsWarning) warnings.push(`${line}: refused only with a server error`);
    else failures.push(`${line}: ${is2xx(status) ? rules.acceptedVerb : 'not refused cleanly'}`);
  }
  if (answered === 0) return unknown(`none of the ${rules.subject} got an answer`, exchanges.map(exchangeLine));
  if (failures.length > 0) return failed(`${failures.length} of ${exchanges.length} ${rules.subject} were not refused`, [...failures, ...warnings, ...facts]);
  if (warnings.length > 0) return warned(`${rules.subject} were not refused cleanly`, [...warnings, ...facts]);
  return passed(`all ${rules.subject} were refused`, facts);
}

export const SECURITY_CHECKS: readonly ReadinessCheck[] = [
  errorLeakageCheck,
  bodySizeLimitCheck,
  requestBoundsCheck,
  pathTraversalCheck,
  corsCheck,
  authEnforcedCheck,
  rateLimitCheck,
  exposureCheck,
  dependencyAuditCheck,
];
