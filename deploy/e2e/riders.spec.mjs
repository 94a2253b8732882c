// The rider flow end to end on the running local stack, with the official socket.io-client:
// a customer orders, staff mark it paid and ready, an in-house rider is offered it on its socket,
// accepts, moves, and the customer's socket sees the rider's position and a falling ETA until the
// OTP delivers it; a reassignment cuts the first rider off at once; the same with Kwik, where
// positions and ETA come from the Kwik sandbox's fleet location reports. Run by LocalStackEndToEndTest:
//   API=http://localhost:8080 SOCKET=http://localhost:8084 JWT_SECRET=… node riders.spec.mjs
import assert from "node:assert/strict";
import { createHmac, randomUUID } from "node:crypto";
import { io } from "socket.io-client";

const api = process.env.API ?? "http://localhost:8080";
const socketUrl = process.env.SOCKET ?? "http://localhost:8084";
const jwtSecret = process.env.JWT_SECRET;
const TIMEOUT = 30_000;
const run = randomUUID().slice(0, 8);

function token(sub, role) {
  const b64 = (value) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const body = `${b64({ alg: "HS256" })}.${b64({ sub, roles: [role], exp: Math.floor(Date.now() / 1000) + 3600 })}`;
  return `${body}.${createHmac("sha256", jwtSecret).update(body).digest("base64url")}`;
}

const admin = token(`staff-${run}`, "ADMIN");

