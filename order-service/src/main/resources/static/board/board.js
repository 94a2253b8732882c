// Staff board: one column per order status; cards move the instant an order.updated arrives. A card
// shows what staff need (items, customer, address, total, age, time in state, courier, ETA) and only
// the actions that can succeed in the order's state. Text only, never HTML from data.
import { api, duration, liveOrders, saveToken, token } from "/assets/orderflow.js";
import { dispatchButtons, ridersPanel } from "/board/riders.js";
import { notificationBell } from "/assets/bell.js";

const COLUMNS = ["PENDING", "CONFIRMED", "PREPARING", "READY", "OUT_FOR_DELIVERY", "DELIVERED", "CANCELLED"];
const NEXT = { PENDING: "CONFIRMED", CONFIRMED: "PREPARING", PREPARING: "READY", READY: "OUT_FOR_DELIVERY",
  OUT_FOR_DELIVERY: "DELIVERED" };
/** Statuses a courier moves the order out of: no manual "→ next" button while a dispatch is under way. */
const COURIER_MOVES = ["READY", "OUT_FOR_DELIVERY"];
const ACTIVE_DISPATCH = ["BOOKED", "ASSIGNED", "PICKED_UP", "IN_TRANSIT"];
const TERMINAL = ["DELIVERED", "CANCELLED"];
const orders = new Map();
const alerts = []; // every alert raised, for operators' consoles and the browser tests
const $ = (selector) => document.querySelector(selector);
let loaded = false; // the first REST load raises no "new order" alerts

function column(status) {
  let col = document.querySelector(`.column[data-status="${CSS.escape(status)}"]`);
  if (!col) { // a configured workflow may have statuses the default columns do not
    col = el("section", undefined, "column");
    col.dataset.status = status;
    const name = status.replaceAll("_", " ").toLowerCase();
    const title = el("h2");
    title.append(name, " ", el("span", "0", "count"));
    col.setAttribute("aria-label", name);
    col.append(title);
    $("#columns").append(col);
  }
  return col;
}

/** An element with text content only: whatever customers and couriers typed stays text. */
function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function showError(error, what, order) {
  const detail = error.code ? `${error.message.replace(/^[A-Z_]+: /, "")} (${error.code})` : String(error);
  $("#errors").textContent = `${what} failed for ${order.displayId}: ${detail}`;
  $("#errors").dataset.code = error.code || "";
  const card = document.getElementById(`order-${order.id}`);
  if (card) card.querySelector(".card-error").textContent = `${what} failed: ${detail}`;
}

/** Runs one action of a card; its failure is said on the card and in the page's alert line. */
function actOn(order, what) {
  return async (call) => {
    $("#errors").textContent = "";
    delete $("#errors").dataset.code;
    try {
      render(await call());
    } catch (error) {
      showError(error, what, order);
    }
  };
}

function button(label, onClick, action = label) {
  const b = el("button", label);
  b.type = "button";
  b.dataset.action = action;
  b.addEventListener("click", onClick);
  return b;
}

/** The buttons that can succeed for this order as it is now (docs/orders.md, docs/dispatch.md). */
function actions(order) {
  const id = order.id;
  const d = order.dispatch;
  const dispatching = d && ACTIVE_DISPATCH.includes(d.status);
  const list = [];
  if (TERMINAL.includes(order.status)) return list;
  const next = NEXT[order.status];
  if (next && !(dispatching && COURIER_MOVES.includes(order.status))) {
    list.push(button(`→ ${next.replaceAll("_", " ").toLowerCase()}`, () =>
      actOn(order, `Moving to ${next}`)(() => api("PATCH", `/orders/${id}/status`, { status: next })), `→ ${next}`));
  }
  if (order.paymentStatus === "PENDING" || order.paymentStatus === "FAILED") {
    list.push(button("Capture payment", () => actOn(order, "Capture payment")(() => api("POST", `/orders/${id}/payment/capture`))));
  }
  if (!order.readyForDispatch) {
    list.push(button("Mark ready", () => actOn(order, "Mark ready")(() => api("POST", `/orders/${id}/ready`))));
  }
  if (d && (d.status === "BOOKED" || d.status === "ASSIGNED")) {
    list.push(button("Cancel dispatch", () =>
      actOn(order, "Cancel dispatch")(() => api("POST", `/orders/${id}/dispatch/cancel`, { reason: "from board" }))));
  }
  if (d && d.status === "IN_TRANSIT") {
    list.push(button("Verify OTP", () => {
      const code = prompt("OTP read out by the customer");
      if (code !== null) actOn(order, "Verify OTP")(() => api("POST", `/dispatch/${d.id}/otp/verify`, { code }));
    }));
  }
  return list.concat(dispatchButtons(order, (what) => actOn(order, what)));
}

