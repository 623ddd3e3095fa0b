import { SERVICE_DISPLAY_NAMES, SERVICE_NAMES } from '@rag-validate/config';
import type { ComposeModel, ComposeService } from '../compose/compose-model.js';
import { classifyHealthcheck } from '../compose/healthcheck-kind.js';
import { literalText } from '../compose/interpolate.js';
import { failed, passed, unknown, warned, type CheckOutcome, type ReadinessCheck } from '../model/check-types.js';
import type { Evidence } from '../model/evidence.js';
import { credentialShape, isSecretName } from './secret-patterns.js';

function composeOrOutcome(evidence: Evidence): ComposeModel | CheckOutcome {
  const compose = evidence.compose;
  if (compose === undefined) return unknown('the compose file was not read');
  if (!compose.ok) return unknown(compose.code === 'not-given' ? 'no compose file was given (--compose)' : compose.reason);
  return compose.value;
}

const isModel = (value: ComposeModel | CheckOutcome): value is ComposeModel => 'services' in value;

/** `name (role)` for reports. */
function label(service: ComposeService): string {
  return service.role === undefined || SERVICE_DISPLAY_NAMES[service.role] === service.name ? service.name : `${service.name} (${SERVICE_DISPLAY_NAMES[service.role]})`;
}

export const httpHealthchecksCheck: ReadinessCheck = {
  id: 'deploy.healthchecks-http',
  category: 'deployment',
  severity: 'high',
  title: 'Every service has an HTTP healthcheck',
  probes:
    'Each compose service’s `healthcheck.test`: the four RAG services must make an HTTP request (curl, wget, a script, or a raw `GET … HTTP/1.x` written to /dev/tcp); a TCP connect only (`bash -c \'</dev/tcp/localhost/6333\'`, `nc -z`, as in the real Task-06 compose) fails because a hung or erroring service still passes it; a missing or disabled healthcheck fails; probing Qdrant’s `/health` fails (it does not exist: always 404); a command that shows no HTTP URL (e.g. `node healthcheck.js`) warns. Other services may use a protocol client such as `pg_isready`.',
  howToFix:
    'Give each service `healthcheck: { test: ["CMD-SHELL", "wget -q -O /dev/null http://127.0.0.1:8000/readyz || exit 1"] }` (curl if the image has it); for Qdrant images without curl/wget, write an HTTP request to /dev/tcp: `bash -c \'exec 3<>/dev/tcp/127.0.0.1/6333 && printf "GET /readyz HTTP/1.0\\r\\n\\r\\n" >&3 && grep -q "200 OK" <&3\'`.',
  needs: ['compose'],
  evaluate(evidence) {
    const compose = composeOrOutcome(evidence);
    if (!isModel(compose)) return compose;
    const problems: string[] = [];
    const unclear: string[] = [];
    const facts: string[] = [];
    for (const service of compose.services) {
      const kind = classifyHealthcheck(service.healthcheck?.command, service.healthcheck?.disabled ?? false);
      const name = label(service);
      const command = service.healthcheck?.command.slice(0, 80) ?? '';
      if (kind.kind === 'none') problems.push(`${name}: no healthcheck`);
      else if (kind.kind === 'tcp') problems.push(`${name}: TCP-only healthcheck (${command}) — a hung service still passes`);
      else if (kind.kind === 'other' && service.role !== undefined) unclear.push(`${name}: cannot tell whether the healthcheck makes an HTTP request (${command})`);
      else if (kind.kind === 'http' && service.role === 'vectorDb' && kind.path === '/health') problems.push(`${name}: probes /health, which Qdrant does not have (always 404): use /readyz or /healthz`);
      else facts.push(`${name}: ${kind.kind === 'http' ? `HTTP GET ${kind.path ?? '/'}` : 'protocol check'}`);
    }
    if (problems.length > 0) return failed(`${problems.length} service${problems.length === 1 ? ' has' : 's have'} no usable HTTP healthcheck`, [...problems, ...unclear, ...facts]);
    if (unclear.length > 0) return warned(`${unclear.length} healthcheck${unclear.length === 1 ? '' : 's'} with no visible HTTP URL`, [...unclear, ...facts]);
    return passed('every service has an HTTP (or protocol-level) healthcheck', facts);
  },
};

