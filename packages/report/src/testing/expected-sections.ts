/** The sections a reader expects in report.html, by anchor and heading (written out here, not taken from the renderer). */
export const EXPECTED_SECTIONS = [
  ['summary', 'Summary'],
  ['health', 'Health'],
  ['e2e', 'End-to-end'],
  ['retrieval-quality', 'Retrieval quality'],
  ['perf', 'Performance'],
  ['chaos', 'Chaos'],
  ['readiness', 'Readiness'],
  ['monitoring', 'Monitoring'],
  ['coverage', 'Test coverage'],
] as const;
