// The npm package's entry (housing-charts): the same engine and element as
// the script-tag loader, for bundlers and native ES modules.
//
//   import { render, defineElement } from "housing-charts";
//   const chart = await render(document.querySelector("#chart"), spec);
//   chart.update(otherSpec); chart.destroy();
//   defineElement();   // then <housing-chart> works in your markup
//
// Importing it has no side effects: the wasm is fetched on the first call.

import { createGlue } from "../pkg/housing_charts_factory.js";
import { datasetUrls } from "../pkg/datasets/index.js";
import { Engine } from "./engine.js";
import { defineElement as define } from "./element.js";

export { WasmRefusedError } from "./engine.js";

/** @typedef {import("../spec").ChartSpec} ChartSpec A chart spec (generated from the crate's Rust types). */
/** @typedef {import("../pkg/housing_charts").Chart} Chart A drawn chart: update, destroy, error, toPng, toSvg, toCsv … */
/** @typedef {import("./types").SpecError} SpecError What is wrong with a spec, and where: `{ message, path, line?, column? }`. */
/** @typedef {import("./types").DatasetName} DatasetName The names of the built-in datasets. */
/** @typedef {import("./types").HousingChartElement} HousingChartElement The `<housing-chart>` element. */
/** @typedef {import("./types").HousingChartEventMap} HousingChartEventMap Its events: `chartrender`, `charterror`. */
/** @typedef {import("./types").ChartRenderDetail} ChartRenderDetail `detail` of `chartrender`. */
/** @typedef {import("./types").ChartErrorDetail} ChartErrorDetail `detail` of `charterror`. */

/**
 * `url`, unless this module runs from Vite's dev-server cache: Vite
 * pre-bundles dependencies into node_modules/.vite/deps/ and leaves their
 * files behind (vitejs/vite#8427), so an address made from import.meta.url
 * there points into the cache, where the server answers with the app's
 * index page ("expected magic word 00 61 73 6d"). The dev server still
 * serves the package's files where npm installed them, which is
 * `../../housing-charts/` from that cache, so `path` (in the package) is
 * taken from there. `vite build`, webpack and the others rewrite `url`.
 */
function own(url, path) {
  const here = new URL(import.meta.url);
  return /\/node_modules\/\.vite\/deps(_temp_[\w-]+)?\/[^/]+$/.test(here.pathname) ? new URL(`../../housing-charts/${path}`, here).href : url;
}

const engine = new Engine({
  createGlue,
  // A literal `new URL(…, import.meta.url)`: bundlers (Vite, webpack, Parcel,
  // esbuild with a file loader) copy the wasm and rewrite this address.
  wasmUrl: own(new URL("../pkg/housing_charts_bg.wasm", import.meta.url).href, "pkg/housing_charts_bg.wasm"),
  // pkg/datasets/index.js writes one literal `new URL("./<name>.json",
  // import.meta.url)` per built-in dataset, which bundlers copy the same way.
  datasetUrl: (name) => datasetUrls[name] && own(datasetUrls[name], `pkg/datasets/${name}.json`),
});

/**
 * Loads and starts the engine (the first chart does it anyway).
 * @returns {Promise<void>}
 */
export async function init() {
  await engine.load();
}

/**
 * Draws `spec` into `target` (a `<canvas>`, or any element, which gets a canvas).
 * A bad spec does not reject: its message, naming the JSON path, is shown in
 * place of the chart and is in `chart.error` / `chart.errorPath`.
 * @param {Element} target
 * @param {ChartSpec | string} spec a spec object or its JSON text
 * @returns {Promise<Chart>}
 */
export function render(target, spec) {
  return engine.callWith(spec, (glue, s) => glue.render(target, s));
}

/**
 * Checks a spec without drawing it.
 * @param {ChartSpec | string} spec
 * @returns {Promise<undefined | SpecError>}
 */
export function validate(spec) {
  return engine.callWith(spec, (glue, s) => glue.validate(s), (err) => ({ message: err.message, path: err.path || "dataset" }));
}

/**
 * The chart of `spec` as an SVG document.
 * @param {ChartSpec | string} spec
 * @param {number} [width] CSS pixels (default: the spec's width, else 640)
 * @returns {Promise<string>}
 */
export function renderSvg(spec, width) {
  return engine.callWith(spec, (glue, s) => glue.renderSvg(s, width), (err) => {
    throw err;
  });
}

/**
 * Defines the `<housing-chart>` custom element (once; later calls return the
 * same class). `frameUrl`: an address of the package's frame.html on your
 * own origin, used when a page's Content-Security-Policy refuses WebAssembly.
 * @param {{ name?: string, frameUrl?: string | null }} [options]
 * @returns {{ new (): HousingChartElement, prototype: HousingChartElement }}
 */
export function defineElement(options = {}) {
  return define({ engine, frameUrl: options.frameUrl ?? null, name: options.name ?? "housing-chart" });
}
