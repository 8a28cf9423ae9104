// The inside of frame.html: the page on the loader's own origin that draws a
// chart for a parent page whose Content-Security-Policy refuses WebAssembly
// (element.js puts it in an iframe).

/**
 * The inside of frame.html (a page on the loader's own origin that draws one
 * chart for a parent page that refuses WebAssembly). Specs come only from the
 * parent window; the frame reports its height, the chart's accessible name and
 * any error back to it.
 */
export function runFrame() {
  const parent = window.parent;
  if (!parent || parent === window) return;
  // Results go only to the origin that sent the spec ("ready" carries nothing).
  let parentOrigin = null;
  let chart = null;
  const post = (message) => {
    if (message.type === "housing-charts:ready") parent.postMessage(message, "*");
    else if (parentOrigin) parent.postMessage(message, parentOrigin);
  };
  const size = () => post({ type: "housing-charts:size", height: document.documentElement.scrollHeight });
  const label = () => chart?.shadowRoot?.querySelector("canvas")?.getAttribute("aria-label") ?? "";
  window.addEventListener("message", (event) => {
    if (event.source !== parent) return;
    const data = event.data || {};
    // Text, or an object (structured-cloned: typed-array columns arrive intact).
    if (data.type !== "housing-charts:spec" || !data.spec || !/^(string|object)$/.test(typeof data.spec)) return;
    parentOrigin = event.origin;
    if (typeof data.lang === "string" && data.lang) document.documentElement.lang = data.lang;
    if (!chart) {
      chart = document.createElement("housing-chart");
      chart.setAttribute("loading", "eager");
      chart.addEventListener("chartrender", (e) => post({ type: "housing-charts:result", warnings: e.detail.warnings, label: label() }));
      chart.addEventListener("charterror", (e) => post({ type: "housing-charts:result", error: e.detail.message, path: e.detail.path }));
      chart.spec = data.spec;
      document.body.append(chart);
      new ResizeObserver(size).observe(document.body);
    } else {
      chart.spec = data.spec;
    }
  });
  post({ type: "housing-charts:ready" });
}
