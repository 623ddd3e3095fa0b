import type { TimelineEvent, TimelineEventName } from '../result/chaos-result.js';

/** Collects the moments of one experiment; times are relative to the fault once it started. */
export class Timeline {
  readonly #events: Array<{ event: TimelineEventName; at: number; detail?: string }> = [];
  readonly #onEvent: ((event: TimelineEvent) => void) | undefined;
  #faultStartAt: number | undefined;

  constructor(onEvent?: (event: TimelineEvent) => void) {
    this.#onEvent = onEvent;
  }

  /** Sets the zero of `sinceFaultMs`. */
  faultStartsAt(at: number): void {
    this.#faultStartAt = at;
  }

  add(event: TimelineEventName, at: number = Date.now(), detail?: string): void {
    const entry = { event, at, ...(detail === undefined ? {} : { detail }) };
    this.#events.push(entry);
    this.#onEvent?.(this.#toEvent(entry));
  }

  /** Events in time order. */
  events(): TimelineEvent[] {
    return [...this.#events].sort((a, b) => a.at - b.at).map((e) => this.#toEvent(e));
  }

  #toEvent(entry: { event: TimelineEventName; at: number; detail?: string }): TimelineEvent {
    return {
      event: entry.event,
      at: new Date(entry.at).toISOString(),
      sinceFaultMs: this.#faultStartAt === undefined ? null : Math.round(entry.at - this.#faultStartAt),
      ...(entry.detail === undefined ? {} : { detail: entry.detail }),
    };
  }
}
