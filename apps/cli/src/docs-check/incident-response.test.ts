import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SHIPPED_EXPERIMENTS } from '@rag-validate/chaos';
import { ALERTS, runbookAnchor, type AlertName } from '@rag-validate/monitoring-config';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { experimentRunbook, RUNBOOK_DOCUMENT } from '../runbook.js';
import { CLI_BIN, readGuide, REPO_ROOT } from '../testing/docs/guides.js';

const manual = readGuide(RUNBOOK_DOCUMENT);
const anchors = new Set(manual.doc.headings.map((h) => h.slug));
const lines = manual.text.split('\n');

/** The level-3 sections under a level-2 heading, with their text up to the next heading of level ≤ 3. */
function sectionsUnder(title: string): Array<{ name: string; slug: string; body: string }> {
  const headings = manual.doc.headings;
  const start = headings.findIndex((h) => h.level === 2 && h.text === title);
  if (start < 0) return [];
  const out: Array<{ name: string; slug: string; body: string }> = [];
  for (let i = start + 1; i < headings.length && (headings[i]?.level ?? 0) > 2; i++) {
    const heading = headings[i];
    if (heading === undefined || heading.level !== 3) continue;
    const next = headings.slice(i + 1).find((h) => h.level <= 3);
    out.push({ name: heading.text, slug: heading.slug, body: lines.slice(heading.line, (next?.line ?? lines.length + 1) - 1).join('\n') });
  }
  return out;
}

const PARTS = ['**Symptom.**', '**Likely cause.**', '**What to check.**', '**How to recover.**'];

/** Problems with one entry: each of the four parts present, in order, with some substance. */
function entryProblems(name: string, body: string): string[] {
  const at = PARTS.map((part) => body.indexOf(part));
  const problems = PARTS.filter((_, i) => (at[i] ?? -1) < 0).map((part) => `${name}: no ${part} part`);
  if (problems.length > 0) return problems;
  if (at.some((position, i) => i > 0 && position < (at[i - 1] ?? 0))) return [`${name}: the parts are not in the order ${PARTS.join(', ')}`];
  return PARTS.flatMap((part, i) => {
    const text = body.slice((at[i] ?? 0) + part.length, at[i + 1] ?? body.length).trim();
    return text.length < 80 ? [`${name}: ${part} says too little (${text.length} characters)`] : [];
  });
}

describe('docs/incident-response.md: one entry per alert and per chaos experiment', () => {
  it('has a structurally sound Markdown source', () => {
    expect(manual.doc.problems).toEqual([]);
  });

  it('has exactly one section per alert of the monitoring-config catalog, anchored by runbookAnchor()', () => {
    const sections = sectionsUnder('Alerts');
    expect(sections.map((s) => s.name).sort()).toEqual(ALERTS.map((a) => a.name).sort());
    for (const alert of ALERTS) expect(sections.find((s) => s.name === alert.name)?.slug, alert.name).toBe(runbookAnchor(alert.name));
  });

  it('has exactly one section per shipped chaos experiment, anchored by its name', () => {
    const sections = sectionsUnder('Chaos experiments');
    expect(sections.map((s) => s.name).sort()).toEqual(SHIPPED_EXPERIMENTS.map((e) => e.name).sort());
    for (const experiment of SHIPPED_EXPERIMENTS) {
      expect(`${RUNBOOK_DOCUMENT}#${sections.find((s) => s.name === experiment.name)?.slug ?? ''}`, experiment.name).toBe(experimentRunbook(experiment.name));
    }
  });

  it('gives every entry a symptom, the likely cause, what to check and how to recover', () => {
    const problems = [...sectionsUnder('Alerts'), ...sectionsUnder('Chaos experiments')].flatMap((s) => entryProblems(s.name, s.body));
    expect(problems).toEqual([]);
  });

  it("links every experiment's entry to the entry of each alert the experiment expects", () => {
    const sections = sectionsUnder('Chaos experiments');
    const missing = SHIPPED_EXPERIMENTS.flatMap((experiment) => {
      const body = sections.find((s) => s.name === experiment.name)?.body ?? '';
      return experiment.alerts
        .filter((alert) => !ALERTS.some((a) => a.name === alert.alertname) || !body.includes(`](#${runbookAnchor(alert.alertname as AlertName)})`))
        .map((alert) => `${experiment.name} → ${alert.alertname}`);
    });
    expect(missing).toEqual([]);
  });

  it('is where every runbook_url of the committed alert rules points', () => {
    const rules = parse(readFileSync(join(REPO_ROOT, 'deployment/monitoring/alerts.yml'), 'utf8')) as { groups: Array<{ rules: Array<{ alert: string; annotations: { runbook_url?: string } }> }> };
    const urls = rules.groups.flatMap((g) => g.rules.map((r) => ({ alert: r.alert, url: r.annotations.runbook_url ?? '' })));
    expect(urls.length).toBeGreaterThan(0);
    const broken = urls.filter(({ url }) => {
      const [path, anchor] = url.split('#');
      return path !== RUNBOOK_DOCUMENT || anchor === undefined || !anchors.has(anchor);
    });
    expect(broken).toEqual([]);
    expect(new Set(urls.map((u) => u.alert))).toEqual(new Set(ALERTS.map((a) => a.name)));
  });

  it('is where `rag-validate chaos list --json` (the built CLI) links each experiment', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [CLI_BIN, 'chaos', 'list', '--json'], { env: { PATH: process.env['PATH'] ?? '' }, timeout: 60_000 });
    const listed = (JSON.parse(stdout) as { experiments: Array<{ name: string; runbook?: string }> }).experiments;
    expect(listed.map((e) => e.name)).toEqual(SHIPPED_EXPERIMENTS.map((e) => e.name));
    const broken = listed.filter((e) => {
      const [path, anchor] = (e.runbook ?? '').split('#');
      return path !== RUNBOOK_DOCUMENT || anchor === undefined || !anchors.has(anchor);
    });
    expect(broken).toEqual([]);
  });

  it('is linked from the monitoring guide for every alert', () => {
    const monitoring = readGuide('docs/monitoring.md');
    const linked = new Set(monitoring.doc.links.map((l) => l.target));
    expect(ALERTS.map((a) => `incident-response.md#${runbookAnchor(a.name)}`).filter((target) => !linked.has(target))).toEqual([]);
  });
});
