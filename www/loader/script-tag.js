// The script-tag loader (www/housing-charts.js, built by .ci/build-loader.mjs):
//
//   <script src="https://your.site/charts/housing-charts.js" defer></script>
//   <housing-chart dataset="people"></housing-chart>
//
// Works as a classic or a module script. Finds the engine (pkg/) and the
// fallback frame (frame.html) next to itself, defines <housing-chart>, and
// exposes window.HousingCharts for pages that draw from JavaScript.

import { Engine } from "./engine.js";
import { defineElement } from "./element.js";
import { runFrame } from "./frame.js";

function ownUrl() {
  const current = document.currentScript;
  if (current && current.src) return current.src;
  // As a module script there is no currentScript: find the tag.
  const scripts = Array.from(document.querySelectorAll("script[src]")).reverse();
  const tag = scripts.find((s) => /(^|\/)housing-charts(\.min)?\.js([?#]|$)/.test(s.src));
  return tag ? tag.src : document.baseURI;
}

const base = new URL(".", ownUrl());
const engine = new Engine({
  createGlue: () => import(new URL("pkg/housing_charts_factory.js", base).href).then((m) => m.createGlue()),
  wasmUrl: new URL("pkg/housing_charts_bg.wasm", base).href,
  datasetUrl: (name) => new URL(`pkg/datasets/${encodeURIComponent(name)}.json`, base).href,
});
const frameUrl = new URL("frame.html", base).href;

if (!window.HousingCharts) {
  const HousingChart = defineElement({ engine, frameUrl });
  window.HousingCharts = Object.freeze({
    version: __VERSION__,
    /** The <housing-chart> class. */
    HousingChart,
    /** Loads the engine (done by the first chart anyway). */
    ready: () => engine.load().then(() => undefined),
    /** render(element, spec) → Promise<Chart>: draws into an element or a <canvas>. */
    render: (target, spec) => engine.callWith(spec, (g, s) => g.render(target, s)),
    /** validate(spec) → Promise<undefined | { message, path, line, column }>. */
    validate: (spec) => engine.callWith(spec, (g, s) => g.validate(s), (err) => ({ message: err.message, path: err.path || "dataset" })),
    /** renderSvg(spec, width?) → Promise<string>. */
    renderSvg: (spec, width) => engine.callWith(spec, (g, s) => g.renderSvg(s, width), (err) => {
      throw err;
    }),
  });
  if (document.documentElement.hasAttribute("data-housing-charts-frame")) {
    if (document.body) runFrame();
    else document.addEventListener("DOMContentLoaded", runFrame, { once: true });
  }
}
