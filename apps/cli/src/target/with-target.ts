import { createServiceClients, probeServices } from '@rag-validate/clients';
import { withServiceUrls, type RagValidateConfig } from '@rag-validate/config';
import { startReferenceStack, type StartedReferenceStack } from '@rag-validate/reference-stack';
import type { CliContext } from '../cli-context.js';

/** What a command runs against: the configured system, or the embedded stack rag-validate started. */
export interface Target {
  /** The config, pointed at the running target's URLs. */
  readonly config: RagValidateConfig;
  /** The embedded reference stack, when rag-validate started it (chaos needs its process handles). */
  readonly stack: StartedReferenceStack | undefined;
  /** Aborted on SIGINT/SIGTERM: long runs stop early and clean up. */
  readonly signal: AbortSignal;
}

export interface WithTargetOptions {
  /** Options passed to startReferenceStack when the target is embedded. */
  readonly stack?: Parameters<typeof startReferenceStack>[0];
  /**
   * In embedded mode, use a stack that already answers on the configured ports (`rag-validate
   * stack up`) instead of starting one. Default: false (a fresh stack on free ports).
   */
  readonly reuseRunning?: boolean;
}

/**
 * Runs `body` against the target: in embedded mode it starts the reference stack in process mode
 * on free ports first and always stops it afterwards — also on Ctrl-C or SIGTERM, so nothing is
 * left running. The signal handlers only abort `signal`; the body unwinds and cleanup runs.
 */
export async function withTarget<T>(ctx: CliContext, config: RagValidateConfig, body: (target: Target) => Promise<T>, options: WithTargetOptions = {}): Promise<T> {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) return;
    ctx.output.error(`received ${signal}: stopping and cleaning up…`);
    controller.abort(new Error(`interrupted by ${signal}`));
    process.exitCode = 130;
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let stack: StartedReferenceStack | undefined;
  try {
    const running = config.target.mode === 'embedded' && options.reuseRunning === true && (await answersHealth(config));
    if (running) ctx.output.step('using the embedded reference stack already running on the configured ports');
    if (config.target.mode === 'embedded' && !running) {
      ctx.output.step('starting the embedded reference stack (process mode, free ports)…');
      stack = await startReferenceStack({ mode: 'process', ...options.stack });
      ctx.output.step(`reference stack up: rag ${stack.urls.rag}, embedding ${stack.urls.embedding}, llm ${stack.urls.llm}, vector-db ${stack.urls.vectorDb}`);
    }
    const target: Target = { config: stack ? withServiceUrls(config, stack.urls) : config, stack, signal: controller.signal };
    return await body(target);
  } finally {
    if (stack !== undefined) {
      ctx.output.step('stopping the embedded reference stack…');
      await stack.stop();
    }
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

async function answersHealth(config: RagValidateConfig): Promise<boolean> {
  const services = await probeServices(createServiceClients(config), { timeoutMs: 1_000 });
  return services.every((service) => service.ok);
}
