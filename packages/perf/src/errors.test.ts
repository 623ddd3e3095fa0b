import { RagValidateError } from '@rag-validate/config';
import { describe, expect, it } from 'vitest';
import * as api from './index.js';
import { PERF_ERROR_CODES, PerfMergeError, PerfOptionError, PerfPreflightError, PerfResultFileError, UnknownScenarioError } from './errors.js';

describe('perf error catalog', () => {
  const instances = [
    new PerfOptionError('--rps', -1, 'expected a rate'),
    new UnknownScenarioError('soak', ['search']),
    new PerfResultFileError('a.json', ['kind: invalid']),
    new PerfMergeError('different scenarios'),
    new PerfPreflightError('rag', 'http://x', 'connection refused'),
  ];

  it('documents every code the package throws, and throws every documented code', () => {
    expect(instances.map((e) => e.code).sort()).toEqual(Object.keys(PERF_ERROR_CODES).sort());
  });

  it('exports every error class from the package entry point', () => {
    const exported = Object.values(api as Record<string, unknown>).filter(
      (v) => typeof v === 'function' && (v as { prototype?: unknown }).prototype instanceof RagValidateError,
    ) as Array<{ name: string }>;
    expect(exported.map((c) => c.name).sort()).toEqual(instances.map((e) => e.constructor.name).sort());
  });

  it('gives JSON forms without stacks, naming what was wrong', () => {
    expect(JSON.parse(JSON.stringify(instances[0]))).toEqual({ name: 'PerfOptionError', code: 'RV_ERR_PERF_OPTION', message: 'invalid --rps -1: expected a rate' });
  });
});
