import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';

const CHUNK_BYTES = 64 * 1024;

/**
 * A body sent the way curl sends a large body with `Expect: 100-continue`: the first chunk, then a
 * pause until the server answers or `waitMs` passes, then the rest. A server that refuses the body
 * from its headers (413 on `Content-Length`) answers during the pause and the client reads that
 * answer — instead of losing it to a broken pipe when the server closes the connection while the
 * client is still writing megabytes it will never read.
 */
export function earlyAnswerBody(body: string | Uint8Array, answered: Promise<void>, waitMs: number): { readonly bytes: number; readonly stream: Readable } {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const chunks = async function* (): AsyncGenerator<Uint8Array> {
    yield bytes.subarray(0, CHUNK_BYTES);
    const pause = new AbortController();
    await Promise.race([answered, sleep(waitMs, undefined, { signal: pause.signal }).catch(() => undefined)]);
    pause.abort();
    for (let offset = CHUNK_BYTES; offset < bytes.byteLength; offset += CHUNK_BYTES) yield bytes.subarray(offset, offset + CHUNK_BYTES);
  };
  return { bytes: bytes.byteLength, stream: Readable.from(chunks(), { objectMode: false }) };
}
