// <housing-chart>: the custom element that web editors write.
//
//   <housing-chart lang="zh" theme="dark" height="360">
//     <script type="application/json">{ "type": "bar", "dataset": "people" }</script>
//   </housing-chart>
//   <housing-chart src="charts/africa.json"></housing-chart>
//   <housing-chart dataset="africa-housing-gap" type="line"></housing-chart>
//
// The spec comes from (first found): the `spec` property, a child
// <script type="application/json">, the `src` attribute (fetched), or the
// `dataset` attribute (a built-in dataset; `type` picks the chart kind, bar by
// default; `timeout`: seconds to wait for src, 15 by default). The attributes type, lang (→ the spec's locale), theme and height
// override the spec. The element re-renders when they or the inline spec
// change, draws only once it is near the viewport (unless loading="eager"),
// and frees everything (chart, observers, pending fetch) when it leaves the
// page. Until drawn it keeps the height it will have (its `height` attribute
// or spec's, else 320 px), so charts far down the page do not all count as
// near the viewport; charts that come near it are drawn a few at a time,
// yielding to the page after about 40 ms of drawing. While the page is
// still being parsed (the script in <head> without `defer`), an element
// waits for the end of the document: its inline spec may not be parsed yet. It draws in a shadow root, so the host page's CSS cannot reach the
// chart; CSS custom properties still inherit into it (see the README's
// theming section).
//
// Events (bubbling, composed): `chartrender` ({ warnings }) after a chart is
// drawn, `charterror` ({ message, path }) when a message is shown instead.
// Nothing from a spec or a response is ever inserted as HTML.

import { WasmRefusedError, isTrap } from "./engine.js";
import { LoadError, describe, fetchText, shownUrl, FETCH_TIMEOUT_MS } from "./fetch.js";

export { MAX_SPEC_BYTES, FETCH_TIMEOUT_MS } from "./fetch.js";

const STYLE = `
:host { display: block; position: relative; min-width: 0; }
:host([hidden]) { display: none; }
.chart { width: 100%; min-height: 1px; }
.message {
  margin: 0; padding: 0.75em 1em; border-left: 4px solid #b3261e; background: #fdf3f2; color: #410e0b;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "PingFang SC", "Microsoft YaHei", sans-serif;
  overflow-wrap: anywhere; white-space: pre-wrap;
}
iframe { display: block; width: 100%; border: 0; }
`;

let sheet = null;
function styleFor(root) {
  try {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(STYLE);
    }
    root.adoptedStyleSheets = [sheet];
  } catch {
    // No constructable stylesheets (old browsers): a <style> element.
    const style = document.createElement("style");
    style.textContent = STYLE;
    root.append(style);
  }
}

/** Attribute → spec field, for the attributes that override the spec. */
const OVERRIDES = { type: "type", lang: "locale", theme: "theme", height: "height" };

/**
 * Applies the overriding attributes to a spec (JSON text or an object, which
 * is copied, never changed); the spec as is when nothing applies or it is not
 * an object. An object stays an object, so typed-array columns reach the
 * engine as they are.
 */
function withOverrides(spec, element) {
  const set = Object.keys(OVERRIDES).filter((a) => element.hasAttribute(a));
  if (set.length === 0) return spec;
  let object = spec;
  if (typeof spec === "string") {
    try {
      object = JSON.parse(spec);
    } catch {
      return spec; // the engine reports the syntax error, with its line and column
    }
  }
  if (!object || typeof object !== "object" || Array.isArray(object)) return spec;
  object = { ...object };
  for (const attr of set) {
    const value = element.getAttribute(attr);
    const number = Number(value);
    object[OVERRIDES[attr]] = attr === "height" && value.trim() !== "" && Number.isFinite(number) ? number : value;
  }
  return object;
}

/** Height (CSS px) an element keeps until drawn when neither it nor its spec gives one. */
const PLACEHOLDER_HEIGHT = 320;
/** Drawing time (ms) after which the queue of charts near the viewport yields to the page. */
const DRAW_BUDGET_MS = 40;

