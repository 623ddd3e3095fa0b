import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EnvFileError, InputFileError } from '../errors.js';
import { envMap, loadEnvFile, parseEnvText } from './env-file.js';

describe('parseEnvText', () => {
  it('reads names and values the way docker-compose does', () => {
    const model = parseEnvText(
      [
        '# comment',
        '',
        'PLAIN=value',
        'export EXPORTED=yes',
        'SPACED =  padded value   ',
        'TRAILING_COMMENT=abc # not part of it',
        'HASH_INSIDE=abc#def',
        'DOUBLE="line1\\nline2 \\"q\\""',
        "SINGLE='keep \\n as is'",
        'EMPTY=',
        'URL=http://embedding-server:8001',
      ].join('\n'),
      '.env',
    );
    expect(envMap(model)).toEqual({
      PLAIN: 'value',
      EXPORTED: 'yes',
      SPACED: 'padded value',
      TRAILING_COMMENT: 'abc',
      HASH_INSIDE: 'abc#def',
      DOUBLE: 'line1\nline2 "q"',
      SINGLE: 'keep \\n as is',
      EMPTY: '',
      URL: 'http://embedding-server:8001',
    });
    expect(model.entries.find((e) => e.name === 'URL')?.line).toBe(11);
  });

  it('trims the trailing space the real env.example leaves after a value', () => {
    expect(envMap(parseEnvText('QDRANT_COLLECTION_NAME=code_embeddings \n', '.env'))['QDRANT_COLLECTION_NAME']).toBe('code_embeddings');
  });

  it('lets a later line win', () => {
    expect(envMap(parseEnvText('A=1\nA=2\n', '.env'))).toEqual({ A: '2' });
  });

  it.each([
    ['a line without "="', 'JUST_A_NAME', 2, 'expected NAME=value'],
    ['an invalid name', '1BAD=x', 2, 'not a valid variable name'],
    ['an unterminated quote', 'A="open', 2, 'unterminated double quote'],
    ['text after a closing quote', "A='x' y", 2, 'unexpected text'],
  ])('rejects %s with the line number', (_what, line, lineNumber, message) => {
    let error: unknown;
    try {
      parseEnvText(`OK=1\n${line}\n`, 'prod.env');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvFileError);
    expect((error as EnvFileError).code).toBe('RV_ERR_READINESS_ENV_FILE');
    expect((error as EnvFileError).line).toBe(lineNumber);
    expect((error as EnvFileError).message).toContain(message);
  });
});

describe('loadEnvFile', () => {
  it('reads a real file and reports a missing one with a stable code', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rv-readiness-env-'));
    try {
      await writeFile(join(dir, '.env'), 'LOG_LEVEL=info\n');
      expect(envMap(await loadEnvFile(join(dir, '.env')))).toEqual({ LOG_LEVEL: 'info' });
      await expect(loadEnvFile(join(dir, 'missing.env'))).rejects.toMatchObject({ code: 'RV_ERR_READINESS_INPUT_FILE', message: expect.stringContaining('no such file') });
      await expect(loadEnvFile(join(dir, 'missing.env'))).rejects.toBeInstanceOf(InputFileError);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
