import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closedPort } from '@rag-validate/clients/testing';
import { findExecutable } from '@rag-validate/monitoring-config/testing';
import { startReferenceStack, type StartedReferenceStack } from '@rag-validate/reference-stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docSteps } from '../testing/docs/doc-steps.js';
import { CLI_BIN, GUIDES, readGuide, REPO_ROOT } from '../testing/docs/guides.js';
import { parseMarkdownDoc } from '../testing/docs/markdown-doc.js';
import { runDocSteps, type RunDocStepsOptions, type StepOutcome } from '../testing/docs/run-doc-steps.js';

/**
 * Every `rag-validate …` command of the operations guides, run against the built CLI in a fresh
 * directory per guide (holding a copy of deployment/), in document order, with the exit code the
 * guide claims. `target` blocks run against a reference stack started here on free ports.
 */
let stack: StartedReferenceStack | undefined;
const workdirs: string[] = [];
const tools = { ...(findExecutable('promtool') === undefined ? {} : { promtool: findExecutable('promtool') }) };

async function workdir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rv-docs-'));
  workdirs.push(dir);
  await cp(join(REPO_ROOT, 'deployment'), join(dir, 'deployment'), { recursive: true });
  return dir;
}

function targetEnv(): Record<string, string> {
  if (stack === undefined) throw new Error('the reference stack did not start');
  return {
    RAG_VALIDATE_RAG_URL: stack.urls.rag,
    RAG_VALIDATE_EMBEDDING_URL: stack.urls.embedding,
    RAG_VALIDATE_LLM_URL: stack.urls.llm,
    RAG_VALIDATE_VECTOR_DB_URL: stack.urls.vectorDb,
  };
}

async function options(): Promise<RunDocStepsOptions> {
  return { workdir: await workdir(), cliBin: CLI_BIN, targetEnv: targetEnv(), tools };
}

const describeStep = (o: StepOutcome) => `line ${o.step.line} [${o.step.mode}] ${o.step.shown}${o.step.checkedAs ? ` (checked as: ${o.step.checkedAs})` : ''}: ${o.detail}`;

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rv-docs-stack-'));
  workdirs.push(dir);
  // In-process: the services share this worker's event loop while the CLI runs in child processes.
  stack = await startReferenceStack({ mode: 'in-process', logLevel: 'silent', dataDir: join(dir, 'data'), rootDir: dir, llm: { ttftMs: 0, tokensPerSecond: 0 } });
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  await Promise.all(workdirs.map((dir) => rm(dir, { recursive: true, force: true })));
}, 60_000);

describe('the commands of the operations guides', () => {
  const counts = { run: 0, parsed: 0, notRun: 0 };

  for (const path of GUIDES) {
    it(`${path}: every command exits as the guide says`, async () => {
      const steps = docSteps(readGuide(path).doc);
      const outcomes = await runDocSteps(steps, await options());
      for (const outcome of outcomes.filter((o) => o.how === 'not-run')) console.info(`${path}: ${describeStep(outcome)}`);
      // DOCS_CHECK_TIMINGS=1 prints how long each command took.
      if (process.env['DOCS_CHECK_TIMINGS']) console.info(outcomes.map((o) => `${String(o.durationMs).padStart(6)} ms  ${path}:${o.step.line} ${o.how} ${o.step.shown}`).join('\n'));
      counts.run += outcomes.filter((o) => o.how === 'run').length;
      counts.parsed += outcomes.filter((o) => o.how === 'parsed').length;
      counts.notRun += outcomes.filter((o) => o.how === 'not-run').length;
      expect(outcomes.filter((o) => !o.ok).map(describeStep)).toEqual([]);
    }, 600_000);
  }

  it('ran most commands for real (parsing is the exception)', () => {
    expect(counts.run).toBeGreaterThanOrEqual(30);
    expect(counts.run).toBeGreaterThan(counts.parsed);
  });
});

describe('the command check itself', () => {
  it('fails a command whose exit code differs from the one the guide claims, and one that is not a command (control)', async () => {
    const doc = parseMarkdownDoc(
      [
        '```sh',
        'rag-validate -c missing.yaml config validate',
        'rag-validate -c missing.yaml config validate   # exit 2',
        '```',
        '<!-- docs-check: parse -->',
        '```sh',
        'rag-validate perf --scenario search --duration soon',
        'rag-validate stack up --detach',
        '```',
      ].join('\n'),
    );
    const outcomes = await runDocSteps(docSteps(doc), await options());
    expect(outcomes.map((o) => [o.step.line, o.how, o.exitCode, o.ok])).toEqual([
      [2, 'run', 2, false],
      [3, 'run', 2, true],
      [7, 'parsed', 2, false],
      [8, 'parsed', 0, true],
    ]);
    expect(outcomes[0]?.detail).toContain('RV_ERR_CONFIG_FILE');
  }, 120_000);

  it('runs target blocks against the live stack: `health` fails without it and passes with it', async () => {
    const steps = docSteps(parseMarkdownDoc(['<!-- docs-check: target -->', '```sh', 'rag-validate health', '```'].join('\n')));
    const [withStack] = await runDocSteps(steps, await options());
    expect(withStack).toMatchObject({ how: 'run', exitCode: 0, ok: true });
    const closed = `http://127.0.0.1:${await closedPort()}`;
    const unreachable = { RAG_VALIDATE_RAG_URL: closed, RAG_VALIDATE_EMBEDDING_URL: closed, RAG_VALIDATE_LLM_URL: closed, RAG_VALIDATE_VECTOR_DB_URL: closed };
    const [without] = await runDocSteps(steps, { ...(await options()), targetEnv: unreachable });
    expect(without).toMatchObject({ how: 'run', exitCode: 1, ok: false });
  }, 120_000);
});

