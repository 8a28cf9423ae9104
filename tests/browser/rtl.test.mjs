// Right-to-left text in headless Chromium, read back from what is drawn:
//  - inline SVG (renderSvg) in an RTL page and in an LTR page: the glyph
//    positions of every text that mixes Arabic and digits (read with
//    SVGTextContentElement.getExtentOfChar) put logically earlier runs to
//    the right in an Arabic chart, and an English chart stays left to right
//    with its title inside the chart on a right-to-left page;
//  - the canvas: every fillText of a mixed Arabic-and-digit string is
//    recorded; the pixels the chart drew there match that string drawn with
//    a right-to-left base and differ from it drawn left to right.
// The host page (pages/robust.html) is itself dir="rtl".
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { robustPage, servedBrowser } from "./harness.mjs";

const ROOT = resolve(import.meta.dirname, "../..");
const env = servedBrowser(ROOT);
const TIMEOUT = { timeout: 120_000 };

const example = (name, locale) => ({ ...JSON.parse(readFileSync(resolve(ROOT, `data/examples/${name}.json`), "utf8")), locale });
// Mixed strings the issue saw misordered: "130 مليون (متوقع)", "+51 مليون",
// "350–500 مليون", "2030 (متوقع)", a title starting with "58%", axis ticks.
const ARABIC = [
  example("africa-gap-arrow", "ar"),
  example("africa-gap-line", "ar"),
  example("children-range-bars", "ar"),
  example("urban-share-donut", "ar"),
  example("people-bars", "ar"),
  { type: "bar", locale: "ar", title: "58% من سكان العالم يعيشون في المدن", data: [{ label: "المدن", value: 58 }, { label: "الريف", value: 42 }], numberFormat: "percent" },
];

const open = () => robustPage(env, { viewport: { width: 900, height: 800 } });

/** In the page: each <text> of the inline SVG as runs of Arabic letters and of digits, with their x centres. */
function svgRuns({ svgText, pageDir }) {
  const host = document.createElement("div");
  host.dir = pageDir;
  host.innerHTML = svgText; // our own renderer's output, escaped text
  document.body.append(host);
  const kind = (c) => (/[0-9]/.test(c) ? "digit" : /[\u0600-\u06ff]/.test(c) ? "arabic" : /[A-Za-z]/.test(c) ? "latin" : null);
  const out = [];
  for (const t of host.querySelectorAll("text")) {
    // Addressable characters: plotters writes the text between newlines, which collapse away.
    const s = t.textContent.trim();
    const runs = [];
    for (let i = 0; i < s.length && i < t.getNumberOfChars(); i++) {
      const k = kind(s[i]);
      if (!k) continue;
      const e = t.getExtentOfChar(i);
      const last = runs[runs.length - 1];
      if (last && last.kind === k && last.end === i - 1) {
        last.sum += e.x + e.width / 2;
        last.n += 1;
        last.end = i;
      } else runs.push({ kind: k, start: i, end: i, sum: e.x + e.width / 2, n: 1 });
    }
    const box = t.getBBox();
    out.push({ text: s, box: { x: box.x, w: box.width }, runs: runs.map((r) => ({ kind: r.kind, start: r.start, x: r.sum / r.n })) });
  }
  const width = host.querySelector("svg").viewBox.baseVal.width;
  host.remove();
  return { width, texts: out };
}

test("inline SVG: Arabic text reads right to left, in an RTL page and in an LTR page", TIMEOUT, async () => {
  const { page, problems } = await open();
  let mixed = 0;
  for (const spec of ARABIC) {
    const svg = await page.evaluate((s) => window.hc.renderSvg(s, 640), spec);
    for (const dir of ["rtl", "ltr"]) {
      const { width, texts } = await page.evaluate(svgRuns, { svgText: svg, pageDir: dir });
      for (const t of texts) {
        assert.ok(t.box.x >= -1 && t.box.x + t.box.w <= width + 1, `${spec.title ?? spec.dataset} (${dir} page): "${t.text}" leaves the chart (${t.box.x.toFixed(0)}–${(t.box.x + t.box.w).toFixed(0)} of ${width})`);
        const runs = t.runs.filter((r) => r.kind !== "latin");
        if (!runs.some((r) => r.kind === "digit") || !runs.some((r) => r.kind === "arabic")) continue;
        mixed += 1;
        // In a right-to-left line, runs follow each other from right to left.
        for (let i = 1; i < runs.length; i++) {
          if (runs[i].kind === runs[i - 1].kind) continue;
          assert.ok(runs[i - 1].x > runs[i].x, `"${t.text}" (${dir} page): "${t.text.slice(runs[i - 1].start)}" should start right of "${t.text.slice(runs[i].start)}" (${runs[i - 1].x.toFixed(1)} vs ${runs[i].x.toFixed(1)})`);
        }
      }
    }
  }
  assert.match(await page.evaluate((s) => window.hc.renderSvg(s, 640), ARABIC[0]), /^<svg direction="rtl"/);
  assert.ok(mixed >= 20, `only ${mixed} mixed Arabic-and-digit texts were checked`);

  // An English chart pasted into this right-to-left page keeps its order and its place.
  const en = await page.evaluate((s) => window.hc.renderSvg(s, 640), example("africa-gap-arrow", "en"));
  assert.match(en, /^<svg direction="ltr"/);
  const { texts } = await page.evaluate(svgRuns, { svgText: en, pageDir: "rtl" });
  const title = texts[0];
  assert.ok(title.box.x >= 15 && title.box.x <= 18, `English title starts at ${title.box.x} (anchored at 16)`);
  const value = texts.find((t) => /^130\s?(M\b|million)/.test(t.text.trim()));
  assert.ok(value, "the projected end is drawn");
  const [digits, word] = [value.runs[0], value.runs.find((r) => r.kind === "latin")];
  assert.ok(digits.x < word.x, `"${value.text}" is not left to right`);
  assert.deepEqual(problems, []);
  await page.close();
});

