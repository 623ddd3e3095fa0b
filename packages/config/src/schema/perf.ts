import { z } from 'zod';
import { positiveMs } from './primitives.js';

/**
 * Load-test settings (the perf suite). The rate a scenario runs at comes from the SLOs
 * (`slos.<op>.throughput.rps`) or the command line; these are the run's shape and the
 * generator's limits.
 */
export const perfSchema = z
  .object({
    /** Length of the measured part of a run. */
    durationMs: positiveMs.default(60_000),
    /** Load sent before measuring starts, ramping from 0 to the run's starting rate; its calls are not recorded. */
    warmupMs: z.number({ error: 'expected a number of milliseconds' }).int('expected a whole number of milliseconds').min(0, 'expected 0 ms or more').default(5_000),
    /** Most calls in flight at once; a send that falls due while this many are open is dropped (and counted). */
    maxInFlight: z.number({ error: 'expected a number' }).int('expected a whole number').positive('expected at least 1').default(1_000),
    /** Length of the sliding window whose worst value is gated besides the whole run. */
    windowMs: positiveMs.default(10_000),
    /** A send that starts later than this after its intended time counts as late (the generator fell behind). */
    lateThresholdMs: positiveMs.default(10),
  })
  .strict();
export type PerfConfig = z.output<typeof perfSchema>;
