import { z } from 'zod';
import { chaosSchema } from './chaos.js';
import { perfSchema } from './perf.js';
import { qualitySchema } from './quality.js';
import { recoverySchema, slosSchema } from './slos.js';
import { targetSchema } from './target.js';

export const configSchema = z
  .object({
    target: targetSchema.prefault({}),
    slos: slosSchema.prefault({} as z.input<typeof slosSchema>),
    recovery: recoverySchema.prefault({}),
    quality: qualitySchema.prefault({}),
    perf: perfSchema.prefault({}),
    chaos: chaosSchema.prefault({}),
    output: z
      .object({
        /** Where result files (`*.json`, JUnit, Markdown, HTML report) are written. */
        resultsDir: z.string().min(1).default('results'),
      })
      .strict()
      .prefault({}),
  })
  .strict();

/** The raw shape a config file may have (everything optional). */
export type RagValidateConfigInput = z.input<typeof configSchema>;
/** The validated config with every default filled in, before the target mode is resolved. */
export type ParsedConfig = z.output<typeof configSchema>;
