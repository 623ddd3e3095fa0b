import { z } from 'zod';

/** Response schemas of the rag-server, per contract version (see shared/contract/codev-rag-server.md). */

const nullableNumber = z.number().nullable().optional();
const nullableString = z.string().nullable().optional();

export const healthResponse = z.object({ status: z.string(), service: z.string().optional(), timestamp: z.string().optional() }).loose();

export const indexingResponse = z
  .object({ file_path: z.string(), chunks_count: z.number().int(), message: z.string(), indexed_at: z.string().optional() })
  .loose();

export const batchIndexingResponse = z
  .object({
    total_files: z.number().int(),
    successful_files: z.number().int(),
    failed_files: z.number().int(),
    total_chunks: z.number().int(),
    results: z.array(indexingResponse),
    errors: z.array(z.string()),
  })
  .loose();

export const chunkItem = z
  .object({
    id: z.union([z.string(), z.number()]),
    file_path: z.string(),
    code_content: z.string(),
    code_type: nullableString,
    language: nullableString,
    line_start: nullableNumber,
    line_end: nullableNumber,
  })
  .loose();

export const chunkListResponse = z
  .object({ chunks: z.array(chunkItem), total: z.number().int(), page: z.number().int(), size: z.number().int(), total_pages: z.number().int() })
  .loose();

export const task06SearchResponse = z
  .object({
    query: z.string(),
    results: z.array(
      z
        .object({
          id: z.union([z.string(), z.number()]),
          file_path: z.string(),
          function_name: nullableString,
          code_content: z.string(),
          code_type: nullableString,
          language: nullableString,
          line_start: nullableNumber,
          line_end: nullableNumber,
          keywords: z.array(z.string()).optional(),
          vector_score: nullableNumber,
          keyword_score: nullableNumber,
          combined_score: z.number(),
        })
        .loose(),
    ),
    total_results: z.number().int(),
    search_time_ms: z.number(),
    search_method: z.string().optional(),
  })
  .loose();

export const headSearchResponse = z
  .object({
    success: z.boolean(),
    results: z.array(
      z
        .object({
          content: z.string(),
          score: z.number(),
          metadata: z.record(z.string(), z.unknown()).nullable().optional(),
          document_id: nullableString,
        })
        .loose(),
    ),
    total_results: z.number().int(),
    search_time_ms: z.number().optional(),
    error: z.string().nullable().optional(),
  })
  .loose();

export const headIndexingResponse = z
  .object({ success: z.boolean(), indexed_count: z.number().int(), collection_name: z.string().optional(), error_message: z.string().nullable().optional() })
  .loose();

export const generateResponse = z
  .object({
    query: z.string(),
    generated_code: z.string(),
    contexts_used: z.array(
      z
        .object({
          file_path: nullableString,
          code_content: nullableString,
          relevance_score: nullableNumber,
          code_type: nullableString,
          language: nullableString,
        })
        .loose(),
    ),
    generation_time_ms: z.number(),
    model_used: z.string(),
    language: z.string(),
    tokens_used: z.number().nullable().optional(),
    search_results_count: z.number().int(),
  })
  .loose();

export const languagesResponse = z.object({ languages: z.array(z.object({ code: z.string(), name: z.string(), description: z.string() }).loose()) }).loose();

export const renderedPromptResponse = z.object({ rendered_prompt: z.string(), template_used: z.string() }).loose();

export const templateResponse = z.object({ name: z.string(), category: z.string(), language: z.string(), template: z.string() }).loose();

export const openApiDocument = z.object({ openapi: z.string().optional(), paths: z.record(z.string(), z.unknown()) }).loose();

export const searchServiceHealth = z.object({ status: z.string(), service: z.string() }).loose();
