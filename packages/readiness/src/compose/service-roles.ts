import { SERVICE_DISPLAY_NAMES, SERVICE_NAMES, type ServiceName } from '@rag-validate/config';

const HINTS: ReadonlyArray<readonly [ServiceName, RegExp]> = [
  ['vectorDb', /qdrant|vector[-_]?db/i],
  ['embedding', /embed/i],
  ['llm', /\bllm|llm[-_]|openai|vllm|ollama/i],
  ['rag', /\brag\b|rag[-_]server|rag[-_]api/i],
];

/**
 * Tells which of the four services a compose service is: an exact display name (`rag-server`,
 * `embedding-server`, `llm-server`, `vector-db`) first, then hints in the service name, the
 * container name and the image (`qdrant/qdrant` is the vector-db).
 */
export function serviceRole(name: string, containerName: string | undefined, image: string | undefined): ServiceName | undefined {
  for (const role of SERVICE_NAMES) {
    if (SERVICE_DISPLAY_NAMES[role] === name) return role;
  }
  for (const candidate of [name, containerName, image]) {
    if (candidate === undefined) continue;
    for (const [role, pattern] of HINTS) if (pattern.test(candidate)) return role;
  }
  return undefined;
}
