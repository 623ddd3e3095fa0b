import { SERVICE_DISPLAY_NAMES, type ServiceName } from '@rag-validate/config';
import { undoDockerRecipe } from '../drivers/docker/docker-fault-injector.js';
import { undoProcessRecipe } from '../drivers/process/process-fault-injector.js';
import { isProcessAlive, processStartTicks } from '../drivers/process/process-liveness.js';
import { undoProxyRecipe } from '../drivers/tcp-proxy/tcp-proxy-fault-injector.js';
import { activeFaults } from '../faults/started-fault.js';
import type { ChaosJournal, JournalEntry } from './chaos-journal.js';
import type { UndoOutcome, UndoRecipe } from './undo-recipe.js';

/** What `chaos rollback` did with one journal entry. JSON-serialisable. */
export interface JournalRollbackItem {
  readonly id: string;
  readonly service: ServiceName;
  readonly displayName: string;
  readonly driver: UndoRecipe['driver'];
  readonly description: string;
  readonly experiment: string | undefined;
  readonly ownerPid: number;
  /** `undone` / `nothing-to-do`: removed from the journal; `owner-running`: left alone; `failed`: kept. */
  readonly status: UndoOutcome['status'] | 'owner-running' | 'failed';
  readonly detail: string;
}

export interface JournalRollbackReport {
  readonly journalFile: string;
  readonly items: readonly JournalRollbackItem[];
  /** Entries still in the journal afterwards. */
  readonly remaining: number;
  /** True when no fault recorded in the journal can still be in place. */
  readonly clean: boolean;
}

export interface RollbackJournalOptions {
  /** Also undo faults whose injecting process still runs (a hung run). Default: `false`. */
  readonly force?: boolean;
  /** Undoes one recipe. Default: the driver's own undo. */
  readonly undo?: (recipe: UndoRecipe) => Promise<UndoOutcome>;
}

/** Undoes one recipe with the driver that wrote it. */
export function undoRecipe(recipe: UndoRecipe): Promise<UndoOutcome> {
  switch (recipe.driver) {
    case 'process':
      return undoProcessRecipe(recipe);
    case 'docker':
      return undoDockerRecipe(recipe);
    case 'tcp-proxy':
      return undoProxyRecipe(recipe);
  }
}

/**
 * Undoes every fault the journal lists (what a crashed or killed run left behind): SIGCONT,
 * start, unpause, reconnect, restore limits, remove proxy toxics. Entries whose run is still alive
 * are left alone unless `force`; each entry is removed once undone, failures stay for a retry.
 */
export async function rollbackJournal(journal: ChaosJournal, options: RollbackJournalOptions = {}): Promise<JournalRollbackReport> {
  const { force = false, undo = undoRecipe } = options;
  const entries = await journal.entries();
  const items: JournalRollbackItem[] = [];
  for (const entry of [...entries].reverse()) {
    const base = {
      id: entry.id,
      service: entry.fault.service,
      displayName: SERVICE_DISPLAY_NAMES[entry.fault.service],
      driver: entry.undo.driver,
      description: entry.description,
      experiment: entry.experiment,
      ownerPid: entry.owner.pid,
    };
    if (!force && ownerRunsElsewhere(entry)) {
      items.push({ ...base, status: 'owner-running', detail: `the run that injected it (pid ${entry.owner.pid}) is still running; stop it (it rolls back on SIGINT) or use --force` });
      continue;
    }
    try {
      const own = activeFaults().find((fault) => fault.id === entry.id);
      const outcome = own !== undefined ? await own.rollback() : await undo(entry.undo);
      if (own === undefined) await journal.remove(entry.id);
      items.push({ ...base, status: outcome.status, detail: outcome.detail });
    } catch (error) {
      items.push({ ...base, status: 'failed', detail: error instanceof Error ? error.message : String(error) });
    }
  }
  const remaining = (await journal.entries()).length;
  return { journalFile: journal.file, items: items.reverse(), remaining, clean: remaining === 0 };
}

function ownerRunsElsewhere(entry: JournalEntry): boolean {
  const { pid, startTicks } = entry.owner;
  if (pid === process.pid || !isProcessAlive(pid)) return false;
  return startTicks === undefined || processStartTicks(pid) === startTicks;
}
