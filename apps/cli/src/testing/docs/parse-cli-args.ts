import { PassThrough } from 'node:stream';
import { CommanderError, type Command } from 'commander';
import { CliContext } from '../../cli-context.js';
import { EXIT, type ExitCode } from '../../exit-codes.js';
import { Output } from '../../output.js';
import { createProgram } from '../../program.js';

export interface ParsedCliArgs {
  /** 0 when the arguments name a command and every option and argument is accepted; 2 otherwise. */
  readonly exitCode: ExitCode;
  /** The command that would run, e.g. `perf run`. */
  readonly command: string | undefined;
  /** What the CLI printed about the arguments (the usage error). */
  readonly stderr: string;
}

function everyCommand(command: Command): Command[] {
  return [command, ...command.commands.flatMap(everyCommand)];
}

/**
 * Parses `rag-validate` arguments with the CLI's own command tree — commands, options, choices,
 * value parsers, required options and arguments — with the action of every leaf command replaced
 * by one that only records which command was chosen. Nothing is loaded, started or written.
 */
export async function parseCliArgs(args: readonly string[]): Promise<ParsedCliArgs> {
  const stderr = new PassThrough();
  const err: Buffer[] = [];
  stderr.on('data', (chunk: Buffer) => err.push(chunk));
  const ctx = new CliContext(new Output({ json: false, stdout: new PassThrough(), stderr }), { env: {} });
  const program = createProgram(ctx);
  let chosen: string | undefined;
  for (const command of everyCommand(program)) {
    command.exitOverride();
    // Only leaves carry actions; a parent (`chaos`, `perf`) dispatches to its subcommands.
    if (command.commands.length > 0) continue;
    const path: string[] = [];
    for (let c: Command | null = command; c !== null && c !== program; c = c.parent) path.unshift(c.name());
    command.action(() => {
      chosen = path.join(' ');
    });
  }
  let exitCode: ExitCode = EXIT.OK;
  try {
    await program.parseAsync([...args], { from: 'user' });
    if (chosen === undefined) exitCode = EXIT.USAGE;
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    const helpOrVersion = error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help';
    exitCode = helpOrVersion ? EXIT.OK : EXIT.USAGE;
  }
  return { exitCode, command: chosen, stderr: Buffer.concat(err).toString('utf8') };
}
