// Browser tests of the rider's side in headless Chromium (Debian's package) driven by Playwright, on
// the running local stack: the rider page (jobs live, accept, picked up / in transit, OTP, position
// from the browser's geolocation), the tracking page (the rider's position, the ETA countdown), the
// board (riders online, reassign), and every page falling back to polling while its socket is down.
// Run by LocalStackEndToEndTest:  API=http://localhost:8080 JWT_SECRET=… CHROMIUM=/usr/bin/chromium node rider-pages.spec.mjs
import assert from "node:assert/strict";
import { env, rest, run, runSpec, TIMEOUT, token, until, waitText } from "./support.mjs";

const api = env.api;
const SHOP = { latitude: 6.4541, longitude: 3.3947 };
const CUSTOMER = { lat: 6.4316, lng: 3.4219 };
const admin = token(`staff-pages-${run}`, "ADMIN");

/** A rider on duty at the shop (the nearest free rider gets the next in-house job), and off again. */
const onDuty = (rider) => rest("PUT", "/agent/availability", rider, { available: true, lat: SHOP.latitude, lng: SHOP.longitude });
const offDuty = (rider) => rest("PUT", "/agent/availability", rider, { available: false }).catch(() => {});

async function readyOrder(customer) {
  const order = await rest("POST", "/orders", customer, {
    currency: "NGN", items: [{ sku: "PAGE-1", name: "Page test item", quantity: 1, unitPrice: "3.00" }],
    deliveryAddress: { line1: "7 <b>Bold</b> Street", city: "Lagos", lat: CUSTOMER.lat, lng: CUSTOMER.lng },
  });
  await rest("POST", `/orders/${order.id}/payment/capture`, admin);
  await rest("POST", `/orders/${order.id}/ready`, admin);
  return order;
}

/** Holds the page's next read of its jobs: the server answers it at once, the page gets the answer on release(). */
async function holdNextJobsRead(page) {
  let fetched;
  const read = new Promise((resolve) => { fetched = resolve; });
  let release;
  const released = new Promise((resolve) => { release = resolve; });
  let holding = true;
  await page.route("**/api/v1/agent/jobs", async (route) => {
    if (!holding || route.request().method() !== "GET") return route.continue();
    holding = false;
    const stale = await route.fetch();
    fetched();
    await released;
    await route.fulfill({ response: stale });
  });
  return { read, release };
}

