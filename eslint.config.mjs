import nx from '@nx/eslint-plugin';

/**
 * Module boundaries from DESIGN.md: an app may use everything; suites use the target only through
 * its start API, plus clients and config; the target uses clients and config; clients use config;
 * config uses nothing of ours. Lint fails on any other import between projects.
 */
export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  { ignores: ['**/dist', '**/out-tsc', '**/node_modules', '**/.nx', '**/vitest.config.*.timestamp*', 'packages/e2e/golden/**'] },
  {
    // Module boundaries apply to project sources; per-project tool configs (eslint, vitest) import
    // the shared root configs by path on purpose.
    files: ['**/src/**/*.ts', '**/bin/**/*.js'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:suite', 'type:target', 'type:client', 'type:config'] },
            { sourceTag: 'type:suite', onlyDependOnLibsWithTags: ['type:suite', 'type:target', 'type:client', 'type:config'] },
            { sourceTag: 'type:target', onlyDependOnLibsWithTags: ['type:client', 'type:config'] },
            { sourceTag: 'type:client', onlyDependOnLibsWithTags: ['type:config'] },
            { sourceTag: 'type:config', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: [] },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-globals': ['error', { name: 'fetch', message: 'All HTTP goes through packages/clients (core/http.ts).' }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='process'][callee.property.name='exit']", message: 'Set process.exitCode instead of calling process.exit().' },
      ],
    },
  },
  {
    files: ['**/*.test.ts', '**/testing/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
];
