// Reader preferences and real pointer input in headless Chromium: dark mode
// by prefers-color-scheme, no animation under prefers-reduced-motion (the
// chart is complete the moment render() returns), a tooltip on real hover.
import { test } from "node:test";
import assert from "node:assert/strict";
import { resolve } from "node:path";
import { servedBrowser, watch } from "./harness.mjs";

const ROOT = resolve(import.meta.dirname, "../..");
const env = servedBrowser(ROOT);

async function open(media) {
  const page = await env.chromium.newPage({ viewport: { width: 800, height: 600 } });
  await page.emulateMedia(media);
  const problems = watch(page);
  await page.goto(`${env.server.url}tests/browser/pages/robust.html`);
  await page.waitForFunction(() => window.ready === true);
  return { page, problems };
}

const SPEC = { type: "bar", orientation: "vertical", title: "Homeless", data: [{ label: "Homeless", value: 3e8, qualifier: "more-than" }] };

test("prefers-color-scheme: dark gives the dark theme; a spec's theme wins", async () => {
  const { page, problems } = await open({ colorScheme: "dark" });
  const px = await page.evaluate((spec) => {
    const div = document.createElement("div");
    div.style.width = "400px";
    document.body.append(div);
    const corner = (c) => Array.from(c.canvas.getContext("2d").getImageData(1, 1, 1, 1).data);
    const dark = corner(window.hc.render(div, spec));
    const light = corner(window.hc.render(div, { ...spec, theme: "light" }));
    return { dark, light };
  }, SPEC);
  assert.ok(px.dark[0] < 40 && px.dark[1] < 40 && px.dark[2] < 40, `background ${px.dark}`);
  assert.deepEqual(px.light, [255, 255, 255, 255]);
  assert.deepEqual(problems, []);
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
