import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedVitestConfig } from '../../vitest.shared.ts';

// Chaos tests start processes, proxies and containers and wait for recovery: they run one file at a
// time so two experiments never compete for the two cores, and get longer timeouts.
export default mergeConfig(
  sharedVitestConfig,
  defineConfig({ test: { name: 'chaos', fileParallelism: false, testTimeout: 120_000, hookTimeout: 120_000 } }),
);
