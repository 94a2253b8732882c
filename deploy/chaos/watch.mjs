// Socket.IO clients for bin/chaos (deploy/local-stack Chaos.java): COUNT staff clients connect to URL,
// reconnect with their last cursor after every drop (the official client's reconnection), and on
// SIGTERM write what each saw to OUT: per order the versions received, plus sync/disconnect counts.
import { writeFileSync } from 'node:fs';
import { io } from 'socket.io-client';

const [url, token, count, out] = process.argv.slice(2);
const clients = [];
for (let i = 0; i < Number(count); i++) {
  const state = { cursor: undefined, versions: {}, syncs: 0, notRecovered: 0, disconnects: 0, replayed: 0 };
  let sentCursor = false; // the first connect has no cursor: its recovered:false is by design
  const socket = io(url, {
    transports: ['websocket'],
    reconnectionDelay: 500,
    reconnectionDelayMax: 2000,
    auth: (cb) => {
      sentCursor = Boolean(state.cursor);
      cb(state.cursor ? { token, cursor: state.cursor } : { token });
    },
  });
  socket.on('order.updated', (p) => {
    (state.versions[p.orderId] ??= []).push(p.version);
    if (p.replayed) state.replayed++;
    else if (p.cursor) state.cursor = p.cursor; // a replayed event keeps the old cursor by design
  });
  socket.on('sync', (p) => {
    state.syncs++;
    if (!p.recovered && sentCursor) state.notRecovered++;
    state.cursor = p.cursor;
  });
  socket.on('disconnect', () => state.disconnects++);
  clients.push({ socket, state });
}
process.stdout.write(`watching ${count} clients\n`);
process.on('SIGTERM', () => {
  writeFileSync(out, JSON.stringify(clients.map((c) => ({ ...c.state, connected: c.socket.connected }))));
  process.exit(0);
});
