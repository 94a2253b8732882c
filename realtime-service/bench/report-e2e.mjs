// Renders results/e2e.json (e2e.mjs) as the "End to end" section of docs/benchmarks.md, replacing it.
//   node report-e2e.mjs <e2e.json> <docs/benchmarks.md>
import { readFileSync, writeFileSync } from 'node:fs';

const [jsonPath, docPath] = process.argv.slice(2);
const r = JSON.parse(readFileSync(jsonPath, 'utf8'));
const c = r.config;
const f = (v, d = 0) => (v == null ? '–' : Number(v).toFixed(d));
const SERVICES = ['order-service', 'dispatch-service', 'courier-adapter', 'realtime-service', 'kwik-sandbox', 'kafka + launcher', 'postgresql'];
const OUTSIDE = ['load generator', 'other']; // not the stack: the benchmark's own Node processes, and the rest of the machine
const aboveIdle = (x, s) => ((x.cpuPercent[s] - (r.idleCpuPercent[s] ?? 0)) / 100) * 1000 / x.achieved;
const best = Math.max(...r.rates.map((x) => x.achieved));
const lines = [];
const title = `## End to end (bin/bench e2e${c.label ? `, ${c.label}` : ''})`;
lines.push(title, '');
lines.push(`Command: \`bin/bench e2e\` (RATES=${c.rates.join(',')} SECONDS_PER_RATE=${c.seconds} WARMUP_SECONDS=${c.warmupSeconds} WARMUP_RATE=${c.warmupRate} `
  + `OWNERS=${c.owners} IDLE=${c.idle} CALLERS=${c.callers}). Date ${r.date}; ${r.cores} cores shared by everything `
  + `(PostgreSQL, Kafka, five service JVMs, the load generator${r.note ? `, ${r.note}` : ''}); load average ${r.loadBefore} before, ${r.loadAfter} after. `
  + 'JVMs with the production flags of deploy/ (C2, heap 75 % of the pods\' 768 Mi, Serial GC; the gateway Serial GC with -Xmx448m, docs/performance.md "Gateway memory"), not bin/run\'s C1-only flags.', '');
lines.push(`The real local stack: ${c.callers} staff callers send \`PATCH /orders/{id}/status\` at a fixed rate (each order walks CONFIRMED → … → DELIVERED), `
  + `${r.socketsConnected} official socket.io-client sockets are connected (${c.owners} order owners, each timing the \`order.updated\` of its orders, `
  + `and ${c.idle} idle ones). REST → socket is from sending the PATCH to the owner's socket receiving the event. Numbers are measured, never asserted in tests.`, '');
if (r.ceiling?.notified) {
  lines.push(`**PostgreSQL's own rate** for the same transaction in this run (pgbench, 4 clients, ${c.ceilingSeconds} s, same server, `
    + 'realtime-service/bench/ceiling-*.sql): '
    + `${f(r.ceiling.notified)} tx/s for the status change as order-service writes it (read, versioned update, history row, the event as `
    + '`pg_logical_emit_message`, and its notifications with their events: one, two for DELIVERED); '
    + `without the notifications ${f(r.ceiling.message)} tx/s, and with an outbox row inserted + deleted instead of the message `
    + `${f(r.ceiling.outbox)} tx/s (the transaction before 2026-11-30). `
    + `Best end-to-end rate here: ${f(best)} changes/s = ${f((100 * best) / r.ceiling.notified)} % of the same transaction's rate.`
    + (r.ceiling.pgMsPerTx ? ` PostgreSQL used ${f(r.ceiling.pgMsPerTx.notified, 2)} ms of CPU per transaction while pgbench drove it `
      + '(the least a change can cost it; compare its row in the CPU table below).' : ''), '');
} else if (r.ceiling) {
  lines.push(`**PostgreSQL's own rate** (pgbench, 4 clients): ${f(r.ceiling.outbox)} tx/s with an outbox row, ${f(r.ceiling.message)} tx/s `
    + `with \`pg_logical_emit_message\`. Best end-to-end rate here: ${f(best)} changes/s = ${f((100 * best) / r.ceiling.message)} % of the message ceiling.`, '');
}
lines.push('| target changes/s | achieved | lost | failed | REST p50 / p99 ms | REST → socket p50 / p99 ms | max ms |');
lines.push('| ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const x of r.rates) {
  lines.push(`| ${x.rate} | ${f(x.achieved)} | ${x.lost} | ${x.failed} | ${f(x.rest.p50, 1)} / ${f(x.rest.p99, 1)} | ${f(x.e2e.p50, 1)} / ${f(x.e2e.p99, 1)} | ${f(x.e2e.max)} |`);
}
lines.push('', 'Latency split, p50 / p99 ms, each from the event\'s `occurredAt` (written in the committing transaction; socket payload and `ce_time`): '
  + 'PATCH sent → occurredAt (client), occurredAt → Kafka ack (order-service `outbox.relay.lag` histogram), occurredAt → gateway emit '
  + '(`gateway.event.emit.latency` histogram), occurredAt → owner\'s socket (client). The stages are cumulative, so "Kafka → emit" is the '
  + 'difference of the middle two, "emit → client" of the last two.', '');
