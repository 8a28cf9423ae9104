// The npm package as a developer gets it: `make package`'s tarball installed
// into a scratch project, type-checked with tsc (a file that uses the API and
// the spec types, and one that gets a spec wrong, which must not compile),
// bundled with Vite, and the bundle drawing charts in headless Chromium.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { browser, inkedPixels, serve, watch } from "./harness.mjs";

const ROOT = resolve(import.meta.dirname, "../..");
const BIN = resolve(ROOT, "node_modules/.bin");
let scratch, tarball, chromium;

/** What a consumer's tsconfig says (strict, bundler resolution, no global types). */
const COMPILER_OPTIONS = {
  target: "es2022",
  module: "esnext",
  moduleResolution: "bundler",
  lib: ["es2022", "dom", "dom.iterable"],
  strict: true,
  noEmit: true,
  skipLibCheck: false,
  types: [],
};

before(() => {
  execFileSync("node", [resolve(ROOT, ".ci/npm-package.mjs")], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  const version = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(resolve(ROOT, "Cargo.toml"), "utf8"))[1];
  tarball = resolve(ROOT, `target/npm/housing-charts-${version}.tgz`);
  scratch = mkdtempSync(join(tmpdir(), "housing-charts-consumer-"));
  const write = (name, text) => writeFileSync(join(scratch, name), text);
  write("package.json", JSON.stringify({ name: "consumer", private: true, type: "module" }, null, 2));
  write(
    "tsconfig.json",
    JSON.stringify({ compilerOptions: COMPILER_OPTIONS, include: ["main.ts"] }),
  );
  write(
    "main.ts",
    `import { render, validate, renderSvg, defineElement, type ChartSpec, type Chart } from "housing-charts";

const spec: ChartSpec = {
  type: "bar",
  title: { en: "People and housing", zh: "人口与住房" },
  unit: "people",
  data: [
    { label: "Lack adequate housing", value: 2.8e9, qualifier: "about", year: 2026 },
    { label: "Live in slums", value: 1.1e9, qualifier: "more-than", year: 2026 },
  ],
};

async function main(): Promise<void> {
  const target = document.getElementById("chart");
  if (!target) throw new Error("no #chart");
  const chart: Chart = await render(target, spec);
  const problem = await validate('{"type": "bar", "data": [{"label": "x", "value": "y"}]}');
  const svg: string = await renderSvg(spec, 480);
  defineElement();
  const el = document.createElement("housing-chart");
  el.id = "element";
  el.setAttribute("dataset", "africa-housing-gap");
  el.setAttribute("loading", "eager");
  document.body.append(el);
  (window as unknown as { result: unknown }).result = {
    error: chart.error ?? null,
    problemPath: problem?.path ?? null,
    svg: svg.slice(0, 5),
  };
}
main();
`,
  );
  write(
    "wrong.ts",
    `import type { ChartSpec } from "housing-charts";
export const spec: ChartSpec = { type: "barr", data: [{ label: "x", value: "12" }] };
`,
  );
  // The element in TSX, its events and the spec types: the global JSX
  // namespace (jsx: preserve) and React 19's React.JSX (housing-charts/react).
  const elementUse = `import { defineElement, render, type ChartSpec, type HousingChartElement, type SpecError, type DatasetName } from "housing-charts";

const spec: ChartSpec = { type: "bar", dataset: "people", theme: "auto" };
const name: DatasetName = "africa-housing-gap";
export async function use(): Promise<number> {
  const Element = defineElement();
  const made: HousingChartElement = new Element();
  const el = document.createElement("housing-chart");
  el.spec = spec;
  el.addEventListener("chartrender", (e) => console.log(e.detail.warnings.length));
  el.addEventListener("charterror", (e) => console.log(e.detail.message, e.detail.path));
  document.body.addEventListener("chartrender", (e) => console.log(e.detail.warnings.join()));
  const found: HousingChartElement | null = document.querySelector("housing-chart");
  const chart = await render(made, { type: "bar", dataset: name });
  await chart.update({ type: "bar", dataset: "shares" });
  const problem: SpecError | undefined = chart.error ? { message: chart.error, path: chart.errorPath ?? "" } : undefined;
  return (found ? 1 : 0) + (problem?.line ?? 0);
}
`;
  write("element.ts", elementUse);
  write(
    "element.tsx",
    `${elementUse}
export const view = <housing-chart dataset="people" theme="auto" loading="eager" height={360} id="c" />;
`,
  );
  write(
    "react.tsx",
    `import type {} from "housing-charts/react";
import type { HousingChartElement } from "housing-charts";
import { useRef } from "react";
export function Chart() {
  const ref = useRef<HousingChartElement>(null);
  return <housing-chart ref={ref} dataset="people" theme="auto" className="chart" />;
}
`,
  );
  write(
    "wrong-element.tsx",
    `import { render } from "housing-charts";
export const view = <housing-chart dataset="peple" />;
export async function wrong(target: Element) {
  const chart = await render(target, { type: "bar", dataset: "people" });
  await chart.update({ type: "barr" });
  document.createElement("housing-chart").addEventListener("chartrender", (e) => e.detail.nope);
}
`,
  );
  write(
    "index.html",
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>consumer</title></head>
<body><div id="chart"></div><script type="module" src="/main.ts"></script></body></html>
`,
  );
  write("vite.config.js", `export default { logLevel: "warn", build: { target: "es2022" } };\n`);
});

after(async () => {
  await chromium?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

test("the tarball holds the entry, the wasm, the declarations and proper package.json fields", () => {
  const list = execFileSync("tar", ["tzf", tarball], { encoding: "utf8" }).split("\n");
  for (const f of ["loader/index.js", "loader/index.d.ts", "pkg/housing_charts_bg.wasm", "pkg/housing_charts.d.ts", "spec.d.ts", "housing-charts.js", "frame.html"]) {
    assert.ok(list.includes(`package/${f}`), `${f} is in the tarball`);
  }
  assert.ok(!list.some((f) => /node_modules|\.map$|script-tag/.test(f)), "nothing stray in the tarball");
  const pkg = JSON.parse(readFileSync(resolve(ROOT, "target/npm/housing-charts/package.json"), "utf8"));
  assert.equal(pkg.type, "module");
  assert.equal(pkg.exports["."].types, "./loader/index.d.ts");
  assert.equal(pkg.sideEffects, false);
  assert.ok(Array.isArray(pkg.files));
});

test("installed into a scratch project: tsc accepts correct use and rejects a wrong spec", () => {
  execFileSync("npm", ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", tarball], { cwd: scratch, stdio: "pipe" });
  const ok = spawnSync(join(BIN, "tsc"), ["-p", "tsconfig.json"], { cwd: scratch, encoding: "utf8" });
  assert.equal(ok.status, 0, `tsc failed on correct use:\n${ok.stdout}${ok.stderr}`);
  const wrong = spawnSync(join(BIN, "tsc"), ["--noEmit", "--strict", "--moduleResolution", "bundler", "--module", "esnext", "--target", "es2022", "wrong.ts"], {
    cwd: scratch,
    encoding: "utf8",
  });
  assert.notEqual(wrong.status, 0, "a wrong chart type must not type-check");
  assert.match(wrong.stdout, /"barr"/, wrong.stdout);
});

/** tsc over `files` with the consumer's options and `jsx` (and React's types when `react`). */
function tsc(files, { react = false } = {}) {
  const config = {
    compilerOptions: {
      ...COMPILER_OPTIONS,
      jsx: react ? "react-jsx" : "preserve",
      // React's types from the repository's devDependencies (the scratch project has no react).
      ...(react ? { paths: { react: [resolve(ROOT, "node_modules/@types/react")], "react/*": [resolve(ROOT, "node_modules/@types/react/*")] } } : {}),
    },
    files,
  };
  writeFileSync(join(scratch, "tsconfig.check.json"), JSON.stringify(config));
  return spawnSync(join(BIN, "tsc"), ["-p", "tsconfig.check.json"], { cwd: scratch, encoding: "utf8" });
}

test("types: <housing-chart> in TSX (global JSX and React 19), typed events, update(spec), dataset names", () => {
  for (const [files, options] of [[["element.ts"], {}], [["element.tsx"], {}], [["react.tsx"], { react: true }]]) {
    const ok = tsc(files, options);
    assert.equal(ok.status, 0, `tsc failed on ${files}:\n${ok.stdout}${ok.stderr}`);
  }
  // Projects without React are not asked for its types: element.ts above loads no react.d.ts.
  const wrong = tsc(["wrong-element.tsx"]);
  assert.notEqual(wrong.status, 0, "wrong uses must not type-check");
  for (const expected of [/"peple"/, /"barr"/, /'nope'/]) assert.match(wrong.stdout, expected, wrong.stdout);
});

test("bundled with Vite, the consumer draws a chart and a <housing-chart> in Chromium", async () => {
  execFileSync(join(BIN, "vite"), ["build"], { cwd: scratch, stdio: "pipe" });
  const assets = readdirSync(join(scratch, "dist/assets"));
  assert.ok(assets.some((f) => f.endsWith(".wasm")), `Vite copied the wasm: ${assets.join(", ")}`);
  const server = await serve(join(scratch, "dist"));
  try {
    chromium = await browser();
    const page = await chromium.newPage({ viewport: { width: 800, height: 900 } });
    const problems = watch(page);
    await page.goto(server.url);
    await page.waitForFunction(() => window.result, null, { timeout: 20000 });
    await page.waitForFunction(() => document.getElementById("element")?.chart && !document.getElementById("element").error, null, { timeout: 20000 });
    const result = await page.evaluate(() => window.result);
    assert.deepEqual(result, { error: null, problemPath: "data[0].value", svg: "<svg " });
    // The API's chart and the element's (Playwright's CSS reaches into its shadow root).
    const inked = await Promise.all([inkedPixels(page, "#chart canvas"), inkedPixels(page, "#element canvas")]);
    assert.ok(inked.every((n) => n > 2000), `pixels drawn: ${inked}`);
    assert.deepEqual(problems, []);
  } finally {
    await server.close();
  }
});
