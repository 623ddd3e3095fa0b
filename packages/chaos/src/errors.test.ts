import { describe, expect, it } from 'vitest';
import { RagValidateError, isRagValidateError } from '@rag-validate/config';
import * as api from './index.js';
import {
  CHAOS_ERROR_CODES,
  ChaosMeshExportError,
  DockerUnavailableError,
  ExperimentAbortedError,
  ExternalTargetNotAllowedError,
  FaultInjectionError,
  FaultNotAllowedError,
  FaultTargetNotFoundError,
  InvalidFaultOptionError,
  JournalError,
  RollbackError,
  UnknownExperimentError,
  UnsupportedFaultError,
} from './errors.js';

describe('chaos error catalog', () => {
  const instances = [
    new FaultNotAllowedError('llm', ['embedding']),
    new ExternalTargetNotAllowedError(),
    new UnknownExperimentError('x', ['a']),
    new InvalidFaultOptionError('o', 'r'),
    new FaultTargetNotFoundError('process', 'rag', 'r'),
    new UnsupportedFaultError('process', 'latency', 'h'),
    new FaultInjectionError('docker', 'rag', 'r'),
    new RollbackError(['x']),
    new JournalError('/j', 'r'),
    new DockerUnavailableError('/s', 'r'),
    new ExperimentAbortedError('SIGINT'),
    new ChaosMeshExportError(['p']),
  ];

  it('documents every code the package throws, and throws every documented code', () => {
    expect(instances.map((e) => e.code).sort()).toEqual(Object.keys(CHAOS_ERROR_CODES).sort());
  });

  it('exports every error class from the package entry point', () => {
    const exported = Object.values(api as Record<string, unknown>).filter(
      (v) => typeof v === 'function' && (v as { prototype?: unknown }).prototype instanceof RagValidateError,
    ) as Array<{ name: string }>;
    expect(exported.map((c) => c.name).sort()).toEqual(instances.map((e) => e.constructor.name).sort());
  });

  it('errors carry their class name, a JSON form without stacks, and the data a caller needs', () => {
    const error = new FaultNotAllowedError('vectorDb', ['embedding', 'llm']);
    expect(error.name).toBe('FaultNotAllowedError');
    expect(JSON.parse(JSON.stringify(error))).toEqual({ name: 'FaultNotAllowedError', code: 'RV_ERR_CHAOS_NOT_ALLOWED', message: error.message });
    expect(error).toMatchObject({ service: 'vectorDb', allowed: ['embedding', 'llm'] });
    expect(isRagValidateError(new RollbackError(['a', 'b']))).toBe(true);
    expect(new RollbackError(['stop llm: refused']).message).toContain('chaos rollback');
  });
});
