// Browser tests of the live order board (order-service /board/) against the running local stack, in
// headless Chromium (Debian's package) driven by Playwright. Run by LocalStackEndToEndTest (bin/test):
//   API=http://localhost:8080 ADMIN_TOKEN=… JWT_SECRET=… COURIER=http://localhost:8082 WEBHOOK_SECRET=… \
//   CHROMIUM=/usr/bin/chromium node board.spec.mjs
import assert from "node:assert/strict";
import { adminToken, close, connected, env, newOrder, open, rest, run, runSpec, TIMEOUT, token, until } from "./support.mjs";

/** What a hostile rider calls itself: markup that would run script if a page wrote it as HTML. */
const HOSTILE = `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>`;
const SHOP = { lat: 6.4541, lng: 3.3947 };

const card = (page, id) => page.locator(`#order-${id}`);
const actionsOf = (page, id) => card(page, id).locator(".actions button").evaluateAll((buttons) =>
  buttons.map((b) => b.dataset.action));

async function expectColumn(page, id, status) {
  await page.waitForFunction(([id, status]) => {
    const el = document.getElementById(`order-${id}`);
    return el && el.closest(".column").dataset.status === status;
  }, [id, status], { timeout: TIMEOUT });
}

/** Waits for the card to match `selector` (attributes of the card itself, e.g. '[data-alert="new"]'), shown or not. */
const expectCard = (page, id, selector) =>
  page.waitForSelector(`#order-${id}${selector}`, { state: "attached", timeout: TIMEOUT });

/** Waits until the text of the card's `part` matches the pattern. */
const expectCardText = (page, id, part, pattern) => page.waitForFunction(([id, part, pattern]) =>
  new RegExp(pattern).test(document.querySelector(`#order-${id} ${part}`)?.textContent ?? ""), [id, part, pattern],
{ timeout: TIMEOUT });

/** An in-house rider on duty at the shop: a ready order is offered to it (AUTO), and it works it by API. */
async function onDuty(name) {
  const rider = token(name, "AGENT");
  await rest("PUT", "/agent/availability", rider, { available: true, lat: SHOP.lat, lng: SHOP.lng });
  return rider;
}

async function offered(rider, orderId) {
  return until(`the job ${orderId} offered`, async () =>
    (await rest("GET", "/agent/jobs", rider)).items.find((o) => o.id === orderId));
}

async function board(browser) {
  const page = await open(browser, `${env.api}/board/#token=${adminToken}`, { viewport: { width: 1366, height: 768 } });
  await connected(page);
  await page.waitForSelector("body[data-loaded]", { state: "attached", timeout: TIMEOUT });
  return page;
}

