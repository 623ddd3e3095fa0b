export { startReferenceStack, REFERENCE_STACK_OPTION_KEYS } from './start-reference-stack.js';
export type { ReferenceStackOptions, StartedReferenceStack } from './start-reference-stack.js';
export type { ReferenceService } from './stack/reference-service.js';
export type { LlmUpstream } from './stack/service-settings.js';
export { DEFECTS, DEFECT_NAMES, DEFECTS_ENV, parseDefects, isDefectName } from './defects.js';
export type { DefectName } from './defects.js';
export { LOG_LEVELS } from './http/log-level.js';
export type { LogLevel } from './http/log-level.js';
export {
  InvalidStackOptionsError,
  PortInUseError,
  ServiceStartError,
  ServiceStartTimeoutError,
  UnsupportedOperationError,
  REFERENCE_STACK_ERROR_CODES,
} from './errors.js';
export type { ReferenceStackErrorCode } from './errors.js';
