// The in-page half of the benchmark, shared by every library's page
// (tests/bench/pages/<library>.html). A page loads its library the way a site
// would, then calls run(adapter) with a small adapter that knows how to turn
// the workload's data into that library's input and draw it. run() measures
// and leaves the numbers in window.__bench for tests/bench/run.mjs.
//
// Every timing ends with a 1-pixel getImageData on every canvas just drawn:
// Chromium records canvas calls and rasterizes lazily, and the readback forces
// the pixels to exist. Every chart is then checked to be inked (outside the
// timings); a blank or errored chart fails the run.
//
// URL parameters: w=<workload>, reps=<re-renders and resizes per load>,
// budget=<ms>: stop re-rendering (and resizing) once a phase has taken this
// long (at least one of each), so a library that takes seconds per render does
// not make the whole benchmark take an hour.

/** The six figures of the housing bar chart (value labels written in words). */
export const FIGURES = [
  { label: "Lacking adequate housing", value: 2.8e9 },
  { label: "Living in slums", value: 1.1e9 },
  { label: "Homeless", value: 3e8 },
  { label: "Children in slums", value: 5e8 },
  { label: "Forcibly displaced", value: 1.23e8 },
  { label: "Africa's housing gap (units)", value: 5.1e7 },
];
export const BARS_TITLE = "Housing crisis: people affected worldwide";

/**
 * The workloads, identical for every library. `charts` containers of
 * `width` × `height` CSS px; a resize toggles the width to `resizeWidth` and back.
 */
export const WORKLOADS = {
  bars: { kind: "bars", charts: 1, width: 640, height: 400, resizeWidth: 480 },
  "line-1k": { kind: "line", points: 1_000, charts: 1, width: 640, height: 400, resizeWidth: 480 },
  "line-100k": { kind: "line", points: 100_000, charts: 1, width: 640, height: 400, resizeWidth: 480 },
  "line-1m": { kind: "line", points: 1_000_000, charts: 1, width: 640, height: 400, resizeWidth: 480 },
  "bars-50": { kind: "bars", charts: 50, width: 240, height: 180, resizeWidth: 200 },
};

/** "2.8 billion", "300 million", "51 million": what every library prints on a bar. */
export function formatWords(v) {
  const [d, w] = v >= 1e9 ? [1e9, "billion"] : v >= 1e6 ? [1e6, "million"] : [1, ""];
  const n = Number((v / d).toPrecision(3));
  return w ? `${n} ${w}` : String(n);
}

/** "0", "500M", "1.5B": what every library prints on the value axis. */
export function formatShort(v) {
  const a = Math.abs(v);
  if (a >= 1e9) return `${Number((v / 1e9).toPrecision(3))}B`;
  if (a >= 1e6) return `${Number((v / 1e6).toPrecision(3))}M`;
  if (a >= 1e3) return `${Number((v / 1e3).toPrecision(3))}k`;
  return String(Number(v.toPrecision(3)));
}

/** mulberry32: a small seeded PRNG, so every page draws the same walk. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seeded random walk: x = 0, 1, 2, …; y steps by U(-0.5, 0.5) from 100, kept to 3 decimals. */
export function randomWalk(n, seed = 42) {
  const rand = mulberry32(seed);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  let v = 100;
  for (let i = 0; i < n; i++) {
    v += rand() - 0.5;
    x[i] = i;
    y[i] = Math.round(v * 1000) / 1000;
  }
  return { x, y };
}

/**
 * The data of chart `i` of a workload. Bars: the six figures (chart i of the
 * 50 scaled by 1 + i/100 so no two charts are the same), with their labels in
 * words; line: the walk as two typed arrays (shared; adapters must not modify them).
 */
export function chartData(workload, data, i) {
  if (workload.kind === "line") return { title: null, ...data };
  const k = 1 + i / 100;
  const figures = FIGURES.map((f) => {
    const value = f.value * k;
    return { label: f.label, value, text: formatWords(value) };
  });
  const title = workload.charts === 1 ? BARS_TITLE : `Chart ${i + 1}: people affected`;
  return { title, figures };
}

