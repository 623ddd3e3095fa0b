import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, normalize, relative } from 'node:path';
import { promisify } from 'node:util';
import { CONFIG_FILE_ENV, ENV_OVERRIDES, foldSettingPath, METRICS, QDRANT_METRICS, resolveConfig, settingLeafPaths } from '@rag-validate/config';
import { promqlMetricNames, recordingRuleNames } from '@rag-validate/monitoring-config';
import { findExecutable } from '@rag-validate/monitoring-config/testing';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { GUIDES, readGuide, REPO_ROOT, type Guide } from '../testing/docs/guides.js';

const guides: Guide[] = GUIDES.map(readGuide);
const TOP_LEVEL_KEYS = ['target', 'slos', 'recovery', 'quality', 'perf', 'chaos', 'output'];

/** Every setting path (and every prefix of one) of a config with every optional setting present. */
const SETTING_PATHS: ReadonlySet<string> = new Set(
  settingLeafPaths().flatMap((leaf) => leaf.split('.').map((_, i, parts) => parts.slice(0, i + 1).join('.'))),
);

/** `${NAME}` references without a fallback, filled with a placeholder so a snippet can be resolved. */
function placeholders(text: string): Record<string, string> {
  return Object.fromEntries([...text.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((m) => [m[1] ?? '', 'docs-check-placeholder']));
}

describe('the operations guides name only what exists', () => {
  it('have structurally sound Markdown sources (markers before blocks, known directives, closed fences)', () => {
    expect(guides.flatMap((g) => g.doc.problems.map((p) => `${g.path} ${p}`))).toEqual([]);
  });

  it('name only config keys of the schema', () => {
    const unknown: string[] = [];
    for (const guide of guides) {
      for (const { code, line } of guide.doc.inlineCode) {
        if (!new RegExp(`^(${TOP_LEVEL_KEYS.join('|')})\\.[\\w<>.*]+$`).test(code) || /\.(json|md|ya?ml|html|xml|js|ts|py)$/.test(code)) continue;
        const path = foldSettingPath(code.replace(/\.\*$/, ''));
        if (!SETTING_PATHS.has(path)) unknown.push(`${guide.path}:${line} ${code}`);
      }
    }
    expect(unknown).toEqual([]);
    // The check looks at something: the guides name many keys.
    expect(guides.flatMap((g) => g.doc.inlineCode).filter((c) => c.code.startsWith('slos.')).length).toBeGreaterThan(10);
  });

  it('name only RAG_VALIDATE_* environment variables that exist', () => {
    const known = new Set([CONFIG_FILE_ENV, ...ENV_OVERRIDES.map((o) => o.env)]);
    const unknown = guides.flatMap((g) => [...g.text.matchAll(/\bRAG_VALIDATE_[A-Z0-9_]+/g)].map((m) => m[0]).filter((name) => !name.endsWith('_') && !known.has(name)).map((name) => `${g.path} ${name}`));
    expect(unknown).toEqual([]);
  });

  it('show only valid rag-validate configs in their YAML blocks', () => {
    const configs = guides.flatMap((g) =>
      g.doc.blocks
        .filter((b) => b.lang === 'yaml')
        .map((b) => ({ where: `${g.path}:${b.line}`, text: b.content, value: parse(b.content) as unknown }))
        .filter(({ value }) => value !== null && typeof value === 'object' && Object.keys(value).length > 0 && Object.keys(value).every((k) => TOP_LEVEL_KEYS.includes(k))),
    );
    expect(configs.length).toBeGreaterThanOrEqual(5);
    const invalid = configs.flatMap(({ where, text, value }) => {
      try {
        resolveConfig(value, { env: placeholders(text) });
        return [];
      } catch (error) {
        return [`${where}: ${error instanceof Error ? error.message : String(error)}`];
      }
    });
    expect(invalid).toEqual([]);
  });

  it('query only contract metrics, up, probe_success and the generated recording rules in their PromQL', () => {
    const histograms = Object.values(METRICS).filter((m) => m.type === 'histogram').flatMap((m) => [`${m.name}_bucket`, `${m.name}_count`, `${m.name}_sum`]);
    const allowed = new Set([...Object.values(METRICS).map((m) => m.name), ...Object.values(QDRANT_METRICS).map((m) => m.name), ...histograms, ...recordingRuleNames(), 'up', 'probe_success']);
    const queries = guides.flatMap((g) => g.doc.blocks.filter((b) => b.lang === 'promql').map((b) => ({ where: `${g.path}:${b.line}`, expr: b.content })));
    expect(queries.length).toBeGreaterThanOrEqual(10);
    expect(queries.flatMap(({ where, expr }) => promqlMetricNames(expr).filter((name) => !allowed.has(name)).map((name) => `${where} ${name}`))).toEqual([]);
  });

  const promtool = findExecutable('promtool');
  it.skipIf(promtool === undefined)('write PromQL that `promtool check rules` accepts (skipped when promtool, Debian package prometheus, is not installed)', async () => {
    const queries = guides.flatMap((g) => g.doc.blocks.filter((b) => b.lang === 'promql').map((b) => b.content.trim()));
    const dir = await mkdtemp(join(tmpdir(), 'rv-docs-promql-'));
    try {
      const file = join(dir, 'docs-queries.yml');
      await writeFile(file, stringify({ groups: [{ name: 'docs', rules: queries.map((expr, i) => ({ record: `docs_check:query_${i}`, expr })) }] }));
      const result = await promisify(execFile)(promtool ?? 'promtool', ['check', 'rules', file]).catch((error: { stdout: string; stderr: string }) => ({ stdout: error.stdout, stderr: error.stderr, failed: true }));
      expect('failed' in result ? result.stderr || result.stdout : '').toBe('');
      expect(result.stdout).toContain(`SUCCESS: ${queries.length} rules found`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('link only to files of the repository and to headings that exist', () => {
    const readme = readGuide('README.md');
    const sources = [...guides.map((g) => ({ guide: g, links: g.doc.links })), { guide: readme, links: readme.doc.links.filter((l) => l.target.startsWith('docs/')) }];
    const broken: string[] = [];
    let checked = 0;
    for (const { guide, links } of sources) {
      for (const link of links) {
        if (/^[a-z]+:/.test(link.target)) continue;
        checked++;
        const [path = '', anchor] = link.target.split('#');
        const file = path === '' ? guide.path : normalize(join(dirname(guide.path), path));
        const where = `${guide.path}:${link.line} ${link.target}`;
        if (file.startsWith('..') || relative(REPO_ROOT, join(REPO_ROOT, file)).startsWith('..')) broken.push(`${where}: outside the repository`);
        else if (!existsSync(join(REPO_ROOT, file))) broken.push(`${where}: no such file`);
        else if (anchor !== undefined) {
          if (!file.endsWith('.md')) broken.push(`${where}: an anchor into a file that is not Markdown`);
          else if (!readGuide(file).doc.headings.some((h) => h.slug === anchor)) broken.push(`${where}: no heading with this anchor`);
        }
      }
    }
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(30);
  });

  it('are all linked from docs/README.md and from the root README', () => {
    const targets = (guide: Guide) => new Set(guide.doc.links.map((l) => normalize(join(dirname(guide.path), l.target.split('#')[0] ?? ''))));
    const fromIndex = targets(readGuide('docs/README.md'));
    const fromReadme = targets(readGuide('README.md'));
    expect(GUIDES.filter((g) => g !== 'docs/README.md' && !fromIndex.has(g))).toEqual([]);
    expect(GUIDES.filter((g) => !fromReadme.has(g))).toEqual([]);
  });
});
