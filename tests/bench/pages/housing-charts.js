// The housing-charts bench page's code, shared by housing-charts.html and
// housing-charts-preload.html (which differ only in their <link> preloads).
// housing-charts as the README says to use it: the wasm-bindgen glue
// (www/pkg/, served at /lib/housing-charts/), init(), render(element, spec).
// The bar spec is handed over as JSON text (render accepts a plain object or
// a JSON string; an object is JSON.stringify'd inside render, so the work is
// the same), and built inside the timings like every other library's input.
// Lines use the columnar series form with Float64Array columns, the README's
// fast path for long series (as Chart.js gets parsing: false). init() resolves to
// the wasm instance's exports: their `memory` is the module's one linear
// memory (the same number as the memoryBytes() export).

import init, { render } from "/lib/housing-charts/housing_charts.js";
import { run, fail } from "/pages/harness.js";

/** Runs the harness for housing-charts under the library name `name`. */
export async function runHousingCharts(name) {
  let wasm;
  try {
    wasm = await init();
  } catch (e) {
    fail(`housing-charts: init() failed: ${e && e.stack ? e.stack : e}`);
  }
  const ready = performance.now();
  if (wasm) run({
    name,
    prepare(wl, d) {
      if (d.figures) {
        return JSON.stringify({
          type: "bar",
          orientation: "vertical",
          title: d.title,
          valueLabels: true,
          numberFormat: "auto",
          height: wl.height,
          data: d.figures.map((f) => ({ label: f.label, value: f.value })),
        });
      }
      // The columns as the Float64Arrays they are: render copies typed-array
      // columns straight into wasm memory, without JSON (as uPlot takes them).
      return { type: "line", valueLabels: false, height: wl.height, series: [{ name: "walk", x: d.x, y: d.y }] };
    },
    render(el, spec) {
      return { chart: render(el, spec), spec };
    },
    error: (h) => h.chart.error,
    warnings: (h) => h.chart.warnings,
    // The chart re-lays out by itself on a container resize (its ResizeObserver
    // schedules it for the next animation frame); resize() does the same work
    // at once, so it can be timed like the other libraries' resize calls.
    resize(h) {
      h.chart.resize();
    },
    destroy(h) {
      h.chart.destroy();
      h.chart.free();
    },
    canvases: (h) => [h.chart.canvas],
    memory: () => ({ wasmBytes: wasm.memory.buffer.byteLength }),
  }, ready);
}
