import { z } from 'zod';

/** An absolute http(s) URL. Trailing slashes are removed so paths can be appended safely. */
export const httpUrl = z
  .string({ error: 'expected a URL string such as http://localhost:8000' })
  .trim()
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return url.protocol === 'http:' || url.protocol === 'https:';
      } catch {
        return false;
      }
    },
    { error: (issue) => `expected an http(s) URL such as http://localhost:8000, got ${JSON.stringify(issue.input)}` },
  )
  .transform((value) => value.replace(/\/+$/, ''));

/** A whole number of milliseconds greater than zero. */
export const positiveMs = z.number({ error: 'expected a number of milliseconds' }).int('expected a whole number of milliseconds').positive('expected more than 0 ms');

/** A number greater than zero. */
export const positiveNumber = z.number({ error: 'expected a number' }).positive('expected a number greater than 0');

/** A ratio in (0, 1], e.g. an availability objective of 0.99. */
export const ratio = z.number({ error: 'expected a ratio between 0 and 1, e.g. 0.99' }).gt(0, 'expected a ratio greater than 0').lte(1, 'expected a ratio of at most 1');