lines.push('| changes/s | PATCH → occurredAt | → Kafka ack | → gateway emit | → client |');
lines.push('| ---: | ---: | ---: | ---: | ---: |');
for (const x of r.rates) {
  const s = x.split;
  const pair = (v) => `${f(v.p50, 1)} / ${f(v.p99, 1)}`;
  lines.push(`| ${x.rate} | ${pair(s.sendToEvent)} | ${pair(s.eventToKafka)} | ${pair(s.eventToEmit)} | ${pair(s.eventToClient)} |`);
}
lines.push('', 'CPU per process (/proc utime+stime, all threads; PostgreSQL = all its processes): % of one core at idle (fresh: no load yet, '
  + 'no sockets, JIT still compiling; warm: after the load, sockets still connected, nothing changing), '
  + 'and ms of CPU per status change at each rate: all of the process\'s CPU in the measured window / changes, then the same above '
  + 'its idle CPU.', '');
const warm = r.idleAfterCpuPercent ?? {};
lines.push(`| process | idle % of a core (fresh / warm) | ${r.rates.map((x) => `ms/change at ${x.rate}/s (all / above idle)`).join(' | ')} |`);
lines.push(`| --- | ---: | ${r.rates.map(() => '---:').join(' | ')} |`);
for (const s of SERVICES) {
  lines.push(`| ${s} | ${f(r.idleCpuPercent[s], 1)} / ${f(warm[s], 1)} | ${r.rates.map((x) => `${f(x.cpuMsPerChange[s], 2)} / ${f(aboveIdle(x, s), 2)}`).join(' | ')} |`);
}
const sumOf = (o, keys) => keys.reduce((a, k) => a + (o[k] ?? 0), 0);
const totalRow = (label, keys) => `| ${label} | ${f(sumOf(r.idleCpuPercent, keys), 1)} / ${f(r.idleAfterCpuPercent ? sumOf(warm, keys) : null, 1)} | `
  + `${r.rates.map((x) => `${f(sumOf(x.cpuMsPerChange, keys), 2)} / ${f(keys.reduce((a, s) => a + aboveIdle(x, s), 0), 2)}`).join(' | ')} |`;
lines.push(totalRow('**the stack**', SERVICES));
if (r.rates[0].cpuPercent['load generator'] != null) {
  for (const s of OUTSIDE) {
    lines.push(`| ${s} | ${f(r.idleCpuPercent[s], 1)} / ${f(warm[s], 1)} | ${r.rates.map((x) => `${f(x.cpuMsPerChange[s], 2)} / ${f(aboveIdle(x, s), 2)}`).join(' | ')} |`);
  }
  lines.push(totalRow('**the machine**', [...SERVICES, ...OUTSIDE]));
  lines.push('', `The machine has ${r.cores} cores, ${r.cores * 1000} ms of CPU a second: at N changes/s everything together can use at most `
    + `${r.cores * 1000}/N ms per change (2 ms at 1,000/s). "load generator" is this benchmark's Node processes (callers, sockets), `
    + '"other" the rest of the machine (/proc/stat less the rows above).');
}
lines.push('', `Gateway RSS: ${f(r.rssIdleStackMb)} MB with no sockets, ${f(r.gatewayRssConnectedMb)} MB with ${r.socketsConnected} connected, `
  + `${r.rates.map((x) => `${f(x.gatewayRssMb)} MB after ${x.rate}/s`).join(', ')}. `
  + 'The gateway next to the Node reference at 20,000 idle / 5,000 active connections is the realtime benchmark\'s (below).', '');
const section = lines.join('\n') + '\n';

let doc = readFileSync(docPath, 'utf8');
const start = doc.indexOf(`${title}\n`);
if (start >= 0) {
  const next = doc.indexOf('\n## ', start + 5);
  doc = doc.slice(0, start) + section + (next >= 0 ? doc.slice(next + 1) : '');
} else {
  const first = c.label ? doc.indexOf('\n## ', doc.indexOf('## End to end') + 5) : doc.indexOf('\n## ');
  doc = first >= 0 ? `${doc.slice(0, first + 1)}${section}\n${doc.slice(first + 1)}` : `${doc}\n${section}`;
}
writeFileSync(docPath, doc);
console.log(`wrote the End to end section of ${docPath}`);
