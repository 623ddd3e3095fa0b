import { formatValue } from '@rag-validate/perf';

/** `0.42 ms`, `90.6 ms`, `812 ms`, `3.63 s`, `42.1 s`, `300 s`. */
export function formatMs(value: number): string {
  if (value < 1_000) return formatValue(value, 'ms');
  const s = value / 1_000;
  return `${s < 10 ? s.toFixed(2) : s < 100 ? s.toFixed(1) : s.toFixed(0)} s`;
}

/** A 0–1 score with 3 decimals (`0.890`). */
export const formatScore = (value: number): string => value.toFixed(3);

/** A percentage (0–100) with one decimal, or `–` when there is none. */
export const formatPct = (value: number | null): string => (value === null ? '–' : `${value.toFixed(1)} %`);

/** A share (0–1) as a percentage. */
export const formatShare = (value: number): string => `${(value * 100).toFixed(value === 0 || value === 1 ? 0 : 1)} %`;

/** A JSON value for people, pretty-printed and cut at `maxChars`, with auth headers and cookies blanked. */
export function formatEvidence(value: unknown, maxChars = 3_000): string {
  const text = JSON.stringify(value, (key, v: unknown) => (SECRET_KEY.test(key) ? '[not shown]' : v), 2) ?? 'null';
  return text.length <= maxChars ? text : `${text.slice(0, maxChars)}\n… (${text.length - maxChars} more characters in the result file)`;
}

/**
 * Keys whose values are never put in a report, whatever the result file holds: authentication
 * headers, API keys and cookies (results are redacted when written; this is a second guard).
 */
const SECRET_KEY = /^(authorization|proxy-authorization|x-api-key|api-key|apikey|api_key|cookie|set-cookie|x-auth-token)$/i;
