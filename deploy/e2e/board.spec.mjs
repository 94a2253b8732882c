// Browser tests of the live order board (order-service /board/) against the running local stack, in
// headless Chromium (Debian's package) driven by Playwright. Run by LocalStackEndToEndTest (bin/test):
//   API=http://localhost:8080 ADMIN_TOKEN=… JWT_SECRET=… COURIER=http://localhost:8082 WEBHOOK_SECRET=… \
//   CHROMIUM=/usr/bin/chromium node board.spec.mjs
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { chromium } from "playwright-core";

const api = process.env.API ?? "http://localhost:8080";
const token = process.env.ADMIN_TOKEN;
const executablePath = process.env.CHROMIUM ?? "/usr/bin/chromium";
const jwtSecret = process.env.JWT_SECRET;
const courier = process.env.COURIER ?? "http://localhost:8082";
const webhookSecret = process.env.WEBHOOK_SECRET;
const TIMEOUT = 20_000;
/** What a hostile rider calls itself: markup that would run script if a page wrote it as HTML. */
const HOSTILE = `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>`;
/** Content-Security-Policy violations seen by any page: the pages must have none. */
const cspViolations = [];

/** An HS256 token like the ones the stack prints, for a customer of our own making. */
function customerToken(sub) {
  const b64 = (value) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const body = `${b64({ alg: "HS256" })}.${b64({ sub, roles: ["CUSTOMER"], exp: Math.floor(Date.now() / 1000) + 3600 })}`;
  return `${body}.${createHmac("sha256", jwtSecret).update(body).digest("base64url")}`;
}

async function rest(method, path, body) {
  const response = await fetch(`${api}/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body ? { "Content-Type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const data = await response.json();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(data)}`);
  return data;
}

const newOrder = () => rest("POST", "/orders", {
  customerId: `e2e-${Date.now()}`, currency: "NGN",
  items: [{ sku: "E2E-1", name: "Browser test item", quantity: 1, unitPrice: "3.00" }],
  deliveryAddress: { line1: "1 Test Street", city: "Lagos" },
});

const card = (page, id) => page.locator(`#order-${id}`);

async function expectColumn(page, id, status) {
  await page.waitForFunction(([id, status]) => {
    const el = document.getElementById(`order-${id}`);
    return el && el.closest(".column").dataset.status === status;
  }, [id, status], { timeout: TIMEOUT });
}

const tests = {
  async "an order created through the API appears on the board without reload"(page) {
    const order = await newOrder();
    await expectColumn(page, order.id, "PENDING");
    assert.match(await card(page, order.id).innerText(), new RegExp(order.displayId));
  },

  async "a status change moves the card to its column"(page) {
    const order = await newOrder();
    await expectColumn(page, order.id, "PENDING");
    const changed = await rest("PATCH", `/orders/${order.id}/status`, { status: "CONFIRMED" });
    await expectColumn(page, order.id, "CONFIRMED");
    assert.equal(await page.locator('.column[data-status="PENDING"]').locator(`#order-${order.id}`).count(), 0);
    // the socket payload carries the trace of the REST call that caused it
    assert.equal(await page.evaluate((id) => window.board.orders.get(id).traceId, order.id), changed.traceId);
  },

  async "a forced disconnect and reconnect misses nothing"(page) {
    const order = await newOrder();
    await expectColumn(page, order.id, "PENDING");
    await page.evaluate(() => window.board.socket.disconnect());
    await page.waitForSelector('#connection[data-state="disconnected"]', { timeout: TIMEOUT });
    // while the board is offline: two changes to a known order and one new order
    await rest("PATCH", `/orders/${order.id}/status`, { status: "CONFIRMED" });
    const latest = await rest("PATCH", `/orders/${order.id}/status`, { status: "PREPARING" });
    const created = await newOrder();
    await page.evaluate(() => window.board.socket.connect());
    await page.waitForSelector('#connection[data-state="connected"]', { timeout: TIMEOUT });
    await expectColumn(page, order.id, "PREPARING");
    await expectColumn(page, created.id, "PENDING");
    assert.equal(Number(await card(page, order.id).getAttribute("data-version")), latest.version);
  },

  async "actions call the API and errors show their code"(page) {
    const order = await newOrder();
    await expectColumn(page, order.id, "PENDING");
    await card(page, order.id).locator('button[data-action="Capture payment"]').click();
    await page.waitForFunction((id) => document.querySelector(`#order-${id} .payment`)?.textContent === "PAID",
      order.id, { timeout: TIMEOUT });
    await card(page, order.id).locator('button[data-action="Cancel dispatch"]').click();
    await page.waitForSelector('#errors[data-code="DISPATCH_NOT_FOUND"]', { timeout: TIMEOUT });
    await card(page, order.id).locator('button[data-action="→ CONFIRMED"]').click();
    await expectColumn(page, order.id, "CONFIRMED");
  },
};