const RESTARTING = /^(?:always|unless-stopped|on-failure(?::\d+)?|any)$/;

export const restartPolicyCheck: ReadinessCheck = {
  id: 'deploy.restart-policy',
  category: 'deployment',
  severity: 'high',
  title: 'Services restart after a crash',
  probes: 'Each service’s `restart:` (or `deploy.restart_policy.condition`) is `always`, `unless-stopped` or `on-failure`; missing fails (docker’s default is `no`). An explicit `"no"` is accepted only on a service that is not one of the four (a one-shot init job).',
  howToFix: 'Add `restart: unless-stopped` (or `deploy.restart_policy.condition: on-failure`) to every long-running service.',
  needs: ['compose'],
  evaluate(evidence) {
    const compose = composeOrOutcome(evidence);
    if (!isModel(compose)) return compose;
    const problems: string[] = [];
    const facts: string[] = [];
    for (const service of compose.services) {
      const restart = service.restart;
      if (restart !== undefined && RESTARTING.test(restart)) facts.push(`${label(service)}: restart ${restart}`);
      else if (restart === 'no' && service.role === undefined) facts.push(`${label(service)}: restart no (one-shot job)`);
      else problems.push(`${label(service)}: ${restart === undefined ? 'no restart policy (docker default: no)' : `restart ${restart}`}`);
    }
    if (problems.length > 0) return failed(`${problems.length} service${problems.length === 1 ? '' : 's'} will stay down after a crash`, [...problems, ...facts]);
    return passed('every service restarts after a crash', facts);
  },
};

export const vectorDbVolumeCheck: ReadinessCheck = {
  id: 'deploy.vector-db-volume',
  category: 'deployment',
  severity: 'high',
  title: 'Vector-db data lives on a named volume',
  probes: 'The vector-db service mounts a named volume declared under the top-level `volumes:`. No mount (data lost when the container is recreated), an anonymous volume, tmpfs or only bind mounts (`./data/qdrant:/qdrant/storage` in the real Task-06 compose: tied to one host directory and its permissions) fail; a declared volume that nothing mounts is reported.',
  howToFix: 'Declare `volumes: { vector-db-data: {} }` and mount it: `volumes: ["vector-db-data:/qdrant/storage"]` (the reference vector-db: its data directory); back it up with Qdrant snapshots.',
  needs: ['compose'],
  evaluate(evidence) {
    const compose = composeOrOutcome(evidence);
    if (!isModel(compose)) return compose;
    const vectorDb = compose.services.filter((s) => s.role === 'vectorDb');
    if (vectorDb.length === 0) return failed(`no vector-db service in ${compose.file}`);
    const problems: string[] = [];
    const facts: string[] = [];
    for (const service of vectorDb) {
      const named = service.volumes.filter((v) => v.type === 'volume' && v.source !== undefined && compose.namedVolumes.includes(v.source));
      if (named.length > 0) facts.push(...named.map((v) => `${label(service)}: named volume ${v.source} at ${v.target}`));
      else {
        const mounts = service.volumes.map((v) => `${v.type} ${v.source ?? ''}:${v.target}`.replace(' :', ' '));
        problems.push(`${label(service)}: ${mounts.length === 0 ? 'no volume: its data is lost when the container is recreated' : `no named volume (${mounts.join(', ')})`}`);
      }
    }
    const mounted = new Set(compose.services.flatMap((s) => s.volumes.map((v) => v.source)));
    const unused = compose.namedVolumes.filter((v) => !mounted.has(v));
    if (unused.length > 0) facts.push(`declared but not mounted: ${unused.join(', ')}`);
    if (problems.length > 0) return failed('the vector-db data is not on a named volume', [...problems, ...facts]);
    return passed('the vector-db data is on a named volume', facts);
  },
};

const FLOATING_TAGS = /^(?:latest|stable|main|master|dev|develop|nightly|edge|current|lts)$/i;

