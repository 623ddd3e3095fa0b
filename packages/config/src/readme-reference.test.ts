import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENV_OVERRIDES } from './env-overrides.js';
import { settingLeafPaths } from './setting-paths.js';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

describe('README config reference', () => {
  /** Setting paths named in the README's tables: `a.b.c` plus bare siblings in the same row (`a.b.c` / `d` → a.b.d). */
  const documented = new Set<string>();
  for (const line of readme.split('\n').filter((l) => l.startsWith('| `'))) {
    const firstCell = line.split('|')[1] ?? '';
    const tokens = [...firstCell.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? '');
    const parent = (tokens[0] ?? '').split('.').slice(0, -1).join('.');
    for (const token of tokens) documented.add(token.includes('.') ? token : `${parent}.${token}`);
  }

  it('documents every setting', () => {
    expect(settingLeafPaths().filter((p) => !documented.has(p))).toEqual([]);
  });

  it('documents every environment override', () => {
    const missing = ENV_OVERRIDES.map((o) => o.env).filter((env) => !readme.includes(`\`${env}\``));
    expect(missing).toEqual([]);
  });
});
