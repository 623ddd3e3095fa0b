import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENV_OVERRIDES } from './env-overrides.js';
import { resolveConfig } from './load-config.js';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

/** Leaf paths of a resolved config, with per-service / per-operation keys folded as the README writes them. */
function leafPaths(value: unknown, path = ''): string[] {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([key, child]) => leafPaths(child, path ? `${path}.${key}` : key));
  }
  return [path];
}

function folded(path: string): string {
  return path
    .replace(/^target\.services\.(rag|embedding|llm|vectorDb)\./, 'target.services.<service>.')
    .replace(/^slos\.(search|generate|index|health)\./, 'slos.<operation>.')
    .replace(/^chaos\.docker\.containers\.(rag|embedding|llm|vectorDb)$/, 'chaos.docker.containers.<service>')
    .replace(/^chaos\.process\.(rag|embedding|llm|vectorDb)\./, 'chaos.process.<service>.')
    .replace(/^chaos\.proxies\.(rag|embedding|llm|vectorDb)$/, 'chaos.proxies.<service>');
}

describe('README config reference', () => {
  // A config with every optional setting present, so optional keys are checked too.
  const everything = resolveConfig(
    {
      target: { services: { rag: { auth: { apiKey: 'k', headers: { x: 'y' } } } } },
      slos: { search: { latency: { p50Ms: 1, p99Ms: 2, maxMs: 3 }, throughput: { perDay: 1 } } },
      quality: { minRecallAtK: 0.5, minPrecisionAtK: 0.5, minMrr: 0.5, minNdcgAtK: 0.5 },
      chaos: {
        prometheusUrl: 'http://localhost:9090',
        process: { embedding: { command: 'c', pidFile: 'p', cwd: 'd', logFile: 'l' } },
        proxies: { llm: 'http://localhost:1' },
        docker: { composeProject: 'p', containers: { rag: 'c' }, socketPath: '/s' },
      },
    },
    { env: {} },
  );
  const settings: Omit<typeof everything, 'source'> & { source?: unknown } = { ...everything };
  delete settings.source;

  /** Setting paths named in the README's tables: `a.b.c` plus bare siblings in the same row (`a.b.c` / `d` → a.b.d). */
  const documented = new Set<string>();
  for (const line of readme.split('\n').filter((l) => l.startsWith('| `'))) {
    const firstCell = line.split('|')[1] ?? '';
    const tokens = [...firstCell.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? '');
    const parent = (tokens[0] ?? '').split('.').slice(0, -1).join('.');
    for (const token of tokens) documented.add(token.includes('.') ? token : `${parent}.${token}`);
  }

  it('documents every setting', () => {
    const paths = [...new Set(leafPaths(settings).map(folded))].map((p) => p.replace(/\.headers\..*$/, '.headers'));
    expect(paths.filter((p) => !documented.has(p))).toEqual([]);
  });

  it('documents every environment override', () => {
    const missing = ENV_OVERRIDES.map((o) => o.env).filter((env) => !readme.includes(`\`${env}\``));
    expect(missing).toEqual([]);
  });
});
