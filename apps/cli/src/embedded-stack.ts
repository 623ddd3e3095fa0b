import type { StackLauncher } from '@rag-validate/chaos';
import { startReferenceStack } from '@rag-validate/reference-stack';

/**
 * Starts the embedded reference stack for a chaos run: process mode (each service a child process
 * the process driver can signal), on the free ports the chaos environment chose, with the
 * rag-server's dependencies behind the environment's fault proxies. Defects come from
 * `REFSTACK_DEFECTS` in `env`. The stack's processes end with this process.
 */
export function embeddedStackLauncher(env: Readonly<Record<string, string | undefined>>): StackLauncher {
  return ({ ports, dependencyUrls }) =>
    startReferenceStack({
      mode: 'process',
      ports,
      logLevel: 'warn',
      startTimeoutMs: 60_000,
      env,
      ...(dependencyUrls === undefined ? {} : { ragDependencyUrls: dependencyUrls }),
    });
}
