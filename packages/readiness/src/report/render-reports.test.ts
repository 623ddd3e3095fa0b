import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReadinessResult } from '../model/readiness-result.js';
import { runReadiness } from '../run-readiness.js';
import { configFor } from '../testing/config-for.js';
import { FIXTURES_DIR } from '../testing/fixture-paths.js';
import { renderJunit } from './render-junit.js';
import { renderMarkdown } from './render-markdown.js';
import { READINESS_FILES, writeReadinessResults } from './write-readiness-results.js';

let result: ReadinessResult;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rv-readiness-report-'));
  const config = configFor({ rag: 'http://127.0.0.1:9', embedding: 'http://127.0.0.1:9', llm: 'http://127.0.0.1:9', vectorDb: 'http://127.0.0.1:9' });
  result = await runReadiness({
    config,
    composeFile: join(FIXTURES_DIR, 'task06', 'docker-compose.yml'),
    envFile: join(FIXTURES_DIR, 'task06', 'env.example'),
    checks: ['configuration', 'deployment', 'sec.dependency-audit'],
  });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('renderMarkdown', () => {
  it('gives the verdict, the per-category table, the checklist and how to fix every failure and warning', () => {
    const md = renderMarkdown(result);
    expect(md.split('\n')[0]).toBe('# Production readiness: NOT READY');
    expect(md).toContain('Critical failures: `config.no-default-secrets`.');
    expect(md).toContain('| configuration |');
    expect(md).toContain('| deployment |');
    for (const check of result.checks) expect(md).toContain(`\`${check.id}\``);
    for (const check of result.checks.filter((c) => c.status === 'fail' || c.status === 'warn')) {
      expect(md).toContain(`### ${check.status.toUpperCase()} \`${check.id}\``);
      expect(md).toContain(`**Fix:** ${check.howToFix}`);
    }
    expect(md).toContain('| SKIP | high | `sec.dependency-audit`');
  });

  it('escapes table pipes in reasons', () => {
    const tweaked: ReadinessResult = { ...result, checks: result.checks.map((c, i) => (i === 0 ? { ...c, reason: 'a | b' } : c)) };
    expect(renderMarkdown(tweaked)).toContain('a \\| b');
  });
});

describe('renderJunit', () => {
  it('is well-formed XML with one testcase per check and failures = failed checks (checked by a real XML parser)', (ctx) => {
    const xml = renderJunit({ ...result, checks: result.checks.map((c, i) => (i === 0 ? { ...c, reason: 'quotes " & <tags> \u0001 here' } : c)) });
    let parsed: string;
    try {
      parsed = execFileSync(
        'python3',
        ['-c', 'import sys, xml.dom.minidom as m; d = m.parseString(sys.stdin.read()); r = d.documentElement; print(r.getAttribute("tests"), r.getAttribute("failures"), len(d.getElementsByTagName("testcase")), len(d.getElementsByTagName("failure")), len(d.getElementsByTagName("skipped")))'],
        { input: xml, encoding: 'utf8' },
      ).trim();
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return ctx.skip(true, 'python3 is not installed');
      throw error;
    }
    expect(parsed).toBe(`${result.checks.length} ${result.counts.fail} ${result.checks.length} ${result.counts.fail} ${result.counts.skip}`);
  });
});

describe('writeReadinessResults', () => {
  it('writes the JSON, Markdown and JUnit files, the JSON round-tripping to the same result', async () => {
    const out = join(dir, 'results', 'nested');
    const files = await writeReadinessResults(result, out);
    expect(files.json).toBe(join(out, READINESS_FILES.json));
    expect(JSON.parse(await readFile(files.json, 'utf8'))).toEqual(result);
    expect(await readFile(files.markdown, 'utf8')).toBe(renderMarkdown(result));
    expect(await readFile(files.junit, 'utf8')).toBe(renderJunit(result));
  });

  it('applies the redactor to every file', async () => {
    const out = join(dir, 'redacted');
    const files = await writeReadinessResults(result, out, { redact: (text) => text.replaceAll('deploy.', 'DEPLOY.') });
    for (const path of Object.values(files)) expect(await readFile(path, 'utf8')).not.toContain('deploy.');
  });

  it('fails with a stable code when the directory cannot be written', async () => {
    const blocked = join(dir, 'blocked');
    await mkdir(blocked);
    await writeFile(join(blocked, 'file'), 'x');
    await expect(writeReadinessResults(result, join(blocked, 'file', 'sub'))).rejects.toMatchObject({ code: 'RV_ERR_READINESS_WRITE' });
  });
});
