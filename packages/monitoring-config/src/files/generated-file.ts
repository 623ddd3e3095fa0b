/** What a generated file is for. */
export type GeneratedFileKind = 'prometheus-config' | 'recording-rules' | 'alert-rules' | 'rule-tests' | 'grafana-dashboard' | 'grafana-provisioning' | 'gitignore';

/** One file the generator writes: a path relative to the output directory (always `/`-separated) and its exact content. */
export interface GeneratedFile {
  readonly path: string;
  readonly kind: GeneratedFileKind;
  readonly content: string;
}
