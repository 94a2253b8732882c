// Notifications on the running local stack: a customer offline during three changes finds them by
// polling (REST `since`) and by reconnecting with its cursor (the official socket.io-client), read
// state sticks; and the bell on the board and the tracking page in headless Chromium (Playwright).
// Run by LocalStackEndToEndTest:
//   API=http://localhost:8080 SOCKET=http://localhost:8084 ADMIN_TOKEN=… JWT_SECRET=… CHROMIUM=/usr/bin/chromium \
//     node notifications.spec.mjs
import assert from "node:assert/strict";
import { io } from "socket.io-client";
import { adminToken, env, newOrder as placeOrder, rest, runSpec, token as tokenFor, until } from "./support.mjs";

const api = env.api;
const socketUrl = env.socket;
const TIMEOUT = 20_000;

const newOrder = (customerId) => placeOrder(customerId, {
  items: [{ sku: "E2E-N", name: "Notified item", quantity: 1, unitPrice: "3.00" }],
  deliveryAddress: { line1: "1 Bell Street", city: "Lagos" },
});

/** A socket.io-client that records every `notification` and the last cursor it saw. */
function client(token, cursor) {
  const seen = { notifications: [], cursor, sync: null };
  const socket = io(socketUrl, { auth: { token, ...(cursor ? { cursor } : {}) }, reconnection: false, transports: ["websocket"] });
  socket.onAny((event, payload) => {
    if (payload && payload.cursor) seen.cursor = payload.cursor;
    if (event === "notification") seen.notifications.push(payload);
    if (event === "sync") seen.sync = payload;
  });
  return { socket, seen };
}

const tests = {
  async "a customer offline during three changes finds them by polling and by reconnecting; read state sticks"() {
    const customer = `e2e-n-${Date.now()}`;
    const token = tokenFor(customer, "CUSTOMER");
    const first = client(token);
    // stays connected: when it has the three missed notifications live, the gateway has read them, so
    // the reconnect below gets them replayed and not also live (contract §5 allows both: ids dedupe)
    const watcher = client(token);
    await until("the first sync", () => first.seen.sync && watcher.seen.sync);
    const order = await newOrder(customer);
    const created = await until("the live order.created notification",
      () => first.seen.notifications.find((n) => n.orderId === order.id));
    assert.equal(created.type, "order.created");
    const stored = (await rest("GET", "/notifications", token)).items;
    assert.equal(stored.length, 1);
    assert.equal(stored[0].id, created.id, "the pushed id is the stored one");
    const cursor = first.seen.cursor;
    first.socket.disconnect();

    // offline: three changes (a captured payment confirms the order: the workflow's payment-move)
    await rest("POST", `/orders/${order.id}/payment/capture`);
    await rest("PATCH", `/orders/${order.id}/status`, adminToken, { status: "PREPARING" });

    // by polling
    const missed = await until("three notifications since the last one",
      async () => { const p = await rest("GET", `/notifications?since=${encodeURIComponent(created.createdAt)}`, token);
        return p.items.length === 3 ? p : null; });
    assert.deepEqual(missed.items.map((n) => n.type).sort(),
      ["order.status_changed", "order.status_changed", "payment.captured"]);
    assert.equal(missed.unreadCount, 4);

    // by reconnecting with the cursor
    await until("the gateway has read them", () => missed.items.every((m) => watcher.seen.notifications.some((n) => n.id === m.id)));
    watcher.socket.disconnect();
    const back = client(token, cursor);
    const sync = await until("sync after reconnecting", () => back.seen.sync);
    assert.equal(sync.recovered, true);
    assert.deepEqual(back.seen.notifications.map((n) => n.id).sort(), missed.items.map((n) => n.id).sort());
    assert.ok(back.seen.notifications.every((n) => n.replayed === true));
    back.socket.disconnect();

    // read state sticks
    const read = await rest("POST", `/notifications/${missed.items[0].id}/read`, token);
    assert.ok(read.readAt);
    const again = await rest("GET", "/notifications", token);
    assert.equal(again.items.find((n) => n.id === read.id).readAt, read.readAt);
    assert.equal((await rest("GET", "/notifications/unread-count", token)).count, 3);
    await rest("POST", "/notifications/read-all", token);
    assert.equal((await rest("GET", "/notifications/unread-count", token)).count, 0);
  },
};

