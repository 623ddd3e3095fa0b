import { SERVICE_DISPLAY_NAMES, SERVICE_NAMES, type ServiceName } from '@rag-validate/config';
import { failed, passed, skipped, unknown, warned, type CheckOutcome, type ReadinessCheck } from '../model/check-types.js';
import type { Evidence } from '../model/evidence.js';
import { isPlaceholderSecret, isSecretName } from './secret-patterns.js';
import { declares, firstSet, scopesFor, settingsView, type SettingsScope, type SettingsView } from './settings-view.js';

/** Settings a service cannot work without; each group is satisfied by any one of its names. */
export const REQUIRED_SETTINGS: Readonly<Partial<Record<ServiceName, ReadonlyArray<{ readonly what: string; readonly names: readonly string[] }>>>> = {
  rag: [
    { what: 'embedding-server URL', names: ['EMBEDDING_SERVER_URL', 'EMBEDDING_URL', 'EMBEDDING_SERVICE_URL'] },
    { what: 'llm-server URL', names: ['LLM_SERVER_URL', 'LLM_URL', 'LLM_SERVICE_URL'] },
    { what: 'vector-db location', names: ['VECTOR_DB_URL', 'QDRANT_URL', 'QDRANT_HOST'] },
  ],
};

/** Names of an LLM upstream's key and base URL (the llm-server proxies to an OpenAI-compatible API). */
export const LLM_UPSTREAM_KEYS = ['OPENAI_API_KEY', 'LLM_API_KEY', 'LLM_UPSTREAM_API_KEY', 'UPSTREAM_API_KEY'] as const;
export const LLM_UPSTREAM_URLS = ['OPENAI_BASE_URL', 'OPENAI_API_BASE', 'LLM_UPSTREAM_URL', 'UPSTREAM_URL'] as const;

const URL_NAME = /_(?:URL|URI|ENDPOINT|BASE)$/;
const HOST_NAME = /^(?:QDRANT_HOST|VECTOR_DB_HOST|EMBEDDING_HOST|LLM_HOST)$/;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]', '0.0.0.0']);

function viewOrOutcome(evidence: Evidence): Extract<SettingsView, { ok: true }> | CheckOutcome {
  const view = settingsView(evidence);
  if (view.ok) return view;
  return unknown(view.reason);
}

export const requiredSettingsCheck: ReadinessCheck = {
  id: 'config.required-settings',
  category: 'configuration',
  severity: 'critical',
  title: 'Required settings are present',
  probes:
    'The compose file (each service’s resolved environment, `env_file` included) or the env file: every `${VAR}` without a default has a value; the rag-server has its embedding-server URL, llm-server URL and vector-db location; an llm-server that declares an upstream key without a base URL (it calls OpenAI itself, like the codev llm-server’s OPENAI_API_KEY) has a non-empty key; the four services exist.',
  howToFix:
    'Set every variable the compose file references in the env file (see deployment/env.example) or the shell; give the rag-server EMBEDDING_SERVER_URL, LLM_SERVER_URL and VECTOR_DB_URL; give the llm-server its upstream key (OPENAI_API_KEY) when it proxies to one.',
  needs: ['compose', 'envFile'],
  evaluate(evidence) {
    const view = viewOrOutcome(evidence);
    if (!('ok' in view)) return view;
    const problems: string[] = [];
    const facts: string[] = [];
    if (view.mode === 'compose') {
      for (const unset of view.compose.unsetVariables) problems.push(`\${${unset.name}} (${unset.path}) is not set: docker-compose substitutes an empty string`);
      problems.push(...view.compose.envFileProblems);
      for (const role of SERVICE_NAMES) {
        if (!view.compose.services.some((s) => s.role === role)) problems.push(`no ${SERVICE_DISPLAY_NAMES[role]} service in ${view.compose.file}`);
      }
    }
    for (const role of SERVICE_NAMES) {
      for (const scope of scopesFor(view, role)) {
        for (const group of REQUIRED_SETTINGS[role] ?? []) {
          const found = firstSet(scope, group.names);
          if (found === undefined) problems.push(`${scope.label}: no ${group.what} (${group.names.join(' / ')})`);
          else facts.push(`${scope.label}: ${group.what} from ${found.name}`);
        }
        if (role === 'llm') checkLlmUpstream(scope, problems, facts);
      }
    }
    if (problems.length > 0) return failed(`${problems.length} required setting${problems.length === 1 ? ' is' : 's are'} missing or empty`, problems);
    return passed('every required setting has a value', facts);
  },
};

