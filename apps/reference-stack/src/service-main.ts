/**
 * Child entry of the reference stack: `node service-main.js <rag|embedding|llm|vectorDb>`, with the
 * settings in the environment (see stack/service-settings.ts). Also the entry of the Docker images.
 * It tells a parent over IPC when it listens (and on which port) or why it could not start, and it
 * exits when its parent goes away (IPC disconnect, or end of stdin with REFSTACK_PARENT_WATCH=stdin).
 */
import { closeSharedAgent } from '@rag-validate/clients';
import { isRagValidateError } from '@rag-validate/config';
import { createService } from './stack/create-service.js';
import { settingsFromEnv } from './stack/service-settings.js';

/** Exit codes a parent can read. */
export const EXIT_CODES = { ok: 0, badSettings: 2, portInUse: 3, startFailed: 4 } as const;

function send(message: Record<string, unknown>): void {
  if (typeof process.send === 'function' && process.connected) process.send(message);
}

async function main(): Promise<void> {
  const serviceName = process.argv[2] ?? '';
  let settings;
  try {
    settings = settingsFromEnv(serviceName, process.env);
  } catch (error) {
    const message = isRagValidateError(error) ? error.message : String(error);
    process.stderr.write(`${message}\n`);
    send({ type: 'start-failed', code: 'BAD_SETTINGS', message });
    process.exitCode = EXIT_CODES.badSettings;
    return;
  }
  let service;
  try {
    service = createService(settings);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${serviceName} could not start: ${message}\n`);
    send({ type: 'start-failed', code: (error as NodeJS.ErrnoException).code ?? 'START_FAILED', message });
    process.exitCode = EXIT_CODES.startFailed;
    process.disconnect?.();
    process.stdin.destroy();
    return;
  }
  let closing = false;
  const shutdown = (reason: string): void => {
    if (closing) return;
    closing = true;
    service.app.log.info({ reason }, 'shutting down');
    service
      .close()
      .catch((error: unknown) => service.app.log.error({ err: error }, 'error while closing'))
      // The service is this process's only user of the clients' keep-alive agent.
      .then(() => closeSharedAgent())
      .catch(() => undefined)
      .finally(() => {
        process.disconnect?.();
        process.stdin.destroy();
      });
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('disconnect', () => shutdown('parent disconnected'));
  if (process.env['REFSTACK_PARENT_WATCH'] === 'stdin') {
    process.stdin.on('end', () => shutdown('parent closed stdin'));
    process.stdin.on('error', () => shutdown('parent stdin error'));
    process.stdin.resume();
  }
  try {
    const port = await service.listen(settings.host, settings.port);
    service.app.log.info({ host: settings.host, port, defects: settings.defects }, `${service.name} listening`);
    send({ type: 'listening', port });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'START_FAILED';
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${service.name} could not start: ${message}\n`);
    send({ type: 'start-failed', code, message });
    process.exitCode = code === 'EADDRINUSE' ? EXIT_CODES.portInUse : EXIT_CODES.startFailed;
    await service.close().catch(() => undefined);
    process.disconnect?.();
    process.stdin.destroy();
  }
}

await main();
