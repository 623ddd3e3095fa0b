import { escapeXml, FAIL_COLOR, formatTick, niceTicks, PASS_COLOR } from '@rag-validate/perf';
import type { ChaosExperimentInput } from '../../results/chaos-result.js';
import { formatMs } from '../format.js';

/** The moments labelled on the timeline; the other events are ticks with a tooltip. */
const LABELS: Readonly<Partial<Record<string, string>>> = {
  'fault-injected': 'fault',
  'first-error': 'first error',
  'alert-firing': 'alert firing',
  'rollback-started': 'rollback',
  ready: 'ready',
  'first-good-query': 'first good query',
};

const WIDTH = 1000;
const HEIGHT = 172;
const LEFT = 24;
const RIGHT = 24;
const AXIS_Y = 136;
const ROWS = [70, 86, 102, 118];
const FONT = 'font-family="system-ui, -apple-system, Segoe UI, sans-serif"';

/**
 * One experiment's timeline as an inline `<svg>`: seconds since the fault on the x axis, the time
 * the fault was held (fault → rollback) and the recovery (rollback → first good query) as bands,
 * and a marker per event. Returns null when the fault was never injected (nothing to draw).
 */
export function chaosTimelineSvg(experiment: ChaosExperimentInput): string | null {
  const events = experiment.timeline.filter((e): e is typeof e & { sinceFaultMs: number } => e.sinceFaultMs !== null);
  const at = (name: string) => events.find((e) => e.event === name)?.sinceFaultMs;
  const fault = at('fault-injected');
  if (fault === undefined || events.length === 0) return null;
  const times = events.map((e) => e.sinceFaultMs);
  const min = Math.min(...times, 0);
  const max = Math.max(...times, min + 1);
  const plotW = WIDTH - LEFT - RIGHT;
  const x = (ms: number) => LEFT + ((ms - min) / (max - min)) * plotW;
  const recovery = experiment.recovery?.timeToFirstGoodQueryMs;
  const title = `${experiment.name}: fault → first error → rollback → ready → first good query`;
  const subtitle = recovery == null ? 'no recovery measured' : `recovery ${formatMs(recovery)} from rollback to first good query (MTTR objective ${formatMs(experiment.recovery?.mttrObjectiveMs ?? 0)})`;
  const parts: string[] = [];
  const rollback = at('rollback-started');
  const good = at('first-good-query');
  if (rollback !== undefined) {
    parts.push(band(x(fault), x(rollback), '#fbe3da', 'fault held', `rv-band-fault`));
    if (good !== undefined) parts.push(band(x(rollback), x(good), '#fdf1cf', `recovery ${formatMs(good - rollback)}`, 'rv-band-recovery'));
  }
  for (const tick of niceTicks(min / 1_000, max / 1_000, 8)) {
    const tx = x(tick * 1_000).toFixed(1);
    parts.push(`<line x1="${tx}" y1="${AXIS_Y}" x2="${tx}" y2="${AXIS_Y + 4}" stroke="#555"/><text x="${tx}" y="${AXIS_Y + 16}" text-anchor="middle" fill="#555">${escapeXml(formatTick(tick))}s</text>`);
  }
  parts.push(`<line x1="${LEFT}" y1="${AXIS_Y}" x2="${WIDTH - RIGHT}" y2="${AXIS_Y}" stroke="#555"/>`);
  const rowEnds = ROWS.map(() => -Infinity);
  for (const event of [...events].sort((a, b) => a.sinceFaultMs - b.sinceFaultMs)) {
    const ex = x(event.sinceFaultMs);
    const label = LABELS[event.event];
    const tooltip = `${event.event} at ${formatMs(Math.abs(event.sinceFaultMs))} ${event.sinceFaultMs < 0 ? 'before' : 'after'} the fault${event.detail ? `: ${event.detail}` : ''}`;
    const color = event.event === 'first-good-query' || event.event === 'ready' ? PASS_COLOR : event.event === 'fault-injected' || event.event.startsWith('first-') ? FAIL_COLOR : '#555';
    if (label === undefined) {
      parts.push(`<g class="rv-event" data-event="${event.event}"><title>${escapeXml(tooltip)}</title><line x1="${ex.toFixed(1)}" y1="${AXIS_Y - 6}" x2="${ex.toFixed(1)}" y2="${AXIS_Y}" stroke="#888"/><circle cx="${ex.toFixed(1)}" cy="${AXIS_Y - 6}" r="2" fill="#888"/></g>`);
      continue;
    }
    const text = `${label} ${event.sinceFaultMs >= 0 ? '+' : ''}${formatMs(event.sinceFaultMs < 0 ? -event.sinceFaultMs : event.sinceFaultMs)}`;
    const textW = text.length * 6;
    const anchor = ex + textW > WIDTH - RIGHT ? 'end' : 'start';
    const from = anchor === 'end' ? ex - textW - 4 : ex + 4;
    let row = rowEnds.findIndex((end) => end < from - 6);
    if (row === -1) row = rowEnds.indexOf(Math.min(...rowEnds));
    rowEnds[row] = from + textW;
    const y = ROWS[row] ?? ROWS[0] ?? 50;
    parts.push(
      `<g class="rv-event rv-key-event" data-event="${event.event}"><title>${escapeXml(tooltip)}</title><line x1="${ex.toFixed(1)}" y1="${y + 3}" x2="${ex.toFixed(1)}" y2="${AXIS_Y}" stroke="${color}" stroke-width="1.5"/><circle cx="${ex.toFixed(1)}" cy="${AXIS_Y}" r="3.5" fill="${color}"/><text x="${(anchor === 'end' ? ex - 4 : ex + 4).toFixed(1)}" y="${y}" text-anchor="${anchor}" fill="${color}" font-weight="600">${escapeXml(text)}</text></g>`,
    );
  }
  const label = escapeXml(title);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="rv-chart rv-timeline" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${label}" ${FONT} font-size="11">`,
    `<title>${label}</title><rect x="0" y="0" width="${WIDTH}" height="${HEIGHT}" fill="#fff"/>`,
    `<text x="${LEFT}" y="18" font-size="13" font-weight="600" fill="#222">${label}</text>`,
    `<text x="${LEFT}" y="34" fill="#555">${escapeXml(subtitle)}</text>`,
    ...parts,
    `<text x="${LEFT + plotW / 2}" y="${HEIGHT - 4}" text-anchor="middle" fill="#555">seconds since the fault was injected</text>`,
    '</svg>',
  ].join('');
}

function band(x1: number, x2: number, fill: string, label: string, className: string): string {
  const w = Math.max(1, x2 - x1);
  return `<g class="${className}"><rect x="${x1.toFixed(1)}" y="42" width="${w.toFixed(1)}" height="${AXIS_Y - 42}" fill="${fill}"/><text x="${(x1 + w / 2).toFixed(1)}" y="54" text-anchor="middle" fill="#6b4b3e" font-size="10.5">${escapeXml(w > label.length * 5.5 ? label : '')}</text></g>`;
}
