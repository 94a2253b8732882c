// Customer tracking page for one order (#order=<id>&token=<customer JWT>): status, OTP, timeline,
// the rider's position and an ETA countdown, live over the socket and by polling while it is down.
import { api, liveOrders } from "/assets/orderflow.js";
import { notificationBell } from "/assets/bell.js";

const orderId = new URLSearchParams(location.hash.slice(1)).get("order");
const $ = (selector) => document.querySelector(selector);
let etaAt = null;

function show(order) {
  $("#display").textContent = order.displayId;
  $("#status").textContent = order.status;
  $("#payment").textContent = order.paymentStatus;
  const d = order.dispatch;
  $("#dispatch").textContent = d ? `courier ${d.status}${d.driver && d.driver.name ? " · " + d.driver.name : ""}` : "not dispatched yet";
  $("#otp").textContent = d && d.otp ? `Give this code to your rider: ${d.otp}` : "";
  if (d && d.etaAt) setEta(d.etaAt);
  if (order.status === "DELIVERED" || order.status === "CANCELLED") etaAt = null;
}

const etaHistory = []; // every distinct ETA shown, for the browser tests

function setEta(at) {
  etaAt = Date.parse(at);
  if (etaHistory[etaHistory.length - 1] !== etaAt) etaHistory.push(etaAt);
  tick();
}

/** The countdown: minutes and seconds left until etaAt, redrawn every second. */
function tick() {
  if (etaAt === null) return;
  const seconds = Math.max(0, Math.round((etaAt - Date.now()) / 1000));
  const el = $("#eta");
  el.dataset.seconds = String(seconds);
  el.dataset.etaAt = new Date(etaAt).toISOString();
  el.textContent = seconds === 0 ? "any moment now"
    : `in ${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, "0")} s (${new Date(etaAt).toLocaleTimeString()})`;
}

function showPosition(p) {
  const el = $("#rider-position");
  el.dataset.lat = String(p.latitude);
  el.dataset.lng = String(p.longitude);
  el.textContent = `at ${Number(p.latitude).toFixed(5)}, ${Number(p.longitude).toFixed(5)}`
    + (p.heading == null ? "" : ` heading ${Math.round(p.heading)}°`)
    + ` · ${new Date(p.timestamp || Date.now()).toLocaleTimeString()}`;
}

async function timeline() {
  const rows = await api("GET", `/orders/${orderId}/history`);
  $("#timeline").replaceChildren(...rows.map((h) => {
    const li = document.createElement("li");
    li.textContent = `${new Date(h.at).toLocaleTimeString()} — ${h.field}: ${h.from ?? "–"} → ${h.to}`;
    return li;
  }));
}

async function refresh() {
  try {
    // the REST view is the customer's own: it carries the OTP the socket payloads leave out
    show(await api("GET", `/orders/${orderId}`));
    await timeline();
  } catch (error) {
    $("#errors").textContent = `${error.code}: ${error.message}`;
  }
}

const feed = liveOrders({
  rooms: [`order:${orderId}`],
  onOrder: (order) => { if (order.id === orderId) refresh(); },
  onState: (state) => { $("#connection").textContent = state; $("#connection").dataset.state = state; },
  onResync: refresh,
  // while the socket is down the order is re-read every 3 s and shown as it is
  poll: { path: `/orders/${orderId}`, every: 3000, list: false, onPoll: (order) => { if (order && order.id === orderId) show(order); } },
});
feed.socket.on("driver:location:update", (p) => { if (p.orderId === orderId) showPosition(p); });
feed.socket.on("order:eta:update", (p) => { if (p.orderId === orderId && p.etaAt) setEta(p.etaAt); });
setInterval(tick, 1000);
const bell = notificationBell(feed.socket, $("#notifications"));
// for the browser tests
window.track = window.tracking = { socket: feed.socket, bell, etas: etaHistory, polling: feed.polling };
refresh();
