export { startTestServer, sendJson, closedPort } from './test-server.js';
export type { TestServer, TestHandler, RecordedRequest } from './test-server.js';
export {
  fakeEmbeddingServer,
  fakeLlmServer,
  fakeQdrant,
  fakeHeadRagServer,
  fakeTask06RagServer,
  pydanticV1Missing,
  pydanticV2Missing,
} from './codev-fakes.js';
