import { parsePointId, pointKey, type PointId } from './point-id.js';

/** A filter that cannot be understood; answered as 400. */
export class FilterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FilterError';
  }
}

export interface FilterablePoint {
  readonly id: PointId;
  readonly payload: Readonly<Record<string, unknown>>;
}

export type PointPredicate = (point: FilterablePoint) => boolean;

type Json = Record<string, unknown>;

const EMPTY: readonly unknown[] = [];

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Values at a payload key (`a.b`, `a[].b`); arrays at the end are flattened, as Qdrant does. */
export function payloadValues(payload: unknown, key: string): readonly unknown[] {
  if (!key.includes('.') && !key.endsWith('[]')) {
    // Fast path for a top-level key (the common case): no copies.
    if (!isObject(payload) || !Object.hasOwn(payload, key)) return EMPTY;
    const value = payload[key];
    return Array.isArray(value) ? (value as unknown[]) : [value];
  }
  let current: unknown[] = [payload];
  for (const rawPart of key.split('.')) {
    const flatten = rawPart.endsWith('[]');
    const part = flatten ? rawPart.slice(0, -2) : rawPart;
    const next: unknown[] = [];
    for (const value of current) {
      if (!isObject(value) || !Object.hasOwn(value, part)) continue;
      const child = value[part];
      if (flatten && Array.isArray(child)) next.push(...(child as unknown[]));
      else next.push(child);
    }
    current = next;
  }
  return current.flatMap((v) => (Array.isArray(v) ? (v as unknown[]) : [v]));
}

function asList(value: unknown, where: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  if (isObject(value)) return [value];
  throw new FilterError(`${where} must be a condition or a list of conditions`);
}

function compileRange(range: unknown, key: string): PointPredicate {
  if (!isObject(range)) throw new FilterError(`range of "${key}" must be an object`);
  const bounds: Array<[string, (v: number, b: number) => boolean]> = [
    ['gt', (v, b) => v > b],
    ['gte', (v, b) => v >= b],
    ['lt', (v, b) => v < b],
    ['lte', (v, b) => v <= b],
  ];
  const checks: Array<(v: number) => boolean> = [];
  for (const [name, test] of bounds) {
    const bound = range[name];
    if (bound === undefined || bound === null) continue;
    if (typeof bound !== 'number') throw new FilterError(`range.${name} of "${key}" must be a number`);
    checks.push((v) => test(v, bound));
  }
  return (point) => payloadValues(point.payload, key).some((v) => typeof v === 'number' && checks.every((c) => c(v)));
}

function compileMatch(match: unknown, key: string): PointPredicate {
  if (!isObject(match)) throw new FilterError(`match of "${key}" must be an object`);
  if ('value' in match) {
    const expected = match['value'];
    if (!['string', 'number', 'boolean'].includes(typeof expected)) throw new FilterError(`match.value of "${key}" must be a string, number or boolean`);
    return (point) => payloadValues(point.payload, key).some((v) => v === expected);
  }
  if ('any' in match) {
    const any = match['any'];
    if (!Array.isArray(any)) throw new FilterError(`match.any of "${key}" must be a list`);
    const set = new Set(any);
    return (point) => payloadValues(point.payload, key).some((v) => set.has(v));
  }
  if ('except' in match) {
    const except = match['except'];
    if (!Array.isArray(except)) throw new FilterError(`match.except of "${key}" must be a list`);
    const set = new Set(except);
    return (point) => !payloadValues(point.payload, key).some((v) => set.has(v));
  }
  if ('text' in match) {
    const text = match['text'];
    if (typeof text !== 'string') throw new FilterError(`match.text of "${key}" must be a string`);
    return (point) => payloadValues(point.payload, key).some((v) => typeof v === 'string' && v.includes(text));
  }
  throw new FilterError(`match of "${key}" needs one of value, any, except, text`);
}

