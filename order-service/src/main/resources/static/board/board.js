// Staff board: one column per order status; cards move the instant an order.updated arrives.
import { api, liveOrders, saveToken, token } from "/assets/orderflow.js";
import { dispatchButtons, ridersPanel } from "/board/riders.js";
import { notificationBell } from "/assets/bell.js";

const COLUMNS = ["PENDING", "CONFIRMED", "PREPARING", "READY", "OUT_FOR_DELIVERY", "DELIVERED", "CANCELLED"];
const NEXT = { PENDING: "CONFIRMED", CONFIRMED: "PREPARING", PREPARING: "READY", READY: "OUT_FOR_DELIVERY",
  OUT_FOR_DELIVERY: "DELIVERED" };
const orders = new Map();
const $ = (selector) => document.querySelector(selector);

function column(status) {
  let el = document.querySelector(`.column[data-status="${status}"]`);
  if (!el) { // a configured workflow may have statuses the default columns do not
    el = document.createElement("div");
    el.className = "column";
    el.dataset.status = status;
    const title = document.createElement("h2");
    title.textContent = status.replaceAll("_", " ");
    el.append(title);
    $("#columns").append(el);
  }
  return el;
}

function showError(error) {
  $("#errors").textContent = error.code ? `${error.code}: ${error.message.replace(/^[A-Z_]+: /, "")}` : String(error);
  $("#errors").dataset.code = error.code || "";
}

async function act(call) {
  $("#errors").textContent = "";
  try {
    render(await call());
  } catch (error) {
    showError(error);
  }
}

function button(label, onClick) {
  const b = document.createElement("button");
  b.textContent = label;
  b.dataset.action = label;
  b.addEventListener("click", onClick);
  return b;
}

/** An element with text content only: whatever customers and couriers typed stays text. */
function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function render(order) {
  if (!order || !order.id || !order.status) return; // a dispatch answer: the order follows on the socket
  const known = orders.get(order.id);
  if (known && known.version > order.version) return;
  orders.set(order.id, order);
  let card = document.getElementById(`order-${order.id}`);
  if (!card) {
    card = document.createElement("article");
    card.className = "card";
    card.id = `order-${order.id}`;
  }
  const d = order.dispatch;
  card.dataset.version = order.version;
  card.dataset.status = order.status;
  const money = el("div");
  money.append(`${order.total} ${order.currency} · payment `, el("b", order.paymentStatus, "payment"),
    ` · ${order.readyForDispatch ? "ready" : "not ready"}`);
  card.replaceChildren(el("strong", order.displayId), " ", el("span", `v${order.version}`, "meta"), money,
    el("div", d ? `dispatch ${d.status}${d.driver ? " · " + d.driver.name : ""}` : "no dispatch", "meta dispatch"));
  const id = order.id;
  if (NEXT[order.status]) {
    card.append(button(`→ ${NEXT[order.status]}`, () =>
      act(() => api("PATCH", `/orders/${id}/status`, { status: NEXT[order.status] }))));
  }
  card.append(
    button("Capture payment", () => act(() => api("POST", `/orders/${id}/payment/capture`))),
    button("Mark ready", () => act(() => api("POST", `/orders/${id}/ready`))),
    button("Cancel dispatch", () => act(() => api("POST", `/orders/${id}/dispatch/cancel`, { reason: "from board" }))),
    button("Verify OTP", () => {
      const code = prompt("OTP read out by the customer");
      if (code !== null) act(() => api("POST", `/dispatch/${d ? d.id : "none"}/otp/verify`, { code }));
    }),
    ...dispatchButtons(order, act));
  column(order.status).append(card); // appending moves it out of its old column
}

async function refetch() {
  try {
    const page = await api("GET", "/orders?pageSize=100");
    page.items.reverse().forEach((order) => { feed.seen(order); render(order); });
  } catch (error) {
    showError(error);
  }
}

COLUMNS.forEach(column);
$("#token").value = token();
$("#save").addEventListener("click", () => { saveToken($("#token").value); location.reload(); });
const feed = liveOrders({
  onOrder: render,
  onState: (state) => { $("#connection").textContent = state; $("#connection").dataset.state = state; },
  onResync: refetch,
  poll: { path: "/orders?pageSize=100", every: 3000 },
});
const panel = ridersPanel(feed.socket);
const bell = notificationBell(feed.socket, $("#notifications"));
window.board = { socket: feed.socket, orders, bell, riders: panel }; // for operators' consoles and the browser tests
refetch();
