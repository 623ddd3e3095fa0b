import { createServiceClients, probeServices } from '@rag-validate/clients';
import type { Command } from 'commander';
import type { CliContext } from '../cli-context.js';
import { EXIT } from '../exit-codes.js';
import { closedPortHint } from '../hints.js';
import { parsePositiveInt } from '../option-parsers.js';
import { runAction } from '../run-action.js';

/**
 * `rag-validate health`: probes the four services at once with the right endpoint for each and
 * prints one row per service. Exit 0 when all are healthy, 1 otherwise.
 *
 * Pattern for every command: parse options → `ctx.loadConfig()` → call the package API → print
 * through `ctx.output` (table for people, `ctx.output.result()` for --json) → return an exit code.
 */
export function registerHealthCommand(program: Command, ctx: CliContext): void {
  program
    .command('health')
    .description('probe rag-server, embedding-server, llm-server and vector-db concurrently')
    .option('--timeout <ms>', 'timeout of each probe in milliseconds (default: target.healthTimeoutMs)', parsePositiveInt)
    .action((options: { timeout?: number }) =>
      runAction(ctx, async () => {
        const config = await ctx.loadConfig();
        const clients = createServiceClients(config);
        const results = await probeServices(clients, { timeoutMs: options.timeout ?? config.target.healthTimeoutMs });
        const allOk = results.every((r) => r.ok);
        ctx.output.table(
          ['service', 'url', 'status', 'latency', 'detail'],
          results.map((r) => [
            r.displayName,
            r.url,
            r.ok ? 'healthy' : r.probes.some((p) => p.status !== undefined) ? 'unhealthy' : 'unreachable',
            `${Math.round(r.latencyMs)} ms`,
            r.probes.map((p) => `${p.endpoint} ${p.detail}`).join('; '),
          ]),
        );
        if (!allOk && config.target.mode === 'embedded' && results.every((r) => !r.ok)) ctx.output.info(closedPortHint);
        ctx.output.result({ ok: allOk, services: results });
        return allOk ? EXIT.OK : EXIT.FAILED;
      }),
    );
}

