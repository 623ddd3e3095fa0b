import type { ChaosConfig, ServiceName } from '@rag-validate/config';
import { ExternalTargetNotAllowedError, FaultNotAllowedError } from '../errors.js';
import type { FaultSpec } from '../faults/fault-spec.js';

/** Who started the target: rag-validate itself (`embedded`) or someone else (`external`). */
export type TargetKind = 'embedded' | 'external';

export interface ChaosPolicy {
  /** Services a fault may touch (`chaos.allow`). */
  readonly allow: readonly ServiceName[];
  /** `chaos.allowExternalTarget`. */
  readonly allowExternalTarget: boolean;
  readonly targetKind: TargetKind;
}

export function chaosPolicy(config: Pick<ChaosConfig, 'allow' | 'allowExternalTarget'>, targetKind: TargetKind): ChaosPolicy {
  return { allow: config.allow, allowExternalTarget: config.allowExternalTarget, targetKind };
}

/**
 * Throws (before anything is touched) when a fault is outside the policy: its service is not in
 * `chaos.allow`, or the target is external and `chaos.allowExternalTarget` is not set.
 */
export function assertFaultAllowed(policy: ChaosPolicy, fault: FaultSpec): void {
  if (policy.targetKind === 'external' && !policy.allowExternalTarget) throw new ExternalTargetNotAllowedError();
  if (!policy.allow.includes(fault.service)) throw new FaultNotAllowedError(fault.service, policy.allow);
}
