import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { ComposeFileError, InputFileError } from '../errors.js';
import type { ComposeDependency, ComposeEnvVar, ComposeHealthcheck, ComposeModel, ComposeService, ComposeVolumeMount, UnsetVariable } from './compose-model.js';
import { parseEnvText } from './env-file.js';
import { interpolate } from './interpolate.js';
import { serviceRole } from './service-roles.js';

export interface LoadComposeOptions {
  /** Variables for `${VAR}` interpolation (the `--env-file` values, then the shell's, as docker-compose does). */
  readonly variables?: Readonly<Record<string, string | undefined>>;
}

/**
 * Reads a compose file, substitutes `${VAR}` references with `variables`, and normalises every
 * service (environment in list or map form, `env_file`, healthcheck test forms, short and long
 * volume syntax, `depends_on` list or map, `deploy.resources.limits` or `mem_limit`/`cpus`).
 * Throws `InputFileError` when the file cannot be read, `ComposeFileError` when it is not YAML
 * or has no `services` mapping.
 */
export async function loadComposeFile(file: string, options: LoadComposeOptions = {}): Promise<ComposeModel> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputFileError('compose file', file, (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message, { cause: error });
  }
  return parseCompose(text, file, options, (path) => readFile(resolve(dirname(file), path), 'utf8'));
}

/** Parses compose text (see `loadComposeFile`); `readEnvFile` reads a service's `env_file`. */
export async function parseCompose(
  text: string,
  file: string,
  options: LoadComposeOptions = {},
  readEnvFile: (path: string) => Promise<string> = () => Promise.reject(new Error('env_file not readable here')),
): Promise<ComposeModel> {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, merge: true });
  const first = doc.errors[0];
  if (first !== undefined) {
    const line = text.slice(0, first.pos[0]).split('\n').length;
    throw new ComposeFileError(file, `not valid YAML (line ${line}): ${first.message.split('\n')[0] ?? first.message}`, { cause: first });
  }
  const raw: unknown = doc.toJS();
  if (!isRecord(raw) || !isRecord(raw['services'])) throw new ComposeFileError(file, 'expected a mapping with a `services:` mapping');
  const variables = options.variables ?? {};
  const unsetVariables: UnsetVariable[] = [];
  const resolved = interpolateTree(raw, variables, unsetVariables, []) as Record<string, unknown>;
  const envFileProblems: string[] = [];
  const rawServices = raw['services'] as Record<string, unknown>;
  const services: ComposeService[] = [];
  for (const [name, value] of Object.entries(resolved['services'] as Record<string, unknown>)) {
    if (!isRecord(value)) throw new ComposeFileError(file, `service "${name}" is not a mapping`);
    const rawService = rawServices[name] as Record<string, unknown>;
    services.push(await normaliseService(name, value, rawService, readEnvFile, envFileProblems));
  }
  const namedVolumes = isRecord(resolved['volumes']) ? Object.keys(resolved['volumes']) : [];
  return { file, services, namedVolumes, unsetVariables, envFileProblems };
}

async function normaliseService(
  name: string,
  service: Record<string, unknown>,
  rawService: Record<string, unknown>,
  readEnvFile: (path: string) => Promise<string>,
  envFileProblems: string[],
): Promise<ComposeService> {
  const image = optionalString(service['image']);
  const containerName = optionalString(service['container_name']);
  const deploy = isRecord(service['deploy']) ? service['deploy'] : {};
  const resources = isRecord(deploy['resources']) ? deploy['resources'] : {};
  const limits = isRecord(resources['limits']) ? resources['limits'] : {};
  const restartPolicy = isRecord(deploy['restart_policy']) ? deploy['restart_policy'] : {};
  const environment = await environmentOf(name, service, rawService, readEnvFile, envFileProblems);
  return {
    name,
    role: serviceRole(name, containerName, image),
    image,
    build: service['build'] !== undefined,
    containerName,
    command: commandText(service['command']),
    environment,
    healthcheck: healthcheckOf(service['healthcheck']),
    restart: optionalString(service['restart']) ?? optionalString(restartPolicy['condition']),
    volumes: asArray(service['volumes']).map(volumeOf).filter((v): v is ComposeVolumeMount => v !== undefined),
    memoryLimit: optionalString(limits['memory']) ?? optionalString(service['mem_limit']),
    cpuLimit: optionalString(limits['cpus']) ?? optionalString(service['cpus']),
    dependsOn: dependenciesOf(service['depends_on']),
    networkMode: optionalString(service['network_mode']),
    aliases: aliasesOf(service['networks']),
  };
}

