import { encodeHistogram, newHistogram, recordMs, type Histogram } from './latency-histogram.js';

/** Latency of one second (ms). */
export interface SecondLatency {
  readonly meanMs: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

/**
 * `request`: a call the generator sends (counts sends, drops, errors and latency);
 * `sample`: a value measured inside a call (time to first token, inter-token latency).
 */
export type SeriesKind = 'request' | 'sample';

/** Counters of one series, for the whole run or one second. */
export interface SeriesCounts {
  /** Sends the schedule asked for. */
  scheduled: number;
  /** Sends started. */
  sent: number;
  /** Sends not started because the in-flight cap was reached. */
  dropped: number;
  /** Sends started later than the lateness threshold after their intended time. */
  late: number;
  /** Calls that finished (successfully or not), or samples taken. */
  completed: number;
  ok: number;
  errors: number;
}

/** One second of one series. Sends count in the second they were due; completions in the second they finished. */
export interface SecondRecord extends SeriesCounts {
  /** Latencies of the calls that finished in this second (HDR compressed base64), when any did. */
  histogram: string | undefined;
  latency: SecondLatency | undefined;
}

/**
 * The counters are class instances, not object literals: every counter object then has one of two
 * fixed shapes, so the per-call code below stays optimised. (Literal records made by spreading got
 * their fields generalised when a second closed, and the optimised send and completion paths were
 * thrown away and recompiled once a second.)
 */
class Counts implements SeriesCounts {
  scheduled = 0;
  sent = 0;
  dropped = 0;
  late = 0;
  completed = 0;
  ok = 0;
  errors = 0;
}

class Second extends Counts implements SecondRecord {
  histogram: string | undefined = undefined;
  latency: SecondLatency | undefined = undefined;
}

// Called per send and per completion: plain functions, no array to loop over.
function countSend(counts: Counts, outcome: 'sent' | 'dropped', late: boolean): void {
  counts.scheduled += 1;
  if (outcome === 'sent') counts.sent += 1;
  else counts.dropped += 1;
  if (late) counts.late += 1;
}

function countCompletion(counts: Counts, ok: boolean): void {
  counts.completed += 1;
  if (ok) counts.ok += 1;
  else counts.errors += 1;
}

/** Records one series (an operation, or a sample series such as `llm-stream.ttft`). */
export class SeriesRecorder {
  readonly name: string;
  readonly kind: SeriesKind;
  /** Every latency of the run. */
  readonly total: Histogram = newHistogram();
  readonly counts: SeriesCounts;
  readonly errorsByKind = new Map<string, number>();
  readonly seconds = new Map<number, SecondRecord>();
  /** The second sends are counted in (intended times come in order) and its record. */
  #sendIndex = Number.NaN;
  #sendSecond: Second | undefined;
  /** The second completions are counted in (completion times come in order), its record and latencies. */
  #currentSecond = Number.NaN;
  #currentRecord: Second | undefined;
  readonly #current: Histogram = newHistogram();

  constructor(name: string, kind: SeriesKind) {
    this.name = name;
    this.kind = kind;
    this.counts = new Counts();
  }

  /** A send fell due at `intendedEpochMs`: it was started (maybe late) or dropped. */
  send(intendedEpochMs: number, outcome: 'sent' | 'dropped', late: boolean): void {
    const index = Math.floor(intendedEpochMs / 1_000);
    if (index !== this.#sendIndex) {
      this.#sendIndex = index;
      this.#sendSecond = this.#second(index);
    }
    countSend(this.counts as Counts, outcome, late);
    countSend(this.#sendSecond as Second, outcome, late);
  }

  /** A call finished at `completedEpochMs`, `latencyMs` after it was due. */
  complete(completedEpochMs: number, latencyMs: number, ok: boolean, errorKind?: string): void {
    this.#roll(Math.floor(completedEpochMs / 1_000));
    countCompletion(this.counts as Counts, ok);
    countCompletion(this.#currentRecord as Second, ok);
    if (!ok) this.errorsByKind.set(errorKind ?? 'unknown', (this.errorsByKind.get(errorKind ?? 'unknown') ?? 0) + 1);
    recordMs(this.total, latencyMs);
    recordMs(this.#current, latencyMs);
  }

  /** Closes the second being recorded (call when the run is over). */
  finish(): void {
    this.#roll(Number.POSITIVE_INFINITY);
  }

  #roll(secondIndex: number): void {
    if (secondIndex === this.#currentSecond) return;
    // Completions come in time order (a monotonic clock), so only one second is open at a time.
    const record = this.#currentRecord;
    if (record !== undefined && this.#current.totalCount > 0) {
      record.histogram = encodeHistogram(this.#current);
      record.latency = secondLatency(this.#current);
    }
    this.#current.reset();
    this.#currentSecond = secondIndex;
    this.#currentRecord = Number.isFinite(secondIndex) ? this.#second(secondIndex) : undefined;
  }

  #second(index: number): Second {
    let record = this.seconds.get(index) as Second | undefined;
    if (record === undefined) {
      record = new Second();
      this.seconds.set(index, record);
    }
    return record;
  }
}

/** All series of one run, plus how late the generator started its sends. */
export class LoadRecorder {
  readonly series = new Map<string, SeriesRecorder>();
  /** Actual start − intended start of every measured send. */
  readonly sendLag: Histogram = newHistogram();

  constructor(series: ReadonlyArray<{ readonly name: string; readonly kind: SeriesKind }>) {
    for (const { name, kind } of series) this.series.set(name, new SeriesRecorder(name, kind));
  }

  get(name: string): SeriesRecorder {
    let recorder = this.series.get(name);
    if (recorder === undefined) {
      recorder = new SeriesRecorder(name, 'sample');
      this.series.set(name, recorder);
    }
    return recorder;
  }

  finish(): void {
    for (const recorder of this.series.values()) recorder.finish();
  }
}

const ms3 = (us: number) => Math.round(us) / 1_000;

/** The latency statistics of one second's histogram. */
export function secondLatency(histogram: Histogram): SecondLatency {
  return {
    meanMs: ms3(histogram.mean),
    p50Ms: ms3(histogram.getValueAtPercentile(50)),
    p95Ms: ms3(histogram.getValueAtPercentile(95)),
    p99Ms: ms3(histogram.getValueAtPercentile(99)),
    maxMs: ms3(histogram.getValueAtPercentile(100)),
  };
}