function items(order) {
  const names = (order.items || []).map((i) => `${i.quantity}× ${i.name}`);
  return names.length > 3 ? `${names.slice(0, 3).join(", ")} +${names.length - 3} more` : names.join(", ");
}

function dispatchText(d) {
  if (!d) return "No courier yet";
  const who = d.driver && d.driver.name ? d.driver.name : "no rider yet";
  const eta = d.etaAt && ACTIVE_DISPATCH.includes(d.status)
    ? ` · ETA ${new Date(d.etaAt).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}` : "";
  return `Courier ${d.status.replaceAll("_", " ").toLowerCase()} · ${who}${eta}`;
}

/** "placed 12 min ago · in READY 3 min": redrawn every 15 s. */
function clocks(card, order) {
  const now = Date.now();
  const since = Date.parse(order.statusChangedAt || order.updatedAt);
  card.querySelector(".age").textContent = `placed ${duration(now - Date.parse(order.createdAt))} ago`;
  card.querySelector(".in-state").textContent = `${order.status.replaceAll("_", " ").toLowerCase()} for ${duration(now - since)}`;
}

function isProblem(order) {
  return order.status === "CANCELLED" || Boolean(order.dispatch && order.dispatch.status === "FAILED");
}

function render(order) {
  if (!order || !order.id || !order.displayId) return; // a dispatch answer: the order follows on the socket
  const known = orders.get(order.id);
  if (known && known.version > order.version) return;
  orders.set(order.id, order);
  let card = document.getElementById(`order-${order.id}`);
  const fresh = !card;
  if (!card) {
    card = el("article", undefined, "card");
    card.id = `order-${order.id}`;
    card.tabIndex = 0;
    card.addEventListener("focus", () => acknowledge(card));
    card.addEventListener("click", () => acknowledge(card));
  }
  const d = order.dispatch;
  card.dataset.version = order.version;
  card.dataset.status = order.status;
  card.dataset.displayId = order.displayId;
  card.dataset.dispatch = d ? d.status : "NONE";
  card.toggleAttribute("data-problem", isProblem(order));
  const a = order.deliveryAddress || {};
  const head = el("div", undefined, "card-head");
  head.append(el("strong", order.displayId), el("span", `${order.total} ${order.currency}`, "total"));
  const payment = el("span", order.paymentStatus === "PAID" ? "Paid" : `Payment ${order.paymentStatus.toLowerCase()}`, "payment");
  payment.dataset.payment = order.paymentStatus;
  const ready = el("span", order.readyForDispatch ? "Ready" : "Not ready", "ready");
  ready.dataset.ready = String(order.readyForDispatch);
  const flags = el("div", undefined, "flags");
  flags.append(payment, ready);
  const dispatch = el("div", dispatchText(d), "meta dispatch");
  const actionBar = el("div", undefined, "actions");
  actionBar.append(...actions(order));
  card.replaceChildren(head, el("div", items(order), "items"),
    el("div", `${order.customerId} · ${[a.line1, a.city].filter(Boolean).join(", ")}`, "meta customer"),
    flags, dispatch, el("div", undefined, "meta clocks"), el("div", "", "card-error"), actionBar);
  card.querySelector(".clocks").append(el("span", "", "age"), " · ", el("span", "", "in-state"));
  card.setAttribute("aria-label", `${order.displayId}, ${order.status.replaceAll("_", " ").toLowerCase()}`);
  clocks(card, order);
  column(order.status).append(card); // appending moves it out of its old column
  if (loaded && fresh && order.version === 1) raise(card, order, "new", `New order ${order.displayId}`);
  const failedNow = d && d.status === "FAILED" && (!known || !known.dispatch || known.dispatch.status !== "FAILED");
  if (loaded && failedNow) raise(card, order, "failed", `Dispatch failed for ${order.displayId}`);
  else if (!loaded && d && d.status === "FAILED") card.dataset.alert = "failed"; // failed before the board opened: no tone
  if (card.dataset.alert === "failed" && !(d && d.status === "FAILED")) delete card.dataset.alert;
  applyFilters();
}