/** `registry:5000/org/name:tag@sha256:…` → its tag and digest. */
export function imageReference(image: string): { tag: string | undefined; digest: string | undefined } {
  const at = image.indexOf('@');
  const digest = at === -1 ? undefined : image.slice(at + 1);
  const name = at === -1 ? image : image.slice(0, at);
  const lastSlash = name.lastIndexOf('/');
  const colon = name.indexOf(':', lastSlash + 1);
  return { tag: colon === -1 ? undefined : name.slice(colon + 1), digest };
}

export const pinnedImagesCheck: ReadinessCheck = {
  id: 'deploy.pinned-images',
  category: 'deployment',
  severity: 'high',
  title: 'Images are pinned to a version',
  probes: 'Each service’s `image:` (after `${VAR:-default}` interpolation) has an explicit tag that is not `latest`, or a digest. No tag or `latest` fails; floating tags (`stable`, `main`, `nightly`…) warn; a service that is only built at deploy time (`build:` without `image:`, like codev’s three Python services) warns.',
  howToFix: 'Pin every image to a release tag or digest (`qdrant/qdrant:v1.7.0`, `rag-validate/reference-stack:0.1.0`); build the services in CI and deploy the pushed, versioned images.',
  needs: ['compose'],
  evaluate(evidence) {
    const compose = composeOrOutcome(evidence);
    if (!isModel(compose)) return compose;
    const failures: string[] = [];
    const warnings: string[] = [];
    const facts: string[] = [];
    for (const service of compose.services) {
      if (service.image === undefined || service.image.trim() === '') {
        if (service.build) warnings.push(`${label(service)}: built at deploy time (no versioned image)`);
        else failures.push(`${label(service)}: no image`);
        continue;
      }
      const { tag, digest } = imageReference(service.image);
      if (digest !== undefined) facts.push(`${label(service)}: ${service.image}`);
      else if (tag === undefined) failures.push(`${label(service)}: ${service.image} has no tag (means latest)`);
      else if (tag.toLowerCase() === 'latest') failures.push(`${label(service)}: ${service.image} uses latest`);
      else if (FLOATING_TAGS.test(tag)) warnings.push(`${label(service)}: ${service.image} uses a floating tag`);
      else facts.push(`${label(service)}: ${service.image}`);
    }
    if (failures.length > 0) return failed(`${failures.length} image${failures.length === 1 ? ' is' : 's are'} not pinned`, [...failures, ...warnings, ...facts]);
    if (warnings.length > 0) return warned(`${warnings.length} service${warnings.length === 1 ? '' : 's'} without a pinned, versioned image`, [...warnings, ...facts]);
    return passed('every image is pinned', facts);
  },
};

export const resourceLimitsCheck: ReadinessCheck = {
  id: 'deploy.resource-limits',
  category: 'deployment',
  severity: 'medium',
  title: 'Services have memory and CPU limits',
  probes: 'Each service sets a memory limit (`deploy.resources.limits.memory` or `mem_limit`) — missing fails — and a CPU limit (`deploy.resources.limits.cpus` or `cpus`) — missing warns.',
  howToFix: 'Add `deploy: { resources: { limits: { cpus: "1.0", memory: 1g } } }` to every service, sized from a load test (rag-validate perf).',
  needs: ['compose'],
  evaluate(evidence) {
    const compose = composeOrOutcome(evidence);
    if (!isModel(compose)) return compose;
    const failures: string[] = [];
    const warnings: string[] = [];
    const facts: string[] = [];
    for (const service of compose.services) {
      if (service.memoryLimit === undefined) failures.push(`${label(service)}: no memory limit`);
      else if (service.cpuLimit === undefined) warnings.push(`${label(service)}: memory ${service.memoryLimit}, no CPU limit`);
      else facts.push(`${label(service)}: ${service.cpuLimit} CPU, ${service.memoryLimit}`);
    }
    if (failures.length > 0) return failed(`${failures.length} service${failures.length === 1 ? ' has' : 's have'} no memory limit`, [...failures, ...warnings]);
    if (warnings.length > 0) return warned('some services have no CPU limit', [...warnings, ...facts]);
    return passed('every service has CPU and memory limits', facts);
  },
};

