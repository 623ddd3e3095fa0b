import type { ServiceName } from '@rag-validate/config';
import type { ProcessUndoRecipe } from '../../journal/undo-recipe.js';

/** A service process the process driver can signal, stop and start again (same port, same data). */
export interface ManagedProcess {
  readonly service: ServiceName;
  /** The live pid, or undefined while the service is not running. */
  pid(): number | undefined;
  /** Graceful stop (SIGTERM); resolves once the process is gone. */
  stop(): Promise<void>;
  /** Hard crash (SIGKILL); resolves once the process is gone. */
  crash(): Promise<void>;
  /** Starts the service unless it runs; resolves once its process is up. */
  start(): Promise<void>;
  restart(): Promise<void>;
  /** Whether `start()` can bring the service back (a handle, or a configured command). */
  canStart(): boolean;
  /** How to start it again from the journal alone, after this process is gone. */
  startRecipe(): ProcessUndoRecipe;
}
