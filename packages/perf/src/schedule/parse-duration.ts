import { PerfOptionError } from '../errors.js';

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/**
 * Reads a duration such as `60s`, `500ms`, `2m`, `1m30s` or `1h` (a bare number is seconds) and
 * returns milliseconds. Throws PerfOptionError naming `option` for anything else.
 */
export function parseDuration(text: string | number, option = 'duration'): number {
  if (typeof text === 'number') {
    if (!Number.isFinite(text) || text < 0) throw new PerfOptionError(option, text, 'expected a duration of 0 or more, e.g. 60s');
    return text * 1_000;
  }
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1_000;
  const parts = /^(?:(\d+(?:\.\d+)?)(ms|s|m|h))+$/.test(trimmed) ? [...trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)] : [];
  if (parts.length === 0) throw new PerfOptionError(option, text, 'expected a duration such as 500ms, 60s, 2m, 1m30s or 1h');
  let total = 0;
  for (const [, amount, unit] of parts) total += Number(amount) * (UNIT_MS[unit ?? 's'] ?? 1_000);
  return total;
}

/** Formats milliseconds the way parseDuration reads them (`90s` → `1m30s`, `1500` → `1.5s`). */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)}ms`;
  if (ms % 60_000 === 0 && ms >= 60_000) return ms % 3_600_000 === 0 ? `${ms / 3_600_000}h` : `${ms / 60_000}m`;
  if (ms > 60_000) return `${Math.floor(ms / 60_000)}m${formatDuration(ms % 60_000)}`;
  return `${Number((ms / 1_000).toFixed(3))}s`;
}
