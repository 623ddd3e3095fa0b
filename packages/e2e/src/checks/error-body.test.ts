import { describe, expect, it } from 'vitest';
import { reviewErrorBody } from './error-body.js';

describe('reviewErrorBody', () => {
  it('accepts a pydantic 422 body and reads its message', () => {
    const body = JSON.stringify({ detail: [{ type: 'missing', loc: ['body', 'query'], msg: 'Field required', input: {} }] });
    expect(reviewErrorBody('application/json', body)).toEqual({ problems: [], message: 'body.query: Field required' });
  });

  it("flags the real system's plain-text 500", () => {
    expect(reviewErrorBody('text/plain; charset=utf-8', 'Internal Server Error').problems).toEqual(['body is not JSON (text/plain; charset=utf-8): Internal Server Error']);
  });

  it('flags stack traces (Node and Python), internal paths and secrets', () => {
    const node = JSON.stringify({ detail: 'boom', stack: 'Error: boom\n    at handler (/app/dist/routes/search.js:42:13)' });
    expect(reviewErrorBody('application/json', node).problems).toEqual(['body contains a stack trace', 'body contains an internal file path']);
    const python = JSON.stringify({ detail: 'Traceback (most recent call last):\n  File "/app/main.py", line 3' });
    expect(reviewErrorBody('application/json', python).problems).toContain('body contains a stack trace');
    expect(reviewErrorBody('application/json', JSON.stringify({ detail: 'bad key sk-live-123456' }), ['sk-live-123456']).problems).toEqual(['body contains a configured secret']);
  });

  it('flags a JSON body that names no problem', () => {
    expect(reviewErrorBody('application/json', '{}').problems).toEqual(['JSON body names no problem (no detail/error/message)']);
  });
});
