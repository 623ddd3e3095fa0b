import { build } from 'hdr-histogram-js';
import { describe, expect, it } from 'vitest';
import type { FastIndexHistogram } from './fast-index-histogram.js';
import { decodeHistogram, encodeHistogram, HISTOGRAM_SETTINGS, newHistogram } from './latency-histogram.js';

const stock = () =>
  build({ bitBucketSize: 32, autoResize: false, useWebAssembly: false, lowestDiscernibleValue: 1, highestTrackableValue: HISTOGRAM_SETTINGS.highestTrackableValue, numberOfSignificantValueDigits: 3 });

describe('FastIndexHistogram', () => {
  it('puts every value in the same slot as the library does', () => {
    const fast = newHistogram() as FastIndexHistogram;
    const reference = stock() as unknown as FastIndexHistogram;
    const values: number[] = [];
    for (let v = 0; v < 1 << 17; v += 1) values.push(v); // every value of the first buckets
    for (let shift = 17; shift < 32; shift += 1) {
      const power = 2 ** shift; // both sides of every power of two, where log2 and clz32 could differ
      values.push(power - 2, power - 1, power, power + 1);
    }
    let seed = 7;
    for (let i = 0; i < 20_000; i += 1) {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      values.push(Math.floor((seed / 2 ** 31) * HISTOGRAM_SETTINGS.highestTrackableValue));
    }
    values.push(HISTOGRAM_SETTINGS.highestTrackableValue, 2 ** 32 + 5, 12.5);
    const mismatches = values.filter((v) => fast.countsArrayIndex(v) !== reference.countsArrayIndex(v));
    expect(mismatches).toEqual([]);
  });

  it('records, encodes and decodes exactly like the library histogram', () => {
    const fast = newHistogram();
    const reference = stock();
    for (const us of [1, 999, 1_000, 2_047, 2_048, 50_123, 901_604, 3_600_000_000]) {
      fast.recordValue(us);
      reference.recordValue(us);
    }
    expect(encodeHistogram(fast)).toBe(encodeHistogram(reference));
    expect([99, 50, 100].map((p) => decodeHistogram(encodeHistogram(fast)).getValueAtPercentile(p))).toEqual([99, 50, 100].map((p) => reference.getValueAtPercentile(p)));
  });
});