async function environmentOf(
  name: string,
  service: Record<string, unknown>,
  rawService: Record<string, unknown>,
  readEnvFile: (path: string) => Promise<string>,
  envFileProblems: string[],
): Promise<ComposeEnvVar[]> {
  const byName = new Map<string, ComposeEnvVar>();
  for (const entry of envFileEntries(service['env_file'])) {
    let text: string;
    try {
      text = await readEnvFile(entry.path);
    } catch {
      if (entry.required) envFileProblems.push(`service ${name}: env_file ${entry.path} cannot be read`);
      continue;
    }
    try {
      for (const e of parseEnvText(text, entry.path).entries) byName.set(e.name, { name: e.name, value: e.value, raw: e.value, from: entry.path });
    } catch (error) {
      envFileProblems.push(`service ${name}: ${(error as Error).message}`);
    }
  }
  const resolved = envPairs(service['environment']);
  const raw = new Map(envPairs(rawService['environment']).map(([k, v]) => [k, v]));
  for (const [key, value] of resolved) byName.set(key, { name: key, value, raw: raw.get(key), from: 'environment' });
  return [...byName.values()];
}

function envPairs(value: unknown): Array<[string, string | undefined]> {
  if (Array.isArray(value)) {
    return value.map((item) => {
      const text = String(item);
      const eq = text.indexOf('=');
      return eq === -1 ? [text.trim(), undefined] : [text.slice(0, eq).trim(), text.slice(eq + 1)];
    });
  }
  if (isRecord(value)) return Object.entries(value).map(([k, v]) => [k, v === null || v === undefined ? undefined : String(v)]);
  return [];
}

function envFileEntries(value: unknown): Array<{ path: string; required: boolean }> {
  return asArray(value).flatMap((item) => {
    if (typeof item === 'string') return [{ path: item, required: true }];
    if (isRecord(item) && typeof item['path'] === 'string') return [{ path: item['path'], required: item['required'] !== false }];
    return [];
  });
}

function healthcheckOf(value: unknown): ComposeHealthcheck | undefined {
  if (!isRecord(value)) return undefined;
  const test = value['test'];
  const disabled = value['disable'] === true;
  if (Array.isArray(test)) {
    const [kind, ...rest] = test.map(String);
    if (kind === 'NONE') return { command: '', disabled: true };
    return { command: kind === 'CMD' || kind === 'CMD-SHELL' ? rest.join(' ') : [kind, ...rest].join(' '), disabled };
  }
  if (typeof test === 'string') return { command: test, disabled };
  return disabled ? { command: '', disabled: true } : undefined;
}

function volumeOf(value: unknown): ComposeVolumeMount | undefined {
  if (typeof value === 'string') {
    const parts = value.split(':');
    if (parts.length === 1) return { type: 'anonymous', source: undefined, target: parts[0] ?? '' };
    const source = parts[0] ?? '';
    const target = parts[1] ?? '';
    return { type: isHostPath(source) ? 'bind' : 'volume', source, target };
  }
  if (!isRecord(value)) return undefined;
  const type = optionalString(value['type']) ?? 'volume';
  const source = optionalString(value['source']);
  const target = optionalString(value['target']) ?? '';
  if (type === 'bind') return { type: 'bind', source, target };
  if (type === 'tmpfs') return { type: 'tmpfs', source: undefined, target };
  return { type: source === undefined ? 'anonymous' : 'volume', source, target };
}

function isHostPath(source: string): boolean {
  return source.startsWith('.') || source.startsWith('/') || source.startsWith('~') || source.startsWith('$');
}

function dependenciesOf(value: unknown): ComposeDependency[] {
  if (Array.isArray(value)) return value.map((s) => ({ service: String(s), condition: undefined }));
  if (isRecord(value)) {
    return Object.entries(value).map(([service, spec]) => ({ service, condition: isRecord(spec) ? optionalString(spec['condition']) : undefined }));
  }
  return [];
}

function aliasesOf(value: unknown): string[] {
  if (!isRecord(value)) return [];
  return Object.values(value).flatMap((spec) => (isRecord(spec) ? asArray(spec['aliases']).map(String) : []));
}

function commandText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(String).join(' ');
  return undefined;
}

function interpolateTree(value: unknown, variables: Readonly<Record<string, string | undefined>>, unset: UnsetVariable[], path: readonly string[]): unknown {
  if (typeof value === 'string') {
    const result = interpolate(value, variables);
    for (const ref of result.references) if (ref.unset) unset.push({ name: ref.name, path: path.join('.') });
    return result.value;
  }
  if (Array.isArray(value)) {
    return value.map((item, index) => {
      // `- NAME=value` entries are named by their variable, so problems point at it.
      const key = typeof item === 'string' && /^[A-Za-z_][A-Za-z0-9_]*=/.test(item) ? item.slice(0, item.indexOf('=')) : String(index);
      return interpolateTree(item, variables, unset, [...path, key]);
    });
  }
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = interpolateTree(item, variables, unset, [...path, key]);
    return out;
  }
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function optionalString(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return String(value);
}

