// The script-tag loader and <housing-chart> (www/loader/, built into
// www/housing-charts.js by `make build`) in headless Chromium: each embed
// mode on a plain page, a strict-CSP page, a page that refuses WebAssembly,
// an element removed and re-added, attribute and inline-spec changes, every
// way a spec URL can fail, host CSS that tries to reach the chart, and a
// trapped engine instance replaced by a fresh one.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { serve, browser, watch } from "./harness.mjs";

/** The README's copy-paste snippet (the first html block of "Web editors: one script tag"). */
const README = readFileSync(resolve(import.meta.dirname, "../../README.md"), "utf8");
const SNIPPET = /### Web editors: one script tag[\s\S]*?```html\n([\s\S]*?)```/.exec(README)[1];

let server, other, chromium;

/** Test-only routes: slow, huge, HTML and cross-origin answers. */
function routes(req, res) {
  const url = new URL(req.url, "http://x/");
  if (url.pathname === "/test/slow.json") {
    setTimeout(() => {
      if (!res.writableEnded) res.end('{"type":"bar","dataset":"people"}');
    }, 5000);
    return true;
  }
  if (url.pathname === "/test/huge.json") {
    // 60 MB without a Content-Length, in chunks, so only the loader's own count can stop it.
    res.writeHead(200, { "content-type": "application/json" });
    const chunk = Buffer.alloc(1 << 20, 0x20);
    let sent = 0;
    const push = () => {
      while (sent < 60 && !res.destroyed) {
        sent += 1;
        if (!res.write(chunk)) return res.once("drain", push);
      }
      res.end();
    };
    push();
    return true;
  }
  if (url.pathname === "/test/page.json") {
    res.writeHead(200, { "content-type": "text/html" });
    res.end("<!doctype html><title>Not found</title><p>Sorry");
    return true;
  }
  if (url.pathname === "/test/readme.html") {
    res.writeHead(200, { "content-type": "text/html" });
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>README snippet</title></head><body>
${SNIPPET.replace("https://your.site/charts/housing-charts.js", "/housing-charts.js")}</body></html>`);
    return true;
  }
  if (url.pathname === "/test/no-frames.html") {
    res.writeHead(200, { "content-type": "text/html" });
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; frame-src 'none'">
<title>no wasm, no frames</title><script src="/housing-charts.js" defer></script></head>
<body><housing-chart id="a" dataset="people" loading="eager"></housing-chart></body></html>`);
    return true;
  }
  if (url.pathname === "/test/broken.json") {
    res.writeHead(200, { "content-type": "application/json" });
    res.end('{\n  "type": "bar",\n  "data": [ { "label": "a", "value": 1 }, ]\n}');
    return true;
  }
  return false;
}

before(async () => {
  server = await serve(undefined, routes);
  other = await serve(); // another origin (port), which sends no CORS headers
  chromium = await browser();
});
after(async () => {
  await chromium?.close();
  await server?.close();
  await other?.close();
});

/** In the page: state of every <housing-chart> (id → canvas size, inked pixels, error, message). */
function charts(page) {
  return page.evaluate(() => {
    const out = {};
    for (const el of document.querySelectorAll("housing-chart")) {
      const canvas = el.shadowRoot.querySelector("canvas");
      let inked = 0;
      if (canvas && canvas.width > 0 && canvas.height > 0) {
        const { data } = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height);
        for (let i = 0; i < data.length; i += 4) {
          if (data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2]) inked++;
        }
      }
      out[el.id] = {
        width: canvas?.width ?? 0,
        cssWidth: canvas ? canvas.getBoundingClientRect().width : 0,
        inked,
        label: canvas?.getAttribute("aria-label") ?? "",
        error: el.error,
        path: el.errorPath,
        message: el.shadowRoot.querySelector(".message, [role=alert]")?.textContent ?? "",
        frame: el.shadowRoot.querySelector("iframe")?.title ?? null,
      };
    }
    return out;
  });
}

/** Waits until chart `id` shows a drawn chart (or, with `error`, a message). */
async function settle(page, id, { error = false } = {}) {
  await page.waitForFunction(
    ([id, error]) => {
      const el = document.getElementById(id);
      if (!el) return false;
      if (error) return Boolean(el.error);
      const canvas = el.shadowRoot.querySelector("canvas");
      return !el.error && canvas && canvas.width > 0 && el.chart;
    },
    [id, error],
    { timeout: 20000 },
  );
}

