// The load generator: N clients (official socket.io-client 4.x, websocket transport) spread over
// R rooms; one publisher asks the server to fan out to one room at a time at a rate that delivers
// M messages/s in total; every receiver measures publish -> delivery latency.
// The receiving clients live in --workers child processes (one Node thread cannot parse 30k
// messages/s and still time them honestly); the clock is CLOCK_MONOTONIC (process.hrtime), which
// is the same clock in every process of the machine.
// usage: node load.mjs --url http://127.0.0.1:8084 --pid <server pid> --clients 1000 --rooms 100
//                      --rates 10000,30000 --seconds 10 --secret <jwt secret> --label gateway
import { io } from 'socket.io-client';
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sign } from './jwt.mjs';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) =>
  a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs, []));
const url = args.url;
const rooms = Number(args.rooms ?? 100);
const secret = args.secret ?? 'bench-secret-bench-secret-bench-secret';
const now = () => Number(process.hrtime.bigint()) / 1e6;
const timeline = args.timeline !== undefined; // --timeline 1: the worst latency per 250 ms, on stderr
const connect = (token) => io(url, { transports: ['websocket'], reconnection: false, forceNew: true, timeout: 60000,
  auth: { token } });

if (args.worker !== undefined) {
  await receiver(Number(args.from), Number(args.to));
} else {
  await main();
}

/** A child process: clients [from, to) join their rooms, then record latencies on request. */
async function receiver(from, to) {
  let recording = false;
  let latencies = [];
  let arrivals = [];
  let received = 0;
  const join = (i) => new Promise((resolve, reject) => {
    const socket = connect(sign(secret, `bench-${i}`, ['CUSTOMER']));
    socket.on('bench', (data) => {
      if (recording) {
        received++;
        const at = now();
        latencies.push(at - data.sentAt);
        if (timeline) arrivals.push(at);
      }
    });
    socket.once('connect', () => socket.emit('join', `bench:${i % rooms}`, (ack) =>
      ack && ack.ok ? resolve(socket) : reject(new Error(`join refused: ${JSON.stringify(ack)}`))));
    socket.once('connect_error', reject);
  });
  const sockets = [];
  for (let i = from; i < to; i += 100) {
    sockets.push(...await Promise.all(Array.from({ length: Math.min(100, to - i) }, (_, k) => join(i + k))));
  }
  process.on('message', (m) => {
    if (m === 'start') {
      latencies = [];
      arrivals = [];
      received = 0;
      recording = true;
    } else if (m === 'stop') {
      recording = false;
      process.send({ received, latencies: Float64Array.from(latencies).buffer,
        arrivals: Float64Array.from(arrivals).buffer }, () => {});
    } else if (m === 'exit') {
      sockets.forEach((s) => s.close());
      process.exit(0);
    }
  });
  process.send('ready');
}

async function main() {
  const pid = Number(args.pid);
  const clients = Number(args.clients ?? 1000);
  const rates = String(args.rates ?? '10000').split(',').map(Number);
  const seconds = Number(args.seconds ?? 10);
  const warmup = Number(args.warmup ?? 3);
  const prewarm = Number(args.prewarm ?? 5);
  const workers = Number(args.workers ?? 2);
  const label = args.label ?? url;
  const padding = 'x'.repeat(400); // about the size of a consolidated order payload

  const cpuTicks = () => {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime + stime of all threads, in ticks (100/s)
  };
  const rssMiB = () => {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
    return Math.round(Number(line.split(/\s+/)[1]) / 1024);
  };
  const percentile = (sorted, p) => sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] : NaN;
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

  const started = now();
  const children = [];
  for (let w = 0; w < workers; w++) {
    const child = fork(fileURLToPath(import.meta.url), [...process.argv.slice(2), '--worker', String(w),
      '--from', String(Math.floor(clients * w / workers)), '--to', String(Math.floor(clients * (w + 1) / workers))], { serialization: 'advanced' });
    children.push(child);
  }
  await Promise.all(children.map((c) => new Promise((resolve, reject) => {
    c.once('message', (m) => (m === 'ready' ? resolve() : reject(new Error(String(m)))));
    c.once('exit', (code) => reject(new Error(`receiver exited with ${code}`)));
  })));
  const publisher = await new Promise((resolve, reject) => {
    const s = connect(sign(secret, 'bench-publisher', ['STAFF']));
    s.once('connect', () => resolve(s));
    s.once('connect_error', reject);
  });
  console.error(`${label}: ${clients} clients connected in ${((now() - started) / 1000).toFixed(1)} s`);

  // Paced by elapsed time, so a late timer tick does not lower the rate.
  let seq = 0;
  let timer = null;
  const publishAt = (rate) => {
    clearInterval(timer);
    const perSecond = rate / (clients / rooms);
    const t0 = now();
    let sent = 0;
    timer = setInterval(() => {
      const due = Math.floor((now() - t0) / 1000 * perSecond);
      for (; sent < due; sent++) {
        publisher.emit('bench:publish', { room: `bench:${seq % rooms}`, data: { sentAt: now(), seq: seq++, padding } });
      }
    }, 2);
  };
  const collect = () => Promise.all(children.map((c) => new Promise((resolve) => {
    c.once('message', (m) => resolve(m));
    c.send('stop');
  })));

  // The same warm-up for both servers before anything is measured (the JVM compiles hot code then).
  publishAt(Math.min(...rates));
  await sleep(prewarm * 1000);
  for (const rate of rates) {
    publishAt(rate);
    await sleep(warmup * 1000);
    children.forEach((c) => c.send('start'));
    const cpu0 = cpuTicks();
    const t0 = now();
    await sleep(seconds * 1000);
    const elapsed = (now() - t0) / 1000;
    const cpu = (cpuTicks() - cpu0) / 100 / elapsed * 100;
    const rss = rssMiB();
    const parts = await collect();
    const received = parts.reduce((n, p) => n + p.received, 0);
    const all = new Float64Array(received);
    let at = 0;
    for (const p of parts) {
      const part = new Float64Array(p.latencies);
      all.set(part, at);
      at += part.length;
    }
    if (timeline) printTimeline(parts, t0);
    all.sort();
    console.log(JSON.stringify({ server: label, round: Number(args.round ?? 1), clients, rooms, targetPerSecond: rate,
      deliveredPerSecond: Math.round(received / elapsed),
      p50ms: +percentile(all, 0.5).toFixed(2), p99ms: +percentile(all, 0.99).toFixed(2),
      maxms: +percentile(all, 1).toFixed(2), serverCpuPercent: Math.round(cpu), serverRssMiB: rss }));
  }
  clearInterval(timer);
  publisher.close();
  children.forEach((c) => c.send('exit'));
  await sleep(500);
  process.exit(0);
}

/** Where in the run the slow deliveries were: spread out (queueing) or in bursts (pauses). */
function printTimeline(parts, t0) {
  const buckets = new Map();
  for (const p of parts) {
    const lat = new Float64Array(p.latencies);
    const arr = new Float64Array(p.arrivals);
    for (let i = 0; i < arr.length; i++) {
      const b = Math.floor((arr[i] - t0) / 250);
      const v = buckets.get(b) ?? { n: 0, max: 0, over10: 0 };
      v.n++;
      v.max = Math.max(v.max, lat[i]);
      if (lat[i] > 10) v.over10++;
      buckets.set(b, v);
    }
  }
  for (const [b, v] of [...buckets].sort((x, y) => x[0] - y[0])) {
    console.error(`t=${(b / 4).toFixed(2)}s n=${v.n} max=${v.max.toFixed(1)}ms >10ms=${v.over10}`);
  }
}
