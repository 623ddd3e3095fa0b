/**
 * The multi-window, multi-burn-rate alert set of the Google SRE workbook ("Alerting on SLOs",
 * table 5-8 without the 1-day ticket): an alert fires when both the long and the short window burn
 * the error budget faster than `burnRate`. The short window makes the alert stop soon after the
 * problem does. `for` keeps a single bad evaluation from paging (2 m and 15 m as in the
 * kubernetes-mixin; 1 h for the ticket, whose 6-hour short window already makes it slow to change).
 */
export const BURN_RATE_WINDOWS = [
  { severity: 'page', longWindow: '1h', shortWindow: '5m', burnRate: 14.4, for: '2m', budgetSpent: '2 % of the 30-day error budget is spent in 1 hour' },
  { severity: 'page', longWindow: '6h', shortWindow: '30m', burnRate: 6, for: '15m', budgetSpent: '5 % of the 30-day error budget is spent in 6 hours' },
  { severity: 'ticket', longWindow: '3d', shortWindow: '6h', burnRate: 1, for: '1h', budgetSpent: '10 % of the 30-day error budget is spent in 3 days' },
] as const;

export type BurnRateWindow = (typeof BURN_RATE_WINDOWS)[number];

/** The period an error budget is counted over (for "error budget remaining"). */
export const SLO_PERIOD = '30d';

/** Every window an SLI error ratio is recorded over, shortest first. */
export const SLI_WINDOWS: readonly string[] = ['5m', '30m', '1h', '6h', '3d'];

/** Name of the recording rule holding an SLO's error ratio over `window`. */
export function sliErrorRecord(window: string): string {
  return `slo:sli_error:ratio_rate${window}`;
}

/** Recording rules that describe the SLO itself, for dashboards. */
export const SLO_RECORDS = {
  objective: 'slo:objective:ratio',
  errorBudget: 'slo:error_budget:ratio',
  budgetRemaining: 'slo:error_budget_remaining:ratio',
} as const;