async function open(path, { size = { width: 900, height: 800 } } = {}) {
  const page = await chromium.newPage({ viewport: size, deviceScaleFactor: 2 });
  const problems = watch(page);
  await page.goto(new URL(path, server.url).href);
  return { page, problems };
}

for (const [name, path] of [
  ["a plain page (classic script)", "embed/plain.html"],
  ["a strict-CSP page (module script, script-src 'self' 'wasm-unsafe-eval', style-src 'self')", "embed/csp.html"],
]) {
  test(`every embed mode on ${name}: inline, src, dataset, below the fold`, async () => {
    const { page, problems } = await open(path);
    for (const id of ["inline", "from-url", "dataset"]) await settle(page, id);
    let state = await charts(page);
    // Drawn only when it comes near the viewport.
    assert.equal(state.lazy.width, 0, "the chart below the fold is not drawn before it is scrolled to");
    await page.evaluate(() => document.getElementById("lazy").scrollIntoView());
    await settle(page, "lazy");
    state = await charts(page);
    for (const id of ["inline", "from-url", "dataset", "lazy"]) {
      assert.equal(state[id].error, null, `${id}: ${state[id].error}`);
      assert.ok(state[id].inked > 2000, `${id}: only ${state[id].inked} pixels drawn`);
      assert.equal(state[id].width, Math.round(state[id].cssWidth * 2), `${id}: canvas backed at DPR 2`);
    }
    assert.match(state.inline.label, /2\.8\u00a0billion/);
    assert.match(state.dataset.label, /非洲|1\.3亿/, "lang=\"zh\" on the element gives a Chinese chart");
    // One engine for the whole page: one wasm download.
    const wasm = await page.evaluate(() => performance.getEntriesByType("resource").filter((e) => e.name.endsWith(".wasm")).length);
    assert.equal(wasm, 1, "the wasm is fetched once for all charts");
    assert.deepEqual(problems, []);
    await page.close();
  });
}

test("a page that refuses WebAssembly gets its charts drawn in frames from the loader's origin", async () => {
  const { page, problems } = await open("embed/no-wasm.html");
  await page.waitForFunction(() => {
    const frames = [...document.querySelectorAll("housing-chart")].slice(0, 3).map((e) => e.shadowRoot.querySelector("iframe"));
    return frames.every((f) => f && parseFloat(f.style.height) > 100 && f.title !== "Chart");
  }, null, { timeout: 20000 });
  const state = await charts(page);
  assert.match(state.inline.frame, /2\.8\u00a0billion/, "the frame is titled with the chart's summary");
  // The pixels really are drawn inside the frames.
  for (const frame of page.frames().filter((f) => f.url().endsWith("/frame.html")).slice(0, 3)) {
    const inked = await frame.evaluate(() => {
      const canvas = document.querySelector("housing-chart").shadowRoot.querySelector("canvas");
      const { data } = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height);
      let n = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i] !== data[0] || data[i + 1] !== data[1]) n++;
      return n;
    });
    assert.ok(inked > 2000, `a frame drew only ${inked} pixels`);
  }
  // The only console errors are the page's own CSP refusing WebAssembly.
  assert.ok(problems.every((p) => /WebAssembly|wasm|Content Security Policy/i.test(p)), problems.join("\n"));
  await page.close();
});

test("the README's copy-paste snippet works on a plain HTML page", async () => {
  assert.match(SNIPPET, /<script src="https:\/\/your\.site\/charts\/housing-charts\.js" defer><\/script>/);
  const { page, problems } = await open("test/readme.html");
  await page.evaluate(() => (document.querySelector("housing-chart").id = "snippet"));
  await settle(page, "snippet");
  const state = await charts(page);
  assert.ok(state.snippet.inked > 2000);
  assert.match(state.snippet.label, /2\.8\u00a0billion/);
  assert.deepEqual(problems, []);
  await page.close();
});

test("a page that refuses both WebAssembly and frames gets a message saying what to allow", async () => {
  const { page } = await open("test/no-frames.html");
  await settle(page, "a", { error: true });
  const state = await charts(page);
  assert.match(state.a.error, /WebAssembly is not allowed on this page/);
  assert.match(state.a.error, /frame-src/);
  assert.match(state.a.message, /wasm-unsafe-eval/);
  await page.close();
});

/** A blank page with the loader and the given body. */
async function host(body, { head = "" } = {}) {
  const page = await chromium.newPage({ viewport: { width: 800, height: 700 }, deviceScaleFactor: 1 });
  const problems = watch(page);
  await page.goto(new URL("embed/plain.html", server.url).href);
  await page.evaluate(
    ([body, head]) => {
      document.head.insertAdjacentHTML("beforeend", head);
      document.body.innerHTML = body;
    },
    [body, head],
  );
  return { page, problems };
}

