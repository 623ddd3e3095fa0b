import { Agent } from 'undici';

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