/** The canvases a chart drew into (the adapter may know better). */
function canvasesOf(adapter, handle, el) {
  const list = adapter.canvases ? adapter.canvases(handle, el) : [...el.querySelectorAll("canvas")];
  if (!list.length) throw new Error(`${adapter.name}: no canvas in the chart's container`);
  return list;
}

/** Forces rasterization: 1 pixel read back from each canvas. Returns a checksum so nothing is optimised out. */
function readBack(canvases) {
  let sum = 0;
  for (const c of canvases) {
    if (c.width === 0 || c.height === 0) continue;
    const px = c.getContext("2d").getImageData(c.width >> 1, c.height >> 1, 1, 1).data;
    sum += px[0] + px[3];
  }
  return sum;
}

/**
 * Pixels that are neither transparent nor (near) white: what a chart inked,
 * over all the chart's canvases. A blank or errored chart has ~0.
 */
function inked(canvases) {
  let n = 0;
  let area = 0;
  for (const c of canvases) {
    if (c.width === 0 || c.height === 0) continue;
    area += c.width * c.height;
    const { data } = c.getContext("2d").getImageData(0, 0, c.width, c.height);
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] > 32 && (data[i] < 235 || data[i + 1] < 235 || data[i + 2] < 235)) n++;
    }
  }
  return { n, area };
}

/**
 * Whether a line chart kept every pixel column's extremes (is its decimation
 * honest?). The line's ink (bluish pixels: every page draws its line in a
 * blue, and nothing else in blue) is found per device-pixel column. The data
 * are mapped onto the canvas: x from the ink's first to last column (lines
 * run left to right, so no join sticks out sideways), y by a fit of each
 * column's highest and lowest data point to the top and bottom of its ink,
 * trimmed of outliers (miter joins at sharp turns stick out up to 10 half
 * line widths, so the ink's bounding box is no guide). Then each column's
 * highest and lowest point must be inked, within `tol` device px, in that
 * column or within `slack` columns of it. A decimation that drops spikes
 * (every n-th point, averaging, LTTB at too few points) leaves columns short.
 * Only meaningful when the line has several points per column; not timed.
 */
export function extremes(canvas, { x, y }) {
  const W = canvas.width;
  const H = canvas.height;
  const px = canvas.getContext("2d").getImageData(0, 0, W, H).data;
  const top = new Int32Array(W).fill(-1);
  const bot = new Int32Array(W).fill(-1);
  for (let r = 0; r < H; r++) {
    for (let c = 0; c < W; c++) {
      const i = (r * W + c) * 4;
      if (px[i + 3] > 64 && px[i + 2] - px[i] > 40 && px[i + 2] > px[i + 1]) {
        if (top[c] < 0) top[c] = r;
        bot[c] = r;
      }
    }
  }
  let c0 = -1;
  let c1 = -1;
  for (let c = 0; c < W; c++) {
    if (top[c] < 0) continue;
    if (c0 < 0) c0 = c;
    c1 = c;
  }
  if (c0 < 0 || c1 - c0 < 10) return { ok: false, columns: 0, covered: 0, reason: "no line found (no bluish pixels)" };
  const n = x.length;
  const x0 = x[0];
  const sx = (c1 - c0) / (x[n - 1] - x0 || 1);
  // Per column: the data's highest and lowest value.
  const hi = new Float64Array(W).fill(-Infinity);
  const lo = new Float64Array(W).fill(Infinity);
  for (let i = 0; i < n; i++) {
    const c = Math.min(c1, Math.max(c0, Math.round(c0 + (x[i] - x0) * sx)));
    if (y[i] > hi[c]) hi[c] = y[i];
    if (y[i] < lo[c]) lo[c] = y[i];
  }
  // row = a + b·value, fitted to (hi → ink top) and (lo → ink bottom) of every
  // column; then refitted on the 80 % of pairs closest to the line, 4 times.
  const pairs = [];
  for (let c = c0; c <= c1; c++) {
    if (hi[c] === -Infinity || top[c] < 0) continue;
    pairs.push([hi[c], top[c]], [lo[c], bot[c]]);
  }
  let a = 0;
  let b = 0;
  let use = pairs;
  for (let k = 0; k < 5; k++) {
    let sv = 0, sr = 0, svv = 0, svr = 0;
    for (const [v, r] of use) {
      sv += v;
      sr += r;
      svv += v * v;
      svr += v * r;
    }
    const m = use.length;
    b = (m * svr - sv * sr) / (m * svv - sv * sv || 1);
    a = (sr - b * sv) / m;
    use = pairs
      .map((p) => [p, Math.abs(p[1] - (a + b * p[0]))])
      .sort((p, q) => p[1] - q[1])
      .slice(0, Math.ceil(0.8 * pairs.length))
      .map(([p]) => p);
  }
  const tol = Math.max(2, 1.5 * devicePixelRatio);
  const slack = Math.max(1, Math.round(devicePixelRatio));
  let columns = 0;
  let covered = 0;
  let worst = 0;
  for (let c = c0; c <= c1; c++) {
    if (hi[c] === -Infinity) continue;
    columns++;
    const wantTop = a + b * hi[c];
    const wantBot = a + b * lo[c];
    let gotTop = Infinity;
    let gotBot = -Infinity;
    for (let k = Math.max(0, c - slack); k <= Math.min(W - 1, c + slack); k++) {
      if (top[k] < 0) continue;
      gotTop = Math.min(gotTop, top[k]);
      gotBot = Math.max(gotBot, bot[k]);
    }
    const short = Math.max(0, gotTop - wantTop, wantBot - gotBot);
    if (short <= tol) covered++;
    worst = Math.max(worst, short === Infinity ? H : short);
  }
  // 99 %: a stray antialiased column at the ends of the line is not a lost extreme.
  return { ok: covered >= 0.99 * columns, columns, covered, worstPx: Math.round(worst * 10) / 10, tolPx: tol, pointsPerColumn: Math.round(n / columns) };
}

