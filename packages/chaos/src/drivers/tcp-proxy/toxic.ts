import { z } from 'zod';

/**
 * A toxic is one fault the TCP proxy applies to the bytes of a connection, in one direction:
 * `upstream` is client → service (requests), `downstream` is service → client (responses).
 * `probability` is decided once per connection and toxic: 0.3 means about 30 % of connections get it.
 */
const base = {
  direction: z.enum(['upstream', 'downstream']),
  probability: z.number().min(0).max(1).default(1),
};

export const toxicSchema = z.discriminatedUnion('type', [
  /** Every chunk is delayed by `latencyMs` ± a uniform `jitterMs` (order is kept). */
  z.object({ type: z.literal('latency'), latencyMs: z.number().min(0).max(600_000), jitterMs: z.number().min(0).max(600_000).default(0), ...base }).strict(),
  /** Bytes flow at most at `bytesPerSecond`. */
  z.object({ type: z.literal('bandwidth'), bytesPerSecond: z.number().positive(), ...base }).strict(),
  /** The next chunk in this direction (at least `afterMs` into the connection) resets both sockets (TCP RST). */
  z.object({ type: z.literal('reset'), afterMs: z.number().min(0).default(0), ...base }).strict(),
  /** Bytes in this direction are swallowed: the connection stays open and nothing arrives (a hang). */
  z.object({ type: z.literal('blackhole'), ...base }).strict(),
  /** After `bytes` bytes in this direction the connection is closed (a cut-off response or request). */
  z.object({ type: z.literal('close-after'), bytes: z.number().int().min(0), ...base }).strict(),
]);

export type Toxic = z.output<typeof toxicSchema>;
export type ToxicInput = z.input<typeof toxicSchema>;
export type ToxicType = Toxic['type'];
export type ToxicDirection = Toxic['direction'];

export const TOXIC_TYPES = ['latency', 'bandwidth', 'reset', 'blackhole', 'close-after'] as const satisfies readonly ToxicType[];

/** One line saying what a toxic does, for plans and logs. */
export function describeToxic(toxic: Toxic): string {
  const share = toxic.probability < 1 ? ` on ${Math.round(toxic.probability * 100)} % of connections` : '';
  const dir = toxic.direction === 'upstream' ? 'requests' : 'responses';
  switch (toxic.type) {
    case 'latency':
      return `delay ${dir} by ${toxic.latencyMs} ms${toxic.jitterMs > 0 ? ` ± ${toxic.jitterMs} ms` : ''}${share}`;
    case 'bandwidth':
      return `cap ${dir} at ${toxic.bytesPerSecond} B/s${share}`;
    case 'reset':
      return `reset connections on their next ${dir === 'requests' ? 'request' : 'response'} bytes${toxic.afterMs > 0 ? ` after ${toxic.afterMs} ms` : ''}${share}`;
    case 'blackhole':
      return `swallow ${dir} (accept, never answer)${share}`;
    case 'close-after':
      return `close connections after ${toxic.bytes} bytes of ${dir}${share}`;
  }
}
