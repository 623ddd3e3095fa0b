// The server's own response time as seen on the wire, for the accuracy check: one keep-alive TCP
// connection, one raw GET at a time every 10 ms, timed with hrtime from the write to the last byte.
//   node raw-baseline.mjs --url http://127.0.0.1:PORT [--count 500]   → {"p50Ms":…,"p99Ms":…,"minMs":…}
import { connect } from 'node:net';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';

const { values } = parseArgs({ options: { url: { type: 'string' }, count: { type: 'string', default: '500' } } });
const { hostname, port } = new URL(values.url ?? 'http://127.0.0.1:1');
const socket = connect(Number(port), hostname);
await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
socket.setNoDelay(true);
const request = Buffer.from(`GET /health HTTP/1.1\r\nHost: ${hostname}:${port}\r\n\r\n`);
const times = [];
for (let i = 0; i < Number(values.count); i += 1) {
  const started = process.hrtime.bigint();
  await new Promise((resolve) => {
    let text = '';
    const onData = (chunk) => {
      text += chunk.toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      const length = Number(/content-length: (\d+)/i.exec(text)?.[1] ?? -1);
      if (end >= 0 && length >= 0 && text.length >= end + 4 + length) {
        socket.off('data', onData);
        resolve();
      }
    };
    socket.on('data', onData);
    socket.write(request);
  });
  times.push(Number(process.hrtime.bigint() - started) / 1e6);
  await sleep(10);
}
socket.destroy();
times.sort((a, b) => a - b);
const at = (p) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)];
process.stdout.write(`${JSON.stringify({ count: times.length, minMs: times[0], p50Ms: at(50), p90Ms: at(90), p99Ms: at(99) })}\n`);
