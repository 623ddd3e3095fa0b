import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ReportWriteError } from './errors.js';
import { loadResults, type LoadResultsOptions, type ReportResults } from './results/load-results.js';
import { renderHtmlReport } from './render/render-html-report.js';
import { renderJUnitReport } from './render/render-junit-report.js';
import { renderMarkdownReport } from './render/render-markdown-report.js';
import { areaVerdicts, type OverallVerdict } from './summary/area-verdicts.js';

export interface WriteReportOptions extends LoadResultsOptions {
  /** Time shown as "generated at". Default: now. */
  readonly generatedAt?: Date;
}

/** What writeReport wrote. */
export interface WrittenReport {
  readonly html: string;
  readonly markdown: string;
  readonly junit: string;
  /** Size of report.html in bytes. */
  readonly htmlBytes: number;
  readonly verdict: OverallVerdict;
  readonly results: ReportResults;
}

/** `report.md` and `report.junit.xml` beside `report.html` (`x.html` → `x.md`, `x.junit.xml`). */
export function reportPaths(out: string): { html: string; markdown: string; junit: string } {
  const html = resolve(out);
  const base = html.replace(/\.html?$/i, '');
  return { html, markdown: `${base}.md`, junit: `${base}.junit.xml` };
}

/**
 * Reads the results directory and writes the HTML report to `out` (default `<dir>/report.html`),
 * with the Markdown and JUnit reports beside it. Throws ResultsDirError / NoResultsError for a
 * missing or empty results directory and ReportWriteError when a file cannot be written.
 */
export async function writeReport(dir: string, out?: string, options: WriteReportOptions = {}): Promise<WrittenReport> {
  const results = await loadResults(dir, options);
  const paths = reportPaths(out ?? resolve(results.dir, 'report.html'));
  const html = renderHtmlReport(results, { reportDir: dirname(paths.html), ...(options.generatedAt ? { generatedAt: options.generatedAt } : {}) });
  const files: Array<[string, string]> = [
    [paths.html, html],
    [paths.markdown, renderMarkdownReport(results)],
    [paths.junit, renderJUnitReport(results)],
  ];
  for (const [file, content] of files) {
    try {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, content, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const reason = code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : code === 'ENOTDIR' ? 'a parent of it is a file' : (error as Error).message;
      throw new ReportWriteError(file, reason, { cause: error });
    }
  }
  return { ...paths, htmlBytes: Buffer.byteLength(html), verdict: areaVerdicts(results), results };
}
