import { SERVICE_NAMES } from '@rag-validate/config';
import { z } from 'zod';
import { list, ms } from './zod-helpers.js';

const endpointProbeSchema = z.object({
  endpoint: z.string(),
  ok: z.boolean(),
  status: z.number().int().optional(),
  latencyMs: ms,
  detail: z.string(),
  errorCode: z.string().optional(),
});

/** `results/health.json`: the four services probed (`probeServices` of @rag-validate/clients), as `rag-validate run` writes it. */
export const healthResultSchema = z.object({
  kind: z.literal('health'),
  version: z.literal(1),
  checkedAt: z.string(),
  services: list(
    z.object({
      service: z.enum(SERVICE_NAMES),
      displayName: z.string(),
      url: z.string(),
      ok: z.boolean(),
      latencyMs: ms,
      probes: list(endpointProbeSchema),
    }),
  ),
});
export type HealthResult = z.output<typeof healthResultSchema>;
