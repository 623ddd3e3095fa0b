import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedVitestConfig } from '../../vitest.shared.ts';

export default mergeConfig(
  sharedVitestConfig,
  defineConfig({
    test: {
      name: 'reference-stack',
      // Process-mode tests spawn real child processes; on a 2-core machine running them all in
      // parallel only makes each of them slower.
      maxWorkers: 2,
      // Process-mode suites start four Node processes each; on a loaded machine that can take a while.
      hookTimeout: 120_000,
    },
  }),
);
