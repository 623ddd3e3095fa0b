/** A `${NAME}` reference found in a compose file. */
export interface VariableReference {
  readonly name: string;
  /** True for `${NAME:-x}` / `${NAME-x}` (a fallback exists). */
  readonly hasDefault: boolean;
  /** True when the variable had no value (unset, or empty for the `:-` / `:?` forms). */
  readonly unset: boolean;
}

export interface Interpolated {
  readonly value: string;
  readonly references: readonly VariableReference[];
}

const PATTERN = /\$(?:\$|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/**
 * Substitutes variables the way docker-compose does: `$$` is a literal `$`; `${NAME}` and `$NAME`
 * take the value or an empty string; `${NAME:-default}` uses the default when unset or empty,
 * `${NAME-default}` only when unset; `${NAME:?err}` / `${NAME?err}` keep an empty value here (the
 * reference is reported as unset so a check can fail it). Returns every reference seen.
 */
export function interpolate(text: string, env: Readonly<Record<string, string | undefined>>): Interpolated {
  const references: VariableReference[] = [];
  const value = text.replace(PATTERN, (match, braced: string | undefined, op: string | undefined, arg: string | undefined, bare: string | undefined) => {
    if (match === '$$') return '$';
    const name = braced ?? bare ?? '';
    const current = env[name];
    const emptyCounts = op === ':-' || op === ':?';
    const isUnset = current === undefined || (emptyCounts && current === '');
    const hasDefault = op === ':-' || op === '-';
    references.push({ name, hasDefault, unset: isUnset && !hasDefault });
    if (isUnset && hasDefault) return arg ?? '';
    return current ?? '';
  });
  return { value, references };
}

/**
 * The literal text a value writes into the file: everything outside `${...}` references plus the
 * defaults of `${NAME:-default}` references. Empty for `${OPENAI_API_KEY}`; `changeme` for
 * `${SECRET:-changeme}`.
 */
export function literalText(text: string): string {
  const parts: string[] = [];
  const outside = text.replace(PATTERN, (match, _braced: string | undefined, op: string | undefined, arg: string | undefined) => {
    if (match === '$$') return '$';
    if ((op === ':-' || op === '-') && arg) parts.push(arg);
    return '';
  });
  return [outside.trim(), ...parts].filter((p) => p !== '').join(' ');
}