async function awaitDispatch(id) {
  const deadline = Date.now() + TIMEOUT;
  while (Date.now() < deadline) {
    const order = await rest("GET", `/orders/${id}`);
    if (order.dispatch?.providerJobId) return order.dispatch;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`order ${id} was never booked`);
}

tests["a hostile rider name from a Kwik callback shows as text and runs nothing"] = async (page) => {
  const order = await newOrder();
  await rest("POST", `/orders/${order.id}/payment/capture`);
  await rest("POST", `/orders/${order.id}/ready`);
  const dispatch = await awaitDispatch(order.id);
  // the courier (before the sandbox's own ASSIGNED, 5 s after booking) names its rider
  const response = await fetch(`${courier}/webhooks/kwik?token=${encodeURIComponent(webhookSecret)}`, {
    method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ job_id: dispatch.providerJobId, job_status: 0, order_id: order.id,
      fleet_name: HOSTILE, fleet_phone: "+2348030000009", timestamp: new Date().toISOString() }),
  });
  assert.equal(response.status, 200, await response.text());
  await page.waitForFunction(([id, name]) =>
    document.querySelector(`#order-${id} .dispatch`)?.textContent.includes(name), [order.id, HOSTILE], { timeout: TIMEOUT });
  assert.equal(await card(page, order.id).locator("img, script").count(), 0);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
};

const pageTests = {
  async "the pages send the token to no socket URL a link chooses"(browser) {
    const page = await browser.newPage();
    const hostile = [];
    page.on("request", (request) => { if (request.url().includes("evil.invalid")) hostile.push(request.url()); });
    try {
      await page.goto(`${api}/board/#token=${token}&socket=http://evil.invalid:9`);
      // refused, said so, and the board connects to its own gateway instead
      await page.waitForSelector('#connection[data-state="connected"]', { timeout: TIMEOUT });
      assert.deepEqual(hostile, []);
    } finally {
      await page.close();
    }
  },

  async "the pages carry a strict Content-Security-Policy and the usual security headers"() {
    for (const path of ["/board/", "/track/", "/assets/orderflow.js"]) {
      const response = await fetch(`${api}${path}`);
      const csp = response.headers.get("content-security-policy") ?? "";
      assert.match(csp, /script-src 'self';/, path);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, path);
      assert.match(csp, /frame-ancestors 'none'/, path);
      assert.equal(response.headers.get("x-content-type-options"), "nosniff", path);
      assert.equal(response.headers.get("x-frame-options"), "DENY", path);
      assert.equal(response.headers.get("referrer-policy"), "no-referrer", path);
    }
  },


  async "the customer's tracking page shows the order and its timeline live"(browser) {
    const order = await newOrder();
    const page = await browser.newPage();
    try {
      await page.goto(`${api}/track/#order=${order.id}&token=${customerToken(order.customerId)}`);
      await page.waitForSelector('#connection[data-state="connected"]', { timeout: TIMEOUT });
      await page.waitForFunction(() => document.querySelector("#status").textContent === "PENDING", null, { timeout: TIMEOUT });
      await rest("PATCH", `/orders/${order.id}/status`, { status: "CONFIRMED" });
      await page.waitForFunction(() => document.querySelector("#status").textContent === "CONFIRMED", null, { timeout: TIMEOUT });
      await page.waitForFunction(() => document.querySelectorAll("#timeline li").length === 2, null, { timeout: TIMEOUT });
      assert.match(await page.locator("#timeline").innerText(), /PENDING → CONFIRMED/);
    } finally {
      await page.close();
    }
  },
};

const browser = await chromium.launch({ executablePath, headless: true, args: ["--no-sandbox"] });
let failed = 0;
try {
  const page = await browser.newPage();
  page.on("pageerror", (error) => console.error("page error:", error.message));
  page.on("console", (message) => {
    if (/Content.Security.Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  await page.goto(`${api}/board/#token=${token}`);
  await page.waitForSelector('#connection[data-state="connected"]', { timeout: TIMEOUT });
  for (const [name, test] of Object.entries(tests)) {
    try {
      await test(page);
      console.log(`ok - ${name}`);
    } catch (error) {
      failed++;
      console.log(`not ok - ${name}\n  ${error.stack ?? error}`);
      console.log(`  errors line: ${await page.locator("#errors").innerText()}`);
    }
  }
  for (const [name, test] of Object.entries(pageTests)) {
    try {
      await test(browser);
      console.log(`ok - ${name}`);
    } catch (error) {
      failed++;
      console.log(`not ok - ${name}\n  ${error.stack ?? error}`);
    }
  }
  if (cspViolations.length > 0) {
    failed++;
    console.log(`not ok - the board ran without Content-Security-Policy violations\n  ${cspViolations.join("\n  ")}`);
  } else {
    console.log("ok - the board ran without Content-Security-Policy violations");
  }
} finally {
  await browser.close();
}
process.exit(failed === 0 ? 0 : 1);
