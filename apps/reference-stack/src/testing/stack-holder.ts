/**
 * Test helper run as its own process: starts a process-mode reference stack, prints
 * `{"pids": [...], "urls": {...}}` on one line and then waits to be killed. Used to prove that the
 * children die with their parent.
 */
import { startReferenceStack } from '../start-reference-stack.js';

const stack = await startReferenceStack({ mode: 'process', logLevel: 'warn', llm: { ttftMs: 0, tokensPerSecond: 0 } });
process.stdout.write(`${JSON.stringify({ pids: Object.values(stack.services).map((s) => s.pid), urls: stack.urls, dataDir: stack.dataDir })}\n`);
setInterval(() => undefined, 60_000);
