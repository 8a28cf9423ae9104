// A spec's `table` in Chromium, through the script-tag loader: a TSV pasted
// inline draws; a CSV and JSON records at a URL of the test server are
// fetched by the loader and draw; a bad cell shows its row and column in
// place of the chart and in the console; a table URL's faults (a refused
// scheme, a 404, an HTML page) each give their message on `table.url`,
// with no request made for the refused schemes and the query kept out.
import { test } from "node:test";
import assert from "node:assert/strict";
import { servedBrowser, watch } from "./harness.mjs";

const CSV = 'Region,Units\n"Africa, sub-Saharan","51,000,000"\nAsia,"9,000,000"\n';
const RECORDS = JSON.stringify([{ label: "Africa", value: 51000000 }, { label: "Asia", value: 9000000 }]);

function routes(req, res) {
  const url = new URL(req.url, "http://x/");
  if (url.pathname === "/test/units.csv") {
    res.writeHead(200, { "content-type": "text/csv; charset=utf-8" });
    res.end(CSV);
    return true;
  }
  if (url.pathname === "/test/units.json") {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(RECORDS);
    return true;
  }
  if (url.pathname === "/test/page.csv") {
    res.writeHead(200, { "content-type": "text/html" });
    res.end("<!doctype html><title>Sign in</title>");
    return true;
  }
  return false;
}

const env = servedBrowser(undefined, routes);

/** A <housing-chart> with an inline spec (JSON text in a script element). */
function chart(id, spec) {
  return `<housing-chart id="${id}" loading="eager"><script type="application/json">${JSON.stringify(spec).replace(/</g, "\\u003c")}</script></housing-chart>`;
}

async function page(body) {
  const p = await env.chromium.newPage({ viewport: { width: 800, height: 700 }, deviceScaleFactor: 1 });
  const problems = watch(p);
  const requested = [];
  p.on("request", (r) => requested.push(r.url()));
  await p.goto(new URL("embed/plain.html", env.server.url).href);
  await p.evaluate((body) => {
    document.body.innerHTML = body;
  }, body);
  return { page: p, problems, requested };
}

/** Waits until every chart has drawn or failed; returns id → {inked, error, path, message, label}. */
async function settled(p, ids) {
  await p.waitForFunction(
    (ids) => ids.every((id) => {
      const el = document.getElementById(id);
      const canvas = el?.shadowRoot?.querySelector("canvas");
      return el && (el.error || (canvas && canvas.width > 0 && el.chart));
    }),
    ids,
    { timeout: 20000 },
  );
  return p.evaluate((ids) => {
    const out = {};
    for (const id of ids) {
      const el = document.getElementById(id);
      const canvas = el.shadowRoot.querySelector("canvas");
      let inked = 0;
      if (canvas && canvas.width > 0 && !el.error) {
        const { data } = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height);
        for (let i = 0; i < data.length; i += 4) if (data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2]) inked++;
      }
      out[id] = {
        inked,
        error: el.error,
        path: el.errorPath,
        label: canvas?.getAttribute("aria-label") ?? "",
        message: el.shadowRoot.querySelector(".message, [role=alert]")?.textContent ?? "",
      };
    }
    return out;
  }, ids);
}

