import { readFile } from 'node:fs/promises';
import { EnvFileError, InputFileError } from '../errors.js';

/** One `NAME=value` line of a `.env` file. */
export interface EnvEntry {
  readonly name: string;
  readonly value: string;
  readonly line: number;
}

/** A parsed `.env` file (docker-compose / dotenv syntax). */
export interface EnvFileModel {
  readonly file: string;
  readonly entries: readonly EnvEntry[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/**
 * Parses dotenv text: `NAME=value`, `export NAME=value`, `#` comments, blank lines, single- or
 * double-quoted values (double quotes understand `\n`, `\"` and `\\`), `#` after an unquoted value
 * preceded by a space starts a comment. Unquoted values are trimmed. A line that is none of these
 * throws `EnvFileError` naming the line.
 */
export function parseEnvText(text: string, file: string): EnvFileModel {
  const entries: EnvEntry[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const body = trimmed.startsWith('export ') ? trimmed.slice('export '.length).trimStart() : trimmed;
    const eq = body.indexOf('=');
    const name = (eq === -1 ? body : body.slice(0, eq)).trim();
    if (eq === -1 || !NAME.test(name)) {
      throw new EnvFileError(file, line, eq === -1 ? 'expected NAME=value' : `"${name}" is not a valid variable name`);
    }
    entries.push({ name, value: parseValue(body.slice(eq + 1), file, line), line });
  });
  return { file, entries };
}

/** Reads and parses a `.env` file; `InputFileError` when it cannot be read. */
export async function loadEnvFile(file: string): Promise<EnvFileModel> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputFileError('env file', file, (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message, { cause: error });
  }
  return parseEnvText(text, file);
}

/** The entries as a name → value map (a later line wins, as with docker-compose). */
export function envMap(model: EnvFileModel): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of model.entries) out[entry.name] = entry.value;
  return out;
}

function parseValue(rest: string, file: string, line: number): string {
  const value = rest.trimStart();
  const quote = value[0];
  if (quote === '"' || quote === "'") {
    const end = findClosingQuote(value, quote);
    if (end === -1) throw new EnvFileError(file, line, `unterminated ${quote === '"' ? 'double' : 'single'} quote`);
    const inner = value.slice(1, end);
    const after = value.slice(end + 1).trim();
    if (after !== '' && !after.startsWith('#')) throw new EnvFileError(file, line, 'unexpected text after the closing quote');
    return quote === "'" ? inner : inner.replace(/\\(["\\n])/g, (_m, c: string) => (c === 'n' ? '\n' : c));
  }
  const comment = value.search(/\s#/);
  return (comment === -1 ? value : value.slice(0, comment)).trim();
}

function findClosingQuote(value: string, quote: string): number {
  for (let i = 1; i < value.length; i += 1) {
    if (value[i] === '\\' && quote === '"') {
      i += 1;
      continue;
    }
    if (value[i] === quote) return i;
  }
  return -1;
}
