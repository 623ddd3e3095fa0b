/**
 * Small, dependency-free SVG chart builders. Each returns one self-contained `<svg>` element
 * (inline attributes only: no CSS, fonts or scripts from anywhere), so a report can paste it
 * into any HTML page and it renders offline.
 */

/** Colours used by the charts (colour-blind-safe Okabe–Ito palette). */
export const CHART_COLORS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'] as const;
export const PASS_COLOR = '#009E73';
export const FAIL_COLOR = '#D55E00';
const AXIS_COLOR = '#555';
const GRID_COLOR = '#e3e3e3';
const FONT = 'font-family="system-ui, -apple-system, Segoe UI, sans-serif"';

/** Escapes text for use in SVG/HTML text and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** About `count` round tick values covering [min, max] (1, 2, 5 × 10ⁿ steps). */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (max <= min) return [min];
  const raw = (max - min) / Math.max(1, count);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * magnitude >= raw) ?? 10) * magnitude;
  const first = Math.ceil(min / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let v = first; v <= max + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

/** Powers of ten (and 2× and 5× them when few) covering [min, max], for a log axis. */
export function logTicks(min: number, max: number): number[] {
  if (!(min > 0) || !(max > 0) || max < min) return [];
  const ticks: number[] = [];
  const few = Math.log10(max / min) < 3;
  for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e += 1) {
    for (const m of few ? [1, 2, 5] : [1]) {
      const v = m * 10 ** e;
      if (v >= min * 0.999 && v <= max * 1.001) ticks.push(Number(v.toPrecision(12)));
    }
  }
  return ticks;
}

/** Formats a number for an axis label: 1.5k, 2M, 0.25, 120. */
export function formatTick(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e6) return `${trim(value / 1e6)}M`;
  if (abs >= 1e4) return `${trim(value / 1e3)}k`;
  if (abs >= 100 || abs === 0) return `${Math.round(value)}`;
  if (abs >= 1) return trim(value);
  return Number(value.toPrecision(2)).toString();
}
const trim = (v: number) => Number(v.toFixed(1)).toString();

/** A horizontal line marking a limit (an SLO threshold). */
export interface ChartThreshold {
  readonly value: number;
  readonly label: string;
  readonly color?: string;
}

export interface LineSeries {
  readonly name: string;
  readonly points: ReadonlyArray<{ readonly x: number; readonly y: number }>;
  readonly color?: string;
  readonly dashed?: boolean;
}

export interface ChartFrame {
  readonly title: string;
  /** Default: 720. */
  readonly width?: number;
  /** Default: 260. */
  readonly height?: number;
  readonly xLabel?: string;
  readonly yLabel?: string;
}

export interface LineChartOptions extends ChartFrame {
  readonly series: readonly LineSeries[];
  readonly thresholds?: readonly ChartThreshold[];
  /** Formats x tick labels. Default: formatTick. */
  readonly xFormat?: (x: number) => string;
  /** Formats y tick labels. Default: formatTick. */
  readonly yFormat?: (y: number) => string;
  /** Logarithmic y axis (values ≤ 0 are left out). Default: false. */
  readonly yLog?: boolean;
}

const MARGIN = { left: 58, right: 16, top: 30, bottom: 40 };

function frame(options: ChartFrame, body: string, extra = ''): string {
  const width = options.width ?? 720;
  const height = options.height ?? 260;
  const label = escapeXml(options.title);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="rv-chart" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${label}" ${FONT} font-size="11">`,
    `<title>${label}</title>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="${MARGIN.left}" y="18" font-size="13" font-weight="600" fill="#222">${label}</text>`,
    extra,
    body,
    options.xLabel ? `<text x="${MARGIN.left + (width - MARGIN.left - MARGIN.right) / 2}" y="${height - 6}" text-anchor="middle" fill="${AXIS_COLOR}">${escapeXml(options.xLabel)}</text>` : '',
    options.yLabel
      ? `<text x="12" y="${MARGIN.top + (height - MARGIN.top - MARGIN.bottom) / 2}" text-anchor="middle" fill="${AXIS_COLOR}" transform="rotate(-90 12 ${MARGIN.top + (height - MARGIN.top - MARGIN.bottom) / 2})">${escapeXml(options.yLabel)}</text>`
      : '',
    '</svg>',
  ].join('');
}

