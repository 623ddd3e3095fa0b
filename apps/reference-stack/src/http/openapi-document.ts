import { z } from 'zod';
import type { RouteSpec } from './service-app.js';

export interface OpenApiInfo {
  readonly title: string;
  readonly version: string;
  readonly description?: string;
}

type JsonSchema = Record<string, unknown>;

function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  const out = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  delete out['$schema'];
  return out;
}

function parametersOf(schema: z.ZodType | undefined, where: 'query' | 'path'): JsonSchema[] {
  if (schema === undefined) return [];
  const json = jsonSchemaOf(schema);
  const properties = (json['properties'] ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json['required'] ?? []) as string[]);
  return Object.entries(properties).map(([name, propSchema]) => ({
    name,
    in: where,
    required: where === 'path' ? true : required.has(name),
    schema: propSchema,
  }));
}

function operationId(spec: RouteSpec): string {
  const words = spec.url.replace(/[:{}]/g, '').split(/[^A-Za-z0-9]+/).filter((w) => w.length > 0);
  return [spec.method.toLowerCase(), ...words].join('_') || spec.method.toLowerCase();
}

const VALIDATION_ERROR_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    detail: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          type: { type: 'string' },
          loc: { type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'integer' }] } },
          msg: { type: 'string' },
          input: {},
        },
        required: ['type', 'loc', 'msg'],
      },
    },
  },
};

/** An OpenAPI 3.1 document listing every route with its parameters and body schema. */
export function buildOpenApiDocument(info: OpenApiInfo, routes: readonly RouteSpec[]): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const spec of routes) {
    const path = spec.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const success = String(spec.successStatus ?? 200);
    const produces = spec.produces ?? 'application/json';
    const operation: JsonSchema = {
      operationId: operationId(spec),
      summary: spec.summary,
      tags: [...(spec.tags ?? [])],
      responses: {
        [success]: { description: 'Successful response', content: { [produces]: { schema: {} } } },
        ...(spec.body !== undefined || spec.query !== undefined || spec.params !== undefined
          ? { '422': { description: 'Validation error', content: { 'application/json': { schema: VALIDATION_ERROR_SCHEMA } } } }
          : {}),
      },
    };
    const parameters = [...parametersOf(spec.params, 'path'), ...parametersOf(spec.query, 'query')];
    if (parameters.length > 0) operation['parameters'] = parameters;
    if (spec.body !== undefined) {
      operation['requestBody'] = { required: true, content: { 'application/json': { schema: jsonSchemaOf(spec.body) } } };
    }
    (paths[path] ??= {})[spec.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: { title: info.title, version: info.version, ...(info.description === undefined ? {} : { description: info.description }) },
    paths,
  };
}
