// Renders results.jsonl as the "Realtime gateway" section of docs/benchmarks.md, replacing only
// that section (other sections of the file belong to other benchmarks).
// usage: node report.mjs results.jsonl meta.json docs/benchmarks.md
import { readFileSync, writeFileSync, existsSync } from 'node:fs';

const [resultsFile, metaFile, docFile] = process.argv.slice(2);
const all = readFileSync(resultsFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const rows = all.filter((r) => r.mode !== 'idle' && r.mode !== 'view');
const view = all.find((r) => r.mode === 'view');
const idleRows = all.filter((r) => r.mode === 'idle');
const meta = JSON.parse(readFileSync(metaFile, 'utf8'));
const key = (r) => `${r.clients}/${r.targetPerSecond}`;
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : +((sorted[mid - 1] + sorted[mid]) / 2).toFixed(2);
};

// one row per server and point: the median of its rounds, and each round's p99
const points = new Map();
for (const r of rows) {
  const id = `${r.server}|${key(r)}`;
  if (!points.has(id)) points.set(id, { server: r.server, clients: r.clients, targetPerSecond: r.targetPerSecond, runs: [] });
  points.get(id).runs.push(r);
}
const summary = [...points.values()].map((p) => {
  const m = (field) => median(p.runs.map((r) => r[field]));
  return { ...p, deliveredPerSecond: Math.round(m('deliveredPerSecond')), p50ms: m('p50ms'), p99ms: m('p99ms'), maxms: m('maxms'),
    serverCpuPercent: Math.round(m('serverCpuPercent')), serverRssMiB: Math.round(m('serverRssMiB')),
    byRound: new Map(p.runs.map((r) => [r.round ?? 1, r])) };
});
const reference = new Map(summary.filter((r) => r.server.startsWith('reference')).map((r) => [key(r), r]));
const versus = (r) => {
  const ref = reference.get(key(r));
  if (r.server.startsWith('reference') || !ref) return '';
  // slice i of a round ran right next to the reference's slice i: those are the fair pairs
  const pairs = [...r.byRound].filter(([round]) => ref.byRound.has(round))
    .flatMap(([round, run]) => run.sliceP99ms.map((p99, i) => [p99, ref.byRound.get(round).sliceP99ms[i]]));
  const won = pairs.filter(([mine, theirs]) => mine < theirs).length;
  return `${(r.p99ms / ref.p99ms).toFixed(2)}x, ${won} of ${pairs.length}`;
};

const table = [
  '| server | clients | target msg/s | delivered msg/s | p50 ms | p99 ms | p99 ms of each round | max ms | server CPU % | server RSS MB | p99 vs Node, slices won |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...summary.sort((a, b) => a.clients - b.clients || a.targetPerSecond - b.targetPerSecond || a.server.localeCompare(b.server))
    .map((r) => `| ${r.server} | ${r.clients} | ${r.targetPerSecond} | ${r.deliveredPerSecond} | ${r.p50ms} | ${r.p99ms} | `
      + `${[...r.byRound].sort((a, b) => a[0] - b[0]).map(([, run]) => run.p99ms).join(' / ')} | ${r.maxms} | ${r.serverCpuPercent} | `
      + `${r.serverRssMiB} | ${versus(r)} |`),
];

// Memory: RSS of both servers with idle clients held, and with the active clients at the end of their load
const isReference = (r) => r.server.startsWith('reference');
const ratio = (mine, theirs) => (mine && theirs ? `${(mine / theirs).toFixed(2)}x` : '');
const at20k = (r) => Math.round(r.rssBeforeMiB + 20000 * r.perConnectionKiB / 1024);
const idleGateway = idleRows.find((r) => !isReference(r));
const idleReference = idleRows.find(isReference);
const activeRss = (reference) => new Map([...new Set(rows.map((r) => r.clients))].map((clients) => [clients,
  median([...new Set(rows.map((r) => r.round ?? 1))].map((round) => Math.max(...rows
    .filter((r) => r.clients === clients && (r.round ?? 1) === round && isReference(r) === reference)
    .map((r) => r.serverRssMiB))).filter(Number.isFinite))]));
const [activeGateway, activeReference] = [activeRss(false), activeRss(true)];
const memory = [
  '| clients held | gateway RSS MiB | Node RSS MiB | gateway / Node |',
  '| --- | ---: | ---: | ---: |',
  ...(idleGateway && idleReference ? [
    `| none (fresh, before the idle clients) | ${idleGateway.rssBeforeMiB} | ${idleReference.rssBeforeMiB} | ${ratio(idleGateway.rssBeforeMiB, idleReference.rssBeforeMiB)} |`,
    `| ${idleGateway.clients} idle, after ${idleGateway.holdSeconds} s (peak ${idleGateway.peakRssMiB} / ${idleReference.peakRssMiB}) | ${idleGateway.serverRssMiB} | ${idleReference.serverRssMiB} | ${ratio(idleGateway.serverRssMiB, idleReference.serverRssMiB)} |`,
    `| per idle connection, KiB | ${idleGateway.perConnectionKiB} | ${idleReference.perConnectionKiB} | |`,
    `| 20000 idle, extrapolated (fresh + 20,000 × per connection) | ${at20k(idleGateway)} | ${at20k(idleReference)} | ${ratio(at20k(idleGateway), at20k(idleReference))} |`,
  ] : []),
  ...[...activeGateway].filter(([clients]) => activeReference.has(clients)).map(([clients, rss]) =>
    `| ${clients} active, at the end of their load (max over the rates) | ${rss} | ${activeReference.get(clients)} | ${ratio(rss, activeReference.get(clients))} |`),
];

