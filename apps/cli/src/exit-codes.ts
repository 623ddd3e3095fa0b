/** Exit codes of every command (documented in README.md). */
export const EXIT = {
  /** Everything checked passed. */
  OK: 0,
  /** A check, gate or probe failed (or the target could not be reached). */
  FAILED: 1,
  /** Usage or config error: nothing was checked. */
  USAGE: 2,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
