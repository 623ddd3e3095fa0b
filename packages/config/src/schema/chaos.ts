import { z } from 'zod';
import { httpUrl, positiveMs, positiveNumber } from './primitives.js';
import { SERVICE_NAMES } from './service-names.js';

/** A service rag-validate did not start, given as a command + pid file, for the process driver. */
const processServiceSchema = z
  .object({
    /** Shell command that starts the service in the foreground, on its usual port and data (needed for stop, crash and restart; a freeze only needs the pid). */
    command: z.string().min(1).optional(),
    /** File holding the service's pid (rag-validate rewrites it when it starts the service). */
    pidFile: z.string().min(1),
    /** Working directory of the command. */
    cwd: z.string().min(1).optional(),
    /** Where a service started by rag-validate writes stdout/stderr. */
    logFile: z.string().min(1).optional(),
  })
  .strict();

/** Where faults are injected, how long they last, and what may be touched. Enforced by the chaos package. */
export const chaosSchema = z
  .object({
    /**
     * How service faults (stop, crash, freeze, restart) reach the services: `process` signals the
     * processes, `docker` drives their containers, `tcp-proxy` emulates them at the fault proxies
     * (down for stop/crash, blackhole for freeze). Network faults always use the fault proxies.
     */
    driver: z.enum(['process', 'docker', 'tcp-proxy']).default('process'),
    /** Only these services may be touched by a fault. */
    allow: z.array(z.enum(SERVICE_NAMES)).default([...SERVICE_NAMES]),
    /** Faults against a target that rag-validate did not start itself need this explicit opt-in. */
    allowExternalTarget: z.boolean().default(false),
    /** How long each experiment holds its fault. */
    faultDurationMs: positiveMs.default(10_000),
    /** Background load before the fault, to record the steady state under load. */
    baselineMs: positiveMs.default(2_000),
    /** During a fault every request must succeed, or fail with a status and a JSON body, within this. */
    cleanErrorWithinMs: positiveMs.default(10_000),
    /** Requests per second of the background load during an experiment. */
    loadRps: positiveNumber.default(2),
    /** Journal of active faults, read by `rag-validate chaos rollback`. */
    journalFile: z.string().min(1).default('.rag-validate/chaos-journal.json'),
    /** Prometheus whose alerts are checked during faults (`/api/v1/alerts`). */
    prometheusUrl: httpUrl.optional(),
    /** Per service: command + pid file, for the process driver on an external target. */
    process: z.partialRecord(z.enum(SERVICE_NAMES), processServiceSchema).default({}),
    /** Per service: control URL of a fault proxy in front of it (external targets; the embedded stack gets its own). */
    proxies: z.partialRecord(z.enum(SERVICE_NAMES), httpUrl).default({}),
    docker: z
      .object({
        /** Compose project whose containers are the services (matched by the `com.docker.compose.service` label). */
        composeProject: z.string().min(1).optional(),
        /** Container names per service, when not using compose labels. */
        containers: z.partialRecord(z.enum(SERVICE_NAMES), z.string().min(1)).default({}),
        /** Docker engine socket. Default: `$DOCKER_HOST` when it is `unix://…`, else /var/run/docker.sock. */
        socketPath: z.string().min(1).optional(),
        /** Seconds `docker stop`/`restart` wait before SIGKILL. */
        stopTimeoutSeconds: z.number().int().min(0).default(10),
      })
      .strict()
      .prefault({}),
  })
  .strict();
export type ChaosConfig = z.output<typeof chaosSchema>;
