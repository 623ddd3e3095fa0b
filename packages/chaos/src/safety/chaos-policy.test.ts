import { describe, expect, it } from 'vitest';
import { Fault } from '../faults/fault-spec.js';
import { assertFaultAllowed, chaosPolicy } from './chaos-policy.js';

describe('assertFaultAllowed', () => {
  it('allows a listed service on the embedded stack', () => {
    expect(() => assertFaultAllowed(chaosPolicy({ allow: ['embedding'], allowExternalTarget: false }, 'embedded'), Fault.stop('embedding'))).not.toThrow();
  });

  it('refuses a service missing from chaos.allow, naming what is allowed', () => {
    expect(() => assertFaultAllowed(chaosPolicy({ allow: ['embedding', 'llm'], allowExternalTarget: false }, 'embedded'), Fault.crash('vectorDb'))).toThrow(
      expect.objectContaining({ code: 'RV_ERR_CHAOS_NOT_ALLOWED', service: 'vectorDb', message: expect.stringContaining('embedding, llm') }),
    );
  });

  it('refuses any fault on an external target without chaos.allowExternalTarget', () => {
    expect(() => assertFaultAllowed(chaosPolicy({ allow: ['embedding'], allowExternalTarget: false }, 'external'), Fault.stop('embedding'))).toThrow(
      expect.objectContaining({ code: 'RV_ERR_CHAOS_EXTERNAL_TARGET' }),
    );
    expect(() => assertFaultAllowed(chaosPolicy({ allow: ['embedding'], allowExternalTarget: true }, 'external'), Fault.stop('embedding'))).not.toThrow();
  });
});
