import type { RagValidateConfig } from '@rag-validate/config';
import { EmbeddingClient } from './embedding-client.js';
import { LlmClient } from './llm-client.js';
import { RagApiClient } from './rag/rag-api-client.js';
import { VectorDbClient } from './vector-db-client.js';

/** One client per service of a target. */
export interface ServiceClients {
  readonly rag: RagApiClient;
  readonly embedding: EmbeddingClient;
  readonly llm: LlmClient;
  readonly vectorDb: VectorDbClient;
}

/** Builds the four clients from a resolved config (URLs, timeouts, auth, contract, collection). */
export function createServiceClients(config: Pick<RagValidateConfig, 'target'>): ServiceClients {
  const { services } = config.target;
  const common = (name: keyof typeof services) => ({
    baseUrl: services[name].url,
    timeoutMs: services[name].timeoutMs,
    ...(services[name].auth === undefined ? {} : { auth: services[name].auth }),
  });
  return {
    rag: new RagApiClient({
      ...common('rag'),
      contract: config.target.contract,
      collection: config.target.collection.name,
      bm25Index: config.target.bm25Index,
      generateTimeoutMs: config.target.generateTimeoutMs,
    }),
    embedding: new EmbeddingClient(common('embedding')),
    llm: new LlmClient({ ...common('llm'), model: config.target.llmModel }),
    vectorDb: new VectorDbClient(common('vectorDb')),
  };
}