const pageTests = {
  async "the board's bell counts, lists live and marks read through the API"(browser) {
    // the staff inbox is shared and other orders of the stack keep notifying staff: assert on this
    // order's items, and that the count shown converges on the API's
    const token = tokenFor(`admin-bell-${Date.now()}`, "ADMIN");
    const page = await browser.newPage();
    page.on("pageerror", (error) => console.error("page error:", error.message));
    const shownMatchesApi = () => until("the bell's count to match the API's", async () =>
      String((await rest("GET", "/notifications/unread-count", token)).count)
        === await page.locator("#bell-count").getAttribute("data-count"));
    try {
      await page.goto(`${api}/board/#token=${token}`);
      await page.waitForSelector('#connection[data-state="connected"]', { timeout: TIMEOUT });
      await shownMatchesApi();
      const order = await newOrder(`e2e-bell-${Date.now()}`);
      const created = page.locator(`#bell-list li.unread[data-order="${order.id}"][data-type="order.created"]`);
      await created.waitFor({ state: "attached", timeout: TIMEOUT }); // live, without reload
      await shownMatchesApi();
      await page.click("#bell");
      assert.match(await created.innerText(), new RegExp(`Order ${order.displayId} received`));
      await created.click();
      await page.locator(`#bell-list li.read[data-order="${order.id}"][data-type="order.created"]`).waitFor({ timeout: TIMEOUT });
      const mine = (await rest("GET", "/notifications?pageSize=100", token)).items.filter((n) => n.orderId === order.id);
      assert.ok(mine.find((n) => n.type === "order.created").readAt, "read through the API");
      await shownMatchesApi();

      await rest("POST", `/orders/${order.id}/cancel`, adminToken, { reason: "bell test <b>not bold</b>" });
      const cancelled = page.locator(`#bell-list li.unread[data-order="${order.id}"][data-type="order.cancelled"]`);
      await cancelled.waitFor({ timeout: TIMEOUT });
      assert.match(await cancelled.innerText(), /<b>not bold<\/b>/, "text is shown as text");
      assert.equal(await cancelled.locator("b").count(), 0);
      await page.click("#bell-read-all");
      await page.locator(`#bell-list li.read[data-order="${order.id}"][data-type="order.cancelled"]`).waitFor({ timeout: TIMEOUT });
      await shownMatchesApi();

      // the read state sticks across a reload
      await page.reload();
      await page.waitForSelector('#connection[data-state="connected"]', { timeout: TIMEOUT });
      await page.locator(`#bell-list li[data-order="${order.id}"][data-type="order.cancelled"]`).waitFor({ state: "attached", timeout: TIMEOUT });
      assert.equal(await page.locator(`#bell-list li.unread[data-order="${order.id}"]`).count(), 0);
      assert.equal(await page.locator(`#bell-list li.read[data-order="${order.id}"]`).count(), 2);
      await shownMatchesApi();
    } finally {
      await page.close();
    }
  },

  async "the tracking page's bell shows the customer's own notifications live"(browser) {
    const customer = `e2e-track-bell-${Date.now()}`;
    const order = await newOrder(customer);
    const page = await browser.newPage();
    page.on("pageerror", (error) => console.error("page error:", error.message));
    try {
      await page.goto(`${api}/track/#order=${order.id}&token=${tokenFor(customer, "CUSTOMER")}`);
      await page.waitForSelector('#connection[data-state="connected"]', { timeout: TIMEOUT });
      await page.waitForSelector('#bell-count[data-count="1"]', { timeout: TIMEOUT });
      await rest("PATCH", `/orders/${order.id}/status`, adminToken, { status: "CONFIRMED" });
      await page.waitForSelector('#bell-count[data-count="2"]', { timeout: TIMEOUT });
      await page.click("#bell");
      const items = page.locator("#bell-list li.bell-item");
      assert.equal(await items.count(), 2);
      assert.match(await items.first().innerText(), /is confirmed/);
      await items.first().click();
      await page.waitForSelector('#bell-count[data-count="1"]', { timeout: TIMEOUT });
    } finally {
      await page.close();
    }
  },
};

await runSpec({ ...tests, ...pageTests }, { csp: false });