const tests = {
  async "an order created through the API appears on the board with what staff need, and rings"(browser) {
    const page = await board(browser);
    try {
      const order = await newOrder(`e2e-card-${run}`, {
        items: [{ sku: "A", name: "Paracetamol 500mg", quantity: 2, unitPrice: "4.50" },
          { sku: "B", name: "Vitamin C", quantity: 1, unitPrice: "3.00" }],
        deliveryAddress: { line1: "12 Admiralty Way", city: "Lagos" },
      });
      await expectColumn(page, order.id, "PENDING");
      const text = await card(page, order.id).innerText();
      for (const part of [order.displayId, "2× Paracetamol 500mg, 1× Vitamin C", `e2e-card-${run}`,
        "12 Admiralty Way, Lagos", `${order.total} NGN`, "Payment pending", "Not ready", "No courier yet"]) {
        assert.ok(text.includes(part), `the card shows "${part}":\n${text}`);
      }
      assert.match(text, /placed \d+ s ago/);
      assert.match(text, /pending for \d+ s/);
      // a new order: highlighted, announced and counted as an alert until someone looks at it
      await expectCard(page, order.id, '[data-alert="new"]');
      assert.equal(await page.evaluate((id) => window.board.alerts.some((a) => a.kind === "new" && a.orderId === id), order.id), true);
      assert.match(await page.locator("#announcer").innerText(), new RegExp(`New order ${order.displayId}`));
      await card(page, order.id).focus();
      await expectCard(page, order.id, ":not([data-alert])");
    } finally {
      await close(page);
    }
  },

  async "a status change moves the card to its column and the counts follow"(browser) {
    const page = await board(browser);
    try {
      const order = await newOrder();
      await expectColumn(page, order.id, "PENDING");
      const counts = () => page.evaluate(() => Object.fromEntries([...document.querySelectorAll(".column")].map((c) =>
        [c.dataset.status, [Number(c.querySelector(".count").textContent), c.querySelectorAll(".card:not([hidden])").length]])));
      const before = await counts();
      const changed = await rest("PATCH", `/orders/${order.id}/status`, adminToken, { status: "CONFIRMED" });
      await expectColumn(page, order.id, "CONFIRMED");
      const after = await counts();
      for (const [status, [shown, cards]] of Object.entries(after)) assert.equal(shown, cards, `count of ${status}`);
      assert.equal(after.CONFIRMED[0], before.CONFIRMED[0] + 1);
      assert.equal(after.PENDING[0], before.PENDING[0] - 1);
      // the socket payload carries the trace of the REST call that caused it
      assert.equal(await page.evaluate((id) => window.board.orders.get(id).traceId, order.id), changed.traceId);
    } finally {
      await close(page);
    }
  },

  async "a forced disconnect and reconnect misses nothing"(browser) {
    const page = await board(browser);
    try {
      const order = await newOrder();
      await expectColumn(page, order.id, "PENDING");
      await page.evaluate(() => window.board.socket.disconnect());
      await page.waitForSelector('#connection[data-state="disconnected"]', { timeout: TIMEOUT });
      // while the board is offline: two changes to a known order and one new order
      await rest("PATCH", `/orders/${order.id}/status`, adminToken, { status: "CONFIRMED" });
      const latest = await rest("PATCH", `/orders/${order.id}/status`, adminToken, { status: "PREPARING" });
      const created = await newOrder();
      await page.evaluate(() => window.board.socket.connect());
      await connected(page);
      await expectColumn(page, order.id, "PREPARING");
      await expectColumn(page, created.id, "PENDING");
      assert.equal(Number(await card(page, order.id).getAttribute("data-version")), latest.version);
    } finally {
      await close(page);
    }
  },

  async "each card offers only the actions that can succeed, through payment, ready, dispatch and delivery"(browser) {
    const page = await board(browser);
    const riderName = `rider-board-${run}`;
    const rider = await onDuty(riderName);
    try {
      const order = await newOrder(`e2e-actions-${run}`, { deliveryAddress: { line1: "3 Action Road", city: "Lagos", lat: 6.4316, lng: 3.4219 } });
      await expectColumn(page, order.id, "PENDING");
      assert.deepEqual(await actionsOf(page, order.id), ["→ CONFIRMED", "Capture payment", "Mark ready", "Cancel order"]);

      await card(page, order.id).locator('button[data-action="Capture payment"]').click();
      // paid → CONFIRMED (the workflow's payment-move): the card moves and the button goes
      await expectColumn(page, order.id, "CONFIRMED");
      await expectCard(page, order.id, ' .payment[data-payment="PAID"]');
      assert.deepEqual(await actionsOf(page, order.id), ["→ PREPARING", "Mark ready", "Cancel order"]);

      await card(page, order.id).locator('button[data-action="Mark ready"]').click();
      // ready → READY; the gate books the rider on duty; a booked dispatch can be cancelled, not verified
      await expectColumn(page, order.id, "READY");
      await offered(rider, order.id);
      await expectCard(page, order.id, ':is([data-dispatch="BOOKED"], [data-dispatch="ASSIGNED"])');
      let shown = await actionsOf(page, order.id);
      assert.ok(shown.includes("Cancel dispatch"), shown.join());
      for (const gone of ["Capture payment", "Mark ready", "Verify OTP", "→ OUT_FOR_DELIVERY"]) {
        assert.ok(!shown.includes(gone), `${gone} is not offered: ${shown.join()}`);
      }

      await rest("POST", `/agent/jobs/${order.id}/accept`, rider);
      await expectCard(page, order.id, '[data-dispatch="ASSIGNED"]');
      await expectCardText(page, order.id, ".dispatch", riderName);
      assert.equal(await card(page, order.id).getAttribute("data-status"), "READY", "paid, ready and assigned is READY, not PENDING");

      await rest("POST", `/agent/jobs/${order.id}/status`, rider, { status: "PICKED_UP" });
      await expectColumn(page, order.id, "OUT_FOR_DELIVERY");
      await rest("POST", `/agent/jobs/${order.id}/status`, rider, { status: "IN_TRANSIT" });
      await expectCard(page, order.id, '[data-dispatch="IN_TRANSIT"]');
      shown = await actionsOf(page, order.id);
      assert.ok(shown.includes("Verify OTP"), shown.join());
      assert.ok(!shown.includes("Cancel dispatch"), "a picked-up dispatch cannot be cancelled");

      // a wrong code fails with a clear message on the card; the right one delivers
      page.once("dialog", (dialog) => dialog.accept("000000"));
      await card(page, order.id).locator('button[data-action="Verify OTP"]').click();
      await expectCardText(page, order.id, ".card-error", "Verify OTP failed: .*\\(OTP_INVALID\\)");
      assert.match(await page.locator("#errors").innerText(), new RegExp(`Verify OTP failed for ${order.displayId}`));
      const otp = (await rest("GET", `/orders/${order.id}`, token(order.customerId, "CUSTOMER"))).dispatch.otp;
      page.once("dialog", (dialog) => dialog.accept(otp));
      await card(page, order.id).locator('button[data-action="Verify OTP"]').click();
      await expectColumn(page, order.id, "DELIVERED");
      assert.deepEqual(await actionsOf(page, order.id), [], "nothing to do on a delivered order");
    } finally {
      await rest("PUT", "/agent/availability", rider, { available: false }).catch(() => {});
      await close(page);
    }
  },

  async "an action that no longer applies fails with a clear message"(browser) {
    const page = await board(browser);
    try {
      const order = await newOrder();
      await expectColumn(page, order.id, "PENDING");
      // the board does not hear of the cancel (socket down, polling blocked): its card is stale
      await page.route((url) => url.pathname === "/api/v1/orders", (route) => route.abort());
      await page.evaluate(() => window.board.socket.disconnect());
      await rest("POST", `/orders/${order.id}/cancel`, adminToken, { reason: "customer called" });
      await card(page, order.id).locator('button[data-action="Mark ready"]').click();
      await page.waitForSelector('#errors[data-code="INVALID_TRANSITION"]', { timeout: TIMEOUT });
      assert.match(await page.locator("#errors").innerText(),
        new RegExp(`Mark ready failed for ${order.displayId}: .*cannot be marked ready \\(INVALID_TRANSITION\\)`));
      assert.match(await card(page, order.id).locator(".card-error").innerText(), /Mark ready failed/);
      await page.unroute((url) => url.pathname === "/api/v1/orders");
    } finally {
      await close(page);
    }
  },

  async "search by order number, filter by dispatch state, and the cancelled and failed view"(browser) {
    const page = await board(browser);
    const rider = await onDuty(`rider-fail-${run}`);
    try {
      const plain = await newOrder();
      const cancelled = await newOrder();
      await rest("POST", `/orders/${cancelled.id}/cancel`, adminToken, { reason: "out of stock" });
      const failing = await newOrder(`e2e-fail-${run}`, { deliveryAddress: { line1: "9 Fail Lane", city: "Lagos", lat: 6.44, lng: 3.40 } });
      await rest("POST", `/orders/${failing.id}/payment/capture`);
      await rest("POST", `/orders/${failing.id}/ready`);
      await offered(rider, failing.id);
      await rest("POST", `/agent/jobs/${failing.id}/accept`, rider);
      await rest("POST", `/agent/jobs/${failing.id}/status`, rider, { status: "FAILED", reason: "bike broke down" });
      await expectCard(page, failing.id, '[data-dispatch="FAILED"][data-alert="failed"]');
      assert.equal(await page.evaluate((id) => window.board.alerts.some((a) => a.kind === "failed" && a.orderId === id), failing.id), true);
      assert.match(await page.locator("#announcer").innerText(), new RegExp(`Dispatch failed for ${failing.displayId}`));
      assert.ok((await actionsOf(page, failing.id)).includes("Re-dispatch"));

      // the live view hides cancelled orders; the problems view shows cancelled and failed ones only
      await expectCard(page, cancelled.id, '[data-status="CANCELLED"]');
      assert.equal(await card(page, cancelled.id).isVisible(), false);
      await page.click("#view-problems");
      await expectCard(page, cancelled.id, ":not([hidden])");
      assert.equal(await card(page, failing.id).isVisible(), true);
      assert.equal(await card(page, plain.id).isVisible(), false);
      assert.ok(Number(await page.locator("#problems-count").innerText()) >= 2);
      await page.click("#view-live");

      await page.fill("#search", plain.displayId.slice(-6));
      await expectCard(page, failing.id, "[hidden]");
      assert.equal(await card(page, plain.id).isVisible(), true);
      assert.equal(await page.locator(".card:not([hidden])").count(), 1);
      await page.fill("#search", "");

      await page.selectOption("#dispatch-filter", "FAILED");
      await expectCard(page, plain.id, "[hidden]");
      assert.equal(await card(page, failing.id).isVisible(), true);
      await page.selectOption("#dispatch-filter", "NONE");
      await expectCard(page, failing.id, "[hidden]");
      assert.equal(await card(page, plain.id).isVisible(), true);
      await page.selectOption("#dispatch-filter", "");
    } finally {
      await rest("PUT", "/agent/availability", rider, { available: false }).catch(() => {});
      await close(page);
    }
  },

  async "the board fits a 1366-px laptop screen without horizontal scrolling"(browser) {
    const page = await board(browser);
    try {
      await page.waitForSelector(".card", { timeout: TIMEOUT });
      const { scroll, width, columns } = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth, width: window.innerWidth,
        columns: [...document.querySelectorAll(".column:not([hidden])")].map((c) => c.getBoundingClientRect().right),
      }));
      assert.ok(scroll <= width, `page is ${scroll} px wide in a ${width} px window`);
      assert.ok(columns.length >= 6 && columns.every((right) => right <= width), `every live column is on screen: ${columns}`);
    } finally {
      await close(page);
    }
  },

  async "a hostile rider name from a Kwik callback shows as text and runs nothing"(browser) {
    const page = await board(browser);
    try {
      const order = await newOrder();
      await rest("POST", `/orders/${order.id}/payment/capture`);
      await rest("POST", `/orders/${order.id}/ready`);
      const dispatch = await until(`order ${order.id} booked at Kwik`, async () =>
        (await rest("GET", `/orders/${order.id}`)).dispatch?.providerJobId && (await rest("GET", `/orders/${order.id}`)).dispatch);
      // the courier (before the sandbox's own ASSIGNED, 5 s after booking) names its rider
      const response = await fetch(`${env.courier}/webhooks/kwik?token=${encodeURIComponent(env.webhookSecret)}`, {
        method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ job_id: dispatch.providerJobId, job_status: 0, order_id: order.id,
          fleet_name: HOSTILE, fleet_phone: "+2348030000009", timestamp: new Date().toISOString() }),
      });
      assert.equal(response.status, 200, await response.text());
      await page.waitForFunction(([id, name]) =>
        document.querySelector(`#order-${id} .dispatch`)?.textContent.includes(name), [order.id, HOSTILE], { timeout: TIMEOUT });
      assert.equal(await card(page, order.id).locator("img, script").count(), 0);
      assert.equal(await page.evaluate(() => window.__xss), undefined);
    } finally {
      await close(page);
    }
  },

  async "the pages send the token to no socket URL a link chooses"(browser) {
    const page = await open(browser);
    const hostile = [];
    page.on("request", (request) => { if (request.url().includes("evil.invalid")) hostile.push(request.url()); });
    try {
      await page.goto(`${env.api}/board/#token=${adminToken}&socket=http://evil.invalid:9`);
      // refused, said so, and the board connects to its own gateway instead
      await connected(page);
      assert.deepEqual(hostile, []);
    } finally {
      await close(page);
    }
  },

  async "the pages carry a strict Content-Security-Policy and the usual security headers"() {
    for (const path of ["/board/", "/track/", "/rider/", "/assets/orderflow.js"]) {
      const response = await fetch(`${env.api}${path}`);
      const csp = response.headers.get("content-security-policy") ?? "";
      assert.match(csp, /script-src 'self';/, path);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, path);
      assert.match(csp, /frame-ancestors 'none'/, path);
      assert.equal(response.headers.get("x-content-type-options"), "nosniff", path);
      assert.equal(response.headers.get("x-frame-options"), "DENY", path);
      assert.equal(response.headers.get("referrer-policy"), "no-referrer", path);
    }
  },
};

await runSpec(tests);
