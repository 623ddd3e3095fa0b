import { defineConfig } from 'vitest/config';
import { sharedVitestConfig } from '../../vitest.shared.ts';

/**
 * Load against the real reference stack (`src/**\/*.e2e.ts`): timing-sensitive, so the Nx target
 * runs alone (`parallelism: false`) and the files one after another.
 */
export default defineConfig({
  ...sharedVitestConfig,
  test: {
    ...sharedVitestConfig.test,
    name: 'perf-e2e',
    include: ['src/**/*.e2e.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
