import type { Writable } from 'node:stream';
import { createRedactor } from '@rag-validate/config';

export interface OutputOptions {
  readonly json: boolean;
  readonly stdout?: Writable & { isTTY?: boolean };
  readonly stderr?: Writable & { isTTY?: boolean };
}

/**
 * The one way commands print. Human-readable lines go to stdout, or to stderr in `--json` mode so
 * stdout holds exactly one JSON document. Everything printed passes through the secret redactor.
 * Progress lines are rewritten in place on a terminal and left out otherwise (CI logs stay clean).
 */
export class Output {
  readonly json: boolean;
  readonly #stdout: Writable & { isTTY?: boolean };
  readonly #stderr: Writable & { isTTY?: boolean };
  #redact: (text: string) => string = createRedactor();
  #progressShown = false;

  constructor(options: OutputOptions) {
    this.json = options.json;
    this.#stdout = options.stdout ?? process.stdout;
    this.#stderr = options.stderr ?? process.stderr;
  }

  /** Secrets to remove from everything printed from now on (the config's API keys). */
  setSecrets(secrets: readonly string[]): void {
    this.#redact = createRedactor(secrets);
  }

  /** A line for people (stdout; stderr in --json mode). */
  info(line = ''): void {
    this.#clearProgress();
    (this.json ? this.#stderr : this.#stdout).write(`${this.#redact(line)}\n`);
  }

  /** A warning or error line for people (stderr). */
  error(line: string): void {
    this.#clearProgress();
    this.#stderr.write(`${this.#redact(line)}\n`);
  }

  /** The command's machine-readable result, printed only in --json mode. */
  result(value: unknown): void {
    if (!this.json) return;
    this.#clearProgress();
    this.#stdout.write(`${this.#redact(JSON.stringify(value, null, 2))}\n`);
  }

  /** A status line rewritten in place on a terminal; nothing when stderr is not a TTY. */
  progress(line: string): void {
    if (!this.#stderr.isTTY) return;
    const width = (this.#stderr as { columns?: number }).columns ?? 120;
    this.#stderr.write(`\r\x1b[2K${this.#redact(line).slice(0, width - 1)}`);
    this.#progressShown = true;
  }

  /** A milestone of a long run: rewritten progress on a TTY, one plain line otherwise. */
  step(line: string): void {
    if (this.#stderr.isTTY) this.progress(line);
    else this.#stderr.write(`${this.#redact(line)}\n`);
  }

  /** Prints rows as an aligned table. */
  table(headers: readonly string[], rows: readonly (readonly string[])[]): void {
    const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
    const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
    this.info(line(headers));
    this.info(line(widths.map((w) => '-'.repeat(w))));
    for (const row of rows) this.info(line(row));
  }

  #clearProgress(): void {
    if (!this.#progressShown) return;
    this.#stderr.write('\r\x1b[2K');
    this.#progressShown = false;
  }
}