export const dependsOnHealthyCheck: ReadinessCheck = {
  id: 'deploy.depends-on-healthy',
  category: 'deployment',
  severity: 'medium',
  title: 'The rag-server waits for healthy dependencies',
  probes: 'The rag-server’s `depends_on` names the embedding-server, llm-server and vector-db, each with `condition: service_healthy` (the list form only waits for the containers to start); every `service_healthy` dependency has a healthcheck.',
  howToFix: 'Write `depends_on: { embedding-server: { condition: service_healthy }, llm-server: { condition: service_healthy }, vector-db: { condition: service_healthy } }` on the rag-server.',
  needs: ['compose'],
  evaluate(evidence) {
    const compose = composeOrOutcome(evidence);
    if (!isModel(compose)) return compose;
    const rag = compose.services.find((s) => s.role === 'rag');
    if (rag === undefined) return failed(`no rag-server service in ${compose.file}`);
    const problems: string[] = [];
    const facts: string[] = [];
    for (const role of SERVICE_NAMES.filter((r) => r !== 'rag')) {
      const target = compose.services.find((s) => s.role === role);
      if (target === undefined) {
        problems.push(`no ${SERVICE_DISPLAY_NAMES[role]} service to depend on`);
        continue;
      }
      const dependency = rag.dependsOn.find((d) => d.service === target.name);
      if (dependency === undefined) problems.push(`${rag.name} does not depend on ${target.name}`);
      else if (dependency.condition !== 'service_healthy') problems.push(`${rag.name} → ${target.name}: ${dependency.condition === undefined ? 'list form (waits only for the container to start)' : `condition ${dependency.condition}`}`);
      else facts.push(`${rag.name} → ${target.name}: service_healthy`);
    }
    for (const service of compose.services) {
      for (const dependency of service.dependsOn) {
        if (dependency.condition !== 'service_healthy') continue;
        const target = compose.services.find((s) => s.name === dependency.service);
        if (target !== undefined && classifyHealthcheck(target.healthcheck?.command, target.healthcheck?.disabled ?? false).kind === 'none') {
          problems.push(`${service.name} waits for ${target.name} to be healthy, but ${target.name} has no healthcheck`);
        }
      }
    }
    if (problems.length > 0) return failed('the rag-server can start before its dependencies are ready', [...problems, ...facts]);
    return passed('the rag-server starts only when its dependencies are healthy', facts);
  },
};

export const noInlineSecretsCheck: ReadinessCheck = {
  id: 'deploy.no-inline-secrets',
  category: 'deployment',
  severity: 'critical',
  title: 'No secrets written in the compose file',
  probes: 'Each service’s `environment:` as written (before interpolation): a variable named like a credential (`*_API_KEY`, `*_SECRET`, `*_PASSWORD`, `*_TOKEN`…) whose value is literal text — including the default of `${VAR:-default}` — fails, as does any value shaped like a real credential (an `sk-…` key, an AWS key id, a password in a URL). `${VAR}` references and `env_file:` are fine. Values are never printed.',
  howToFix: 'Replace the value with a reference (`OPENAI_API_KEY: ${OPENAI_API_KEY}`) and put the secret in an uncommitted env file or a secret store; rotate any secret that was committed.',
  needs: ['compose'],
  evaluate(evidence) {
    const compose = composeOrOutcome(evidence);
    if (!isModel(compose)) return compose;
    const problems: string[] = [];
    for (const service of compose.services) {
      for (const variable of service.environment) {
        if (variable.from !== 'environment' || variable.raw === undefined) continue;
        const literal = literalText(variable.raw);
        if (literal === '') continue;
        const shape = credentialShape(literal);
        if (isSecretName(variable.name)) problems.push(`${label(service)}: ${variable.name} is written inline (${literal.length} characters)`);
        else if (shape !== undefined) problems.push(`${label(service)}: ${variable.name} contains a ${shape}`);
      }
    }
    if (problems.length > 0) return failed(`${problems.length} secret${problems.length === 1 ? ' is' : 's are'} written in ${compose.file}`, problems);
    return passed('no secret is written in the compose file');
  },
};

export const DEPLOYMENT_CHECKS: readonly ReadinessCheck[] = [
  httpHealthchecksCheck,
  restartPolicyCheck,
  vectorDbVolumeCheck,
  pinnedImagesCheck,
  resourceLimitsCheck,
  dependsOnHealthyCheck,
  noInlineSecretsCheck,
];
