import { execFileSync } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChaosRunResult } from '@rag-validate/chaos';
import type { E2eResult } from '@rag-validate/e2e';
import type { PerfResult } from '@rag-validate/perf';
import type { ReadinessResult } from '@rag-validate/readiness';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadResults, type ReportResults } from '../results/load-results.js';
import { copyOfResults, readResultJson, realResults } from '../testing/results-copy.js';
import { renderJUnitReport, xmlAttr } from './render-junit-report.js';

interface ParsedSuite {
  name: string;
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  cases: Array<{ name: string; failure: string | null; error: string | null; skipped: string | null }>;
}

/** Parses JUnit XML with Python's XML parser (a real, strict one); null when python3 is missing. */
function parseJUnit(xml: string): { root: Record<string, string>; suites: ParsedSuite[] } | null {
  const script = `
import sys, json, xml.dom.minidom as m
d = m.parseString(sys.stdin.buffer.read())
r = d.documentElement
def attr(e, n): return e.getAttribute(n) if e.hasAttribute(n) else None
def child(e, n):
  c = e.getElementsByTagName(n)
  return attr(c[0], "message") if c else None
out = {"root": {k: r.getAttribute(k) for k in ["name", "tests", "failures", "errors", "skipped"]}, "suites": []}
for s in r.getElementsByTagName("testsuite"):
  out["suites"].append({"name": s.getAttribute("name"), "tests": int(s.getAttribute("tests")), "failures": int(s.getAttribute("failures")), "errors": int(s.getAttribute("errors")), "skipped": int(s.getAttribute("skipped")),
    "cases": [{"name": c.getAttribute("name"), "failure": child(c, "failure"), "error": child(c, "error"), "skipped": child(c, "skipped")} for c in s.getElementsByTagName("testcase")]})
print(json.dumps(out))
`;
  try {
    return JSON.parse(execFileSync('python3', ['-c', script], { input: xml, encoding: 'utf8' })) as { root: Record<string, string>; suites: ParsedSuite[] };
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return null;
    throw error;
  }
}

let results: ReportResults;
beforeAll(async () => {
  results = await loadResults(realResults().resultsDir);
});

describe('renderJUnitReport', () => {
  it('is well-formed XML with one testsuite per area and a testcase per service, case, gate, experiment and check (checked by a real XML parser)', async (ctx) => {
    const parsed = parseJUnit(renderJUnitReport(results));
    if (parsed === null) return ctx.skip(true, 'python3 is not installed, so the XML cannot be parsed');
    const e2e = await readResultJson<E2eResult>('e2e.json');
    const perf = [await readResultJson<PerfResult>('perf-generate.json'), await readResultJson<PerfResult>('perf-search.json')];
    const chaos = await readResultJson<ChaosRunResult>('chaos.json');
    const readiness = await readResultJson<ReadinessResult>('readiness.json');
    const cases = e2e.suites.flatMap((s) => s.cases);
    expect(parsed.suites.map((s) => [s.name, s.tests])).toEqual([
      ['health', 4],
      ['e2e', cases.length],
      ['perf', perf.reduce((n, p) => n + p.gates.length, 0)],
      ['chaos', chaos.experiments.length],
      ['readiness', readiness.checks.length],
    ]);
    const by = Object.fromEntries(parsed.suites.map((s) => [s.name, s]));
    expect(by['e2e']?.failures).toBe(cases.filter((c) => c.status === 'fail').length);
    expect(by['perf']?.failures).toBe(perf.reduce((n, p) => n + p.gates.filter((g) => !g.pass).length, 0));
    expect(by['chaos']?.failures).toBe(chaos.experiments.filter((e) => e.verdict === 'fail' || e.verdict === 'inconclusive').length);
    expect(by['readiness']?.failures).toBe(readiness.counts.fail);
    expect(by['readiness']?.skipped).toBe(readiness.counts.skip + readiness.counts.unknown);
    for (const gate of perf[0]!.gates.filter((g) => !g.pass)) {
      expect(by['perf']?.cases.find((c) => c.name === `${gate.operation} ${gate.gate}`)?.failure).toBe(gate.reason);
    }
    const failedCase = cases.find((c) => c.status === 'fail');
    expect(by['e2e']?.cases.find((c) => c.name.startsWith(`${failedCase?.id}:`))?.failure).toBe(failedCase?.message);
    expect(Number(parsed.root['failures'])).toBe(parsed.suites.reduce((n, s) => n + s.failures, 0));
    expect(Number(parsed.root['tests'])).toBe(parsed.suites.reduce((n, s) => n + s.tests, 0));
  });

  it('keeps quotes, ampersands, angle brackets and line breaks in messages, and drops what XML cannot carry', (ctx) => {
    if (results.e2e.state !== 'ok') throw new Error('e2e.json did not load');
    const [suite, ...suites] = results.e2e.value.suites;
    const [first, ...cases] = suite!.cases;
    const nasty = `quotes " ' & <tags>\nsecond line\u0001\u001b end`;
    const tampered: ReportResults = {
      ...results,
      e2e: { ...results.e2e, value: { ...results.e2e.value, suites: [{ ...suite!, cases: [{ ...first!, status: 'fail', message: nasty, title: 'a <b> & "c"' }, ...cases] }, ...suites] } },
    };
    const parsed = parseJUnit(renderJUnitReport(tampered));
    if (parsed === null) return ctx.skip(true, 'python3 is not installed, so the XML cannot be parsed');
    const parsedCase = parsed.suites.find((s) => s.name === 'e2e')?.cases.find((c) => c.name === `${first!.id}: a <b> & "c"`);
    expect(parsedCase?.failure).toBe(`quotes " ' & <tags>\nsecond line end`);
    expect(xmlAttr('a\tb\r\nc')).toBe('a&#9;b&#13;&#10;c');
  });

  it('reports an unreadable area as an error and an absent one as skipped', async (ctx) => {
    const { dir, resultsDir } = await copyOfResults();
    try {
      await writeFile(join(resultsDir, 'chaos.json'), '[]');
      await rm(join(resultsDir, 'health.json'));
      const parsed = parseJUnit(renderJUnitReport(await loadResults(resultsDir)));
      if (parsed === null) return ctx.skip(true, 'python3 is not installed, so the XML cannot be parsed');
      const by = Object.fromEntries(parsed.suites.map((s) => [s.name, s]));
      expect(by['chaos']).toMatchObject({ tests: 1, errors: 1, cases: [{ name: 'chaos.json', error: expect.stringMatching(/^unreadable: not a result of its suite: /) }] });
      expect(by['health']).toMatchObject({ tests: 1, skipped: 1, cases: [{ name: 'health: no results', skipped: 'no results (health.json not found)' }] });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
