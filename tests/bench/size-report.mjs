#!/usr/bin/env node
// Where the wasm bytes go (issue 6's size report), for `make size-report`:
// twiggy (pinned in the Makefile) over two builds of the same release wasm,
//   - named:    the shipped file's twin: wasm-bindgen + the same wasm-opt -Oz,
//               but with -g so the function names stay (the code is the same;
//               only the names section, which never ships, is added);
//   - unstripped: target/wasm32-unknown-unknown/release/housing_charts.wasm,
//               straight from rustc (before wasm-bindgen and wasm-opt), which
//               keeps its name section (the release profile does not strip);
// and writes a markdown report: the shipped sizes, twiggy top -n 40 of both,
// the bytes summed by crate (the path prefix of each function's name:
// plotters, serde_json, core::fmt, std, housing_charts, dlmalloc, …) and by
// housing_charts module, the largest monomorphised generics, and what the
// byte budget (≤ 0.75 × Chart.js gzip) would take.
//
//   node size-report.mjs --named FILE --unstripped FILE --shipped WASM --glue JS
//                        [--chartjs FILE] [--out target/bench/size-report.md]

import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { gzipSync } from "node:zlib";

const HERE = import.meta.dirname;
const ROOT = resolve(HERE, "../..");
const o = {
  named: null,
  unstripped: null,
  shipped: null,
  glue: null,
  chartjs: resolve(HERE, "node_modules/chart.js/dist/chart.umd.min.js"),
  out: resolve(ROOT, "target/bench/size-report.md"),
};
for (let i = 2; i < process.argv.length; i += 2) {
  const k = process.argv[i].replace(/^--/, "");
  if (!(k in o) || process.argv[i + 1] === undefined) {
    console.error(`size-report: bad option ${process.argv[i]}`);
    process.exit(2);
  }
  o[k] = resolve(process.argv[i + 1]);
}
for (const k of ["named", "unstripped", "shipped", "glue"]) {
  if (!o[k] || !existsSync(o[k])) {
    console.error(`size-report: --${k} ${o[k] ?? "(missing)"}: no such file`);
    process.exit(2);
  }
}

const rel = (f) => relative(ROOT, f);
const twiggy = (...args) => execFileSync("twiggy", args, { encoding: "utf8", maxBuffer: 256 << 20 });
const version = twiggy("--version").trim();
const gz = (buf) => gzipSync(buf, { level: 9 }).length;
const KiB = (b) => (b / 1024).toFixed(1);
const pct = (a, b) => `${((100 * a) / b).toFixed(1)} %`;

/** Sections that never reach the page (names, wasm-bindgen's metadata, producers, DWARF). */
const notShipped = (name) => /^custom section|subsection$|^producers|^\.debug_|^"?name"? section/i.test(name);

/**
 * The group of a twiggy item: the crate of a function (the first path
 * segment of its demangled name, `<T as Trait>` counted as T's crate; core's
 * and alloc's second segment too, so core::fmt and core::num stand apart),
 * or what kind of non-code item it is.
 */