const now = () => performance.now();

/** A container of the workload's size at the end of #root. */
function makeContainer(root, wl) {
  const el = document.createElement("div");
  el.className = "chart";
  el.style.width = `${wl.width}px`;
  el.style.height = `${wl.height}px`;
  root.append(el);
  return el;
}

/**
 * Runs the page's workload with `adapter`:
 *   name; prepare(workload, data, i) → the library's input for chart i;
 *   render(el, input, workload) → handle (or a promise of it), drawn into el;
 *   resize(handle, el, width, height) after el's width changed;
 *   destroy(handle, el); optional canvases(handle, el), error(handle),
 *   warnings(handle) → strings, memory().
 * `readyAt`: performance.now() when the library was loaded and initialised.
 */
export async function run(adapter, readyAt = now()) {
  const result = { library: adapter.name, ok: false, readyMs: readyAt };
  window.__bench = { done: false, result };
  try {
    const params = new URLSearchParams(location.search);
    const name = params.get("w");
    const wl = WORKLOADS[name];
    if (!wl) throw new Error(`unknown workload ${JSON.stringify(name)}`);
    const reps = Number(params.get("reps") || 5);
    const budget = Number(params.get("budget") || Infinity);
    const root = document.getElementById("root");
    root.className = `w-${name}`;
    result.workload = name;
    result.dpr = devicePixelRatio;

    // The data every library gets, made once (not timed; subtracted from the first-chart time).
    const g0 = now();
    const data = wl.kind === "line" ? randomWalk(wl.points) : null;
    const inputs = Array.from({ length: wl.charts }, (_, i) => chartData(wl, data, i));
    result.dataMs = now() - g0;

    // Draws every chart of the workload into fresh containers: the charts and the time taken.
    let checksum = 0;
    const drawAll = async () => {
      const els = Array.from({ length: wl.charts }, () => makeContainer(root, wl));
      const t0 = now();
      let prepMs = 0;
      const charts = [];
      for (let i = 0; i < wl.charts; i++) {
        const p0 = now();
        const input = adapter.prepare(wl, inputs[i], i);
        prepMs += now() - p0;
        const handle = await adapter.render(els[i], input, wl);
        charts.push({ el: els[i], handle });
      }
      for (const c of charts) c.canvases = canvasesOf(adapter, c.handle, c.el);
      for (const c of charts) checksum += readBack(c.canvases);
      return { charts, ms: now() - t0, prepMs };
    };

    // Every chart must be drawn: inked pixels over a threshold, and no error from the library.
    const check = (charts, when) => {
      let minInk = Infinity;
      for (const [i, c] of charts.entries()) {
        const err = adapter.error?.(c.handle);
        if (err) throw new Error(`chart ${i + 1} (${when}): the library reported an error: ${err}`);
        const { n, area } = inked(c.canvases);
        const need = Math.max(300, Math.round(area * 0.004));
        if (n < need) {
          throw new Error(
            `chart ${i + 1} (${when}) is blank: ${n} inked pixels of ${area} (need ${need}); canvas ${c.canvases.map((k) => `${k.width}×${k.height}`).join(", ")}`
          );
        }
        minInk = Math.min(minInk, n / area);
      }
      return minInk;
    };
    const destroyAll = (charts) => {
      for (const c of charts) {
        adapter.destroy(c.handle, c.el);
        c.el.remove();
      }
    };

    // 1. Time to first chart: from the navigation's time origin to pixels readable.
    const first = await drawAll();
    const tFirst = now();
    result.firstRenderMs = first.ms;
    result.firstPrepMs = first.prepMs;
    result.ttfcMs = tFirst - result.dataMs;
    result.ink = { first: check(first.charts, "first render") };
    // What the library said it could not draw as asked (housing-charts: chart.warnings).
    if (adapter.warnings) result.warnings = [...new Set(first.charts.flatMap((c) => adapter.warnings(c.handle) ?? []))];
    // Lines: is every pixel column's min and max still drawn (decimation honest)?
    // (Only where there is something to decimate: several points per pixel column.)
    if (wl.kind === "line" && wl.points >= 8 * first.charts[0].canvases[0].width) result.extremes = extremes(first.charts[0].canvases[0], data);
    const c0 = first.charts[0].canvases[0];
    result.backing = { width: c0.width, height: c0.height, cssWidth: c0.getBoundingClientRect().width };
    result.resources = performance.getEntriesByType("resource").map((r) => ({
      url: r.name,
      start: r.startTime,
      end: r.responseEnd,
      bytes: r.encodedBodySize,
    }));
    const nav = performance.getEntriesByType("navigation")[0];
    result.navigation = nav ? { responseEnd: nav.responseEnd, domInteractive: nav.domInteractive } : null;

    // 2. Re-render into fresh canvases (the previous charts destroyed first, not timed).
    let live = first.charts;
    result.rerenderMs = [];
    result.rerenderPrepMs = [];
    for (let r = 0, spent = 0; r < reps && (r === 0 || spent < budget); r++) {
      destroyAll(live);
      const again = await drawAll();
      result.rerenderMs.push(again.ms);
      result.rerenderPrepMs.push(again.prepMs);
      spent += again.ms;
      live = again.charts;
    }
    result.ink.rerender = check(live, "re-render");

    // 3. Re-render after the containers are resized: the width toggles
    // (narrow, back, …), an even count when the budget allows, so the last
    // drawing (checked, screenshot) is usually at the workload's width again.
    result.resizeMs = [];
    for (let r = 0, spent = 0; r < reps + (reps % 2) && (r === 0 || spent < budget); r++) {
      const w = r % 2 === 0 ? wl.resizeWidth : wl.width;
      for (const c of live) c.el.style.width = `${w}px`;
      const t0 = now();
      for (const c of live) await adapter.resize(c.handle, c.el, w, wl.height);
      for (const c of live) c.canvases = canvasesOf(adapter, c.handle, c.el);
      for (const c of live) checksum += readBack(c.canvases);
      const ms = now() - t0;
      result.resizeMs.push(ms);
      spent += ms;
    }
    result.ink.resize = check(live, "resize");
    const cr = live[0].canvases[0];
    result.backingAfterResize = { width: cr.width, height: cr.height };

    result.memory = adapter.memory ? adapter.memory() : {};
    result.checksum = checksum;
    result.ok = true;
  } catch (e) {
    result.error = String(e && e.stack ? e.stack : e);
    console.error(`bench: ${result.error}`);
  }
  window.__bench.done = true;
  return result;
}

/** For a page whose library failed to load: reports the failure at once (instead of a time-out). */
export function fail(error) {
  window.__bench = { done: true, result: { ok: false, error: String(error) } };
  console.error(`bench: ${error}`);
}
