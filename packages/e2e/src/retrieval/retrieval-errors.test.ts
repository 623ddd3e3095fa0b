import { isRagValidateError } from '@rag-validate/config';
import { describe, expect, it } from 'vitest';
import { GoldenSetError, MetricArgumentError, RETRIEVAL_ERROR_CODES } from './retrieval-errors.js';

describe('retrieval error catalog', () => {
  const instances = [
    new GoldenSetError([{ file: '/g/queries.jsonl', line: 3, message: 'not valid JSON' }]),
    new MetricArgumentError('k', 0, 'a positive integer'),
  ];

  it('documents every code the module throws, and throws every documented code', () => {
    expect(instances.map((e) => e.code).sort()).toEqual(Object.keys(RETRIEVAL_ERROR_CODES).sort());
  });

  it('are typed rag-validate errors with a JSON form without stacks', () => {
    for (const error of instances) expect(isRagValidateError(error)).toBe(true);
    expect(JSON.parse(JSON.stringify(instances[1]))).toEqual({ name: 'MetricArgumentError', code: 'RV_ERR_METRIC_ARGUMENT', message: 'invalid k 0: expected a positive integer' });
  });

  it('GoldenSetError carries the first problem as file + line and lists the others', () => {
    const error = new GoldenSetError([
      { file: '/g/queries.jsonl', line: 3, message: 'not valid JSON' },
      { file: '/g/corpus/x.md', line: undefined, message: 'unknown language' },
    ]);
    expect(error.file).toBe('/g/queries.jsonl');
    expect(error.line).toBe(3);
    expect(error.problems).toHaveLength(2);
    expect(error.message).toBe('invalid golden set: /g/queries.jsonl:3: not valid JSON\n  - /g/corpus/x.md: unknown language');
  });
});
