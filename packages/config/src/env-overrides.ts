import { SERVICE_NAMES, type ServiceName } from './schema/service-names.js';

/** One environment variable that overrides one config value. */
export interface EnvOverride {
  readonly env: string;
  readonly path: readonly string[];
  readonly kind: 'string' | 'number';
  readonly description: string;
  /** True when the value is a credential (never printed). */
  readonly secret?: boolean;
}

const SERVICE_ENV_PREFIX: Readonly<Record<ServiceName, string>> = {
  rag: 'RAG',
  embedding: 'EMBEDDING',
  llm: 'LLM',
  vectorDb: 'VECTOR_DB',
};

function serviceOverrides(service: ServiceName): EnvOverride[] {
  const prefix = `RAG_VALIDATE_${SERVICE_ENV_PREFIX[service]}`;
  const base = ['target', 'services', service];
  return [
    { env: `${prefix}_URL`, path: [...base, 'url'], kind: 'string', description: `URL of the ${service} service` },
    { env: `${prefix}_API_KEY`, path: [...base, 'auth', 'apiKey'], kind: 'string', description: `API key sent to the ${service} service`, secret: true },
    { env: `${prefix}_TIMEOUT_MS`, path: [...base, 'timeoutMs'], kind: 'number', description: `default per-call timeout for the ${service} service` },
  ];
}

/** Every environment override, in the order they are applied. Documented in README.md. */
export const ENV_OVERRIDES: readonly EnvOverride[] = [
  ...SERVICE_NAMES.flatMap(serviceOverrides),
  { env: 'RAG_VALIDATE_MODE', path: ['target', 'mode'], kind: 'string', description: 'auto | embedded | external' },
  { env: 'RAG_VALIDATE_CONTRACT', path: ['target', 'contract'], kind: 'string', description: 'auto | codev-task06 | codev-head' },
  { env: 'RAG_VALIDATE_COLLECTION', path: ['target', 'collection', 'name'], kind: 'string', description: 'Qdrant collection name' },
  { env: 'RAG_VALIDATE_LLM_MODEL', path: ['target', 'llmModel'], kind: 'string', description: 'LLM model name' },
  { env: 'RAG_VALIDATE_CHAOS_DRIVER', path: ['chaos', 'driver'], kind: 'string', description: 'process | docker | tcp-proxy' },
  { env: 'RAG_VALIDATE_RESULTS_DIR', path: ['output', 'resultsDir'], kind: 'string', description: 'directory for result files' },
];

/** The environment variable that names the config file when `--config` is not given. */
export const CONFIG_FILE_ENV = 'RAG_VALIDATE_CONFIG';

type MutableTree = Record<string, unknown>;

/**
 * Writes every override present in `env` into `tree` (mutating it) and returns which ones applied,
 * keyed by dotted config path, so validation problems can name the variable they came from.
 */
export function applyEnvOverrides(tree: MutableTree, env: Readonly<Record<string, string | undefined>>): Map<string, string> {
  const applied = new Map<string, string>();
  for (const override of ENV_OVERRIDES) {
    const raw = env[override.env];
    if (raw === undefined || raw === '') continue;
    let value: unknown = raw;
    if (override.kind === 'number') {
      const parsed = Number(raw);
      value = Number.isFinite(parsed) ? parsed : raw;
    }
    setPath(tree, override.path, value);
    applied.set(override.path.join('.'), override.env);
  }
  return applied;
}

function setPath(tree: MutableTree, path: readonly string[], value: unknown): void {
  let node: MutableTree = tree;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) {
      const created: MutableTree = {};
      node[key] = created;
      node = created;
    } else {
      node = next as MutableTree;
    }
  }
  const last = path.at(-1);
  if (last !== undefined) node[last] = value;
}
