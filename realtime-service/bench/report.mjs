// Renders results.jsonl as the "Realtime gateway" section of docs/benchmarks.md, replacing only
// that section (other sections of the file belong to other benchmarks).
// usage: node report.mjs results.jsonl meta.json docs/benchmarks.md
import { readFileSync, writeFileSync, existsSync } from 'node:fs';

const [resultsFile, metaFile, docFile] = process.argv.slice(2);
const rows = readFileSync(resultsFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const meta = JSON.parse(readFileSync(metaFile, 'utf8'));
const key = (r) => `${r.clients}/${r.targetPerSecond}`;
const reference = new Map(rows.filter((r) => r.server.startsWith('reference')).map((r) => [key(r), r]));

const table = [
  '| server | clients | target msg/s | delivered msg/s | p50 ms | p99 ms | max ms | server CPU % | server RSS MB | p99 vs Node |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
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
  `Command: \`realtime-service/bench/run.sh\` as an ordinary user (one run, ${meta.secondsPerRun} s measured per point`,
  `after a 5 s warm-up and 3 s at the rate). Date ${meta.date}; ${meta.cores} cores (${meta.cpu}) shared by server,`,
  `load generator and other builds: load average ${meta.loadBefore} before, ${meta.loadAfter} after. ${meta.java}, Node ${meta.node};`,
  `gateway JVM \`${meta.gatewayJavaOpts}\`${meta.gatewayArgs ? `, \`${meta.gatewayArgs}\`` : ''}.`,
  '',
  'The same load generator (`realtime-service/bench/load.mjs`: official socket.io-client 4.x over websocket,',
  'receiving clients in 2 child processes) drives our gateway (`BenchGateway`: the production application with',
  '`bench-enabled`, reading a Kafka broker in a separate JVM) and a reference Node socket.io 4.x server',
  '(`reference-server.mjs`), one after the other per client count. Clients are spread over 100 rooms; one',
  'publisher client emits `bench:publish {room, data}` at the rate that delivers the target messages/s and the',
  'server fans `bench` out to that room — on the gateway through `FanOut.sendToRooms`, the path Kafka events take.',
  'Latency is publish → delivery on one monotonic clock; CPU and RSS are the server process\'s (/proc, all threads).',
  '"p99 vs Node" below 1 means the gateway beat the reference. Tuning notes: docs/realtime.md.',
  '',
  ...table,
  '',
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
