import { describe, expect, it } from 'vitest';
import { formatEvidence, formatMs } from './format.js';

describe('formatMs', () => {
  it('uses ms below a second and seconds above', () => {
    expect([0.42, 90.62, 812, 1_070, 42_100, 300_000].map(formatMs)).toEqual(['0.42 ms', '90.6 ms', '812 ms', '1.07 s', '42.1 s', '300 s']);
  });
});

describe('formatEvidence', () => {
  it('never shows authentication headers, API keys or cookies, at any depth', () => {
    const text = formatEvidence({ request: { headers: { Authorization: 'Bearer a', 'Proxy-Authorization': 'b', 'api-key': 'c', 'X-Api-Key': 'd', cookie: 'e', 'set-cookie': ['f'] } }, ok: 'visible' });
    for (const secret of ['Bearer a', '"b"', '"c"', '"d"', '"e"', '"f"']) expect(text).not.toContain(secret);
    expect(text).toContain('"ok": "visible"');
  });

  it('cuts long evidence and says how much is left', () => {
    const text = formatEvidence({ code: 'x'.repeat(5_000) }, 100);
    expect(text).toMatch(/^\{\n {2}"code": "x+\n… \(\d+ more characters in the result file\)$/);
  });
});
