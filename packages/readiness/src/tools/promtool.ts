import { gathered, missing, type Gathered, type MetricsLint } from '../model/evidence.js';
import { runTool, ToolMissing } from './run-tool.js';

/**
 * `promtool check metrics` on a metrics body: exit 0 → no problems; exit 3 → lint problems (one per
 * stderr line); exit 1 → the text does not parse (reported as a problem too). `tool-missing` when
 * promtool is not installed.
 */
export async function promtoolCheckMetrics(text: string, options: { promtool: string; timeoutMs?: number; signal?: AbortSignal | undefined }): Promise<Gathered<MetricsLint>> {
  let run;
  try {
    run = await runTool(options.promtool, ['check', 'metrics'], { input: text, timeoutMs: options.timeoutMs ?? 15_000, signal: options.signal });
  } catch (error) {
    if (error instanceof ToolMissing) return missing('tool-missing', `${error.message}: install the prometheus package for promtool`);
    return missing('failed', `promtool could not run: ${(error as Error).message}`);
  }
  if (run.timedOut) return missing('failed', 'promtool did not finish in time');
  const problems = run.stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  if (run.exitCode === 0) return gathered({ problems: [] });
  if (run.exitCode === 3 || run.exitCode === 1) return gathered({ problems: problems.length > 0 ? problems : [`promtool exited ${run.exitCode}`] });
  return missing('failed', `promtool exited ${run.exitCode}: ${problems[0] ?? ''}`);
}
