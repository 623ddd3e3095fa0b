import { describe, expect, it } from 'vitest';
import { RagValidateError } from '@rag-validate/config';
import * as api from './index.js';
import { ComposeFileError, EnvFileError, InputFileError, READINESS_ERROR_CODES, ReadinessOptionsError, ResultsWriteError } from './errors.js';

describe('error catalog', () => {
  const instances = [
    new InputFileError('compose file', 'f', 'r'),
    new ComposeFileError('f', 'r'),
    new EnvFileError('f', 1, 'r'),
    new ReadinessOptionsError('o', 'r'),
    new ResultsWriteError('p', 'r'),
  ];

  it('documents every code the package throws, and throws every documented code', () => {
    expect(instances.map((e) => e.code).sort()).toEqual(Object.keys(READINESS_ERROR_CODES).sort());
  });

  it('exports every error class from the package entry point', () => {
    const exported = Object.values(api as Record<string, unknown>).filter(
      (v) => typeof v === 'function' && (v as { prototype?: unknown }).prototype instanceof RagValidateError,
    ) as Array<{ name: string }>;
    expect(exported.map((c) => c.name).sort()).toEqual(instances.map((e) => e.constructor.name).sort());
  });

  it('serialises without a stack', () => {
    expect(JSON.parse(JSON.stringify(new EnvFileError('.env', 3, 'expected NAME=value')))).toEqual({
      name: 'EnvFileError',
      code: 'RV_ERR_READINESS_ENV_FILE',
      message: 'env file .env line 3: expected NAME=value',
    });
  });
});
