/** The four services of the system under validation, by their config key. */
export const SERVICE_NAMES = ['rag', 'embedding', 'llm', 'vectorDb'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** How each service is called in output, logs, metrics (`service` label) and compose files. */
export const SERVICE_DISPLAY_NAMES: Readonly<Record<ServiceName, string>> = {
  rag: 'rag-server',
  embedding: 'embedding-server',
  llm: 'llm-server',
  vectorDb: 'vector-db',
};

/** The ports the real system (and the embedded reference stack by default) listens on. */
export const DEFAULT_PORTS: Readonly<Record<ServiceName, number>> = {
  rag: 8000,
  embedding: 8001,
  llm: 8002,
  vectorDb: 6333,
};

export function isServiceName(value: string): value is ServiceName {
  return (SERVICE_NAMES as readonly string[]).includes(value);
}
