import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** What `stack up` records so that `stack status` and `stack down` find exactly what it started. */
export interface StackState {
  readonly version: 1;
  /** The `stack up` process that owns the services. */
  readonly supervisorPid: number;
  readonly startedAt: string;
  readonly mode: 'process' | 'in-process';
  readonly dataDir: string;
  readonly services: Readonly<Record<string, { readonly displayName: string; readonly url: string; readonly pid: number | null; readonly logFile: string }>>;
}

/** `.rag-validate/` under the working directory (gitignored). */
export function stateDir(cwd: string): string {
  return join(cwd, '.rag-validate');
}

export function stateFile(cwd: string): string {
  return join(stateDir(cwd), 'stack.json');
}

export function readState(cwd: string): StackState | undefined {
  const file = stateFile(cwd);
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as StackState;
  } catch {
    return undefined;
  }
}

/** Writes atomically (temp file + rename) so a reader never sees half a file. */
export function writeState(cwd: string, state: StackState): void {
  const file = stateFile(cwd);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}

/** Removes the state file if it still belongs to `supervisorPid`. */
export function clearState(cwd: string, supervisorPid: number): void {
  if (readState(cwd)?.supervisorPid === supervisorPid) rmSync(stateFile(cwd), { force: true });
}

/** True while the process exists (and is not a zombie). */
export function isProcessAlive(pid: number | null | undefined): boolean {
  if (pid === null || pid === undefined) return false;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }
}