const section = [
  '## Realtime gateway',
  '',
  `Command: \`realtime-service/bench/run.sh\` as an ordinary user: ${meta.rounds ?? 1} round(s), each point measured for`,
  `${meta.secondsPerRun} s per server after a ${meta.prewarmSeconds ?? 5} s warm-up of both servers. Date ${meta.date}; ${meta.cores} cores (${meta.cpu}) shared by server,`,
  `load generator and other builds: load average ${meta.loadBefore} before, ${meta.loadAfter} after. ${meta.java}, Node ${meta.node};`,
  `gateway JVM \`${meta.gatewayJavaOpts}\`, ${meta.gatewayEventLoops ? `${meta.gatewayEventLoops} event-loop thread(s)` : 'default event-loop threads (2 per core)'}${meta.gatewayArgs ? `, \`${meta.gatewayArgs}\`` : ''}.`,
  '',
  'The same load generator (`realtime-service/bench/load.mjs`: official socket.io-client 4.x over websocket,',
  'receiving clients in 2 child processes) drives our gateway (`BenchGateway`: the production application with',
  '`bench-enabled`, reading a Kafka broker in a separate JVM) and a reference Node socket.io 4.x server',
  '(`reference-server.mjs`). Per client count both servers run at once, fresh, and the load moves between them in',
  `alternating slices (${meta.slices ?? 1} per server and rate, each 1 s at the rate and then ${meta.secondsPerRun / (meta.slices ?? 1)} s measured, the next one`,
  'only after every message of the last has arrived), so a change in the machine\'s background load hits both',
  'sides alike. Clients are spread over 100 rooms; one publisher client per server emits `bench:publish {room, data}`',
  'at the rate that delivers the target messages/s and the server fans `bench` out to that room — on the gateway',
  'through `FanOut.sendToRooms`, the path Kafka events take. Latency is publish → delivery on one monotonic clock,',
  'for every message published during a measured slice however late it arrives (delivered msg/s counts those);',
  'CPU (during the server\'s own slices) and RSS are the server process\'s (/proc, all threads). p50/p99/max pool',
  'all slices of a round; each row is the median of the rounds; "p99 vs Node" is the ratio of the median p99s',
  '(below 1: the gateway beat the reference) and in how many pairs of neighbouring slices the gateway\'s p99 was the',
  'lower one. Tuning notes: docs/realtime.md.',
  '',
  ...table,
  '',
  '### Memory',
  '',
  `RSS (/proc VmRSS, all of the process) of the same two servers. Idle: both started fresh, then ${idleGateway?.clients ?? 'IDLE_CLIENTS'}`,
  'authenticated clients (official socket.io-client, websocket, each in its own user room and nothing else) connect to',
  `each from ${meta.idleWorkers ?? 4} client processes and are held ${idleGateway?.holdSeconds ?? meta.idleHoldSeconds} s. The 20,000 row is extrapolated: this machine's`,
  `hard limit of ${meta.fileLimit ?? 20000} open files per process (not raisable here) leaves a server no room for 20,000 sockets`,
  'plus its own files. Active: the RSS of the runs in the table above, sampled at the end of each rate.',
  '',
  ...memory,
  '',
  ...(view ? [
    `What the gateway keeps besides its sockets (\`ViewMemoryBenchmark\`: ${view.orders} realistic entries each in one JVM, heap after a`,
    `full GC; the socket clients above make none): an order of its view ${view.jsonKiB} KiB kept as JSON (since 2026-11-30) against`,
    `${view.mapKiB} KiB as the parsed map before; a stored notification kept for catch-up ${view.notificationJsonKiB} KiB against ${view.notificationMapKiB} KiB.`,
    `At the defaults (\`max-orders\` ${view.maxOrders.toLocaleString('en')}, \`max-notifications\` ${view.maxNotifications.toLocaleString('en')}) that is ≈ ${Math.round((view.maxOrders * view.jsonKiB + view.maxNotifications * view.notificationJsonKiB) / 1024)} MiB of heap at most.`,
    '',
  ] : []),
].join('\n');

let doc = existsSync(docFile) ? readFileSync(docFile, 'utf8') : '# Benchmarks\n\nMeasured results of the project\'s benchmarks, one section per benchmark (each written by its own command).\n';
const start = doc.indexOf('## Realtime gateway');
if (start >= 0) {
  const next = doc.indexOf('\n## ', start + 1);
  doc = doc.slice(0, start) + section + (next >= 0 ? '\n' + doc.slice(next + 1) : '');
} else {
  doc = doc.replace(/\n*$/, '\n\n') + section;
}
writeFileSync(docFile, doc);
console.log(section);
