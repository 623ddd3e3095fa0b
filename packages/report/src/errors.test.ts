import { isRagValidateError, RagValidateError } from '@rag-validate/config';
import { describe, expect, it } from 'vitest';
import * as api from './index.js';
import { NoResultsError, REPORT_ERROR_CODES, ReportWriteError, ResultsDirError } from './errors.js';

describe('error catalog', () => {
  const instances = [new ResultsDirError('/r', 'no such directory'), new NoResultsError('/r', ['run.json']), new ReportWriteError('/r/report.html', 'it is a directory')];

  it('documents every code the package throws, and throws every documented code', () => {
    expect(instances.map((e) => e.code).sort()).toEqual(Object.keys(REPORT_ERROR_CODES).sort());
  });

  it('exports every error class from the package entry point', () => {
    const exported = Object.values(api as Record<string, unknown>).filter(
      (v) => typeof v === 'function' && (v as { prototype?: unknown }).prototype instanceof RagValidateError,
    ) as Array<{ name: string }>;
    expect(exported.map((c) => c.name).sort()).toEqual(instances.map((e) => e.constructor.name).sort());
  });

  it('says what to do, carries the data a caller needs, and serialises without a stack', () => {
    const error = new ResultsDirError('/work/results', 'no such directory');
    expect(error.message).toBe('cannot read the results directory /work/results: no such directory (run `rag-validate run` first, or give --in <dir>)');
    expect(error).toMatchObject({ dir: '/work/results', reason: 'no such directory' });
    expect(JSON.parse(JSON.stringify(error))).toEqual({ name: 'ResultsDirError', code: 'RV_ERR_REPORT_RESULTS_DIR', message: error.message });
    expect(isRagValidateError(new NoResultsError('/r', []))).toBe(true);
  });
});
