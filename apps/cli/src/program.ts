import { Command, CommanderError } from 'commander';
import type { CliContext } from './cli-context.js';
import { registerChaosCommand } from './commands/chaos.js';
import { registerConfigCommand } from './commands/config.js';
import { registerE2eCommand } from './commands/e2e.js';
import { registerHealthCommand } from './commands/health.js';
import { registerMonitoringCommand } from './commands/monitoring.js';
import { registerReadinessCommand } from './commands/readiness.js';
import { registerReportCommand } from './commands/report.js';
import { registerRunCommand } from './commands/run.js';
import { registerStackCommand } from './commands/stack.js';
import { registerPerfCommand } from './commands/perf.js';
import { EXIT } from './exit-codes.js';
import { VERSION } from './version.js';

/** Builds the `rag-validate` command tree. Each area registers its commands from commands/<area>.ts. */
export function createProgram(ctx: CliContext): Command {
  const program = new Command('rag-validate')
    .description('Prove a RAG code-search system (rag-server, embedding-server, llm-server, Qdrant) is production-ready.')
    .version(VERSION, '-V, --version')
    .option('-c, --config <file>', 'config file (default: $RAG_VALIDATE_CONFIG, else ./rag-validate.yaml if present, else built-in defaults)')
    .option('--json', 'print one machine-readable JSON result on stdout (messages go to stderr)')
    .option('--verbose', 'print stack traces of unexpected errors')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.output.info(text.trimEnd()),
      writeErr: (text) => ctx.output.error(text.trimEnd()),
    })
    .hook('preAction', (_root, action) => {
      ctx.setGlobals(action.optsWithGlobals());
    });
  program.addHelpText(
    'after',
    '\nExit codes: 0 all checks passed, 1 a check failed, 2 usage or config error.\nDocs: README.md (config reference), docs/ (operations guides).',
  );

  registerRunCommand(program, ctx);
  registerHealthCommand(program, ctx);
  registerE2eCommand(program, ctx);
  registerConfigCommand(program, ctx);
  registerMonitoringCommand(program, ctx);
  registerStackCommand(program, ctx);
  registerReadinessCommand(program, ctx);
  registerPerfCommand(program, ctx);
  registerChaosCommand(program, ctx);
  registerReportCommand(program, ctx);
  for (const command of program.commands) command.exitOverride().showHelpAfterError('(run with --help for usage)');
  return program;
}

/** Runs the program on argv and sets process.exitCode (never calls process.exit). */
export async function runProgram(ctx: CliContext, argv: readonly string[]): Promise<void> {
  const program = createProgram(ctx);
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      const helpOrVersion = error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help';
      process.exitCode = helpOrVersion ? EXIT.OK : EXIT.USAGE;
      return;
    }
    throw error;
  }
}
