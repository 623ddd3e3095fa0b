// The floor for a paced load generator in Node on this machine: GET /health at a fixed rate in
// 1 ms timer batches (as rag-validate's generator sends at these rates), on raw keep-alive
// net.Sockets with a shared read buffer — and nothing else: no parsing beyond "an answer came",
// no histograms, no pool bookkeeping, no timeouts. Not a usable tool (it assumes each read is one
// whole answer); it shows how much of a paced generator's CPU is Node and the kernel.
//   node paced-floor.mjs --url http://127.0.0.1:PORT --rps 5000 --seconds 20   → {"sent":…,"answered":…}
import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { url: { type: 'string' }, rps: { type: 'string', default: '5000' }, seconds: { type: 'string', default: '20' } } });
const { hostname, port } = new URL(values.url ?? 'http://127.0.0.1:1');
const request = Buffer.from(`GET /health HTTP/1.1\r\nHost: ${hostname}:${port}\r\n\r\n`);
const gapMs = 1000 / Number(values.rps);
const endMs = Number(values.seconds) * 1000;
const readBuffer = Buffer.allocUnsafe(64 * 1024);
const idle = [];
const sockets = [];
let sent = 0;
let answered = 0;
let nextMs = 0;
const start = performance.now();

function open() {
  const socket = connect({
    host: hostname,
    port: Number(port),
    onread: {
      buffer: readBuffer,
      callback() {
        answered += 1;
        idle.push(socket);
        return true;
      },
    },
  });
  socket.setNoDelay(true);
  sockets.push(socket);
  return socket;
}

function tick() {
  const now = performance.now() - start;
  while (nextMs <= now && nextMs < endMs) {
    (idle.pop() ?? open()).write(request);
    sent += 1;
    nextMs += gapMs;
  }
  if (nextMs < endMs) setTimeout(tick, Math.max(1, Math.ceil(nextMs - (performance.now() - start))));
  else
    setTimeout(() => {
      process.stdout.write(`${JSON.stringify({ sent, answered })}\n`);
      for (const socket of sockets) socket.destroy();
    }, 500);
}
tick();
