import { gathered, missing, type AuditSummary, type Gathered } from '../model/evidence.js';
import { runTool, ToolMissing } from './run-tool.js';

export interface NpmAuditOptions {
  /** Directory holding the package-lock.json to audit. */
  readonly directory: string;
  /** Registry to ask (default: npm's configured registry). */
  readonly registry?: string | undefined;
  /** Deadline of the whole audit; the process is killed after it. */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal | undefined;
  /** npm executable. Default: `npm`. */
  readonly npm?: string;
}

const SEVERITIES = ['critical', 'high', 'moderate', 'low', 'info'] as const;

/**
 * Runs `npm audit --json --omit=dev` and summarises the advisories. Anything but a readable report
 * (registry unreachable or refusing the audit endpoint, no lockfile, timeout) is `unknown`
 * evidence with the reason — never an empty, passing report.
 */
export async function npmAudit(options: NpmAuditOptions): Promise<Gathered<AuditSummary>> {
  const { directory, registry, timeoutMs, signal, npm = 'npm' } = options;
  const args = ['audit', '--json', '--omit=dev', ...(registry === undefined ? [] : ['--registry', registry])];
  let run;
  try {
    run = await runTool(npm, args, {
      cwd: directory,
      timeoutMs,
      signal,
      env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_loglevel: 'error' },
    });
  } catch (error) {
    if (error instanceof ToolMissing) return missing('tool-missing', error.message);
    return missing('failed', `npm audit could not run: ${(error as Error).message}`);
  }
  if (run.timedOut) return missing('failed', `npm audit gave no answer within ${timeoutMs} ms (registry unreachable?)`);
  let report: unknown;
  try {
    report = JSON.parse(run.stdout);
  } catch {
    return missing('failed', `npm audit printed no JSON report (exit ${run.exitCode}): ${firstLine(run.stderr)}`);
  }
  const summary = summarise(report, directory);
  if (typeof summary === 'string') return missing('failed', summary);
  return gathered(summary);
}

function summarise(report: unknown, directory: string): AuditSummary | string {
  if (report === null || typeof report !== 'object') return 'npm audit printed an unexpected report';
  const r = report as { metadata?: { vulnerabilities?: Record<string, unknown> }; vulnerabilities?: Record<string, unknown>; error?: { code?: string; summary?: string }; message?: string };
  const counts = r.metadata?.vulnerabilities;
  if (counts === undefined) {
    const reason = r.error?.summary || r.error?.code || r.message || 'no advisory data';
    return `npm audit failed: ${String(reason).split('\n')[0]}`;
  }
  const packages = Object.entries(r.vulnerabilities ?? {}).map(([name, v]) => ({ name, severity: String((v as { severity?: unknown }).severity ?? 'unknown') }));
  packages.sort((a, b) => SEVERITIES.indexOf(a.severity as (typeof SEVERITIES)[number]) - SEVERITIES.indexOf(b.severity as (typeof SEVERITIES)[number]) || a.name.localeCompare(b.name));
  const count = (key: (typeof SEVERITIES)[number]) => (typeof counts[key] === 'number' ? (counts[key] as number) : 0);
  return {
    tool: 'npm audit --omit=dev',
    directory,
    counts: { critical: count('critical'), high: count('high'), moderate: count('moderate'), low: count('low'), info: count('info') },
    packages,
  };
}

function firstLine(text: string): string {
  return text.split('\n').find((l) => l.trim() !== '')?.trim().slice(0, 200) ?? '(no output)';
}