const tests = {
  async "a rider works a job on its page and the customer watches it come closer"(browser) {
    const riderId = `rider-page-${run}`;
    const rider = token(riderId, "AGENT");
    const customerId = `customer-page-${run}`;
    const customer = token(customerId, "CUSTOMER");
    const riderContext = await browser.newContext({ geolocation: SHOP, permissions: ["geolocation"] });
    const riderPage = await riderContext.newPage();
    const trackPage = await browser.newPage();
    const boardPage = await browser.newPage();
    try {
      await riderPage.goto(`${api}/rider/#token=${rider}`);
      await riderPage.waitForSelector('#connection[data-state="connected"]', { timeout: TIMEOUT });
      // the first geolocation fix is known to the page before it goes on duty with it
      await riderPage.waitForFunction(() => document.querySelector("#position").textContent !== "not shared yet", null,
        { timeout: TIMEOUT });
      await riderPage.check("#on-duty");
      await boardPage.goto(`${api}/board/#token=${admin}`);
      await boardPage.waitForSelector(`[id="rider-${riderId}"][data-online="true"]`, { timeout: TIMEOUT });

      const order = await readyOrder(customer);
      await trackPage.goto(`${api}/track/#order=${order.id}&token=${customer}`);
      await trackPage.waitForSelector('#connection[data-state="connected"]', { timeout: TIMEOUT });

      const job = `#job-${order.id}`;
      await riderPage.waitForSelector(`${job} button[data-action="accept"]`, { timeout: TIMEOUT });
      assert.match(await riderPage.locator(job).innerText(), /7 <b>Bold<\/b> Street/, "courier text shown as text");
      await riderPage.click(`${job} button[data-action="accept"]`);
      await riderPage.click(`${job} button[data-action="picked-up"]`, { timeout: TIMEOUT });
      await riderPage.click(`${job} button[data-action="in-transit"]`, { timeout: TIMEOUT });
      await riderPage.waitForSelector(`${job}[data-status="IN_TRANSIT"]`, { timeout: TIMEOUT });

      // the browser moves the rider towards the customer; the page shares each position
      for (const f of [0.3, 0.6]) {
        await riderPage.waitForTimeout(2100); // the page sends at most every 2 s
        await riderContext.setGeolocation({ latitude: SHOP.latitude + (CUSTOMER.lat - SHOP.latitude) * f,
          longitude: SHOP.longitude + (CUSTOMER.lng - SHOP.longitude) * f });
      }
      await riderPage.waitForFunction(() => Number(document.querySelector("#position").dataset.sent) >= 2, null, { timeout: TIMEOUT });
      await trackPage.waitForFunction(() => Number(document.querySelector("#rider-position").dataset.lat) < 6.45, null, { timeout: TIMEOUT });
      // the ETA shown moves earlier by minutes as the rider comes closer, and counts down in between
      await trackPage.waitForFunction(() => {
        const etas = window.track.etas;
        return etas.length >= 2 && etas[etas.length - 1] < etas[0] - 60_000;
      }, null, { timeout: TIMEOUT });
      const shown = Number(await trackPage.locator("#eta").getAttribute("data-seconds"));
      assert.ok(shown > 0, "seconds left");
      await trackPage.waitForFunction((s) => Number(document.querySelector("#eta").dataset.seconds) < s, shown, { timeout: 5000 });
      assert.match(await trackPage.locator("#eta").innerText(), /min/, "a countdown");

      const mine = await rest("GET", `/orders/${order.id}`, customer);
      await riderPage.fill(`${job} input.otp`, mine.dispatch.otp);
      // a refresh (any socket news makes one) keeps the card, so the code typed and a tap in progress survive
      await riderPage.evaluate((card) => { document.querySelector(card).dataset.probe = "kept"; }, job);
      await riderPage.evaluate(() => window.rider.loadJobs());
      assert.equal(await riderPage.locator(job).getAttribute("data-probe"), "kept", "the same card after a refresh");
      assert.equal(await riderPage.inputValue(`${job} input.otp`), mine.dispatch.otp, "the code typed");
      await riderPage.click(`${job} button[data-action="deliver"]`);
      await riderPage.waitForSelector(job, { state: "detached", timeout: TIMEOUT });
      await trackPage.waitForSelector('#status[data-status="DELIVERED"]', { state: "attached", timeout: TIMEOUT });
    } finally {
      await offDuty(rider);
      await riderContext.close();
      await trackPage.close();
      await boardPage.close();
    }
  },

  async "an answer that comes back late does not take the rider's page back"(browser) {
    const rider = token(`rider-p4-${run}`, "AGENT");
    const customer = token(`customer-p4-${run}`, "CUSTOMER");
    const riderPage = await browser.newPage();
    try {
      await onDuty(rider);
      await riderPage.goto(`${api}/rider/#token=${rider}`);
      await riderPage.waitForSelector('#connection[data-state="connected"]', { timeout: TIMEOUT });
      const order = await readyOrder(customer);
      const job = `#job-${order.id}`;
      await riderPage.waitForSelector(job, { timeout: TIMEOUT });
      await rest("POST", `/agent/jobs/${order.id}/accept`, rider);
      await riderPage.waitForSelector(`${job}[data-status="ASSIGNED"]`, { timeout: TIMEOUT });

      // one refresh is answered (ASSIGNED) but held back until the page shows the newer PICKED_UP
      const held = await holdNextJobsRead(riderPage);
      const lateRefresh = riderPage.evaluate(() => window.rider.loadJobs());
      await held.read;
      await rest("POST", `/agent/jobs/${order.id}/status`, rider, { status: "PICKED_UP" });
      await riderPage.waitForSelector(`${job}[data-status="PICKED_UP"]`, { timeout: TIMEOUT });
      held.release();
      await lateRefresh;
      assert.equal(await riderPage.locator(job).getAttribute("data-status"), "PICKED_UP", "the late answer was dropped");
      await riderPage.unroute("**/api/v1/agent/jobs");
    } finally {
      await offDuty(rider);
      await riderPage.close();
    }
  },

  async "staff reassign from the board and the first rider's page loses the job"(browser) {
    const firstId = `rider-p1-${run}`;
    const secondId = `rider-p2-${run}`;
    const first = token(firstId, "AGENT");
    const customer = token(`customer-p2-${run}`, "CUSTOMER");
    const riderPage = await browser.newPage();
    const boardPage = await browser.newPage();
    try {
      await onDuty(first);
      await riderPage.goto(`${api}/rider/#token=${first}`);
      await riderPage.waitForSelector('#connection[data-state="connected"]', { timeout: TIMEOUT });
      await boardPage.goto(`${api}/board/#token=${admin}`);
      await boardPage.waitForSelector('#connection[data-state="connected"]', { timeout: TIMEOUT });
      const order = await readyOrder(customer);
      await riderPage.waitForSelector(`#job-${order.id}`, { timeout: TIMEOUT });
      boardPage.once("dialog", (dialog) => dialog.accept(secondId));
      await boardPage.click(`#order-${order.id} button[data-action="Reassign rider"]`, { timeout: TIMEOUT });
      await riderPage.waitForSelector(`#job-${order.id}`, { state: "detached", timeout: TIMEOUT });
      // the gateway tells the rider at once; order-service folds the same dispatch.updated a moment later
      const now = await until("the order naming the second rider", async () => {
        const o = await rest("GET", `/orders/${order.id}`, admin);
        return o.dispatch.driver.agentId === secondId && o;
      }, 10_000).catch(async () => rest("GET", `/orders/${order.id}`, admin));
      assert.equal(now.dispatch.driver.agentId, secondId);
    } finally {
      await offDuty(first);
      await riderPage.close();
      await boardPage.close();
    }
  },

  async "the rider's page keeps all its jobs while polling and drops a poll answered after the socket is back"(browser) {
    const riderId = `rider-p6-${run}`;
    const rider = token(riderId, "AGENT");
    const helper = token(`rider-p7-${run}`, "AGENT");
    const customer = token(`customer-p6-${run}`, "CUSTOMER");
    const riderPage = await browser.newPage();
    const ticks = () => riderPage.evaluate(() => window.rider.polling.ticks);
    const pending = () => riderPage.evaluate(() => window.rider.pending);
    try {
      // two jobs for one rider: the first accepted, the second offered to a free helper and given to our rider by staff
      await onDuty(rider);
      await riderPage.goto(`${api}/rider/#token=${rider}`);
      await riderPage.waitForSelector('#connection[data-state="connected"]', { timeout: TIMEOUT });
      const first = await readyOrder(customer);
      await riderPage.waitForSelector(`#job-${first.id}`, { timeout: TIMEOUT });
      await rest("POST", `/agent/jobs/${first.id}/accept`, rider);
      await onDuty(helper);
      const second = await readyOrder(customer);
      await until("the second job offered", async () => (await rest("GET", `/orders/${second.id}`, admin)).dispatch?.driver?.agentId, TIMEOUT);
      await rest("POST", `/orders/${second.id}/dispatch/assign`, admin, { agentId: riderId });
      await riderPage.waitForSelector(`#job-${second.id}[data-status="ASSIGNED"]`, { timeout: TIMEOUT });
      await riderPage.waitForSelector(`#job-${first.id}[data-status="ASSIGNED"]`, { timeout: TIMEOUT });

      // while the socket is down every poll shows the whole list, not only the jobs changed since the last one
      await riderPage.evaluate(() => window.rider.socket.disconnect());
      await riderPage.waitForSelector('#connection[data-polling="true"]', { timeout: TIMEOUT });
      const from = await ticks();
      await until("three polls", async () => (await ticks()) >= from + 3 && (await pending()) === 0, TIMEOUT);
      assert.equal(await riderPage.locator(`#job-${first.id}`).count(), 1, "the first job is still shown while polling");
      assert.equal(await riderPage.locator(`#job-${second.id}`).count(), 1, "the second job is still shown while polling");

      // a poll answered (the first job ASSIGNED) but held back until the socket is back and the page shows it PICKED_UP
      const held = await holdNextJobsRead(riderPage);
      await held.read;
      await rest("POST", `/agent/jobs/${first.id}/status`, rider, { status: "PICKED_UP" });
      await riderPage.evaluate(() => window.rider.socket.connect());
      await riderPage.waitForSelector('#connection[data-state="connected"]:not([data-polling])', { timeout: TIMEOUT });
      await riderPage.waitForSelector(`#job-${first.id}[data-status="PICKED_UP"]`, { timeout: TIMEOUT });
      held.release();
      await until("every answer handled", async () => (await pending()) === 0, TIMEOUT);
      assert.equal(await riderPage.locator(`#job-${first.id}`).getAttribute("data-status"), "PICKED_UP", "the late poll was dropped");
      await riderPage.unroute("**/api/v1/agent/jobs");
    } finally {
      await offDuty(rider);
      await offDuty(helper);
      await riderPage.close();
    }
  },

  async "pages poll the API while their socket is down and say so"(browser) {
    const riderId = `rider-p3-${run}`;
    const rider = token(riderId, "AGENT");
    const customer = token(`customer-p3-${run}`, "CUSTOMER");
    const riderPage = await browser.newPage();
    const trackPage = await browser.newPage();
    try {
      await onDuty(rider);
      await riderPage.goto(`${api}/rider/#token=${rider}`);
      await riderPage.waitForSelector('#connection[data-state="connected"]', { timeout: TIMEOUT });
      await riderPage.evaluate(() => window.rider.socket.disconnect());
      await riderPage.waitForSelector('#connection[data-polling="true"]', { timeout: TIMEOUT });
      await waitText(riderPage, "#connection", "polling");
      const order = await readyOrder(customer);
      await riderPage.waitForSelector(`#job-${order.id}`, { timeout: TIMEOUT }); // found by polling

      await trackPage.goto(`${api}/track/#order=${order.id}&token=${customer}`);
      await trackPage.waitForSelector('#connection[data-state="connected"]', { timeout: TIMEOUT });
      await trackPage.evaluate(() => window.track.socket.disconnect());
      await trackPage.waitForSelector('#connection[data-polling="true"]', { timeout: TIMEOUT });
      await waitText(trackPage, "#connection", "polling");
      await rest("POST", `/agent/jobs/${order.id}/accept`, rider);
      await rest("POST", `/agent/jobs/${order.id}/status`, rider, { status: "PICKED_UP" });
      await trackPage.waitForSelector('#status[data-status="OUT_FOR_DELIVERY"]', { state: "attached", timeout: TIMEOUT }).catch(async (error) => {
        throw new Error(`${error.message}; polling ${JSON.stringify(await trackPage.evaluate(() => window.track.polling))}`);
      });
      await riderPage.evaluate(() => window.rider.socket.connect());
      await riderPage.waitForSelector('#connection[data-state="connected"]:not([data-polling])', { timeout: TIMEOUT });
    } finally {
      await offDuty(rider);
      await riderPage.close();
      await trackPage.close();
    }
  },
};

await runSpec(tests, { csp: false });
