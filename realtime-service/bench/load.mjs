// The load generator: N clients (official socket.io-client 4.x, websocket transport) spread over
// R rooms; one publisher asks the server to fan out to one room at a time at a rate that delivers
// M messages/s in total; every receiver measures publish -> delivery latency on the same clock.
// usage: node load.mjs --url http://127.0.0.1:8084 --pid <server pid> --clients 1000 --rooms 100
//                      --rates 10000,30000 --seconds 10 --secret <jwt secret> --label gateway
import { io } from 'socket.io-client';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { sign } from './jwt.mjs';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) =>
  a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs, []));
const url = args.url;
const pid = Number(args.pid);
const clients = Number(args.clients ?? 1000);
const rooms = Number(args.rooms ?? 100);
const rates = String(args.rates ?? '10000').split(',').map(Number);
const seconds = Number(args.seconds ?? 10);
const warmup = Number(args.warmup ?? 3);
const secret = args.secret ?? 'bench-secret-bench-secret-bench-secret';
const label = args.label ?? url;
const now = () => performance.timeOrigin + performance.now();
const padding = 'x'.repeat(400); // about the size of a consolidated order payload

let recording = false;
let latencies = [];
let received = 0;

function connectClient(i) {
  return new Promise((resolve, reject) => {
    const socket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true, timeout: 60000,
      auth: { token: sign(secret, `bench-${i}`, ['CUSTOMER']) } });
    socket.on('bench', (data) => {
      received++;
      if (recording) latencies.push(now() - data.sentAt);
    });
    socket.once('connect', () => socket.emit('join', `bench:${i % rooms}`, (ack) =>
      ack && ack.ok ? resolve(socket) : reject(new Error(`join refused: ${JSON.stringify(ack)}`))));
    socket.once('connect_error', reject);
  });
}

function cpuTicks() {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime, in clock ticks (100/s)
}

function rssMiB() {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Math.round(Number(line.split(/\s+/)[1]) / 1024);
}

const percentile = (sorted, p) => sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] : NaN;

async function run(publisher, rate) {
  const perRoom = clients / rooms;
  const publishesPerSecond = rate / perRoom;
  const tickMs = 5;
  let owed = 0;
  let seq = 0;
  const timer = setInterval(() => {
    owed += publishesPerSecond * tickMs / 1000;
    for (; owed >= 1; owed--) {
      publisher.emit('bench:publish', { room: `bench:${seq % rooms}`, data: { sentAt: now(), seq: seq++, padding } });
    }
  }, tickMs);
  await new Promise((r) => setTimeout(r, warmup * 1000));
  latencies = [];
  received = 0;
  recording = true;
  const cpu0 = cpuTicks();
  const t0 = now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  recording = false;
  const elapsed = (now() - t0) / 1000;
  const cpu = (cpuTicks() - cpu0) / 100 / elapsed * 100;
  const rss = rssMiB();
  clearInterval(timer);
  await new Promise((r) => setTimeout(r, 1000)); // drain
  const sorted = Float64Array.from(latencies).sort();
  return { server: label, clients, rooms, targetPerSecond: rate, deliveredPerSecond: Math.round(received / elapsed),
    p50ms: +percentile(sorted, 0.5).toFixed(2), p99ms: +percentile(sorted, 0.99).toFixed(2),
    maxms: +percentile(sorted, 1).toFixed(2), serverCpuPercent: Math.round(cpu), serverRssMiB: rss };
}

const sockets = [];
const started = now();
for (let i = 0; i < clients; i += 200) {
  sockets.push(...await Promise.all(Array.from({ length: Math.min(200, clients - i) }, (_, k) => connectClient(i + k))));
}
const publisher = await new Promise((resolve, reject) => {
  const s = io(url, { transports: ['websocket'], reconnection: false, forceNew: true, auth: { token: sign(secret, 'bench-publisher', ['STAFF']) } });
  s.once('connect', () => resolve(s));
  s.once('connect_error', reject);
});
console.error(`${label}: ${clients} clients connected in ${((now() - started) / 1000).toFixed(1)} s`);
for (const rate of rates) {
  console.log(JSON.stringify(await run(publisher, rate)));
}
publisher.close();
sockets.forEach((s) => s.close());
process.exit(0);
