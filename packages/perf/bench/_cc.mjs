import { spawn } from 'node:child_process';
const server = spawn(process.execPath, ['bench/trivial-server.mjs'], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
const port = await new Promise((r) => server.stdout.once('data', (c) => r(JSON.parse(c.toString()).port)));
const count = () => new Promise((r) => { server.once('message', r); server.send({ type: 'count', id: 1 }); });
const tool = spawn(process.execPath, ['bench/run-ours.mjs', '--url', `http://127.0.0.1:${port}`, '--rps', process.argv[2], '--duration', '6s', '--warmup', '1s'], { stdio: ['ignore', 'pipe', 'inherit'] });
let out = ''; tool.stdout.on('data', (c) => (out += c));
for (let i = 0; i < 7; i++) { await new Promise((r) => setTimeout(r, 1000)); console.log(JSON.stringify(await count())); }
await new Promise((r) => tool.on('close', r));
const r = JSON.parse(out); console.log('late', r.late, 'dropped', r.dropped, 'cpu', JSON.stringify(r.cpu), 'lag p99', r.sendLag.p99Ms);
server.kill();
