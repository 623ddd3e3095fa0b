/** A response the parser cannot read: the connection is unusable afterwards. */
export class ResponseParseError extends Error {
  /** Same family as undici's llhttp codes, so the clients' error mapping treats both alike. */
  readonly code = 'HPE_INVALID_RESPONSE';
}

export interface ResponseParserEvents {
  /**
   * The parts of a response head the connection acts on (arguments, not an object per answer):
   * `keepAlive`, the connection may carry another call after this response; `keepAliveTimeoutMs`,
   * the server's `Keep-Alive: timeout=N` in ms (it closes idle connections after that).
   */
  onHead(status: number, keepAlive: boolean, keepAliveTimeoutMs: number | undefined): void;
  /**
   * Body bytes `data[start, end)`, valid only during the call (`data` may be a reused read buffer).
   * `last`: the body ends with them (a Content-Length body completed in this read).
   */
  onBody(data: Buffer, start: number, end: number, last: boolean): void;
  onEnd(): void;
}

const CRLF_CRLF = Buffer.from('\r\n\r\n');
const MAX_HEAD_BYTES = 64 * 1024;
const MAX_LINE_BYTES = 4 * 1024;
/** Longer heads are parsed every time (the comparison would cost about as much). */
const MAX_REMEMBERED_HEAD_BYTES = 1024;

const enum State {
  Idle,
  Head,
  Length,
  ChunkSize,
  ChunkData,
  ChunkDataEnd,
  Trailers,
  UntilClose,
}

/** What a final (non-1xx) head says about the answer and the connection. */
interface FinalHead {
  readonly status: number;
  /** As the headers and the HTTP version say (before a body without framing turns it off). */
  readonly keepAlive: boolean;
  readonly keepAliveTimeoutMs: number | undefined;
  /** -1: none given. */
  readonly contentLength: number;
  readonly chunked: boolean;
  /** Its bytes (status line to blank line included), when it is remembered. */
  readonly bytes: Buffer | undefined;
}

/**
 * An incremental HTTP/1.1 response parser for one keep-alive connection: status line and headers,
 * then a body framed by Content-Length, chunked transfer coding or the end of the connection.
 * 1xx interim answers are skipped. It parses only what a client needs (status, framing,
 * keep-alive) and hands body bytes on as slices of the socket's buffers, without copying.
 */
export class ResponseParser {
  #state = State.Idle;
  #events: ResponseParserEvents;
  #noBody = false;
  /** Bytes of the head (or of a chunk-size / trailer line) received so far. */
  #pending: Buffer | undefined;
  /** Body bytes still expected (Length, ChunkData) or CRLF bytes still expected (ChunkDataEnd). */
  #left = 0;
  /**
   * The last final head read whole from one read and what it said. A load generator gets the same
   * head again and again (until the Date header changes): a read that starts with these exact
   * bytes is taken as this head without parsing it again.
   */
  #lastHead: FinalHead | undefined;

  constructor(events: ResponseParserEvents) {
    this.#events = events;
  }

