import type { ContractVersion } from '@rag-validate/config';
import { ContractDetectionError, HttpStatusError } from '../core/errors.js';
import type { HttpClient } from '../core/http-client.js';
import type { CallOptions } from '../core/service-client-options.js';
import { openApiDocument, searchServiceHealth } from './rag-schemas.js';

/**
 * Tells which rag-server contract a running server speaks: from `/openapi.json` (the Task-06
 * hybrid route `/api/v1/search/` versus HEAD's `/api/v1/search/vector`), falling back to the
 * `service` name of `/api/v1/search/health` (`search-service` at Task 06, `search` at HEAD).
 * A server that offers both (the reference stack) is Task-06 with HEAD extras: `codev-task06`.
 */
export async function detectContract(http: HttpClient, options: CallOptions = {}): Promise<ContractVersion> {
  let firstError: unknown;
  try {
    const { body } = await http.request({ method: 'GET', path: '/openapi.json', schema: openApiDocument, ...options });
    const paths = Object.keys(body.paths);
    if (paths.includes('/api/v1/search/')) return 'codev-task06';
    if (paths.includes('/api/v1/search/vector') || paths.includes('/api/v1/search/hybrid')) return 'codev-head';
  } catch (error) {
    if (!(error instanceof HttpStatusError)) throw error;
    firstError = error;
  }
  try {
    const { body } = await http.request({ method: 'GET', path: '/api/v1/search/health', schema: searchServiceHealth, ...options });
    if (body.service === 'search-service') return 'codev-task06';
    if (body.service === 'search') return 'codev-head';
    throw new ContractDetectionError(http.baseUrl, `/api/v1/search/health names an unknown service ${JSON.stringify(body.service)}`);
  } catch (error) {
    if (error instanceof ContractDetectionError) throw error;
    throw new ContractDetectionError(http.baseUrl, 'neither /openapi.json nor /api/v1/search/health identify a known version', { cause: firstError ?? error });
  }
}
