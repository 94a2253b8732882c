// The three screens as a shop, a rider and a customer use them (issue #17), in headless Chromium on the
// running local stack: one order walked payment → ready → rider assigned → picked up → in transit →
// delivered, with the board (1366-px laptop), the customer's tracking page (a phone) and the plain
// WebSocket /orders/track all telling the same, true story in the customer's words; then the
// screenshots of the README (docs/screenshots/*.png) are taken from these very pages.
// Run by LocalStackEndToEndTest:  API=… JWT_SECRET=… TRACK_WS=ws://localhost:8083/orders/track node screens.spec.mjs
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import WebSocket from "ws";
import { adminToken, close, connected, env, newOrder, open, rest, run, runSpec, TIMEOUT, token, until, waitText } from "./support.mjs";

const trackWs = process.env.TRACK_WS ?? "ws://localhost:8083/orders/track";
const screenshots = env.screenshots ?? fileURLToPath(new URL("../../docs/screenshots/", import.meta.url));
const SHOP = { lat: 6.4541, lng: 3.3947 };
const HOME = { lat: 6.4316, lng: 3.4219 };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 };
const LAPTOP = { viewport: { width: 1366, height: 768 } };

/** The board's column of an order, once it is `status`. */
const inColumn = (page, id, status) => page.waitForFunction(([id, status]) =>
  document.getElementById(`order-${id}`)?.closest(".column")?.dataset.status === status, [id, status], { timeout: TIMEOUT });

/** The tracking page, once its order is `status`, and its progress bar says so. */
async function trackShows(page, status) {
  await page.waitForSelector(`#status[data-status="${status}"]`, { state: "attached", timeout: TIMEOUT });
  await page.waitForSelector(`#progress li[data-step="${status}"][aria-current="step"]`, { state: "attached", timeout: TIMEOUT });
}

/** The timeline's lines, as the customer reads them. */
const timeline = (page) => page.locator("#timeline li").evaluateAll((lines) =>
  lines.map((li) => ({ time: li.querySelector("time")?.textContent, at: li.querySelector("time")?.dateTime, text: li.querySelector(".what")?.textContent })));

async function lastLine(page, words) {
  await waitText(page, "#timeline li:last-child .what", `^${words}$`);
  await waitText(page, "#status", `^${words}$`);
}

/** A plain-WebSocket /orders/track client (a mobile app's protocol), subscribed to the order, collecting its frames. */
async function trackSocket(orderId, bearer) {
  const frames = [];
  const ws = new WebSocket(`${trackWs}?token=${bearer}`);
  await new Promise((resolve, reject) => {
    ws.on("message", (data) => {
      const frame = JSON.parse(String(data));
      frames.push(frame);
      if (frame.type === "connected") ws.send(JSON.stringify({ type: "subscribe", order_id: orderId }));
      if (frame.type === "subscribed") resolve();
    });
    ws.on("error", reject);
  });
  return { close: () => ws.close(), updates: () => frames.filter((f) => f.type === "order_update") };
}

/** WCAG contrast ratio of an element's text against the first opaque background behind it. */
function contrastOf(page, selector) {
  return page.evaluate((selector) => {
    const rgb = (c) => c.match(/[\d.]+/g).map(Number);
    const lum = ([r, g, b]) => {
      const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const el = document.querySelector(selector);
    let bg = el;
    while (bg && (getComputedStyle(bg).backgroundColor === "rgba(0, 0, 0, 0)" || getComputedStyle(bg).backgroundColor === "transparent")) bg = bg.parentElement;
    const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(rgb(bg ? getComputedStyle(bg).backgroundColor : "rgb(255,255,255)"))];
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  }, selector);
}

