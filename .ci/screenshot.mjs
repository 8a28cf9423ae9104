// Full-page screenshot of the gallery in Debian's headless Chromium.
// Serves WWW_DIR on a free loopback port, opens it at 1200 CSS px wide, waits
// until every `.chart` holds a canvas or an error ([role=alert]), and writes
// the PNG. Exits non-zero (after still writing the PNG) when the page did not
// settle in time.
// Usage: node .ci/screenshot.mjs www target/screenshots/gallery.png
import { createServer } from "node:http";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import sirv from "sirv";
import { chromium } from "playwright-core";

const [wwwDir = "www", out = "target/screenshots/gallery.png"] = process.argv.slice(2);
const executablePath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const TIMEOUT_MS = Number(process.env.SCREENSHOT_TIMEOUT_MS || 60_000);

const server = createServer(sirv(resolve(wwwDir), { dev: true }));
await new Promise((ok, fail) => {
  server.once("error", fail);
  server.listen(0, "127.0.0.1", ok);
});
const url = `http://127.0.0.1:${server.address().port}/`;

let browser;
let status = 0;
try {
  browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  page.on("console", (msg) => {
    if ((msg.type() === "error" || msg.type() === "warning") && !/status of 404/.test(msg.text())) {
      console.log(`[page ${msg.type()}] ${msg.text()}`);
    }
  });
  page.on("pageerror", (err) => console.log(`[page exception] ${err.message}`));
  page.on("requestfailed", (req) => console.log(`[request failed] ${req.url()}`));
  page.on("response", (res) => {
    if (res.status() >= 400 && !res.url().endsWith("/favicon.ico")) {
      console.log(`[HTTP ${res.status()}] ${res.url()}`);
    }
  });

  await page.goto(url, { waitUntil: "load" });
  try {
    await page.waitForFunction(
      () =>
        document.documentElement.dataset.gallery === "done" &&
        [...document.querySelectorAll(".chart")].every((c) =>
          c.querySelector("canvas, [role=alert]"),
        ),
      null,
      { timeout: TIMEOUT_MS, polling: 100 },
    );
  } catch (err) {
    console.error(`screenshot: the gallery did not settle within ${TIMEOUT_MS} ms: ${err.message}`);
    status = 1;
  }
  // Let layout and fonts settle after the last draw.
  await page.evaluate(() => document.fonts.ready);

  const summary = await page.evaluate(() => ({
    cards: document.querySelectorAll(".card").length,
    canvases: document.querySelectorAll(".chart canvas").length,
    errors: [...document.querySelectorAll(".chart [role=alert], .status.error")].map((e) =>
      e.textContent.trim(),
    ),
  }));
  mkdirSync(dirname(out), { recursive: true });
  await page.screenshot({ path: out, fullPage: true });
  console.log(
    `screenshot: ${out} (${summary.cards} card(s), ${summary.canvases} canvas(es), ${summary.errors.length} error(s))`,
  );
  for (const e of summary.errors) console.log(`  error shown: ${e}`);
} catch (err) {
  console.error(`screenshot: ${err.stack || err}`);
  status = 1;
} finally {
  await browser?.close();
  server.close();
}
process.exit(status);