test("tables inline and at a URL draw; bad cells and bad addresses say where", async () => {
  const { page: p, problems, requested } = await page(
    [
      chart("pasted", { type: "bar", locale: "en", title: "Pasted", table: { text: "Region\tUnits\nAfrica\t51,000,000\nAsia\t9 000 000\n" } }),
      chart("french", { type: "bar", locale: "fr", table: { text: "Région;Logements\nAfrique;1,5\nAsie;2,25\n" } }),
      chart("csv", { type: "bar", locale: "en", table: { url: "/test/units.csv" } }),
      chart("records", { type: "donut", locale: "en", table: { url: "/test/units.json?token=SECRET123", format: "json" } }),
      chart("bad", { type: "bar", locale: "en", table: { text: "label\tvalue\nA\t1\nB\t2\nAfrica\t51 million" } }),
      chart("js", { type: "bar", table: { url: "javascript:alert(1)" } }),
      chart("dataurl", { type: "bar", table: { url: "data:text/csv,label%2Cvalue%0Aa%2C1" } }),
      chart("missing", { type: "bar", table: { url: "/no/such/table.csv?key=SECRET123" } }),
      chart("html", { type: "bar", table: { url: "/test/page.csv" } }),
    ].join("\n"),
  );
  const ids = ["pasted", "french", "csv", "records", "bad", "js", "dataurl", "missing", "html"];
  const s = await settled(p, ids);
  for (const id of ["pasted", "french", "csv", "records"]) {
    assert.equal(s[id].error, null, `${id}: ${s[id].error}`);
    assert.ok(s[id].inked > 2000, `${id}: only ${s[id].inked} pixels drawn`);
  }
  assert.match(s.pasted.label, /Africa/);
  assert.match(s.pasted.label, /51\u00a0million/);
  assert.match(s.french.label, /Afrique/);
  assert.match(s.csv.label, /Africa, sub-Saharan/, "the quoted cell with a comma is one label");
  assert.match(s.records.label, /Asia/);
  // The bad cell: row and column, in place of the chart and in the console.
  assert.equal(s.bad.error, 'table: data row 3, column "value": "51 million" is not a number');
  assert.equal(s.bad.path, "table");
  assert.ok(s.bad.message.includes(s.bad.error), `in place: ${s.bad.message}`);
  assert.equal(s.bad.inked, 0);
  assert.ok(problems.some((m) => m.includes('data row 3, column "value"')), `console: ${problems.join("\n")}`);
  // A table URL's faults, each on `table.url`.
  const expect = {
    js: /the table at javascript:.* is a javascript: address; only https: addresses are fetched/,
    dataurl: /is a data: address/,
    missing: /table\.csv\?… could not be loaded: HTTP 404/,
    html: /is an HTML page, not a table/,
  };
  for (const [id, re] of Object.entries(expect)) {
    assert.match(s[id].error, re, `${id}: ${s[id].error}`);
    assert.equal(s[id].path, "table.url", id);
    assert.ok(s[id].message.includes(s[id].error), `${id}: shown in place`);
    assert.ok(problems.some((m) => m.includes(s[id].error.slice(0, 30))), `${id} not in the console`);
  }
  assert.ok(!requested.some((u) => /^(javascript|data):/.test(u)), requested.join("\n"));
  assert.ok(!JSON.stringify(s).includes("SECRET123") && !problems.some((m) => m.includes("SECRET123")), "the query string leaked");
  // One fetch per table URL.
  assert.equal(requested.filter((u) => u.endsWith("/test/units.csv")).length, 1);
  await p.close();
});

test("validate and render from JavaScript fetch a table URL too", async () => {
  const { page: p } = await page('<div id="target" style="width: 600px"></div>');
  const out = await p.evaluate(async () => {
    const H = window.HousingCharts;
    await H.ready();
    const bad = await H.validate({ type: "bar", table: { url: "ftp://example.org/t.csv" } });
    const good = await H.validate({ type: "bar", table: { url: "/test/units.csv" } });
    const chart = await H.render(document.getElementById("target"), JSON.stringify({ type: "bar", table: { url: "/test/units.csv" } }));
    return { bad, good: good ?? null, error: chart.error ?? null, csv: chart.toCsv() };
  });
  assert.equal(out.bad.path, "table.url");
  assert.match(out.bad.message, /is a ftp: address/);
  assert.equal(out.good, null);
  assert.equal(out.error, null);
  assert.match(out.csv, /Africa, sub-Saharan/);
  assert.match(out.csv, /51000000/);
  await p.close();
});
