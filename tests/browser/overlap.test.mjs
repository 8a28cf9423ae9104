// Text as the reader's browser draws it, with real fonts (the native tests
// measure with a deterministic estimate): every example in the six
// languages at 280 and 640 px, each fillText recorded and measured with the
// canvas's own measureText; no two texts overlap, none leaves the canvas,
// and none is cut without a warning.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { robustPage, servedBrowser } from "./harness.mjs";
import { drawnProblems } from "./text-boxes.mjs";

const ROOT = resolve(import.meta.dirname, "../..");
const env = servedBrowser(ROOT);
const LANGS = ["en", "zh", "fr", "es", "ru", "ar"];
const examples = readdirSync(resolve(ROOT, "data/examples"))
  .filter((f) => f.endsWith(".json"))
  .map((f) => [f, JSON.parse(readFileSync(resolve(ROOT, "data/examples", f), "utf8"))]);

for (const width of [280, 640]) {
  test(`no drawn text overlaps another or leaves the chart at ${width} px, in six languages, with real fonts`, { timeout: 180_000 }, async () => {
    const { page, problems } = await robustPage(env, { viewport: { width: 1300, height: 900 }, deviceScaleFactor: 2 });
    const found = [];
    for (const lang of LANGS) {
      const specs = examples.map(([f, s]) => [`${f} ${lang}`, { ...s, locale: lang }]);
      found.push(...(await page.evaluate(drawnProblems, { specs, width })));
    }
    assert.deepEqual(found, [], `${found.length} problems:\n${found.join("\n")}`);
    assert.deepEqual(problems, []);
    await page.close();
  });
}
