// Customer tracking page for one order (#order=<id>&token=<customer JWT>), made for a phone: what is
// happening in the customer's words, a progress bar, the delivery code only while the rider is on the
// way, the rider, the map and ETA from the rider's position, the order summary and a timeline with
// times. Live over the socket, by polling while it is down. Text only, never HTML from data.
import { api, liveOrders } from "/assets/orderflow.js";
import { notificationBell } from "/assets/bell.js";

const orderId = new URLSearchParams(location.hash.slice(1)).get("order");
const $ = (selector) => document.querySelector(selector);
/** The default workflow's steps as a customer names them; another workflow shows its current status alone. */
const STEPS = [["PENDING", "Placed"], ["CONFIRMED", "Confirmed"], ["PREPARING", "Preparing"], ["READY", "Ready"],
  ["OUT_FOR_DELIVERY", "On the way"], ["DELIVERED", "Delivered"]];
const ON_THE_WAY = ["PICKED_UP", "IN_TRANSIT"];
let etaAt = null;
let order = null;
let rider = null; // the last position: {latitude, longitude}

const time = (at) => new Date(at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function show(next) {
  order = next;
  const d = order.dispatch;
  $("#display").textContent = order.displayId;
  $("#status").dataset.status = order.status;
  progress(order.status);
  // the delivery code matters once the rider has the order: before that it only invites mistakes
  const onTheWay = Boolean(d && d.otp && ON_THE_WAY.includes(d.status) && order.status !== "DELIVERED");
  $("#otp-box").hidden = !onTheWay;
  $("#otp").textContent = onTheWay ? d.otp : "";
  const name = d && d.driver && d.driver.name;
  $("#otp-rider").textContent = name || "your rider";
  $("#courier-name").textContent = name || (d ? "being assigned" : "not assigned yet");
  const link = $("#tracking-link");
  const url = safeUrl(d && d.trackingUrl);
  link.hidden = !url;
  if (url) link.href = url; else link.removeAttribute("href");
  $("#dispatch").textContent = d ? `Courier status: ${d.status.replaceAll("_", " ").toLowerCase()}` : "";
  $("#items").replaceChildren(...(order.items || []).map((i) => el("li", `${i.quantity} × ${i.name}`)));
  $("#total").textContent = `${order.total} ${order.currency}`;
  $("#payment").textContent = order.paymentStatus === "PAID" ? "paid" : `payment ${order.paymentStatus.toLowerCase()}`;
  const a = order.deliveryAddress || {};
  $("#address").textContent = [a.line1, a.city].filter(Boolean).join(", ");
  if (d && d.etaAt && ON_THE_WAY.concat("ASSIGNED").includes(d.status)) setEta(d.etaAt);
  if (order.status === "DELIVERED" || order.status === "CANCELLED") {
    etaAt = null;
    $("#eta").textContent = order.status === "DELIVERED" ? "delivered" : "cancelled";
  }
  drawMap();
}

/** Only http(s) links from the courier: a javascript: URL must never become a link. */
function safeUrl(value) {
  if (!value) return null;
  try {
    const url = new URL(value, location.href);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
  } catch {
    return null;
  }
}

function progress(status) {
  const index = STEPS.findIndex(([s]) => s === status);
  const bar = $("#progress");
  bar.dataset.status = status;
  const steps = index >= 0 || status === "CANCELLED" ? STEPS : [[status, status.replaceAll("_", " ").toLowerCase()]];
  const current = status === "CANCELLED" ? -1 : Math.max(index, 0);
  bar.replaceChildren(...steps.map(([s, label], i) => {
    const state = status === "CANCELLED" ? "todo" : i < current ? "done" : i === current ? "current" : "todo";
    const li = el("li", label);
    li.dataset.step = s;
    li.dataset.state = state;
    if (state === "current") li.setAttribute("aria-current", "step");
    li.append(el("span", state === "done" ? " (done)" : state === "current" ? " (now)" : "", "visually-hidden"));
    return li;
  }));
  if (status === "CANCELLED") bar.append(Object.assign(el("li", "Cancelled"), { className: "cancelled" }));
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
  const eta = $("#eta");
  eta.dataset.seconds = String(seconds);
  eta.dataset.etaAt = new Date(etaAt).toISOString();
  eta.textContent = seconds === 0 ? "any moment now"
    : `in ${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, "0")} s (${time(etaAt)})`;
}

function showPosition(p) {
  rider = { latitude: Number(p.latitude), longitude: Number(p.longitude) };
  const at = $("#rider-position");
  at.dataset.lat = String(p.latitude);
  at.dataset.lng = String(p.longitude);
  at.textContent = `at ${rider.latitude.toFixed(5)}, ${rider.longitude.toFixed(5)}`
    + (p.heading == null ? "" : ` heading ${Math.round(p.heading)}°`)
    + ` · ${new Date(p.timestamp || Date.now()).toLocaleTimeString()}`;
  drawMap();
}

/** Kilometres between two points (haversine). */
function km(a, b) {
  const rad = (x) => (x * Math.PI) / 180;
  const h = Math.sin(rad(b.latitude - a.latitude) / 2) ** 2
    + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(rad(b.longitude - a.longitude) / 2) ** 2;
  return 12742 * Math.asin(Math.sqrt(h));
}

/** A small map without tiles: the rider and the delivery address, to scale, and the distance between them. */
function drawMap() {
  const a = order && order.deliveryAddress;
  const map = $("#map");
  if (!rider || !a || a.lat == null || a.lng == null || order.status === "DELIVERED" || order.status === "CANCELLED") {
    map.toggleAttribute("hidden", true); // an SVG element has no `hidden` property
    $("#distance").textContent = "";
    return;
  }
  const home = { latitude: a.lat, longitude: a.lng };
  const span = Math.max(Math.abs(home.latitude - rider.latitude), Math.abs(home.longitude - rider.longitude), 0.002);
  const centre = { latitude: (home.latitude + rider.latitude) / 2, longitude: (home.longitude + rider.longitude) / 2 };
  const point = (p) => [100 + ((p.longitude - centre.longitude) / span) * 80, 60 - ((p.latitude - centre.latitude) / span) * 80];
  const svg = (tag, attributes) => {
    const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    Object.entries(attributes).forEach(([k, v]) => node.setAttribute(k, String(v)));
    return node;
  };
  const [hx, hy] = point(home);
  const [rx, ry] = point(rider);
  const distance = km(rider, home);
  const homeMark = svg("rect", { x: hx - 6, y: hy - 6, width: 12, height: 12, class: "map-home" });
  const riderMark = svg("circle", { cx: rx, cy: ry, r: 6, class: "map-rider", id: "map-rider" });
  const homeLabel = svg("text", { x: hx + 9, y: hy + 4, class: "map-label" });
  homeLabel.textContent = "You";
  const riderLabel = svg("text", { x: rx + 9, y: ry + 4, class: "map-label" });
  riderLabel.textContent = "Rider";
  map.replaceChildren(svg("rect", { x: 0, y: 0, width: 200, height: 120, class: "map-ground" }),
    svg("line", { x1: rx, y1: ry, x2: hx, y2: hy, class: "map-route" }), homeMark, riderMark, homeLabel, riderLabel);
  map.setAttribute("aria-label", `The rider is ${distance.toFixed(1)} km from your address`);
  map.toggleAttribute("hidden", false);
  $("#distance").textContent = `· ${distance.toFixed(1)} km away`;
}

/** The timeline in the customer's words (the history's `message`), with times; its last line is the headline. */
async function timeline() {
  const rows = (await api("GET", `/orders/${orderId}/history`)).filter((h) => h.message);
  $("#timeline").replaceChildren(...rows.map((h) => {
    const li = el("li");
    const when = el("time", time(h.at));
    when.dateTime = h.at;
    li.append(when, " ", el("span", h.message, "what"));
    return li;
  }));
  if (rows.length > 0) $("#status").textContent = rows[rows.length - 1].message;
}

async function refresh() {
  try {
    // the REST view is the customer's own: it carries the OTP the socket payloads leave out
    show(await api("GET", `/orders/${orderId}`));
    await timeline();
  } catch (error) {
    $("#errors").textContent = `We could not load your order (${error.code}): ${error.message.replace(/^[A-Z_]+: /, "")}`;
  }
}

const feed = liveOrders({
  rooms: [`order:${orderId}`],
  onOrder: (o) => { if (o.id === orderId) refresh(); },
  onState: (state) => { $("#connection").textContent = state; $("#connection").dataset.state = state; },
  onResync: refresh,
  // while the socket is down the order is re-read every 3 s and shown as it is
  poll: { path: `/orders/${orderId}`, every: 3000, list: false,
    onPoll: (o) => { if (o && o.id === orderId) { const moved = !order || o.version !== order.version; show(o); if (moved) timeline().catch(() => {}); } } },
});
feed.socket.on("driver:location:update", (p) => { if (p.orderId === orderId) showPosition(p); });
feed.socket.on("order:eta:update", (p) => { if (p.orderId === orderId && p.etaAt) setEta(p.etaAt); });
setInterval(tick, 1000);
const bell = notificationBell(feed.socket, $("#notifications"));
// for the browser tests
window.track = window.tracking = { socket: feed.socket, bell, etas: etaHistory, polling: feed.polling };
refresh();
