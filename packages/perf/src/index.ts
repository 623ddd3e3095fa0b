export { runScenario } from './run-scenario.js';
export type { RunScenarioOptions } from './run-scenario.js';
export { parseDuration, formatDuration } from './schedule/parse-duration.js';
export { realClock } from './runner/load-clock.js';
