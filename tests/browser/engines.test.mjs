// What matters most to readers, in the two engines besides Chromium: Firefox
// ESR (geckodriver) and WebKitGTK's MiniBrowser (WebKitWebDriver, under
// Xvfb), both from Debian, driven over W3C WebDriver (webdriver.mjs), both at
// devicePixelRatio 2:
//  - the gallery: every example drawn and inked, backing store = CSS × DPR;
//  - a bad spec's error shown in place of its chart, the other chart drawn;
//  - <housing-chart>'s life: inserted, updated (attribute, inline spec),
//    removed and re-added, with no error on the page;
//  - a page that refuses WebAssembly gets its charts in frames;
//  - Tab reaches a chart, arrow keys move between its figures;
//  - every example in six languages at 280 and 640 px: no drawn text over
//    another or outside the chart, measured with this engine's fonts;
//  - text metrics: measureText of the chart font in Latin, Chinese and
//    Arabic, compared with Chromium's (reported, and bounded).
// Neither driver hands over the console log, so pages are served with
// /test/capture.js first in <head>: it records uncaught errors, unhandled
// rejections, CSP violations and console.error calls into window.__problems.
// An engine that is not installed is skipped with the reason; one that is
// installed but does not start fails.
import { describe, test as nodeTest, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { resolve } from "node:path";
import { serve, browser } from "./harness.mjs";
import { ENGINES, KEY, missing, start } from "./webdriver.mjs";
import { drawnProblems } from "./text-boxes.mjs";

const ROOT = resolve(import.meta.dirname, "../..");
const EXAMPLES = readdirSync(resolve(ROOT, "data/examples")).filter((f) => f.endsWith(".json"));
const LANGS = ["en", "zh", "fr", "es", "ru", "ar"];
const TIMEOUT = { timeout: 120_000 };
/** ENGINES=firefox (or webkit) runs one engine only. */
const ONLY = (process.env.ENGINES || "firefox,webkit").split(",").filter(Boolean);
for (const e of ONLY) assert.ok(ENGINES[e], `ENGINES=${process.env.ENGINES}: no engine "${e}" (firefox, webkit)`);
/** The crate's font stack (src/theme.rs FONT_FAMILY), for the text-metrics test. */
const FONT_FAMILY = /FONT_FAMILY: &str = "([^"]*)";/.exec(readFileSync(resolve(ROOT, "src/theme.rs"), "utf8"))[1].replace(/\\\n\s*/g, "");

const CAPTURE = `(() => {
  const problems = (window.__problems = []);
  const push = (s) => problems.push(String(s).slice(0, 400));
  addEventListener("error", (e) => push("exception: " + e.message));
  addEventListener("unhandledrejection", (e) => push("rejection: " + ((e.reason && e.reason.message) || e.reason)));
  document.addEventListener("securitypolicyviolation", (e) => push("csp: Content Security Policy " + e.effectiveDirective + " refused " + e.blockedURI));
  const error = console.error;
  console.error = function (...args) { push("console: " + args.map(String).join(" ")); return error.apply(this, args); };
})();`;

