import { describe, expect, it } from 'vitest';
import { ResponseParseError, ResponseParser } from './response-parser.js';

/** What `onHead` was called with. */
interface ResponseHead {
  readonly status: number;
  readonly keepAlive: boolean;
  readonly keepAliveTimeoutMs: number | undefined;
}

interface Parsed {
  heads: ResponseHead[];
  body: string;
  ends: number;
}

/** Feeds `wire` to a parser expecting one response, in pieces of `step` bytes (every split point is tried by step 1). */
function parse(wire: string, step: number, options: { noBody?: boolean; close?: boolean } = {}): Parsed {
  const result: Parsed = { heads: [], body: '', ends: 0 };
  const chunks: Buffer[] = [];
  const parser = new ResponseParser({
    onHead: (status, keepAlive, keepAliveTimeoutMs) => result.heads.push({ status, keepAlive, keepAliveTimeoutMs }),
    onBody: (data, start, end) => chunks.push(Buffer.from(data.subarray(start, end))),
    onEnd: () => (result.ends += 1),
  });
  parser.expect(options.noBody ?? false);
  const bytes = Buffer.from(wire, 'utf8');
  // As the connection does: every read lands at the start of one reused buffer whose stale bytes
  // past the read look like a head terminator and a new line, so reading past the read shows.
  const reused = Buffer.alloc(bytes.length + 64, '\r\n\r\nHTTP/1.1 500 Stale\r\n\n');
  for (let at = 0; at < bytes.length; at += step) {
    const piece = bytes.subarray(at, Math.min(bytes.length, at + step));
    reused.fill('\r\n\r\nHTTP/1.1 500 Stale\r\n\n');
    piece.copy(reused, 0);
    parser.push(reused, piece.length);
  }
  if (options.close === true) parser.close();
  result.body = Buffer.concat(chunks).toString('utf8');
  return result;
}

const SPLITS = [1, 2, 3, 7, 1_000];