/** Elements that came near the viewport, drawn in order by `drain`. */
const queue = [];
let draining = false;

function yieldToPage() {
  const s = globalThis.scheduler;
  return s && typeof s.yield === "function" ? s.yield() : new Promise((ok) => setTimeout(ok, 0));
}

/** Draws the queued elements, yielding to the page after each DRAW_BUDGET_MS of work. */
async function drain() {
  if (draining) return;
  draining = true;
  try {
    let start = performance.now();
    while (queue.length > 0) {
      const element = queue.shift();
      try {
        await element.drawQueued();
      } catch (err) {
        console.error("housing-charts:", err);
      }
      if (performance.now() - start > DRAW_BUDGET_MS) {
        await yieldToPage();
        start = performance.now();
      }
    }
  } finally {
    draining = false;
  }
}

/** One IntersectionObserver for every element: charts draw when they come near the viewport. */
let viewport = null;
function watchViewport(element) {
  if (typeof IntersectionObserver !== "function") return false;
  if (!viewport) {
    viewport = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (entry.isIntersecting) {
            viewport.unobserve(entry.target);
            entry.target.nearViewport();
          }
        }
      },
      { rootMargin: "300px 0px" },
    );
  }
  viewport.observe(element);
  return true;
}

/**
 * Defines <housing-chart> (or `name`) for `engine` (engine.js). `frameUrl`:
 * the page (frame.html on the loader's origin) that draws a chart in an
 * iframe when this page refuses WebAssembly; without it such pages get a
 * message saying how to allow it. Returns the element class.
 */