const HOST = (body) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>engine test</title>
<script src="/test/capture.js"></script><script src="/www/housing-charts.js" defer></script></head><body>${body}</body></html>`;

/** Test routes: the capture script, a host page, and any page (of the repository, served from its root) with ?capture. */
function routes(req, res) {
  const url = new URL(req.url, "http://x/");
  const send = (type, text) => {
    res.writeHead(200, { "content-type": type, "cache-control": "no-store" });
    res.end(text);
    return true;
  };
  if (url.pathname === "/test/capture.js") return send("text/javascript", CAPTURE);
  if (url.pathname === "/test/host.html") return send("text/html", HOST(url.searchParams.get("body") ?? ""));
  if (url.searchParams.has("capture") && (url.pathname.endsWith("/") || url.pathname.endsWith(".html"))) {
    const file = resolve(ROOT, `.${url.pathname}${url.pathname.endsWith("/") ? "index.html" : ""}`);
    if (!file.startsWith(ROOT) || !existsSync(file)) return false;
    const html = readFileSync(file, "utf8").replace(/<head>/i, '<head>\n<script src="/test/capture.js"></script>');
    return send("text/html", html);
  }
  return false;
}

/** Texts measured in the chart's font: Latin, Chinese, Arabic (the six languages' scripts but Cyrillic, which is Latin-like). */
const SAMPLES = {
  latin: "People without adequate housing: about 2.8 billion",
  chinese: "缺乏适足住房的人：约28亿",
  arabic: "يفتقرون إلى السكن اللائق: نحو 2.8 مليار",
};

/** In a page: each sample's width at 14 px, normal and bold, in `family` (the crate's font stack). */
function measure({ samples, family }) {
  const ctx = document.createElement("canvas").getContext("2d");
  const out = {};
  for (const [name, text] of Object.entries(samples)) {
    for (const weight of ["normal", "bold"]) {
      ctx.font = `${weight} 14px ${family}`;
      out[`${name} ${weight}`] = Math.round(ctx.measureText(text).width * 10) / 10;
    }
  }
  return out;
}

/** In a page: the chart canvas of each element matching `selector`: size, DPR, inked pixels. */
function canvases(selector) {
  const inked = (canvas) => {
    if (!canvas.width || !canvas.height) return 0;
    const { data } = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height);
    let n = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2]) n++;
    }
    return n;
  };
  return [...document.querySelectorAll(selector)].map((el) => {
    const canvas = el.shadowRoot ? el.shadowRoot.querySelector("canvas") : el.querySelector("canvas");
    return {
      id: el.id || el.closest("[id]")?.id,
      width: canvas?.width ?? 0,
      cssWidth: canvas ? canvas.getBoundingClientRect().width : 0,
      inked: canvas ? inked(canvas) : 0,
      label: canvas?.getAttribute("aria-label") ?? "",
      error: el.error ?? null,
      alert: (el.shadowRoot ?? el).querySelector("[role=alert]")?.textContent ?? "",
    };
  });
}

let server;
let chromiumMetrics = null;
before(async () => {
  server = await serve(ROOT, routes);
});
after(async () => {
  await server?.close();
});

/** Chromium's measureText of the samples, once, as the reference the engines are compared with. */
async function reference() {
  if (!chromiumMetrics) {
    const chromium = await browser();
    try {
      const page = await chromium.newPage();
      chromiumMetrics = await page.evaluate(measure, { samples: SAMPLES, family: FONT_FAMILY });
    } finally {
      await chromium.close();
    }
  }
  return chromiumMetrics;
}

for (const engine of ONLY) {
  const why = missing(engine);
  describe(ENGINES[engine].label, () => {
    let wd;
    before(async () => {
      if (!why) wd = await start(engine);
    }, { timeout: 60_000 });
    /** A test of this engine, reported as skipped with the reason when the engine is not installed. */
    const test = (name, options, fn) =>
      nodeTest(name, options, (t) => (why ? t.skip(`${engine}: ${why}`) : fn(t)));
    after(async () => {
      await wd?.stop();
    });

    const problems = () => wd.session.run(() => window.__problems ?? ["capture.js did not run"]);
    const host = async (body) => {
      await wd.session.navigate(`${server.url}test/host.html?body=${encodeURIComponent(body)}`);
      await wd.session.waitFor(() => Boolean(customElements.get("housing-chart")), [], { what: "<housing-chart> defined" });
    };
    /** Waits until <housing-chart id> is drawn (or, with error, shows one). */
    const settle = (id, error = false) =>
      wd.session.waitFor(
        (id, error) => {
          const el = document.getElementById(id);
          if (!el) return false;
          if (error) return Boolean(el.error);
          const canvas = el.shadowRoot?.querySelector("canvas");
          return !el.error && canvas && canvas.width > 0 && Boolean(el.chart);
        },
        [id, error],
        { what: `#${id} ${error ? "showing its error" : "drawn"}` },
      );

    test("the gallery: every example drawn and inked, backing store = CSS size × devicePixelRatio", TIMEOUT, async (t) => {
      t.diagnostic(`${engine}: ${wd.version}`);
      await wd.session.setWindowRect(1200, 900);
      await wd.session.navigate(`${server.url}www/?capture`);
      await wd.session.waitFor(() => document.documentElement.dataset.gallery === "done", [], { timeout: 90_000, what: "the gallery done" });
      const charts = await wd.session.run(canvases, ".chart");
      const { dpr, inner, alerts } = await wd.session.run(() => ({
        dpr: devicePixelRatio,
        inner: innerWidth,
        alerts: [...document.querySelectorAll("[role=alert]")].map((e) => e.textContent),
      }));
      assert.equal(dpr, 2, "the engine was started at devicePixelRatio 2");
      assert.deepEqual(alerts, [], "charts showed errors");
      assert.equal(charts.length, EXAMPLES.length);
      for (const c of charts) {
        assert.ok(c.inked > 2000, `${c.id}: only ${c.inked} pixels drawn`);
        assert.ok(Math.abs(c.width - c.cssWidth * dpr) <= 2, `${c.id}: backing store ${c.width} for ${c.cssWidth} CSS px at DPR ${dpr}`);
        assert.ok(c.cssWidth <= inner, `${c.id}: ${c.cssWidth} px wide in a ${inner} px page`);
      }
      assert.deepEqual(await problems(), []);
    });

    test("a bad spec's error is shown in place of its chart; the chart beside it draws", TIMEOUT, async () => {
      await host(`<housing-chart id="good" dataset="people" loading="eager"></housing-chart>
        <housing-chart id="bad" loading="eager"><script type="application/json">{"type":"bar","data":[{"label":"Three","value":"3x"}]}</script></housing-chart>`);
      await settle("good");
      await settle("bad", true);
      const [good, bad] = await wd.session.run(canvases, "housing-chart");
      assert.ok(good.inked > 2000, `the good chart drew ${good.inked} pixels`);
      assert.match(bad.error, /data\[0\]\.value/);
      assert.match(bad.alert, /data\[0\]\.value/, "the message is shown in the chart's place");
      assert.equal(bad.inked, 0, "nothing drawn for the bad spec");
      const visible = await wd.session.run(() => {
        const r = document.getElementById("bad").shadowRoot.querySelector("[role=alert]").getBoundingClientRect();
        return r.width > 0 && r.height > 0;
      });
      assert.ok(visible, "the error box is visible");
      const seen = await problems();
      assert.ok(seen.every((p) => /data\[0\]\.value/.test(p)), seen.join("\n"));
    });

    test("<housing-chart>: inserted, updated, removed and re-added, with no error on the page", TIMEOUT, async () => {
      await host("");
      await wd.session.run(() => {
        document.body.insertAdjacentHTML("beforeend", `<housing-chart id="a" dataset="people" loading="eager"></housing-chart>
          <housing-chart id="b" loading="eager"><script type="application/json">{"type":"bar","data":[{"label":"One","value":1},{"label":"Two","value":2}]}</script></housing-chart>`);
      });
      await settle("a");
      await settle("b");
      const label = await wd.session.run(() => document.getElementById("a").shadowRoot.querySelector("canvas").getAttribute("aria-label"));
      // Updated: an attribute, then the inline spec.
      await wd.session.run(() => document.getElementById("a").setAttribute("lang", "zh"));
      await wd.session.waitFor(() => /亿/.test(document.getElementById("a").shadowRoot.querySelector("canvas")?.getAttribute("aria-label")), [], { what: "#a in Chinese" });
      await wd.session.run(() => (document.querySelector("#b script").textContent = '{"type":"bar","data":[{"label":"Three","value":3}]}'));
      await wd.session.waitFor(() => /Three/.test(document.getElementById("b").shadowRoot.querySelector("canvas")?.getAttribute("aria-label")), [], { what: "#b's new spec" });
      // Removed: its chart is destroyed; re-added: drawn again.
      const removed = await wd.session.run(() => {
        window.kept = document.getElementById("a");
        window.kept.remove();
        return window.kept.chart;
      });
      assert.equal(removed, null, "removing the element destroys its chart");
      await wd.session.run(() => {
        window.kept.setAttribute("lang", "en");
        document.body.append(window.kept);
      });
      await settle("a");
      const again = await wd.session.run(canvases, "#a");
      assert.ok(again[0].inked > 2000);
      assert.equal(again[0].label, label);
      // Everything removed; a frame later nothing has thrown.
      await wd.session.run(async () => {
        for (const el of document.querySelectorAll("housing-chart")) el.remove();
        await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
      });
      assert.deepEqual(await problems(), []);
    });

    test("a page that refuses WebAssembly gets its charts drawn in frames", TIMEOUT, async () => {
      await wd.session.navigate(`${server.url}www/embed/no-wasm.html?capture`);
      const frames = await wd.session.waitFor(
        () => {
          const frames = [...document.querySelectorAll("housing-chart")].slice(0, 3).map((e) => e.shadowRoot?.querySelector("iframe"));
          if (!frames.every((f) => f && parseFloat(f.style.height) > 100 && f.title !== "Chart")) return false;
          const inked = frames.map((f) => {
            const canvas = f.contentDocument?.querySelector("housing-chart")?.shadowRoot?.querySelector("canvas");
            if (!canvas?.width) return 0;
            const { data } = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height);
            let n = 0;
            for (let i = 0; i < data.length; i += 4) if (data[i] !== data[0] || data[i + 1] !== data[1]) n++;
            return n;
          });
          return inked.every((n) => n > 2000) && { titles: frames.map((f) => f.title), inked };
        },
        [],
        { what: "three charts drawn in frames" },
      );
      assert.match(frames.titles[0], /2\.8\u00a0billion/, "the frame is titled with the chart's summary");
      const seen = await problems();
      assert.ok(seen.every((p) => /WebAssembly|wasm|Content Security Policy/i.test(p)), seen.join("\n"));
    });

    test("keyboard: Tab reaches a chart, arrow keys move between its figures, Tab leaves", TIMEOUT, async () => {
      await host(`<button id="before">before</button>
        <housing-chart id="k" loading="eager"><script type="application/json">{"type":"bar","data":[{"label":"One","value":1},{"label":"Two","value":2},{"label":"Three","value":3}]}</script></housing-chart>
        <button id="after">after</button>`);
      await settle("k");
      const focused = () =>
        wd.session.run(() => {
          const el = document.activeElement;
          return el?.id === "k" ? `k:${el.shadowRoot.activeElement?.tagName.toLowerCase()}` : el?.id || el?.tagName.toLowerCase();
        });
      const announced = () => wd.session.run(() => document.getElementById("k").shadowRoot.querySelector("[aria-live]")?.textContent ?? "");
      await wd.session.run(() => document.getElementById("before").focus());
      await wd.session.keys(KEY.Tab);
      assert.equal(await focused(), "k:canvas", "Tab from the button before the chart reaches its canvas");
      await wd.session.keys(KEY.ArrowRight);
      assert.match(await announced(), /One/);
      await wd.session.keys(KEY.ArrowRight);
      assert.match(await announced(), /Two/);
      await wd.session.keys(KEY.ArrowLeft);
      assert.match(await announced(), /One/);
      await wd.session.keys(KEY.Tab);
      assert.equal(await focused(), "after", "Tab leaves the chart (no keyboard trap)");
      assert.deepEqual(await problems(), []);
    });

    test("no drawn text overlaps another or leaves the chart at 280 and 640 px, in six languages, with this engine's fonts", TIMEOUT, async () => {
      await wd.session.navigate(`${server.url}tests/browser/pages/robust.html?capture`);
      await wd.session.waitFor(() => window.ready === true, [], { what: "the wasm module loaded" });
      const specs = EXAMPLES.map((f) => [f, JSON.parse(readFileSync(resolve(ROOT, "data/examples", f), "utf8"))]);
      const found = [];
      for (const width of [280, 640]) {
        for (const lang of LANGS) {
          const these = specs.map(([f, s]) => [`${f} ${lang} ${width}px`, { ...s, locale: lang }]);
          found.push(...(await wd.session.run(drawnProblems, { specs: these, width })));
        }
      }
      assert.deepEqual(found, [], `${found.length} problems:\n${found.join("\n")}`);
      assert.deepEqual(await problems(), []);
    });

    test("text metrics: measureText in the chart font, compared with Chromium's", TIMEOUT, async (t) => {
      await host("");
      const here = await wd.session.run(measure, { samples: SAMPLES, family: FONT_FAMILY });
      const chromium = await reference();
      const differ = [];
      for (const [key, width] of Object.entries(here)) {
        const ref = chromium[key];
        assert.ok(width > 0, `${key}: measured ${width}`);
        const ratio = width / ref;
        // Same fonts from Debian's packages; a script that falls back to another font family would be far off.
        assert.ok(ratio > 0.75 && ratio < 1.33, `${key}: ${width} px in ${engine}, ${ref} px in Chromium`);
        if (Math.abs(ratio - 1) > 0.005) differ.push(`${key} ${width} px (Chromium ${ref}, ${ratio > 1 ? "+" : ""}${((ratio - 1) * 100).toFixed(1)}%)`);
      }
      t.diagnostic(differ.length ? `${engine} measures text differently from Chromium: ${differ.join("; ")}` : `${engine} measures every sample as Chromium does (within 0.5%)`);
    });
  });
}
