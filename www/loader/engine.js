// The chart engine behind every <housing-chart> on a page: one WebAssembly
// module, downloaded and compiled once, instantiated once and shared by every
// chart. If the instance traps (a WebAssembly.RuntimeError: a bug, since no
// input can reach a panic), it is thrown away and a fresh instance is made
// from the same compiled module; the charts draw themselves again with it.
//
// Each instance needs its own copy of wasm-bindgen's glue (the glue keeps the
// instance, its memory views and its finalizers in module variables), so the
// glue is built as a factory, `createGlue()` (.ci/build-loader.mjs makes
// pkg/housing_charts_factory.js from wasm-bindgen's output).
//
// The built-in datasets are not in the wasm: a spec that names one gets it
// from `datasetUrl(name)` (pkg/datasets/<name>.json beside the engine),
// fetched once per page and handed to the instance (`datasetFor`, before a
// chart is drawn; the instance also asks by itself, `setDatasetLoader`, when
// a chart's update names one it lacks).
//
// When the page's Content-Security-Policy refuses WebAssembly (no
// 'wasm-unsafe-eval'), `load()` rejects with a `WasmRefusedError`, which the
// element answers by drawing the chart in an iframe from the loader's own
// origin (see element.js).

/** WebAssembly is refused on this page (CSP without 'wasm-unsafe-eval', or no WebAssembly at all). */
import { LoadError, fetchText, shownUrl } from "./fetch.js";
import { withTable } from "./table.js";

/** The `dataset` a spec (object or JSON text) names, if any. */
export function datasetOf(spec) {
  let value = spec;
  if (typeof spec === "string") {
    if (!spec.includes('"dataset"')) return null;
    try {
      value = JSON.parse(spec);
    } catch {
      return null; // the engine reports the syntax error
    }
  }
  return value && typeof value === "object" && typeof value.dataset === "string" ? value.dataset : null;
}

export class WasmRefusedError extends Error {
  constructor(reason) {
    super(`WebAssembly is not allowed on this page (${reason})`);
    this.name = "WasmRefusedError";
  }
}

/** Fresh instances made after traps before the engine gives up (a bug that keeps trapping). */
const MAX_RESTARTS = 3;

/** The smallest valid module: compiling it tells whether this page may compile WebAssembly. */
const EMPTY_MODULE = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

/**
 * Whether this page may compile and instantiate WebAssembly; the reason when
 * it may not. Chromium and Firefox refuse the compile; WebKit compiles and
 * refuses the instance ("Refused to create a WebAssembly object"), so both
 * are tried.
 */
export function wasmRefusal() {
  if (typeof WebAssembly !== "object" || typeof WebAssembly.Module !== "function") {
    return "this browser has no WebAssembly";
  }
  try {
    new WebAssembly.Instance(new WebAssembly.Module(EMPTY_MODULE));
    return null;
  } catch (err) {
    return `the page's Content-Security-Policy refuses it: ${err && err.message ? err.message : err}`;
  }
}

/** Whether `err` is a trap of a WebAssembly instance (its state can no longer be trusted). */
export function isTrap(err) {
  return typeof WebAssembly === "object" && err instanceof WebAssembly.RuntimeError;
}

/**
 * One engine per page (or per package import).
 *   createGlue: () => glue (from pkg/housing_charts_factory.js), or a function returning a promise of it
 *   wasmUrl: URL of housing_charts_bg.wasm
 *   datasetUrl: (name) => URL of the built-in dataset `name` (pkg/datasets/<name>.json), or undefined
 */
export class Engine {
  constructor({ createGlue, wasmUrl, datasetUrl = () => undefined }) {
    this.createGlue = createGlue;
    this.wasmUrl = wasmUrl;
    this.datasetUrl = datasetUrl;
    /** name → promise of the dataset's JSON text (fetched once per page). */
    this.texts = new Map();
    /** url → promise of a spec's `table.url` text (fetched once per page). */
    this.tables = new Map();
    /** Datasets the live instance has been given; the built-in names it knows. */
    this.given = new Set();
    this.builtIn = null;
    /** Bumped for every fresh instance; charts made by an older one are redrawn. */
    this.generation = 0;
    this.glue = null;
    this.module = null;
    this.loading = null;
    this.listeners = new Set();
    this.restarts = 0;
  }

  /** The glue of a live instance (loading or restarting it when needed). */
  load() {
    if (this.glue) return Promise.resolve(this.glue);
    if (this.restarts > MAX_RESTARTS) {
      return Promise.reject(new Error(`the chart engine stopped ${this.restarts} times on this page (a bug); reload the page`));
    }
    if (!this.loading) {
      this.loading = this.instantiate().then(
        (glue) => {
          this.glue = glue;
          this.loading = null;
          return glue;
        },
        (err) => {
          this.loading = null;
          throw err;
        },
      );
    }
    return this.loading;
  }

