import { readFile } from 'node:fs/promises';
import { PerfResultFileError } from '../errors.js';
import { perfResultSchema, type PerfResult } from './perf-result.js';

/** Reads and validates a perf result file. Throws PerfResultFileError saying what is wrong. */
export async function readPerfResult(file: string): Promise<PerfResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new PerfResultFileError(file, [reason], { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PerfResultFileError(file, ['not valid JSON'], { cause: error });
  }
  return parsePerfResult(json, file);
}

/** Validates a parsed perf result (e.g. from another tool). */
export function parsePerfResult(json: unknown, source = 'perf result'): PerfResult {
  const parsed = perfResultSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`);
    throw new PerfResultFileError(source, problems);
  }
  return parsed.data;
}