/** A highlighted card, a short tone and a spoken line: new orders and failed dispatches. */
function raise(card, order, kind, text) {
  card.dataset.alert = kind;
  alerts.push({ kind, orderId: order.id, displayId: order.displayId, at: new Date().toISOString() });
  $("#announcer").textContent = text;
  if ($("#sound").checked) beep(kind === "failed" ? 330 : 660);
}

/** A new-order highlight ends when staff look at the card; a failed dispatch stays until it is dealt with. */
function acknowledge(card) {
  if (card.dataset.alert === "new") delete card.dataset.alert;
}

let audio = null;
function beep(frequency) {
  try {
    audio = audio || new AudioContext();
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.frequency.value = frequency;
    gain.gain.value = 0.08;
    tone.connect(gain).connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.25);
  } catch {
    // no audio device: the highlight and the spoken line remain
  }
}

/** Search by order number, the dispatch filter and the view; then the counts per column. */
function applyFilters() {
  const query = $("#search").value.trim().toUpperCase();
  const dispatch = $("#dispatch-filter").value;
  const problems = document.body.dataset.view === "problems";
  let problemCount = 0;
  for (const card of document.querySelectorAll(".card")) {
    const problem = card.hasAttribute("data-problem");
    if (problem) problemCount++;
    card.hidden = (query && !card.dataset.displayId.toUpperCase().includes(query))
      || (dispatch && card.dataset.dispatch !== dispatch)
      || (problems ? !problem : card.dataset.status === "CANCELLED");
  }
  for (const col of document.querySelectorAll(".column")) {
    const shown = col.querySelectorAll(".card:not([hidden])").length;
    col.querySelector(".count").textContent = String(shown);
    col.hidden = problems ? shown === 0 : col.dataset.status === "CANCELLED";
  }
  $("#problems-count").textContent = String(problemCount);
}

function setView(view) {
  document.body.dataset.view = view;
  $("#view-live").setAttribute("aria-pressed", String(view === "live"));
  $("#view-problems").setAttribute("aria-pressed", String(view === "problems"));
  applyFilters();
}

async function refetch() {
  try {
    const page = await api("GET", "/orders?pageSize=100");
    page.items.reverse().forEach((order) => { feed.seen(order); render(order); });
  } catch (error) {
    $("#errors").textContent = error.code ? `Loading orders failed: ${error.message}` : String(error);
    $("#errors").dataset.code = error.code || "";
  }
  loaded = true;
  document.body.dataset.loaded = "true";
}

COLUMNS.forEach(column);
$("#token").value = token();
$("#save").addEventListener("click", () => { saveToken($("#token").value); location.reload(); });
$("#search").addEventListener("input", applyFilters);
$("#dispatch-filter").addEventListener("change", applyFilters);
$("#view-live").addEventListener("click", () => setView("live"));
$("#view-problems").addEventListener("click", () => setView("problems"));
setInterval(() => orders.forEach((order) => {
  const card = document.getElementById(`order-${order.id}`);
  if (card) clocks(card, order);
}), 15_000);
const feed = liveOrders({
  onOrder: render,
  onState: (state) => { $("#connection").textContent = state; $("#connection").dataset.state = state; },
  onResync: refetch,
  poll: { path: "/orders?pageSize=100", every: 3000 },
});
const panel = ridersPanel(feed.socket);
const bell = notificationBell(feed.socket, $("#notifications"));
window.board = { socket: feed.socket, orders, bell, riders: panel, alerts }; // for operators' consoles and the browser tests
applyFilters();
refetch();
