import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CATEGORIES, SEVERITIES } from '../model/check-types.js';
import { PROBES } from '../probes/probe-table.js';
import { READINESS_CHECKS } from './registry.js';

const SRC = fileURLToPath(new URL('..', import.meta.url));
const PREFIX: Readonly<Record<string, string>> = {
  configuration: 'config',
  health: 'health',
  dependencies: 'deps',
  observability: 'obs',
  'api-docs': 'docs',
  deployment: 'deploy',
  security: 'sec',
};

function testFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return testFiles(path);
    return name.endsWith('.test.ts') ? [path] : [];
  });
}

/** `expectCheck(result, 'id', 'status')` calls in every test file of the package. */
function assertedStatuses(): Map<string, Set<string>> {
  const seen = new Map<string, Set<string>>();
  for (const file of testFiles(SRC)) {
    for (const match of readFileSync(file, 'utf8').matchAll(/expectCheck\([^;]*?'([a-z]+\.[a-z0-9-]+)',\s*'(pass|warn|fail|unknown|skip)'\)/g)) {
      const [, id = '', status = ''] = match;
      if (!seen.has(id)) seen.set(id, new Set());
      seen.get(id)?.add(status);
    }
  }
  return seen;
}

describe('the check registry', () => {
  it('has unique, well-formed ids prefixed by their category', () => {
    const ids = READINESS_CHECKS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const check of READINESS_CHECKS) {
      expect(check.id).toMatch(/^[a-z]+\.[a-z0-9-]+$/);
      expect(check.id.split('.')[0]).toBe(PREFIX[check.category]);
    }
  });

  it('gives every check a valid category and severity, a title, what it probes and how to fix it', () => {
    for (const check of READINESS_CHECKS) {
      expect(CATEGORIES).toContain(check.category);
      expect(SEVERITIES).toContain(check.severity);
      expect(check.title.length, check.id).toBeGreaterThan(10);
      expect(check.probes.length, check.id).toBeGreaterThan(30);
      expect(check.howToFix.length, check.id).toBeGreaterThan(30);
      expect(check.needs.length, check.id).toBeGreaterThan(0);
      for (const probe of check.needs) expect(Object.keys(PROBES), check.id).toContain(probe);
    }
  });

  it('cites an OWASP API Security Top 10 2023 category for every security check, and only there', () => {
    for (const check of READINESS_CHECKS) {
      if (check.category === 'security') expect(check.owasp, check.id).toMatch(/^API(?:[1-9]|10):2023$/);
      else expect(check.owasp, check.id).toBeUndefined();
    }
  });

  it('covers every category', () => {
    expect([...new Set(READINESS_CHECKS.map((c) => c.category))].sort()).toEqual([...CATEGORIES].sort());
  });

  it('has, for every check, a test in which a real misconfiguration makes it fail (warn for advisory checks)', () => {
    const seen = assertedStatuses();
    const missing = READINESS_CHECKS.filter((check) => !seen.get(check.id)?.has(check.advisory === true ? 'warn' : 'fail')).map((c) => c.id);
    expect(missing).toEqual([]);
  });

  it('has, for every check, a test in which it passes', () => {
    const seen = assertedStatuses();
    expect(READINESS_CHECKS.filter((check) => !seen.get(check.id)?.has('pass')).map((c) => c.id)).toEqual([]);
  });
});
