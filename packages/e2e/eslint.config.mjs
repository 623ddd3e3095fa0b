import baseConfig from '../../eslint.config.mjs';

// golden/corpus holds the golden set's sample source files: data, not project code.
export default [...baseConfig, { ignores: ['golden/**'] }];
