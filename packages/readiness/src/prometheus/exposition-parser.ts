/** The metric types of the Prometheus text format. */
export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

export interface MetricFamily {
  readonly name: string;
  readonly type: MetricType;
  readonly help: string | undefined;
  readonly samples: readonly Sample[];
}

export interface ExpositionProblem {
  readonly line: number;
  readonly message: string;
}

export interface ParsedExposition {
  readonly families: ReadonlyMap<string, MetricFamily>;
  /** Syntax and consistency problems; empty when the text is valid. */
  readonly problems: readonly ExpositionProblem[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;
const TYPES: ReadonlySet<string> = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
const FLOAT = /^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|Inf|inf|NaN|nan)$/;

interface MutableFamily {
  name: string;
  type: MetricType;
  help: string | undefined;
  samples: Sample[];
  typeLine: number | undefined;
}

/**
 * Parses the Prometheus text exposition format (0.0.4): `# HELP`, `# TYPE`, samples with labels,
 * values (`NaN`, `+Inf`, exponents) and optional timestamps. Checks what a scrape would reject or
 * misread: bad names and escapes, a TYPE after samples or twice, unknown types, duplicate series,
 * histogram buckets without `le` or without `le="+Inf"`. Never throws: problems are returned with
 * their line number.
 */
export function parseExposition(text: string): ParsedExposition {
  const families = new Map<string, MutableFamily>();
  const problems: ExpositionProblem[] = [];
  const seriesSeen = new Set<string>();
  const lines = text.split('\n');
  lines.forEach((rawLine, index) => {
    const line = index + 1;
    const content = rawLine.replace(/\r$/, '');
    if (content.trim() === '') return;
    if (content.startsWith('#')) {
      parseComment(content, line, families, problems);
      return;
    }
    const sample = parseSample(content, line, problems);
    if (sample === undefined) return;
    const family = familyOf(sample.name, families);
    const key = `${sample.name}{${Object.entries(sample.labels).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}}`;
    if (seriesSeen.has(key)) problems.push({ line, message: `duplicate series ${key}` });
    seriesSeen.add(key);
    if (family.type === 'histogram' && sample.name === `${family.name}_bucket` && sample.labels['le'] === undefined) {
      problems.push({ line, message: `histogram bucket ${sample.name} has no "le" label` });
    }
    family.samples.push(sample);
  });
  for (const family of families.values()) {
    if (family.type !== 'histogram') continue;
    const buckets = family.samples.filter((s) => s.name === `${family.name}_bucket`);
    if (buckets.length > 0 && !buckets.some((s) => s.labels['le'] === '+Inf')) {
      problems.push({ line: family.typeLine ?? 0, message: `histogram ${family.name} has no le="+Inf" bucket` });
    }
  }
  const frozen = new Map<string, MetricFamily>();
  for (const [name, f] of families) frozen.set(name, { name: f.name, type: f.type, help: f.help, samples: f.samples });
  return { families: frozen, problems };
}

function parseComment(content: string, line: number, families: Map<string, MutableFamily>, problems: ExpositionProblem[]): void {
  const match = /^#\s+(HELP|TYPE)\s+(\S+)(?:\s+(.*))?$/.exec(content);
  if (match === null) return; // an ordinary comment
  const [, keyword, name = '', rest = ''] = match;
  if (!METRIC_NAME.test(name) || METRIC_NAME.exec(name)?.[0] !== name) {
    problems.push({ line, message: `invalid metric name "${name}" in # ${keyword}` });
    return;
  }
  let family = families.get(name);
  if (keyword === 'HELP') {
    if (family?.help !== undefined) problems.push({ line, message: `second HELP line for ${name}` });
    family ??= createFamily(name, families);
    family.help = rest.replace(/\\(\\|n)/g, (_m, c: string) => (c === 'n' ? '\n' : '\\'));
    return;
  }
  const type = rest.trim();
  if (!TYPES.has(type)) {
    problems.push({ line, message: `unknown metric type "${type}" for ${name}` });
    return;
  }
  if (family?.typeLine !== undefined) {
    problems.push({ line, message: `second TYPE line for ${name}` });
    return;
  }
  if (family !== undefined && family.samples.length > 0) {
    problems.push({ line, message: `TYPE line for ${name} after its samples` });
    return;
  }
  family ??= createFamily(name, families);
  family.type = type as MetricType;
  family.typeLine = line;
}

function createFamily(name: string, families: Map<string, MutableFamily>): MutableFamily {
  const family: MutableFamily = { name, type: 'untyped', help: undefined, samples: [], typeLine: undefined };
  families.set(name, family);
  return family;
}

/** The family a sample belongs to: its own name, or a histogram/summary whose suffixed series it is. */
function familyOf(sampleName: string, families: Map<string, MutableFamily>): MutableFamily {
  for (const suffix of ['_bucket', '_sum', '_count']) {
    if (!sampleName.endsWith(suffix)) continue;
    const base = families.get(sampleName.slice(0, -suffix.length));
    if (base !== undefined && (base.type === 'histogram' || (base.type === 'summary' && suffix !== '_bucket'))) return base;
  }
  return families.get(sampleName) ?? createFamily(sampleName, families);
}

function parseSample(content: string, line: number, problems: ExpositionProblem[]): Sample | undefined {
  const nameMatch = METRIC_NAME.exec(content);
  if (nameMatch === null) {
    problems.push({ line, message: `expected a metric name, got "${content.slice(0, 40)}"` });
    return undefined;
  }
  const name = nameMatch[0];
  let rest = content.slice(name.length);
  const labels: Record<string, string> = {};
  if (rest.startsWith('{')) {
    const parsed = parseLabels(rest, line, problems);
    if (parsed === undefined) return undefined;
    Object.assign(labels, parsed.labels);
    rest = rest.slice(parsed.length);
  }
  const parts = rest.trim().split(/\s+/);
  if (rest.length > 0 && !/^\s/.test(rest)) {
    problems.push({ line, message: `expected a space after ${name}` });
    return undefined;
  }
  const [valueText, timestamp, extra] = parts;
  if (valueText === undefined || valueText === '' || !FLOAT.test(valueText)) {
    problems.push({ line, message: `invalid value "${valueText ?? ''}" for ${name}` });
    return undefined;
  }
  if (timestamp !== undefined && !/^-?\d+$/.test(timestamp)) problems.push({ line, message: `invalid timestamp "${timestamp}" for ${name}` });
  if (extra !== undefined) problems.push({ line, message: `unexpected text after the value of ${name}` });
  return { name, labels, value: parseFloatValue(valueText) };
}

function parseFloatValue(text: string): number {
  const lower = text.toLowerCase();
  if (lower === 'nan') return Number.NaN;
  if (lower === '+inf' || lower === 'inf') return Number.POSITIVE_INFINITY;
  if (lower === '-inf') return Number.NEGATIVE_INFINITY;
  return Number(text);
}

function parseLabels(text: string, line: number, problems: ExpositionProblem[]): { labels: Record<string, string>; length: number } | undefined {
  const labels: Record<string, string> = {};
  let i = 1;
  const skipSpaces = () => {
    while (text[i] === ' ' || text[i] === '\t') i += 1;
  };
  for (;;) {
    skipSpaces();
    if (text[i] === '}') return { labels, length: i + 1 };
    const nameMatch = LABEL_NAME.exec(text.slice(i));
    if (nameMatch === null) {
      problems.push({ line, message: `invalid label name at column ${i + 1}` });
      return undefined;
    }
    const labelName = nameMatch[0];
    i += labelName.length;
    skipSpaces();
    if (text[i] !== '=') {
      problems.push({ line, message: `expected "=" after label ${labelName}` });
      return undefined;
    }
    i += 1;
    skipSpaces();
    if (text[i] !== '"') {
      problems.push({ line, message: `label ${labelName} value is not quoted` });
      return undefined;
    }
    i += 1;
    let value = '';
    for (;;) {
      const c = text[i];
      if (c === undefined) {
        problems.push({ line, message: `unterminated value of label ${labelName}` });
        return undefined;
      }
      if (c === '"') break;
      if (c === '\\') {
        const next = text[i + 1];
        if (next === 'n') value += '\n';
        else if (next === '\\' || next === '"') value += next;
        else {
          problems.push({ line, message: `invalid escape "\\${next ?? ''}" in label ${labelName}` });
          return undefined;
        }
        i += 2;
        continue;
      }
      value += c;
      i += 1;
    }
    i += 1;
    if (labels[labelName] !== undefined) problems.push({ line, message: `label ${labelName} given twice` });
    labels[labelName] = value;
    skipSpaces();
    if (text[i] === ',') {
      i += 1;
      continue;
    }
    if (text[i] === '}') return { labels, length: i + 1 };
    problems.push({ line, message: `expected "," or "}" after label ${labelName}` });
    return undefined;
  }
}
