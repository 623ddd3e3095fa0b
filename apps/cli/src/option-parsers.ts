import { InvalidArgumentError } from 'commander';

/** Parses a whole number greater than 0 (`--timeout 5000`). */
export function parsePositiveInt(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) throw new InvalidArgumentError(`expected a whole number greater than 0, got "${value}"`);
  return parsed;
}

/** Parses a number greater than 0 (`--rps 2.5`). */
export function parsePositiveNumber(value: string): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new InvalidArgumentError(`expected a number greater than 0, got "${value}"`);
  return parsed;
}

const UNITS_MS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/** Parses a duration such as `500ms`, `30s`, `5m`, `1h` (a bare number is seconds) into milliseconds. */
export function parseDurationMs(value: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(value.trim());
  if (match === null) throw new InvalidArgumentError(`expected a duration such as 500ms, 30s, 5m or 1h, got "${value}"`);
  const ms = Number(match[1]) * (UNITS_MS[match[2] ?? 's'] ?? 1_000);
  if (ms <= 0) throw new InvalidArgumentError(`expected a duration greater than 0, got "${value}"`);
  return Math.round(ms);
}
