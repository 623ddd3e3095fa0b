import { OPERATION_NAMES } from '@rag-validate/config';
import { BURN_RATE_WINDOWS, SLO_PERIOD, SLO_RECORDS, sliErrorRecord } from '../rules/burn-rate-windows.js';
import { sloSeries } from '../rules/recording-rules.js';
import type { SloObjective } from '../rules/slo-objectives.js';
import { statPanel, timeseriesPanel, type DashboardSection } from './common.js';

/**
 * Error budget left over the SLO period per operation (one value per SLO), and how fast each SLO
 * burns its budget over the last hour, with the page and ticket burn rates drawn.
 */
export function errorBudgetSection(objectives: readonly SloObjective[]): DashboardSection {
  const operations = OPERATION_NAMES.filter((operation) => objectives.some((objective) => objective.operation === operation));
  const width = Math.floor(24 / operations.length);
  const budgets = operations.map((operation) => {
    const own = objectives.filter((objective) => objective.operation === operation);
    return statPanel({
      title: `${operation}: error budget left (${SLO_PERIOD})`,
      description: `Share of the ${SLO_PERIOD} error budget not yet spent, per SLO: ${own.map((o) => `${o.slo} (${o.description})`).join('; ')}. Below 0 the SLO is missed.`,
      unit: 'percentunit',
      width,
      base: 'red',
      steps: [
        { value: 0, color: 'orange' },
        { value: 0.25, color: 'green' },
      ],
      queries: own.map((objective) => ({ expr: sloSeries(SLO_RECORDS.budgetRemaining, objective), legend: objective.slo })),
    });
  });
  const burnLines = [...new Set(BURN_RATE_WINDOWS.map((window) => window.burnRate))].map((rate) => ({
    value: rate,
    color: rate >= 10 ? 'red' : rate > 1 ? 'orange' : 'yellow',
  }));
  return {
    title: 'Error budget',
    panels: [
      ...budgets,
      timeseriesPanel({
        title: 'Error budget burn rate (1h)',
        description: `Error ratio over the last hour divided by the error budget, per SLO. 1 spends the budget exactly over ${SLO_PERIOD}; the dashed lines are the burn rates that page (${BURN_RATE_WINDOWS.filter((w) => w.severity === 'page')
          .map((w) => `${w.burnRate}x`)
          .join(', ')}) or open a ticket (1x).`,
        unit: 'short',
        width: 24,
        min: 0,
        lines: burnLines,
        queries: [{ expr: `${sliErrorRecord('1h')} / on (operation, slo) ${SLO_RECORDS.errorBudget}`, legend: '{{operation}} {{slo}}' }],
      }),
    ],
  };
}