function checkLlmUpstream(scope: SettingsScope, problems: string[], facts: string[]): void {
  const url = firstSet(scope, LLM_UPSTREAM_URLS);
  const key = firstSet(scope, LLM_UPSTREAM_KEYS);
  if (url !== undefined) {
    // A local OpenAI-compatible server (vLLM, Ollama) needs no key: only report.
    facts.push(`${scope.label}: proxies to the upstream in ${url.name}${key === undefined ? ' without a key' : ` with a key from ${key.name} (value not shown)`}`);
    return;
  }
  if (declares(scope, LLM_UPSTREAM_KEYS) && !declares(scope, LLM_UPSTREAM_URLS)) {
    // The key is declared with no base URL: the server calls OpenAI itself (the codev llm-server).
    if (key === undefined) problems.push(`${scope.label}: the LLM upstream key (${LLM_UPSTREAM_KEYS.join(' / ')}) is empty or unset`);
    else facts.push(`${scope.label}: LLM upstream key from ${key.name} (value not shown)`);
    return;
  }
  if (scope.role === 'llm') facts.push(`${scope.label}: no upstream configured (self-contained LLM)`);
}

export const urlsWellFormedCheck: ReadinessCheck = {
  id: 'config.urls-valid',
  category: 'configuration',
  severity: 'high',
  title: 'Service URLs are well formed and reachable from where they are used',
  probes:
    'Every setting named `*_URL`, `*_URI`, `*_ENDPOINT` (and QDRANT_HOST) parses as an absolute URL with a host (http(s) for the service URLs); inside a container it does not point at `localhost` (the container itself) and names a service, container name or alias of the compose file (or a dotted host name).',
  howToFix:
    'Write absolute URLs such as http://embedding-server:8001; between containers use the compose service name, not localhost; fix typos in host names.',
  needs: ['compose', 'envFile'],
  evaluate(evidence, context) {
    const view = viewOrOutcome(evidence);
    if (!('ok' in view)) return view;
    const knownHosts = new Set<string>();
    for (const s of view.compose?.services ?? []) {
      knownHosts.add(s.name);
      if (s.containerName !== undefined) knownHosts.add(s.containerName);
      for (const alias of s.aliases) knownHosts.add(alias);
    }
    const failures: string[] = [];
    const warnings: string[] = [];
    let checked = 0;
    for (const scope of view.scopes) {
      for (const setting of scope.settings) {
        const value = setting.value?.trim();
        if (value === undefined || value === '') continue;
        let host: string;
        if (HOST_NAME.test(setting.name)) {
          host = value;
        } else if (URL_NAME.test(setting.name)) {
          checked += 1;
          let url: URL;
          try {
            url = new URL(value);
          } catch {
            failures.push(`${scope.label}: ${setting.name} is not an absolute URL: ${JSON.stringify(value.slice(0, 80))}`);
            continue;
          }
          if (url.hostname === '') {
            failures.push(`${scope.label}: ${setting.name} is not an absolute URL (no host): ${JSON.stringify(value.slice(0, 80))}`);
            continue;
          }
          if (isServiceUrlName(setting.name) && url.protocol !== 'http:' && url.protocol !== 'https:') {
            failures.push(`${scope.label}: ${setting.name} must be http(s), got ${url.protocol}`);
            continue;
          }
          host = url.hostname;
        } else {
          continue;
        }
        if (HOST_NAME.test(setting.name)) checked += 1;
        if (LOOPBACK.has(host)) {
          const message = `${scope.label}: ${setting.name} points at ${host}`;
          if (scope.inContainer && !scope.hostNetwork) failures.push(`${message}, which inside a container is the container itself`);
          else if (context.profile === 'production') warnings.push(`${message}; in production the services run on other hosts`);
          continue;
        }
        if (scope.inContainer && !scope.hostNetwork && !knownHosts.has(host) && !host.includes('.') && !host.includes(':')) {
          warnings.push(`${scope.label}: ${setting.name} names host "${host}", which is no service, container name or alias of the compose file`);
        }
      }
    }
    if (failures.length > 0) return failed(`${failures.length} URL setting${failures.length === 1 ? ' is' : 's are'} wrong`, [...failures, ...warnings]);
    if (checked === 0) return skipped('no URL-valued settings to check');
    if (warnings.length > 0) return warned(`${checked} URL settings parse, ${warnings.length} look wrong`, warnings);
    return passed(`${checked} URL setting${checked === 1 ? '' : 's'} well formed`);
  },
};

function isServiceUrlName(name: string): boolean {
  return Object.values(REQUIRED_SETTINGS)
    .flatMap((groups) => groups.flatMap((g) => g.names))
    .concat(LLM_UPSTREAM_URLS)
    .includes(name);
}

