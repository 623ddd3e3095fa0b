import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';

/** Writes result files under the results directory (created when missing); returns the paths written. */
export class ResultsWriter {
  readonly dir: string;
  readonly written: string[] = [];

  constructor(resultsDir: string, cwd: string) {
    this.dir = isAbsolute(resultsDir) ? resultsDir : resolve(cwd, resultsDir);
  }

  async json(name: string, value: unknown): Promise<string> {
    return this.text(name, `${JSON.stringify(value, null, 2)}\n`);
  }

  async text(name: string, content: string): Promise<string> {
    const path = join(this.dir, name);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
    this.written.push(path);
    return path;
  }
}