test("canvas: mixed Arabic-and-digit labels are drawn with a right-to-left base", TIMEOUT, async () => {
  const { page, problems } = await open();
  const results = await page.evaluate((specs) => {
    // Each chart is drawn three times per mixed text: as it is, and without
    // that one fillText (then the text is drawn on that copy with a
    // right-to-left and with a left-to-right base, and both are compared
    // with the chart as drawn).
    const fillText = CanvasRenderingContext2D.prototype.fillText;
    let calls = [];
    let skip = -1;
    CanvasRenderingContext2D.prototype.fillText = function (text, x, y, ...rest) {
      const i = calls.length;
      calls.push({ canvas: this.canvas, text, x, y, font: this.font, fill: this.fillStyle, align: this.textAlign, baseline: this.textBaseline, direction: this.direction });
      if (i === skip) return undefined;
      return fillText.call(this, text, x, y, ...rest);
    };
    const draw = (spec) => {
      const div = document.createElement("div");
      div.style.width = "640px";
      div.dir = "ltr"; // the chart's direction is its own, whatever its container's
      document.body.append(div);
      calls = [];
      const chart = window.hc.render(div, spec);
      const canvas = div.querySelector("canvas");
      const ctx = canvas.getContext("2d");
      const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height);
      const mine = calls.filter((c) => c.canvas === canvas);
      chart.destroy();
      chart.free();
      div.remove();
      return { pixels, calls: mine, all: calls.length };
    };
    const mixed = (s) => /[0-9]/.test(s) && /[\u0600-\u06ff]/.test(s);
    const out = [];
    for (const spec of specs) {
      skip = -1;
      const full = draw(spec);
      full.calls.forEach((c, k) => {
        if (!mixed(c.text)) return;
        skip = k;
        const without = draw(spec);
        skip = -1;
        const diff = (direction) => {
          const scratch = document.createElement("canvas");
          scratch.width = without.pixels.width;
          scratch.height = without.pixels.height;
          const s = scratch.getContext("2d");
          s.putImageData(without.pixels, 0, 0);
          Object.assign(s, { font: c.font, fillStyle: c.fill, textAlign: c.align, textBaseline: c.baseline, direction });
          fillText.call(s, c.text, c.x, c.y);
          const a = full.pixels.data;
          const b = s.getImageData(0, 0, scratch.width, scratch.height).data;
          let n = 0;
          for (let i = 0; i < a.length; i += 4) {
            if (Math.abs(a[i] - b[i]) + Math.abs(a[i + 1] - b[i + 1]) + Math.abs(a[i + 2] - b[i + 2]) > 24) n++;
          }
          return n;
        };
        out.push({ text: c.text, direction: c.direction, rtl: diff("rtl"), ltr: diff("ltr") });
      });
    }
    CanvasRenderingContext2D.prototype.fillText = fillText;
    return out;
  }, ARABIC);
  if (process.env.RTL_DEBUG) console.log(results);
  for (const r of results) {
    assert.equal(r.direction, "rtl", `"${r.text}" drawn with direction ${r.direction}`);
    // Drawn right to left, the text is exactly what the chart shows.
    assert.equal(r.rtl, 0, `"${r.text}": the chart differs from it drawn right to left in ${r.rtl} pixels`);
  }
  const orderMatters = results.filter((r) => r.ltr > 0);
  assert.ok(orderMatters.length >= 15, `only ${orderMatters.length} texts whose order depends on the direction: ${JSON.stringify(results.slice(0, 5))}`);

  assert.deepEqual(problems, []);
  await page.close();
});
