import { resolveConfig, type RagValidateConfig } from './load-config.js';

/** The config with no file and no environment: the embedded reference stack on its default ports. */
export function defaultConfig(): RagValidateConfig {
  return resolveConfig({}, { env: {} });
}