export const noDefaultSecretsCheck: ReadinessCheck = {
  id: 'config.no-default-secrets',
  category: 'configuration',
  severity: 'critical',
  title: 'No placeholder or default secrets',
  probes:
    'Every setting named like a credential (`*_API_KEY`, `*_SECRET`, `SECRET_KEY`, `*_TOKEN`, `*_PASSWORD`…) in the services’ environment or the env file: its value is not a placeholder or a well-known default (`changeme`, `your-api-key`, `your_openai_api_key_here`, `sk-...`, `sk-dummy-key`, `your-secret-key-here` — the codev rag-server’s SECRET_KEY default —, `<…>`, `xxx`, `secret`, `password`…). Values are never printed.',
  howToFix: 'Generate real secrets (e.g. `openssl rand -hex 32`) and inject them from a secret store or an env file that is not committed; never deploy the values from env.example.',
  needs: ['compose', 'envFile'],
  evaluate(evidence) {
    const view = viewOrOutcome(evidence);
    if (!('ok' in view)) return view;
    const scopes: Array<{ label: string; settings: SettingsScope['settings'] }> = [...view.scopes];
    // With a compose file the env file feeds interpolation; its own placeholders still matter when referenced.
    const problems: string[] = [];
    let secrets = 0;
    for (const scope of scopes) {
      for (const setting of scope.settings) {
        if (!isSecretName(setting.name) || setting.value === undefined || setting.value.trim() === '') continue;
        secrets += 1;
        if (isPlaceholderSecret(setting.value)) problems.push(`${scope.label}: ${setting.name} (from ${setting.from}) is a placeholder or a well-known default`);
      }
    }
    if (problems.length > 0) return failed(`${problems.length} secret${problems.length === 1 ? ' is a placeholder' : 's are placeholders'}`, problems);
    return passed(secrets === 0 ? 'no secret settings present' : `${secrets} secret setting${secrets === 1 ? '' : 's'}, none a placeholder`);
  },
};

const LOG_LEVEL_NAME = /(?:^|_)(?:LOG_?LEVEL|LOGLEVEL)$|^RUST_LOG$|^LOG$/i;
const DEBUG_FLAG = /^(?:DEBUG|APP_DEBUG|FLASK_DEBUG|DJANGO_DEBUG)$/i;
const ENVIRONMENT_NAME = /^(?:ENVIRONMENT|ENV|APP_ENV|NODE_ENV|PYTHON_ENV|FASTAPI_ENV|RAILS_ENV)$/i;

export const debugDisabledCheck: ReadinessCheck = {
  id: 'config.debug-disabled',
  category: 'configuration',
  severity: 'medium',
  title: 'Log level is not DEBUG in production',
  probes:
    'Settings `LOG_LEVEL` / `*_LOG_LEVEL` / `RUST_LOG`, debug flags (`DEBUG`), environment names (`ENVIRONMENT`, `NODE_ENV`…) and service commands (`--reload`, `--debug`). Production profile: debug/trace levels, debug flags on, a development environment or a reload/debug server fail; no explicit log level warns (the service’s own default applies — the codev rag-server’s is DEBUG). Staging profile: reported, never failed.',
  howToFix: 'Set LOG_LEVEL=info (or warn) and ENVIRONMENT=production for every service in the production deployment; remove DEBUG=true and `--reload`.',
  needs: ['compose', 'envFile'],
  evaluate(evidence, context) {
    const view = viewOrOutcome(evidence);
    if (!('ok' in view)) return view;
    const findings: string[] = [];
    const levels: string[] = [];
    for (const scope of view.scopes) {
      for (const setting of scope.settings) {
        const value = setting.value?.trim().toLowerCase();
        if (value === undefined || value === '') continue;
        if (LOG_LEVEL_NAME.test(setting.name)) {
          levels.push(`${scope.label}: ${setting.name}=${value}`);
          if (/\b(?:debug|trace)\b/.test(value)) findings.push(`${scope.label}: ${setting.name}=${value}`);
        } else if (DEBUG_FLAG.test(setting.name) && /^(?:1|true|yes|on)$/.test(value)) {
          findings.push(`${scope.label}: ${setting.name}=${value}`);
        } else if (ENVIRONMENT_NAME.test(setting.name) && /^(?:dev|development|local|debug)$/.test(value)) {
          findings.push(`${scope.label}: ${setting.name}=${value}`);
        }
      }
    }
    for (const service of view.compose?.services ?? []) {
      if (service.command !== undefined && /(?:^|\s)--(?:reload|debug)\b/.test(service.command)) findings.push(`service ${service.name}: command runs with ${/--reload/.test(service.command) ? '--reload' : '--debug'}`);
    }
    if (findings.length > 0) {
      if (context.profile === 'production') return failed('debug settings in the production profile', findings);
      return passed('debug settings are tolerated in the staging profile', findings);
    }
    if (levels.length === 0) return warned('no explicit log level: each service’s default applies (the codev rag-server defaults to DEBUG)');
    return passed('no debug logging or debug mode', levels);
  },
};

export const CONFIGURATION_CHECKS: readonly ReadinessCheck[] = [requiredSettingsCheck, urlsWellFormedCheck, noDefaultSecretsCheck, debugDisabledCheck];
