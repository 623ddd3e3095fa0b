import type { ContractVersion, RagValidateConfig } from '@rag-validate/config';
import { deriveObjectives } from '../gates/objectives.js';
import { GATES, type GateId } from '../gates/gate-registry.js';
import { OPERATIONS, type OperationId } from '../operations/operation-catalog.js';
import type { OperationObjectives } from '../result/perf-result.js';
import type { RateStage } from '../schedule/rate-stage.js';
import { WeightedMix } from '../schedule/weighted-mix.js';
import type { RunSettings } from '../scenarios/run-settings.js';

/** A JSON body with placeholders each exporter replaces by an expression of its language. */
export type BodyTemplate =
  | string
  | number
  | boolean
  | null
  | { readonly $var: 'query' | 'promptQuery' | 'promptLanguage' | 'filePath' | 'content' | 'docId' }
  | readonly BodyTemplate[]
  | { readonly [key: string]: BodyTemplate };

export interface ExportCall {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly body?: BodyTemplate;
}

/** One operation of an exported scenario. */
export interface ExportOperation {
  readonly name: OperationId;
  readonly service: 'rag' | 'llm';
  /** Its share of the arrival rate. */
  readonly share: number;
  /** Calls made by one iteration (the HEAD contract indexes with two). */
  readonly calls: readonly ExportCall[];
  /** `healthy`: 2xx and `"status": "healthy"`; `ok`: any 2xx. */
  readonly check: 'healthy' | 'ok';
  readonly objectives: OperationObjectives;
  /** The run-scope gates that apply, with their thresholds. */
  readonly gates: ReadonlyArray<{ readonly gate: GateId; readonly threshold: number }>;
}

/** Where a service is, and which environment variables carry its credentials (never the values). */
export interface ExportService {
  readonly url: string;
  readonly headers: ReadonlyArray<{ readonly name: string; readonly env: string; readonly bearer: boolean }>;
}

/** Everything an exporter needs, language-neutral. */
export interface ExportPlan {
  readonly scenario: string;
  readonly description: string;
  readonly contract: ContractVersion;
  readonly services: { readonly rag: ExportService; readonly llm: ExportService };
  /** The warm-up ramps from 0 to `warmupRps` over `warmupMs`. */
  readonly warmupMs: number;
  readonly warmupRps: number;
  readonly stages: readonly RateStage[];
  readonly maxInFlight: number;
  readonly operations: readonly ExportOperation[];
  readonly collection: string;
  readonly bm25Index: string;
  readonly llmModel: string;
}

const SERVICE_ENV = { rag: 'RAG', llm: 'LLM' } as const;

/**
 * Builds the export plan of a run: the same scenario, rates, request shapes and gate thresholds
 * the generator uses, for a k6 script or a locustfile. `contract` decides the request paths.
 */
export function buildExportPlan(settings: RunSettings, config: Pick<RagValidateConfig, 'target' | 'slos'>, contract: ContractVersion): ExportPlan {
  const objectives = deriveObjectives(settings, config.slos);
  const shares = new WeightedMix(settings.scenario.mix.map((m) => ({ item: m.operation, weight: m.weight }))).shares();
  const service = (name: 'rag' | 'llm'): ExportService => {
    const target = config.target.services[name];
    const prefix = `RAG_VALIDATE_${SERVICE_ENV[name]}`;
    const headers: Array<{ name: string; env: string; bearer: boolean }> = [];
    if (target.auth?.apiKey !== undefined) headers.push({ name: target.auth.apiKeyHeader, env: `${prefix}_API_KEY`, bearer: target.auth.apiKeyHeader === 'authorization' });
    for (const header of Object.keys(target.auth?.headers ?? {})) {
      headers.push({ name: header.toLowerCase(), env: `${prefix}_HEADER_${header.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`, bearer: false });
    }
    return { url: target.url, headers };
  };
  const first = settings.stages[0];
  const operations = settings.scenario.mix.map((entry, index): ExportOperation => {
    const info = OPERATIONS[entry.operation];
    const objective = objectives[entry.operation] as OperationObjectives;
    return {
      name: entry.operation,
      service: info.service,
      share: shares[index] ?? 0,
      calls: callsFor(entry.operation, contract, config, entry.params ?? {}),
      check: entry.operation === 'health' ? 'healthy' : 'ok',
      objectives: objective,
      gates: GATES.filter((g) => g.scope === 'run')
        .map((g) => ({ gate: g.id, threshold: g.threshold(objective) }))
        .filter((g): g is { gate: GateId; threshold: number } => g.threshold !== undefined),
    };
  });
  return {
    scenario: settings.scenario.name,
    description: settings.scenario.description,
    contract,
    services: { rag: service('rag'), llm: service('llm') },
    warmupMs: settings.warmup.reduce((sum, s) => sum + s.durationMs, 0),
    warmupRps: settings.warmup[0]?.toRps ?? first?.fromRps ?? 0,
    stages: settings.stages,
    maxInFlight: settings.maxInFlight,
    operations,
    collection: config.target.collection.name,
    bm25Index: config.target.bm25Index,
    llmModel: config.target.llmModel,
  };
}

