import { RagValidateError } from '@rag-validate/config';
import { describe, expect, it } from 'vitest';
import * as api from './index.js';
import { InvalidStackOptionsError, PortInUseError, REFERENCE_STACK_ERROR_CODES, ServiceStartError, ServiceStartTimeoutError, UnsupportedOperationError } from './errors.js';

describe('error catalog', () => {
  const instances = [
    new InvalidStackOptionsError(['x']),
    new PortInUseError('rag-server', '127.0.0.1', 8000),
    new ServiceStartError('llm-server', { reason: 'boom', exitCode: 1, outputTail: ['last line'] }),
    new ServiceStartTimeoutError('vector-db', 1000),
    new UnsupportedOperationError('rag-server', 'kill(SIGSTOP)', 'in-process'),
  ];

  it('documents every code the package throws, and throws every documented code', () => {
    expect(instances.map((e) => e.code).sort()).toEqual(Object.keys(REFERENCE_STACK_ERROR_CODES).sort());
  });

  it('exports every error class from the package entry point', () => {
    const exported = Object.values(api).filter((v) => typeof v === 'function' && (v as { prototype?: unknown }).prototype instanceof RagValidateError);
    expect(exported.map((c) => (c as { name: string }).name).sort()).toEqual(instances.map((e) => e.constructor.name).sort());
  });

  it('carries the data a caller needs', () => {
    const start = new ServiceStartError('llm-server', { reason: 'exited with code 1', exitCode: 1, outputTail: ['Error: boom'] });
    expect(start.message).toContain('Error: boom');
    expect(start.exitCode).toBe(1);
    expect(new PortInUseError('rag-server', '127.0.0.1', 8000).port).toBe(8000);
  });
});
