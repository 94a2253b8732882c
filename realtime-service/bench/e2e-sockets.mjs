// One socket worker of e2e.mjs: holds official socket.io-client sockets to the gateway (owners that
// expect order.updated, idle ones that expect nothing) and records when each order.updated arrives.
// Talks to its parent over IPC: {connect}, {collect} → {connected}, {deliveries}.
import { io } from 'socket.io-client';
import { sign } from './jwt.mjs';

const now = () => Number(process.hrtime.bigint()) / 1e6; // the parent's monotonic clock too (e2e.mjs)
const sockets = [];
let deliveries = []; // [orderId:status, receivedAt (monotonic ms), receivedAt (wall ms), occurredAt (wall ms)]
let idleMessages = 0;
let errors = 0;

function open(url, token, onUpdate) {
  return new Promise((resolve) => {
    // a current client: the contract's names only, not the legacy ones (docs/contract.md §5)
    const socket = io(url, { auth: { token, legacyEvents: false }, transports: ['websocket'], reconnection: true, timeout: 60000 });
    socket.once('connect', () => resolve(true));
    socket.once('connect_error', () => { errors++; resolve(false); });
    if (onUpdate) socket.on('order.updated', onUpdate);
    sockets.push(socket);
  });
}

async function connect({ url, secret, owners, idle, batch }) {
  const jobs = [];
  const record = (p) => {
    deliveries.push([`${p.orderId}:${String(p.status).toUpperCase()}`, now(), Date.now(), p.occurredAt ? Date.parse(p.occurredAt) : 0]);
  };
  const all = [...owners.map((o) => [o, record]), ...idle.map((i) => [i, () => idleMessages++])];
  let ok = 0;
  for (let i = 0; i < all.length; i += batch) {
    const results = await Promise.all(all.slice(i, i + batch).map(([user, handler]) =>
      open(url, sign(secret, user, ['CUSTOMER'], 6 * 3600), handler)));
    ok += results.filter(Boolean).length;
  }
  return ok;
}

process.on('message', async (msg) => {
  if (msg.type === 'connect') {
    const ok = await connect(msg);
    process.send({ type: 'connected', ok, errors });
  } else if (msg.type === 'collect') {
    process.send({ type: 'deliveries', deliveries, idleMessages });
    deliveries = [];
  } else if (msg.type === 'close') {
    sockets.forEach((s) => s.close());
    process.exit(0);
  }
});
