import { describe, expect, it } from 'vitest';
import { DEFECT_NAMES, parseDefects } from './defects.js';
import { InvalidStackOptionsError } from './errors.js';

describe('parseDefects', () => {
  it('reads comma-separated names and lists, without duplicates', () => {
    expect(parseDefects('drop-indexed-chunks, leak-stack-traces,drop-indexed-chunks')).toEqual(['drop-indexed-chunks', 'leak-stack-traces']);
    expect(parseDefects(['in-memory-vector-db'])).toEqual(['in-memory-vector-db']);
    expect(parseDefects(undefined)).toEqual([]);
    expect(parseDefects('')).toEqual([]);
  });

  it('rejects unknown names, listing the known ones', () => {
    expect(() => parseDefects('drop-chunks')).toThrow(InvalidStackOptionsError);
    expect(() => parseDefects('drop-chunks')).toThrow(DEFECT_NAMES[0]);
  });
});
