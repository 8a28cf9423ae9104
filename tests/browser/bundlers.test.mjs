// The npm package with no bundler configuration (issue 14, part 3): the
// Vite dev server (which pre-bundles dependencies into node_modules/.vite/
// and used to answer the wasm request with the app's index page) and a
// webpack 5 production build, each drawing a chart from a spec and a
// <housing-chart> naming a built-in dataset in Chromium.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { createServer } from "vite";
import webpack from "webpack";
import { browser, inkedPixels, serve, watch } from "./harness.mjs";
import { pack, scratchProject } from "./scratch.mjs";

const MAIN = `import { render, defineElement } from "housing-charts";

async function main() {
  const chart = await render(document.getElementById("chart"), {
    type: "bar",
    title: "Drawn from a bundle",
    data: [{ label: "Lack adequate housing", value: 2.8e9 }, { label: "Live in slums", value: 1.1e9 }],
  });
  defineElement();
  const el = document.createElement("housing-chart");
  el.id = "element";
  el.setAttribute("dataset", "people");
  el.setAttribute("loading", "eager");
  el.addEventListener("chartrender", () => { window.elementDrawn = true; });
  el.addEventListener("charterror", (e) => { window.elementError = e.detail.message; });
  document.body.append(el);
  window.result = { error: chart.error ?? null };
}
main().catch((err) => { window.result = { error: String(err && err.message || err) }; });
`;
const HTML = (src) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>consumer</title></head>
<body><div id="chart" style="width: 600px"></div><script type="module" src="${src}"></script></body></html>
`;

let project, chromium;

before(async () => {
  project = scratchProject("bundlers", pack("bundlers"), { "index.html": HTML("/src/main.js"), "src/main.js": MAIN });
  chromium = await browser();
});

after(async () => {
  await chromium?.close();
  project?.remove();
});

/** Opens `url`, waits for both charts, returns the pixels inked in each and the page's problems. */
async function drawn(url) {
  const page = await chromium.newPage({ viewport: { width: 800, height: 900 } });
  const problems = watch(page);
  try {
    await page.goto(url);
    await page.waitForFunction(() => window.result && (window.elementDrawn || window.elementError), null, { timeout: 30000 });
    const state = await page.evaluate(() => ({ result: window.result, elementError: window.elementError ?? null }));
    assert.deepEqual(state, { result: { error: null }, elementError: null }, JSON.stringify(problems));
    // The API's chart and the element's (Playwright's CSS reaches into its shadow root).
    const inked = await Promise.all([inkedPixels(page, "#chart canvas"), inkedPixels(page, "#element canvas")]);
    return { inked, problems };
  } finally {
    await page.close();
  }
}

test("the Vite dev server, no configuration: the wasm and a built-in dataset load, both charts are drawn", async () => {
  const server = await createServer({
    root: project.dir,
    configFile: false,
    logLevel: "warn",
    server: { host: "127.0.0.1", port: 0, strictPort: false },
  });
  try {
    await server.listen();
    const url = server.resolvedUrls.local[0];
    const { inked, problems } = await drawn(url);
    assert.ok(inked.every((n) => n > 2000), `pixels drawn: ${inked}`);
    assert.deepEqual(problems, []);
  } finally {
    await server.close();
  }
});

test("a webpack 5 production build, no configuration beyond entry and output: both charts are drawn", async () => {
  const out = join(project.dir, "dist-webpack");
  const stats = await new Promise((ok, fail) =>
    webpack(
      { mode: "production", context: project.dir, entry: "./src/main.js", output: { path: out, publicPath: "auto" }, infrastructureLogging: { level: "error" } },
      (err, s) => (err ? fail(err) : ok(s)),
    ),
  );
  assert.ok(!stats.hasErrors(), stats.toString({ all: false, errors: true }));
  const assets = Object.keys(stats.compilation.assets);
  assert.ok(assets.some((f) => f.endsWith(".wasm")), `webpack emitted the wasm: ${assets.join(", ")}`);
  project.write("dist-webpack/index.html", HTML("./main.js"));
  const server = await serve(out);
  try {
    const { inked, problems } = await drawn(server.url);
    assert.ok(inked.every((n) => n > 2000), `pixels drawn: ${inked}`);
    assert.deepEqual(problems, []);
  } finally {
    await server.close();
  }
});
