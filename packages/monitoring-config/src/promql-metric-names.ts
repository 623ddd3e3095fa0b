const KEYWORDS = new Set(['and', 'or', 'unless', 'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'offset', 'atan2', 'inf', 'nan']);

/**
 * The metric names a PromQL expression reads: selectors like `up` or `rate(x_total[5m])`, without
 * functions, aggregations, keywords, label names (`by (le)`, `{service="x"}`), numbers, durations
 * and Grafana variables (`$__rate_interval`). Recording-rule names (`slo:…`) are metric names too.
 * A small scanner, enough for the queries this package writes; not a full PromQL parser.
 */
export function promqlMetricNames(expr: string): string[] {
  let text = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, ' ') // string literals
    .replace(/\{[^}]*\}/g, ' ') // label matchers
    .replace(/\[[^\]]*\]/g, ' ') // ranges and subqueries
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ') // label lists
    .replace(/\$\{?\w+\}?/g, ' ') // Grafana variables
    .replace(/\boffset\s+-?\w+/g, ' ');
  text = text.replace(/(^|[^a-zA-Z0-9_:.])\d[\w.]*(?:[eE][+-]?\d+)?/g, '$1 '); // numbers and durations
  const names = new Set<string>();
  for (const match of text.matchAll(/[a-zA-Z_:][a-zA-Z0-9_:]*/g)) {
    const name = match[0];
    const after = text.slice((match.index ?? 0) + name.length).trimStart();
    if (after.startsWith('(') || KEYWORDS.has(name.toLowerCase())) continue;
    names.add(name);
  }
  return [...names].sort();
}
