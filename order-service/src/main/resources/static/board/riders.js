// The board's dispatch actions (assign / reassign a rider, re-dispatch, cancel the order) and the
// panel of riders with who is online. Text only, never HTML from data.
import { api } from "/assets/orderflow.js";

const $ = (selector) => document.querySelector(selector);
let riders = [];

function button(label, onClick) {
  const b = document.createElement("button");
  b.textContent = label;
  b.dataset.action = label;
  b.addEventListener("click", onClick);
  return b;
}

/** The rider to assign: asked for, with the online riders as the suggestion. */
function askRider(current) {
  const online = riders.filter((r) => r.online).map((r) => r.agentId);
  const suggestion = online.find((id) => id !== current) || "";
  const answer = prompt(`Rider id${online.length ? ` (online: ${online.join(", ")})` : ""}`, suggestion);
  return answer ? answer.trim() : null;
}

/** The dispatch buttons of one order card; `act(what)` runs a call and says on failure which action failed. */
export function dispatchButtons(order, act) {
  const id = order.id;
  const d = order.dispatch;
  const buttons = [];
  if (d && d.provider === "IN_HOUSE" && (d.status === "BOOKED" || d.status === "ASSIGNED")) {
    const current = d.driver && d.driver.agentId;
    buttons.push(button(current ? "Reassign rider" : "Assign rider", () => {
      const agentId = askRider(current);
      if (agentId) act(current ? "Reassign rider" : "Assign rider")(() => api("POST", `/orders/${id}/dispatch/assign`, { agentId }));
    }));
  }
  if (d && (d.status === "FAILED" || d.status === "CANCELED")) {
    buttons.push(button("Re-dispatch", () => act("Re-dispatch")(() => api("POST", `/orders/${id}/dispatch/redispatch`))));
  }
  if (d && ["BOOKED", "ASSIGNED", "PICKED_UP", "IN_TRANSIT"].includes(d.status)) {
    buttons.push(button("Complete by hand", () => {
      const outcome = prompt("DELIVERED or FAILED?", "DELIVERED");
      const reason = outcome && prompt("Why? (kept in the order's history)");
      if (reason) act("Complete by hand")(() => api("POST", `/orders/${id}/dispatch/complete`, { outcome: outcome.trim().toUpperCase(), reason }));
    }));
  }
  if (order.status !== "DELIVERED" && order.status !== "CANCELLED") {
    buttons.push(button("Cancel order", () => {
      const reason = prompt("Reason for cancelling");
      if (reason !== null) act("Cancel order")(() => api("POST", `/orders/${id}/cancel`, { reason }));
    }));
  }
  return buttons;
}

/** The riders panel: refreshed now, every 10 s, and when a rider's job changes hands. */
export function ridersPanel(socket) {
  const refresh = async () => {
    try {
      riders = await api("GET", "/riders");
    } catch (error) {
      return; // not staff, or the API is down: the panel just stays as it was
    }
    $("#riders-list").replaceChildren(...riders.map((r) => {
      const li = document.createElement("li");
      li.id = `rider-${r.agentId}`;
      li.dataset.online = String(r.online);
      li.textContent = `${r.online ? "●" : "○"} ${r.agentId} · ${r.online ? "online" : "offline"} · ${r.activeJobs} job(s)`
        + (r.lat == null ? "" : ` · ${r.lat.toFixed(4)}, ${r.lng.toFixed(4)}`);
      return li;
    }));
    $("#riders-online").textContent = String(riders.filter((r) => r.online).length);
  };
  for (const event of ["order:assigned", "order:unassigned", "job:available"]) socket.on(event, refresh);
  setInterval(refresh, 10_000);
  refresh();
  return { refresh };
}
