import { formatMs } from '../format.js';
import { badge, esc, section, table } from './html.js';
import { fileLinks, notAvailable, type RenderContext } from './render-context.js';

/** The four services' health probes. */
export function healthSection(ctx: RenderContext): string {
  const status = ctx.verdict.areas.find((a) => a.area === 'health')?.status;
  const file = ctx.results.health;
  if (file.state !== 'ok') return section('health', 'Health', notAvailable(file, 'Run `rag-validate run` (its health area) to produce it.'), status);
  const rows = file.value.services.map((s) => ({
    className: s.ok ? '' : 'failed',
    cells: [
      esc(s.displayName),
      `<code>${esc(s.url)}</code>`,
      badge(s.ok ? 'pass' : 'fail', s.ok ? 'HEALTHY' : 'NOT HEALTHY'),
      `<span class="num">${esc(formatMs(s.latencyMs))}</span>`,
      s.probes.map((p) => `${esc(p.endpoint)}: ${esc(p.detail)}${p.errorCode ? ` (<code>${esc(p.errorCode)}</code>)` : ''}`).join('<br>'),
    ],
  }));
  return section(
    'health',
    'Health',
    `${fileLinks(ctx, ['health.json'])}${table(['service', 'url', 'status', 'latency', 'probes'], rows)}<p class="note">Checked at ${esc(file.value.checkedAt)}.</p>`,
    status,
  );
}
