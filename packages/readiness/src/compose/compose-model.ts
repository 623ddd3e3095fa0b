import type { ServiceName } from '@rag-validate/config';

/** One environment variable of a service, as written and as docker-compose would resolve it. */
export interface ComposeEnvVar {
  readonly name: string;
  /** Value after `${VAR}` interpolation; undefined for a bare `NAME` passed through from the shell. */
  readonly value: string | undefined;
  /** Value as written in the file (before interpolation); undefined for a bare `NAME`. */
  readonly raw: string | undefined;
  /** Where it was set: `environment` in the compose file, or the `env_file` path. */
  readonly from: string;
}

export interface ComposeHealthcheck {
  /** The test as one shell-like string (`CMD`/`CMD-SHELL` prefix removed). */
  readonly command: string;
  /** `disable: true` or `test: ["NONE"]`. */
  readonly disabled: boolean;
}

export interface ComposeVolumeMount {
  readonly type: 'volume' | 'bind' | 'tmpfs' | 'anonymous';
  /** Volume name or host path (undefined for anonymous / tmpfs). */
  readonly source: string | undefined;
  readonly target: string;
}

export interface ComposeDependency {
  readonly service: string;
  /** `service_healthy`, `service_started`, `service_completed_successfully`; undefined in the list form. */
  readonly condition: string | undefined;
}

/** A service of a compose file, normalised from every form compose accepts. */
export interface ComposeService {
  readonly name: string;
  /** Which of the four services this is (by name, container name or image), if any. */
  readonly role: ServiceName | undefined;
  readonly image: string | undefined;
  readonly build: boolean;
  readonly containerName: string | undefined;
  readonly command: string | undefined;
  readonly environment: readonly ComposeEnvVar[];
  readonly healthcheck: ComposeHealthcheck | undefined;
  /** `restart:` or `deploy.restart_policy.condition`. */
  readonly restart: string | undefined;
  readonly volumes: readonly ComposeVolumeMount[];
  readonly memoryLimit: string | undefined;
  readonly cpuLimit: string | undefined;
  readonly dependsOn: readonly ComposeDependency[];
  readonly networkMode: string | undefined;
  /** Network aliases the service is also reachable by. */
  readonly aliases: readonly string[];
}

/** A `${VAR}` used in the file without a default whose variable has no value. */
export interface UnsetVariable {
  readonly name: string;
  /** Dotted path of the value that references it (`services.llm-server.environment.OPENAI_API_KEY`). */
  readonly path: string;
}

/** A parsed, interpolated compose file. */
export interface ComposeModel {
  readonly file: string;
  readonly services: readonly ComposeService[];
  /** Names declared under the top-level `volumes:`. */
  readonly namedVolumes: readonly string[];
  readonly unsetVariables: readonly UnsetVariable[];
  /** `env_file` entries that could not be read. */
  readonly envFileProblems: readonly string[];
}
