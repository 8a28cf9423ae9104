#!/usr/bin/env node
// The benchmark of issue 6: housing-charts against a hand-written Canvas2D
// baseline and four charting libraries (Chart.js, uPlot, ECharts, Vega-Lite),
// in Debian's headless Chromium. `make bench` runs `make build` first, then
// this (after `npm ci` here when node_modules is missing or stale).
//
//   node run.mjs [--rounds 5] [--bars-rounds 9] [--reps 3] [--budget MS] [--libs a,b]
//                [--workloads a,b] [--dprs 1,2] [--slow-ms MS] [--slow-rounds N]
//                [--hc-pkg DIR] [--out DIR] [--timeout SECONDS] [--no-screenshots] [--no-publish]
//
// --rounds: rounds of every workload; `bars` (the headline: time to first
// chart against the baseline and every peer, about 1 s a load) gets
// --bars-rounds (default 2 × rounds − 1, so 9; never fewer than --rounds), as
// its cheap loads are the ones most at the mercy of a busy machine.
// --reps: re-renders and resizes per page load, each phase cut short once it
// has taken --budget ms (default 1000; at least one of each; resizes go in
// pairs, narrow and back, while the budget allows). --libs defaults to
// canvas2d,housing-charts,chartjs,uplot,echarts,vega; housing-charts-preload
// (the same page with <link rel=preload> for the glue and the wasm) is extra.
// A library/workload/DPR whose round-1 page load took
// longer than --slow-ms (default 8000: Vega-Lite's million points, 25-40 s a
// load) runs only --slow-rounds rounds (default 2), so one slow library does
// not double the run; its cells say n=2.
//
// A default run (all libraries, workloads and DPRs, at least the default
// rounds, nothing failed) also copies results.md, chart-spec.json and
// chart.png to tests/bench/results/ (committed; the README links them), unless
// --no-publish.
//
// Each (round, workload, devicePixelRatio, library) is one cold page load in a
// fresh browser context (empty HTTP, code and wasm caches): the libraries are
// interleaved A B C … A B C … (the first one rotating each round). A page
// (pages/<library>.html) loads its library as a site would, and pages/harness.js
// measures in the page; tests/bench/README.md says what each number means.
//
// Writes target/bench/results.json, results.md, chart-spec.json (the headline
// as a housing-charts spec), chart.png (that spec drawn by housing-charts) and
// screenshots/<library>-<workload>-dpr<n>.png. Exits 1 if any chart was blank
// or errored (results.md says which and why), 2 on bad usage.

