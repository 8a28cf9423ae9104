// The gallery in headless Chromium: every example spec of data/examples/ is
// drawn (real pixels read back from each canvas), with no error on the page,
// at a phone width and a desktop width.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { resolve } from "node:path";
import { servedBrowser, watch, inkedPixels } from "./harness.mjs";

const examples = readdirSync(resolve(import.meta.dirname, "../../data/examples")).filter((f) => f.endsWith(".json"));
const env = servedBrowser();

for (const width of [280, 1200]) {
  test(`every example is drawn at ${width} px`, async () => {
    const page = await env.chromium.newPage({ viewport: { width, height: 900 }, deviceScaleFactor: 2 });
    const problems = watch(page);
    await page.goto(env.server.url);
    await page.waitForFunction(() => document.documentElement.dataset.gallery === "done", null, { timeout: 60_000 });
    const errors = await page.$$eval("[role=alert]", (els) => els.map((e) => e.textContent));
    assert.deepEqual(errors, [], "charts showed errors");
    assert.equal(await page.locator(".chart canvas").count(), examples.length);
    for (const name of examples) {
      const id = `#example-${name.replace(/\.json$/, "")} canvas`;
      const inked = await inkedPixels(page, id);
      assert.ok(inked > 2000, `${name}: only ${inked} pixels drawn`);
      const { w, cssW } = await page.$eval(id, (c) => ({ w: c.width, cssW: c.getBoundingClientRect().width }));
      assert.ok(Math.abs(w - cssW * 2) <= 2, `${name}: backing store ${w} for ${cssW} CSS px at DPR 2`);
      assert.ok(cssW <= width, `${name}: ${cssW} px wide in a ${width} px page`);
    }
    assert.deepEqual(problems, []);
    await page.close();
  });
}
