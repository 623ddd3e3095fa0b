import { setTimeout as sleep } from 'node:timers/promises';
import type { StartedDaemon } from './prometheus-server.js';

export interface PrometheusTarget {
  readonly labels: Readonly<Record<string, string>>;
  readonly health: 'up' | 'down' | 'unknown';
  readonly lastError: string;
}
export interface PrometheusAlert {
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly state: 'pending' | 'firing' | 'inactive';
}
export interface PrometheusSample {
  readonly metric: Readonly<Record<string, string>>;
  readonly value: readonly [number, string];
}

/** The parts of Prometheus' HTTP API the tests read: targets, alerts, instant queries. */
export function prometheusApi(prometheus: StartedDaemon) {
  async function get<T>(path: string, query: Record<string, string> = {}): Promise<T> {
    const response = await prometheus.api.request<{ status: string; data: T }>({ method: 'GET', path, query });
    return response.body.data;
  }
  return {
    targets: () => get<{ activeTargets: PrometheusTarget[] }>('/api/v1/targets').then((d) => d.activeTargets),
    alerts: () => get<{ alerts: PrometheusAlert[] }>('/api/v1/alerts').then((d) => d.alerts),
    query: (expr: string) => get<{ result: PrometheusSample[] }>('/api/v1/query', { query: expr }).then((d) => d.result),
  };
}

/** Calls `probe` every `intervalMs` until it returns a value; throws after `timeoutMs`. */
export async function poll<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}
