// The npm package's entry in Node 18+ (the "node" condition of its
// `exports`): the charts that need no page, for build steps, servers and
// scripts.
//
//   import { renderSvg, validate } from "housing-charts";
//   writeFileSync("chart.svg", await renderSvg({ type: "bar", dataset: "people" }, 640));
//
// No DOM and no fetch: the wasm and the built-in datasets are read from the
// package's own files (fs, addressed from import.meta.url), and text is
// measured by the engine's deterministic estimate (the one the crate's SVG
// snapshots use) since there is no canvas. The same engine, glue and
// messages as in the browser. `render` and `defineElement` need a page: in
// Node they reject (or throw) with a message that says so.

import { readFile } from "node:fs/promises";
import { createGlue } from "../pkg/housing_charts_factory.js";
import { Engine } from "./engine.js";
import { LoadError } from "./fetch.js";

export { WasmRefusedError } from "./engine.js";

/** An engine that reads its files instead of fetching them. */
class FileEngine extends Engine {
  async compile() {
    if (!this.module) {
      // Literal, so that a bundler targeting Node copies the file too.
      const bytes = await readFile(new URL("../pkg/housing_charts_bg.wasm", import.meta.url));
      this.module = await WebAssembly.compile(bytes);
    }
    return this.module;
  }

  datasetText(name) {
    let text = this.texts.get(name);
    if (!text) {
      // Only the names the engine lists as built in (never a path from a spec).
      text = this.builtIn?.has(name)
        ? readFile(new URL(`../pkg/datasets/${name}.json`, import.meta.url), "utf8").catch((err) => {
            throw new LoadError(`the built-in dataset "${name}" could not be read from the package: ${err.message}`, "dataset");
          })
        : Promise.reject(new LoadError(`"${name}" is not a built-in dataset`, "dataset"));
      this.texts.set(name, text);
      text.catch(() => this.texts.delete(name));
    }
    return text;
  }
}

const engine = new FileEngine({ createGlue });

/**
 * Loads and starts the engine (the first call does it anyway).
 * @returns {Promise<void>}
 */
export async function init() {
  await engine.load();
}

/**
 * The chart of `spec` as an SVG document; throws an Error naming the JSON
 * path of what is wrong with a bad spec.
 * @param {import("../spec").ChartSpec | string} spec
 * @param {number} [width] CSS pixels (default: the spec's width, else 640)
 * @returns {Promise<string>}
 */
export function renderSvg(spec, width) {
  return engine.callWith(spec, (glue) => glue.renderSvg(spec, width), (err) => {
    throw err;
  });
}

/**
 * Checks a spec without drawing it.
 * @param {import("../spec").ChartSpec | string} spec
 * @returns {Promise<undefined | { message: string, path: string, line?: number, column?: number }>}
 */
export function validate(spec) {
  return engine.callWith(spec, (glue) => glue.validate(spec), (err) => ({ message: err.message, path: "dataset" }));
}

const NO_PAGE = "housing-charts: render() and <housing-chart> draw into a page; in Node use renderSvg(spec, width)";

/** Needs a page: rejects in Node. */
export function render() {
  return Promise.reject(new Error(NO_PAGE));
}

/** Needs a page: throws in Node. */
export function defineElement() {
  throw new Error(NO_PAGE);
}
