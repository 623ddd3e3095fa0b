import { z } from 'zod';

/** A Chaos Mesh object as rag-validate writes it (the subset of PodChaos / NetworkChaos it uses). */
export interface ChaosMeshManifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace: string; readonly labels?: Readonly<Record<string, string>> };
  readonly spec: Readonly<Record<string, unknown>>;
}

const GO_DURATION = /^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/;
const DNS_1123_NAME = /^[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?$/;
const PERCENT = /^(?:100|\d{1,2})(?:\.\d+)?$/;
const RATE = /^\d+(?:bps|kbps|mbps|gbps|tbps)$/;
const MODES = ['one', 'all', 'fixed', 'fixed-percent', 'random-max-percent'] as const;

const selector = z
  .object({
    namespaces: z.array(z.string().regex(DNS_1123_NAME, 'namespace must be a DNS-1123 label')).min(1, 'selector.namespaces must name at least one namespace'),
    labelSelectors: z.record(z.string().min(1), z.string()).refine((labels) => Object.keys(labels).length > 0, 'selector.labelSelectors must not be empty'),
  })
  .strict();

const common = {
  mode: z.enum(MODES),
  value: z.string().optional(),
  selector,
  duration: z.string().regex(GO_DURATION, 'duration must be a Go duration such as 30s or 1m30s').optional(),
};

const podChaosSpec = z
  .object({
    action: z.enum(['pod-failure', 'pod-kill', 'container-kill']),
    ...common,
    gracePeriod: z.number().int().min(0).optional(),
    containerNames: z.array(z.string().min(1)).min(1).optional(),
  })
  .strict()
  .superRefine((spec, ctx) => {
    if (spec.action === 'pod-failure' && spec.duration === undefined) ctx.addIssue({ code: 'custom', message: 'pod-failure needs a duration' });
    if (spec.action === 'container-kill' && spec.containerNames === undefined) ctx.addIssue({ code: 'custom', message: 'container-kill needs containerNames' });
  });

const networkChaosSpec = z
  .object({
    action: z.enum(['netem', 'delay', 'loss', 'duplicate', 'corrupt', 'partition', 'bandwidth']),
    ...common,
    direction: z.enum(['to', 'from', 'both']),
    target: z.object({ mode: z.enum(MODES), value: z.string().optional(), selector }).strict().optional(),
    delay: z
      .object({
        latency: z.string().regex(GO_DURATION, 'delay.latency must be a Go duration'),
        jitter: z.string().regex(GO_DURATION, 'delay.jitter must be a Go duration').optional(),
        correlation: z.string().regex(PERCENT, 'delay.correlation must be a percentage').optional(),
      })
      .strict()
      .optional(),
    loss: z.object({ loss: z.string().regex(PERCENT, 'loss.loss must be a percentage'), correlation: z.string().regex(PERCENT).optional() }).strict().optional(),
    bandwidth: z.object({ rate: z.string().regex(RATE, 'bandwidth.rate must look like 1mbps'), limit: z.number().int().min(1), buffer: z.number().int().min(1) }).strict().optional(),
  })
  .strict()
  .superRefine((spec, ctx) => {
    if (spec.duration === undefined) ctx.addIssue({ code: 'custom', message: 'NetworkChaos needs a duration (else it never ends)' });
    for (const action of ['delay', 'loss', 'bandwidth'] as const) {
      if (spec.action === action && spec[action] === undefined) ctx.addIssue({ code: 'custom', message: `action ${action} needs spec.${action}` });
    }
  });

const manifest = z.discriminatedUnion('kind', [
  z.object({ apiVersion: z.literal('chaos-mesh.org/v1alpha1'), kind: z.literal('PodChaos'), metadata: z.object({ name: z.string().regex(DNS_1123_NAME), namespace: z.string().regex(DNS_1123_NAME), labels: z.record(z.string(), z.string()).optional() }).strict(), spec: podChaosSpec }).strict(),
  z.object({ apiVersion: z.literal('chaos-mesh.org/v1alpha1'), kind: z.literal('NetworkChaos'), metadata: z.object({ name: z.string().regex(DNS_1123_NAME), namespace: z.string().regex(DNS_1123_NAME), labels: z.record(z.string(), z.string()).optional() }).strict(), spec: networkChaosSpec }).strict(),
]);

/**
 * Checks a manifest statically (no cluster here): apiVersion, kind, a DNS-1123 name, a non-empty
 * selector, a Go duration, the action's own block. Returns the problems (empty when valid).
 */
export function validateChaosMeshManifest(value: unknown): string[] {
  const result = manifest.safeParse(value);
  if (result.success) {
    const spec = result.data.spec as { mode: string; value?: string };
    if ((spec.mode === 'fixed' || spec.mode === 'fixed-percent' || spec.mode === 'random-max-percent') && spec.value === undefined) return [`spec.value is required with mode ${spec.mode}`];
    return [];
  }
  return result.error.issues.map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`);
}
