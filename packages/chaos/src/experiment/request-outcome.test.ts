import { ConnectionError, HttpStatusError, SchemaMismatchError, TimeoutError } from '@rag-validate/clients';
import { describe, expect, it } from 'vitest';
import { classifyFailure, classifySuccess } from './request-outcome.js';

const facts = { method: 'POST' as const, url: 'http://rag/api/v1/search/', elapsedMs: 12 };
const bound = { cleanErrorWithinMs: 10_000 };

describe('classifyFailure', () => {
  it('a status with a JSON body within the bound is a clean error', () => {
    const error = new HttpStatusError({ ...facts, statusCode: 503, body: { detail: 'embedding-server unavailable' }, excerpt: '' });
    expect(classifyFailure(error, 120, bound)).toEqual({ outcome: 'clean-error', status: 503, errorCode: 'RV_ERR_HTTP_STATUS', detail: '503 embedding-server unavailable' });
  });

  it('the same answer after the bound is a slow error', () => {
    const error = new HttpStatusError({ ...facts, statusCode: 503, body: { detail: 'x' }, excerpt: '' });
    expect(classifyFailure(error, 10_001, bound).outcome).toBe('slow-error');
  });

  it('a plain-text 500 (FastAPI unhandled exception) is an unclean error', () => {
    const error = new HttpStatusError({ ...facts, statusCode: 500, body: 'Internal Server Error', excerpt: 'Internal Server Error' });
    expect(classifyFailure(error, 50, bound)).toMatchObject({ outcome: 'unclean-error', status: 500 });
  });

  it('a client timeout is a hang, a refused connection a connection error, a broken 200 an invalid response', () => {
    expect(classifyFailure(new TimeoutError({ ...facts, timeoutMs: 15_000, phase: 'headers' }), 15_000, bound).outcome).toBe('hang');
    expect(classifyFailure(new ConnectionError({ ...facts, reason: 'ECONNREFUSED' }), 1, bound)).toMatchObject({ outcome: 'connection-error', detail: 'ECONNREFUSED' });
    const schema = new SchemaMismatchError({ ...facts, statusCode: 200, reason: 'shape', issues: [], bodyExcerpt: '{}' });
    expect(classifyFailure(schema, 5, bound).outcome).toBe('invalid-response');
  });

  it('an untyped error is never counted as clean', () => {
    expect(classifyFailure(new Error('boom'), 5, bound).outcome).toBe('unclean-error');
  });
});

describe('classifySuccess', () => {
  const baseline = { operation: 'search' as const, hitIds: ['a', 'b', 'c'] };

  it('a search with results sharing hits with the pre-fault answer is ok', () => {
    expect(classifySuccess({ operation: 'search', hitIds: ['c', 'x'] }, { ...bound, baseline }).outcome).toBe('ok');
  });

  it('a 200 with no results where there were results before is silent degradation', () => {
    expect(classifySuccess({ operation: 'search', hitIds: [] }, { ...bound, baseline })).toMatchObject({ outcome: 'degraded', detail: expect.stringContaining('no results') });
  });

  it('a 200 with unrelated results is degraded in strict mode only', () => {
    expect(classifySuccess({ operation: 'search', hitIds: ['x', 'y'] }, { ...bound, baseline }).outcome).toBe('degraded');
    expect(classifySuccess({ operation: 'search', hitIds: ['x', 'y'] }, { ...bound, baseline, compare: 'non-empty' }).outcome).toBe('ok');
  });

  it('generation from no context, where there was context before, is degraded', () => {
    const gen = { operation: 'generate' as const, contexts: 3 };
    expect(classifySuccess({ operation: 'generate', contexts: 0, codeLength: 40 }, { ...bound, baseline: gen }).outcome).toBe('degraded');
    expect(classifySuccess({ operation: 'generate', contexts: 2, codeLength: 40 }, { ...bound, baseline: gen }).outcome).toBe('ok');
    expect(classifySuccess({ operation: 'generate', contexts: 2, codeLength: 0 }, { ...bound, baseline: gen }).outcome).toBe('degraded');
  });

  it('an acknowledged index write is recorded for the durability check', () => {
    expect(classifySuccess({ operation: 'index', filePath: 'a.py', chunks: 3 }, bound)).toEqual({ outcome: 'ok', acknowledged: { filePath: 'a.py', chunks: 3 } });
  });
});
