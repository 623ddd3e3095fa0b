import { RagValidateError } from '@rag-validate/config';
import { describe, expect, it } from 'vitest';
import { MONITORING_ERROR_CODES, MonitoringOptionsError, MonitoringWriteError, SloThresholdError } from './errors.js';
import * as api from './index.js';

describe('error catalog', () => {
  const instances = [new MonitoringOptionsError('scrapeInterval', 'x', 'r'), new SloThresholdError('slos.search.latency.p95Ms', 4000, [3, 5]), new MonitoringWriteError('/x', 'EACCES')];

  it('documents every code the package throws, and throws every documented code', () => {
    expect(instances.map((e) => e.code).sort()).toEqual(Object.keys(MONITORING_ERROR_CODES).sort());
  });

  it('exports every error class from the package entry point', () => {
    const exported = (Object.values(api) as unknown[]).filter((v): v is typeof RagValidateError => typeof v === 'function' && v.prototype instanceof RagValidateError);
    expect(exported.map((c) => c.name).sort()).toEqual(instances.map((e) => e.constructor.name).sort());
  });

  it('names the config path and the thresholds a latency objective may use', () => {
    const error = new SloThresholdError('slos.search.latency.p95Ms', 4000, [3, 5]);
    expect(error.message).toContain('slos.search.latency.p95Ms = 4000 ms');
    expect(error.message).toContain('3000, 5000');
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ name: 'SloThresholdError', code: 'RV_ERR_MONITORING_SLO_THRESHOLD' });
  });
});
