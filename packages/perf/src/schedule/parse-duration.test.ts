import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './parse-duration.js';

describe('parseDuration', () => {
  it.each([
    ['60s', 60_000],
    ['500ms', 500],
    ['2m', 120_000],
    ['1m30s', 90_000],
    ['1h', 3_600_000],
    ['1.5s', 1_500],
    ['10', 10_000],
    [' 5s ', 5_000],
    [0, 0],
  ])('reads %j as %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', 's', '5x', '-1s', '1 m', 'ten seconds'])('rejects %j naming the option', (text) => {
    expect(() => parseDuration(text, '--duration')).toThrow(expect.objectContaining({ code: 'RV_ERR_PERF_OPTION', option: '--duration' }));
  });

  it('formats durations back into the same syntax', () => {
    expect([500, 1_500, 60_000, 90_000, 3_600_000].map(formatDuration)).toEqual(['500ms', '1.5s', '1m', '1m30s', '1h']);
    for (const ms of [500, 1_500, 60_000, 90_000, 3_600_000]) expect(parseDuration(formatDuration(ms))).toBe(ms);
  });
});