function compileCondition(condition: unknown): PointPredicate {
  if (!isObject(condition)) throw new FilterError('a condition must be an object');
  if ('must' in condition || 'should' in condition || 'must_not' in condition) return compileFilter(condition);
  if ('has_id' in condition) {
    const ids = condition['has_id'];
    if (!Array.isArray(ids)) throw new FilterError('has_id must be a list of ids');
    const keys = new Set(
      ids.map((raw) => {
        const id = parsePointId(raw);
        if (id === undefined) throw new FilterError(`has_id: ${JSON.stringify(raw)} is not a valid point id`);
        return pointKey(id);
      }),
    );
    return (point) => keys.has(pointKey(point.id));
  }
  if ('is_empty' in condition) {
    const key = (condition['is_empty'] as Json | null)?.['key'];
    if (typeof key !== 'string') throw new FilterError('is_empty needs {key}');
    return (point) => payloadValues(point.payload, key).every((v) => v === null);
  }
  if ('is_null' in condition) {
    const key = (condition['is_null'] as Json | null)?.['key'];
    if (typeof key !== 'string') throw new FilterError('is_null needs {key}');
    return (point) => {
      const values = payloadValues(point.payload, key);
      return values.length === 1 && values[0] === null;
    };
  }
  if ('nested' in condition) {
    const nested = condition['nested'];
    if (!isObject(nested) || typeof nested['key'] !== 'string') throw new FilterError('nested needs {key, filter}');
    const key = nested['key'];
    const inner = compileFilter(nested['filter']);
    return (point) => payloadValues(point.payload, key).some((element) => isObject(element) && inner({ id: point.id, payload: element }));
  }
  const key = condition['key'];
  if (typeof key !== 'string') throw new FilterError('a field condition needs a string "key"');
  const parts: PointPredicate[] = [];
  if (condition['match'] !== undefined && condition['match'] !== null) parts.push(compileMatch(condition['match'], key));
  if (condition['range'] !== undefined && condition['range'] !== null) parts.push(compileRange(condition['range'], key));
  if (condition['values_count'] !== undefined && condition['values_count'] !== null) {
    const bounds = condition['values_count'];
    if (!isObject(bounds)) throw new FilterError(`values_count of "${key}" must be an object`);
    parts.push((point) => {
      const n = payloadValues(point.payload, key).length;
      return (
        (typeof bounds['gt'] !== 'number' || n > bounds['gt']) &&
        (typeof bounds['gte'] !== 'number' || n >= bounds['gte']) &&
        (typeof bounds['lt'] !== 'number' || n < bounds['lt']) &&
        (typeof bounds['lte'] !== 'number' || n <= bounds['lte'])
      );
    });
  }
  if (parts.length === 0) throw new FilterError(`the condition on "${key}" needs match, range or values_count`);
  return (point) => parts.every((p) => p(point));
}

/**
 * Compiles a Qdrant filter (`must`, `should`, `must_not`, `min_should`; field conditions with
 * `match` value/any/except/text, `range`, `values_count`; `has_id`, `is_empty`, `is_null`,
 * `nested`) into a predicate. An absent filter matches everything.
 */
export function compileFilter(filter: unknown): PointPredicate {
  if (filter === undefined || filter === null) return () => true;
  if (!isObject(filter)) throw new FilterError('filter must be an object');
  const must = asList(filter['must'], 'must').map(compileCondition);
  const should = asList(filter['should'], 'should').map(compileCondition);
  const mustNot = asList(filter['must_not'], 'must_not').map(compileCondition);
  const minShouldRaw = filter['min_should'];
  let minShould: { conditions: PointPredicate[]; count: number } | undefined;
  if (isObject(minShouldRaw)) {
    const count = minShouldRaw['min_count'];
    if (typeof count !== 'number') throw new FilterError('min_should needs {conditions, min_count}');
    minShould = { conditions: asList(minShouldRaw['conditions'], 'min_should.conditions').map(compileCondition), count };
  }
  return (point) => {
    if (!must.every((c) => c(point))) return false;
    if (should.length > 0 && !should.some((c) => c(point))) return false;
    if (mustNot.some((c) => c(point))) return false;
    if (minShould !== undefined && minShould.conditions.filter((c) => c(point)).length < minShould.count) return false;
    return true;
  };
}

/**
 * A `must` condition that an inverted index can answer (`{key, match: {value | any}}` on a
 * top-level key), so a search can visit only the points that can match. The full predicate is
 * still applied to those points.
 */
export function indexableCondition(filter: unknown): { key: string; values: readonly unknown[]; complete: boolean } | undefined {
  if (!isObject(filter)) return undefined;
  const must = filter['must'];
  const conditions = Array.isArray(must) ? must : isObject(must) ? [must] : [];
  const others = ['should', 'must_not', 'min_should'].some((k) => filter[k] !== undefined && filter[k] !== null && !(Array.isArray(filter[k]) && (filter[k] as unknown[]).length === 0));
  for (const condition of conditions) {
    if (!isObject(condition) || typeof condition['key'] !== 'string' || condition['key'].includes('.') || condition['key'].endsWith('[]')) continue;
    const match = condition['match'];
    if (!isObject(match) || Object.keys(condition).some((k) => k !== 'key' && k !== 'match')) continue;
    // `complete`: the index answers the whole filter, so the predicate need not run again.
    const complete = conditions.length === 1 && !others && Object.keys(filter).every((k) => ['must', 'should', 'must_not', 'min_should'].includes(k));
    if ('value' in match && ['string', 'number', 'boolean'].includes(typeof match['value'])) return { key: condition['key'], values: [match['value']], complete };
    if ('any' in match && Array.isArray(match['any'])) return { key: condition['key'], values: match['any'], complete };
  }
  return undefined;
}
