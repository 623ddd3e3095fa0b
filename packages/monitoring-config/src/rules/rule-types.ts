/** A Prometheus recording rule, as written to recording.yml. */
export interface RecordingRule {
  readonly record: string;
  readonly expr: string;
  readonly labels?: Readonly<Record<string, string>>;
}

/** A Prometheus alerting rule, as written to alerts.yml. */
export interface AlertingRule {
  readonly alert: string;
  readonly expr: string;
  readonly for?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

export interface RuleGroup<R extends RecordingRule | AlertingRule> {
  readonly name: string;
  readonly rules: readonly R[];
}
