import { PassThrough } from 'node:stream';
import { CliContext } from '../cli-context.js';
import { Output } from '../output.js';
import { runProgram } from '../program.js';

export interface CliRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in this process with the given arguments and environment, capturing its output. */
export async function runCli(args: readonly string[], options: { env?: Record<string, string | undefined>; cwd?: string } = {}): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.on('data', (c: Buffer) => err.push(c));
  const ctx = new CliContext(new Output({ json: args.includes('--json'), stdout, stderr }), { env: options.env ?? {}, ...(options.cwd ? { cwd: options.cwd } : {}) });
  const previous = process.exitCode;
  process.exitCode = 0;
  try {
    await runProgram(ctx, args);
    return { exitCode: Number(process.exitCode ?? 0), stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
  } finally {
    process.exitCode = previous;
  }
}