async function call(method, path, bearer, body, expectOk = true) {
  const response = await fetch(`${api}/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${bearer}`, ...(body ? { "Content-Type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const data = await response.json();
  if (expectOk && !response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(data)}`);
  return { status: response.status, data };
}

/** A socket that records every event; wait(event, predicate) resolves with the first match, past or future. */
async function connect(bearer) {
  const socket = io(socketUrl, { auth: { token: bearer }, transports: ["websocket"], reconnection: false });
  const seen = [];
  const waiters = [];
  socket.onAny((event, payload) => {
    seen.push({ event, payload });
    for (const w of [...waiters]) {
      if (w.event === event && w.match(payload)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(payload);
      }
    }
  });
  await new Promise((resolve, reject) => {
    socket.on("connect", resolve);
    socket.on("connect_error", reject);
  });
  socket.seen = seen;
  socket.wait = (event, match = () => true, what = event) => {
    const past = seen.find((s) => s.event === event && match(s.payload));
    if (past) return Promise.resolve(past.payload);
    return new Promise((resolve, reject) => {
      const waiter = { event, match, resolve };
      waiters.push(waiter);
      setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), TIMEOUT);
    });
  };
  socket.ack = (event, arg) => new Promise((resolve) => socket.emit(event, arg, resolve));
  return socket;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function until(condition, what) {
  const deadline = Date.now() + TIMEOUT;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await sleep(250);
  }
  throw new Error(`timed out waiting for ${what}`);
}
const forOrder = (id) => (p) => p && p.orderId === id;
const SHOP = { lat: 6.4541, lng: 3.3947 };
const CUSTOMER = { lat: 6.4316, lng: 3.4219 };

async function orderReadyForDispatch(customerSocket, customer) {
  const { data: order } = await call("POST", "/orders", customer, {
    currency: "NGN",
    items: [{ sku: "RIDER-1", name: "Rider test item", quantity: 1, unitPrice: "3.00" }],
    deliveryAddress: { line1: "12 Admiralty Way", city: "Lagos", lat: CUSTOMER.lat, lng: CUSTOMER.lng },
  });
  await customerSocket.wait("order.updated", forOrder(order.id), "the new order");
  assert.deepEqual(await customerSocket.ack("join", `order:${order.id}`), { ok: true });
  await call("POST", `/orders/${order.id}/payment/capture`, admin);
  await call("POST", `/orders/${order.id}/ready`, admin);
  return order;
}

/** Positions from the shop to the customer, `steps` of them, each ≥ 1 ETA-minute from the last. */
function route(steps) {
  return Array.from({ length: steps }, (_, i) => ({
    lat: SHOP.lat + ((CUSTOMER.lat - SHOP.lat) * (i + 1)) / (steps + 1),
    lng: SHOP.lng + ((CUSTOMER.lng - SHOP.lng) * (i + 1)) / (steps + 1),
  }));
}

/** The distinct ETAs the socket was told for the order, in the order they came. */
function etaTimes(socket, orderId) {
  const times = socket.seen.filter((s) => s.event === "order:eta:update" && s.payload.orderId === orderId)
    .map((s) => Date.parse(s.payload.etaAt));
  return times.filter((t, i) => i === 0 || t !== times[i - 1]);
}

async function offDuty(...riders) {
  for (const rider of riders) await call("PUT", "/agent/availability", rider, { available: false }, false);
}

const tests = {
  async "an in-house rider is offered the job, accepts, moves, and the OTP delivers it"() {
    const customerId = `customer-${run}`;
    const customer = token(customerId, "CUSTOMER");
    const riderId = `rider-${run}`;
    const rider = token(riderId, "AGENT");
    const customerSocket = await connect(customer);
    const riderSocket = await connect(rider);
    try {
      await call("PUT", "/agent/availability", rider, { available: true, ...SHOP });
      const online = await call("GET", "/riders", admin);
      assert.ok(online.data.some((r) => r.agentId === riderId && r.online), "staff see the rider online");

      const order = await orderReadyForDispatch(customerSocket, customer);
      const offer = await riderSocket.wait("order:assigned", forOrder(order.id), "the offer on the rider's socket");
      assert.equal(offer.agentId, riderId);
      assert.equal(offer.offer, true);
      // the rider's REST list follows once order-service has folded the offer (asynchronously)
      await until(async () => (await call("GET", "/agent/jobs", rider)).data.items.some((o) => o.id === order.id),
        "the job in the rider's list");
      const accepted = await call("POST", `/agent/jobs/${order.id}/accept`, rider);
      assert.equal(accepted.data.status, "ASSIGNED");

      const ack = await riderSocket.ack("driver:location", { ...SHOP, heading: 120, speed: 5, accuracy: 8 });
      assert.equal(ack.ok, true, JSON.stringify(ack));
      assert.equal((await riderSocket.ack("driver:location", { lat: 123, lng: 3 })).code, "VALIDATION_FAILED");
      await call("POST", `/agent/jobs/${order.id}/status`, rider, { status: "PICKED_UP" });
      await call("POST", `/agent/jobs/${order.id}/status`, rider, { status: "IN_TRANSIT" });
      for (const position of route(3)) {
        await sleep(1100); // the rider's own budget and the per-order throttle
        const moved = await riderSocket.ack("driver:location", { ...position, heading: 120 });
        assert.equal(moved.ok, true, JSON.stringify(moved));
      }
      const location = await customerSocket.wait("driver:location:update",
        (p) => forOrder(order.id)(p) && p.latitude < SHOP.lat, "the rider's position on the customer's socket");
      assert.ok(location.longitude > SHOP.lng && location.timestamp && location.lat === location.latitude);
      await customerSocket.wait("order:eta:update", (p) => forOrder(order.id)(p) && etaTimes(customerSocket, order.id).length >= 3,
        "ETAs that move as the rider rides");
      const etas = etaTimes(customerSocket, order.id);
      assert.ok(etas[etas.length - 1] < etas[0], `the ETA falls as the rider nears: ${etas.map((t) => new Date(t).toISOString())}`);
      const eta = customerSocket.seen.find((s) => s.event === "order:eta:update").payload;
      assert.equal(typeof eta.estimatedTime, "number");

      const { data: mine } = await call("GET", `/orders/${order.id}`, customer);
      const delivered = await call("POST", `/dispatch/${mine.dispatch.id}/otp/verify`, rider, { code: mine.dispatch.otp });
      assert.equal(delivered.data.status, "DELIVERED");
      await customerSocket.wait("order.updated", (p) => forOrder(order.id)(p) && p.status === "DELIVERED", "DELIVERED");
      const { data: history } = await call("GET", `/orders/${order.id}/history`, admin);
      assert.ok(history.some((h) => h.changedBy === riderId && h.to === "DELIVERED"), "the history names the rider");
      assert.ok(history.some((h) => h.changedBy === riderId && h.note === "accepted by the rider"));
    } finally {
      await offDuty(rider);
      customerSocket.close();
      riderSocket.close();
    }
  },

  async "a reassignment cuts the first rider off at once"() {
    const customer = token(`customer-r-${run}`, "CUSTOMER");
    const firstId = `rider-a-${run}`;
    const secondId = `rider-b-${run}`;
    const first = token(firstId, "AGENT");
    const second = token(secondId, "AGENT");
    const customerSocket = await connect(customer);
    const firstSocket = await connect(first);
    const secondSocket = await connect(second);
    try {
      await call("PUT", "/agent/availability", first, { available: true, ...SHOP });
      const order = await orderReadyForDispatch(customerSocket, customer);
      await firstSocket.wait("order:assigned", forOrder(order.id), "the offer to the first rider");
      await call("POST", `/agent/jobs/${order.id}/accept`, first);
      assert.deepEqual(await firstSocket.ack("join", `order:${order.id}`), { ok: true });

      const reassigned = await call("POST", `/orders/${order.id}/dispatch/assign`, admin, { agentId: secondId });
      assert.equal(reassigned.data.driver.agentId, secondId);
      const lost = await firstSocket.wait("order:unassigned", forOrder(order.id), "order:unassigned to the first rider");
      assert.equal(lost.agentId, firstId);
      await secondSocket.wait("order:assigned", forOrder(order.id), "order:assigned to the second rider");
      assert.deepEqual(await firstSocket.ack("join", `order:${order.id}`), { ok: false, code: "FORBIDDEN" });
      await until(async () => !(await call("GET", `/agent/jobs`, first)).data.items.some((o) => o.id === order.id),
        "the first rider's REST view to lose the order");
      assert.equal((await call("GET", `/orders/${order.id}`, first, null, false)).data.code, "ORDER_NOT_FOUND");
      assert.equal((await call("POST", `/agent/jobs/${order.id}/status`, first, { status: "PICKED_UP" }, false)).data.code,
        "DISPATCH_NOT_FOUND");

      const moved = await secondSocket.ack("driver:location", route(1)[0]);
      assert.equal(moved.ok, true, JSON.stringify(moved));
      await customerSocket.wait("driver:location:update", forOrder(order.id), "the second rider's position");
      await sleep(500);
      assert.equal(firstSocket.seen.filter((s) => s.event === "driver:location:update" && s.payload.orderId === order.id).length, 0,
        "the first rider no longer hears the order");
      const { data: history } = await call("GET", `/orders/${order.id}/history`, admin);
      assert.ok(history.some((h) => h.changedBy === `staff-${run}` && h.note === `reassigned from ${firstId} to ${secondId}`));
    } finally {
      await offDuty(first, second);
      customerSocket.close();
      firstSocket.close();
      secondSocket.close();
    }
  },

  async "with no rider free Kwik delivers, and its position and ETA come from the sandbox"() {
    const customer = token(`customer-k-${run}`, "CUSTOMER");
    const customerSocket = await connect(customer);
    try {
      const order = await orderReadyForDispatch(customerSocket, customer);
      await customerSocket.wait("driver:location:update", (p) => forOrder(order.id)(p) && p.latitude !== SHOP.lat,
        "a Kwik driver position under way");
      await customerSocket.wait("order:eta:update", (p) => forOrder(order.id)(p) && etaTimes(customerSocket, order.id).length >= 2,
        "a second ETA from Kwik positions");
      const etas = etaTimes(customerSocket, order.id);
      assert.ok(etas[etas.length - 1] < etas[0], `the ETA falls as the Kwik driver nears: ${etas}`);
      const { data: current } = await call("GET", `/orders/${order.id}`, admin);
      assert.equal(current.dispatch.provider, "KWIK");
      assert.ok(current.dispatch.etaAt, "etaAt on the dispatch");
    } finally {
      customerSocket.close();
    }
  },
};

let failed = 0;
for (const [name, test] of Object.entries(tests)) {
  try {
    await test();
    console.log(`ok - ${name}`);
  } catch (error) {
    failed++;
    console.log(`not ok - ${name}\n  ${error.stack}`);
  }
}
process.exit(failed ? 1 : 0);
