import { z } from 'zod';

/** A JSON array read as a readonly array, so the suites' `readonly T[]` result types are assignable to the parsed type. */
export const list = <T extends z.ZodType>(item: T) => z.array(item).readonly();

/** Non-negative milliseconds. */
export const ms = z.number().min(0);

/** A whole number of things, 0 or more. */
export const count = z.number().int().min(0);

/** The first few problems zod found, as one line: `path: message; path: message`. */
export function describeIssues(error: z.ZodError, max = 3): string {
  const issues = error.issues.slice(0, max).map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`);
  const more = error.issues.length - issues.length;
  return `${issues.join('; ')}${more > 0 ? `; and ${more} more problem${more === 1 ? '' : 's'}` : ''}`;
}
