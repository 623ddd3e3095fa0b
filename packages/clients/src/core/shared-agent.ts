import { Agent } from 'undici';
import { InvalidArgumentError } from './errors.js';

export interface KeepAliveAgentOptions {
  /** Connections per origin (one call in flight needs one connection). Default: 256. */
  readonly connections?: number;
  /** How long an idle connection is kept. Default: 4_000. */
  readonly keepAliveTimeoutMs?: number;
}

/**
 * A keep-alive Agent of one's own, for callers that need more (or fewer) connections per origin
 * than the shared one, e.g. a load generator with up to 1,000 calls in flight. Close it when done.
 */
export function createKeepAliveAgent(options: KeepAliveAgentOptions = {}): Agent {
  const { connections = 256, keepAliveTimeoutMs = 4_000 } = options;
  if (!Number.isInteger(connections) || connections < 1) throw new InvalidArgumentError('connections', `expected a whole number ≥ 1, got ${connections}`);
  return new Agent({ keepAliveTimeout: keepAliveTimeoutMs, keepAliveMaxTimeout: Math.max(30_000, keepAliveTimeoutMs), connections, pipelining: 1 });
}

let agent: Agent | undefined;

/** The process-wide keep-alive Agent every client uses unless given its own dispatcher. */
export function sharedAgent(): Agent {
  agent ??= new Agent({ keepAliveTimeout: 4_000, keepAliveMaxTimeout: 30_000, connections: 256, pipelining: 1 });
  return agent;
}

/**
 * Closes the shared Agent's idle connections so the process can exit at once (the CLI calls this
 * when a command is done). A later call creates a new Agent.
 */
export async function closeSharedAgent(): Promise<void> {
  const current = agent;
  agent = undefined;
  if (current !== undefined) await current.close();
}
