import { InvalidStackOptionsError } from './errors.js';

/**
 * Deliberate defects, off by default. Each one makes the stack behave like a real, broken system so
 * that the validator's own suites can prove they detect the failure.
 */
export const DEFECTS = {
  'drop-indexed-chunks': 'rag-server acknowledges indexing requests (200/201 with the usual counts) but stores nothing.',
  'hang-on-dependency-down': 'rag-server never answers a request whose dependency call fails, instead of answering 503.',
  'empty-results-on-dependency-error': 'rag-server answers 200 with empty results when a dependency fails (like the real HEAD system).',
  'in-memory-vector-db': 'vector-db keeps its data only in memory, so everything is lost on restart.',
  'leak-stack-traces': 'rag-server 5xx bodies include the stack trace and internal file paths.',
  'health-ignores-dependencies': 'rag-server /readyz always answers 200, whatever the state of its dependencies (like the real Task-06 system).',
} as const;

export type DefectName = keyof typeof DEFECTS;

export const DEFECT_NAMES = Object.keys(DEFECTS) as DefectName[];

/** The environment variable that switches defects on (comma-separated names). */
export const DEFECTS_ENV = 'REFSTACK_DEFECTS';

export function isDefectName(value: string): value is DefectName {
  return Object.hasOwn(DEFECTS, value);
}

/** Parses `a,b` (or a list) into defect names; unknown names fail with every problem listed. */
export function parseDefects(input: string | readonly string[] | undefined): DefectName[] {
  if (input === undefined) return [];
  const names = (typeof input === 'string' ? input.split(',') : [...input]).map((s) => s.trim()).filter((s) => s.length > 0);
  const unknown = names.filter((n) => !isDefectName(n));
  if (unknown.length > 0) {
    throw new InvalidStackOptionsError(unknown.map((n) => `unknown defect "${n}" (known: ${DEFECT_NAMES.join(', ')})`));
  }
  return [...new Set(names)] as DefectName[];
}

/** A set of active defects with a readable membership test. */
export class DefectSet {
  readonly #active: ReadonlySet<DefectName>;

  constructor(names: readonly DefectName[] = []) {
    this.#active = new Set(names);
  }

  has(name: DefectName): boolean {
    return this.#active.has(name);
  }

  list(): DefectName[] {
    return [...this.#active];
  }
}
