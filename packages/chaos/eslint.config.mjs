import baseConfig from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    // `await using _fault = …` holds a fault for a block: the binding is the point, not its reads.
    files: ['**/*.ts'],
    rules: { '@typescript-eslint/no-unused-vars': ['warn', { varsIgnorePattern: '^_', argsIgnorePattern: '^_' }] },
  },
];
