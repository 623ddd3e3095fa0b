import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { closedPort } from '@rag-validate/clients/testing';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const bin = fileURLToPath(new URL('../bin/rag-validate.js', import.meta.url));

async function cli(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { env: { PATH: process.env['PATH'] ?? '', ...env }, timeout: 20_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('the rag-validate executable (built dist, as users run it)', () => {
  it('prints its version', async () => {
    const result = await cli(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('exits 1 quickly with four unreachable services when nothing runs, without a stack trace', async () => {
    const ports = await Promise.all([closedPort(), closedPort(), closedPort(), closedPort()]);
    const result = await cli(['health'], {
      RAG_VALIDATE_RAG_URL: `http://127.0.0.1:${ports[0]}`,
      RAG_VALIDATE_EMBEDDING_URL: `http://127.0.0.1:${ports[1]}`,
      RAG_VALIDATE_LLM_URL: `http://127.0.0.1:${ports[2]}`,
      RAG_VALIDATE_VECTOR_DB_URL: `http://127.0.0.1:${ports[3]}`,
    });
    expect(result.code).toBe(1);
    expect(result.stdout.match(/unreachable/g)).toHaveLength(4);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 on an unknown command', async () => {
    const result = await cli(['launch-rockets']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown command 'launch-rockets'");
  });
});
