// The load generator: N clients (official socket.io-client 4.x, websocket transport) spread over
// R rooms on each server under test; per server one publisher asks it to fan out to one room at a
// time at a rate that delivers M messages/s in total; every receiver measures publish -> delivery
// latency.
// Both servers run at once and the load alternates between them in short slices (A B, B A, ...),
// each slice measured only after the other server's messages have all arrived: a change in the
// shared machine's background load then hits both sides of the comparison alike, which whole runs
// one after the other could not promise on this noisy machine (docs/realtime.md).
// The receiving clients live in --workers child processes (one Node thread cannot parse 30k
// messages/s and still time them honestly); the clock is CLOCK_MONOTONIC (process.hrtime), which
// is the same clock in every process of the machine.
// usage: node load.mjs --targets '[{"label":"gateway","url":"http://127.0.0.1:18084","pid":123},...]'
//                      --clients 1000 --rooms 100 --rates 10000,30000 --seconds 10 --slices 5 --secret <jwt secret>
// Idle mode (--idle 1 --hold 20): the clients only connect (authenticated, in their own user room,
// as a signed-in customer who is not looking at anything), are held for --hold s, and each server's
// RSS is sampled from /proc: before the clients connect, while they are held, at the end.
// Worker w connects from 127.0.0.(w+1), so many clients do not run one source address out of ports.
// --snapshot <command>: run as `<command> <phase>` while the clients are still connected (run.sh
// uses it for the gateway's native memory and heap histogram).
import { io } from 'socket.io-client';
import { execFileSync, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sign } from './jwt.mjs';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) =>
  a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs, []));
const targets = JSON.parse(args.targets);
const rooms = Number(args.rooms ?? 100);
const secret = args.secret ?? 'bench-secret-bench-secret-bench-secret';
const now = () => Number(process.hrtime.bigint()) / 1e6;
const timeline = args.timeline !== undefined; // --timeline 1: the worst latency per 250 ms, on stderr
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const idle = args.idle !== undefined;
const localAddress = args.worker !== undefined ? `127.0.0.${Number(args.worker) + 1}` : undefined;
const connect = (url, token) => io(url, { transports: ['websocket'], reconnection: false, forceNew: true, timeout: 60000,
  auth: { token }, localAddress });

if (args.worker !== undefined) {
  await receiver(Number(args.from), Number(args.to));
} else if (idle) {
  await idleMain();
} else {
  await main();
}

function cpuTicks(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime of all threads, in ticks (100/s)
}

function rssMiB(pid) {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Math.round(Number(line.split(/\s+/)[1]) / 1024);
}

/** The receiving child processes, each with its share of the clients connected to every target. */
async function forkReceivers(clients, workers) {
  const children = [];
  for (let w = 0; w < workers; w++) {
    children.push(fork(fileURLToPath(import.meta.url), [...process.argv.slice(2), '--worker', String(w),
      '--from', String(Math.floor(clients * w / workers)), '--to', String(Math.floor(clients * (w + 1) / workers))],
    { serialization: 'advanced' }));
  }
  await Promise.all(children.map((c) => new Promise((resolve, reject) => {
    c.once('message', (m) => (m === 'ready' ? resolve() : reject(new Error(String(m)))));
    c.once('exit', (code) => reject(new Error(`receiver exited with ${code}`)));
  })));
  return children;
}