describe('ResponseParser', () => {
  it.each(SPLITS)('reads a Content-Length body, however the bytes are split (%i-byte reads)', (step) => {
    const wire = 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 27\r\nDate: Fri, 27 Nov 2026 05:00:00 GMT\r\nKeep-Alive: timeout=5\r\n\r\n{"status":"healthy","ok":1}';
    const parsed = parse(wire, step);
    expect(parsed.heads).toEqual([{ status: 200, keepAlive: true, keepAliveTimeoutMs: 5_000 }]);
    expect(parsed.body).toBe('{"status":"healthy","ok":1}');
    expect(parsed.ends).toBe(1);
  });

  it.each(SPLITS)('reads a chunked body with chunk extensions and trailers, keeping multi-byte text whole (%i-byte reads)', (step) => {
    const first = '{"q":"한국어 검색';
    const second = ' 결과"}';
    const size = (text: string) => Buffer.byteLength(text).toString(16);
    const wire = `HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n${size(first)};ext=1\r\n${first}\r\n${size(second)}\r\n${second}\r\n0\r\nX-Trailer: yes\r\n\r\n`;
    const parsed = parse(wire, step);
    expect(parsed.heads[0]?.status).toBe(200);
    expect(parsed.heads[0]?.keepAlive).toBe(true);
    expect(parsed.body).toBe(first + second);
    expect(parsed.ends).toBe(1);
  });

  it('reads a body that ends with the connection, and says the connection cannot be reused', () => {
    const parsed = parse('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end', 4, { close: true });
    expect(parsed.heads[0]?.keepAlive).toBe(false);
    expect(parsed.body).toBe('until the end');
    expect(parsed.ends).toBe(1);
  });

  it('skips an interim 100 Continue and reads the real answer after it', () => {
    const parsed = parse('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok', 5);
    expect(parsed.heads.map((h) => h.status)).toEqual([201]);
    expect(parsed.body).toBe('ok');
  });

  it('ends a 204, a 304 and the answer to a HEAD call at the head, whatever Content-Length says', () => {
    expect(parse('HTTP/1.1 204 No Content\r\n\r\n', 3).ends).toBe(1);
    expect(parse('HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n', 3).ends).toBe(1);
    const head = parse('HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\n', 3, { noBody: true });
    expect(head.ends).toBe(1);
    expect(head.body).toBe('');
  });

  it('honours Connection: close and an HTTP/1.0 answer without keep-alive', () => {
    expect(parse('HTTP/1.1 200 OK\r\nconnection: Close\r\ncontent-length: 0\r\n\r\n', 1_000).heads[0]?.keepAlive).toBe(false);
    expect(parse('HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n', 1_000).heads[0]?.keepAlive).toBe(false);
    expect(parse('HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n', 1_000).heads[0]?.keepAlive).toBe(true);
  });

  it.each([
    ['a body that is not HTTP', 'garbage that is not http\r\n\r\n', /not an HTTP\/1.x status line/],
    ['HTTP/2 bytes', 'HTTP/2 200\r\n\r\n', /not an HTTP\/1.x status line/],
    ['a non-numeric Content-Length', 'HTTP/1.1 200 OK\r\nContent-Length: 12abc\r\n\r\n', /invalid content-length/],
    ['two different Content-Lengths', 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\ncontent-length: 6\r\n\r\nhello', /invalid content-length/],
    ['an unknown transfer coding', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n', /unsupported transfer-encoding/],
    ['a bad chunk size', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', /invalid chunk size/],
    ['a chunk not ended by CRLF', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabXX', /not followed by CRLF/],
    ['a header line without a colon', 'HTTP/1.1 200 OK\r\ncontent-length 5\r\n\r\n', /malformed header line/],
    ['bytes after the answer', 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokEXTRA', /unexpected bytes after the response/],
  ])('rejects %s with a ResponseParseError that quotes it', (_name, wire, message) => {
    let error: unknown;
    try {
      parse(wire, 1_000);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ResponseParseError);
    expect((error as ResponseParseError).code).toBe('HPE_INVALID_RESPONSE');
    expect((error as Error).message).toMatch(message);
  });

  it('refuses a head that never ends instead of buffering without limit', () => {
    const parser = new ResponseParser({ onHead: () => undefined, onBody: () => undefined, onEnd: () => undefined });
    parser.expect(false);
    parser.push(Buffer.from('HTTP/1.1 200 OK\r\n'));
    const line = Buffer.from(`x-filler: ${'a'.repeat(1_000)}\r\n`);
    expect(() => {
      for (let i = 0; i < 100; i += 1) parser.push(line);
    }).toThrow(/response head longer than/);
  });

  it('reads answers one after another on one parser: a head repeated byte for byte acts like the first, any other head is read afresh', () => {
    const heads: ResponseHead[] = [];
    let body = '';
    const parser = new ResponseParser({
      onHead: (status, keepAlive, keepAliveTimeoutMs) => heads.push({ status, keepAlive, keepAliveTimeoutMs }),
      onBody: (data, start, end) => (body += data.toString('latin1', start, end)),
      onEnd: () => (body += '|'),
    });
    const answer = (head: string, payload: string, noBody = false) => {
      parser.expect(noBody);
      parser.push(Buffer.from(`${head}\r\n\r\n${payload}`, 'latin1'));
    };
    const usual = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\nKeep-Alive: timeout=5';
    answer(usual, 'ok');
    answer(usual, 'ok');
    // Same length as `usual`, one byte apart each: the status, the framing, the keep-alive time.
    answer('HTTP/1.1 500 OK\r\nContent-Length: 2\r\nKeep-Alive: timeout=5', 'no');
    answer('HTTP/1.1 200 OK\r\nContent-Length: 3\r\nKeep-Alive: timeout=5', 'yes');
    answer('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nKeep-Alive: timeout=7', 'ok');
    answer('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nKeep-Alive: timeout=7', '', true); // a HEAD call
    answer('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nKeep-Alive: timeout=7', 'ok');
    answer('HTTP/1.0 200 OK\r\nContent-Length: 2\r\nKeep-Alive: timeout=7', 'ok');
    expect(body).toBe('ok|ok|no|yes|ok||ok|ok|');
    expect(heads).toEqual([
      { status: 200, keepAlive: true, keepAliveTimeoutMs: 5_000 },
      { status: 200, keepAlive: true, keepAliveTimeoutMs: 5_000 },
      { status: 500, keepAlive: true, keepAliveTimeoutMs: 5_000 },
      { status: 200, keepAlive: true, keepAliveTimeoutMs: 5_000 },
      { status: 200, keepAlive: true, keepAliveTimeoutMs: 7_000 },
      { status: 200, keepAlive: true, keepAliveTimeoutMs: 7_000 },
      { status: 200, keepAlive: true, keepAliveTimeoutMs: 7_000 },
      { status: 200, keepAlive: false, keepAliveTimeoutMs: 7_000 },
    ]);
  });

  it('reports a close before the answer was complete as not completing it', () => {
    const parser = new ResponseParser({ onHead: () => undefined, onBody: () => undefined, onEnd: () => undefined });
    parser.expect(false);
    parser.push(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc'));
    expect(parser.close()).toBe(false);
  });
});
