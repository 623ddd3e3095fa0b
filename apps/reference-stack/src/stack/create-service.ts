import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { DefectSet } from '../defects.js';
import { createEmbeddingServer } from '../embedding/embedding-server.js';
import type { ServiceApp } from '../http/service-app.js';
import { createLlmServer } from '../llm/llm-server.js';
import { UpstreamBackend } from '../llm/upstream-backend.js';
import { createRagServer } from '../rag/rag-server.js';
import { createVectorDbServer } from '../vector-db/vector-db-server.js';
import type { ServiceSettings } from './service-settings.js';

/** Builds the service these settings describe (not yet listening). */
export function createService(settings: ServiceSettings, logStream?: Writable): ServiceApp {
  const common = { logLevel: settings.logLevel, defects: new DefectSet(settings.defects), ...(logStream === undefined ? {} : { logStream }) };
  switch (settings.service) {
    case 'embedding':
      return createEmbeddingServer(common);
    case 'vectorDb':
      return createVectorDbServer({ ...common, dataDir: join(settings.dataDir, 'vector-db') }).service;
    case 'llm': {
      const llm = settings.llm ?? { ttftMs: 300, tokensPerSecond: 50 };
      return createLlmServer({ ...common, ttftMs: llm.ttftMs, tokensPerSecond: llm.tokensPerSecond, ...(llm.upstream === undefined ? {} : { backend: new UpstreamBackend(llm.upstream) }) });
    }
    case 'rag': {
      const rag = settings.rag;
      if (rag === undefined) throw new Error('rag-server settings need the dependency URLs');
      return createRagServer({
        ...common,
        dataDir: join(settings.dataDir, 'rag-server'),
        rootDir: rag.rootDir,
        embeddingUrl: rag.embeddingUrl,
        llmUrl: rag.llmUrl,
        vectorDbUrl: rag.vectorDbUrl,
        ...(rag.collection === undefined ? {} : { collection: rag.collection }),
        ...(rag.llmModel === undefined ? {} : { llmModel: rag.llmModel }),
      });
    }
  }
}
