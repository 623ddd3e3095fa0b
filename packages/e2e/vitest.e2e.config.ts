import { defineConfig } from 'vitest/config';
import { sharedVitestConfig } from '../../vitest.shared.ts';

/**
 * The e2e suites, against the configured target (RAG_VALIDATE_CONFIG / RAG_VALIDATE_*_URL) or, when
 * none is configured, the reference stack that the global setup starts on free ports.
 */
export default defineConfig({
  ...sharedVitestConfig,
  test: {
    ...sharedVitestConfig.test,
    name: 'e2e',
    include: ['src/**/*.e2e.ts'],
    globalSetup: ['src/testing/e2e-global-setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
