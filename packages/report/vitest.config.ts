import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedVitestConfig } from '../../vitest.shared.ts';

/**
 * The render tests read results the suites produced for real: the global setup runs health, two
 * e2e suites, two short perf scenarios, one chaos experiment and the readiness checklist against
 * reference stacks on free ports (and the coverage tool on packages/config) once, into a temp dir.
 */
export default mergeConfig(
  sharedVitestConfig,
  defineConfig({ test: { name: 'report', globalSetup: ['src/testing/real-results-setup.ts'], testTimeout: 60_000 } }),
);
