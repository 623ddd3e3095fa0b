import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseExposition } from './exposition-parser.js';

const VALID = `# HELP http_request_duration_seconds HTTP request duration in seconds.
# TYPE http_request_duration_seconds histogram
http_request_duration_seconds_bucket{le="0.1",method="GET",route="/health",status_code="200"} 3
http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/health",status_code="200"} 4
http_request_duration_seconds_sum{method="GET",route="/health",status_code="200"} 0.25
http_request_duration_seconds_count{method="GET",route="/health",status_code="200"} 4
# HELP label_escapes_total Escapes in label values.
# TYPE label_escapes_total counter
label_escapes_total{path="C:\\\\dir",quote="say \\"hi\\"",nl="a\\nb",} 1e3 1700000000000
# TYPE temperature gauge
temperature NaN
temperature{where="out"} -Inf
untyped_metric 12
`;

function promtoolParses(text: string): boolean | undefined {
  try {
    execFileSync('promtool', ['check', 'metrics'], { input: text, stdio: ['pipe', 'pipe', 'pipe'] });
    return true;
  } catch (error) {
    const e = error as { code?: string; status?: number; stderr?: Buffer };
    if (e.code === 'ENOENT') return undefined;
    // Exit 3 = lint findings only (the text parsed); exit 1 = parse error.
    return e.status === 3;
  }
}

describe('parseExposition', () => {
  it('reads families, types, labels with escapes, special values and timestamps', () => {
    const parsed = parseExposition(VALID);
    expect(parsed.problems).toEqual([]);
    const histogram = parsed.families.get('http_request_duration_seconds');
    expect(histogram?.type).toBe('histogram');
    expect(histogram?.samples).toHaveLength(4);
    expect(histogram?.samples[1]?.labels).toEqual({ le: '+Inf', method: 'GET', route: '/health', status_code: '200' });
    expect(parsed.families.get('label_escapes_total')?.samples[0]).toEqual({ name: 'label_escapes_total', labels: { path: 'C:\\dir', quote: 'say "hi"', nl: 'a\nb' }, value: 1000 });
    const temperature = parsed.families.get('temperature')?.samples.map((s) => s.value);
    expect(Number.isNaN(temperature?.[0])).toBe(true);
    expect(temperature?.[1]).toBe(Number.NEGATIVE_INFINITY);
    expect(parsed.families.get('untyped_metric')?.type).toBe('untyped');
  });

  const INVALID: Array<[string, string, string]> = [
    ['a value that is not a number', 'up{job="x"} many\n', 'invalid value'],
    ['an unquoted label value', 'up{job=x} 1\n', 'not quoted'],
    ['an unterminated label value', 'up{job="x} 1\n', 'unterminated'],
    ['a bad escape', 'up{job="a\\qb"} 1\n', 'invalid escape'],
    ['a TYPE after the samples', 'up 1\n# TYPE up gauge\n', 'after its samples'],
    ['two TYPE lines', '# TYPE up gauge\n# TYPE up counter\nup 1\n', 'second TYPE'],
    ['an unknown type', '# TYPE up meter\nup 1\n', 'unknown metric type'],
    ['a duplicate series', 'up{a="1"} 1\nup{a="1"} 2\n', 'duplicate series'],
    ['a histogram without +Inf', '# TYPE h histogram\nh_bucket{le="1"} 1\nh_sum 1\nh_count 1\n', 'no le="+Inf"'],
    ['a bucket without le', '# TYPE h histogram\nh_bucket{x="1"} 1\nh_bucket{le="+Inf"} 1\n', 'no "le" label'],
    ['a bad metric name', '0up 1\n', 'expected a metric name'],
  ];

  it.each(INVALID)('reports %s with its line', (_what, text, message) => {
    const parsed = parseExposition(text);
    expect(parsed.problems.map((p) => p.message).join('; ')).toContain(message);
    expect(parsed.problems[0]?.line).toBeGreaterThan(0);
  });

  it('agrees with promtool on which texts parse (skipped when promtool is not installed)', (ctx) => {
    const verdicts = [VALID, ...INVALID.map(([, text]) => text)].map((text) => promtoolParses(text));
    if (verdicts.includes(undefined)) ctx.skip(true, 'promtool is not installed');
    // Histogram bucket completeness and duplicate series are checks of ours that promtool's text
    // parser does not make (Prometheus rejects duplicates only at ingestion).
    const ours = [VALID, ...INVALID.map(([, text]) => text)].map((text) => parseExposition(text).problems.length === 0);
    const comparable = INVALID.map(([what]) => what).map((what) => !what.includes('histogram without') && !what.includes('bucket without') && !what.includes('duplicate'));
    expect(verdicts[0]).toBe(true);
    expect(ours[0]).toBe(true);
    INVALID.forEach(([what], i) => {
      if (comparable[i]) expect({ what, promtool: verdicts[i + 1] }).toEqual({ what, promtool: false });
    });
  });
});
