// Drives the official socket.io-client for the JUnit end-to-end tests (see JsClients.java).
// stdin: one JSON command per line; stdout: one JSON observation per line.
import { createInterface } from 'node:readline';
import { io } from 'socket.io-client';

const sockets = new Map();
const out = (o) => process.stdout.write(JSON.stringify({ ...o, at: Date.now() }) + '\n');

function connect({ id, url, auth, query, transports }) {
  const options = { reconnection: false, forceNew: true, timeout: 20000 };
  if (auth !== undefined && auth !== null) options.auth = auth;
  if (query) options.query = query;
  if (transports) options.transports = transports;
  const socket = io(url, options);
  sockets.set(id, socket);
  socket.on('connect', () => out({ id, kind: 'connect', transport: socket.io.engine.transport.name }));
  // description: a refused handshake's HTTP status (polling), e.g. 429 over the connect rate
  socket.on('connect_error', (err) => out({ id, kind: 'connect_error', message: err.message, data: err.data ?? null,
    status: typeof err.description === 'number' ? err.description : null }));
  socket.on('disconnect', (reason) => out({ id, kind: 'disconnect', reason }));
  socket.io.engine?.on('upgrade', (transport) => out({ id, kind: 'upgrade', transport: transport.name }));
  socket.onAny((event, ...args) => out({ id, kind: 'event', event, args }));
}

const commands = {
  connect,
  connectMany: ({ prefix, count, url, auth, transports }) => {
    for (let i = 0; i < count; i++) connect({ id: `${prefix}${i}`, url, auth, transports });
  },
  emit: ({ id, event, arg, ref }) => {
    const socket = sockets.get(id);
    if (ref) socket.emit(event, arg, (...args) => out({ id, kind: 'ack', ref, args }));
    else socket.emit(event, arg);
  },
  close: ({ id }) => { sockets.get(id)?.close(); sockets.delete(id); },
  exit: () => { for (const s of sockets.values()) s.close(); process.exit(0); },
};

createInterface({ input: process.stdin }).on('line', (line) => {
  if (!line.trim()) return;
  try {
    const command = JSON.parse(line);
    commands[command.cmd](command);
  } catch (e) {
    out({ kind: 'agent_error', message: String(e && e.stack || e) });
  }
});
process.stdin.on('end', () => commands.exit());
out({ kind: 'ready' });