test("an element removed and re-added draws again; attributes and the inline spec re-render it", async () => {
  const { page, problems } = await host(`
    <housing-chart id="a" dataset="people" loading="eager"></housing-chart>
    <housing-chart id="b" loading="eager"><script type="application/json">{"type":"bar","data":[{"label":"One","value":1},{"label":"Two","value":2}]}</script></housing-chart>`);
  await settle(page, "a");
  await settle(page, "b");
  const before = await charts(page);
  // Removed: the chart and its canvas are gone (destroyed), nothing throws.
  await page.evaluate(() => {
    window.kept = document.getElementById("a");
    window.kept.remove();
  });
  assert.equal(await page.evaluate(() => window.kept.chart), null, "removing the element destroys its chart");
  await page.evaluate(() => document.body.append(window.kept));
  await settle(page, "a");
  const again = await charts(page);
  assert.ok(again.a.inked > 2000);
  assert.equal(again.a.label, before.a.label);

  // Attributes override the spec and re-render.
  await page.evaluate(() => document.getElementById("a").setAttribute("lang", "zh"));
  await page.waitForFunction(() => /亿/.test(document.getElementById("a").shadowRoot.querySelector("canvas").getAttribute("aria-label")));
  await page.evaluate(() => document.getElementById("a").setAttribute("height", "300"));
  await page.waitForFunction(() => document.getElementById("a").shadowRoot.querySelector("canvas").getBoundingClientRect().height === 300);
  await page.evaluate(() => document.getElementById("a").setAttribute("type", "donut"));
  await page.waitForFunction(() => /donut|ring|环/i.test(document.getElementById("a").shadowRoot.querySelector("canvas").getAttribute("aria-label")) || document.getElementById("a").error);
  assert.equal(await page.evaluate(() => document.getElementById("a").error), null);

  // The inline spec edited in place.
  await page.evaluate(() => {
    document.querySelector("#b script").textContent = '{"type":"bar","data":[{"label":"Three","value":3}]}';
  });
  await page.waitForFunction(() => /Three/.test(document.getElementById("b").shadowRoot.querySelector("canvas").getAttribute("aria-label")));
  // A bad edit shows its message with the path; fixing it brings the chart back.
  await page.evaluate(() => {
    document.querySelector("#b script").textContent = '{"type":"bar","data":[{"label":"Three","value":"3x"}]}';
  });
  await settle(page, "b", { error: true });
  let state = await charts(page);
  assert.equal(state.b.path, "data[0].value");
  assert.match(state.b.message, /data\[0\]\.value/);
  await page.evaluate(() => {
    document.querySelector("#b script").textContent = '{"type":"bar","data":[{"label":"Four","value":4}]}';
  });
  await settle(page, "b");
  state = await charts(page);
  assert.match(state.b.label, /Four/);
  assert.ok(problems.every((p) => /data\[0\]\.value/.test(p)), problems.join("\n"));
  await page.close();
});

test("a spec object with Float64Array columns reaches the engine as it is, attributes applied", async () => {
  const { page, problems } = await host("");
  await page.evaluate(() => {
    document.body.innerHTML = `<housing-chart id="a" lang="zh" height="300" loading="eager"></housing-chart>`;
    const n = 5000;
    const x = Float64Array.from({ length: n }, (_, i) => 2000 + i / 250);
    const y = Float64Array.from({ length: n }, (_, i) => 50 + Math.sin(i / 300) * 20);
    window.given = { type: "line", title: "Walk", series: [{ name: "walk", x, y }] };
    document.getElementById("a").spec = window.given;
  });
  await settle(page, "a");
  const state = await charts(page);
  assert.ok(state.a.inked > 2000);
  assert.equal(await page.evaluate(() => document.getElementById("a").shadowRoot.querySelector("canvas").getBoundingClientRect().height), 300);
  assert.equal(await page.evaluate(() => document.getElementById("a").chart.toCsv().trim().split("\n").length), 5001);
  assert.equal(await page.evaluate(() => "locale" in window.given || "height" in window.given), false, "the page's object is not changed");
  assert.deepEqual(problems, []);
  await page.close();
});

