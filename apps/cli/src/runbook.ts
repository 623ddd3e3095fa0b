/**
 * The incident-response manual (relative to the repository root): one section per alert and per
 * shipped chaos experiment. Alerts link to it through their `runbook_url` annotation
 * (`@rag-validate/monitoring-config`, anchor = the alert name in lower case).
 */
export const RUNBOOK_DOCUMENT = 'docs/incident-response.md';

/** Link to a chaos experiment's section of the manual: its heading is the experiment name, so the anchor is the name. */
export function experimentRunbook(name: string): string {
  return `${RUNBOOK_DOCUMENT}#${name}`;
}
