import { RagValidateError } from '@rag-validate/config';
import { describe, expect, it } from 'vitest';
import { CaseSkipped, CheckFailure } from './framework/case-recorder.js';
import { E2E_ERROR_CODES } from './errors.js';
import * as api from './index.js';
import { GoldenSetError, MetricArgumentError } from './retrieval/retrieval-errors.js';

describe('e2e error catalog', () => {
  const instances = [new CheckFailure('x'), new CaseSkipped('x'), new GoldenSetError([{ file: 'queries.jsonl', line: 1, message: 'x' }]), new MetricArgumentError('k', 0, 'a positive integer')];

  it('documents every code the package throws, and nothing else', () => {
    expect(instances.map((e) => e.code).sort()).toEqual(Object.keys(E2E_ERROR_CODES).sort());
  });

  it('exports every error class', () => {
    const exported = Object.values(api as Record<string, unknown>).filter(
      (v) => typeof v === 'function' && (v as { prototype?: unknown }).prototype instanceof RagValidateError,
    ) as Array<{ name: string }>;
    expect(exported.map((c) => c.name).sort()).toEqual(instances.map((e) => e.constructor.name).sort());
  });
});