const tests = {
  async "one order, three screens: status, words and actions agree from payment to delivery; screenshots for the README"(browser) {
    const riderId = "ibrahim.musa";
    const rider = token(riderId, "AGENT");
    const customerId = `customer-screens-${run}`;
    const customer = token(customerId, "CUSTOMER");
    const order = await rest("POST", "/orders", customer, {
      currency: "NGN",
      items: [{ sku: "PARA-500", name: "Paracetamol 500mg", quantity: 2, unitPrice: "4.50" },
        { sku: "VITC-1000", name: "Vitamin C 1000mg", quantity: 1, unitPrice: "6.00" }],
      deliveryAddress: { line1: "12 Admiralty Way", city: "Lekki, Lagos", lat: HOME.lat, lng: HOME.lng },
    });
    const board = await open(browser, `${env.api}/board/#token=${adminToken}`, LAPTOP);
    const track = await open(browser, `${env.api}/track/#order=${order.id}&token=${customer}`, PHONE);
    const riderPage = await open(browser, `${env.api}/rider/#token=${rider}`, { ...PHONE, geolocation: { latitude: SHOP.lat, longitude: SHOP.lng }, permissions: ["geolocation"] });
    const ws = await trackSocket(order.id, customer);
    try {
      await rest("PUT", "/agent/availability", rider, { available: true, lat: SHOP.lat, lng: SHOP.lng });
      await Promise.all([connected(board), connected(track), connected(riderPage)]);
      await inColumn(board, order.id, "PENDING");
      await trackShows(track, "PENDING");
      await lastLine(track, "Order placed");
      assert.equal(await track.locator("#otp-box").isVisible(), false, "no delivery code before the rider is on the way");
      const summary = await track.locator("main").innerText();
      for (const part of ["2 × Paracetamol 500mg", "1 × Vitamin C 1000mg", `${order.total} NGN`, "12 Admiralty Way, Lekki, Lagos"]) {
        assert.ok(summary.includes(part), `the summary shows "${part}"`);
      }

      // payment: the board's own button; the order is CONFIRMED everywhere at once
      await board.click(`#order-${order.id} button[data-action="Capture payment"]`);
      await inColumn(board, order.id, "CONFIRMED");
      await trackShows(track, "CONFIRMED");
      await lastLine(track, "Payment received");

      // ready: READY everywhere; the gate books the rider on duty, who accepts on its page
      await board.click(`#order-${order.id} button[data-action="Mark ready"]`);
      await inColumn(board, order.id, "READY");
      await trackShows(track, "READY");
      await riderPage.click(`#job-${order.id} button[data-action="accept"]`, { timeout: TIMEOUT });
      await waitText(board, `#order-${order.id} .dispatch`, `assigned · ${riderId}`);
      await lastLine(track, `${riderId} will deliver your order`);
      assert.equal(await board.locator(`#order-${order.id}`).getAttribute("data-status"), "READY",
        "paid, ready and assigned: READY, not PENDING");
      await waitText(track, "#courier-name", `^${riderId}$`);
      assert.equal(await track.locator("#otp-box").isVisible(), false);

      // picked up: OUT_FOR_DELIVERY everywhere, and now the delivery code is the page's main thing
      await riderPage.click(`#job-${order.id} button[data-action="picked-up"]`, { timeout: TIMEOUT });
      await inColumn(board, order.id, "OUT_FOR_DELIVERY");
      await trackShows(track, "OUT_FOR_DELIVERY");
      await lastLine(track, `${riderId} picked up your order and is on the way`);
      const otp = (await rest("GET", `/orders/${order.id}`, customer)).dispatch.otp;
      await waitText(track, "#otp", `^${otp}$`);
      assert.equal(await track.locator("#otp-box").isVisible(), true);

      await riderPage.click(`#job-${order.id} button[data-action="in-transit"]`, { timeout: TIMEOUT });
      await lastLine(track, `${riderId} is on the way to you`);
      // the rider's position: a map with both points and the distance, and an ETA
      for (const f of [0.4, 0.7]) { // the rider's phone moves; its page shares the position (at most every 2 s)
        await riderPage.waitForTimeout(2100);
        await riderPage.context().setGeolocation({ latitude: SHOP.lat + (HOME.lat - SHOP.lat) * f,
          longitude: SHOP.lng + (HOME.lng - SHOP.lng) * f });
      }
      await track.waitForSelector("#map:not([hidden]) #map-rider", { timeout: TIMEOUT });
      await waitText(track, "#distance", "\\d+\\.\\d km away");
      await track.waitForFunction(() => Number(document.querySelector("#eta").dataset.seconds) > 0, null, { timeout: TIMEOUT });

      // the customer's page on a phone: no sideways scrolling, live regions, readable contrast, keyboard
      assert.ok(await track.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), "fits a phone");
      assert.equal(await track.locator("#status").getAttribute("aria-live"), "polite");
      assert.equal(await track.locator("#timeline").getAttribute("aria-live"), "polite");
      for (const selector of ["#status", "#timeline time", ".track .meta", "#progress li[data-state=todo]", "#otp", "header h1"]) {
        const ratio = await contrastOf(track, selector);
        assert.ok(ratio >= 4.5, `${selector} contrast ${ratio.toFixed(2)} ≥ 4.5`);
      }
      const focused = [];
      for (let i = 0; i < 3; i++) {
        await track.keyboard.press("Tab");
        focused.push(await track.evaluate(() => document.activeElement?.id || document.activeElement?.tagName));
      }
      assert.ok(focused.includes("bell"), `the bell is reachable by keyboard: ${focused}`);

      // a shop is rarely this quiet: a new order and a paid one beside it on the board's screenshot
      const waiting = await newOrder(`customer-walk-in-${run}`, {
        items: [{ sku: "SOAP-1", name: "Antiseptic soap", quantity: 3, unitPrice: "2.50" }],
        deliveryAddress: { line1: "4 Akin Adesola Street", city: "Victoria Island, Lagos" } });
      const paid = await newOrder(`customer-regular-${run}`, {
        items: [{ sku: "ORS-1", name: "Oral rehydration salts", quantity: 4, unitPrice: "1.20" }],
        deliveryAddress: { line1: "21 Bourdillon Road", city: "Ikoyi, Lagos" } });
      await rest("POST", `/orders/${paid.id}/payment/capture`);
      await inColumn(board, waiting.id, "PENDING");
      await inColumn(board, paid.id, "CONFIRMED");

      mkdirSync(screenshots, { recursive: true });
      await track.screenshot({ path: `${screenshots}/customer.png`, fullPage: true });
      await riderPage.screenshot({ path: `${screenshots}/rider.png`, fullPage: true });
      await board.evaluate(() => window.scrollTo(0, 0));
      await board.screenshot({ path: `${screenshots}/board.png` });

      // delivered with the customer's code, on the rider's page
      await riderPage.fill(`#job-${order.id} input.otp`, otp);
      await riderPage.click(`#job-${order.id} button[data-action="deliver"]`);
      await inColumn(board, order.id, "DELIVERED");
      await trackShows(track, "DELIVERED");
      await lastLine(track, "Delivered");
      assert.equal(await track.locator("#otp-box").isVisible(), false, "the code is gone once delivered");
      assert.equal(await track.locator('#progress li[data-state="done"]').count(), 5);

      // the timeline: customer words with times, never field names
      const lines = await timeline(track);
      assert.deepEqual(lines.map((l) => l.text), ["Order placed", "Payment received", "Your order is ready",
        "We are finding a rider", `${riderId} will deliver your order`, `${riderId} picked up your order and is on the way`,
        `${riderId} is on the way to you`, "Delivered"]);
      for (const line of lines) {
        assert.match(line.time, /^\d{2}:\d{2}/);
        assert.ok(!Number.isNaN(Date.parse(line.at)));
      }
      assert.doesNotMatch(await track.locator("#timeline").innerText(), /dispatchStatus|readyForDispatch|paymentStatus|→/);

      // the mobile protocol says the same words, with statuses in lowercase
      const updates = await until("the delivered order_update", async () => {
        const u = ws.updates();
        return u.some((f) => f.status === "delivered") && u;
      });
      const statuses = [...new Set(updates.map((u) => u.status))];
      assert.deepEqual(statuses, ["pending", "confirmed", "ready", "out_for_delivery", "delivered"]);
      const said = updates.map((u) => u.message);
      for (const words of ["Payment received", "Your order is ready", `${riderId} will deliver your order`,
        `${riderId} picked up your order and is on the way`, "Delivered"]) {
        assert.ok(said.includes(words), `order_update says "${words}": ${JSON.stringify(said)}`);
      }
    } finally {
      await rest("PUT", "/agent/availability", rider, { available: false }).catch(() => {});
      ws.close();
      for (const page of [board, track, riderPage]) await close(page);
    }
  },
};

await runSpec(tests);
