import type { Writable } from 'node:stream';
import type { DefectSet } from '../defects.js';
import type { LogLevel } from './log-level.js';

/** What every service factory takes. */
export interface CommonServiceOptions {
  readonly logLevel: LogLevel;
  /** Where JSON log lines go. Default: stdout. */
  readonly logStream?: Writable;
  readonly defects: DefectSet;
}

export const REFSTACK_VERSION = '0.1.0';
