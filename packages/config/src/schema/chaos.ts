import { z } from 'zod';
import { SERVICE_NAMES } from './service-names.js';

/** Where faults are injected. Filled out by the chaos package; the allow-list is enforced there. */
export const chaosSchema = z
  .object({
    /** How faults reach the services: processes started by rag-validate, Docker containers, or a TCP fault proxy. */
    driver: z.enum(['process', 'docker', 'tcp-proxy']).default('process'),
    /** Only these services may be touched by a fault. */
    allow: z.array(z.enum(SERVICE_NAMES)).default([...SERVICE_NAMES]),
    /** Faults against a target that rag-validate did not start itself need this explicit opt-in. */
    allowExternalTarget: z.boolean().default(false),
    docker: z
      .object({
        /** Compose project whose containers are the services (matched by the `com.docker.compose.service` label). */
        composeProject: z.string().min(1).optional(),
        /** Container names per service, when not using compose labels. */
        containers: z.partialRecord(z.enum(SERVICE_NAMES), z.string().min(1)).default({}),
      })
      .strict()
      .prefault({}),
  })
  .strict();
export type ChaosConfig = z.output<typeof chaosSchema>;
