import type { StackLauncher } from '@rag-validate/chaos';
import { UsageError } from './usage-error.js';

/**
 * Starts the embedded reference stack for a chaos run. Placeholder until apps/reference-stack
 * lands on main: point rag-validate at a running system instead (target URLs + chaos settings).
 */
export const launchEmbeddedStack: StackLauncher = () => {
  throw new UsageError('the embedded reference stack is not available in this build: configure target URLs (an external target) to run chaos experiments');
};
