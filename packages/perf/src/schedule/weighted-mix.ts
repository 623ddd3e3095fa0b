import { PerfOptionError } from '../errors.js';

/**
 * Picks items in proportion to their weights, deterministically (smooth weighted round-robin):
 * weights 3:1:2 give exactly 3, 1 and 2 picks in every 6, spread out (a a c b a c …), so a run's
 * mix is exact and two runs send the same sequence.
 */
export class WeightedMix<T> {
  readonly #items: ReadonlyArray<{ readonly item: T; readonly weight: number }>;
  readonly #current: number[];
  readonly #total: number;

  constructor(items: ReadonlyArray<{ readonly item: T; readonly weight: number }>) {
    if (items.length === 0) throw new PerfOptionError('mix', [], 'expected at least one operation');
    for (const { weight } of items) {
      if (!Number.isFinite(weight) || weight <= 0) throw new PerfOptionError('mix weight', weight, 'expected a weight greater than 0');
    }
    this.#items = items;
    this.#current = items.map(() => 0);
    this.#total = items.reduce((sum, { weight }) => sum + weight, 0);
  }

  /** The share of picks each item gets, in the order given. */
  shares(): number[] {
    return this.#items.map(({ weight }) => weight / this.#total);
  }

  next(): T {
    let best = 0;
    for (let i = 0; i < this.#items.length; i += 1) {
      this.#current[i] = (this.#current[i] ?? 0) + (this.#items[i]?.weight ?? 0);
      if ((this.#current[i] ?? 0) > (this.#current[best] ?? 0)) best = i;
    }
    this.#current[best] = (this.#current[best] ?? 0) - this.#total;
    return (this.#items[best] as { item: T }).item;
  }
}
