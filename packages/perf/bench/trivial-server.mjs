// A trivial HTTP server for the load-generator benchmark: answers every request with
// {"status":"healthy"} (so a health check passes), optionally after a precise fixed delay or with a
// periodic stall. Runs as a child of bench/run-bench.mjs: prints {"port":N} on stdout, answers
// {type:'count'} IPC messages with the number of requests served so far.
//
//   node trivial-server.mjs [--delay-ms 50] [--stall-every-ms 10000 --stall-ms 1000]
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    'delay-ms': { type: 'string', default: '0' },
    'stall-every-ms': { type: 'string', default: '0' },
    'stall-ms': { type: 'string', default: '0' },
  },
});
const delayMs = Number(values['delay-ms']);
const stallEveryMs = Number(values['stall-every-ms']);
const stallMs = Number(values['stall-ms']);
const body = Buffer.from('{"status":"healthy"}');
const headers = { 'content-type': 'application/json', 'content-length': String(body.length) };
let served = 0;
let connections = 0;

const answer = (res) => {
  served += 1;
  res.writeHead(200, headers);
  res.end(body);
};

// A delay accurate to well under a millisecond: sleep on a timer until 3 ms before (libuv timers
// fire late), then poll.
const answerAfter = (res, startedNs) => {
  const elapsedMs = Number(process.hrtime.bigint() - startedNs) / 1e6;
  const left = delayMs - elapsedMs;
  if (left <= 0) answer(res);
  else if (left > 3) setTimeout(answerAfter, Math.floor(left - 3), res, startedNs);
  else setImmediate(answerAfter, res, startedNs);
};

const server = createServer((req, res) => {
  const started = process.hrtime.bigint();
  req.resume();
  req.on('end', () => (delayMs > 0 ? answerAfter(res, started) : answer(res)));
});
server.keepAliveTimeout = 60_000;
server.on('connection', () => {
  connections += 1;
});

if (stallEveryMs > 0 && stallMs > 0) {
  // The whole process stops answering (a blocked event loop, like a long GC pause).
  setInterval(() => {
    const until = Date.now() + stallMs;
    while (Date.now() < until) {
      /* stall */
    }
  }, stallEveryMs).unref();
}

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
process.on('message', (message) => {
  if (message?.type === 'count') process.send?.({ type: 'count', served, connections, id: message.id });
});
process.on('disconnect', () => server.close(() => process.exitCode = 0));
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close();
});