test("every way a spec URL can fail gets a clear message in place, and the page stays responsive", async () => {
  const cross = new URL("data/examples/people-bars.json", other.url).href;
  const { page, problems } = await host(`
    <housing-chart id="ok" src="/data/examples/people-bars.json" loading="eager"></housing-chart>
    <housing-chart id="missing" src="/no/such/chart.json" loading="eager"></housing-chart>
    <housing-chart id="html" src="/test/page.json" loading="eager"></housing-chart>
    <housing-chart id="broken" src="/test/broken.json" loading="eager"></housing-chart>
    <housing-chart id="slow" src="/test/slow.json" timeout="1" loading="eager"></housing-chart>
    <housing-chart id="huge" src="/test/huge.json" loading="eager"></housing-chart>
    <housing-chart id="cors" src="${cross}" loading="eager"></housing-chart>
    <housing-chart id="nodata" dataset="no-such-dataset" loading="eager"></housing-chart>
    <housing-chart id="secret" src="/no/such/spec.json?token=SECRET123#frag" loading="eager"></housing-chart>
    <housing-chart id="js" src="javascript:alert(1)" loading="eager"></housing-chart>
    <housing-chart id="dataurl" src="data:application/json,%7B%7D" loading="eager"></housing-chart>
    <housing-chart id="file" src="file:///etc/passwd" loading="eager"></housing-chart>
    <housing-chart id="ftp" src="ftp://example.org/spec.json" loading="eager"></housing-chart>
    <housing-chart id="empty" loading="eager"></housing-chart>`);
  const requested = [];
  page.on("request", (r) => requested.push(r.url()));
  // Responsive while the huge and slow answers arrive: timers still run.
  const ticks = await page.evaluate(
    () =>
      new Promise((done) => {
        let n = 0;
        const t = setInterval(() => n++, 50);
        setTimeout(() => {
          clearInterval(t);
          done(n);
        }, 1000);
      }),
  );
  assert.ok(ticks >= 10, `the page froze (${ticks} ticks in a second)`);
  for (const id of ["missing", "html", "broken", "slow", "huge", "cors", "nodata", "secret", "js", "dataurl", "file", "ftp", "empty"]) await settle(page, id, { error: true });
  await settle(page, "ok");
  const state = await charts(page);
  const expect = {
    missing: /chart\.json could not be loaded: HTTP 404/,
    html: /is an HTML page, not a JSON spec/,
    broken: /line 3, column \d+/,
    slow: /did not answer within 1 s/,
    huge: /larger than 48 MB/,
    cors: /could not be fetched: .*CORS/,
    nodata: /dataset.*no-such-dataset|no-such-dataset/,
    secret: /spec\.json\?… could not be loaded: HTTP 404/,
    js: /is a javascript: address; only https: addresses are fetched/,
    dataurl: /is a data: address/,
    file: /is a file: address/,
    ftp: /is a ftp: address/,
    empty: /no spec/,
  };
  for (const [id, re] of Object.entries(expect)) {
    assert.match(state[id].error, re, `${id}: ${state[id].error}`);
    assert.equal(state[id].message.includes(state[id].error), true, `${id}: the message is shown in place of the chart`);
    assert.equal(state[id].inked, 0, `${id}: no chart drawn`);
  }
  assert.equal(state.missing.path, "src");
  // The query (a token) is in no message; the refused schemes were never requested.
  assert.ok(!JSON.stringify(state).includes("SECRET123") && !problems.some((p) => p.includes("SECRET123")), "the query string leaked");
  assert.ok(!requested.some((u) => /^(javascript|data|file|ftp):/.test(u)), requested.join("\n"));
  for (const id of ["js", "dataurl", "file", "ftp"]) assert.equal(state[id].path, "src", id);
  assert.equal(state.nodata.path, "dataset");
  assert.ok(state.ok.inked > 2000, "the good chart on the same page is drawn");
  // Each failure is in the console too (CORS adds the browser's own line).
  for (const id of ["missing", "html", "slow", "huge", "nodata", "empty"]) {
    assert.ok(problems.some((p) => p.includes(state[id].error.slice(0, 40))), `${id} not in the console`);
  }
  await page.close();
});

test("host CSS cannot reach the chart; CSS custom properties and the page's lang do", async () => {
  const { page, problems } = await host(
    `<div lang="zh"><housing-chart id="a" dataset="people" loading="eager"></housing-chart></div>`,
    { head: "<style>* { font-size: 40px !important; } canvas { width: 10px !important; height: 10px !important; } div { padding: 0 !important; }</style>" },
  );
  await settle(page, "a");
  const state = await charts(page);
  const width = await page.evaluate(() => document.getElementById("a").getBoundingClientRect().width);
  assert.ok(width > 600, `the element is ${width} px wide`);
  assert.equal(state.a.cssWidth, width, "the canvas keeps its container's width, whatever the host CSS says");
  assert.match(state.a.label, /亿/, "the chart is in the language of the enclosing lang attribute");
  assert.deepEqual(problems, []);
  await page.close();
});

