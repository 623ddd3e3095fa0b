import { relative, sep } from 'node:path';
import { escapeXml, FAIL_COLOR, PASS_COLOR } from '@rag-validate/perf';

/** Escapes text for HTML text and attribute values. */
export const esc = (text: string | number): string => escapeXml(String(text));

/** Where links point from: the report file's directory and the results directory (both absolute). */
export interface LinkBase {
  readonly reportDir: string;
  readonly resultsDir: string;
}

/** A relative URL from the report to `absolutePath` (each segment percent-encoded). */
export function hrefTo(base: LinkBase, absolutePath: string): string {
  const path = relative(base.reportDir, absolutePath).split(sep).map(encodeURIComponent).join('/');
  return path === '' ? '.' : path;
}

/** Colours of the status badges (Okabe–Ito, as the perf charts). */
const BADGE_COLORS: Readonly<Record<string, string>> = {
  pass: PASS_COLOR,
  ready: PASS_COLOR,
  fail: FAIL_COLOR,
  'not-ready': FAIL_COLOR,
  error: '#A4161A',
  unreadable: '#A4161A',
  warn: '#B8860B',
  'ready-with-warnings': '#B8860B',
  inconclusive: '#B8860B',
  finding: '#A1487F',
  skip: '#6B6B6B',
  skipped: '#6B6B6B',
  unknown: '#6B6B6B',
  'no-results': '#6B6B6B',
};

/** A coloured status label (`PASS`, `FAIL`, `NO RESULTS`…). */
export function badge(status: string, label = status.replace(/-/g, ' ').toUpperCase()): string {
  const color = BADGE_COLORS[status] ?? '#6B6B6B';
  return `<span class="badge" data-status="${esc(status)}" style="background:${color}">${esc(label)}</span>`;
}

/** A table: `cells` are HTML already; a row may carry a class. */
export function table(headers: readonly string[], rows: ReadonlyArray<{ readonly cells: readonly string[]; readonly className?: string }>, className = ''): string {
  const head = `<tr>${headers.map((h) => `<th>${esc(h)}</th>`).join('')}</tr>`;
  const td = (c: string) => (c.startsWith('<span class="num">') ? `<td class="num">${c}</td>` : `<td>${c}</td>`);
  const body = rows.map((r) => `<tr${r.className ? ` class="${esc(r.className)}"` : ''}>${r.cells.map(td).join('')}</tr>`).join('');
  return `<table${className ? ` class="${esc(className)}"` : ''}><thead>${head}</thead><tbody>${body}</tbody></table>`;
}

/** A section of the report with its anchor, heading and optional badge. */
export function section(id: string, title: string, body: string, status?: string): string {
  return `<section id="${esc(id)}" class="area"><h2>${esc(title)}${status === undefined ? '' : ` ${badge(status)}`}</h2>${body}</section>`;
}

/** Escaped text in which `backticked` spans become `<code>` (how-to-fix texts and reasons use them). */
export const withCode = (text: string): string => esc(text).replace(/`([^`]+)`/g, '<code>$1</code>');

/** `<p class="note">` text. */
export const note = (html: string): string => `<p class="note">${html}</p>`;

/** JSON or text in a collapsible block. */
export const details = (summary: string, pre: string, open = false): string =>
  `<details${open ? ' open' : ''}><summary>${esc(summary)}</summary><pre>${esc(pre)}</pre></details>`;

export const STYLE = `
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d1d1f;background:#f6f7f9;font-size:14px;line-height:1.45}
main{max-width:1120px;margin:0 auto;padding:20px 24px 40px}
header.top{background:#1f2933;color:#fff;padding:18px 24px}
header.top .inner{max-width:1120px;margin:0 auto;padding:0 24px}
header.top h1{margin:0;font-size:22px;font-weight:650}
header.top .meta{color:#cbd2d9;font-size:13px;margin-top:4px}
nav.toc{max-width:1120px;margin:0 auto;padding:8px 24px;font-size:13px}
nav.toc a{margin-right:14px;color:#0b5cad;text-decoration:none}
section.area{background:#fff;border:1px solid #e1e4e8;border-radius:8px;padding:14px 18px;margin:16px 0}
h2{font-size:19px;margin:0 0 10px;display:flex;align-items:center;gap:10px}
h3{font-size:15px;margin:16px 0 6px}
.badge{display:inline-block;padding:1px 9px;border-radius:10px;color:#fff;font-weight:650;font-size:12px;letter-spacing:.02em;white-space:nowrap}
table{border-collapse:collapse;margin:6px 0 12px;font-size:13px;width:100%}
th,td{border-bottom:1px solid #e6e8eb;padding:5px 8px;text-align:left;vertical-align:top}
th{background:#f3f4f6;font-weight:600;white-space:nowrap}
td.num,th.num{font-variant-numeric:tabular-nums;white-space:nowrap}
code{white-space:nowrap}
td code,a code{white-space:normal;overflow-wrap:anywhere}
td code.nw{white-space:nowrap;overflow-wrap:normal}
table.cases td:nth-child(1),table.checklist td:nth-child(1){width:96px}
table.cases td:nth-child(2){width:34%}
table.cases td:nth-child(3){width:72px}
table.checklist td:nth-child(2){width:70px}
table.checklist td:nth-child(3){width:26%}
table.checklist td:nth-child(4){width:26%;overflow-wrap:anywhere}
table.checklist td:nth-child(5){width:34%}
table.worst td:nth-child(3){min-width:170px;width:24%}
details.more{margin:8px 0}details.more>summary{font-size:13.5px}
tr.failed td{background:#fdf0ec}
tr.warned td{background:#fdf8e8}
tr.total td{font-weight:650;border-top:2px solid #c9ced4}
.note{color:#4a5560;font-size:13px;margin:6px 0}
.files{font-size:12.5px;color:#4a5560;margin:2px 0 8px}
.files a{margin-right:10px}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px;background:#f3f4f6;padding:0 3px;border-radius:3px}
details{margin:2px 0}
summary{cursor:pointer;color:#0b5cad;font-size:12.5px}
pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px;background:#f6f8fa;border:1px solid #e6e8eb;border-radius:4px;padding:8px;max-height:320px;overflow:auto;white-space:pre-wrap;word-break:break-word;margin:4px 0}
.chart{margin:8px 0;overflow-x:auto}
svg.rv-chart{max-width:100%;height:auto;border:1px solid #eef0f2;border-radius:4px}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(250px,1fr));gap:8px 16px}
.kv{font-size:13px}.kv b{font-weight:600}
ul.failures{margin:4px 0 10px;padding-left:20px}ul.failures li{margin:2px 0}
.unreadable{color:#A4161A;font-weight:600}
.nw{white-space:nowrap}
footer{color:#6b7580;font-size:12px;margin-top:24px}
`;
