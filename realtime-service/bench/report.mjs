// Renders results.jsonl as the "Realtime gateway" section of docs/benchmarks.md, replacing only
// that section (other sections of the file belong to other benchmarks).
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { cpus } from 'node:os';

const [resultsFile, docFile] = process.argv.slice(2);
const rows = readFileSync(resultsFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const key = (r) => `${r.clients}/${r.targetPerSecond}`;
const reference = new Map(rows.filter((r) => r.server.startsWith('reference')).map((r) => [key(r), r]));

const table = [
  '| server | clients | target msg/s | delivered msg/s | p50 ms | p99 ms | max ms | server CPU % | server RSS MiB | p99 vs Node |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ...rows.sort((a, b) => a.clients - b.clients || a.targetPerSecond - b.targetPerSecond || a.server.localeCompare(b.server))
    .map((r) => {
      const ref = reference.get(key(r));
      const vs = r.server.startsWith('reference') || !ref ? '' : `${(r.p99ms / ref.p99ms).toFixed(2)}x`;
      return `| ${r.server} | ${r.clients} | ${r.targetPerSecond} | ${r.deliveredPerSecond} | ${r.p50ms} | ${r.p99ms} | ${r.maxms} | ${r.serverCpuPercent} | ${r.serverRssMiB} | ${vs} |`;
    }),
];

const section = [
  '## Realtime gateway',
  '',
  `Run: \`realtime-service/bench/run.sh\` (one run, ${new Date().toISOString().slice(0, 16)}Z, ${cpus().length} cores shared with the load generator, Node ${process.version}).`,
  'The same load generator (`realtime-service/bench/load.mjs`, official socket.io-client 4.x over websocket)',
  'drives our gateway (netty-socketio, compression off, payload encoded once per broadcast) and then a',
  'reference Node socket.io 4.x server (`reference-server.mjs`): clients in 100 rooms, one publisher',
  'asks the server to fan out `bench` events to one room at a time at the rate that delivers the target',
  'messages/s; latency is publish → delivery on the load generator\'s clock; CPU and RSS are the',
  'server process\'s (/proc). "p99 vs Node" below 1 means the gateway beat the reference.',
  '',
  ...table,
  '',
].join('\n');

let doc = existsSync(docFile) ? readFileSync(docFile, 'utf8') : '# Benchmarks\n\n';
const start = doc.indexOf('## Realtime gateway');
if (start >= 0) {
  const next = doc.indexOf('\n## ', start + 1);
  doc = doc.slice(0, start) + section + (next >= 0 ? doc.slice(next + 1) : '');
} else {
  doc = doc.replace(/\n*$/, '\n\n') + section;
}
writeFileSync(docFile, doc);
console.log(section);
