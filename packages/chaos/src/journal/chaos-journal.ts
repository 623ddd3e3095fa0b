import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { SERVICE_NAMES } from '@rag-validate/config';
import { JournalError } from '../errors.js';
import type { FaultSpec } from '../faults/fault-spec.js';
import type { UndoRecipe } from './undo-recipe.js';

/** Where the journal lives, relative to the working directory. */
export const DEFAULT_JOURNAL_FILE = '.rag-validate/chaos-journal.json';

/** One fault that was (or is about to be) injected and not yet rolled back. */
export interface JournalEntry {
  readonly id: string;
  /** ISO time the entry was written (just before the fault was injected). */
  readonly createdAt: string;
  /** The process that injected the fault; `startTicks` tells a reused pid apart. */
  readonly owner: { readonly pid: number; readonly startTicks?: number };
  readonly experiment?: string;
  readonly fault: FaultSpec;
  readonly description: string;
  readonly undo: UndoRecipe;
}

const entrySchema = z
  .object({
    id: z.string().min(1),
    createdAt: z.string(),
    owner: z.object({ pid: z.number().int(), startTicks: z.number().optional() }),
    experiment: z.string().optional(),
    fault: z.object({ kind: z.string(), service: z.enum(SERVICE_NAMES) }).loose(),
    description: z.string(),
    undo: z.object({ driver: z.enum(['process', 'docker', 'tcp-proxy']), service: z.enum(SERVICE_NAMES) }).loose(),
  })
  .loose();
const fileSchema = z.object({ version: z.literal(1), entries: z.array(entrySchema) });

/**
 * The on-disk record of active faults. An entry is written *before* its fault is injected and
 * removed only after the fault was rolled back, so whatever kills the run, `rag-validate chaos
 * rollback` finds every fault that may still be in place. Writes are atomic (temp file + rename)
 * and serialized within the process; the file is deleted once it holds no entry.
 */
export class ChaosJournal {
  readonly file: string;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(file: string = DEFAULT_JOURNAL_FILE, cwd: string = process.cwd()) {
    this.file = resolve(cwd, file);
  }

  /** Every entry on disk (an absent file is an empty journal). */
  async entries(): Promise<JournalEntry[]> {
    await this.#queue.catch(() => undefined);
    return this.#read();
  }

  /** Records a fault about to be injected. */
  add(entry: JournalEntry): Promise<void> {
    return this.#update((entries) => [...entries.filter((e) => e.id !== entry.id), entry]);
  }

  /** Forgets a fault that was rolled back. */
  remove(id: string): Promise<void> {
    return this.#update((entries) => entries.filter((e) => e.id !== id));
  }

  #update(change: (entries: JournalEntry[]) => JournalEntry[]): Promise<void> {
    const next = this.#queue.catch(() => undefined).then(async () => {
      const entries = change(await this.#read());
      await this.#write(entries);
    });
    this.#queue = next;
    return next;
  }

  async #read(): Promise<JournalEntry[]> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new JournalError(this.file, `cannot read: ${(error as Error).message}`, { cause: error });
    }
    if (text.trim() === '') return [];
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new JournalError(this.file, 'is not valid JSON; inspect it and undo the faults it lists by hand, then delete it', { cause: error });
    }
    const parsed = fileSchema.safeParse(json);
    if (!parsed.success) throw new JournalError(this.file, `has an unexpected shape (${parsed.error.issues[0]?.message ?? 'invalid'}); inspect it and delete it once its faults are undone`);
    return parsed.data.entries as unknown as JournalEntry[];
  }

  async #write(entries: readonly JournalEntry[]): Promise<void> {
    try {
      if (entries.length === 0) {
        await rm(this.file, { force: true });
        return;
      }
      await mkdir(dirname(this.file), { recursive: true });
      const temp = `${this.file}.${process.pid}.tmp`;
      await writeFile(temp, `${JSON.stringify({ version: 1, entries }, null, 2)}\n`, 'utf8');
      await rename(temp, this.file);
    } catch (error) {
      throw new JournalError(this.file, `cannot write: ${(error as Error).message}`, { cause: error });
    }
  }
}
