import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The absolute path of an executable on PATH, or undefined when it is not installed. */
export function findExecutable(name: string, path = process.env['PATH'] ?? ''): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Why a test that needs `name` is skipped, or undefined when it can run. */
export function missingToolReason(name: string, installHint: string): string | undefined {
  return findExecutable(name) === undefined ? `${name} is not installed (not on PATH); ${installHint}` : undefined;
}

export interface ToolRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a tool to completion (killed after `timeoutMs`) and returns its exit code and output. */
export function runTool(file: string, args: readonly string[], options: { cwd?: string; timeoutMs?: number } = {}): Promise<ToolRun> {
  const { cwd, timeoutMs = 300_000 } = options;
  return new Promise((resolve, reject) => {
    execFile(file, [...args], { cwd, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error !== null && typeof error.code !== 'number') {
        reject(new Error(`${file} ${args.join(' ')} did not run to completion: ${error.message}\n${stderr}`));
        return;
      }
      resolve({ exitCode: error === null ? 0 : (error.code as number), stdout, stderr });
    });
  });
}
