import { EmbeddingClient, LlmClient, RagApiClient, VectorDbClient, type HealthCheck } from '@rag-validate/clients';
import type { ServiceName } from '@rag-validate/config';

/** One health probe of a service, through the clients (the vector-db's `/readyz`, the others' `/health`). */
export function probeService(name: ServiceName, url: string, timeoutMs: number): Promise<HealthCheck> {
  const options = { baseUrl: url, timeoutMs, maxRetries: 0 };
  switch (name) {
    case 'embedding':
      return new EmbeddingClient(options).health({ timeoutMs });
    case 'llm':
      return new LlmClient(options).health({ timeoutMs });
    case 'vectorDb':
      return new VectorDbClient(options).readyz({ timeoutMs });
    case 'rag':
      return new RagApiClient(options).health({ timeoutMs });
  }
}

/**
 * Polls until the service answers healthy. Resolves false on timeout; `failure()` is checked
 * between probes so a process that died ends the wait at once (its error is thrown).
 */
export async function waitHealthy(name: ServiceName, url: string, options: { timeoutMs: number; failure?: () => Error | undefined }): Promise<boolean> {
  const deadline = performance.now() + options.timeoutMs;
  while (performance.now() < deadline) {
    const failed = options.failure?.();
    if (failed !== undefined) throw failed;
    const check = await probeService(name, url, 1000);
    if (check.ok) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

export function connectHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
