export { startTinyService, waitUntilListening } from './tiny-service.js';
export type { TinyService } from './tiny-service.js';
export { dockerForTests, runTestContainer, removeTestContainers, containerIp, TEST_IMAGE } from './docker-test-image.js';
