import type { ServiceName } from '@rag-validate/config';

/**
 * How to undo one fault without the objects of the run that injected it: plain data written to
 * the journal before the fault is injected, so `rag-validate chaos rollback` can undo what a
 * crashed run left behind.
 */
export type UndoRecipe = ProcessUndoRecipe | DockerUndoRecipe | ProxyUndoRecipe;

export type ProcessUndoRecipe =
  /** SIGCONT a frozen process. `startTicks` tells a reused pid apart. */
  | { readonly driver: 'process'; readonly action: 'resume'; readonly service: ServiceName; readonly pid: number; readonly startTicks?: number }
  /** Start a service from its command, unless its pid file names a live process. */
  | { readonly driver: 'process'; readonly action: 'start'; readonly service: ServiceName; readonly command: string; readonly cwd?: string; readonly pidFile: string; readonly logFile?: string }
  /**
   * A service of an embedded stack that only its owning run can start again (its handle lives in
   * that process). When the owner is gone, so is the stack it started.
   */
  | { readonly driver: 'process'; readonly action: 'owner-restarts'; readonly service: ServiceName; readonly pid?: number };

export interface DockerNetworkAttachment {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly ipv4Address?: string;
}

export interface DockerResources {
  readonly NanoCpus: number;
  readonly CpuQuota: number;
  readonly CpuPeriod: number;
  readonly Memory: number;
  readonly MemorySwap: number;
}

export type DockerUndoRecipe = {
  readonly driver: 'docker';
  readonly service: ServiceName;
  readonly socketPath: string;
  readonly containerId: string;
  readonly containerName: string;
} & (
  | { readonly action: 'start' | 'unpause' | 'ensure-running' }
  | { readonly action: 'connect'; readonly networks: readonly DockerNetworkAttachment[] }
  | { readonly action: 'restore-resources'; readonly resources: DockerResources }
);

export interface ProxyUndoRecipe {
  readonly driver: 'tcp-proxy';
  readonly service: ServiceName;
  /** Control API of the fault proxy on the path to the service. */
  readonly controlUrl: string;
  /** Toxics to remove. */
  readonly toxicIds: readonly string[];
  /** Bring the proxy up again (the fault was `down`). */
  readonly up: boolean;
}

/** What undoing one recipe did. */
export interface UndoOutcome {
  /** `undone`: the fault is gone; `nothing-to-do`: it was already gone (e.g. the service runs again). */
  readonly status: 'undone' | 'nothing-to-do';
  readonly detail: string;
}
