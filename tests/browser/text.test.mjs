// Text and input in headless Chromium (issue 15): what reaches the canvas.
//  - a label of family emoji cut to fit breaks and ends in "…" only between
//    grapheme clusters (the wasm asks the browser's Intl.Segmenter);
//  - bidi overrides and controls in a label reach neither the canvas, nor
//    the chart's aria-label, nor its data table;
//  - a spec string with a BOM draws; a lone surrogate from the JS API draws,
//    as U+FFFD.
import { test } from "node:test";
import assert from "node:assert/strict";
import { resolve } from "node:path";
import { robustPage, servedBrowser } from "./harness.mjs";

const ROOT = resolve(import.meta.dirname, "../..");
const env = servedBrowser(ROOT);
const TIMEOUT = { timeout: 120_000 };

const open = () => robustPage(env, { viewport: { width: 900, height: 800 } });

/** In the page: renders `spec` (an object or JSON text) at `width` and returns every fillText, the aria-label and the table's text. */
function drawn({ spec, width }) {
  const fillText = CanvasRenderingContext2D.prototype.fillText;
  const texts = [];
  CanvasRenderingContext2D.prototype.fillText = function (text, ...rest) {
    texts.push(text);
    return fillText.call(this, text, ...rest);
  };
  const div = document.createElement("div");
  div.style.width = `${width}px`;
  document.body.append(div);
  try {
    const chart = window.hc.render(div, spec);
    const canvas = div.querySelector("canvas");
    const out = { texts, aria: canvas?.getAttribute("aria-label") ?? "", table: div.querySelector("table")?.textContent ?? "", warnings: chart.warnings };
    chart.destroy();
    chart.free();
    return out;
  } finally {
    CanvasRenderingContext2D.prototype.fillText = fillText;
    div.remove();
  }
}

test("labels are cut and wrapped between grapheme clusters, never inside a family emoji", TIMEOUT, async () => {
  const { page, problems } = await open();
  const family = "👨‍👩‍👧";
  const spec = { type: "bar", orientation: "horizontal", title: family.repeat(40), data: [{ label: family.repeat(30), value: 1 }] };
  const { texts, warnings } = await page.evaluate(drawn, { spec, width: 280 });
  const emoji = texts.filter((t) => t.includes("\u200d"));
  assert.ok(emoji.length >= 2, `wrapped lines drawn: ${JSON.stringify(texts)}`);
  for (const t of emoji) {
    const body = t.replace(/\u2026$/, "");
    assert.equal(body.replaceAll(family, ""), "", `a line splits a cluster: ${JSON.stringify(t)}`);
  }
  assert.ok(emoji.some((t) => t.endsWith("\u2026")), "the cut title ends in …");
  assert.ok(warnings.some((w) => w.includes("shortened")), JSON.stringify(warnings));
  assert.deepEqual(problems, []);
  await page.close();
});

test("bidi overrides and controls in a label reach neither canvas, aria-label nor table", TIMEOUT, async () => {
  const { page, problems } = await open();
  const spec = { type: "bar", title: "Slums\u202e 300\u2066 x\u2069", data: [{ label: "A\u202d\u0007B", value: 1 }, { label: "C", value: 2 }] };
  const { texts, aria, table } = await page.evaluate(drawn, { spec, width: 640 });
  const bad = /[\u202a-\u202e\u2066-\u2069\u0000-\u0008\ufeff]/;
  for (const t of [...texts, aria, table]) assert.ok(!bad.test(t), `control reached the page: ${JSON.stringify(t)}`);
  assert.ok(texts.includes("AB"), JSON.stringify(texts));
  assert.ok(aria.includes("AB"), aria);
  assert.deepEqual(problems, []);
  await page.close();
});

test("a lone surrogate from the JS API draws as U+FFFD instead of failing", TIMEOUT, async () => {
  const { page, problems } = await open();
  const { texts } = await page.evaluate(drawn, { spec: { type: "bar", title: "a\ud800b", data: [{ label: "x", value: 1 }] }, width: 640 });
  assert.ok(texts.includes("a\ufffdb"), JSON.stringify(texts));
  assert.deepEqual(problems, []);
  await page.close();
});

test("spec text with a byte-order mark draws", TIMEOUT, async () => {
  const { page, problems } = await open();
  const { texts } = await page.evaluate(drawn, { spec: '\ufeff{"type": "bar", "title": "BOM", "data": [{"label": "x", "value": 1}]}', width: 640 });
  assert.ok(texts.includes("BOM"), JSON.stringify(texts));
  assert.deepEqual(problems, []);
  await page.close();
});
