// The notification bell of the board and the tracking page: the caller's inbox (REST), live
// `notification` events from the gateway, marking read through the API. Every text goes in with
// textContent. The list and count are reloaded by REST on every (re)connect, so nothing missed
// while offline is lost even when the gateway cannot replay it; live and replayed events are
// merged by id.
import { api } from "/assets/orderflow.js";

const PAGE = 20;

export function notificationBell(socket, host) {
  const items = new Map(); // id → notification, the newest PAGE shown
  let unread = 0;

  const wrap = el("div", "bell");
  const toggle = el("button", "bell-toggle");
  toggle.id = "bell";
  toggle.type = "button";
  toggle.setAttribute("aria-label", "Notifications");
  toggle.setAttribute("aria-expanded", "false");
  // a drawn bell: headless and minimal systems have no emoji font
  const icon = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  icon.setAttribute("class", "bell-icon");
  icon.setAttribute("viewBox", "0 0 24 24");
  icon.setAttribute("aria-hidden", "true");
  const shape = document.createElementNS("http://www.w3.org/2000/svg", "path");
  shape.setAttribute("d", "M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1z");
  icon.append(shape);
  const count = el("span", "bell-count");
  count.id = "bell-count";
  toggle.append(icon, count);
  const panel = el("div", "bell-panel");
  panel.id = "bell-panel";
  panel.hidden = true;
  const head = el("div", "bell-head");
  const title = el("strong");
  title.textContent = "Notifications";
  const readAll = el("button", "bell-read-all");
  readAll.id = "bell-read-all";
  readAll.type = "button";
  readAll.textContent = "Mark all read";
  head.append(title, readAll);
  const list = el("ol", "bell-list");
  list.id = "bell-list";
  const error = el("div", "bell-error");
  error.setAttribute("role", "alert");
  panel.append(head, error, list);
  wrap.append(toggle, panel);
  host.append(wrap);

  toggle.addEventListener("click", () => {
    panel.hidden = !panel.hidden;
    toggle.setAttribute("aria-expanded", String(!panel.hidden));
  });
  readAll.addEventListener("click", () => guarded(async () => {
    const result = await api("POST", "/notifications/read-all");
    const now = new Date().toISOString();
    items.forEach((n) => { if (!n.readAt) n.readAt = now; });
    setUnread(result.unreadCount);
    draw();
  }));

  function setUnread(value) {
    unread = Math.max(0, value);
    count.textContent = unread > 0 ? String(unread) : "";
    count.dataset.count = String(unread);
    wrap.dataset.unread = String(unread);
  }

  async function guarded(call) {
    error.textContent = "";
    try {
      await call();
    } catch (e) {
      error.textContent = `${e.code || "ERROR"}: ${e.message}`;
    }
  }

  async function markRead(n) {
    if (n.readAt) return;
    await guarded(async () => {
      const read = await api("POST", `/notifications/${encodeURIComponent(n.id)}/read`);
      items.set(n.id, { ...n, readAt: read.readAt });
      setUnread((await api("GET", "/notifications/unread-count")).count);
      draw();
    });
  }

  function draw() {
    const newest = [...items.values()].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1)).slice(0, PAGE);
    list.replaceChildren(...newest.map((n) => {
      const li = el("li", `bell-item priority-${n.priority}${n.readAt ? " read" : " unread"}`);
      li.dataset.id = n.id;
      li.dataset.type = n.type;
      if (n.orderId) li.dataset.order = n.orderId;
      const t = el("div", "bell-title");
      t.textContent = n.title;
      const m = el("div", "bell-message");
      m.textContent = n.message;
      const meta = el("div", "bell-meta");
      meta.textContent = `${n.priority} · ${new Date(n.createdAt).toLocaleString()}`;
      li.append(t, m, meta);
      li.tabIndex = 0;
      li.addEventListener("click", () => markRead(items.get(n.id)));
      li.addEventListener("keydown", (e) => { if (e.key === "Enter") markRead(items.get(n.id)); });
      return li;
    }));
    if (newest.length === 0) {
      const empty = el("li", "bell-empty");
      empty.textContent = "Nothing yet";
      list.append(empty);
    }
  }

  /** The inbox from the API: the truth after any gap. */
  async function reload() {
    await guarded(async () => {
      const page = await api("GET", `/notifications?pageSize=${PAGE}`);
      items.clear();
      page.items.forEach((n) => items.set(n.id, n));
      setUnread(page.unreadCount);
      draw();
    });
  }

  socket.on("notification", (n) => {
    if (!n || !n.id || items.has(n.id)) return; // replayed or repeated: already here
    items.set(n.id, { ...n, readAt: null });
    setUnread(unread + 1);
    draw();
  });
  socket.on("connect", reload);

  setUnread(0);
  draw();
  reload();
  return { reload, items };
}

function el(tag, className) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  return e;
}
