// End-to-end benchmark of the running local stack (bin/bench e2e starts it): staff callers PATCH order
// statuses at fixed rates over REST, each order's owner holds an official socket.io-client socket and
// times the order.updated it gets; idle sockets hold connections. Measured in the same run: PostgreSQL's
// own rate for the same transaction (pgbench), CPU per process (/proc), the gateway's RSS, the relay's
// and the gateway's latency histograms (Prometheus). Writes results/e2e.json; report-e2e.mjs renders it.
import http from 'node:http';
import { fork, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { sign } from './jwt.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const env = process.env;
const cfg = {
  api: env.API ?? 'http://127.0.0.1:8080/api/v1',
  socketUrl: env.SOCKET_URL ?? 'http://127.0.0.1:8084',
  secret: env.JWT_SECRET ?? 'local-demo-secret-not-for-production-0123456789',
  rates: (env.RATES ?? '50,200,1000').split(',').map(Number),
  seconds: Number(env.SECONDS_PER_RATE ?? 20),
  warmupSeconds: Number(env.WARMUP_SECONDS ?? 120), // C2 still compiled 3.5 min into the load (docs/performance.md)
  warmupRate: Number(env.WARMUP_RATE ?? 200),
  owners: Number(env.OWNERS ?? 1000),
  idle: Number(env.IDLE ?? 1000),
  callers: Number(env.CALLERS ?? 64),
  socketWorkers: Number(env.SOCKET_WORKERS ?? 2),
  idleSeconds: Number(env.IDLE_SECONDS ?? 20),
  ceilingSeconds: Number(env.CEILING_SECONDS ?? 10),
  pg: { host: '127.0.0.1', port: env.PG_PORT ?? '55432', user: 'postgres', password: 'postgres' },
  out: env.OUT ?? join(here, 'results', 'e2e.json'),
  label: env.LABEL ?? '', // a second section of docs/benchmarks.md, e.g. for other knobs
  jvmOpts: env.JVM_OPTS ?? '',
};
const WORKFLOW = ['CONFIRMED', 'PREPARING', 'READY', 'OUT_FOR_DELIVERY', 'DELIVERED'];
// Two clocks, each the same in every process: the monotonic one (CLOCK_MONOTONIC) for PATCH sent →
// socket received, the wall clock (Date.now) against the event's occurredAt. A wall clock taken once at
// a process's start and advanced by performance.now() is not: the socket workers start later than
// this process, and the machine's clock may be stepped in between (one run measured e2e p50 of -1 ms).
const now = () => Number(process.hrtime.bigint()) / 1e6;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (...a) => console.log(new Date().toISOString().slice(11, 19), ...a);

// ---- processes and their CPU (/proc) ----
const GROUPS = [
  ['order-service', /order-service-[^/]*\.jar/], ['dispatch-service', /dispatch-service-[^/]*\.jar/],
  ['courier-adapter', /courier-adapter-[^/]*\.jar/], ['realtime-service', /realtime-service-[^/]*\.jar/],
  ['kwik-sandbox', /kwik-sandbox-[^/]*\.jar/], ['kafka + launcher', /local-stack-[^/]*\.jar/],
  ['load generator', /bench\/e2e(-sockets)?\.mjs/], // this script, its callers and its socket workers
];
const TICK = 100; // USER_HZ
function processes() {
  const found = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'latin1').replace(/\0/g, ' ');
      const comm = readFileSync(`/proc/${pid}/comm`, 'latin1').trim();
      const group = comm === 'postgres' ? 'postgresql' : (GROUPS.find(([, re]) => re.test(cmd)) ?? [])[0];
      if (group && !cmd.includes('jarmode')) found.push({ pid, group });
    } catch { /* gone */ }
  }
  return found;
}
function cpuTicks() { // utime+stime, plus reaped children's (postgres backends that ended)
  const byGroup = {};
  for (const { pid, group } of processes()) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      byGroup[group] = (byGroup[group] ?? 0) + Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    } catch { /* gone */ }
  }
  return { at: now(), byGroup, machine: machineTicks() };
}
function machineTicks() { // every process on the machine: the first line of /proc/stat, all but idle and iowait
  const f = readFileSync('/proc/stat', 'latin1').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return f.slice(0, 8).reduce((a, b) => a + b, 0) - f[3] - f[4];
}
function cpuBetween(a, b) { // % of one core per group, and 'other': what the rest of the machine used
  const seconds = (b.at - a.at) / 1000;
  const percent = Object.fromEntries(Object.keys(b.byGroup).map((g) =>
    [g, ((b.byGroup[g] - (a.byGroup[g] ?? 0)) / TICK) / seconds * 100]));
  const machine = ((b.machine - a.machine) / TICK) / seconds * 100;
  percent.other = Math.max(0, machine - Object.values(percent).reduce((x, y) => x + y, 0));
  return percent;
}
function rssMb(group) {
  return processes().filter((p) => p.group === group).reduce((sum, { pid }) => {
    try {
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'latin1'));
      return sum + Number(m[1]) / 1024;
    } catch { return sum; }
  }, 0);
}

