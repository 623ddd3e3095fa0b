export { startMiniTarget } from './mini-rag-target.js';
export type { MiniTarget, MiniTargetOptions } from './mini-rag-target.js';
export { VirtualClock, VIRTUAL_EPOCH_MS } from './virtual-clock.js';
export { syntheticRun, syntheticSettings, lcg } from './synthetic-run.js';
export type { SyntheticCall } from './synthetic-run.js';
