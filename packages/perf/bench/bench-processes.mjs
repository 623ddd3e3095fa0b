// Child processes of the benchmark scripts: tracking them (so a script can kill every one it
// started), reading their CPU time, and the trivial server run-bench.mjs and ab-versions.mjs share.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const TICK_MS = 1000 / Number(execFileSync('getconf', ['CLK_TCK']).toString().trim());
const children = new Set();

/** Remembers `child` until it exits, for killAll(). */
export function track(child) {
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

/** SIGKILLs every tracked child still running. */
export function killAll() {
  for (const child of children) child.kill('SIGKILL');
}

/** User + system CPU time of a process so far, in ms (from /proc/<pid>/stat); NaN once it is gone. */
export function cpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS; // utime, stime (fields 14, 15)
  } catch {
    return Number.NaN;
  }
}

/** Starts trivial-server.mjs with `args`; `count()` asks it how many requests it has served. */
export async function startServer(args = []) {
  const child = track(spawn(process.execPath, [join(here, 'trivial-server.mjs'), ...args], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] }));
  const port = await new Promise((resolve, reject) => {
    child.stdout.once('data', (chunk) => resolve(JSON.parse(chunk.toString()).port));
    child.once('exit', () => reject(new Error('the trivial server exited')));
  });
  let id = 0;
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid,
    count: () =>
      new Promise((resolve) => {
        const want = ++id;
        const onMessage = (message) => {
          if (message.id === want) {
            child.off('message', onMessage);
            resolve(message.served);
          }
        };
        child.on('message', onMessage);
        child.send({ type: 'count', id: want });
      }),
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 2_000).unref();
      }),
  };
}
