// The rider's page (#token=<AGENT JWT>): its jobs live (offers, assignments, reassignments), accept or
// decline, picked up / in transit / failed, the customer's OTP at the door, on duty or not, and its
// position from the browser's geolocation — sent on the socket (driver:location) or, while the socket
// is down, by REST; the jobs are then refreshed by polling. Everything shown is set as text.
import { io } from "/vendor/socket.io.esm.min.js";
import { api, polling, saveToken, socketUrl, token } from "/assets/orderflow.js";

const $ = (selector) => document.querySelector(selector);
const POLL_EVERY = 3000;
const SEND_EVERY = 2000;
let lastPosition = null;
let lastSent = 0;

function showError(error) {
  $("#errors").textContent = error.code ? `${error.code}: ${error.message.replace(/^[A-Z_]+: /, "")}` : String(error);
  $("#errors").dataset.code = error.code || "";
}

async function act(call) {
  $("#errors").textContent = "";
  $("#errors").dataset.code = "";
  try {
    await call();
    await loadJobs();
  } catch (error) {
    showError(error);
  }
}

function button(label, action, onClick) {
  const b = document.createElement("button");
  b.textContent = label;
  b.dataset.action = action;
  b.addEventListener("click", onClick);
  return b;
}

function line(text, className) {
  const div = document.createElement("div");
  div.textContent = text;
  if (className) div.className = className;
  return div;
}

/** A job's card: its words (see describe) and the actions its dispatch status allows. */
function jobCard(order) {
  const d = order.dispatch;
  const card = document.createElement("article");
  card.className = "card";
  card.id = `job-${order.id}`;
  card.dataset.status = d.status;
  card.dataset.dispatch = d.id;
  card.append(line("", "title"), line(""), line("", "meta"), ...actions(order));
  return describe(card, order);
}

/** Sets a card's words in place: a refresh then keeps a button being pressed and a code being typed. */
function describe(card, order) {
  const d = order.dispatch;
  const address = order.deliveryAddress || {};
  const words = [
    `${order.displayId} · ${d.status === "BOOKED" ? "offered to you" : d.status}`,
    `${address.line1 || ""}${address.city ? ", " + address.city : ""}${address.phone ? " · " + address.phone : ""}`,
    `${order.items.length} item(s) · ${order.total} ${order.currency}${order.notes ? " · " + order.notes : ""}`];
  words.forEach((text, i) => { if (card.children[i].textContent !== text) card.children[i].textContent = text; });
  return card;
}

function actions(order) {
  const d = order.dispatch;
  const path = `/agent/jobs/${order.id}`;
  const shown = [];
  if (d.status === "BOOKED") {
    shown.push(
      button("Accept", "accept", () => act(() => api("POST", `${path}/accept`))),
      button("Decline", "decline", () => act(() => api("POST", `${path}/decline`, { reason: "declined on the rider page" }))));
  }
  if (d.status === "ASSIGNED") {
    shown.push(button("Picked up", "picked-up", () => act(() => api("POST", `${path}/status`, { status: "PICKED_UP" }))));
  }
  if (d.status === "PICKED_UP") {
    shown.push(button("In transit", "in-transit", () => act(() => api("POST", `${path}/status`, { status: "IN_TRANSIT" }))));
  }
  if (d.status === "IN_TRANSIT") {
    const otp = document.createElement("input");
    otp.placeholder = "customer's code";
    otp.inputMode = "numeric";
    otp.maxLength = 6;
    otp.className = "otp";
    shown.push(otp, button("Delivered", "deliver", () =>
      act(() => api("POST", `/dispatch/${d.id}/otp/verify`, { code: otp.value.trim() }))));
  }
  if (["ASSIGNED", "PICKED_UP", "IN_TRANSIT"].includes(d.status)) {
    shown.push(button("Failed", "fail", () => {
      const reason = prompt("What went wrong?");
      if (reason) act(() => api("POST", `${path}/status`, { status: "FAILED", reason }));
    }));
  }
  return shown;
}

/** The card shown for this order if its dispatch and status are the same (words updated), else a new one. */
function cardFor(order) {
  const shown = document.getElementById(`job-${order.id}`);
  const same = shown && shown.dataset.dispatch === order.dispatch.id && shown.dataset.status === order.dispatch.status;
  return same ? describe(shown, order) : jobCard(order);
}

/**
 * Jobs taken from this rider (order:unassigned), by the dispatch version that took them: the REST list
 * is folded asynchronously and may still show such a job for a moment; a later hand-back (a newer
 * version) shows again.
 */
const lost = new Map();