  /** Expects the answer to a new call; `noBody` for HEAD calls. */
  expect(noBody: boolean): void {
    if (this.#state !== State.Idle) throw new Error('the previous response is not complete');
    this.#state = State.Head;
    this.#noBody = noBody;
    this.#pending = undefined;
  }

  /**
   * Feeds the bytes `chunk[0, limit)` read from the socket (`chunk` may be a reused buffer: what
   * must outlive the call is copied). Throws ResponseParseError on bytes that are not a response.
   */
  push(chunk: Buffer, limit = chunk.length): void {
    let offset = 0;
    while (offset < limit) {
      switch (this.#state) {
        case State.Idle:
          throw new ResponseParseError(`unexpected bytes after the response: ${preview(chunk.subarray(offset, limit))}`);
        case State.Head:
          offset = this.#readHead(chunk, offset, limit);
          break;
        case State.Length:
          offset = this.#takeBody(chunk, offset, limit, true);
          if (this.#left === 0) this.#end();
          break;
        case State.UntilClose:
          this.#events.onBody(chunk, offset, limit, false);
          offset = limit;
          break;
        case State.ChunkSize:
        case State.Trailers:
          offset = this.#readLine(chunk, offset, limit);
          break;
        case State.ChunkData:
          offset = this.#takeBody(chunk, offset, limit, false);
          if (this.#left === 0) {
            this.#state = State.ChunkDataEnd;
            this.#left = 2;
          }
          break;
        case State.ChunkDataEnd: {
          const byte = chunk[offset];
          if ((this.#left === 2 && byte !== 0x0d) || (this.#left === 1 && byte !== 0x0a)) throw new ResponseParseError('chunk data not followed by CRLF');
          offset += 1;
          this.#left -= 1;
          if (this.#left === 0) this.#state = State.ChunkSize;
          break;
        }
      }
    }
  }

  /**
   * The connection was closed by the server. Returns true when that completed the response (a
   * body read until close); false when the response was cut short or had not started.
   */
  close(): boolean {
    if (this.#state !== State.UntilClose) return false;
    this.#end();
    return true;
  }

  /** Hands on up to `#left` body bytes from `offset` (the whole body when `lengthFramed` and none are left). */
  #takeBody(chunk: Buffer, offset: number, limit: number, lengthFramed: boolean): number {
    const take = Math.min(this.#left, limit - offset);
    this.#left -= take;
    this.#events.onBody(chunk, offset, offset + take, lengthFramed && this.#left === 0);
    return offset + take;
  }

  #end(): void {
    this.#state = State.Idle;
    this.#pending = undefined;
    this.#events.onEnd();
  }

  #readHead(chunk: Buffer, offset: number, limit: number): number {
    let data = chunk;
    let start = offset;
    let dataEnd = limit;
    const pending = this.#pending;
    const last = this.#lastHead;
    const bytes = last?.bytes;
    if (pending === undefined && last !== undefined && bytes !== undefined) {
      if (limit - offset >= bytes.length && chunk.compare(bytes, 0, bytes.length, offset, offset + bytes.length) === 0) {
        this.#startBody(last);
        return offset + bytes.length;
      }
    }
    if (pending !== undefined) {
      data = Buffer.concat([pending, chunk.subarray(offset, limit)]);
      start = 0;
      dataEnd = data.length;
    }
    // The terminator may straddle two reads: search from 3 bytes before the new ones.
    const from = pending === undefined ? start : Math.max(0, pending.length - 3);
    let end = data.indexOf(CRLF_CRLF, from);
    if (end + 4 > dataEnd) end = -1; // found only in stale bytes past the read
    if (end < 0) {
      if (dataEnd - start > MAX_HEAD_BYTES) throw new ResponseParseError(`response head longer than ${MAX_HEAD_BYTES} bytes`);
      this.#pending = data !== chunk ? data : Buffer.from(data.subarray(start, dataEnd));
      return limit;
    }
    this.#pending = undefined;
    const consumedOfChunk = pending === undefined ? end + 4 : end + 4 - pending.length + offset;
    this.#applyHead(data, start, end, pending === undefined && end + 4 - start <= MAX_REMEMBERED_HEAD_BYTES);
    return consumedOfChunk;
  }

  /**
   * Reads the head in `data[start, end)` (without the blank line). Works on the bytes: only the
   * four headers that frame the body or the connection are turned into strings. A final head is
   * remembered (its bytes, terminator included, only with `keepBytes`).
   */
  #applyHead(data: Buffer, start: number, end: number, keepBytes: boolean): void {
    let lineEnd = lineEndOf(data, start, end);
    if (lineEnd - start < 12 || !startsWith(data, start, HTTP_1) || data[start + 8] !== SP || !isDigit3(data, start + 9) || (lineEnd - start > 12 && data[start + 12] !== SP)) {
      throw new ResponseParseError(`not an HTTP/1.x status line: ${JSON.stringify(data.toString('latin1', start, Math.min(lineEnd, start + 80)))}`);
    }
    const minor = data[start + 7];
    if (minor !== DIGIT_0 && minor !== DIGIT_0 + 1) throw new ResponseParseError(`unsupported HTTP version: ${JSON.stringify(data.toString('latin1', start, start + 8))}`);
    const status = (data[start + 9] as number) * 100 + (data[start + 10] as number) * 10 + (data[start + 11] as number) - DIGIT_0 * 111;
    let keepAlive = minor === DIGIT_0 + 1;
    let keepAliveTimeoutMs: number | undefined;
    let contentLength = -1;
    let chunked = false;
    for (let line = lineEnd + 2; line < end; line = lineEnd + 2) {
      lineEnd = lineEndOf(data, line, end);
      // Most headers (date, content-type, server…) are skipped on their first letter.
      const first = (data[line] as number) | 0x20;
      if (first !== LETTER_C && first !== LETTER_T && first !== LETTER_K) {
        if (!isTokenByte(data[line] as number)) throw new ResponseParseError(`malformed header line: ${JSON.stringify(data.toString('latin1', line, Math.min(lineEnd, line + 80)))}`);
        continue;
      }
      let colon = line;
      while (colon < lineEnd && data[colon] !== COLON) colon += 1;
      if (colon === lineEnd) throw new ResponseParseError(`malformed header line: ${JSON.stringify(data.toString('latin1', line, Math.min(lineEnd, line + 80)))}`);
      const header = framingHeader(data, line, colon - line);
      if (header === undefined) continue;
      let from = colon + 1;
      let to = lineEnd;
      while (from < to && (data[from] === SP || data[from] === TAB)) from += 1;
      while (to > from && (data[to - 1] === SP || data[to - 1] === TAB)) to -= 1;
      if (header === CONTENT_LENGTH) {
        const length = decimal(data, from, to);
        if (length < 0 || (contentLength >= 0 && length !== contentLength)) throw new ResponseParseError(`invalid content-length: ${JSON.stringify(data.toString('latin1', from, to))}`);
        contentLength = length;
      } else if (header === TRANSFER_ENCODING) {
        const value = data.toString('latin1', from, to);
        chunked = /(?:^|,)\s*chunked$/i.test(value);
        if (!chunked) throw new ResponseParseError(`unsupported transfer-encoding: ${JSON.stringify(value)}`);
      } else if (header === CONNECTION) {
        if (to - from === 10 && equalsLowercase(data, from, 'keep-alive')) keepAlive = true;
        else if (to - from === 5 && equalsLowercase(data, from, 'close')) keepAlive = false;
        else {
          const tokens = data.toString('latin1', from, to).toLowerCase();
          if (tokens.includes('close')) keepAlive = false;
          else if (tokens.includes('keep-alive')) keepAlive = true;
        }
      } else {
        const at = data.indexOf('timeout=', from, 'latin1');
        const seconds = at >= 0 && at < to ? decimal(data, at + 8, digitsEnd(data, at + 8, to)) : -1;
        if (seconds >= 0) keepAliveTimeoutMs = seconds * 1_000;
      }
    }
    if (status >= 100 && status < 200) {
      if (status === 101) throw new ResponseParseError('the server switched protocols (101), which a load call cannot follow');
      return; // an interim answer (100 Continue, 103 Early Hints): the real head follows
    }
    const head: FinalHead = { status, keepAlive, keepAliveTimeoutMs, contentLength, chunked, bytes: keepBytes ? Buffer.from(data.subarray(start, end + 4)) : undefined };
    this.#lastHead = keepBytes ? head : undefined;
    this.#startBody(head);
  }

  /** Acts on a final head: reports it and expects the body its framing says. */
  #startBody(head: FinalHead): void {
    const { status, keepAliveTimeoutMs, contentLength, chunked } = head;
    let { keepAlive } = head;
    const noBody = this.#noBody || status === 204 || status === 304;
    if (!noBody && !chunked && contentLength < 0) keepAlive = false; // the body ends when the connection does
    this.#events.onHead(status, keepAlive, keepAliveTimeoutMs);
    if (noBody || contentLength === 0) this.#end();
    else if (chunked) this.#state = State.ChunkSize;
    else if (contentLength > 0) {
      this.#state = State.Length;
      this.#left = contentLength;
    } else this.#state = State.UntilClose;
  }

  #readLine(chunk: Buffer, offset: number, limit: number): number {
    let newline = chunk.indexOf(0x0a, offset);
    if (newline >= limit) newline = -1;
    const piece = chunk.subarray(offset, newline < 0 ? limit : newline + 1);
    const line = this.#pending === undefined ? piece : Buffer.concat([this.#pending, piece]);
    if (newline < 0) {
      if (line.length > MAX_LINE_BYTES) throw new ResponseParseError('chunk-size or trailer line too long');
      this.#pending = line === piece ? Buffer.from(piece) : line;
      return limit;
    }
    this.#pending = undefined;
    const text = line.toString('latin1').replace(/\r?\n$/, '');
    if (this.#state === State.Trailers) {
      if (text === '') this.#end();
      return newline + 1;
    }
    const size = /^([0-9a-fA-F]{1,12})\s*(?:;.*)?$/.exec(text);
    if (size === null) throw new ResponseParseError(`invalid chunk size: ${JSON.stringify(text.slice(0, 40))}`);
    this.#left = Number.parseInt(size[1] as string, 16);
    this.#state = this.#left === 0 ? State.Trailers : State.ChunkData;
    return newline + 1;
  }
}

const HTTP_1 = Buffer.from('HTTP/1.');
const SP = 0x20;
const TAB = 0x09;
const LETTER_C = 0x63;
const LETTER_T = 0x74;
const LETTER_K = 0x6b;
const COLON = 0x3a;
const DIGIT_0 = 0x30;
const CONTENT_LENGTH = 'content-length';
const TRANSFER_ENCODING = 'transfer-encoding';
const CONNECTION = 'connection';
const FRAMING_HEADERS = [CONTENT_LENGTH, TRANSFER_ENCODING, CONNECTION, 'keep-alive'] as const;

/** Where the line starting at `from` ends (its CRLF), or `end`. */
function lineEndOf(data: Buffer, from: number, end: number): number {
  for (let i = data.indexOf(0x0d, from); i >= 0 && i < end; i = data.indexOf(0x0d, i + 1)) if (data[i + 1] === 0x0a) return i;
  return end;
}

/** The decimal number in `data[from, to)` (at most 15 digits), or -1 when it is not one. */
function decimal(data: Buffer, from: number, to: number): number {
  if (to <= from || to - from > 15) return -1;
  let value = 0;
  for (let i = from; i < to; i += 1) {
    const digit = (data[i] as number) - DIGIT_0;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** Where the run of digits starting at `from` ends (before `to`). */
function digitsEnd(data: Buffer, from: number, to: number): number {
  let i = from;
  while (i < to && (data[i] as number) >= DIGIT_0 && (data[i] as number) <= DIGIT_0 + 9) i += 1;
  return i;
}

/** A byte allowed in a header name (RFC 9110 token). */
function isTokenByte(byte: number): boolean {
  return byte > 0x20 && byte < 0x7f && byte !== COLON && byte !== 0x22 && byte !== 0x28 && byte !== 0x29 && byte !== 0x2c && byte !== 0x2f && byte !== 0x3b && byte !== 0x3c && byte !== 0x3d && byte !== 0x3e && byte !== 0x3f && byte !== 0x40 && byte !== 0x5b && byte !== 0x5c && byte !== 0x5d && byte !== 0x7b && byte !== 0x7d;
}

function startsWith(data: Buffer, at: number, prefix: Buffer): boolean {
  for (let i = 0; i < prefix.length; i += 1) if (data[at + i] !== prefix[i]) return false;
  return true;
}

function isDigit3(data: Buffer, at: number): boolean {
  for (let i = at; i < at + 3; i += 1) {
    const byte = data[i] as number;
    if (byte < DIGIT_0 || byte > DIGIT_0 + 9) return false;
  }
  return true;
}

/** Which of the framing headers the name at `at` is (in any letter case), if any. */
function framingHeader(data: Buffer, at: number, length: number): (typeof FRAMING_HEADERS)[number] | undefined {
  for (const name of FRAMING_HEADERS) if (name.length === length && equalsLowercase(data, at, name)) return name;
  return undefined;
}

/** The bytes at `at` spell `lowercase` in any letter case. */
function equalsLowercase(data: Buffer, at: number, lowercase: string): boolean {
  for (let i = 0; i < lowercase.length; i += 1) {
    const want = lowercase.charCodeAt(i);
    const byte = data[at + i];
    if (byte !== want && !(want >= 0x61 && want <= 0x7a && byte === want - 0x20)) return false;
  }
  return true;
}

function preview(bytes: Buffer): string {
  return JSON.stringify(bytes.toString('latin1', 0, Math.min(40, bytes.length)));
}
