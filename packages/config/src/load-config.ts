import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { applyEnvOverrides, CONFIG_FILE_ENV } from './env-overrides.js';
import { ConfigFileError, ConfigParseError, ConfigValidationError, type ConfigProblem } from './errors.js';
import { interpolateEnv } from './interpolate.js';
import { configSchema, type ParsedConfig } from './schema/root.js';
import { SERVICE_NAMES } from './schema/service-names.js';
import type { TargetConfig } from './schema/target.js';

/** The file `rag-validate` reads from the working directory when no `--config` is given. */
export const DEFAULT_CONFIG_FILE = 'rag-validate.yaml';

/** Where the resolved config came from (for `config print` and reports). */
export interface ConfigSource {
  /** Absolute path of the config file, or undefined when only defaults and env were used. */
  readonly file: string | undefined;
  /** Names of the environment variables that overrode a value. */
  readonly envOverrides: readonly string[];
}

/** The validated config: every default filled in and the target mode decided. */
export interface RagValidateConfig extends Omit<ParsedConfig, 'target'> {
  readonly target: Omit<TargetConfig, 'mode'> & { readonly mode: 'embedded' | 'external' };
  readonly source: ConfigSource;
}

export interface LoadConfigOptions {
  /** Config file path (`--config`). Falls back to $RAG_VALIDATE_CONFIG, then ./rag-validate.yaml if present. */
  readonly file?: string | undefined;
  /** Environment to read overrides and `${VAR}` references from. Default: process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Directory relative paths are resolved against. Default: process.cwd(). */
  readonly cwd?: string;
}

/**
 * Reads the config file (if any), substitutes `${VAR}` references, applies environment overrides
 * and validates the result. Throws `ConfigFileError`, `ConfigParseError` or `ConfigValidationError`
 * (which lists every problem at once).
 */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<RagValidateConfig> {
  const { env = process.env, cwd = process.cwd() } = options;
  const file = locateConfigFile(options.file ?? env[CONFIG_FILE_ENV], cwd);
  let raw: unknown = {};
  if (file !== undefined) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
      throw new ConfigFileError(file, reason, { cause: error });
    }
    raw = parseYaml(file, text);
  }
  return resolveConfig(raw, { env, file });
}

/**
 * Validates an already-parsed config object (from YAML, JSON or code) together with environment
 * overrides. Synchronous; used by `loadConfig` and by tests and programmatic callers.
 */
export function resolveConfig(
  raw: unknown,
  options: { readonly env?: Readonly<Record<string, string | undefined>>; readonly file?: string | undefined } = {},
): RagValidateConfig {
  const { env = process.env, file } = options;
  const sourceName = file ?? 'defaults + environment';
  if (raw === null || raw === undefined) raw = {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigValidationError(sourceName, [{ path: '(root)', message: 'expected a mapping of settings (target, slos, ...)' }]);
  }
  const problems: ConfigProblem[] = [];
  const tree = interpolateEnv(raw, env, problems) as Record<string, unknown>;
  const configuredUrl = SERVICE_NAMES.some((name) => readPath(tree, ['target', 'services', name, 'url']) !== undefined);
  const applied = applyEnvOverrides(tree, env);
  const envSetUrl = SERVICE_NAMES.some((name) => applied.has(`target.services.${name}.url`));

  const result = configSchema.safeParse(tree);
  if (!result.success) problems.push(...toProblems(result.error, applied));
  if (problems.length > 0) throw new ConfigValidationError(sourceName, problems);
  const parsed = (result as { data: ParsedConfig }).data;

  const mode = parsed.target.mode === 'auto' ? (configuredUrl || envSetUrl ? 'external' : 'embedded') : parsed.target.mode;
  return {
    ...parsed,
    target: { ...parsed.target, mode },
    source: { file, envOverrides: [...applied.values()] },
  };
}

function locateConfigFile(given: string | undefined, cwd: string): string | undefined {
  if (given !== undefined && given !== '') return resolve(cwd, given);
  const candidate = resolve(cwd, DEFAULT_CONFIG_FILE);
  return existsSync(candidate) ? candidate : undefined;
}

function parseYaml(file: string, text: string): unknown {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const first = doc.errors[0];
  if (first !== undefined) {
    const line = text.slice(0, first.pos[0]).split('\n').length;
    throw new ConfigParseError(file, first.message.split('\n')[0] ?? first.message, line, { cause: first });
  }
  return doc.toJS() as unknown;
}

function readPath(tree: unknown, path: readonly string[]): unknown {
  let node = tree;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function toProblems(error: z.ZodError, applied: ReadonlyMap<string, string>): ConfigProblem[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.') || '(root)';
    const fromEnv = applied.get(path);
    let message = issue.message;
    if (issue.code === 'unrecognized_keys') {
      message = `unknown setting${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((k) => `'${k}'`).join(', ')} (check the spelling; see the config reference in README.md)`;
    } else if (issue.code === 'invalid_value' && 'values' in issue) {
      message = `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    }
    return { path: fromEnv === undefined ? path : `${path} (from ${fromEnv})`, message };
  });
}
