// Shared by the node browser tests: serves www/ (built by `make build`) on a
// free loopback port and launches Debian's headless Chromium (playwright-core,
// never a downloaded browser).
import { createServer } from "node:http";
import { resolve } from "node:path";
import sirv from "sirv";
import { chromium } from "playwright-core";
import { before, after } from "node:test";

const ROOT = resolve(import.meta.dirname, "../..");

/** Serves `dir` (default www/); `extra(req, res)` may answer first (return true). */
export async function serve(dir = resolve(ROOT, "www"), extra = () => false) {
  const files = sirv(dir, { dev: true });
  const server = createServer((req, res) => {
    if (extra(req, res)) return;
    files(req, res, () => {
      res.statusCode = 404;
      res.end("Not found\n");
    });
  });
  await new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(0, "127.0.0.1", ok);
  });
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () =>
      new Promise((ok) => {
        server.close(ok);
        // A browser's keep-alive connection would hold close() (and the
        // test process) open after the tests: end them all now.
        server.closeAllConnections();
      }),
  };
}

export async function browser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
}

/**
 * For a test file: serves `dir` (see `serve`) and launches Chromium before its
 * tests, closes both after them. Returns `{ server, chromium }`, filled in
 * once the tests run.
 */
export function servedBrowser(dir, extra) {
  const env = { server: null, chromium: null };
  before(async () => {
    env.server = await serve(dir, extra);
    env.chromium = await browser();
  });
  after(async () => {
    await env.chromium?.close();
    await env.server?.close();
  });
  return env;
}

/**
 * A new page on pages/robust.html (the engine loaded, every dataset given,
 * `window.hc` ready), watched for problems; `media` is emulated first.
 */
export async function robustPage(env, { media, ...options } = {}) {
  const page = await env.chromium.newPage(options);
  if (media) await page.emulateMedia(media);
  const problems = watch(page);
  await page.goto(`${env.server.url}tests/browser/pages/robust.html`);
  await page.waitForFunction(() => window.ready === true);
  return { page, problems };
}

/** Collects console errors and page exceptions (404s of favicon aside). */
export function watch(page) {
  const problems = [];
  page.on("console", (m) => {
    if (m.type() === "error" && !/favicon/.test(m.location()?.url ?? "")) problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`exception: ${e.message}`));
  return problems;
}

/** In the page: how many pixels of `canvas` differ from its top-left pixel. */
export function inkedPixels(page, selector) {
  return page.$eval(selector, (canvas) => {
    const ctx = canvas.getContext("2d");
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let n = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2]) n++;
    }
    return n;
  });
}
