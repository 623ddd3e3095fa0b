import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DefectSet } from '../defects.js';
import type { ServiceApp } from '../http/service-app.js';
import { httpCall } from '../testing/http-call.js';
import { createLlmServer } from './llm-server.js';
import { UpstreamBackend } from './upstream-backend.js';

const SECRET = 'sk-test-upstream-secret-123';

/** The llm-server as a proxy to another OpenAI-compatible server: here a second llm-server behind a key-checking gate. */
describe('llm-server proxying to an upstream OpenAI-compatible server', () => {
  let upstream: ServiceApp;
  let gate: Server;
  let proxy: ServiceApp;
  let base = '';
  const seenAuth: string[] = [];
  const logLines: string[] = [];
  let collector: Writable;

  beforeAll(async () => {
    upstream = createLlmServer({ logLevel: 'silent', defects: new DefectSet(), ttftMs: 0, tokensPerSecond: 0, models: ['upstream-model'] });
    const upstreamPort = await upstream.listen('127.0.0.1', 0);
    // A gate in front of the upstream that insists on the API key, like a hosted provider.
    gate = createServer((req: IncomingMessage, res) => {
      seenAuth.push(req.headers.authorization ?? '');
      if (req.headers.authorization !== `Bearer ${SECRET}`) {
        res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'bad key' } }));
        return;
      }
      const forward = { hostname: '127.0.0.1', port: upstreamPort, path: req.url, method: req.method, headers: req.headers };
      const upstreamReq = request(forward, (upstreamRes) => {
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        upstreamRes.pipe(res);
      });
      req.pipe(upstreamReq);
    });
    await new Promise<void>((resolve) => gate.listen(0, '127.0.0.1', resolve));
    const gatePort = (gate.address() as { port: number }).port;
    collector = new Writable({ write(chunk: Buffer, _enc, done) { logLines.push(chunk.toString()); done(); } });
    proxy = createLlmServer({ logLevel: 'debug', logStream: collector, defects: new DefectSet(), backend: new UpstreamBackend({ url: `http://127.0.0.1:${gatePort}`, apiKey: SECRET, model: 'upstream-model' }) });
    base = `http://127.0.0.1:${await proxy.listen('127.0.0.1', 0)}`;
  });
  afterAll(async () => {
    await proxy.close();
    await new Promise<void>((resolve) => gate.close(() => resolve()));
    await upstream.close();
  });

  const chat = { messages: [{ role: 'user', content: 'Language: python\nRequest: read a csv file' }], max_tokens: 500 };

  it('forwards plain completions with the key and returns the upstream answer', async () => {
    const res = await httpCall(base, 'POST', '/v1/chat/completions', { json: chat });
    expect(res.status, res.text).toBe(200);
    const body = res.json as { model: string; choices: Array<{ message: { content: string } }>; usage: { total_tokens: number } };
    expect(body.model).toBe('upstream-model');
    expect(body.choices[0]?.message.content).toContain('csv.DictReader');
    expect(body.usage.total_tokens).toBeGreaterThan(0);
    expect(seenAuth.at(-1)).toBe(`Bearer ${SECRET}`);
  });

  it('streams upstream tokens through as SSE', async () => {
    const res = await httpCall(base, 'POST', '/v1/chat/completions', { json: { ...chat, stream: true, stream_options: { include_usage: true } } });
    expect(res.status).toBe(200);
    const events = res.text.split('\n\n').filter((b) => b.startsWith('data: ')).map((b) => b.slice(6));
    expect(events.at(-1)).toBe('[DONE]');
    const content = events.slice(0, -1).map((e) => JSON.parse(e) as { choices: Array<{ delta: { content?: string } }> }).flatMap((e) => e.choices.map((c) => c.delta.content ?? '')).join('');
    expect(content).toContain('csv.DictReader');
  });

  it('turns an upstream failure into a 502 without leaking the key anywhere', async () => {
    const bad = createLlmServer({ logLevel: 'debug', logStream: collector, defects: new DefectSet(), backend: new UpstreamBackend({ url: `http://127.0.0.1:${(gate.address() as { port: number }).port}`, apiKey: 'sk-wrong-key-456' }) });
    const badBase = `http://127.0.0.1:${await bad.listen('127.0.0.1', 0)}`;
    try {
      const res = await httpCall(badBase, 'POST', '/v1/chat/completions', { json: chat });
      expect(res.status).toBe(502);
      expect(res.json).toEqual({ detail: expect.stringContaining('upstream LLM error') });
      expect(res.text).not.toContain('sk-wrong-key-456');
    } finally {
      await bad.close();
    }
    expect(logLines.join('')).toContain('request completed');
    expect(logLines.join('')).not.toMatch(/sk-wrong-key-456|sk-test-upstream-secret-123/);
  });
});