  /** The compiled module (fetched once); `instantiate` has checked that the page allows it. */
  async compile() {
    if (this.module) return this.module;
    const response = await fetch(this.wasmUrl);
    if (!response.ok) {
      throw new Error(`could not load ${this.wasmUrl}: HTTP ${response.status} ${response.statusText}`.trim());
    }
    // compileStreaming needs the application/wasm type; some servers send another.
    const type = response.headers.get("content-type") || "";
    this.module =
      typeof WebAssembly.compileStreaming === "function" && type.startsWith("application/wasm")
        ? await WebAssembly.compileStreaming(response)
        : await WebAssembly.compile(await response.arrayBuffer());
    return this.module;
  }

  async instantiate() {
    const refused = wasmRefusal();
    if (refused) throw new WasmRefusedError(refused);
    // The wasm download and compile and the glue's download run side by side.
    const [module, glue] = await Promise.all([this.compile(), this.createGlue()]);
    await glue.default({ module_or_path: module });
    this.generation += 1;
    this.given = new Set();
    this.builtIn = new Set(glue.builtInDatasets());
    glue.setDatasetLoader((name) => this.datasetText(name));
    return glue;
  }

  /** The JSON text of the built-in dataset `name`: fetched once per page (a failure is tried again next time). */
  datasetText(name) {
    let text = this.texts.get(name);
    if (!text) {
      const url = this.datasetUrl(name);
      if (!url) return Promise.reject(new LoadError(`the built-in dataset "${name}" has no address here (the engine was set up without datasetUrl)`, "dataset"));
      text = fetchText(url, { what: `the built-in dataset "${name}" (${shownUrl(url)})`, path: "dataset", kind: "a dataset", ours: true }).then((t) => {
        if (t === null) throw new LoadError(`the built-in dataset "${name}" was not fetched (aborted)`, "dataset");
        return t;
      });
      this.texts.set(name, text);
      text.catch(() => this.texts.delete(name));
    }
    return text;
  }

  /**
   * Gives the live instance the built-in dataset `spec` names, if any and if
   * it lacks it; rejects with a LoadError (path "dataset") when it cannot be had.
   */
  async datasetFor(spec) {
    const name = datasetOf(spec);
    if (!name || !this.glue || !this.builtIn?.has(name) || this.given.has(name)) return;
    const text = await this.datasetText(name);
    if (!this.glue) return; // restarted meanwhile: the new instance asks for it itself
    this.run((glue) => glue.addDataset(text));
    this.given.add(name);
  }

  /** `spec` with its `table.url`, if any, fetched into `table.text` (see table.js). */
  tableFor(spec) {
    return withTable(spec, this.tables);
  }

  /**
   * Loads the engine, the dataset `spec` names and its table URL, then
   * `run((glue) => fn(glue, spec))`, `spec` with the table's text. When
   * either cannot be had: `onDatasetError(err)`'s result if given (`err.path`
   * is "dataset" or "table.url"), else `fn` runs anyway (a chart then shows
   * the failure in place).
   */
  async callWith(spec, fn, onDatasetError = null) {
    await this.load();
    try {
      spec = await this.tableFor(spec);
      await this.datasetFor(spec);
    } catch (err) {
      if (onDatasetError) return onDatasetError(err);
    }
    return this.run((glue) => fn(glue, spec));
  }

  /**
   * Runs `fn(glue)`; a trap marks the instance dead (the caller gets the
   * error) and starts a fresh one for the other charts.
   */
  run(fn) {
    if (!this.glue) throw new Error("housing-charts: the engine is not loaded");
    try {
      return fn(this.glue);
    } catch (err) {
      if (isTrap(err)) this.trapped(err);
      throw err;
    }
  }

  /** Loads the engine if needed, then `run(fn)`. */
  async call(fn) {
    await this.load();
    return this.run(fn);
  }

  /** The instance trapped (in a call, or in one of its own callbacks): replace it. */
  trapped(err) {
    if (!this.glue) return;
    this.glue = null;
    this.restarts += 1;
    if (this.restarts > MAX_RESTARTS) {
      console.error(`housing-charts: the chart engine stopped again (${this.restarts} times: a bug; please report it); not restarting it.`, err);
      return;
    }
    console.error("housing-charts: the chart engine stopped (a bug; please report it with the chart's spec); starting a fresh one.", err);
    this.load().then(
      () => this.listeners.forEach((listener) => listener(this.generation)),
      (e) => console.error("housing-charts: could not restart the chart engine", e),
    );
  }

  /** `listener(generation)` after every restart. Returns a function that removes it. */
  onRestart(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
