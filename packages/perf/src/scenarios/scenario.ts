import { OPERATION_NAMES, type OperationName } from '@rag-validate/config';
import { z } from 'zod';
import { OPERATION_IDS, type OperationId, type OperationParams } from '../operations/operation-catalog.js';

/** One operation of a scenario's mix. */
export interface MixEntry {
  readonly operation: OperationId;
  /** Share of the sends, relative to the other entries (3 : 1 : 2 …). */
  readonly weight: number;
  readonly params?: OperationParams;
}

/**
 * A load scenario, as data: which operations in what proportions, at what default rate. The
 * runner, the gates and the k6/Locust exports all read the same object.
 */
export interface Scenario {
  readonly name: string;
  readonly description: string;
  readonly mix: readonly MixEntry[];
  /**
   * Default arrival rate (all operations together): a number of requests/s, or the throughput
   * objective of an SLO (`slos.<op>.throughput.rps`), in which case that rate is also the
   * operation's throughput gate.
   */
  readonly rate: { readonly rps: number } | { readonly sloRps: OperationName };
}

export const scenarioSchema = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected a lower-case name such as search or my-mix'),
    description: z.string(),
    mix: z
      .array(
        z
          .object({
            operation: z.enum(OPERATION_IDS),
            weight: z.number().positive(),
            params: z.object({ limit: z.number().int().positive().optional(), maxTokens: z.number().int().positive().optional() }).strict().optional(),
          })
          .strict(),
      )
      .min(1)
      .refine((mix) => new Set(mix.map((m) => m.operation)).size === mix.length, 'expected each operation once'),
    rate: z.union([z.object({ rps: z.number().positive() }).strict(), z.object({ sloRps: z.enum(OPERATION_NAMES) }).strict()]),
  })
  .strict();
