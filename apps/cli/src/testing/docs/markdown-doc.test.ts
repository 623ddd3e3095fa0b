import { describe, expect, it } from 'vitest';
import { githubSlug, parseMarkdownDoc } from './markdown-doc.js';

describe('githubSlug', () => {
  it('gives the anchors GitHub renders', () => {
    expect(githubSlug('ServiceDown')).toBe('servicedown');
    expect(githubSlug('embedding-down')).toBe('embedding-down');
    expect(githubSlug('1. Fill in the environment template')).toBe('1-fill-in-the-environment-template');
    expect(githubSlug('Services without `/metrics` (the codev system)')).toBe('services-without-metrics-the-codev-system');
    expect(githubSlug('RAG system — SLOs')).toBe('rag-system--slos');
    expect(githubSlug('snake_case [link](x.md)')).toBe('snake_case-link');
  });
});

describe('parseMarkdownDoc', () => {
  const text = [
    '# Title',
    '',
    'See [the guide](guide.md#setup) and `slos.search.latency.p95Ms`, not `[x](y.md)`.',
    '',
    '<!-- docs-check: file app.yaml -->',
    '```yaml',
    '# not a heading',
    'target: {}',
    '```',
    '',
    '<!-- docs-check: target -->',
    '```sh',
    'rag-validate health',
    '```',
    '',
    '## Title',
    '',
    '```promql',
    'up == 0',
    '```',
  ].join('\n');
  const doc = parseMarkdownDoc(text);

  it('reads headings (duplicates numbered), blocks with their markers, links and inline code', () => {
    expect(doc.headings.map((h) => [h.level, h.slug])).toEqual([
      [1, 'title'],
      [2, 'title-1'],
    ]);
    expect(doc.blocks.map((b) => [b.lang, b.marker?.kind, b.line])).toEqual([
      ['yaml', 'file', 6],
      ['sh', 'target', 12],
      ['promql', undefined, 18],
    ]);
    expect(doc.blocks[0]?.content).toBe('# not a heading\ntarget: {}');
    expect(doc.links).toEqual([{ text: 'the guide', target: 'guide.md#setup', line: 3 }]);
    expect(doc.inlineCode.map((c) => c.code)).toEqual(['slos.search.latency.p95Ms', '[x](y.md)']);
    expect(doc.problems).toEqual([]);
  });

  it('reports a marker without a block, an unknown directive and an unclosed fence', () => {
    const broken = parseMarkdownDoc(['<!-- docs-check: target -->', 'text', '<!-- docs-check: skip -->', '```sh', 'x'].join('\n'));
    expect(broken.problems).toEqual([
      'line 1: a docs-check marker must be followed by a fenced block',
      'line 3: unknown docs-check directive "skip" (expected target, parse or file <name>)',
      'line 4: the fenced block is never closed',
    ]);
  });
});
