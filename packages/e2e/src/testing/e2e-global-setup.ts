import { loadConfig, serviceUrls, type ServiceUrls } from '@rag-validate/config';
import { startReferenceStack, type StartedReferenceStack } from '@rag-validate/reference-stack';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URLs of the target the e2e suites run against. */
    e2eTarget: { urls: ServiceUrls; embedded: boolean };
  }
}

/**
 * Global setup of `nx run-many -t e2e`: when no target is configured (RAG_VALIDATE_CONFIG,
 * ./rag-validate.yaml or RAG_VALIDATE_*_URL), starts the reference stack in process mode on free
 * ports — with a fast LLM so the suites take seconds — and stops it afterwards.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const config = await loadConfig();
  let stack: StartedReferenceStack | undefined;
  if (config.target.mode === 'embedded') {
    stack = await startReferenceStack({ mode: 'process', llm: { ttftMs: 20, tokensPerSecond: 2_000 }, logLevel: 'warn' });
  }
  project.provide('e2eTarget', { urls: stack?.urls ?? serviceUrls(config), embedded: stack !== undefined });
  return async () => {
    await stack?.stop();
  };
}
