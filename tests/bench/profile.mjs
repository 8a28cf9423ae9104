#!/usr/bin/env node
// Where one library's time goes on one workload: a CDP CPU profile of one
// bench page load (the same page and harness as run.mjs), summarised as the
// top functions by self time and by total time, JS and wasm alike. For
// housing-charts, point --hc-pkg at a build that keeps wasm function names
// (wasm-bindgen's output before wasm-opt, or wasm-opt -g), or wasm frames
// are only numbered.
//
//   node profile.mjs [--lib housing-charts] [--workload line-100k] [--dpr 1]
//                    [--reps 3] [--hc-pkg DIR] [--top 25] [--out FILE.cpuprofile]

import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { chromium } from "playwright-core";
import { BROWSER_ARGS, ROOT, routes, serve } from "./server.mjs";

const o = { lib: "housing-charts", workload: "line-100k", dpr: 1, reps: 3, hcPkg: resolve(ROOT, "www/pkg"), top: 25, out: null };
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  const v = process.argv[++i];
  if (v === undefined) throw new Error(`${a} needs a value`);
  if (a === "--lib") o.lib = v;
  else if (a === "--workload") o.workload = v;
  else if (a === "--dpr") o.dpr = Number(v);
  else if (a === "--reps") o.reps = Number(v);
  else if (a === "--hc-pkg") o.hcPkg = resolve(v);
  else if (a === "--top") o.top = Number(v);
  else if (a === "--out") o.out = resolve(v);
  else throw new Error(`unknown option ${a}`);
}

const server = await serve(routes(o.hcPkg));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", headless: true, args: BROWSER_ARGS });
try {
  const context = await browser.newContext({ deviceScaleFactor: o.dpr, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
  await cdp.send("Profiler.start");
  await page.goto(`${server.url}/pages/${o.lib}.html?w=${o.workload}&reps=${o.reps}`);
  await page.waitForFunction(() => window.__bench?.done === true, null, { timeout: 600_000, polling: 50 });
  const { profile } = await cdp.send("Profiler.stop");
  const result = await page.evaluate(() => window.__bench.result);
  if (o.out) writeFileSync(o.out, JSON.stringify(profile));

  // Self time per node from the samples; total time = self time of the node and its descendants.
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = profile.timeDeltas;
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) || 0) + (dt[i + 1] ?? 0)));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const name = (n) => {
    const f = n.callFrame;
    const file = f.url ? f.url.replace(/^.*\/(lib|pages)\//, "$1/").replace(/\?.*$/, "") : "";
    return `${f.functionName || "(anonymous)"}${file ? ` ${file}${f.lineNumber >= 0 && !file.endsWith(".wasm") ? `:${f.lineNumber + 1}` : ""}` : ""}`;
  };
  const selfBy = new Map();
  const totalBy = new Map();
  for (const [id, t] of self) {
    const k = name(byId.get(id));
    selfBy.set(k, (selfBy.get(k) || 0) + t);
    const seen = new Set(); // each function once per stack (recursion)
    for (let cur = id; cur != null; cur = parent.get(cur)) {
      const kk = name(byId.get(cur));
      if (seen.has(kk)) continue;
      seen.add(kk);
      totalBy.set(kk, (totalBy.get(kk) || 0) + t);
    }
  }
  const all = [...self.values()].reduce((a, b) => a + b, 0);
  const show = (m, title) => {
    console.log(`\n${title}`);
    for (const [k, t] of [...m].sort((a, b) => b[1] - a[1]).slice(0, o.top)) {
      console.log(`${(t / 1000).toFixed(1).padStart(9)} ms ${((100 * t) / all).toFixed(1).padStart(5)}%  ${k}`);
    }
  };
  const f = (x) => (x == null ? "–" : x.toFixed(1));
  console.log(`${o.lib}, ${o.workload}, DPR ${o.dpr}: ${result.ok ? "ok" : `FAILED ${result.error}`}`);
  console.log(
    `first chart ${f(result.ttfcMs)} ms (ready ${f(result.readyMs)}, first render ${f(result.firstRenderMs)}, prep ${f(result.firstPrepMs)}); ` +
      `re-render ${result.rerenderMs?.map(f).join(", ")}; resize ${result.resizeMs?.map(f).join(", ")}`
  );
  console.log(`profile: ${(all / 1000).toFixed(0)} ms sampled`);
  show(selfBy, "top by self time");
  show(totalBy, "top by total time (inclusive)");
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
