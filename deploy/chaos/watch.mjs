// Socket.IO clients for bin/chaos (deploy/local-stack Chaos.java): COUNT staff clients connect to URL,
// reconnect with their last cursor after every drop (the official client's reconnection), and write
// what each saw to OUT every 2 s and on SIGTERM. Once every client is connected the first time,
// OUT.ready is written (the load starts only then, so every order's first version is seen live).
// Per order: the events received in order, each [version, connection attempt number, replayed 0/1].
import { renameSync, writeFileSync } from 'node:fs';
import { io } from 'socket.io-client';

const [url, token, count, out] = process.argv.slice(2);
const clients = [];
let firstConnects = 0;
for (let i = 0; i < Number(count); i++) {
  const state = {
    cursor: undefined, events: {}, connects: 0, cursorConnects: 0, recovered: 0, notRecovered: 0,
    disconnects: 0, replayed: 0, live: 0,
  };
  // Per connection attempt (the auth callback runs before each): socket.io-client hands the events that
  // arrive with the CONNECT (the catch-up's replay and sync) to their handlers before 'connect' fires,
  // so the connection number and the sync state must move here, not in the 'connect' handler.
  let connection = 0;
  let sentCursor = false; // the first connect has no cursor: its recovered:false is by design
  let synced = false; // until this connection's sync, live cursors are not ours to keep (the replay may still be running)
  const socket = io(url, {
    transports: ['websocket'],
    reconnectionDelay: 500,
    reconnectionDelayMax: 2000,
    auth: (cb) => {
      connection++;
      synced = false;
      sentCursor = Boolean(state.cursor);
      cb(state.cursor ? { token, cursor: state.cursor } : { token });
    },
  });
  socket.on('connect', () => {
    state.connects++;
    if (sentCursor) state.cursorConnects++;
    if (state.connects === 1 && ++firstConnects === Number(count)) writeFileSync(`${out}.ready`, 'connected\n');
  });
  socket.on('order.updated', (p) => {
    (state.events[p.orderId] ??= []).push([p.version, connection, p.replayed ? 1 : 0]);
    if (p.replayed) state.replayed++;
    else {
      state.live++;
      if (synced && p.cursor) state.cursor = p.cursor; // a replayed event keeps the old cursor by design
    }
  });
  socket.on('sync', (p) => {
    synced = true;
    if (sentCursor) p.recovered ? state.recovered++ : state.notRecovered++;
    state.cursor = p.cursor;
  });
  socket.on('disconnect', () => state.disconnects++);
  clients.push({ socket, state });
}
const save = () => { // whole or not at all: the run reads it while the pipelines settle
  writeFileSync(`${out}.tmp`, JSON.stringify(clients.map((c) => ({ ...c.state, connected: c.socket.connected }))));
  renameSync(`${out}.tmp`, out);
};
setInterval(save, 2000);
process.stdout.write(`watching ${count} clients\n`);
process.on('SIGTERM', () => {
  save();
  process.exit(0);
});
