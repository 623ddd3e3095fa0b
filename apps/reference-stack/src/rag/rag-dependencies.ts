import { EmbeddingClient, HttpStatusError, LlmClient, VectorDbClient, type ChatRequest, type ClientError, type HealthCheck, type StreamedChatCompletion } from '@rag-validate/clients';
import { isRagValidateError, LATENCY_BUCKETS_SECONDS, METRICS, type DEPENDENCY_LABELS } from '@rag-validate/config';
import { Histogram, type Registry } from 'prom-client';

export type DependencyLabel = (typeof DEPENDENCY_LABELS)[number];

const DISPLAY: Readonly<Record<DependencyLabel, string>> = { embedding: 'embedding-server', 'vector-db': 'vector-db', llm: 'llm-server' };

/**
 * A dependency call failed. `unavailable` (refused, reset, timeout, 5xx) becomes 503; a dependency
 * that answered but rejected or garbled the call becomes 502.
 */
export class DependencyFailure extends Error {
  readonly dependency: DependencyLabel;
  readonly kind: 'unavailable' | 'bad-response';

  constructor(dependency: DependencyLabel, kind: 'unavailable' | 'bad-response', reason: string, options?: { cause?: unknown }) {
    super(`${DISPLAY[dependency]} ${kind === 'unavailable' ? 'unavailable' : 'returned an unusable answer'}: ${reason}`, options);
    this.name = 'DependencyFailure';
    this.dependency = dependency;
    this.kind = kind;
  }
}

export interface RagDependencyOptions {
  readonly embeddingUrl: string;
  readonly llmUrl: string;
  readonly vectorDbUrl: string;
  /** Deadline of one embedding or vector-db call. */
  readonly timeoutMs: number;
  /** Deadline of one whole LLM generation. */
  readonly llmTimeoutMs: number;
  /** A generation whose first token takes longer is abandoned (the LLM is hung). */
  readonly llmFirstTokenTimeoutMs: number;
  readonly llmModel: string;
  readonly registry: Registry;
}

function describe(error: ClientError): string {
  switch (error.code) {
    case 'RV_ERR_CONNECTION':
      return `${error.reason} (${error.url})`;
    case 'RV_ERR_TIMEOUT':
      return `no answer within ${error.timeoutMs} ms (${error.url})`;
    case 'RV_ERR_HTTP_STATUS':
      return `HTTP ${error.statusCode} from ${error.url}`;
    default:
      return error.message;
  }
}

function classify(dependency: DependencyLabel, error: unknown): DependencyFailure {
  if (error instanceof DependencyFailure) return error;
  if (!isRagValidateError(error)) return new DependencyFailure(dependency, 'unavailable', error instanceof Error ? error.message : String(error), { cause: error });
  const clientError = error as ClientError;
  const transient = clientError.code === 'RV_ERR_CONNECTION' || clientError.code === 'RV_ERR_TIMEOUT' || clientError.code === 'RV_ERR_ABORTED' || (clientError.code === 'RV_ERR_HTTP_STATUS' && clientError.statusCode >= 500);
  return new DependencyFailure(dependency, transient ? 'unavailable' : 'bad-response', describe(clientError), { cause: error });
}

/** True when the error is the vector-db saying a collection does not exist. */
export function isMissingCollection(error: unknown): boolean {
  const cause = error instanceof DependencyFailure ? error.cause : error;
  return cause instanceof HttpStatusError && cause.statusCode === 404;
}

/**
 * The rag-server's three dependencies, called through `@rag-validate/clients` with short deadlines,
 * one retry for idempotent calls, a first-token watchdog on the LLM, and a duration histogram per
 * dependency, operation and outcome. Every failure is a `DependencyFailure`.
 */
export class RagDependencies {
  readonly embedding: EmbeddingClient;
  readonly llm: LlmClient;
  readonly vectorDb: VectorDbClient;
  readonly #options: RagDependencyOptions;
  readonly #duration: Histogram<'dependency' | 'operation' | 'outcome'>;

  constructor(options: RagDependencyOptions) {
    this.#options = options;
    this.embedding = new EmbeddingClient({ baseUrl: options.embeddingUrl, timeoutMs: options.timeoutMs, maxRetries: 1 });
    this.vectorDb = new VectorDbClient({ baseUrl: options.vectorDbUrl, timeoutMs: options.timeoutMs, maxRetries: 1 });
    this.llm = new LlmClient({ baseUrl: options.llmUrl, timeoutMs: options.llmTimeoutMs, maxRetries: 0, model: options.llmModel });
    this.#duration = new Histogram({
      name: METRICS.dependencyRequestDuration.name,
      help: METRICS.dependencyRequestDuration.help,
      labelNames: ['dependency', 'operation', 'outcome'],
      buckets: [...LATENCY_BUCKETS_SECONDS],
      registers: [options.registry],
    });
  }

  /** Runs one dependency call, timing it and turning its failure into a DependencyFailure. */
  async call<T>(dependency: DependencyLabel, operation: string, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      const result = await work();
      this.#duration.observe({ dependency, operation, outcome: 'success' }, (performance.now() - started) / 1000);
      return result;
    } catch (error) {
      this.#duration.observe({ dependency, operation, outcome: 'error' }, (performance.now() - started) / 1000);
      throw classify(dependency, error);
    }
  }

  embed(text: string): Promise<number[]> {
    return this.call('embedding', 'embed', async () => (await this.embedding.embed(text)).embedding);
  }

  async embedMany(texts: readonly string[]): Promise<number[][]> {
    const out: number[][] = [];
    for (let i = 0; i < texts.length; i += 256) {
      const batch = texts.slice(i, i + 256);
      const vectors = await this.call('embedding', 'embed_bulk', () => this.embedding.embedBulk(batch));
      if (vectors.length !== batch.length) throw new DependencyFailure('embedding', 'bad-response', `asked for ${batch.length} embeddings, got ${vectors.length}`);
      out.push(...vectors.map((v) => v.embedding));
    }
    return out;
  }

  /** Streams a chat completion; gives up when no first token arrives within the watchdog time. */
  chat(request: ChatRequest): Promise<StreamedChatCompletion> {
    return this.call('llm', 'chat_completion', async () => {
      const watchdog = new AbortController();
      const timer = setTimeout(() => watchdog.abort(new Error(`no first token within ${this.#options.llmFirstTokenTimeoutMs} ms`)), this.#options.llmFirstTokenTimeoutMs);
      try {
        return await this.llm.chatStream(request, { signal: watchdog.signal, onToken: () => clearTimeout(timer) });
      } catch (error) {
        if (watchdog.signal.aborted) {
          throw new DependencyFailure('llm', 'unavailable', `no first token within ${this.#options.llmFirstTokenTimeoutMs} ms`, { cause: error });
        }
        throw error;
      } finally {
        clearTimeout(timer);
      }
    });
  }

  /** Probes all three (for /readyz), in parallel, each with its own deadline. */
  async probe(timeoutMs: number): Promise<Record<string, HealthCheck>> {
    const [embedding, llm, vectorDb] = await Promise.all([this.embedding.health({ timeoutMs }), this.llm.health({ timeoutMs }), this.vectorDb.readyz({ timeoutMs })]);
    return { [DISPLAY.embedding]: embedding, [DISPLAY.llm]: llm, [DISPLAY['vector-db']]: vectorDb };
  }
}
