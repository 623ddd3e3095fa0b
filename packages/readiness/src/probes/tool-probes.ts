import { SERVICE_NAMES, type ServiceName } from '@rag-validate/config';
import { gathered, missing, type EvidenceMap, type Gathered, type MetricsLint } from '../model/evidence.js';
import { npmAudit } from '../tools/npm-audit.js';
import { promtoolCheckMetrics } from '../tools/promtool.js';
import type { ProbeContext } from './probe-context.js';

/** promtool on every /metrics body that answered 200 (one after the other: promtool is a process). */
export async function probeMetricsLint(ctx: ProbeContext): Promise<EvidenceMap['metricsLint']> {
  const metrics = await ctx.get('metrics');
  const out: Partial<Record<ServiceName, Gathered<MetricsLint>>> = {};
  for (const service of SERVICE_NAMES) {
    const probe = metrics[service];
    if (ctx.settings.promtool === false) out[service] = missing('tool-missing', 'promtool is disabled');
    else if (!probe.ok || probe.value.status !== 200) out[service] = missing('not-applicable', 'no /metrics body');
    else out[service] = await promtoolCheckMetrics(probe.value.text, { promtool: ctx.settings.promtool, signal: ctx.signal });
  }
  return out as EvidenceMap['metricsLint'];
}

/** The prometheus.yml given as a file, else the one monitoring-config generates from the config. */
export async function probePrometheusConfig(ctx: ProbeContext): Promise<EvidenceMap['prometheusConfig']> {
  const given = ctx.settings.inputs.prometheusConfig;
  if (given !== undefined) return gathered(given);
  const generate = ctx.settings.generatePrometheusConfig;
  if (generate === undefined) return missing('not-given', 'no prometheus.yml given and no generator configured');
  try {
    return gathered({ source: 'the prometheus.yml generated from the config', text: generate(ctx.config) });
  } catch (error) {
    return missing('failed', `generating prometheus.yml failed: ${(error as Error).message}`);
  }
}

/** `npm audit` of the audited project (time-bounded). */
export async function probeDependencyAudit(ctx: ProbeContext): Promise<EvidenceMap['dependencyAudit']> {
  const audit = ctx.settings.audit;
  if (audit === undefined) return missing('not-given', 'the dependency audit is turned off');
  return npmAudit({ directory: audit.directory, registry: audit.registry, timeoutMs: audit.timeoutMs, signal: ctx.signal });
}