function showJobs(items) {
  const mine = items.filter((o) => !(lost.has(o.id) && o.dispatch.version <= lost.get(o.id)));
  const cards = mine.map(cardFor);
  const list = $("#jobs");
  // only what changed moves: a card re-inserted mid-tap would lose the tap
  cards.forEach((card, i) => { if (list.children[i] !== card) list.insertBefore(card, list.children[i] ?? null); });
  while (list.children.length > cards.length) list.lastElementChild.remove();
  $("#no-jobs").hidden = mine.length > 0;
}

let asked = 0;
let applied = 0;
let pending = 0;

/**
 * Reloads the jobs; an answer to an older request that comes back after a newer one is dropped. A
 * polled reload leaves its failure to the poller, which tries again (the API may be down too).
 */
async function loadJobs(polled = false) {
  const mine = ++asked;
  pending++;
  try {
    const answer = await api("GET", "/agent/jobs");
    if (mine > applied) {
      applied = mine;
      showJobs(answer.items);
    }
  } catch (error) {
    if (polled) throw error;
    showError(error);
  } finally {
    pending--;
  }
}

/** A new browser position: sent at most every SEND_EVERY ms, on the socket when it is up, else by REST. */
async function sendPosition(coords) {
  lastPosition = coords;
  const now = Date.now();
  if (now - lastSent < SEND_EVERY) return;
  lastSent = now;
  const position = { lat: coords.latitude, lng: coords.longitude };
  if (Number.isFinite(coords.heading)) position.heading = coords.heading;
  if (Number.isFinite(coords.speed)) position.speed = coords.speed;
  if (Number.isFinite(coords.accuracy)) position.accuracy = Math.min(coords.accuracy, 100000);
  const el = $("#position");
  el.textContent = `${position.lat.toFixed(5)}, ${position.lng.toFixed(5)}`;
  let answer;
  if (socket.connected) {
    answer = await new Promise((resolve) => socket.emit("driver:location", position, resolve));
  } else {
    answer = await api("POST", "/agent/location", position).then((r) => ({ ok: true, ...r }),
      (error) => ({ ok: false, code: error.code, message: error.message }));
  }
  if (answer.ok) {
    el.dataset.sent = String(Number(el.dataset.sent) + 1);
    el.textContent += ` · sent ${new Date().toLocaleTimeString()}${socket.connected ? "" : " (REST)"}`;
  } else if (answer.code !== "NO_ACTIVE_JOB" && answer.code !== "RATE_LIMITED") {
    showError({ code: answer.code, message: answer.message || "" });
  }
}

async function setOnDuty(available) {
  const body = { available };
  if (lastPosition) Object.assign(body, { lat: lastPosition.latitude, lng: lastPosition.longitude });
  try {
    await api("PUT", "/agent/availability", body);
  } catch (error) {
    showError(error);
  }
}

$("#token").value = token();
$("#save").addEventListener("click", () => { saveToken($("#token").value); location.reload(); });
$("#on-duty").addEventListener("change", (e) => setOnDuty(e.target.checked));
setInterval(() => { if ($("#on-duty").checked) setOnDuty(true); }, 60_000); // the heartbeat that keeps us online

const state = (value) => { $("#connection").textContent = value; $("#connection").dataset.state = value; };
// the whole list each time (showJobs shows exactly what it is given), through loadJobs' guard against late answers
const fallback = polling({ every: POLL_EVERY, load: () => loadJobs(true) }, () => {}, state);
const socket = io(socketUrl(), { auth: { token: token(), legacyEvents: false }, reconnectionDelayMax: 2000 });
socket.on("connect", () => { fallback.stop(); state("connected"); loadJobs(); });
socket.on("disconnect", () => { state("disconnected"); fallback.start(); });
socket.on("connect_error", (error) => { state(`error: ${error.message}`); fallback.start(); });
socket.on("order:unassigned", (p) => {
  lost.set(p.orderId, p.version);
  document.getElementById(`job-${p.orderId}`)?.remove();
  loadJobs();
});
for (const event of ["order:assigned", "order.updated", "job:available"]) {
  socket.on(event, () => loadJobs());
}
if (navigator.geolocation) {
  // a timeout (code 3) only means no new fix yet: the watch goes on, so it is no error to show
  navigator.geolocation.watchPosition((p) => sendPosition(p.coords), (error) => error.code !== 3
    && showError({ code: "GEOLOCATION", message: error.message || "position unavailable" }),
    { enableHighAccuracy: true, maximumAge: 5000 });
}
window.rider = { socket, loadJobs, polling: fallback.state, get pending() { return pending; } }; // for the browser tests
loadJobs();
