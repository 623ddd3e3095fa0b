import type { RagValidateConfig } from '@rag-validate/config';
import { generateMonitoringFiles } from '@rag-validate/monitoring-config';

/** The prometheus.yml @rag-validate/monitoring-config generates from this config (its default options). */
export function generatedPrometheusConfig(config: RagValidateConfig): string {
  const file = generateMonitoringFiles(config, { ruleTests: false }).find((f) => f.path === 'prometheus.yml');
  if (file === undefined) throw new Error('monitoring-config generated no prometheus.yml');
  return file.content;
}
