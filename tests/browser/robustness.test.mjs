// Host faults, isolation and resources in headless Chromium: a right-to-left
// host page, zero-size / hidden / detached containers, destroy() then
// update(), 200 charts on one page, and memory that returns to its baseline
// after 1,000 updates and 1,000 create/destroy cycles.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { resolve } from "node:path";
import { serve, browser, watch } from "./harness.mjs";

const ROOT = resolve(import.meta.dirname, "../..");
let server, chromium, page, problems;

before(async () => {
  server = await serve(ROOT);
  chromium = await browser();
  page = await chromium.newPage({ viewport: { width: 900, height: 700 } });
  problems = watch(page);
  await page.goto(`${server.url}tests/browser/pages/robust.html`);
  await page.waitForFunction(() => window.ready === true);
});
after(async () => {
  await chromium?.close();
  await server?.close();
});

const BAR = { type: "bar", title: "Africa's housing gap", dataset: "africa-housing-gap" };

test("a right-to-left host page does not flip the chart's text", async () => {
  const r = await page.evaluate((spec) => {
    const div = document.createElement("div");
    div.style.width = "500px";
    document.getElementById("charts").append(div);
    const c = window.hc.render(div, spec);
    // The title is drawn from the left edge: ink in the left tenth of the top rows.
    const ctx = c.canvas.getContext("2d");
    const w = c.canvas.width;
    const { data } = ctx.getImageData(0, 0, Math.round(w / 10), 60);
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] < 128) ink++;
    const out = { error: c.error ?? null, ink, dir: c.canvas.getAttribute("dir") };
    c.destroy();
    div.remove();
    return out;
  }, BAR);
  assert.equal(r.error, null);
  assert.equal(r.dir, "ltr");
  assert.ok(r.ink > 20, `title not drawn at the left edge (${r.ink} dark pixels)`);
});

test("zero-size, hidden and detached containers still give a chart", async () => {
  const r = await page.evaluate((spec) => {
    const out = {};
    const cases = {
      zero: () => Object.assign(document.createElement("div"), { style: "width:0;height:0" }),
      hidden: () => Object.assign(document.createElement("div"), { hidden: true }),
      detached: () => document.createElement("div"),
    };
    for (const [name, make] of Object.entries(cases)) {
      const div = make();
      if (name !== "detached") document.getElementById("charts").append(div);
      const c = window.hc.render(div, spec);
      out[name] = { error: c.error ?? null, width: c.canvas.width };
      c.destroy();
      div.remove();
    }
    return out;
  }, BAR);
  for (const [name, v] of Object.entries(r)) {
    assert.equal(v.error, null, name);
    assert.ok(v.width > 0, `${name}: empty canvas`);
  }
});

test("destroy() then update() is refused; the same element can be rendered again", async () => {
  const r = await page.evaluate((spec) => {
    const div = document.createElement("div");
    document.getElementById("charts").append(div);
    const c = window.hc.render(div, spec);
    c.destroy();
    let refused = null;
    try {
      c.update(spec);
    } catch (e) {
      refused = String(e.message || e);
    }
    const again = window.hc.render(div, spec);
    const out = { refused, children: div.children.length, error: again.error ?? null };
    again.destroy();
    div.remove();
    return out;
  }, BAR);
  assert.match(r.refused, /destroyed/);
  assert.equal(r.error, null);
  assert.ok(r.children >= 1);
});

test("200 charts on one page all render, and a bad one among them harms none", async () => {
  const r = await page.evaluate((spec) => {
    const host = document.getElementById("charts");
    const charts = [];
    for (let i = 0; i < 200; i++) {
      const div = document.createElement("div");
      div.style.width = "240px";
      host.append(div);
      const s = i === 100 ? { type: "bar", data: [{ label: "x", value: "oops" }] } : spec;
      charts.push(window.hc.render(div, s));
    }
    const errors = charts.filter((c) => c.error).length;
    const blank = charts.filter((c, i) => {
      if (i === 100) return false;
      const { data } = c.canvas.getContext("2d").getImageData(0, 0, c.canvas.width, c.canvas.height);
      for (let j = 0; j < data.length; j += 4) if (data[j] !== data[0]) return false;
      return true;
    }).length;
    for (const c of charts) c.destroy();
    host.replaceChildren();
    return { errors, blank };
  }, BAR);
  assert.equal(r.errors, 1);
  assert.equal(r.blank, 0);
});

async function usage() {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("HeapProfiler.collectGarbage");
  const { usedSize } = await cdp.send("Runtime.getHeapUsage");
  await cdp.detach();
  const wasm = await page.evaluate(() => window.hc.memoryBytes());
  return { heap: usedSize, wasm };
}

test("memory returns to its baseline after 1,000 updates and 1,000 create/destroy cycles", async () => {
  // Warm up so that one-time allocations (fonts, caches) are in the baseline.
  await page.evaluate((spec) => {
    const div = document.createElement("div");
    document.getElementById("charts").append(div);
    for (let i = 0; i < 50; i++) window.hc.render(div, spec).destroy();
    div.remove();
  }, BAR);
  const base = await usage();
  await page.evaluate((spec) => {
    const div = document.createElement("div");
    div.style.width = "400px";
    document.getElementById("charts").append(div);
    const c = window.hc.render(div, spec);
    for (let i = 0; i < 1000; i++) c.update({ ...spec, title: `update ${i}` });
    c.destroy();
    c.free();
    for (let i = 0; i < 1000; i++) {
      const d = window.hc.render(div, spec);
      d.destroy();
      d.free();
    }
    div.remove();
  }, BAR);
  const end = await usage();
  const growth = end.heap - base.heap;
  assert.ok(growth < 2_000_000, `JS heap grew by ${growth} bytes`);
  assert.ok(base.wasm > 0);
  assert.ok(end.wasm - base.wasm <= 1 << 20, `wasm memory grew from ${base.wasm} to ${end.wasm} bytes`);
  assert.deepEqual(problems.filter((p) => !/oops|expected a number/.test(p)), []);
});
