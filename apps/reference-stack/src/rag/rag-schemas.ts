import { z } from 'zod';
import { GENERATION_LANGUAGE_CODES } from './languages.js';

/** Largest search body (1 MiB) and indexing body (32 MiB). */
export const SEARCH_BODY_LIMIT = 1024 * 1024;
export const INDEXING_BODY_LIMIT = 32 * 1024 * 1024;

export const collectionName = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[\p{L}\p{N}_-]+$/u, 'only letters, digits, "_" and "-"');

const weight = (value: number) => z.number().min(0).max(1).default(value);

/** An integer query parameter (`?page=2`): numeric strings are accepted, anything else is a 422. */
export function queryInt(defaultValue: number, min: number, max: number) {
  return z.preprocess((v) => (v === undefined ? defaultValue : typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v), z.number().int().min(min).max(max));
}

export function task06SearchBody(defaultCollection: string) {
  return z.object({
    // The real Task-06 server answers "" with 200 and nothing found; an empty query is a client
    // mistake, so it gets a 422 (as HEAD's min_length=1 does).
    query: z.string().min(1).max(10_000),
    keywords: z.array(z.string()).max(50).nullable().optional(),
    limit: z.number().int().min(1).max(100).default(10),
    vector_weight: weight(0.7),
    keyword_weight: weight(0.3),
    collection_name: collectionName.default(defaultCollection),
    use_rrf: z.boolean().default(false),
    rrf_k: z.number().int().min(1).max(1000).default(60),
  });
}

export const SPRING_BOOT_FEATURES = ['web', 'data-jpa', 'security', 'actuator', 'validation', 'test'] as const;

export function generateBody(defaultCollection: string) {
  return z.object({
    query: z.string().min(1).max(10_000),
    context_limit: z.number().int().min(1).max(10).default(3),
    language: z.enum(GENERATION_LANGUAGE_CODES).default('python'),
    include_tests: z.boolean().default(false),
    max_tokens: z.number().int().min(1).max(8000).default(2000),
    spring_boot_features: z.array(z.enum(SPRING_BOOT_FEATURES)).default([]),
    java_version: z.string().max(20).default('11'),
    spring_boot_version: z.string().max(20).default('3.2'),
    vector_weight: weight(0.7),
    keyword_weight: weight(0.3),
    use_rrf: z.boolean().default(false),
    collection_name: collectionName.default(defaultCollection),
  });
}

export const indexFileBody = z.object({
  file_path: z.string().min(1).max(4096),
  content: z.string().optional(),
  language: z.string().max(40).optional(),
  force_update: z.boolean().default(false),
  collection_name: collectionName.optional(),
});

export const indexBatchBody = z.object({
  file_paths: z.array(z.string().min(1).max(4096)).max(1000),
  force_update: z.boolean().default(false),
  collection_name: collectionName.optional(),
});

export const codeAnalysisData = z.object({
  filePath: z.string().min(1).max(4096),
  language: z.string().min(1),
  code: z.string(),
  framework: z.string().nullable().optional(),
  module: z.string().nullable().optional(),
  classes: z
    .array(z.object({ name: z.string().min(1), methods: z.array(z.object({ name: z.string().min(1), returnType: z.string().nullable(), params: z.array(z.string()).default([]) })).default([]) }))
    .default([]),
  references: z.array(z.string()).default([]),
  analysis_timestamp: z.string().nullable().optional(),
});
export type CodeAnalysisInput = z.infer<typeof codeAnalysisData>;

export const indexJsonBody = z.object({ analysis_data: codeAnalysisData, force_update: z.boolean().default(false), collection_name: collectionName.optional() });
export const indexJsonBatchBody = z.object({ analysis_data_list: z.array(codeAnalysisData).max(1000), force_update: z.boolean().default(false), collection_name: collectionName.optional() });

export const chunkListQuery = z.object({
  file_path: z.string().optional(),
  code_type: z.string().optional(),
  language: z.string().optional(),
  keyword: z.string().optional(),
  page: queryInt(1, 1, 1_000_000),
  size: queryInt(10, 1, 100),
  collection_name: collectionName.optional(),
});

const headDocument = z
  .object({ id: z.union([z.string().min(1), z.number().int().nonnegative()]).optional(), content: z.string().optional(), text: z.string().optional(), metadata: z.record(z.string(), z.unknown()).nullable().optional() })
  .refine((d) => d.content !== undefined || d.text !== undefined, 'each document needs "content" (or "text")');

export const headIndexBody = z.object({
  documents: z.array(headDocument).min(1).max(10_000),
  collection_name: collectionName,
  index_name: collectionName.optional(),
  vector_dimension: z.number().int().positive().optional(),
  distance_metric: z.enum(['cosine', 'Cosine']).optional(),
  language: z.string().optional(),
});

const filterMetadata = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).nullable().optional();
const filterLanguage = z.enum(['java', 'python', 'javascript', 'typescript']).nullable().optional();

export const headVectorSearchBody = z.object({
  query: z.string().min(1).max(10_000),
  collection_name: collectionName,
  top_k: z.number().int().min(1).max(100).default(10),
  score_threshold: z.number().min(0).max(1).default(0),
  filter_metadata: filterMetadata,
});

export const headBm25SearchBody = z.object({
  query: z.string().min(1).max(10_000),
  index_name: collectionName,
  top_k: z.number().int().min(1).max(100).default(10),
  filter_language: filterLanguage,
});

export const headHybridSearchBody = z
  .object({
    query: z.string().min(1).max(10_000),
    collection_name: collectionName,
    index_name: collectionName,
    top_k: z.number().int().min(1).max(100).default(10),
    vector_weight: weight(0.7),
    bm25_weight: weight(0.3),
    fusion_method: z.enum(['rrf', 'weighted_sum', 'linear_combination']).default('rrf'),
    use_rrf: z.boolean().default(true),
    rrf_k: z.number().int().min(1).max(1000).default(60),
    score_threshold: z.number().min(0).max(1).default(0),
    filter_metadata: filterMetadata,
    filter_language: filterLanguage,
  })
  .refine((b) => b.vector_weight + b.bm25_weight >= 0.8 - 1e-9 && b.vector_weight + b.bm25_weight <= 1.2 + 1e-9, { message: 'vector_weight + bm25_weight must be between 0.8 and 1.2', path: ['vector_weight'] });

export const promptTemplateBody = z.object({
  name: z.string().min(1).max(200).regex(/^[\w.-]+$/, 'only letters, digits, "_", "." and "-"'),
  category: z.enum(['system', 'user', 'context', 'test']),
  language: z.string().min(1).max(40),
  template: z.string().min(1).max(100_000),
  description: z.string().max(2000).nullable().optional(),
  version: z.number().int().min(1).optional(),
  is_active: z.boolean().default(true),
  id: z.string().optional(),
});

export const renderPromptBody = z.object({
  template_name: z.string().min(1).max(200),
  parameters: z.record(z.string(), z.unknown()).default({}),
  language: z.string().max(40).nullable().optional(),
});

export const templateParams = z.object({ name: z.string().min(1).max(200) });
