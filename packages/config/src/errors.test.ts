import { describe, expect, it } from 'vitest';
import * as api from './index.js';
import { CONFIG_ERROR_CODES, ConfigFileError, ConfigParseError, ConfigValidationError, isRagValidateError, RagValidateError } from './errors.js';

describe('error catalog', () => {
  const instances = [new ConfigFileError('f', 'r'), new ConfigParseError('f', 'r', 1), new ConfigValidationError('s', [])];

  it('documents every code the package throws, and throws every documented code', () => {
    const thrown = instances.map((e) => e.code).sort();
    expect(thrown).toEqual(Object.keys(CONFIG_ERROR_CODES).sort());
  });

  it('exports every error class from the package entry point', () => {
    const exported = Object.values(api as Record<string, unknown>).filter(
      (v) => typeof v === 'function' && (v as { prototype?: unknown }).prototype instanceof RagValidateError,
    ) as Array<{ name: string }>;
    expect(exported.map((c) => c.name).sort()).toEqual(instances.map((e) => e.constructor.name).sort());
  });

  it('gives errors their class name and a JSON form without stacks', () => {
    const error = new ConfigFileError('/x.yaml', 'no such file');
    expect(error.name).toBe('ConfigFileError');
    expect(JSON.parse(JSON.stringify(error))).toEqual({ name: 'ConfigFileError', code: 'RV_ERR_CONFIG_FILE', message: 'cannot read config file /x.yaml: no such file' });
    expect(isRagValidateError(error)).toBe(true);
    expect(isRagValidateError(new Error('plain'))).toBe(false);
  });
});
