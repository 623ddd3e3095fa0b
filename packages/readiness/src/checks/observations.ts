import type { HttpObservation, HttpProbe } from '../model/evidence.js';

/** One line for a report: `GET /health → 200 {"status":"healthy"}` or `GET /health → no answer (connection refused)`. */
export function describeProbe(label: string, probe: HttpProbe | undefined): string {
  if (probe === undefined) return `${label}: not probed`;
  if (!probe.ok) return `${label}: no answer (${probe.reason})`;
  return `${label}: ${probe.value.status} ${excerpt(probe.value.text)}`.trimEnd();
}

/** A short, single-line view of a body. */
export function excerpt(text: string, max = 100): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** The body parsed as JSON, or undefined. */
export function jsonBody(observation: HttpObservation): unknown {
  try {
    return JSON.parse(observation.text) as unknown;
  } catch {
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export const is2xx = (status: number): boolean => status >= 200 && status < 300;
export const is4xx = (status: number): boolean => status >= 400 && status < 500;
export const is5xx = (status: number): boolean => status >= 500;
