import type { z } from 'zod';

/** Where a request value came from, as the first element of a pydantic `loc`. */
export type RequestPart = 'body' | 'query' | 'path';

/**
 * One validation problem in the form FastAPI + pydantic v2 answer with (`{"detail":[...]}`):
 * `type` is pydantic's error type, `loc` starts with the request part, `input` is the offending
 * value (for a missing field, the object it is missing from).
 */
export interface ValidationIssue {
  readonly type: string;
  readonly loc: ReadonlyArray<string | number>;
  readonly msg: string;
  readonly input: unknown;
  readonly ctx?: Readonly<Record<string, unknown>>;
}

const TYPE_NAMES: Readonly<Record<string, { type: string; msg: string }>> = {
  string: { type: 'string_type', msg: 'Input should be a valid string' },
  number: { type: 'float_type', msg: 'Input should be a valid number' },
  int: { type: 'int_type', msg: 'Input should be a valid integer' },
  boolean: { type: 'bool_type', msg: 'Input should be a valid boolean' },
  array: { type: 'list_type', msg: 'Input should be a valid list' },
  object: { type: 'model_type', msg: 'Input should be a valid dictionary or object to extract fields from' },
  record: { type: 'dict_type', msg: 'Input should be a valid dictionary' },
};

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): { found: boolean; value: unknown } {
  let current: unknown = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return { found: false, value: undefined };
    if (!Object.hasOwn(current, key)) return { found: false, value: undefined };
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return { found: true, value: current };
}

function quoteList(values: readonly unknown[]): string {
  const quoted = values.map((v) => (typeof v === 'string' ? `'${v}'` : String(v)));
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1) ?? ''}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Converts zod issues into pydantic-v2-style issues for the given request part. */
export function toValidationIssues(issues: readonly z.core.$ZodIssue[], part: RequestPart, input: unknown): ValidationIssue[] {
  return issues.flatMap((issue): ValidationIssue[] => {
    const path = issue.path.filter((k): k is string | number => typeof k === 'string' || typeof k === 'number');
    const loc = [part, ...path];
    const at = valueAt(input, path);
    const parentInput = valueAt(input, path.slice(0, -1)).value;
    if ((issue.code === 'invalid_type' || issue.code === 'invalid_union') && (!at.found || at.value === undefined)) {
      if (path.length === 0 && part === 'body') return [{ type: 'missing', loc, msg: 'Field required', input: null }];
      return [{ type: 'missing', loc, msg: 'Field required', input: parentInput ?? null }];
    }
    switch (issue.code) {
      case 'invalid_type': {
        const known = TYPE_NAMES[issue.expected] ?? { type: `${issue.expected}_type`, msg: `Input should be a valid ${issue.expected}` };
        if ((issue.expected === 'int' || issue.expected === 'number') && typeof at.value === 'string') {
          return [{ type: 'int_parsing', loc, msg: 'Input should be a valid integer, unable to parse string as an integer', input: at.value }];
        }
        if (issue.expected === 'int' && typeof at.value === 'number') {
          return [{ type: 'int_from_float', loc, msg: 'Input should be a valid integer, got a number with a fractional part', input: at.value }];
        }
        return [{ type: known.type, loc, msg: known.msg, input: at.value }];
      }
      case 'too_small': {
        const min = Number(issue.minimum);
        if (issue.origin === 'string') {
          return [{ type: 'string_too_short', loc, msg: `String should have at least ${plural(min, 'character')}`, input: at.value, ctx: { min_length: min } }];
        }
        if (issue.origin === 'array' || issue.origin === 'set') {
          const actual = Array.isArray(at.value) ? at.value.length : 0;
          return [{ type: 'too_short', loc, msg: `List should have at least ${plural(min, 'item')} after validation, not ${actual}`, input: at.value, ctx: { field_type: 'List', min_length: min, actual_length: actual } }];
        }
        return issue.inclusive
          ? [{ type: 'greater_than_equal', loc, msg: `Input should be greater than or equal to ${min}`, input: at.value, ctx: { ge: min } }]
          : [{ type: 'greater_than', loc, msg: `Input should be greater than ${min}`, input: at.value, ctx: { gt: min } }];
      }
      case 'too_big': {
        const max = Number(issue.maximum);
        if (issue.origin === 'string') {
          return [{ type: 'string_too_long', loc, msg: `String should have at most ${plural(max, 'character')}`, input: at.value, ctx: { max_length: max } }];
        }
        if (issue.origin === 'array' || issue.origin === 'set') {
          const actual = Array.isArray(at.value) ? at.value.length : 0;
          return [{ type: 'too_long', loc, msg: `List should have at most ${plural(max, 'item')} after validation, not ${actual}`, input: at.value, ctx: { field_type: 'List', max_length: max, actual_length: actual } }];
        }
        return issue.inclusive
          ? [{ type: 'less_than_equal', loc, msg: `Input should be less than or equal to ${max}`, input: at.value, ctx: { le: max } }]
          : [{ type: 'less_than', loc, msg: `Input should be less than ${max}`, input: at.value, ctx: { lt: max } }];
      }
      case 'invalid_value': {
        const expected = quoteList(issue.values);
        return [{ type: 'enum', loc, msg: `Input should be ${expected}`, input: at.value, ctx: { expected } }];
      }
      case 'invalid_format':
        return [{ type: 'string_pattern_mismatch', loc, msg: `String should match pattern '${issue.pattern ?? issue.format}'`, input: at.value, ctx: { pattern: issue.pattern ?? issue.format } }];
      case 'unrecognized_keys':
        return issue.keys.map((key) => ({ type: 'extra_forbidden', loc: [...loc, key], msg: 'Extra inputs are not permitted', input: valueAt(at.value, [key]).value }));
      case 'invalid_union':
        return [{ type: 'union_tag_invalid', loc, msg: 'Input does not match any allowed shape', input: at.value }];
      case 'custom':
      default:
        return [{ type: 'value_error', loc, msg: `Value error, ${issue.message}`, input: at.value, ctx: { error: issue.message } }];
    }
  });
}

/** The issue FastAPI answers for a body that is not valid JSON. */
export function jsonInvalidIssue(reason: string): ValidationIssue {
  return { type: 'json_invalid', loc: ['body', 0], msg: 'JSON decode error', input: {}, ctx: { error: reason } };
}
