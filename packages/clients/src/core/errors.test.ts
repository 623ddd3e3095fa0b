import { RagValidateError } from '@rag-validate/config';
import { describe, expect, it } from 'vitest';
import * as api from '../index.js';
import {
  AbortedError,
  CLIENT_ERROR_CODES,
  ConnectionError,
  ContractDetectionError,
  HttpStatusError,
  InvalidArgumentError,
  ResponseTooLargeError,
  SchemaMismatchError,
  TimeoutError,
  UnsupportedOperationError,
} from './errors.js';

const facts = { method: 'GET' as const, url: 'http://x/y', elapsedMs: 1 };
const instances = [
  new TimeoutError({ ...facts, timeoutMs: 5, phase: 'total' }),
  new ConnectionError({ ...facts, reason: 'ECONNREFUSED' }),
  new HttpStatusError({ ...facts, statusCode: 500, body: 'x', excerpt: 'x' }),
  new SchemaMismatchError({ ...facts, statusCode: 200, reason: 'shape', issues: [], bodyExcerpt: '' }),
  new ResponseTooLargeError({ ...facts, limitBytes: 1 }),
  new AbortedError('GET', 'http://x'),
  new InvalidArgumentError('x', 'y'),
  new UnsupportedOperationError('op', 'codev-head', 'hint'),
  new ContractDetectionError('http://x', 'detail'),
];

describe('client error catalog', () => {
  it('documents every code the clients throw, and nothing else', () => {
    expect(instances.map((e) => e.code).sort()).toEqual(Object.keys(CLIENT_ERROR_CODES).sort());
  });

  it('exports every error class, each a RagValidateError', () => {
    const exported = Object.values(api as Record<string, unknown>).filter(
      (v) => typeof v === 'function' && (v as { prototype?: unknown }).prototype instanceof RagValidateError,
    ) as Array<{ name: string }>;
    expect(exported.map((c) => c.name).sort()).toEqual(instances.map((e) => e.constructor.name).sort());
    for (const error of instances) expect(error).toBeInstanceOf(RagValidateError);
  });
});
