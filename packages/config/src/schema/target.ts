import { z } from 'zod';
import { httpUrl, positiveMs } from './primitives.js';
import { DEFAULT_PORTS } from './service-names.js';

/**
 * Credentials for one service. Every value here is a secret: it is sent on the wire and never
 * printed (see redact.ts).
 */
export const authSchema = z
  .object({
    /** Sent in `apiKeyHeader`. With the default header `authorization` it is sent as `Bearer <key>`. */
    apiKey: z.string().min(1, 'expected a non-empty API key').optional(),
    /** Header that carries `apiKey`: `authorization` (Bearer) or e.g. `api-key` for Qdrant. */
    apiKeyHeader: z.string().min(1).toLowerCase().default('authorization'),
    /** Extra headers sent on every call (values are treated as secrets). */
    headers: z.record(z.string(), z.string()).default({}),
  })
  .strict();
export type ServiceAuth = z.output<typeof authSchema>;

function serviceSchema(port: number, timeoutMs: number) {
  return z
    .object({
      url: httpUrl.default(`http://localhost:${port}`),
      /** Default per-call timeout for this service. */
      timeoutMs: positiveMs.default(timeoutMs),
      auth: authSchema.optional(),
    })
    .strict();
}

export const servicesSchema = z
  .object({
    rag: serviceSchema(DEFAULT_PORTS.rag, 30_000).prefault({}),
    embedding: serviceSchema(DEFAULT_PORTS.embedding, 30_000).prefault({}),
    llm: serviceSchema(DEFAULT_PORTS.llm, 120_000).prefault({}),
    vectorDb: serviceSchema(DEFAULT_PORTS.vectorDb, 10_000).prefault({}),
  })
  .strict();
export type ServiceTarget = z.output<ReturnType<typeof serviceSchema>>;

export const CONTRACT_VERSIONS = ['auto', 'codev-task06', 'codev-head'] as const;
export type ContractSetting = (typeof CONTRACT_VERSIONS)[number];
export type ContractVersion = Exclude<ContractSetting, 'auto'>;

export const TARGET_MODES = ['auto', 'embedded', 'external'] as const;

export const targetSchema = z
  .object({
    /**
     * `embedded`: start the reference stack that ships with rag-validate; `external`: validate the
     * services at `services.*.url`; `auto`: external when any service URL is configured, else embedded.
     */
    mode: z.enum(TARGET_MODES).default('auto'),
    /** Which rag-server HTTP contract to speak; `auto` detects it from `/openapi.json`. */
    contract: z.enum(CONTRACT_VERSIONS).default('auto'),
    services: servicesSchema.prefault({}),
    /** Timeout of every health probe. */
    healthTimeoutMs: positiveMs.default(5_000),
    /** Timeout of one RAG generation call (generation is slow by nature). */
    generateTimeoutMs: positiveMs.default(120_000),
    collection: z
      .object({
        /** Qdrant collection the rag-server indexes into (`code_chunks` at Task 06, `code_vectors` at HEAD). */
        name: z.string().min(1).default('code_chunks'),
        /** Embedding dimension; must equal the embedding server's output and the collection's size. */
        vectorSize: z.number().int().positive().default(384),
        distance: z.enum(['Cosine', 'Dot', 'Euclid']).default('Cosine'),
      })
      .strict()
      .prefault({}),
    /** BM25 index name used by the HEAD contract's `/api/v1/search/{bm25,hybrid}`. */
    bm25Index: z.string().min(1).default('default'),
    /** Model name the rag-server asks the llm-server for; must be listed by `/v1/models`. */
    llmModel: z.string().min(1).default('gpt-4o-mini'),
  })
  .strict();
export type TargetConfig = z.output<typeof targetSchema>;
