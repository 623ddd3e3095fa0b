import { redactConfig } from '@rag-validate/config';
import type { Command } from 'commander';
import { stringify } from 'yaml';
import type { CliContext } from '../cli-context.js';
import { EXIT } from '../exit-codes.js';
import { runAction } from '../run-action.js';

/** `rag-validate config print | validate`. */
export function registerConfigCommand(program: Command, ctx: CliContext): void {
  const config = program.command('config').description('show or check the resolved configuration');

  config
    .command('print')
    .description('print the resolved config (file + environment + defaults) with secrets redacted')
    .action(() =>
      runAction(ctx, async () => {
        const resolved = redactConfig(await ctx.loadConfig());
        if (ctx.output.json) ctx.output.result(resolved);
        else ctx.output.info(stringify(resolved, { lineWidth: 0 }).trimEnd());
        return EXIT.OK;
      }),
    );

  config
    .command('validate')
    .description('check the config file and environment overrides; list every problem (exit 2 when invalid)')
    .action(() =>
      runAction(ctx, async () => {
        const resolved = await ctx.loadConfig();
        const where = resolved.source.file ?? 'defaults (no config file)';
        const env = resolved.source.envOverrides.length > 0 ? ` + ${resolved.source.envOverrides.join(', ')}` : '';
        ctx.output.info(`config is valid: ${where}${env}; target ${resolved.target.mode}, contract ${resolved.target.contract}`);
        ctx.output.result({ ok: true, file: resolved.source.file ?? null, envOverrides: resolved.source.envOverrides, mode: resolved.target.mode });
        return EXIT.OK;
      }),
    );
}
