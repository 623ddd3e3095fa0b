import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** What the kernel says about a pid: running (or sleeping), stopped by a signal, a zombie, or gone. */
export type ProcessState = 'running' | 'stopped' | 'zombie' | 'gone';

/** Reads the process state from `/proc/<pid>/stat` (Linux); falls back to `kill(pid, 0)`. */
export function processState(pid: number): ProcessState {
  if (!Number.isInteger(pid) || pid <= 0) return 'gone';
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and parentheses: the state follows the last ')'.
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    if (state === 'Z' || state === 'X') return 'zombie';
    if (state === 'T' || state === 't') return 'stopped';
    return 'running';
  } catch {
    try {
      process.kill(pid, 0);
      return 'running';
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'EPERM' ? 'running' : 'gone';
    }
  }
}

/** True while the pid exists and is not a zombie (a stopped process is alive). */
export function isProcessAlive(pid: number): boolean {
  const state = processState(pid);
  return state === 'running' || state === 'stopped';
}

/** The start time of a process in clock ticks since boot (field 22 of /proc/<pid>/stat), to tell a reused pid apart. */
export function processStartTicks(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    return Number.isFinite(ticks) ? ticks : undefined;
  } catch {
    return undefined;
  }
}

/** Polls until the pid is gone (or a zombie); resolves false when it is still alive after `timeoutMs`. */
export async function waitForExit(pid: number, timeoutMs: number, pollMs = 25): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isProcessAlive(pid)) {
    if (Date.now() >= deadline) return false;
    await sleep(pollMs);
  }
  return true;
}

/** Polls until the process is in `state`; resolves false on timeout. */
export async function waitForState(pid: number, state: ProcessState, timeoutMs: number, pollMs = 10): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (processState(pid) !== state) {
    if (Date.now() >= deadline) return false;
    await sleep(pollMs);
  }
  return true;
}