/** `--snapshot <command> <phase>`, while every client is still connected. */
function snapshot(phase) {
  if (args.snapshot) execFileSync(args.snapshot, [phase], { stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Idle mode: connect, hold, sample both servers' RSS; one result line per server. */
async function idleMain() {
  const clients = Number(args.clients ?? 1000);
  const hold = Number(args.hold ?? 20);
  const workers = Number(args.workers ?? 4);
  const before = targets.map((t) => rssMiB(t.pid));
  const started = now();
  const children = await forkReceivers(clients, workers);
  const connectSeconds = +((now() - started) / 1000).toFixed(1);
  console.error(`${clients} idle clients connected to each of ${targets.map((t) => t.label).join(', ')} in ${connectSeconds} s`);
  const peak = targets.map((t) => rssMiB(t.pid));
  for (const until = now() + hold * 1000; now() < until; await sleep(1000)) {
    targets.forEach((t, i) => { peak[i] = Math.max(peak[i], rssMiB(t.pid)); });
  }
  const held = targets.map((t) => rssMiB(t.pid));
  snapshot(`idle-${clients}`);
  for (const [t, target] of targets.entries()) {
    console.log(JSON.stringify({ server: target.label, mode: 'idle', clients, holdSeconds: hold, connectSeconds,
      rssBeforeMiB: before[t], serverRssMiB: held[t], peakRssMiB: Math.max(peak[t], held[t]),
      perConnectionKiB: +((held[t] - before[t]) * 1024 / clients).toFixed(1) }));
  }
  children.forEach((c) => c.send({ type: 'exit' }));
  await sleep(500);
  process.exit(0);
}

/** A child process: clients [from, to) of every server join their rooms, then record latencies on request. */
async function receiver(from, to) {
  // a slice records every message published from `from` on, however late it arrives
  const state = targets.map(() => ({ from: Infinity, latencies: [], sentAts: [], arrivals: [], delivered: 0 }));
  const join = (url, s, i) => new Promise((resolve, reject) => {
    const socket = connect(url, sign(secret, `bench-${i}`, ['CUSTOMER']));
    socket.on('bench', (data) => {
      s.delivered++;
      if (data.sentAt >= s.from) {
        const at = now();
        s.latencies.push(at - data.sentAt);
        s.sentAts.push(data.sentAt);
        if (timeline) s.arrivals.push(at);
      }
    });
    socket.once('connect', () => (idle ? resolve(socket) : socket.emit('join', `bench:${i % rooms}`, (ack) =>
      ack && ack.ok ? resolve(socket) : reject(new Error(`join refused: ${JSON.stringify(ack)}`)))));
    socket.once('connect_error', reject);
  });
  const sockets = [];
  for (const [t, target] of targets.entries()) {
    for (let i = from; i < to; i += 100) {
      sockets.push(...await Promise.all(Array.from({ length: Math.min(100, to - i) }, (_, k) => join(target.url, state[t], i + k))));
    }
  }
  process.on('message', ({ id, type, target, value }) => {
    const s = state[target];
    const reply = (value) => process.send({ id, value });
    if (type === 'start') {
      Object.assign(s, { from: value, latencies: [], sentAts: [], arrivals: [] });
      reply(true);
    } else if (type === 'stop') { // value: the end of the slice; what was published after it is not part of it
      const inSlice = s.sentAts.map((sentAt, i) => (sentAt < value ? i : -1)).filter((i) => i >= 0);
      reply({ latencies: Float64Array.from(inSlice, (i) => s.latencies[i]).buffer,
        arrivals: Float64Array.from(inSlice, (i) => s.arrivals[i] ?? 0).buffer });
      s.from = Infinity;
    } else if (type === 'delivered') {
      reply(s.delivered);
    } else if (type === 'exit') {
      sockets.forEach((socket) => socket.close());
      process.exit(0);
    }
  });
  process.send('ready');
}

async function main() {
  const clients = Number(args.clients ?? 1000);
  const rates = String(args.rates ?? '10000').split(',').map(Number);
  const seconds = Number(args.seconds ?? 10); // measured per server and rate, over all slices
  const slices = Number(args.slices ?? 5);
  const ramp = Number(args.ramp ?? 1); // at the rate before a slice is measured
  const prewarm = Number(args.prewarm ?? 5);
  const workers = Number(args.workers ?? 2);
  const round = Number(args.round ?? 1);
  const padding = 'x'.repeat(400); // about the size of a consolidated order payload
  const perRoom = clients / rooms;

  const percentile = (sorted, p) => sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] : NaN;
  const sorted = (parts) => {
    const all = new Float64Array(parts.reduce((n, p) => n + p.byteLength / 8, 0));
    let at = 0;
    for (const p of parts) {
      all.set(new Float64Array(p), at);
      at += p.byteLength / 8;
    }
    return all.sort();
  };

  const started = now();
  const children = await forkReceivers(clients, workers);
  // request -> reply by id, so that questions to the receivers may overlap
  let asked = 0;
  const pending = new Map();
  children.forEach((c) => c.on('message', (m) => {
    pending.get(m.id)?.(m.value);
    pending.delete(m.id);
  }));
  const ask = (target, type, value) => Promise.all(children.map((c) => new Promise((resolve) => {
    const id = ++asked;
    pending.set(id, resolve);
    c.send({ id, type, target, value });
  })));
  const publishers = await Promise.all(targets.map((target) => new Promise((resolve, reject) => {
    const s = connect(target.url, sign(secret, 'bench-publisher', ['STAFF']));
    s.once('connect', () => resolve({ socket: s, sent: 0, timer: null, seq: 0 }));
    s.once('connect_error', reject);
  })));
  console.error(`${clients} clients connected to each of ${targets.map((t) => t.label).join(', ')} in ${((now() - started) / 1000).toFixed(1)} s`);

  // Paced by elapsed time, so a late timer tick does not lower the rate.
  const publishAt = (t, rate) => {
    const p = publishers[t];
    clearInterval(p.timer);
    const t0 = now();
    const sentBefore = p.sent;
    p.timer = setInterval(() => {
      const due = sentBefore + Math.floor((now() - t0) / 1000 * rate / perRoom);
      for (; p.sent < due; p.sent++) {
        p.socket.emit('bench:publish', { room: `bench:${p.seq % rooms}`, data: { sentAt: now(), seq: p.seq++, padding } });
      }
    }, 2);
  };
  const pause = (t) => clearInterval(publishers[t].timer);
  /** Until every message published to t has reached its receivers (a backlog would load the next slice). */
  const drained = async (t) => {
    for (const until = now() + 30000; now() < until; await sleep(50)) {
      const delivered = (await ask(t, 'delivered')).reduce((a, b) => a + b, 0);
      if (delivered >= publishers[t].sent * perRoom) return;
    }
    console.error(`${targets[t].label}: not drained after 30 s`);
  };

  // The same warm-up for both servers, at once, before anything is measured (the JVM compiles hot code then).
  targets.forEach((_, t) => publishAt(t, Math.min(...rates)));
  await sleep(prewarm * 1000);
  targets.forEach((_, t) => pause(t));
  await Promise.all(targets.map((_, t) => drained(t)));

  for (const rate of rates) {
    const results = targets.map(() => ({ parts: [], sliceP99: [], ms: 0, cpuMs: 0, ticks: 0, firstAt: 0 }));
    for (let slice = 0; slice < slices; slice++) {
      const order = targets.map((_, t) => t);
      if ((slice + round) % 2 === 0) order.reverse(); // who goes first alternates, and differs per round
      for (const t of order) {
        const r = results[t];
        const t0 = now() + ramp * 1000; // measured: what is published from t0 to t1, wherever it arrives
        await ask(t, 'start', t0);
        publishAt(t, rate);
        await sleep(t0 - now());
        const cpu0 = cpuTicks(targets[t].pid);
        if (!r.firstAt) r.firstAt = t0;
        await sleep(seconds / slices * 1000);
        const t1 = now();
        pause(t);
        await drained(t);
        r.ticks += cpuTicks(targets[t].pid) - cpu0; // the server's work for the slice includes its backlog
        r.cpuMs += now() - t0;
        r.ms += t1 - t0;
        const parts = await ask(t, 'stop', t1);
        const latencies = sorted(parts.map((p) => p.latencies));
        r.sliceP99.push(+percentile(latencies, 0.99).toFixed(2));
        r.parts.push(...parts);
      }
    }
    for (const [t, target] of targets.entries()) {
      const r = results[t];
      const all = sorted(r.parts.map((p) => p.latencies));
      if (timeline) printTimeline(target.label, r.parts, r.firstAt);
      console.log(JSON.stringify({ server: target.label, round, clients, rooms, targetPerSecond: rate,
        deliveredPerSecond: Math.round(all.length / (r.ms / 1000)),
        p50ms: +percentile(all, 0.5).toFixed(2), p99ms: +percentile(all, 0.99).toFixed(2),
        maxms: +percentile(all, 1).toFixed(2), sliceP99ms: r.sliceP99,
        serverCpuPercent: Math.round(r.ticks / (r.cpuMs / 1000)), serverRssMiB: rssMiB(target.pid) }));
    }
  }
  snapshot(`active-${clients}`);
  publishers.forEach((p) => p.socket.close());
  children.forEach((c) => c.send({ type: 'exit' }));
  await sleep(500);
  process.exit(0);
}

/** Where in the slices the slow deliveries were: spread out (queueing) or in bursts (pauses). */
function printTimeline(label, parts, t0) {
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
    console.error(`t=${(b / 4).toFixed(2)}s ${label} n=${v.n} max=${v.max.toFixed(1)}ms >10ms=${v.over10}`);
  }
}