function callsFor(operation: OperationId, contract: ContractVersion, config: Pick<RagValidateConfig, 'target'>, params: { limit?: number; maxTokens?: number }): ExportCall[] {
  const limit = params.limit ?? 5;
  const maxTokens = params.maxTokens ?? 200;
  const collection = config.target.collection.name;
  const bm25Index = config.target.bm25Index;
  switch (operation) {
    case 'health':
      return [{ method: 'GET', path: '/health' }];
    case 'search':
      // The bodies RagApiClient.search sends for a hybrid search.
      return contract === 'codev-head'
        ? [
            {
              method: 'POST',
              path: '/api/v1/search/hybrid',
              body: { query: { $var: 'query' }, collection_name: collection, index_name: bm25Index, top_k: limit, vector_weight: 0.7, bm25_weight: 0.3, use_rrf: true },
            },
          ]
        : [
            {
              method: 'POST',
              path: '/api/v1/search/',
              body: { query: { $var: 'query' }, limit, vector_weight: 0.7, keyword_weight: 0.3, collection_name: collection, use_rrf: false },
            },
          ];
    case 'generate':
      return [{ method: 'POST', path: '/api/v1/generate/', body: { query: { $var: 'promptQuery' }, language: { $var: 'promptLanguage' }, max_tokens: maxTokens } }];
    case 'index': {
      if (contract === 'codev-head') {
        const document = { id: { $var: 'docId' }, content: { $var: 'content' }, metadata: { file_path: { $var: 'filePath' }, language: 'python' } };
        return [
          { method: 'POST', path: '/api/v1/indexing/vector/index', body: { documents: [document], collection_name: collection } },
          { method: 'POST', path: '/api/v1/indexing/bm25/index', body: { documents: [document], collection_name: bm25Index } },
        ];
      }
      return [{ method: 'POST', path: '/api/v1/indexing/file', body: { file_path: { $var: 'filePath' }, content: { $var: 'content' }, language: 'python', force_update: false } }];
    }
    case 'llm-stream':
      return [
        {
          method: 'POST',
          path: '/v1/chat/completions',
          body: {
            model: config.target.llmModel,
            messages: [{ role: 'user', content: { $var: 'promptQuery' } }],
            max_tokens: maxTokens,
            stream: true,
            stream_options: { include_usage: true },
          },
        },
      ];
  }
}

/** Renders a body template as source code, with `variable` giving each placeholder's expression. */
export function renderBody(template: BodyTemplate, variable: (name: string) => string, literal: (value: string | number | boolean | null) => string): string {
  if (template === null || typeof template !== 'object') return literal(template);
  if (Array.isArray(template)) return `[${template.map((item: BodyTemplate) => renderBody(item, variable, literal)).join(', ')}]`;
  const record = template as { readonly [key: string]: BodyTemplate };
  if ('$var' in record && typeof record['$var'] === 'string') return variable(record['$var']);
  return `{ ${Object.entries(record)
    .map(([key, value]) => `${literal(key)}: ${renderBody(value, variable, literal)}`)
    .join(', ')} }`;
}
