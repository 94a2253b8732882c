// Shared by the board and the tracking page: the token, REST calls (errors by contract code) and a
// live connection to the Socket.IO gateway that catches up after every reconnect.
import { io } from "/vendor/socket.io.esm.min.js";
// the Socket.IO origins this deployment allows besides the defaults (orderflow.pages.socket-origins)
import { socketOrigins } from "/pages/config.js";

const params = new URLSearchParams(location.hash.slice(1));

/** The JWT: from #token=… (demo links), else what the user saved before. */
export function token() {
  const fromLink = params.get("token");
  if (fromLink) localStorage.setItem("orderflow.token", fromLink);
  return localStorage.getItem("orderflow.token") || "";
}

export function saveToken(value) {
  localStorage.setItem("orderflow.token", value.trim());
}

const defaultSocketUrl = () => `${location.protocol}//${location.hostname}:8084`;

/**
 * Where the gateway listens: this host on port 8084, or #socket=… when that is this page's origin,
 * the default gateway or an allowed origin. The token goes to that URL, so a link cannot send it
 * anywhere else (the Content-Security-Policy's connect-src enforces the same list).
 */
export function socketUrl() {
  const wanted = params.get("socket");
  if (!wanted) return defaultSocketUrl();
  let origin;
  try {
    origin = new URL(wanted, location.href).origin;
  } catch {
    origin = null;
  }
  const allowed = [location.origin, new URL(defaultSocketUrl()).origin, ...socketOrigins];
  if (origin && allowed.includes(origin)) return wanted;
  refusedSocket = wanted;
  return defaultSocketUrl();
}

/** A #socket=… that was not allowed (shown to the user), or null. */
export let refusedSocket = null;

export class ApiError extends Error {
  constructor(status, problem) {
    super(`${problem.code || status}: ${problem.detail || problem.title || "request failed"}`);
    this.code = problem.code || String(status);
    this.traceId = problem.traceId;
  }
}

/** Calls the REST API; a problem+json answer becomes an ApiError carrying its code. */
export async function api(method, path, body) {
  const response = await fetch(`/api/v1${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token()}`,
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiError(response.status, data || {});
  return data;
}

/**
 * A live feed of consolidated orders. Keeps the last cursor and hands it to the gateway on every
 * (re)connect, so a reconnect replays what was missed; versions already seen are dropped; when the
 * gateway cannot tell what was missed, `onResync` refetches by REST.
 */
export function liveOrders({ rooms = [], onOrder, onState, onResync, poll }) {
  const versions = new Map();
  let cursor = null;
  const fallback = poll ? polling(poll, (order) => accept(order), onState) : null;
  const url = socketUrl();
  if (refusedSocket) onState(`refused socket URL ${refusedSocket}: not an allowed origin`);
  const socket = io(url, {
    // legacyEvents: false — the page listens to none of the legacy names (docs/contract.md §5)
    auth: (send) => send({ token: token(), legacyEvents: false, ...(cursor ? { cursor } : {}) }),
    reconnectionDelayMax: 2000,
  });
  const accept = (order) => {
    if (order.cursor) cursor = order.cursor;
    if ((versions.get(order.id) ?? -1) >= order.version) return;
    versions.set(order.id, order.version);
    onOrder(order);
  };
  socket.on("connect", () => {
    fallback?.stop();
    onState("connected");
    rooms.forEach((room) => socket.emit("join", room, () => {}));
  });
  socket.on("disconnect", () => { onState("disconnected"); fallback?.start(); });
  socket.io.on("reconnect_attempt", () => { onState("reconnecting"); fallback?.start(); });
  socket.on("connect_error", (error) => { onState(`error: ${error.message}`); fallback?.start(); });
  socket.on("order.updated", accept);
  socket.on("notification", (n) => { if (n && n.cursor) cursor = n.cursor; });
  socket.on("sync", (sync) => {
    if (sync.cursor) cursor = sync.cursor;
    if (!sync.recovered) onResync();
  });
  return {
    socket,
    polling: fallback?.state,
    /** Orders fetched by REST count as seen too. */
    seen(order) {
      if ((versions.get(order.id) ?? -1) < order.version) versions.set(order.id, order.version);
    },
  };
}

/**
 * While the socket is down: fetch `poll.path` (a list of orders, or one order) every `poll.every`
 * ms with `updatedSince` = the newest `updatedAt` seen, and say so on the page
 * (`#connection[data-polling]`). Stops when the socket is back. A page that shows a whole list
 * (not changes) gives `poll.load` instead: its own full reload, which orders its answers itself.
 */
export function polling(poll, onOrder, onState) {
  let timer = null;
  let since = null;
  const state = { ticks: 0, errors: 0 };
  const tick = async () => {
    state.ticks++;
    try {
      if (poll.load) {
        await poll.load();
      } else {
        const separator = poll.path.includes("?") ? "&" : "?";
        const url = since && poll.list !== false ? `${poll.path}${separator}updatedSince=${encodeURIComponent(since)}` : poll.path;
        const answer = await api("GET", url);
        const items = answer && Array.isArray(answer.items) ? answer.items : [answer];
        for (const order of items) {
          if (order && order.updatedAt && (!since || order.updatedAt > since)) since = order.updatedAt;
          if (order) onOrder(order);
        }
        poll.onPoll?.(answer);
      }
      const label = document.getElementById("connection");
      if (label && timer) label.textContent = `offline — updating by polling every ${poll.every / 1000} s`;
    } catch (error) {
      state.errors++; // the API may be down too: keep trying
      state.lastError = String(error);
    }
  };
  return {
    state,
    start() {
      if (timer) return;
      timer = setInterval(tick, poll.every);
      document.getElementById("connection")?.setAttribute("data-polling", "true");
      tick();
    },
    stop() {
      clearInterval(timer);
      timer = null;
      document.getElementById("connection")?.removeAttribute("data-polling");
    },
  };
}

/** A span of time as people say it: "40 s", "12 min", "1 h 5 min". */
export function duration(ms) {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