/** Makes the page keep every wasm instance it creates in window.instances. */
function keepInstances(page) {
  return page.addInitScript(() => {
    window.instances = [];
    const instantiate = WebAssembly.instantiate;
    WebAssembly.instantiate = async function (...args) {
      const result = await instantiate.apply(this, args);
      window.instances.push(result.instance ?? result);
      return result;
    };
  });
}

test("a trapped engine instance is replaced: the chart that crashed says so, the others draw again", async () => {
  const page = await chromium.newPage({ viewport: { width: 800, height: 900 } });
  const problems = watch(page);
  await keepInstances(page); // so that the test can exhaust one's memory
  await page.goto(new URL("embed/plain.html", server.url).href);
  await page.evaluate(() => {
    document.body.innerHTML = `
      <housing-chart id="a" dataset="people" loading="eager"></housing-chart>
      <housing-chart id="b" dataset="africa-housing-gap" loading="eager"></housing-chart>`;
  });
  await settle(page, "a");
  await settle(page, "b");
  assert.equal(await page.evaluate(() => window.instances.length), 1);
  // Exhaust the instance's memory (as a runaway allocation would): the next
  // allocation fails, Rust aborts, the instance traps.
  await page.evaluate(() => {
    const memory = window.instances[0].exports.memory;
    for (let pages = 32768; pages >= 1; pages = Math.floor(pages / 2)) {
      try {
        while (true) memory.grow(pages);
      } catch {
        /* smaller steps */
      }
    }
  });
  await page.evaluate(() => {
    const rows = Array.from({ length: 20000 }, (_, i) => ({ label: `Row ${i}`, value: i + 1 }));
    document.getElementById("a").spec = { type: "bar", data: rows };
  });
  await settle(page, "a", { error: true });
  await page.waitForFunction(() => window.instances.length === 2, null, { timeout: 20000 });
  await settle(page, "b");
  const state = await charts(page);
  assert.match(state.a.error, /internal error/);
  assert.ok(state.b.inked > 2000, "the other chart is drawn again by the fresh instance");
  // The next render works.
  await page.evaluate(() => {
    document.getElementById("a").spec = { type: "bar", dataset: "people" };
  });
  await settle(page, "a");
  assert.ok((await charts(page)).a.inked > 2000);
  assert.ok(problems.some((p) => /chart engine stopped/.test(p)), "the crash is reported in the console");
  await page.close();
});

test("300 elements added, drawn and removed leave JS heap and wasm memory at their baseline", async () => {
  const page = await chromium.newPage({ viewport: { width: 800, height: 900 } });
  const problems = watch(page);
  await keepInstances(page);
  await page.goto(new URL("embed/plain.html", server.url).href);
  await page.evaluate(() => document.body.replaceChildren());
  const cycles = (n) =>
    page.evaluate(async (n) => {
      for (let i = 0; i < n; i++) {
        const el = document.createElement("housing-chart");
        el.setAttribute("loading", "eager");
        el.setAttribute("dataset", i % 2 ? "people" : "africa-housing-gap");
        const drawn = new Promise((done, fail) => {
          el.addEventListener("chartrender", done, { once: true });
          el.addEventListener("charterror", (e) => fail(new Error(e.detail.message)), { once: true });
          setTimeout(() => fail(new Error(`chart ${i} not drawn within 10 s`)), 10000);
        });
        document.body.append(el);
        await drawn;
        el.remove();
      }
    }, n);
  const usage = async () => {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("HeapProfiler.collectGarbage");
    const { usedSize } = await cdp.send("Runtime.getHeapUsage");
    await cdp.detach();
    const wasm = await page.evaluate(() => window.instances[0].exports.memory.buffer.byteLength);
    return { heap: usedSize, wasm };
  };
  await cycles(30); // one-time allocations (fonts, caches, the engine) into the baseline
  const base = await usage();
  await cycles(300);
  const end = await usage();
  assert.ok(end.heap - base.heap < 2_000_000, `JS heap grew by ${end.heap - base.heap} bytes`);
  assert.ok(end.wasm - base.wasm <= 1 << 20, `wasm memory grew from ${base.wasm} to ${end.wasm} bytes`);
  assert.equal(await page.evaluate(() => window.instances.length), 1, "one instance for all 330 charts");
  assert.deepEqual(problems, []);
  await page.close();
});