function group(name, depth = 1) {
  if (notShipped(name)) return "(names and custom sections: not shipped)";
  // rustc's output only: the type descriptions wasm-bindgen reads and then removes.
  if (/__wbindgen_describe/.test(name)) return "(wasm-bindgen describe exports: removed by wasm-bindgen)";
  if (/^data segment/.test(name)) return "(data segments: strings, tables, constants)";
  if (/^(type\[|import |export |table\[|elem\[|memory\[|global\[|wasm magic|start|code section|"?data count)/.test(name)) return "(wasm structure: types, imports, exports, table)";
  if (/^code\[\d+\]$/.test(name)) return "(unnamed functions)";
  // wasm-bindgen's generated exports (the API's wrappers, with what was inlined into them) and its runtime.
  if (/ shim$|^__wbg_|^__wbindgen|^__externref|^chart_\w+$|^(render|renderSvg|validate|memoryBytes|start)$/.test(name)) return "(exports: wasm-bindgen wrappers of the API)";
  let n = name
    .replace(/\[[0-9a-f]{16}\]/g, "") // crate disambiguators: core[c5930c85a12de822]
    .replace(/::h[0-9a-f]{16}$/, "");
  // <Type as Trait>::f: Type's crate when it is a path, else (T, f64, &str, …) the trait's.
  const qualified = n.match(/^<(.+?) as ((?:[A-Za-z_]\w*::)+)/);
  if (qualified) {
    const self = qualified[1].replace(/^(&|mut |dyn |\*const |\*mut )+/, "");
    n = /^[A-Za-z_]\w*::/.test(self) ? self : qualified[2];
  } else if (/^<(char|str|bool|[iuf](8|16|32|64|128|size)|\[.*\])>::/.test(n)) {
    n = "core::primitive";
  }
  n = n.replace(/^(<|&|mut |dyn |\*const |\*mut |\(|\[)+/, "");
  const m = n.match(/^([A-Za-z_][A-Za-z0-9_]*)(?:::([A-Za-z_][A-Za-z0-9_]*))?/);
  if (!m) return "(other: no crate path)";
  const [, crate, second] = m;
  if (!n.startsWith(`${crate}::`)) {
    // A bare symbol: memcpy, round, __multi3, … (compiler builtins and libm).
    if (/^(mem(cpy|set|move|cmp)|round|floor|ceil|trunc|fmod|pow|exp\w*|log\w*|sin|cos|tan|atan2?|sqrt|hypot|cbrt|__\w+)$/.test(crate)) return "compiler_builtins";
    return "(other: no crate path)";
  }
  if ((crate === "core" || crate === "alloc" || crate === "std") && second && depth >= 1) return `${crate}::${second}`;
  if (crate === "housing_charts" && depth >= 2 && second) return `housing_charts::${second}`;
  return crate;
}

function items(file) {
  return JSON.parse(twiggy("top", "-n", "1000000", "--format", "json", file));
}

/** Sums shallow sizes by `key`, biggest first. */
function sumBy(list, key) {
  const m = new Map();
  for (const it of list) {
    const k = key(it.name);
    const e = m.get(k) ?? { bytes: 0, items: 0 };
    e.bytes += it.shallow_size;
    e.items += 1;
    m.set(k, e);
  }
  return [...m].sort((a, b) => b[1].bytes - a[1].bytes);
}

/** core::fmt, core::num, … rolled up into core when small, so the table stays readable. */
function crateTable(list, total, shippedGzip, { minShare = 0.004 } = {}) {
  const rows = sumBy(list, (n) => group(n));
  const big = rows.filter(([, e]) => e.bytes / total >= minShare);
  const small = rows.filter(([, e]) => e.bytes / total < minShare);
  const gzCol = (bytes) => (shippedGzip ? ` ${KiB((bytes / total) * shippedGzip)} |` : "");
  const L = [
    `| group | bytes | share |${shippedGzip ? " ≈ gzip KiB (share × shipped gzip) |" : ""} items |`,
    `|---|---:|---:|${shippedGzip ? "---:|" : ""}---:|`,
  ];
  for (const [k, e] of big) L.push(`| ${k} | ${e.bytes.toLocaleString("en")} | ${pct(e.bytes, total)} |${gzCol(e.bytes)} ${e.items} |`);
  if (small.length) {
    const b = small.reduce((a, [, e]) => a + e.bytes, 0);
    const n = small.reduce((a, [, e]) => a + e.items, 0);
    L.push(`| ${small.length} smaller groups (${small.slice(0, 8).map(([k]) => k).join(", ")}${small.length > 8 ? ", …" : ""}) | ${b.toLocaleString("en")} | ${pct(b, total)} |${gzCol(b)} ${n} |`);
  }
  L.push(`| **total** | **${total.toLocaleString("en")}** | 100 % |${gzCol(total)} ${list.length} |`);
  return L;
}

/** Crates summed over all of core / alloc / std (one row each). */
function topCrates(list, total) {
  return sumBy(list, (n) => group(n).replace(/^(core|alloc|std)::.*/, "$1")).map(([k, e]) => ({ k, bytes: e.bytes, share: e.bytes / total }));
}

const shippedWasm = readFileSync(o.shipped);
const glue = readFileSync(o.glue);
const shipped = { wasmRaw: shippedWasm.length, wasmGz: gz(shippedWasm), glueRaw: glue.length, glueGz: gz(glue) };
const chartjsGz = existsSync(o.chartjs) ? gz(readFileSync(o.chartjs)) : null;

const named = items(o.named);
const namedCode = named.filter((it) => !notShipped(it.name));
const namedTotal = namedCode.reduce((a, it) => a + it.shallow_size, 0);
const unstripped = items(o.unstripped);
const unstrippedCode = unstripped.filter((it) => !notShipped(it.name));
const unstrippedTotal = unstrippedCode.reduce((a, it) => a + it.shallow_size, 0);

const L = [];
L.push("# housing-charts: where the wasm bytes go");
L.push("");
L.push(`${new Date().toISOString()} · ${version} · \`make size-report\` (tests/bench/size-report.mjs)`);
L.push("");
L.push("## What ships");
L.push("");
L.push("| file | raw | gzip -9 |");
L.push("|---|---:|---:|");
L.push(`| ${rel(o.shipped)} | ${shipped.wasmRaw.toLocaleString("en")} B | ${shipped.wasmGz.toLocaleString("en")} B (${KiB(shipped.wasmGz)} KiB) |`);
L.push(`| ${rel(o.glue)} | ${shipped.glueRaw.toLocaleString("en")} B | ${shipped.glueGz.toLocaleString("en")} B (${KiB(shipped.glueGz)} KiB) |`);
const totalGz = shipped.wasmGz + shipped.glueGz;
L.push(`| total | ${(shipped.wasmRaw + shipped.glueRaw).toLocaleString("en")} B | ${totalGz.toLocaleString("en")} B (${KiB(totalGz)} KiB) |`);
L.push("");
if (chartjsGz) {
  const limit = 0.75 * chartjsGz;
  L.push(
    `Budget: ≤ 0.75 × Chart.js (chart.umd.min.js, ${KiB(chartjsGz)} KiB gzip) = **${KiB(limit)} KiB gzip**, wasm and glue together. ` +
      (totalGz <= limit
        ? `Met: ${KiB(totalGz)} KiB.`
        : `Now ${KiB(totalGz)} KiB: ×${(totalGz / limit).toFixed(2)} the limit; ${KiB(totalGz - limit)} KiB gzip (${pct(totalGz - limit, totalGz)}) would have to go. ` +
          `With the glue as it is (${KiB(shipped.glueGz)} KiB), the wasm would have to shrink from ${KiB(shipped.wasmGz)} to ${KiB(limit - shipped.glueGz)} KiB gzip (−${pct(shipped.wasmGz - (limit - shipped.glueGz), shipped.wasmGz)}).`)
  );
  L.push("");
}

L.push("## By crate, in the shipped build");
L.push("");
L.push(
  `${rel(o.named)}: the shipped file's twin (wasm-bindgen, then the Makefile's wasm-opt -Oz flags with -g instead of --strip-debug, so names stay). ` +
    `Its code and data come to ${namedTotal.toLocaleString("en")} B against ${shipped.wasmRaw.toLocaleString("en")} B shipped ` +
    `(${namedTotal === shipped.wasmRaw ? "the same" : `${namedTotal > shipped.wasmRaw ? "+" : ""}${(namedTotal - shipped.wasmRaw).toLocaleString("en")} B: section headers and -g's effect`}); names and custom sections are left out. ` +
    "Shallow sizes summed by the crate of each function's name (generic code counted where it is defined: serde's visitor for a housing_charts type counts as serde). " +
    "The gzip column shares the shipped wasm's gzip size out in proportion to raw bytes: an estimate (text and tables compress better than code)."
);
L.push("");
L.push(...crateTable(namedCode, namedTotal, shipped.wasmGz));
L.push("");

L.push("### housing_charts, by module");
L.push("");
{
  const hc = namedCode.filter((it) => group(it.name) === "housing_charts");
  const rows = sumBy(hc, (n) => group(n, 2));
  const t = hc.reduce((a, it) => a + it.shallow_size, 0);
  L.push("| module | bytes | share of the wasm |", "|---|---:|---:|");
  for (const [k, e] of rows) L.push(`| ${k} | ${e.bytes.toLocaleString("en")} | ${pct(e.bytes, namedTotal)} |`);
  L.push(`| **housing_charts total** | **${t.toLocaleString("en")}** | ${pct(t, namedTotal)} |`);
}
L.push("");

L.push("### twiggy top -n 40 (shipped build, names kept)");
L.push("");
L.push("```");
L.push(twiggy("top", "-n", "40", o.named).trimEnd());
L.push("```");
L.push("");
L.push("### twiggy monos -n 20 (generic functions by the bytes of their copies)");
L.push("");
L.push("```");
L.push(twiggy("monos", "-n", "20", o.named).trimEnd());
L.push("```");
L.push("");

L.push("## By crate, in rustc's unstripped output");
L.push("");
L.push(
  `${rel(o.unstripped)} (${statSize(o.unstripped)} B on disk, of which ${unstrippedTotal.toLocaleString("en")} B code and data; the rest is its name section and wasm-bindgen's metadata, neither shipped). ` +
    "Before wasm-bindgen and wasm-opt: the proportions are rustc's, the shipped build above is what the page gets."
);
L.push("");
L.push(...crateTable(unstrippedCode, unstrippedTotal, null));
L.push("");
L.push("### twiggy top -n 40 (unstripped)");
L.push("");
L.push("```");
L.push(twiggy("top", "-n", "40", o.unstripped).trimEnd());
L.push("```");
L.push("");

// What it would take: the big groups, and what removing each would leave.
const crates = topCrates(namedCode, namedTotal);
L.push("## What the byte budget would take");
L.push("");
if (chartjsGz) {
  const limit = 0.75 * chartjsGz;
  const wasmLimit = limit - shipped.glueGz;
  L.push(
    `The wasm must go from ≈${KiB(shipped.wasmGz)} to ≤${KiB(wasmLimit)} KiB gzip, i.e. keep about ${pct(wasmLimit, shipped.wasmGz)} of it. ` +
      "The largest groups, with the shipped gzip each stands for (estimate):"
  );
  L.push("");
  for (const c of crates.slice(0, 12)) L.push(`- ${c.k}: ${(c.bytes / 1024).toFixed(1)} KiB raw, ≈${KiB(c.share * shipped.wasmGz)} KiB gzip (${(100 * c.share).toFixed(1)} %)`);
  L.push("");
}

mkdirSync(dirname(o.out), { recursive: true });
writeFileSync(o.out, L.join("\n") + "\n");
console.log(`size-report: wrote ${rel(o.out)}`);
for (const c of crates.slice(0, 10)) console.log(`  ${c.k.padEnd(52)} ${String(c.bytes).padStart(8)} B  ${(100 * c.share).toFixed(1).padStart(5)} %`);

function statSize(f) {
  return readFileSync(f).length.toLocaleString("en");
}
