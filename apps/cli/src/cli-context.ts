import { collectSecrets, loadConfig, type RagValidateConfig } from '@rag-validate/config';
import type { Output } from './output.js';

/** Global options every command sees. */
export interface GlobalOptions {
  readonly config?: string;
  readonly json?: boolean;
  readonly verbose?: boolean;
}

/** What a command needs from the CLI: the config (loaded once, from --config + environment) and the output. */
export class CliContext {
  readonly output: Output;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  #globals: GlobalOptions = {};
  #config: Promise<RagValidateConfig> | undefined;

  constructor(output: Output, options: { env?: Readonly<Record<string, string | undefined>>; cwd?: string } = {}) {
    this.output = output;
    this.env = options.env ?? process.env;
    this.cwd = options.cwd ?? process.cwd();
  }

  setGlobals(globals: GlobalOptions): void {
    this.#globals = globals;
  }

  get globals(): GlobalOptions {
    return this.#globals;
  }

  /** Loads and validates the config once; registers its secrets with the output redactor. */
  loadConfig(): Promise<RagValidateConfig> {
    this.#config ??= loadConfig({ file: this.#globals.config, env: this.env, cwd: this.cwd }).then((config) => {
      this.output.setSecrets(collectSecrets(config));
      return config;
    });
    return this.#config;
  }
}