function noData(options: ChartFrame): string {
  const width = options.width ?? 720;
  const height = options.height ?? 260;
  return frame(options, `<text x="${width / 2}" y="${height / 2}" text-anchor="middle" fill="#888">no data</text>`);
}

function legend(entries: ReadonlyArray<{ name: string; color: string; dashed?: boolean }>, width: number): string {
  let x = width - MARGIN.right;
  const parts: string[] = [];
  for (const entry of [...entries].reverse()) {
    const textWidth = entry.name.length * 6.2;
    x -= textWidth;
    parts.push(`<text x="${x.toFixed(1)}" y="18" fill="#333">${escapeXml(entry.name)}</text>`);
    x -= 20;
    parts.push(`<line x1="${x.toFixed(1)}" y1="14" x2="${(x + 14).toFixed(1)}" y2="14" stroke="${entry.color}" stroke-width="2.5"${entry.dashed ? ' stroke-dasharray="4 3"' : ''}/>`);
    x -= 12;
  }
  return `<g class="rv-legend">${parts.join('')}</g>`;
}

/** A line chart of one or more series over a numeric x axis, with optional threshold lines. */
export function lineChart(options: LineChartOptions): string {
  const width = options.width ?? 720;
  const height = options.height ?? 260;
  const yLog = options.yLog ?? false;
  const usable = (y: number) => Number.isFinite(y) && (!yLog || y > 0);
  const points = options.series.flatMap((s) => s.points.filter((p) => Number.isFinite(p.x) && usable(p.y)));
  if (points.length === 0) return noData(options);
  const thresholds = (options.thresholds ?? []).filter((t) => usable(t.value));
  const xs = points.map((p) => p.x);
  const ys = [...points.map((p) => p.y), ...thresholds.map((t) => t.value)];
  const xMin = Math.min(...xs);
  const xMax = Math.max(...xs) === xMin ? xMin + 1 : Math.max(...xs);
  const yMaxRaw = Math.max(...ys);
  const yMinRaw = yLog ? Math.min(...ys) : Math.min(0, ...ys);
  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const yTicks = yLog ? logTicks(10 ** Math.floor(Math.log10(yMinRaw)), 10 ** Math.ceil(Math.log10(yMaxRaw))) : niceTicks(yMinRaw, yMaxRaw === yMinRaw ? yMinRaw + 1 : yMaxRaw * 1.05, 5);
  const yMin = yLog ? (yTicks[0] ?? yMinRaw) : Math.min(yMinRaw, yTicks[0] ?? yMinRaw);
  const yMax = Math.max(yMaxRaw, yTicks.at(-1) ?? yMaxRaw);
  const sx = (x: number) => MARGIN.left + ((x - xMin) / (xMax - xMin)) * plotW;
  const sy = (y: number) =>
    yLog ? MARGIN.top + plotH - ((Math.log10(y) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin) || 1)) * plotH : MARGIN.top + plotH - ((y - yMin) / (yMax - yMin || 1)) * plotH;
  const xFormat = options.xFormat ?? formatTick;
  const yFormat = options.yFormat ?? formatTick;
  const parts: string[] = [];
  for (const tick of yTicks) {
    const y = sy(tick).toFixed(1);
    parts.push(`<line x1="${MARGIN.left}" y1="${y}" x2="${width - MARGIN.right}" y2="${y}" stroke="${GRID_COLOR}"/>`);
    parts.push(`<text x="${MARGIN.left - 6}" y="${y}" dy="0.32em" text-anchor="end" fill="${AXIS_COLOR}">${escapeXml(yFormat(tick))}</text>`);
  }
  for (const tick of niceTicks(xMin, xMax, 8)) {
    const x = sx(tick).toFixed(1);
    parts.push(`<line x1="${x}" y1="${MARGIN.top + plotH}" x2="${x}" y2="${MARGIN.top + plotH + 4}" stroke="${AXIS_COLOR}"/>`);
    parts.push(`<text x="${x}" y="${MARGIN.top + plotH + 16}" text-anchor="middle" fill="${AXIS_COLOR}">${escapeXml(xFormat(tick))}</text>`);
  }
  parts.push(`<line x1="${MARGIN.left}" y1="${MARGIN.top + plotH}" x2="${width - MARGIN.right}" y2="${MARGIN.top + plotH}" stroke="${AXIS_COLOR}"/>`);
  parts.push(`<line x1="${MARGIN.left}" y1="${MARGIN.top}" x2="${MARGIN.left}" y2="${MARGIN.top + plotH}" stroke="${AXIS_COLOR}"/>`);
  for (const threshold of thresholds) {
    const y = sy(threshold.value).toFixed(1);
    const color = threshold.color ?? FAIL_COLOR;
    parts.push(
      `<g class="rv-threshold"><line x1="${MARGIN.left}" y1="${y}" x2="${width - MARGIN.right}" y2="${y}" stroke="${color}" stroke-width="1.5" stroke-dasharray="6 4"/><text x="${width - MARGIN.right - 4}" y="${y}" dy="-4" text-anchor="end" fill="${color}">${escapeXml(threshold.label)}</text></g>`,
    );
  }
  const entries: Array<{ name: string; color: string; dashed?: boolean }> = [];
  options.series.forEach((series, index) => {
    const color = series.color ?? CHART_COLORS[index % CHART_COLORS.length] ?? '#000';
    entries.push({ name: series.name, color, ...(series.dashed ? { dashed: true } : {}) });
    const own = series.points.filter((p) => Number.isFinite(p.x) && usable(p.y)).sort((a, b) => a.x - b.x);
    if (own.length === 0) return;
    const d = own.map((p, i) => `${i === 0 ? 'M' : 'L'}${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join('');
    parts.push(`<path class="rv-series" data-series="${escapeXml(series.name)}" d="${d}" fill="none" stroke="${color}" stroke-width="1.8"${series.dashed ? ' stroke-dasharray="4 3"' : ''}/>`);
    if (own.length === 1) {
      const only = own[0] as { x: number; y: number };
      parts.push(`<circle cx="${sx(only.x).toFixed(1)}" cy="${sy(only.y).toFixed(1)}" r="2.5" fill="${color}"/>`);
    }
  });
  return frame(options, parts.join(''), legend(entries, width));
}

export interface BarChartOptions extends ChartFrame {
  readonly bars: ReadonlyArray<{ readonly label: string; readonly value: number; readonly color?: string }>;
  /** Formats y tick labels. Default: formatTick. */
  readonly yFormat?: (y: number) => string;
  /** Show every n-th bar label (long x axes). Default: chosen to fit. */
  readonly labelEvery?: number;
}

/** A vertical bar chart (e.g. a latency distribution: one bar per latency band). */
export function barChart(options: BarChartOptions): string {
  const width = options.width ?? 720;
  const height = options.height ?? 260;
  if (options.bars.length === 0) return noData(options);
  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const max = Math.max(...options.bars.map((b) => b.value), 0);
  const ticks = niceTicks(0, max === 0 ? 1 : max * 1.05, 4);
  const top = Math.max(max, ticks.at(-1) ?? max) || 1;
  const slot = plotW / options.bars.length;
  const every = options.labelEvery ?? Math.max(1, Math.ceil((options.bars.length * 44) / plotW));
  const yFormat = options.yFormat ?? formatTick;
  const parts: string[] = [];
  for (const tick of ticks) {
    const y = (MARGIN.top + plotH - (tick / top) * plotH).toFixed(1);
    parts.push(`<line x1="${MARGIN.left}" y1="${y}" x2="${width - MARGIN.right}" y2="${y}" stroke="${GRID_COLOR}"/>`);
    parts.push(`<text x="${MARGIN.left - 6}" y="${y}" dy="0.32em" text-anchor="end" fill="${AXIS_COLOR}">${escapeXml(yFormat(tick))}</text>`);
  }
  options.bars.forEach((bar, i) => {
    const h = (bar.value / top) * plotH;
    const x = MARGIN.left + i * slot + slot * 0.1;
    parts.push(
      `<rect class="rv-bar" x="${x.toFixed(1)}" y="${(MARGIN.top + plotH - h).toFixed(1)}" width="${(slot * 0.8).toFixed(1)}" height="${h.toFixed(1)}" fill="${bar.color ?? CHART_COLORS[0]}"><title>${escapeXml(`${bar.label}: ${bar.value}`)}</title></rect>`,
    );
    if (i % every === 0) parts.push(`<text x="${(x + slot * 0.4).toFixed(1)}" y="${MARGIN.top + plotH + 16}" text-anchor="middle" fill="${AXIS_COLOR}">${escapeXml(bar.label)}</text>`);
  });
  parts.push(`<line x1="${MARGIN.left}" y1="${MARGIN.top + plotH}" x2="${width - MARGIN.right}" y2="${MARGIN.top + plotH}" stroke="${AXIS_COLOR}"/>`);
  return frame(options, parts.join(''));
}

/** One measured value against its limit. */
export interface ThresholdItem {
  readonly label: string;
  readonly measured: number | null;
  readonly threshold: number;
  /** `upper`: measured must stay below; `lower`: measured must reach the threshold. */
  readonly bound: 'upper' | 'lower';
  readonly pass: boolean;
  /** Formats values for the labels. Default: formatTick. */
  readonly format?: (value: number) => string;
}

/**
 * One row per item: a bar for the measured value, scaled so the threshold sits at the same
 * place in every row (a dashed line), green when it passes, red when it fails.
 */
export function thresholdChart(options: ChartFrame & { readonly items: readonly ThresholdItem[] }): string {
  const width = options.width ?? 720;
  const rowH = 24;
  const height = options.height ?? MARGIN.top + 14 + options.items.length * rowH + 16;
  if (options.items.length === 0) return noData({ ...options, height: 80 });
  const labelW = 230;
  const plotX = labelW;
  const top = MARGIN.top + 14;
  const plotW = width - labelW - 120;
  const mark = plotX + plotW * 0.6;
  const parts: string[] = [];
  options.items.forEach((item, i) => {
    const y = top + i * rowH;
    const format = item.format ?? formatTick;
    const ratio = item.measured === null ? 0 : item.threshold > 0 ? item.measured / item.threshold : item.measured > 0 ? 1.6 : 0;
    const barW = Math.min(plotW, Math.max(item.measured === null ? 0 : 1.5, ratio * (mark - plotX)));
    const color = item.pass ? PASS_COLOR : FAIL_COLOR;
    parts.push(`<g class="rv-gate" data-pass="${item.pass}">`);
    parts.push(`<text x="${labelW - 8}" y="${y + 15}" text-anchor="end" fill="#222">${escapeXml(item.label)}</text>`);
    parts.push(`<rect x="${plotX}" y="${y + 4}" width="${barW.toFixed(1)}" height="${rowH - 8}" fill="${color}" opacity="0.85"/>`);
    parts.push(
      `<text x="${plotX + plotW + 6}" y="${y + 15}" fill="${color}">${escapeXml(item.measured === null ? 'not measured' : format(item.measured))} ${item.bound === 'upper' ? '≤' : '≥'} ${escapeXml(format(item.threshold))}</text>`,
    );
    parts.push('</g>');
  });
  parts.push(`<line x1="${mark}" y1="${top - 4}" x2="${mark}" y2="${top + options.items.length * rowH}" stroke="#333" stroke-dasharray="4 3"/>`);
  parts.push(`<text x="${mark}" y="${top - 8}" text-anchor="middle" fill="#333">threshold</text>`);
  return frame({ ...options, height }, parts.join(''));
}
