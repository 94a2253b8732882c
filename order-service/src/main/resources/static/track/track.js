// Customer tracking page for one order (#order=<id>&token=<customer JWT>): status, OTP, timeline.
import { api, liveOrders } from "/assets/orderflow.js";
import { notificationBell } from "/assets/bell.js";

const orderId = new URLSearchParams(location.hash.slice(1)).get("order");
const $ = (selector) => document.querySelector(selector);

function show(order) {
  $("#display").textContent = order.displayId;
  $("#status").textContent = order.status;
  $("#payment").textContent = order.paymentStatus;
  const d = order.dispatch;
  $("#dispatch").textContent = d ? `courier ${d.status}${d.driver ? " · " + d.driver.name : ""}` : "not dispatched yet";
  $("#otp").textContent = d && d.otp ? `Give this code to your rider: ${d.otp}` : "";
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
});
const bell = notificationBell(feed.socket, $("#notifications"));
window.tracking = { socket: feed.socket, bell }; // for the browser tests
refresh();
