/**
 * One result file of the results directory, as the report found it: parsed and valid, absent, or
 * present but unreadable (not JSON, or not the shape its suite writes) with the reason. One bad
 * file never sinks the whole report: its area says so and the others render.
 */
export type AreaFile<T> =
  | { readonly state: 'ok'; /** File name inside the results directory. */ readonly file: string; readonly value: T }
  | { readonly state: 'missing'; readonly file: string }
  | { readonly state: 'unreadable'; readonly file: string; readonly reason: string };

/** The areas of `rag-validate run`, in the order it runs them. */
export const AREA_NAMES = ['health', 'e2e', 'perf', 'chaos', 'readiness'] as const;
export type AreaName = (typeof AREA_NAMES)[number];

export const AREA_TITLES: Readonly<Record<AreaName, string>> = {
  health: 'Health',
  e2e: 'End-to-end',
  perf: 'Performance',
  chaos: 'Chaos',
  readiness: 'Readiness',
};
