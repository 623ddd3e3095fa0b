import { HttpClient } from '@rag-validate/clients';
import { z } from 'zod';

/** An alert an experiment expects: its name and labels that must match (e.g. `service: embedding-server`). */
export interface ExpectedAlert {
  readonly alertname: string;
  readonly labels?: Readonly<Record<string, string>>;
}

const alertsResponse = z.object({
  status: z.literal('success'),
  data: z.object({
    alerts: z.array(z.object({ labels: z.record(z.string(), z.string()), state: z.string(), activeAt: z.string().optional() }).loose()),
  }),
});

/** What the watcher saw. JSON-serialisable. */
export interface AlertObservation {
  readonly prometheusUrl: string;
  readonly expected: readonly ExpectedAlert[];
  /** Epoch ms of the first poll that saw a matching alert pending / firing. */
  readonly firstPendingAt: number | undefined;
  readonly firstFiringAt: number | undefined;
  readonly polls: number;
  /** The last error polling Prometheus, if any poll failed. */
  readonly lastError: string | undefined;
}

/**
 * Polls Prometheus's `GET /api/v1/alerts` (through the clients' HttpClient) and records when one of
 * the expected alerts first shows up pending and firing.
 */
export class AlertWatcher {
  readonly #http: HttpClient;
  readonly #url: string;
  readonly #expected: readonly ExpectedAlert[];
  readonly #intervalMs: number;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #stopped = false;
  #firstPendingAt: number | undefined;
  #firstFiringAt: number | undefined;
  #polls = 0;
  #lastError: string | undefined;

  constructor(prometheusUrl: string, expected: readonly ExpectedAlert[], options: { intervalMs?: number; timeoutMs?: number } = {}) {
    this.#url = prometheusUrl;
    this.#http = new HttpClient({ baseUrl: prometheusUrl, timeoutMs: options.timeoutMs ?? 2_000, maxRetries: 0 });
    this.#expected = expected;
    this.#intervalMs = options.intervalMs ?? 500;
  }

  /** Polls once now, then every interval until stopped. */
  start(): void {
    const loop = async () => {
      if (this.#stopped) return;
      this.#running = this.pollOnce();
      await this.#running;
      if (!this.#stopped) this.#timer = setTimeout(() => void loop(), this.#intervalMs);
    };
    void loop();
  }

  async stop(): Promise<AlertObservation> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#running;
    return this.observation();
  }

  observation(): AlertObservation {
    return {
      prometheusUrl: this.#url,
      expected: this.#expected,
      firstPendingAt: this.#firstPendingAt,
      firstFiringAt: this.#firstFiringAt,
      polls: this.#polls,
      lastError: this.#lastError,
    };
  }

  async pollOnce(): Promise<void> {
    this.#polls += 1;
    try {
      const { body } = await this.#http.request({ method: 'GET', path: '/api/v1/alerts', schema: alertsResponse });
      const now = Date.now();
      const matching = body.data.alerts.filter((alert) => this.#expected.some((e) => matches(alert.labels, e)));
      if (matching.length > 0) this.#firstPendingAt ??= now;
      if (matching.some((a) => a.state === 'firing')) this.#firstFiringAt ??= now;
    } catch (error) {
      this.#lastError = error instanceof Error ? error.message : String(error);
    }
  }
}

function matches(labels: Readonly<Record<string, string>>, expected: ExpectedAlert): boolean {
  if (labels['alertname'] !== expected.alertname) return false;
  return Object.entries(expected.labels ?? {}).every(([key, value]) => labels[key] === value);
}
