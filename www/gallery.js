// The gallery: one card per spec in data/examples/ (listed in
// data/examples.json by `make build`), each drawn by the wasm build.
// Everything from the network is shown with textContent, never as HTML.
//
// The module is imported dynamically (the equivalent of
// `import init, { render } from "./pkg/housing_charts.js"; await init();`)
// so that a missing build or a missing export is reported on the page
// instead of silently stopping this script.

const gallery = document.getElementById("gallery");
const status = document.getElementById("status");

function showStatus(text, isError = false) {
  status.textContent = text;
  status.classList.toggle("error", isError);
}

function errorText(err) {
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return String(err);
}

async function fetchText(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status} ${res.statusText}`);
  return res.text();
}

function parseJson(url, text) {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`${url}: not valid JSON (${err.message})`);
  }
}

function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "text") node.textContent = value;
    else if (key === "class") node.className = value;
    else node.setAttribute(key, value);
  }
  node.append(...children);
  return node;
}

/** An empty card for `name`: returns the card and the parts to fill in. */
function card(name) {
  const chart = el("div", { class: "chart" });
  const pre = el("pre");
  const details = el("details", {}, [el("summary", { text: "spec" }), pre]);
  const caption = el("figcaption", {}, [el("code", { class: "name", text: name }), details]);
  const figure = el("figure", { class: "card", id: `example-${name.replace(/\.json$/, "")}` }, [
    chart,
    caption,
  ]);
  gallery.append(figure);
  return { figure, chart, pre };
}

/** Replaces the chart area with a message (text only). */
function showError(target, message) {
  target.replaceChildren(el("p", { class: "error", role: "alert", text: message }));
}

/** The Chart handles by file name (update(spec), destroy()), for the console. */
const charts = new Map();
/** Each example's spec as fetched (no locale: the gallery chooses it). */
const specs = new Map();
window.housingChartsGallery = { charts };
let render;
let addDataset = () => {};

/** name → promise of a built-in dataset's JSON text (pkg/datasets/, fetched once). */
const datasetTexts = new Map();
function datasetText(name) {
  if (!datasetTexts.has(name)) datasetTexts.set(name, fetchText(`pkg/datasets/${encodeURIComponent(name)}.json`));
  return datasetTexts.get(name);
}

// What every card is drawn in: the language, the theme and (for review
// sheets) a fixed chart width. Each also comes from the URL
// (?lang=ar&theme=dark&width=280, and ?only=a,b for some examples only), so
// a sheet can be linked or screenshotted.
const LANGS = ["en", "zh", "fr", "es", "ru", "ar"];
const params = new URLSearchParams(location.search);
const view = {
  lang: LANGS.includes(params.get("lang")) ? params.get("lang") : "en",
  theme: ["light", "dark"].includes(params.get("theme")) ? params.get("theme") : "",
  width: /^[1-9][0-9]{1,3}$/.test(params.get("width") ?? "") ? Number(params.get("width")) : 0,
};

/** The spec of an example as this view draws it. */
function viewed(spec) {
  const out = { ...spec, locale: view.lang };
  // A spec with a theme of its own (its colours, its background) keeps it:
  // switching only its base would mix the two themes.
  const own = typeof spec.theme === "object" && spec.theme && (spec.theme.background || spec.theme.text || spec.theme.palette);
  if (view.theme && !own) out.theme = typeof spec.theme === "object" && spec.theme ? { ...spec.theme, base: view.theme } : view.theme;
  return out;
}

function applyWidth() {
  gallery.classList.toggle("fixed", view.width > 0);
  gallery.style.setProperty("--chart-width", view.width ? `${view.width}px` : "");
}

/** The language, theme and width controls; a change redraws every card. */
function controls() {
  const form = document.getElementById("view");
  if (!form) return;
  for (const [key, value] of Object.entries(view)) {
    const select = form.elements.namedItem(key);
    if (select) select.value = String(value);
  }
  form.addEventListener("change", (e) => {
    const key = e.target.name;
    if (!(key in view)) return;
    view[key] = key === "width" ? Number(e.target.value) : e.target.value;
    const url = new URL(location.href);
    if (view[key]) url.searchParams.set(key, String(view[key]));
    else url.searchParams.delete(key);
    history.replaceState(null, "", url);
    applyWidth();
    for (const [name, chart] of charts) {
      try {
        chart.update(viewed(specs.get(name)));
      } catch (err) {
        console.error(`${name}: ${errorText(err)}`);
      }
    }
  });
}

async function showExample(name) {
  const { chart, pre } = card(name);
  chart.lang = view.lang;
  const url = `data/examples/${encodeURIComponent(name)}`;
  let spec;
  try {
    const text = await fetchText(url);
    pre.textContent = text.trimEnd();
    spec = parseJson(url, text);
  } catch (err) {
    showError(chart, errorText(err));
    return;
  }
  specs.set(name, spec);
  if (typeof spec.dataset === "string") {
    try {
      addDataset(await datasetText(spec.dataset));
    } catch (err) {
      // Drawn anyway: the chart says in place which dataset is missing.
      console.error(`${name}: ${errorText(err)}`);
    }
  }
  try {
    // render() shows a bad spec's error in place and does not throw; an
    // exception here is a bug (or a missing export) and is shown as text.
    charts.set(name, render(chart, viewed(spec)));
  } catch (err) {
    showError(chart, `render failed: ${errorText(err)}`);
  }
}

async function main() {
  try {
    const wasm = await import("./pkg/housing_charts.js");
    await wasm.default();
    render = wasm.render;
    // The built-in datasets are not in the wasm: give the engine those the
    // examples name before drawing them, and let it ask for others itself.
    addDataset = (text) => wasm.addDataset(text);
    wasm.setDatasetLoader((name) => datasetText(name));
  } catch (err) {
    showStatus(`Could not load the WebAssembly build (run 'make build'): ${errorText(err)}`, true);
    return;
  }
  if (typeof render !== "function") {
    const missing = new Error("pkg/housing_charts.js does not export render()");
    render = () => {
      throw missing;
    };
  }

  let names;
  try {
    names = parseJson("data/examples.json", await fetchText("data/examples.json"));
    if (!Array.isArray(names)) throw new Error("data/examples.json: expected a list of file names");
  } catch (err) {
    showStatus(errorText(err), true);
    return;
  }
  if (names.length === 0) {
    showStatus("No examples in data/examples/.");
    return;
  }
  showStatus("");
  controls();
  applyWidth();
  // ?only=people-bars,shares-bars: just those cards (a review sheet).
  const only = (params.get("only") ?? "").split(",").filter(Boolean).map((n) => (n.endsWith(".json") ? n : `${n}.json`));
  const shown = only.length ? names.filter((n) => only.includes(String(n))) : names;
  // Cards appear in list order; the fetches run concurrently.
  await Promise.all(shown.map((name) => showExample(String(name))));
}

// data-gallery="done" once every card is drawn or shows its error (the
// screenshot script waits for it).
main()
  .catch((err) => showStatus(errorText(err), true))
  .finally(() => {
    document.documentElement.dataset.gallery = "done";
  });
