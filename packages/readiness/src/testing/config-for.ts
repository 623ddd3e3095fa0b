import { resolveConfig, type RagValidateConfig } from '@rag-validate/config';

/** An external-mode config pointing each service at a URL (unset ones at a port nothing listens on is up to the caller). */
export function configFor(urls: { rag: string; embedding: string; llm: string; vectorDb: string }, target: Record<string, unknown> = {}): RagValidateConfig {
  const { services = {}, ...rest } = target as { services?: Record<string, Record<string, unknown>> };
  return resolveConfig(
    {
      target: {
        mode: 'external',
        services: {
          rag: { url: urls.rag, ...services['rag'] },
          embedding: { url: urls.embedding, ...services['embedding'] },
          llm: { url: urls.llm, ...services['llm'] },
          vectorDb: { url: urls.vectorDb, ...services['vectorDb'] },
        },
        ...rest,
      },
    },
    { env: {} },
  );
}