import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { dirname, extname, join, relative, resolve } from "node:path";
import { brotliCompressSync, constants as zlibConstants, gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { BROWSER_ARGS, ROOT, fileOf, routes, serve } from "./server.mjs";

const HERE = import.meta.dirname;

// --- options ---------------------------------------------------------------------

const LIBRARIES = {
  canvas2d: { title: "Canvas2D baseline", short: "Canvas2D (no library)" },
  "housing-charts": { title: "housing-charts", short: "housing-charts" },
  // Not run by default (--libs …,housing-charts-preload): the same page with the glue and wasm preloaded.
  "housing-charts-preload": { title: "housing-charts (preloaded)", short: "housing-charts, wasm preloaded", optional: true },
  chartjs: { title: "Chart.js", short: "Chart.js", pkg: "chart.js" },
  uplot: { title: "uPlot", short: "uPlot", pkg: "uplot" },
  echarts: { title: "ECharts", short: "ECharts", pkg: "echarts" },
  vega: { title: "Vega-Lite", short: "Vega-Lite", pkg: ["vega", "vega-lite", "vega-embed"] },
};
const WORKLOADS = {
  bars: "the housing bar chart (6 bars, title, axis, value labels), 640×400",
  "line-1k": "a line of 1,000 points, 640×400",
  "line-100k": "a line of 100,000 points, 640×400",
  "line-1m": "a line of 1,000,000 points, 640×400",
  "bars-50": "50 small bar charts (240×180) on one page, all timed together",
};

function parseArgs(argv) {
  const o = {
    rounds: 5,
    barsRounds: null, // 2 × rounds − 1
    reps: 3,
    budget: 1000,
    slowMs: 8000,
    slowRounds: 2,
    libs: Object.keys(LIBRARIES).filter((l) => !LIBRARIES[l].optional),
    workloads: Object.keys(WORKLOADS),
    dprs: [1, 2],
    hcPkg: resolve(ROOT, "www/pkg"),
    out: resolve(ROOT, "target/bench"),
    timeout: 90,
    screenshots: true,
    publish: true,
  };
  const list = (v, known, what) => {
    const xs = v.split(",").map((s) => s.trim()).filter(Boolean);
    for (const x of xs) if (!(x in known)) usage(`unknown ${what} ${x} (known: ${Object.keys(known).join(", ")})`);
    return xs;
  };
  for (let i = 2; i < argv.length; i++) {
    const a = argv[i];
    const v = () => {
      if (i + 1 >= argv.length) usage(`${a} needs a value`);
      return argv[++i];
    };
    const int = (x, min) => {
      const n = Number(x);
      if (!Number.isInteger(n) || n < min) usage(`${a}: expected an integer ≥ ${min}, got ${x}`);
      return n;
    };
    if (a === "--rounds") o.rounds = int(v(), 1);
    else if (a === "--bars-rounds") o.barsRounds = int(v(), 1);
    else if (a === "--reps") o.reps = int(v(), 1);
    else if (a === "--budget") o.budget = int(v(), 0);
    else if (a === "--libs") o.libs = list(v(), LIBRARIES, "library");
    else if (a === "--workloads") o.workloads = list(v(), WORKLOADS, "workload");
    else if (a === "--dprs") o.dprs = v().split(",").map((x) => int(x, 1));
    else if (a === "--hc-pkg") o.hcPkg = resolve(v());
    else if (a === "--out") o.out = resolve(v());
    else if (a === "--timeout") o.timeout = int(v(), 1);
    else if (a === "--no-screenshots") o.screenshots = false;
    else if (a === "--no-publish") o.publish = false;
    else if (a === "--slow-ms") o.slowMs = int(v(), 0);
    else if (a === "--slow-rounds") o.slowRounds = int(v(), 1);
    else if (a === "-h" || a === "--help") usage();
    else usage(`unknown option ${a}`);
  }
  o.barsRounds ??= 2 * o.rounds - 1;
  return o;
}

function usage(msg) {
  const lines = readFileSync(new URL(import.meta.url), "utf8").split("\n").slice(1);
  const text = lines.slice(0, lines.findIndex((l) => !l.startsWith("//"))).map((l) => l.replace(/^\/\/ ?/, "")).join("\n");
  if (msg) console.error(`bench: ${msg}\n`);
  console.error(text);
  process.exit(msg ? 2 : 0);
}

// --- statistics ----------------------------------------------------------------------

function stats(xs) {
  const v = xs.filter((x) => typeof x === "number" && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const m = v.length >> 1;
  const median = v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
  return { median, min: v[0], max: v[v.length - 1], n: v.length };
}

const KiB = (b) => b / 1024;
const MiB = (b) => b / (1024 * 1024);

// --- one page load -----------------------------------------------------------------

async function load(browser, base, lib, workload, dpr, opts, { screenshot } = {}) {
  const context = await browser.newContext({ deviceScaleFactor: dpr, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  const responses = [];
  page.on("pageerror", (e) => problems.push(`exception: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  page.on("response", (r) => responses.push({ url: r.url(), status: r.status() }));
  page.on("crash", () => problems.unshift("the page crashed (Chromium's renderer died: out of memory?)"));
  const url = `${base}/pages/${lib}.html?w=${workload}&reps=${opts.reps}&budget=${opts.budget}`;
  const out = { library: lib, workload, dpr };
  const t0 = Date.now();
  try {
    const cdp = await context.newCDPSession(page);
    await page.goto(url, { waitUntil: "load", timeout: opts.timeout * 1000 });
    await page.waitForFunction(() => window.__bench?.done === true, null, { timeout: opts.timeout * 1000, polling: 50 });
    Object.assign(out, await page.evaluate(() => window.__bench.result));
    // JS heap with the last charts live, after a full GC.
    await cdp.send("HeapProfiler.collectGarbage");
    out.heap = await cdp.send("Runtime.getHeapUsage");
    if (screenshot && out.ok) {
      mkdirSync(dirname(screenshot), { recursive: true });
      // One chart: its container; 50: the whole page of them.
      const one = (await page.locator("#root > .chart").count()) === 1;
      await page.locator(one ? "#root > .chart" : "#root").screenshot({ path: screenshot });
      out.screenshot = relative(ROOT, screenshot);
    }
  } catch (e) {
    out.ok = false;
    const msg = /Timeout \d+ms exceeded/.test(e.message) ? `timed out after ${opts.timeout} s` : e.message.split("\n")[0];
    out.error = `${out.error ? out.error + "; " : ""}${msg}`;
  }
  const failed = responses.filter((r) => r.status >= 400 && !/favicon/.test(r.url));
  if (failed.length) {
    out.ok = false;
    out.error = `${out.error ? out.error + "; " : ""}HTTP ${failed.map((r) => `${r.status} ${r.url}`).join(", ")}`;
  }
  if (!out.ok && problems.length) out.error = `${out.error ?? "failed"} [${problems.slice(0, 3).join(" | ")}]`;
  out.loaded = responses.map((r) => r.url);
  await context.close().catch(() => {});
  out.wallMs = Date.now() - t0;
  return out;
}

// --- bytes shipped -------------------------------------------------------------------

/** The library's own files a page loaded (under /lib/), with raw, gzip -9 and brotli q11 sizes. */
function bytesOf(table, urls) {
  const files = [];
  for (const u of new Set(urls)) {
    const path = new URL(u).pathname;
    if (!path.startsWith("/lib/")) continue;
    const file = fileOf(table, path);
    if (!file) continue;
    const buf = readFileSync(file);
    files.push({
      url: path,
      file: relative(ROOT, file),
      kind: extname(file) === ".css" ? "css" : extname(file) === ".wasm" ? "wasm" : "js",
      raw: buf.length,
      gzip: gzipSync(buf, { level: 9 }).length,
      brotli: brotliCompressSync(buf, {
        params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: buf.length },
      }).length,
    });
  }
  const sum = (fs) => ({
    raw: fs.reduce((a, f) => a + f.raw, 0),
    gzip: fs.reduce((a, f) => a + f.gzip, 0),
    brotli: fs.reduce((a, f) => a + f.brotli, 0),
  });
  return { files, total: sum(files.filter((f) => f.kind !== "css")), css: sum(files.filter((f) => f.kind === "css")) };
}

// --- versions --------------------------------------------------------------------------

function versions(opts) {
  const v = {};
  for (const [lib, info] of Object.entries(LIBRARIES)) {
    if (!info.pkg) continue;
    v[lib] = [info.pkg]
      .flat()
      .map((p) => `${p}@${JSON.parse(readFileSync(join(HERE, "node_modules", p, "package.json"), "utf8")).version}`)
      .join(" + ");
  }
  let rev = "";
  try {
    rev = execFileSync("git", ["-C", ROOT, "describe", "--always", "--dirty"], { encoding: "utf8" }).trim();
  } catch {}
  const cargo = readFileSync(join(ROOT, "Cargo.toml"), "utf8").match(/^version\s*=\s*"([^"]+)"/m)?.[1];
  v["housing-charts"] = `housing-charts@${cargo}${rev ? ` (${rev})` : ""} from ${relative(ROOT, opts.hcPkg) || "."}`;
  v.canvas2d = "tests/bench/lib/canvas2d.js";
  return v;
}

// --- report ---------------------------------------------------------------------------------

const METRICS = [
  ["ttfcMs", "Time to first chart (ms): navigation start → pixels readable"],
  ["rerenderMs", "Re-render into a fresh canvas (ms)"],
  ["resizeMs", "Re-render after a container resize (ms)"],
  ["readyMs", "Library ready (ms): navigation start → library loaded and initialised"],
  ["firstRenderMs", "First render (ms): library ready → pixels readable"],
  ["heapUsedMiB", "JS heap used after GC, charts live (MiB)"],
  ["wasmMiB", "wasm linear memory (MiB)"],
];

function summarize(runs, libs, workloads, dprs) {
  const s = {};
  for (const lib of libs) {
    s[lib] = {};
    for (const w of workloads) {
      s[lib][w] = {};
      for (const dpr of dprs) {
        const rs = runs.filter((r) => r.library === lib && r.workload === w && r.dpr === dpr);
        const ok = rs.filter((r) => r.ok);
        const failed = rs.find((r) => !r.ok);
        s[lib][w][`dpr${dpr}`] = {
          loads: rs.length,
          ok: ok.length,
          error: failed ? failed.error : undefined,
          ttfcMs: stats(ok.map((r) => r.ttfcMs)),
          readyMs: stats(ok.map((r) => r.readyMs)),
          firstRenderMs: stats(ok.map((r) => r.firstRenderMs)),
          firstPrepMs: stats(ok.map((r) => r.firstPrepMs)),
          rerenderMs: stats(ok.flatMap((r) => r.rerenderMs)),
          rerenderPrepMs: stats(ok.flatMap((r) => r.rerenderPrepMs)),
          resizeMs: stats(ok.flatMap((r) => r.resizeMs)),
          heapUsedMiB: stats(ok.map((r) => r.heap && MiB(r.heap.usedSize))),
          backingStorageMiB: stats(ok.map((r) => (r.heap?.backingStorageSize != null ? MiB(r.heap.backingStorageSize) : undefined))),
          wasmMiB: stats(ok.map((r) => (r.memory?.wasmBytes != null ? MiB(r.memory.wasmBytes) : undefined))),
          backing: ok[0]?.backing,
          // The canvas drawn, in CSS px (the container was the workload's size).
          canvasCss: ok[0]?.backing ? `${Math.round(ok[0].backing.width / dpr)}×${Math.round(ok[0].backing.height / dpr)}` : undefined,
          warnings: [...new Set(ok.flatMap((r) => r.warnings ?? []))],
          // Lines: every load's per-column extremes check; the worst load counts.
          extremes: ok.some((r) => r.extremes)
            ? {
                ok: ok.every((r) => r.extremes?.ok),
                covered: Math.min(...ok.map((r) => (r.extremes?.columns ? r.extremes.covered / r.extremes.columns : 0))),
                columns: ok[0].extremes?.columns,
                worstPx: Math.max(...ok.map((r) => r.extremes?.worstPx ?? Infinity)),
                reason: ok.find((r) => r.extremes?.reason)?.extremes.reason,
              }
            : undefined,
          // wasm files fetched per load (one instance shared by all the page's charts).
          wasmFetches: ok.length ? Math.max(...ok.map((r) => (r.resources ?? []).filter((x) => /\.wasm(\?|$)/.test(x.url)).length)) : undefined,
        };
      }
    }
  }
  return s;
}

function fmtNum(x) {
  if (x == null) return "–";
  const a = Math.abs(x);
  return a >= 100 ? x.toFixed(0) : a >= 10 ? x.toFixed(1) : x.toFixed(2);
}

function cell(st, base, err) {
  if (err && !st) return "**FAILED**";
  if (!st) return "–";
  let c = `${fmtNum(st.median)} (${fmtNum(st.min)}–${fmtNum(st.max)})`;
  if (base && base.median > 0) c += ` ×${(st.median / base.median).toFixed(2)}`;
  return c;
}

/**
 * The lead's budgets for housing-charts, each as { budget, met, evidence, gap }:
 * `gap` says what it would take when missed (how much smaller or faster).
 */
function budgets(sum, bytes, dprs) {
  const out = [];
  const hc = sum["housing-charts"];
  const cellOf = (lib, w, dpr) => sum[lib]?.[w]?.[`dpr${dpr}`];
  const med = (lib, w, dpr, m) => cellOf(lib, w, dpr)?.[m]?.median;
  const ms = (x) => (x == null ? "n/a" : `${fmtNum(x)} ms`);
  // A time budget: `h` must be ≤ (or <) `limit`; the gap is how many times faster it must get.
  const timeGap = (h, limit) => (h <= limit ? "" : `${(h / limit).toFixed(2)}× faster (−${fmtNum(h - limit)} ms)`);
  const add = (budget, met, evidence, gap = "") => out.push({ budget, met, evidence, gap: met ? "" : gap });
  if (bytes["housing-charts"] && bytes.chartjs) {
    const h = bytes["housing-charts"].total.gzip;
    const c = bytes.chartjs.total.gzip;
    const limit = 0.75 * c;
    add(
      "bytes ≤ 0.75 × Chart.js (gzip)",
      h <= limit,
      `${fmtNum(KiB(h))} KiB vs limit ${fmtNum(KiB(limit))} KiB (Chart.js ${fmtNum(KiB(c))} KiB): ×${(h / c).toFixed(2)} of Chart.js`,
      `−${fmtNum(KiB(h - limit))} KiB gzip (−${Math.round((100 * (h - limit)) / h)} %); see target/bench/size-report.md`
    );
  }
  if (!hc) return out;
  const failedOn = (w, dpr) => hc[w]?.[`dpr${dpr}`]?.error;
  const peers = Object.keys(sum).filter((l) => l !== "canvas2d" && !l.startsWith("housing-charts"));
  if (hc.bars) {
    for (const dpr of dprs) {
      if (failedOn("bars", dpr)) {
        add(`time to first chart (bars, DPR ${dpr})`, false, `housing-charts failed: ${failedOn("bars", dpr)}`);
        continue;
      }
      const h = med("housing-charts", "bars", dpr, "ttfcMs");
      const b = med("canvas2d", "bars", dpr, "ttfcMs");
      if (h != null && b != null) add(`time to first chart (bars, DPR ${dpr}) ≤ 1.1 × Canvas2D`, h <= 1.1 * b, `${ms(h)} vs limit ${ms(1.1 * b)} (baseline ${ms(b)}): ×${(h / b).toFixed(2)}`, timeGap(h, 1.1 * b));
      const ps = peers.map((p) => [p, med(p, "bars", dpr, "ttfcMs")]).filter(([, v]) => v != null);
      if (h != null && ps.length) {
        const [bp, bv] = ps.reduce((a, x) => (x[1] < a[1] ? x : a));
        add(`time to first chart (bars, DPR ${dpr}) below every peer`, h < bv, `${ms(h)} vs fastest peer ${LIBRARIES[bp].title} ${ms(bv)}: ×${(h / bv).toFixed(2)}`, timeGap(h, bv));
      }
    }
  }
  for (const w of Object.keys(hc)) {
    for (const dpr of dprs) {
      const h = med("housing-charts", w, dpr, "rerenderMs");
      const b = med("canvas2d", w, dpr, "rerenderMs");
      const label = `re-render (${w}, DPR ${dpr}) ≤ 2 × Canvas2D`;
      if (failedOn(w, dpr)) add(label, false, `housing-charts failed: ${failedOn(w, dpr)}`);
      else if (h != null && b != null) add(label, h <= 2 * b, `${ms(h)} vs limit ${ms(2 * b)}: ×${(h / b).toFixed(2)}`, timeGap(h, 2 * b));
    }
  }
  if (hc["line-1m"]) {
    for (const dpr of dprs) {
      const c = cellOf("housing-charts", "line-1m", dpr);
      if (failedOn("line-1m", dpr)) {
        add(`1,000,000-point line (DPR ${dpr})`, false, `housing-charts failed: ${failedOn("line-1m", dpr)}`);
        continue;
      }
      const x = c?.extremes;
      if (x) {
        add(
          `1,000,000-point line keeps min/max per pixel column (DPR ${dpr})`,
          x.ok,
          `${(100 * x.covered).toFixed(1)} % of ${x.columns} columns within tolerance, worst ${fmtNum(x.worstPx)} device px short${x.reason ? ` (${x.reason})` : ""}`,
          "decimate per pixel column keeping first, min, max, last (M4)"
        );
      }
      for (const m of ["ttfcMs", "rerenderMs"]) {
        const h = med("housing-charts", "line-1m", dpr, m);
        const u = med("uplot", "line-1m", dpr, m);
        if (h != null && u != null) {
          add(`1,000,000-point line no slower than uPlot (${m === "ttfcMs" ? "time to first chart" : "re-render"}, DPR ${dpr})`, h <= u, `${ms(h)} vs uPlot ${ms(u)}: ×${(h / u).toFixed(2)}`, timeGap(h, u));
        }
      }
    }
  }
  if (hc["bars-50"]) {
    for (const dpr of dprs) {
      if (failedOn("bars-50", dpr)) {
        add(`50 charts faster than uPlot (DPR ${dpr})`, false, `housing-charts failed: ${failedOn("bars-50", dpr)}`);
        continue;
      }
      const fetches = cellOf("housing-charts", "bars-50", dpr)?.wasmFetches;
      for (const m of ["ttfcMs", "rerenderMs"]) {
        const h = med("housing-charts", "bars-50", dpr, m);
        const u = med("uplot", "bars-50", dpr, m);
        if (h != null && u != null) {
          add(
            `50 charts faster than uPlot in total (${m === "ttfcMs" ? "time to first chart" : "re-render"}, DPR ${dpr})`,
            h < u && fetches === 1,
            `${ms(h)} vs uPlot ${ms(u)}: ×${(h / u).toFixed(2)}; ${fetches} wasm fetch${fetches === 1 ? " (one instance for the 50 charts)" : "es"} per page`,
            timeGap(h, u)
          );
        }
      }
    }
  }
  return out;
}

function markdown(res) {
  const { meta, bytes, summary, budgets: bs, failures } = res;
  const libs = meta.libraries;
  const head = `| | ${libs.map((l) => LIBRARIES[l].title).join(" | ")} |\n|---|${libs.map(() => "---:").join("|")}|`;
  const L = [];
  L.push("# housing-charts benchmark");
  L.push("");
  L.push(`${meta.date} · ${meta.machine.cpu}, ${meta.machine.cores} cores · ${meta.browser} headless (--disable-gpu) · Node ${meta.node} · ${fmtNum(meta.seconds)} s`);
  L.push("");
  L.push(
    `${meta.rounds} rounds (\`bars\`: ${meta.roundsOf.bars ?? meta.rounds}; ${meta.slowRounds} for a library/workload/DPR whose round-1 load took over ${meta.slowMs / 1000} s: ${meta.slow.length ? meta.slow.join(", ") : "none"}); ` +
      `per page load the first chart, then up to ${meta.reps} re-renders and ${meta.reps + (meta.reps % 2)} resizes (each phase cut once it has taken ${meta.budget} ms, at least one of each). ` +
      `Each load is a fresh browser context (cold caches), libraries interleaved. Cells: median (min–max) and ×ratio to the Canvas2D baseline's median. Produced by \`make bench\` (tests/bench/run.mjs).`
  );
  L.push("");
  L.push(`Versions: ${libs.map((l) => meta.versions[l]).join("; ")}.`);
  L.push("");
  L.push("## Bytes shipped (the JS + wasm each page loads, KiB)");
  L.push("");
  L.push(head);
  for (const k of ["raw", "gzip", "brotli"]) {
    const base = bytes.canvas2d?.total[k];
    L.push(`| ${k} | ${libs.map((l) => (bytes[l] ? `${fmtNum(KiB(bytes[l].total[k]))}${base && l !== "canvas2d" ? ` ×${(bytes[l].total[k] / base).toFixed(0)}` : ""}` : "–")).join(" | ")} |`);
  }
  if (bytes.chartjs) {
    L.push(`| gzip ÷ Chart.js | ${libs.map((l) => (bytes[l] ? (bytes[l].total.gzip / bytes.chartjs.total.gzip).toFixed(2) : "–")).join(" | ")} |`);
  }
  L.push(`| files | ${libs.map((l) => (bytes[l] ? bytes[l].files.filter((f) => f.kind !== "css").map((f) => f.url.split("/").pop()).join(", ") : "–")).join(" | ")} |`);
  L.push("");
  for (const [m, title] of METRICS) {
    const rows = [];
    for (const w of meta.workloads) {
      for (const dpr of meta.dprs) {
        const base = summary.canvas2d?.[w]?.[`dpr${dpr}`]?.[m];
        const cells = libs.map((l) => {
          const s = summary[l]?.[w]?.[`dpr${dpr}`];
          if (!s) return "–";
          return cell(s[m], m.endsWith("MiB") || l === "canvas2d" ? null : base, s.error);
        });
        if (cells.every((c) => c === "–")) continue;
        rows.push(`| ${w}, DPR ${dpr} | ${cells.join(" | ")} |`);
      }
    }
    if (!rows.length) continue;
    L.push(`## ${title}`);
    L.push("");
    L.push(head.replace(/^\| \|/, "| workload |"));
    L.push(...rows);
    L.push("");
  }
  if (failures.length) {
    L.push("## Failures");
    L.push("");
    const seen = new Set();
    for (const f of failures) {
      const k = `${f.library}/${f.workload}/${f.dpr}`;
      if (seen.has(k)) continue;
      seen.add(k);
      L.push(`- **${LIBRARIES[f.library].title}**, ${f.workload}, DPR ${f.dpr}: ${f.error.split("\n")[0]}`);
    }
    L.push("");
  }
  L.push("## What was drawn");
  L.push("");
  L.push(
    "Every chart of every load was checked after each phase (first render, re-renders, resizes): inked pixels over max(300, 0.4 %) of the canvas and no error from the library, or the load failed and counted for nothing. " +
      "Lines of 100,000 and 1,000,000 points (where there is something to decimate): the per-pixel-column check, i.e. the line's ink must reach each device-pixel column's highest and lowest data point (within max(2, 1.5 × DPR) px and DPR columns; pages/harness.js `extremes`); the worst load is shown. " +
      "Canvas: the CSS size drawn, DPR 1 (the container was the workload's size). Screenshots: target/bench/screenshots/."
  );
  L.push("");
  L.push(head.replace(/^\| \|/, "| workload |"));
  for (const w of meta.workloads) {
    const dpr = meta.dprs[0];
    const cells = libs.map((l) => {
      const s = summary[l]?.[w]?.[`dpr${dpr}`];
      if (!s) return "–";
      if (!s.ok) return s.error ? "**FAILED**" : "–";
      const parts = [s.canvasCss ?? "?"];
      if (meta.dprs.some((d) => summary[l][w][`dpr${d}`]?.error)) parts.unshift("**FAILED** in a later load");
      const xs = meta.dprs.map((d) => summary[l][w][`dpr${d}`]?.extremes).filter(Boolean);
      if (xs.length) {
        const cov = Math.min(...xs.map((x) => x.covered));
        parts.push(`extremes ${xs.every((x) => x.ok) ? "kept" : "**lost**"} (${(100 * cov).toFixed(1)} % of columns)`);
      }
      const n = Math.min(...meta.dprs.map((d) => summary[l][w][`dpr${d}`]?.ok ?? 0));
      if (n < (meta.roundsOf[w] ?? meta.rounds)) parts.push(`n=${n}`);
      return parts.join(", ");
    });
    L.push(`| ${w} | ${cells.join(" | ")} |`);
  }
  L.push("");
  const warned = [];
  for (const l of libs) {
    for (const w of meta.workloads) {
      const ws = [...new Set(meta.dprs.flatMap((d) => summary[l]?.[w]?.[`dpr${d}`]?.warnings ?? []))];
      if (ws.length) warned.push(`- ${LIBRARIES[l].title}, ${w}: ${ws.map((x) => `“${x}”`).join("; ")}`);
    }
  }
  if (warned.length) {
    L.push("Warnings the libraries reported (the chart was drawn, but not entirely as asked):");
    L.push("");
    L.push(...warned);
    L.push("");
  }
  if (bs.length) {
    L.push("## Budgets (housing-charts)");
    L.push("");
    L.push("| budget | met | evidence | it would take |");
    L.push("|---|---|---|---|");
    for (const b of bs) L.push(`| ${b.budget} | ${b.met ? "yes" : "**no**"} | ${b.evidence} | ${b.gap || ""} |`);
    L.push("");
  }
  L.push(`Workloads: ${meta.workloads.map((w) => `\`${w}\`: ${WORKLOADS[w]}`).join("; ")}.`);
  L.push("");
  L.push(...meta.notes.map((n) => `- ${n}`));
  L.push("");
  return L.join("\n");
}

/** A housing-charts spec of the headline metric, for the README chart. */
function chartSpec(res) {
  const dpr = res.meta.dprs.includes(2) ? 2 : res.meta.dprs[0];
  const data = [];
  for (const l of res.meta.libraries) {
    const st = res.summary[l]?.bars?.[`dpr${dpr}`]?.ttfcMs;
    if (st) data.push({ label: LIBRARIES[l].short, value: Math.round(st.median) });
  }
  data.sort((a, b) => a.value - b.value);
  return {
    type: "bar",
    orientation: "horizontal",
    title: `Time to first chart, in milliseconds`,
    subtitle: `The housing bar chart at devicePixelRatio ${dpr}: from navigation start to pixels on screen, median of ${res.meta.roundsOf.bars ?? res.meta.rounds} cold page loads in headless Chromium (lower is faster)`,
    source: `make bench (tests/bench), ${res.meta.date.slice(0, 10)}, ${res.meta.machine.cores} cores`,
    unit: "ms",
    numberFormat: "plain",
    valueLabels: true,
    highlight: ["housing-charts"],
    data,
  };
}

/** Draws chart-spec.json with housing-charts itself (pages/chart-spec.html) → chart.png. */
async function drawChartSpec(browser, opts, spec) {
  const table = [...routes(opts.hcPkg)];
  const server = await serve(table);
  const context = await browser.newContext({ deviceScaleFactor: 2, viewport: { width: 720, height: 600 } });
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}/pages/chart-spec.html`);
    const err = await page.evaluate(async (s) => window.draw(s), spec);
    if (err) return `housing-charts rejected chart-spec.json: ${err}`;
    await page.locator("#root").screenshot({ path: join(opts.out, "chart.png") });
    return null;
  } finally {
    await context.close();
    await server.close();
  }
}

// --- main ------------------------------------------------------------------------------------

async function main() {
  const opts = parseArgs(process.argv);
  const t0 = Date.now();
  if (opts.libs.includes("housing-charts") && !existsSync(join(opts.hcPkg, "housing_charts.js"))) {
    console.error(`bench: ${relative(ROOT, opts.hcPkg)}/housing_charts.js is missing: run 'make build' first`);
    process.exit(2);
  }
  for (const lib of opts.libs) {
    for (const p of [LIBRARIES[lib].pkg ?? []].flat()) {
      if (!existsSync(join(HERE, "node_modules", p, "package.json"))) {
        console.error(`bench: tests/bench/node_modules/${p} is missing: run 'npm ci' in tests/bench (make bench does)`);
        process.exit(2);
      }
    }
  }
  mkdirSync(join(opts.out, "screenshots"), { recursive: true });
  const table = routes(opts.hcPkg);
  const server = await serve(table);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", headless: true, args: BROWSER_ARGS });
  const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(0)}s`;
  const runs = [];
  const failures = [];
  const dead = new Set(); // library/workload/dpr that failed: not loaded again
  const slow = new Set(); // library/workload/dpr whose round-1 load took over --slow-ms: --slow-rounds rounds only
  const loaded = {}; // library → URLs of its first successful load
  let chartErr = null;
  let res;
  try {
    // Warm-up (not recorded): each page once, so the first recorded load does not pay for cold disk caches.
    for (const lib of opts.libs) {
      const r = await load(browser, server.url, lib, "bars", 1, { ...opts, reps: 1 });
      console.log(`bench: warm-up ${lib}: ${r.ok ? "ok" : `FAILED: ${r.error}`}`);
    }
    const roundsOf = Object.fromEntries(opts.workloads.map((w) => [w, w === "bars" ? Math.max(opts.rounds, opts.barsRounds) : opts.rounds]));
    const allRounds = Math.max(...Object.values(roundsOf));
    for (let round = 1; round <= allRounds; round++) {
      for (const w of opts.workloads) {
        if (round > roundsOf[w]) continue;
        for (const dpr of opts.dprs) {
          const k = (round - 1) % opts.libs.length;
          const order = [...opts.libs.slice(k), ...opts.libs.slice(0, k)];
          const line = [];
          for (const lib of order) {
            const key = `${lib}/${w}/${dpr}`;
            if (dead.has(key)) {
              line.push(`${lib} skipped (failed)`);
              continue;
            }
            if (slow.has(key) && round > opts.slowRounds) {
              line.push(`${lib} skipped (slow: ${opts.slowRounds} rounds)`);
              continue;
            }
            const shot = opts.screenshots && round === 1 ? join(opts.out, "screenshots", `${lib}-${w}-dpr${dpr}.png`) : undefined;
            const r = await load(browser, server.url, lib, w, dpr, opts, { screenshot: shot });
            r.round = round;
            runs.push(r);
            if (round === 1 && r.wallMs > opts.slowMs) slow.add(key);
            if (r.ok) {
              loaded[lib] ??= r.loaded;
              line.push(`${lib} ${fmtNum(r.ttfcMs)}`);
            } else {
              dead.add(key);
              failures.push({ library: lib, workload: w, dpr, round, error: r.error });
              line.push(`${lib} FAILED`);
              console.error(`bench: FAILED ${LIBRARIES[lib].title}, ${w}, DPR ${dpr}: ${r.error}`);
            }
          }
          console.log(`bench: [${elapsed()}] round ${round}/${roundsOf[w]} ${w} DPR ${dpr}: first chart ms: ${line.join(", ")}`);
        }
      }
    }

    const bytes = {};
    for (const lib of opts.libs) if (loaded[lib]) bytes[lib] = bytesOf(table, loaded[lib]);
    const summary = summarize(runs, opts.libs, opts.workloads, opts.dprs);
    res = {
      meta: {
        date: new Date().toISOString(),
        machine: { cpu: cpus()[0]?.model ?? "unknown CPU", cores: cpus().length },
        browser: `Chromium ${browser.version()}`,
        node: process.versions.node,
        rounds: opts.rounds,
        roundsOf,
        reps: opts.reps,
        budget: opts.budget,
        libraries: opts.libs,
        workloads: opts.workloads,
        dprs: opts.dprs,
        slowMs: opts.slowMs,
        slowRounds: Math.min(opts.slowRounds, opts.rounds),
        slow: [...slow],
        versions: versions(opts),
        seconds: 0,
        notes: [
          "Every page load is a fresh browser context (cold HTTP, JS code and wasm caches), served uncompressed on loopback: download time is near zero, so bytes matter here only through parse/compile time.",
          "Time to first chart = performance.now() once 1 px of every chart canvas has been read back (getImageData), minus the time the page spent making the workload's data (the same for all).",
          "Re-render and resize times include building the library's input from the same typed arrays (the prep share is in results.json), the draw, and the 1 px readback per canvas. housing-charts' resize is chart.resize(), which re-lays out the kept model at the new width (the same work its ResizeObserver does in the next animation frame); its bar specs are handed over as JSON text, its lines as a spec object whose series columns are the walk's two Float64Arrays (copied into wasm memory without JSON).",
          "JS heap = CDP Runtime.getHeapUsage usedSize after HeapProfiler.collectGarbage, with the last charts live; typed-array and wasm buffers are outside it (the walk's two Float64Arrays, 16 MB at 1M points, are the same for all). wasm = the instance's memory.buffer.byteLength (housing-charts' init() resolves to its exports); it grows and never shrinks, so it is the peak.",
        ],
      },
      bytes,
      summary,
      failures,
      runs: runs.map(({ loaded: _, ...r }) => r),
    };
    res.budgets = budgets(summary, bytes, opts.dprs);
    if (summary.canvas2d || summary["housing-charts"]) {
      const spec = chartSpec(res);
      writeFileSync(join(opts.out, "chart-spec.json"), JSON.stringify(spec, null, 2) + "\n");
      if (opts.libs.includes("housing-charts")) chartErr = await drawChartSpec(browser, opts, spec);
    }
  } finally {
    await browser.close();
    await server.close();
  }
  res.meta.seconds = (Date.now() - t0) / 1000;
  writeFileSync(join(opts.out, "results.json"), JSON.stringify(res, null, 2) + "\n");
  const md = markdown(res);
  writeFileSync(join(opts.out, "results.md"), md);
  console.log(`\n${md}`);
  const wrote = ["results.json", "results.md", "chart-spec.json", "chart.png", "screenshots/"].filter((f) => existsSync(join(opts.out, f)));
  console.log(`bench: wrote ${wrote.map((f) => relative(process.cwd(), join(opts.out, f))).join(", ")} in ${elapsed()}`);
  if (chartErr) console.error(`bench: ${chartErr}`);
  // The committed copies (tests/bench/results/) come only from a complete default run.
  const d = parseArgs(["node", "run.mjs"]);
  const complete =
    String(opts.libs) === String(d.libs) && String(opts.workloads) === String(d.workloads) && String(opts.dprs) === String(d.dprs) && opts.rounds >= d.rounds && opts.barsRounds >= d.barsRounds;
  if (opts.publish && complete && !failures.length && !chartErr) {
    const dir = join(HERE, "results");
    mkdirSync(dir, { recursive: true });
    for (const f of ["results.md", "chart-spec.json", "chart.png"]) copyFileSync(join(opts.out, f), join(dir, f));
    console.log(`bench: copied results.md, chart-spec.json, chart.png to ${relative(process.cwd(), dir)}/ (commit them)`);
    execFileSync(process.execPath, [join(HERE, "readme.mjs")], { stdio: "inherit" });
  } else if (opts.publish) {
    console.log(`bench: tests/bench/results/ left as it was (${complete ? "something failed" : "not a complete default run"})`);
  }
  if (chartErr) process.exit(1);
  if (failures.length) {
    console.error(`bench: ${new Set(failures.map((f) => `${f.library}/${f.workload}/${f.dpr}`)).size} library/workload/DPR combination(s) failed (see "Failures" in results.md)`);
    process.exit(1);
  }
}

main().catch((e) => {
  console.error(`bench: ${e.stack || e}`);
  process.exit(1);
});
