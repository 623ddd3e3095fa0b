import { join } from 'node:path';
import { defaultConfig } from '@rag-validate/config';
import { describe, expect, it } from 'vitest';
import { generateMonitoringFiles } from './generate-monitoring-files.js';
import { writeMonitoringFiles } from './write-monitoring-files.js';

const DEPLOYMENT_DIR = join(import.meta.dirname, '..', '..', '..', 'deployment', 'monitoring');
const REGENERATE = 'npx rag-validate monitoring generate --out deployment/monitoring';

describe('deployment/monitoring (committed files generated from the default config)', () => {
  it('is current', async () => {
    const result = await writeMonitoringFiles(DEPLOYMENT_DIR, generateMonitoringFiles(defaultConfig()), { check: true });
    const outdated = [...result.stale.map((p) => `stale: ${p}`), ...result.missing.map((p) => `missing: ${p}`), ...result.orphaned.map((p) => `no longer generated: ${p}`)];
    expect(
      outdated,
      `deployment/monitoring is out of date. Regenerate it from the repository root (no rag-validate.yaml there, no RAG_VALIDATE_* variables set) with:\n  ${REGENERATE}\nand commit the result.`,
    ).toEqual([]);
    expect(result.current.length).toBeGreaterThan(0);
  });
});
