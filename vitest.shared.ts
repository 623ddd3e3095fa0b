import { defaultServerConditions } from 'vite';
import type { ViteUserConfig } from 'vitest/config';

/**
 * Settings every project's vitest config starts from: workspace packages resolve to their
 * TypeScript sources (the `@rag-validate/source` export condition), so unit tests never need a
 * build of the packages they import.
 */
export const sharedVitestConfig: ViteUserConfig = {
  ssr: {
    resolve: {
      conditions: ['@rag-validate/source', ...defaultServerConditions],
    },
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
};
