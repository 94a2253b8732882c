// What every browser spec of deploy/e2e needs, once: the stack's addresses from the environment
// (LocalStackEndToEndTest sets them), HS256 tokens like the ones the stack prints, REST calls by
// contract, waiting, pages that record Content-Security-Policy violations and script errors, and
// a runner that prints TAP-like `ok` / `not ok` lines and exits non-zero on any failure.
import { createHmac, randomUUID } from "node:crypto";
import { chromium } from "playwright-core";

export const env = {
  api: process.env.API ?? "http://localhost:8080",
  socket: process.env.SOCKET ?? "http://localhost:8084",
  courier: process.env.COURIER ?? "http://localhost:8082",
  webhookSecret: process.env.WEBHOOK_SECRET,
  jwtSecret: process.env.JWT_SECRET,
  chromium: process.env.CHROMIUM ?? "/usr/bin/chromium",
  /** Where the screenshots of the README go (docs/screenshots), when the spec takes any. */
  screenshots: process.env.SCREENSHOTS,
};
export const TIMEOUT = 30_000;
/** A short id for this run, so ids a spec makes up never collide with an earlier run's. */
export const run = randomUUID().slice(0, 8);

/** An HS256 token for `sub` with one role, valid for an hour. */
export function token(sub, role) {
  const b64 = (value) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const body = `${b64({ alg: "HS256" })}.${b64({ sub, roles: [role], exp: Math.floor(Date.now() / 1000) + 3600 })}`;
  return `${body}.${createHmac("sha256", env.jwtSecret).update(body).digest("base64url")}`;
}

/** The admin token the test passed in (ADMIN_TOKEN), or one of our own. */
export const adminToken = process.env.ADMIN_TOKEN || token(`e2e-admin-${run}`, "ADMIN");

/** A REST call; a non-2xx answer throws with its problem body. */
export async function rest(method, path, bearer = adminToken, body) {
  const response = await fetch(`${env.api}/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${bearer}`, ...(body ? { "Content-Type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return data;
}

/** A new order placed by staff for `customerId`; `extra` overrides any field. */
export const newOrder = (customerId = `e2e-${Date.now()}`, extra = {}) => rest("POST", "/orders", adminToken, {
  customerId, currency: "NGN",
  items: [{ sku: "E2E-1", name: "Browser test item", quantity: 1, unitPrice: "3.00" }],
  deliveryAddress: { line1: "1 Test Street", city: "Lagos" },
  ...extra,
});

/** Polls `check` until it returns something truthy. */
export async function until(what, check, timeout = TIMEOUT) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Waits until the element's text matches the pattern (a RegExp source). */
export const waitText = (page, selector, pattern, timeout = TIMEOUT) => page.waitForFunction(([s, p]) => {
  const el = document.querySelector(s);
  return el && new RegExp(p).test(el.textContent);
}, [selector, pattern], { timeout });

/** Content-Security-Policy violations and script errors seen by any page opened through `open`. */
export const problems = { csp: [], errors: [] };

/** Records what a page reports: CSP violations and uncaught errors fail the spec at its end. */
export function watch(page) {
  page.on("pageerror", (error) => { problems.errors.push(error.message); console.error("page error:", error.message); });
  page.on("console", (message) => {
    if (/Content.Security.Policy/i.test(message.text())) problems.csp.push(message.text());
  });
  return page;
}

const ownContexts = new WeakSet();

/** A new watched page (in a new context with `options`, e.g. a phone's viewport, when given). */
export async function open(browser, url, options) {
  let page;
  if (options) {
    const context = await browser.newContext(options);
    ownContexts.add(context);
    page = await context.newPage();
  } else {
    page = await browser.newPage();
  }
  watch(page);
  if (url) await page.goto(url);
  return page;
}

/** Closes a page, and the context `open` made for it. */
export async function close(page) {
  const context = page.context();
  await page.close();
  if (ownContexts.has(context)) await context.close();
}

/** Waits until a page's socket is connected (every page shows it in #connection). */
export const connected = (page) => page.waitForSelector('#connection[data-state="connected"]', { timeout: TIMEOUT });

/**
 * Runs the named tests one after another in one headless Chromium (each gets the browser), prints
 * `ok` / `not ok` per test and a last line for CSP violations, and exits 1 if anything failed.
 */
export async function runSpec(tests, { csp = true } = {}) {
  const browser = await chromium.launch({ executablePath: env.chromium, headless: true, args: ["--no-sandbox"] });
  let failed = 0;
  try {
    for (const [name, test] of Object.entries(tests)) {
      try {
        await test(browser);
        console.log(`ok - ${name}`);
      } catch (error) {
        failed++;
        console.log(`not ok - ${name}\n  ${error.stack ?? error}`);
      }
    }
  } finally {
    await browser.close();
  }
  if (csp) {
    if (problems.csp.length > 0) {
      failed++;
      console.log(`not ok - the pages ran without Content-Security-Policy violations\n  ${problems.csp.join("\n  ")}`);
    } else {
      console.log("ok - the pages ran without Content-Security-Policy violations");
    }
  }
  process.exit(failed === 0 ? 0 : 1);
}
