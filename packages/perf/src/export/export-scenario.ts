import type { ContractVersion, RagValidateConfig } from '@rag-validate/config';
import { getScenario } from '../scenarios/builtin-scenarios.js';
import { resolveRunSettings, type RunOverrides } from '../scenarios/run-settings.js';
import type { Scenario } from '../scenarios/scenario.js';
import { buildExportPlan } from './export-plan.js';
import { renderK6Script } from './k6-script.js';
import { renderLocustFile } from './locust-file.js';

export interface ExportScenarioOptions extends RunOverrides {
  readonly config: Pick<RagValidateConfig, 'target' | 'slos' | 'perf'>;
  readonly scenario: string | Scenario;
  readonly format: 'k6' | 'locust';
  /** Request paths to use. Default: `config.target.contract`, or `codev-task06` when that is `auto`. */
  readonly contract?: ContractVersion;
}

/**
 * Writes a scenario as a k6 script or a locustfile (returned as text): same rates, mix, request
 * bodies and gate thresholds as `runScenario`, for running on k6 / k6-operator or Locust workers.
 */
export function exportScenario(options: ExportScenarioOptions): string {
  const scenario = typeof options.scenario === 'string' ? getScenario(options.scenario) : options.scenario;
  const settings = resolveRunSettings(scenario, options.config, options);
  const contract = options.contract ?? (options.config.target.contract === 'auto' ? 'codev-task06' : options.config.target.contract);
  const plan = buildExportPlan(settings, options.config, contract);
  return options.format === 'k6' ? renderK6Script(plan) : renderLocustFile(plan);
}
