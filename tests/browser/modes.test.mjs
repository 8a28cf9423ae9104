// Reader preferences and real pointer input in headless Chromium: light by
// default, dark by prefers-color-scheme only when the spec (theme "auto")
// or the page (color-scheme: light dark) opts in, no animation under prefers-reduced-motion (the
// chart is complete the moment render() returns), a tooltip on real hover.
import { test } from "node:test";
import assert from "node:assert/strict";
import { resolve } from "node:path";
import { robustPage, servedBrowser } from "./harness.mjs";

const ROOT = resolve(import.meta.dirname, "../..");
const env = servedBrowser(ROOT);

const open = (media) => robustPage(env, { viewport: { width: 800, height: 600 }, media });

const SPEC = { type: "bar", orientation: "vertical", title: "Homeless", data: [{ label: "Homeless", value: 3e8, qualifier: "more-than" }] };

test("a reader who prefers dark: light by default, dark with theme \"auto\" or on a page declaring color-scheme: light dark", async () => {
  const { page, problems } = await open({ colorScheme: "dark" });
  const px = await page.evaluate((spec) => {
    const corner = (c) => Array.from(c.canvas.getContext("2d").getImageData(1, 1, 1, 1).data);
    const draw = (s, css = "") => {
      const div = document.createElement("div");
      div.style.cssText = `width: 400px; ${css}`;
      document.body.append(div);
      return corner(window.hc.render(div, s));
    };
    return {
      plain: draw(spec),
      auto: draw({ ...spec, theme: "auto" }),
      autoBase: draw({ ...spec, theme: { base: "auto", radius: 2 } }),
      following: draw(spec, "color-scheme: light dark"),
      light: draw({ ...spec, theme: "light" }, "color-scheme: light dark"),
    };
  }, SPEC);
  const dark = (p) => p[0] < 40 && p[1] < 40 && p[2] < 40;
  assert.deepEqual(px.plain, [255, 255, 255, 255], "no theme: light, whatever the reader prefers");
  for (const k of ["auto", "autoBase", "following"]) assert.ok(dark(px[k]), `${k}: background ${px[k]}`);
  assert.deepEqual(px.light, [255, 255, 255, 255], "an explicit theme wins");
  assert.deepEqual(problems, []);
  await page.close();
});

test("a reader who prefers light: theme \"auto\" is light", async () => {
  const { page } = await open({ colorScheme: "light" });
  const px = await page.evaluate((spec) => {
    const div = document.createElement("div");
    div.style.width = "400px";
    document.body.append(div);
    return Array.from(window.hc.render(div, { ...spec, theme: "auto" }).canvas.getContext("2d").getImageData(1, 1, 1, 1).data);
  }, SPEC);
  assert.deepEqual(px, [255, 255, 255, 255]);
  await page.close();
});

test("prefers-reduced-motion: the chart is complete when render() returns", async () => {
  const { page } = await open({ reducedMotion: "reduce" });
  const r = await page.evaluate((spec) => {
    const div = document.createElement("div");
    div.style.width = "400px";
    document.body.append(div);
    const c = window.hc.render(div, spec);
    const snap = () => c.canvas.toDataURL();
    const now = snap();
    return new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(() => ok({ same: snap() === now }))));
  }, SPEC);
  assert.equal(r.same, true, "the canvas changed after render(): something animates");
  await page.close();
});

test("hovering a bar shows its tooltip; leaving hides it", async () => {
  const { page, problems } = await open({});
  const box = await page.evaluate((spec) => {
    const div = document.createElement("div");
    div.id = "hover";
    div.style.width = "400px";
    document.body.append(div);
    window.C = window.hc.render(div, spec);
    return window.C.canvas.getBoundingClientRect().toJSON();
  }, SPEC);
  // The single bar is centred; hover its middle, 70% down.
  await page.mouse.move(box.x + box.width * 0.55, box.y + box.height * 0.7);
  const tip = page.locator("#hover .housing-chart-tooltip");
  await tip.waitFor({ state: "visible" });
  const text = await tip.textContent();
  assert.match(text, /more than 300\u00a0million/);
  const t = await tip.boundingBox();
  assert.ok(t.x >= box.x - 1 && t.x + t.width <= box.x + box.width + 1, "tooltip leaves the chart");
  await page.mouse.move(box.x + box.width + 50, box.y + box.height + 50);
  await tip.waitFor({ state: "hidden" });
  assert.deepEqual(problems, []);
  await page.close();
});
