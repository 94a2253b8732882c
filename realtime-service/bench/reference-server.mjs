// The reference: a plain Node socket.io 4.x server with the same protocol subset the benchmark
// uses on the gateway (JWT in auth, join with ack, bench:publish fanned out to a room).
// usage: node reference-server.mjs <port> <jwt-secret>
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { verify } from './jwt.mjs';

const [port, secret] = [Number(process.argv[2] ?? 8090), process.argv[3] ?? 'bench-secret-bench-secret-bench-secret'];
const http = createServer();
const io = new Server(http, { perMessageDeflate: false, httpCompression: false, pingInterval: 25000, pingTimeout: 20000, cors: { origin: '*' } });

io.use((socket, next) => {
  const claims = verify(secret, socket.handshake.auth?.token);
  if (!claims) {
    const err = new Error('SOCKET_AUTH_FAILED');
    err.data = { code: 'SOCKET_AUTH_FAILED' };
    return next(err);
  }
  socket.data.claims = claims;
  next();
});

io.on('connection', (socket) => {
  socket.join(`user:${socket.data.claims.sub}`);
  socket.on('join', (room, ack) => {
    if (typeof room === 'string' && room.startsWith('bench:')) socket.join(room);
    if (typeof ack === 'function') ack({ ok: true });
  });
  socket.on('bench:publish', (request) => {
    if (request && typeof request.room === 'string' && request.room.startsWith('bench:')) {
      io.to(request.room).emit('bench', request.data ?? {});
    }
  });
});

http.listen(port, '127.0.0.1', () => console.log('REFERENCE_READY'));
