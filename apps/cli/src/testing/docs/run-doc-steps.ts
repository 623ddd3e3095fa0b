import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CommandStep, DocStep } from './doc-steps.js';
import { parseCliArgs } from './parse-cli-args.js';

export interface RunDocStepsOptions {
  /** Directory the commands run in (it holds a copy of `deployment/`). */
  readonly workdir: string;
  /** The built CLI, `apps/cli/bin/rag-validate.js`. */
  readonly cliBin: string;
  /** `RAG_VALIDATE_*_URL` of a live stack, for `target` blocks. */
  readonly targetEnv: Readonly<Record<string, string>>;
  /** Absolute paths of the external tools found on PATH (`promtool`); a missing one is reported, not run. */
  readonly tools: Readonly<Partial<Record<string, string>>>;
  /** Deadline of one command. Default: 180 s. */
  readonly timeoutMs?: number;
}

export interface StepOutcome {
  readonly step: CommandStep;
  /** `run`: executed; `parsed`: parsed only; `not-run`: a tool that is not installed. */
  readonly how: 'run' | 'parsed' | 'not-run';
  readonly exitCode: number | undefined;
  readonly ok: boolean;
  /** Why it failed, or why it was not run. */
  readonly detail: string;
  readonly durationMs: number;
}

interface Exec {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
}

function exec(file: string, args: readonly string[], options: { cwd: string; env: Record<string, string>; timeoutMs: number }): Promise<Exec> {
  return new Promise((resolve) => {
    execFile(file, [...args], { cwd: options.cwd, env: options.env, timeout: options.timeoutMs, maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) => {
      const failure = error as (NodeJS.ErrnoException & { code?: number | string; killed?: boolean }) | null;
      const code = failure === null ? 0 : typeof failure.code === 'number' ? failure.code : -1;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) || (failure && typeof failure.code !== 'number' ? failure.message : ''), timedOut: failure?.killed === true });
    });
  });
}

const tail = (text: string, lines = 15) => text.trimEnd().split('\n').slice(-lines).join('\n');

/** The environment every command starts from: nothing of the test process's own RAG_VALIDATE_* settings. */
function baseEnv(workdir: string): Record<string, string> {
  return { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: workdir, NO_COLOR: '1', LANG: 'C.UTF-8' };
}

/**
 * Runs a guide's steps in order in `workdir`: writes its files, runs or parses its commands, and
 * compares each exit code with the one the guide claims. Never throws for a failing command.
 */
export async function runDocSteps(steps: readonly DocStep[], options: RunDocStepsOptions): Promise<StepOutcome[]> {
  const { workdir, cliBin, targetEnv, tools, timeoutMs = 180_000 } = options;
  const outcomes: StepOutcome[] = [];
  for (const step of steps) {
    if (step.kind === 'file') {
      await writeFile(join(workdir, step.name), step.content);
      continue;
    }
    const started = performance.now();
    const took = () => Math.round(performance.now() - started);
    if (step.mode === 'parse') {
      const parsed = await parseCliArgs(step.args);
      const ok = parsed.exitCode === step.expectedExit;
      outcomes.push({ step, how: 'parsed', exitCode: parsed.exitCode, ok, detail: ok ? `parsed as \`${parsed.command ?? ''}\`` : `parsing gave exit ${parsed.exitCode}, the guide says ${step.expectedExit}: ${parsed.stderr.trim()}`, durationMs: took() });
      continue;
    }
    const env = { ...baseEnv(workdir), ...(step.mode === 'target' ? targetEnv : {}), ...step.env };
    let file: string;
    let args: readonly string[];
    if (step.tool === 'rag-validate') {
      file = process.execPath;
      args = [cliBin, ...step.args];
    } else if (step.tool === 'promtool') {
      const found = tools['promtool'];
      if (found === undefined) {
        outcomes.push({ step, how: 'not-run', exitCode: undefined, ok: true, detail: 'promtool is not installed (Debian package prometheus): line not run', durationMs: 0 });
        continue;
      }
      file = found;
      args = step.args;
    } else {
      file = step.tool;
      args = step.args;
    }
    const result = await exec(file, args, { cwd: workdir, env, timeoutMs });
    const ok = !result.timedOut && result.code === step.expectedExit;
    const detail = result.timedOut
      ? `did not finish within ${timeoutMs} ms`
      : ok
        ? `exit ${result.code}`
        : `exit ${result.code}, the guide says ${step.expectedExit}\n--- stdout (tail)\n${tail(result.stdout)}\n--- stderr (tail)\n${tail(result.stderr)}`;
    outcomes.push({ step, how: 'run', exitCode: result.code, ok, detail, durationMs: took() });
  }
  return outcomes;
}
