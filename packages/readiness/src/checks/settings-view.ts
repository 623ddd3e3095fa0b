import type { ServiceName } from '@rag-validate/config';
import type { ComposeModel } from '../compose/compose-model.js';
import type { EnvFileModel } from '../compose/env-file.js';
import type { Evidence } from '../model/evidence.js';

/** One setting as a service sees it. */
export interface Setting {
  readonly name: string;
  /** Resolved value; undefined for a variable passed through from the shell without a value. */
  readonly value: string | undefined;
  /** `environment`, an env_file path, or the --env-file path. */
  readonly from: string;
}

/** The settings of one service (compose mode) or of the whole system (env-file mode). */
export interface SettingsScope {
  /** `service llm-server` or `env file .env`. */
  readonly label: string;
  /** The service it configures; undefined in env-file mode (the file configures every service). */
  readonly role: ServiceName | undefined;
  readonly settings: readonly Setting[];
  /** True when the settings are a container's environment (so `localhost` means the container itself). */
  readonly inContainer: boolean;
  /** True when the container shares the host network (`network_mode: host`). */
  readonly hostNetwork: boolean;
}

export type SettingsView =
  | { readonly ok: true; readonly mode: 'compose'; readonly compose: ComposeModel; readonly envFile: EnvFileModel | undefined; readonly scopes: readonly SettingsScope[] }
  | { readonly ok: true; readonly mode: 'env-file'; readonly compose: undefined; readonly envFile: EnvFileModel; readonly scopes: readonly SettingsScope[] }
  | { readonly ok: false; readonly reason: string; readonly code: 'not-given' | 'failed' };

/**
 * What the configuration checks read: with a compose file, each service's resolved container
 * environment (the --env-file only feeds `${VAR}` interpolation, as with docker-compose); with only
 * an env file, its entries as the settings of the whole system.
 */
export function settingsView(evidence: Evidence): SettingsView {
  const { compose, envFile } = evidence;
  if (compose?.ok) {
    const scopes = compose.value.services.map(
      (service): SettingsScope => ({
        label: `service ${service.name}`,
        role: service.role,
        settings: service.environment.map((v) => ({ name: v.name, value: v.value, from: v.from })),
        inContainer: true,
        hostNetwork: service.networkMode === 'host',
      }),
    );
    return { ok: true, mode: 'compose', compose: compose.value, envFile: envFile?.ok ? envFile.value : undefined, scopes };
  }
  if (compose !== undefined && compose.code !== 'not-given') return { ok: false, reason: `compose file: ${compose.reason}`, code: 'failed' };
  if (envFile?.ok) {
    const settings = envFile.value.entries.map((e) => ({ name: e.name, value: e.value, from: envFile.value.file }));
    return { ok: true, mode: 'env-file', compose: undefined, envFile: envFile.value, scopes: [{ label: `env file ${envFile.value.file}`, role: undefined, settings, inContainer: false, hostNetwork: false }] };
  }
  if (envFile !== undefined && envFile.code !== 'not-given') return { ok: false, reason: `env file: ${envFile.reason}`, code: 'failed' };
  return { ok: false, reason: 'no compose file or env file was given (--compose, --env-file)', code: 'not-given' };
}

/** The first setting (in `names` order) that the scope defines with a non-empty value. */
export function firstSet(scope: SettingsScope, names: readonly string[]): Setting | undefined {
  for (const name of names) {
    const found = scope.settings.find((s) => s.name === name && s.value !== undefined && s.value.trim() !== '');
    if (found !== undefined) return found;
  }
  return undefined;
}

/** True when the scope mentions any of `names`, even with an empty value. */
export function declares(scope: SettingsScope, names: readonly string[]): boolean {
  return scope.settings.some((s) => names.includes(s.name));
}

/** Scopes that configure `role` (in env-file mode, the single scope configures every role). */
export function scopesFor(view: Extract<SettingsView, { ok: true }>, role: ServiceName): SettingsScope[] {
  return view.mode === 'env-file' ? [...view.scopes] : view.scopes.filter((s) => s.role === role);
}
