import type { Category, ReadinessCheck } from '../model/check-types.js';
import { API_DOCS_CHECKS } from './api-docs-checks.js';
import { CONFIGURATION_CHECKS } from './configuration-checks.js';
import { DEPENDENCY_CHECKS } from './dependency-checks.js';
import { DEPLOYMENT_CHECKS } from './deployment-checks.js';
import { HEALTH_CHECKS } from './health-checks.js';
import { OBSERVABILITY_CHECKS } from './observability-checks.js';
import { SECURITY_CHECKS } from './security-checks.js';

/** Every readiness check, in checklist order. Validated by registry.test.ts. */
export const READINESS_CHECKS: readonly ReadinessCheck[] = [
  ...CONFIGURATION_CHECKS,
  ...HEALTH_CHECKS,
  ...DEPENDENCY_CHECKS,
  ...OBSERVABILITY_CHECKS,
  ...API_DOCS_CHECKS,
  ...DEPLOYMENT_CHECKS,
  ...SECURITY_CHECKS,
];

/** The check with this id, or undefined. */
export function findCheck(id: string): ReadinessCheck | undefined {
  return READINESS_CHECKS.find((check) => check.id === id);
}

/** Checks of one category, in checklist order. */
export function checksIn(category: Category): ReadinessCheck[] {
  return READINESS_CHECKS.filter((check) => check.category === category);
}
