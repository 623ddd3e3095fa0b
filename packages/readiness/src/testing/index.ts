export { expectCheck, idsWithStatus } from './expect-check.js';
export { configFor } from './config-for.js';
export {
  startTask06System,
  task06RagServer,
  task06EmbeddingServer,
  task06LlmServer,
  task06Qdrant,
  fastApiDocument,
} from './task06-system.js';
export type { StartedTask06System } from './task06-system.js';
export { FIXTURES_DIR, DEPLOYMENT_DIR } from './fixture-paths.js';
export { startFakeNpmRegistry } from './fake-npm-registry.js';
export type { FakeAdvisory } from './fake-npm-registry.js';
export { overrideRoutes, sendText } from './override-routes.js';