export function defineElement({ engine, frameUrl = null, name = "housing-chart" }) {
  const existing = customElements.get(name);
  if (existing) return existing;

  // A trap inside one of the engine's own callbacks (resize, pointer) arrives here.
  window.addEventListener("error", (event) => {
    if (isTrap(event.error)) engine.trapped(event.error);
  });

  class HousingChartElement extends HTMLElement {
    static get observedAttributes() {
      return ["src", "dataset", "type", "lang", "theme", "height", "loading"];
    }

    #container;
    #chart = null;
    #generation = 0;
    #spec;
    #visible = false;
    #pending = false;
    #seq = 0;
    #fetched = null; // { url, text }
    #children = null;
    #unsubscribe = null;
    /** This element's spec crashed the engine: not drawn again until it changes. */
    #crashed = false;
    #fetching = null; // AbortController of the spec URL being fetched
    #wasmRefused = null;
    #frame = null;
    #frameSpec = null;
    #frameTimer = 0;
    #onMessage = null;
    #onViolation = null;
    #state = { error: null, path: null };

    constructor() {
      super();
      const root = this.attachShadow({ mode: "open" });
      styleFor(root);
      this.#container = this.#newContainer();
      root.append(this.#container);
    }

    #newContainer() {
      const div = document.createElement("div");
      div.className = "chart";
      div.setAttribute("part", "chart");
      return div;
    }

    connectedCallback() {
      this.#children = new MutationObserver(() => this.#changed());
      this.#children.observe(this, { childList: true, subtree: true, characterData: true });
      this.#unsubscribe = engine.onRestart(() => this.#restarted());
      if (!this.#chart) this.#placeholder();
      if (this.getAttribute("loading") === "eager" || !watchViewport(this)) this.#visible = true;
      this.#schedule();
    }

    /** Until drawn: the height the chart will have, as near as it is known now. */
    #placeholder() {
      let height = Number(this.getAttribute("height"));
      if (!(height > 0)) height = Number(this.#spec && typeof this.#spec === "object" ? this.#spec.height : NaN);
      if (!(height > 0)) {
        const text = this.querySelector(':scope > script[type="application/json"]')?.textContent ?? "";
        const m = text.length < 65536 ? /"height"\s*:\s*(\d+(?:\.\d+)?)/.exec(text) : null;
        height = m ? Number(m[1]) : PLACEHOLDER_HEIGHT;
      }
      this.#container.style.minHeight = `${Math.min(Math.max(height, 1), 4000)}px`;
    }

    disconnectedCallback() {
      this.#seq += 1; // a render in flight finds itself stale
      const queued = queue.indexOf(this);
      if (queued >= 0) queue.splice(queued, 1);
      this.#children?.disconnect();
      this.#children = null;
      viewport?.unobserve(this);
      this.#visible = false;
      this.#unsubscribe?.();
      this.#unsubscribe = null;
      this.#fetching?.abort();
      this.#dropChart();
      this.#dropFrame();
    }

    attributeChangedCallback(name, before, after) {
      if (before === after) return;
      if (name === "src") this.#fetched = null;
      if (name === "loading" && after === "eager") this.#visible = true;
      this.#changed();
    }

    /** Called by the shared IntersectionObserver: drawn in its turn (see `drain`). */
    nearViewport() {
      if (!queue.includes(this)) queue.push(this);
      drain();
    }

    /** Called by `drain`: draws now; settles once drawn (or refused). */
    drawQueued() {
      this.#visible = true;
      if (!this.isConnected || document.readyState === "loading") return this.#schedule();
      return this.#render();
    }

    /** The spec as an object (overrides the inline and src specs); undefined to go back to them. */
    get spec() {
      return this.#spec;
    }
    set spec(value) {
      this.#spec = value;
      this.#changed();
    }

    /** The chart handle (update, toPng, toSvg, toCsv …), once drawn. */
    get chart() {
      return this.#chart;
    }
    /** The message shown instead of the chart, if any, and the JSON path (or attribute) it names. */
    get error() {
      return this.#chart ? this.#chart.error ?? null : this.#state.error;
    }
    get errorPath() {
      return this.#chart ? this.#chart.errorPath ?? null : this.#state.path;
    }

    /** Draws again (e.g. after the spec's URL changed on the server). */
    refresh() {
      this.#fetched = null;
      this.#changed();
    }

    /** The spec or an attribute changed: draw again, even after a crash. */
    #changed() {
      this.#crashed = false;
      this.#schedule();
    }

    #schedule() {
      if (this.#pending) return;
      this.#pending = true;
      // While the page is parsed, the inline spec may be there only in part (or not yet).
      if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", () => {
          this.#pending = false;
          this.#schedule();
        }, { once: true });
        return;
      }
      queueMicrotask(() => {
        this.#pending = false;
        if (this.isConnected && this.#visible) this.#render();
      });
    }

    /** The spec: the `spec` property as given (text or object), else JSON text. */
    async #source() {
      if (this.#spec !== undefined) return this.#spec;
      const script = this.querySelector(':scope > script[type="application/json"]');
      if (script) return script.textContent;
      const src = this.getAttribute("src");
      if (src) {
        const url = new URL(src, document.baseURI).href;
        if (this.#fetched && this.#fetched.url === url) return this.#fetched.text;
        const seconds = Number(this.getAttribute("timeout"));
        this.#fetching = new AbortController();
        const text = await fetchText(url, {
          controller: this.#fetching,
          timeoutMs: seconds > 0 ? seconds * 1000 : FETCH_TIMEOUT_MS,
          what: `the spec at ${shownUrl(url)}`,
          path: "src",
          kind: "a JSON spec",
        });
        this.#fetching = null;
        if (text !== null) this.#fetched = { url, text };
        return text;
      }
      const dataset = this.getAttribute("dataset");
      if (dataset !== null) return JSON.stringify({ type: this.getAttribute("type") || "bar", dataset });
      throw new LoadError(
        'no spec: put the chart\'s JSON in a <script type="application/json"> inside <housing-chart>, or set its src or dataset attribute',
      );
    }

    async #render() {
      const seq = ++this.#seq;
      let spec;
      try {
        spec = await this.#source();
        // A table at a URL is fetched here (the engine has no network) and handed over as its text.
        if (spec !== null) spec = await engine.tableFor(spec);
      } catch (err) {
        if (seq === this.#seq) this.#fail(err);
        return;
      }
      if (seq !== this.#seq || !this.isConnected || spec === null) return;
      spec = withOverrides(spec, this);
      // The engine reads the page's language from the nearest lang attribute,
      // which it cannot see across the shadow root: copy it in.
      const lang = this.closest("[lang]")?.getAttribute("lang");
      if (lang) this.#container.setAttribute("lang", lang);
      else this.#container.removeAttribute("lang");

      if (this.#frame || this.#wasmRefused) return this.#renderInFrame(spec);
      let glue;
      try {
        glue = await engine.load();
      } catch (err) {
        if (seq !== this.#seq) return;
        if (err instanceof WasmRefusedError) {
          this.#wasmRefused = err;
          return this.#renderInFrame(spec);
        }
        this.#fail(new LoadError(`housing-charts could not start: ${describe(err)}`));
        return;
      }
      if (seq !== this.#seq || !this.isConnected || this.#crashed) return; // a crashed spec would only crash again
      try {
        // A built-in dataset the spec names is fetched first (it is not in the wasm).
        await engine.datasetFor(spec);
      } catch (err) {
        if (seq === this.#seq) this.#fail(err);
        return;
      }
      if (seq !== this.#seq || !this.isConnected || this.#crashed || !engine.glue) return;
      let painted = null;
      try {
        engine.run(() => {
          if (this.#chart && this.#generation === engine.generation) {
            // Painted at once, or at the next frame if the chart painted an update since the last.
            painted = this.#chart.update(spec);
          } else {
            this.#dropChart();
            this.#container.replaceChildren();
            this.#chart = glue.render(this.#container, spec);
            this.#generation = engine.generation;
          }
        });
      } catch (err) {
        this.#chart = null;
        if (isTrap(err)) {
          this.#crashed = true;
          this.#fail(new LoadError("housing-charts could not draw this chart: an internal error (details in the console). Please report it with the chart's spec."));
        } else {
          this.#fail(err);
        }
        return;
      }
      this.#container.style.minHeight = "";
      if (painted) await painted;
      if (seq !== this.#seq) return;
      this.#announce();
    }

    /** After a successful call: the chart's own message (shown by the engine) or its warnings. */
    #announce() {
      const chart = this.#chart;
      if (!chart) return;
      const message = chart.error;
      if (message) {
        this.#emit("charterror", { message, path: chart.errorPath ?? "" });
      } else {
        this.#emit("chartrender", { warnings: chart.warnings });
      }
    }

    #emit(type, detail) {
      this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
    }

    /** Shows a loader-level message (as text) in place of the chart, and logs it. */
    #fail(err) {
      this.#dropChart();
      this.#dropFrame();
      const message = describe(err);
      const path = err.path ?? "";
      this.#state = { error: message, path };
      const p = document.createElement("p");
      p.className = "message";
      p.setAttribute("role", "alert");
      p.textContent = message;
      this.#container.style.minHeight = "";
      this.#container.replaceChildren(p);
      console.error(message.startsWith("housing-charts") ? message : `housing-charts: ${message}`);
      this.#emit("charterror", { message, path });
    }

    #dropChart() {
      const chart = this.#chart;
      this.#chart = null;
      this.#state = { error: null, path: null };
      if (!chart) return;
      if (this.#generation === engine.generation && engine.glue) {
        try {
          // destroy() frees the chart (at once, or after the call under way
          // when the element is removed from a getter of its spec).
          engine.run(() => chart.destroy());
        } catch {
          // a trap here restarts the engine; nothing more to free
        }
        try {
          chart.free();
        } catch {
          // still in use by the call under way: freed when it returns
        }
      }
    }

    /** The engine was replaced: draw again with the new one (on a fresh container). */
    #restarted() {
      if (!this.isConnected) return;
      const old = this.#container;
      this.#container = this.#newContainer();
      old.replaceWith(this.#container);
      this.#chart = null;
      if (this.#crashed) {
        // Keep the message of the chart that crashed the engine.
        this.#container.replaceChildren(...old.childNodes);
        return;
      }
      this.#schedule();
    }

    // --- when the page refuses WebAssembly: an iframe from the loader's origin ---

    #renderInFrame(spec) {
      if (!frameUrl) {
        this.#fail(
          new LoadError(
            `${describe(this.#wasmRefused)}. Allow it with 'wasm-unsafe-eval' in the page's script-src, or load housing-charts with its script tag, which can draw in a frame instead.`,
          ),
        );
        return;
      }
      this.#frameSpec = spec;
      if (this.#frame) {
        this.#postToFrame();
        return;
      }
      this.#dropChart();
      const frame = document.createElement("iframe");
      frame.src = frameUrl;
      frame.title = "Chart";
      frame.setAttribute("scrolling", "no");
      const origin = new URL(frameUrl, document.baseURI).origin;
      this.#onMessage = (event) => {
        if (event.source !== frame.contentWindow || event.origin !== origin) return;
        const data = event.data || {};
        if (data.type === "housing-charts:ready") {
          clearTimeout(this.#frameTimer);
          this.#postToFrame();
        }
        else if (data.type === "housing-charts:size" && Number.isFinite(data.height)) {
          frame.style.height = `${Math.max(1, Math.ceil(data.height))}px`;
        } else if (data.type === "housing-charts:result") {
          if (typeof data.label === "string" && data.label) frame.title = data.label.slice(0, 300);
          if (data.error) {
            this.#state = { error: String(data.error), path: String(data.path ?? "") };
            this.#emit("charterror", { message: this.#state.error, path: this.#state.path });
          } else {
            this.#state = { error: null, path: null };
            this.#emit("chartrender", { warnings: Array.isArray(data.warnings) ? data.warnings.map(String) : [] });
          }
        }
      };
      window.addEventListener("message", this.#onMessage);
      // The page's policy may forbid frames too (frame-src): say so rather than leave a blank.
      const refused = (why) => {
        if (this.#frame !== frame) return;
        this.#fail(
          new LoadError(
            `${describe(this.#wasmRefused)}, and the chart could not be drawn in a frame from ${origin} either (${why}). Allow 'wasm-unsafe-eval' in the page's script-src, or frames from ${origin} in its frame-src.`,
          ),
        );
      };
      this.#onViolation = (event) => {
        if (/^(frame|child|default)-src/.test(event.effectiveDirective || event.violatedDirective || "") && String(event.blockedURI).startsWith(origin)) {
          refused(`the page's Content-Security-Policy ${event.effectiveDirective || event.violatedDirective} refuses it`);
        }
      };
      document.addEventListener("securitypolicyviolation", this.#onViolation);
      this.#frameTimer = setTimeout(() => refused(`it did not answer within ${FETCH_TIMEOUT_MS / 1000} s`), FETCH_TIMEOUT_MS);
      this.#frame = frame;
      this.#container.replaceChildren(frame);
    }

    #postToFrame() {
      const frame = this.#frame;
      if (!frame || !frame.contentWindow || this.#frameSpec === null) return;
      const origin = new URL(frameUrl, document.baseURI).origin;
      const lang = this.closest("[lang]")?.getAttribute("lang") ?? "";
      frame.contentWindow.postMessage({ type: "housing-charts:spec", spec: this.#frameSpec, lang }, origin);
    }

    #dropFrame() {
      if (this.#onMessage) window.removeEventListener("message", this.#onMessage);
      if (this.#onViolation) document.removeEventListener("securitypolicyviolation", this.#onViolation);
      clearTimeout(this.#frameTimer);
      this.#onMessage = null;
      this.#onViolation = null;
      this.#frame?.remove();
      this.#frame = null;
    }
  }

  customElements.define(name, HousingChartElement);
  return HousingChartElement;
}