// ---- Prometheus histograms (order-service's relay lag, the gateway's emit latency) ----
async function histogram(port, name) {
  const text = await (await fetch(`http://127.0.0.1:${port}/actuator/prometheus`)).text();
  const buckets = new Map();
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}_bucket{`)) continue;
    const le = /le="([^"]+)"/.exec(line)[1];
    const v = Number(line.slice(line.lastIndexOf(' ') + 1));
    buckets.set(le, (buckets.get(le) ?? 0) + v);
  }
  return [...buckets].map(([le, v]) => [le === '+Inf' ? Infinity : Number(le), v]).sort((x, y) => x[0] - y[0]);
}
function quantileMs(before, after, q) {
  const delta = after.map(([le, v], i) => [le, v - (before[i]?.[1] ?? 0)]);
  const total = delta.at(-1)?.[1] ?? 0;
  if (!total) return null;
  const rank = q * total;
  let prevLe = 0; let prevV = 0;
  for (const [le, v] of delta) {
    if (v >= rank) {
      if (!Number.isFinite(le)) return prevLe * 1000;
      return (prevLe + (le - prevLe) * ((rank - prevV) / Math.max(1, v - prevV))) * 1000;
    }
    prevLe = le; prevV = v;
  }
  return null;
}

// ---- REST ----
const agent = new http.Agent({ keepAlive: true, maxSockets: Math.max(cfg.callers, 16) });
function call(method, path, token, body, headers = {}) {
  return new Promise((resolve) => {
    const data = body ? JSON.stringify(body) : null;
    const req = http.request(cfg.api + path, {
      method, agent,
      headers: { authorization: `Bearer ${token}`, ...(data ? { 'content-type': 'application/json' } : {}), ...headers },
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', (e) => resolve({ status: 0, body: String(e) }));
    req.end(data ?? undefined);
  });
}
const ORDER = {
  currency: 'NGN',
  items: [{ sku: 'PARA-500', name: 'Paracetamol 500mg', quantity: 2, unitPrice: '4.50' },
    { sku: 'ORS-1', name: 'Oral rehydration salts', quantity: 1, unitPrice: '2.00' }],
  deliveryAddress: { line1: '12 Admiralty Way, Lekki', city: 'Lagos', lat: 6.4316, lng: 3.4219, phone: '+2348000000002' },
  notes: 'bench order',
};
async function createOrders(count, ownerOffset) {
  const orders = [];
  let next = 0;
  await Promise.all(Array.from({ length: 16 }, async () => {
    while (next < count) {
      const i = next++;
      const owner = `bench-owner-${(ownerOffset + i) % cfg.owners}`;
      const r = await call('POST', '/orders', sign(cfg.secret, owner, ['CUSTOMER']), ORDER, { 'idempotency-key': randomUUID() });
      if (r.status === 201) orders.push({ id: JSON.parse(r.body).id, owner, step: 0 });
      else if (r.status === 429) { next--; await sleep(200); } else throw new Error(`create: ${r.status} ${r.body}`);
    }
  }));
  return orders;
}

// ---- the PostgreSQL ceiling: the same transaction, pgbench, 4 clients ----
function psql(db, sql) {
  const r = spawnSync('psql', ['-q', '-v', 'ON_ERROR_STOP=1', '-h', cfg.pg.host, '-p', cfg.pg.port, '-U', cfg.pg.user, '-d', db, '-c', sql],
    { env: { ...env, PGPASSWORD: cfg.pg.password }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`psql: ${r.stderr}`);
}
async function ceiling() {
  psql('postgres', 'DROP DATABASE IF EXISTS bench_ceiling');
  psql('postgres', 'CREATE DATABASE bench_ceiling');
  psql('bench_ceiling', readFileSync(join(here, 'ceiling-schema.sql'), 'utf8'));
  const rates = {};
  const pgMsPerTx = {}; // PostgreSQL's CPU per transaction while pgbench saturates it: what a change costs it at best
  for (const variant of ['outbox', 'message', 'notified']) {
    const before = cpuTicks();
    const r = spawnSync('pgbench', ['-n', '-c', '4', '-j', '2', '-T', String(cfg.ceilingSeconds), '-f', join(here, `ceiling-${variant}.sql`),
      '-h', cfg.pg.host, '-p', cfg.pg.port, '-U', cfg.pg.user, 'bench_ceiling'],
    { env: { ...env, PGPASSWORD: cfg.pg.password }, encoding: 'utf8' });
    const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(r.stdout);
    if (!tps) throw new Error(`pgbench ${variant}: ${r.stdout} ${r.stderr}`);
    rates[variant] = Number(tps[1]);
    await sleep(500); // the backends pgbench used are reaped, so their CPU is counted
    pgMsPerTx[variant] = (cpuBetween(before, cpuTicks()).postgresql / 100) * 1000 / rates[variant];
    log(`ceiling (${variant}): ${rates[variant]} tx/s, PostgreSQL ${pgMsPerTx[variant].toFixed(3)} ms of CPU per transaction`);
  }
  psql('postgres', 'DROP DATABASE bench_ceiling');
  return { ...rates, pgMsPerTx };
}

// ---- sockets ----
const workers = Array.from({ length: cfg.socketWorkers }, () => fork(join(here, 'e2e-sockets.mjs')));
const ask = (w, msg, reply) => new Promise((resolve) => {
  const on = (m) => { if (m.type === reply) { w.off('message', on); resolve(m); } };
  w.on('message', on);
  w.send(msg);
});
async function connectSockets() {
  const owners = Array.from({ length: cfg.owners }, (_, i) => `bench-owner-${i}`);
  const idle = Array.from({ length: cfg.idle }, (_, i) => `bench-idle-${i}`);
  const replies = await Promise.all(workers.map((w, k) => ask(w, {
    type: 'connect', url: cfg.socketUrl, secret: cfg.secret, batch: 50,
    owners: owners.filter((_, i) => i % workers.length === k), idle: idle.filter((_, i) => i % workers.length === k),
  }, 'connected')));
  return replies.reduce((s, r) => s + r.ok, 0);
}
async function collect() {
  const replies = await Promise.all(workers.map((w) => ask(w, { type: 'collect' }, 'deliveries')));
  return { deliveries: replies.flatMap((r) => r.deliveries), idleMessages: replies.reduce((s, r) => s + r.idleMessages, 0) };
}

// The orders' own follow-ups (order.created → notifications, e-mails, the dispatch gate) run after
// their creation; a rate is measured only once the stack is back near its idle CPU (at most 60 s).
let idleTotal = 0;
async function settle() {
  for (let waited = 0; waited < 60000; waited += 1000) {
    const a = cpuTicks(); await sleep(1000);
    const busy = Object.values(cpuBetween(a, cpuTicks())).reduce((x, y) => x + y, 0);
    if (busy < idleTotal + 20) return;
  }
}

// ---- one rate ----
const pct = (sorted, q) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : null);
async function runRate(rate, seconds, record) {
  const total = Math.round(rate * seconds);
  const orders = await createOrders(Math.ceil(total / WORKFLOW.length * 1.1) + cfg.callers, Math.floor(Math.random() * cfg.owners));
  await settle();
  await collect(); // drop the order.created deliveries
  const staff = Array.from({ length: cfg.callers }, (_, k) => sign(cfg.secret, `bench-staff-${k}`, ['STAFF'], 6 * 3600));
  const queue = [...orders];
  const sent = new Map(); // orderId:status → [sentAt, restMs]
  let issued = 0; let failed = 0; let starved = 0;
  const relayBefore = await histogram(9080, 'outbox_relay_lag_seconds');
  const emitBefore = await histogram(9083, 'gateway_event_emit_latency_seconds');
  const cpuBefore = cpuTicks();
  const t0 = now() + 50;
  if (record) log(`rate ${rate}: measuring for ${seconds} s`); // the window for bin/jfr-hot
  await Promise.all(staff.map(async (token) => {
    for (;;) {
      const i = issued++;
      if (i >= total) return;
      const wait = t0 + (i * 1000) / rate - now();
      if (wait > 0) await sleep(wait);
      const order = queue.shift();
      if (!order) { starved++; continue; }
      const status = WORKFLOW[order.step];
      const at = now();
      const atWall = Date.now();
      const r = await call('PATCH', `/orders/${order.id}/status`, token, { status });
      const rest = now() - at;
      if (r.status === 200) sent.set(`${order.id}:${status}`, [at, rest, atWall]);
      else { failed++; if (failed <= 3) log(`PATCH ${r.status} ${r.body.slice(0, 200)}`); }
      order.step++;
      if (order.step < WORKFLOW.length) queue.push(order);
    }
  }));
  const wall = (now() - t0) / 1000;
  const cpuAfter = cpuTicks();
  // wait for the last deliveries (up to 15 s)
  let got = { deliveries: [], idleMessages: 0 };
  for (let waited = 0; waited < 15000; waited += 500) {
    const more = await collect();
    got = { deliveries: got.deliveries.concat(more.deliveries), idleMessages: got.idleMessages + more.idleMessages };
    if (got.deliveries.filter(([k]) => sent.has(k)).length >= sent.size) break;
    await sleep(500);
  }
  const relayAfter = await histogram(9080, 'outbox_relay_lag_seconds');
  const emitAfter = await histogram(9083, 'gateway_event_emit_latency_seconds');
  const restMs = [...sent.values()].map(([, r]) => r).sort((a, b) => a - b);
  const e2e = []; const toCommit = []; const toClient = [];
  const seen = new Set();
  for (const [key, receivedAt, receivedWall, occurredAt] of got.deliveries) {
    const s = sent.get(key);
    if (!s || seen.has(key)) continue;
    seen.add(key);
    e2e.push(receivedAt - s[0]);
    if (occurredAt) { toCommit.push(occurredAt - s[2]); toClient.push(receivedWall - occurredAt); }
  }
  [e2e, toCommit, toClient].forEach((a) => a.sort((x, y) => x - y));
  const cpu = cpuBetween(cpuBefore, cpuAfter);
  const changes = sent.size;
  const result = {
    rate, seconds, wall, changes, achieved: changes / wall, failed, starved, lost: changes - seen.size,
    idleMessages: got.idleMessages,
    rest: { p50: pct(restMs, 0.5), p99: pct(restMs, 0.99) },
    e2e: { p50: pct(e2e, 0.5), p99: pct(e2e, 0.99), max: e2e.at(-1) ?? null },
    split: {
      sendToEvent: { p50: pct(toCommit, 0.5), p99: pct(toCommit, 0.99) },
      eventToKafka: { p50: quantileMs(relayBefore, relayAfter, 0.5), p99: quantileMs(relayBefore, relayAfter, 0.99) },
      eventToEmit: { p50: quantileMs(emitBefore, emitAfter, 0.5), p99: quantileMs(emitBefore, emitAfter, 0.99) },
      eventToClient: { p50: pct(toClient, 0.5), p99: pct(toClient, 0.99) },
    },
    cpuPercent: cpu,
    cpuMsPerChange: Object.fromEntries(Object.entries(cpu).map(([g, p]) => [g, (p / 100) * 1000 / (changes / wall)])),
    gatewayRssMb: rssMb('realtime-service'),
  };
  if (record) log(`rate ${rate}: achieved ${result.achieved.toFixed(0)}/s, REST p50/p99 ${result.rest.p50?.toFixed(1)}/${result.rest.p99?.toFixed(1)} ms, `
    + `e2e p50/p99 ${result.e2e.p50?.toFixed(1)}/${result.e2e.p99?.toFixed(1)} ms, lost ${result.lost}, failed ${failed}`);
  return result;
}

/** % of a core per process over IDLE_SECONDS with nothing sent */
async function measureIdle(label) {
  log(`${label}: CPU over ${cfg.idleSeconds} s`);
  const before = cpuTicks(); await sleep(cfg.idleSeconds * 1000);
  const percent = cpuBetween(before, cpuTicks());
  log(label, JSON.stringify(percent));
  return percent;
}

async function main() {
  const out = { date: new Date().toISOString(), loadBefore: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
    cores: (await import('node:os')).cpus().length, config: { ...cfg, secret: undefined } };
  out.idleCpuPercent = await measureIdle('idle');
  idleTotal = Object.values(out.idleCpuPercent).reduce((x, y) => x + y, 0);
  out.rssIdleStackMb = rssMb('realtime-service');
  if (cfg.ceilingSeconds > 0) out.ceiling = await ceiling();
  log(`connecting ${cfg.owners} owner + ${cfg.idle} idle sockets`);
  out.socketsConnected = await connectSockets();
  await sleep(3000);
  out.gatewayRssConnectedMb = rssMb('realtime-service');
  log(`${out.socketsConnected} connected, gateway RSS ${out.gatewayRssConnectedMb.toFixed(0)} MB`);
  if (cfg.warmupSeconds > 0) {
    log(`warm-up (JIT) at ${cfg.warmupRate}/s for ${cfg.warmupSeconds} s`);
    await runRate(cfg.warmupRate, cfg.warmupSeconds, false);
  }
  out.rates = [];
  for (const rate of cfg.rates) out.rates.push(await runRate(rate, cfg.seconds, true));
  // idle once more, now warm (JIT done) and with every socket still connected: the steady state of a quiet shop
  await sleep(15000);
  out.idleAfterCpuPercent = await measureIdle('idle after the load, sockets connected');
  out.loadAfter = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  mkdirSync(dirname(cfg.out), { recursive: true });
  writeFileSync(cfg.out, JSON.stringify(out, null, 1));
  workers.forEach((w) => w.send({ type: 'close' }));
  log(`wrote ${cfg.out}`);
  process.exit(0);
}
main().catch((e) => { console.error(e); process.exit(1); });
