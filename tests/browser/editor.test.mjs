// The spec editor (www/editor.html, bundled by `node .ci/build-editor.mjs`) in
// headless Chromium, as a journalist uses it: type a spec and see the chart,
// break it and read the error (message, JSON path, line and column) in place
// of the chart, fix it, start from a dataset, switch the language and the
// width, download PNG and SVG, copy the embed code. The page runs under its
// own Content-Security-Policy: any violation fails the tests.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { resolve } from "node:path";
import { serve, browser, watch, inkedPixels } from "./harness.mjs";

const ROOT = resolve(import.meta.dirname, "../..");
const CANVAS = "#preview canvas";
const SPEC = {
  type: "bar",
  locale: "en",
  title: { en: "Housing gap in Africa", zh: "非洲住房缺口" },
  unit: { en: "housing units", zh: "套" },
  series: [
    {
      name: { en: "Units", zh: "套数" },
      data: [
        { label: { en: "Now", zh: "当前" }, value: 51000000, qualifier: "more-than" },
        { label: { en: "2030", zh: "2030年" }, value: 130000000, qualifier: "projection" },
      ],
    },
  ],
};
const TEXT = JSON.stringify(SPEC, null, 2);

let server, chromium, context, page, problems;
/** A host page for the embed code (served at /embed-check.html). */
let embedPage = "";

before(async () => {
  server = await serve(undefined, (req, res) => {
    if (req.url !== "/embed-check.html") return false;
    res.setHeader("Content-Type", "text/html; charset=utf-8");
    res.end(embedPage);
    return true;
  });
  chromium = await browser();
  context = await chromium.newContext({
    viewport: { width: 1440, height: 1000 },
    deviceScaleFactor: 1,
    permissions: ["clipboard-read", "clipboard-write"],
    acceptDownloads: true,
  });
  page = await context.newPage();
  problems = watch(page);
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => window.cspViolations.push(`${e.violatedDirective}: ${e.blockedURI}`));
  });
  await page.goto(`${server.url}editor.html`);
  await page.waitForFunction(() => document.documentElement.dataset.editor !== "loading", null, { timeout: 20_000 });
  assert.equal(await page.evaluate(() => document.documentElement.dataset.editor), "ready", await page.textContent("#preview-status"));
});

after(async () => {
  await context?.close();
  await chromium?.close();
  await server?.close();
});

/** Replaces the editor's text (CodeMirror transaction) and waits for its check. */
async function setText(text) {
  await page.evaluate((t) => {
    const view = window.housingEditor;
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: t } });
  }, text);
  return checked(text);
}

/** Waits until the editor has checked (and previewed) `text`; its status. */
async function checked(text) {
  await page.waitForFunction((t) => window.housingEditorStatus?.text === t, text, { timeout: 5_000 });
  return page.evaluate(() => window.housingEditorStatus);
}

/** 1-based line and column of the first occurrence of `needle` in `text`. */
function where(text, needle) {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `${needle} not in the text`);
  const before = text.slice(0, at).split("\n");
  return { line: before.length, column: before.at(-1).length + 1, at };
}

const canvasShown = () => page.$eval(CANVAS, (c) => getComputedStyle(c).display !== "none" && c.getBoundingClientRect().height > 0);
const alertText = () => page.$eval("#preview", (p) => [...p.querySelectorAll("[role=alert]")].filter((e) => getComputedStyle(e).display !== "none").map((e) => e.textContent).join("\n"));

test("a spec typed into the editor is drawn", async () => {
  await page.click("#editor .cm-content");
  await page.keyboard.press("Control+A");
  await page.keyboard.insertText(TEXT);
  const status = await checked(TEXT);
  assert.equal(status.ok, true, status.error);
  assert.equal((await page.textContent("#check-text")).trim(), "The spec is valid.");
  assert.ok(await canvasShown());
  const inked = await inkedPixels(page, CANVAS);
  assert.ok(inked > 2000, `only ${inked} pixels drawn`);
  assert.match(await page.getAttribute(CANVAS, "aria-label"), /Housing gap in Africa/);
  assert.equal(await alertText(), "");
  // Tab leaves the editor (no keyboard trap).
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => !!document.activeElement.closest(".cm-editor")), false);
});

test("a wrong type shows the message, its JSON path, line and column in place of the chart", async () => {
  const bad = TEXT.replace('"value": 51000000', '"value": "51 million"');
  const at = where(bad, '"51 million"');
  const status = await setText(bad);
  assert.equal(status.ok, false);
  assert.equal(status.path, "series[0].data[0].value");
  assert.deepEqual([status.line, status.column], [at.line, at.column]);
  const summary = await page.textContent("#check-summary");
  assert.match(summary, /expected a number, found "51 million"/);
  assert.ok(summary.includes(`series[0].data[0].value · line ${at.line}, column ${at.column}`), summary);
  // The preview: the crate's message replaces the chart.
  assert.equal(await canvasShown(), false, "the canvas is still shown");
  assert.match(await alertText(), /series\[0\]\.data\[0\]\.value: expected a number/);
  // CodeMirror underlines the value and marks the line.
  const underlined = await page.$$eval("#editor .cm-lintRange-error", (els) => els.map((e) => e.textContent).join(""));
  assert.equal(underlined, '"51 million"');
  assert.equal(await page.locator("#editor .cm-lint-marker-error").count(), 1);
  // Nothing to publish.
  assert.equal(await page.getAttribute("#download-png", "aria-disabled"), "true");
  assert.equal(await page.inputValue("#embed-code"), "");
  await page.focus("#download-png"); // aria-disabled, so still focusable: it says why
  await page.keyboard.press("Enter");
  assert.match(await page.textContent("#action-status"), /Fix the spec first: series\[0\]\.data\[0\]\.value/);
  // "Show it in the editor" selects the bad value, from the keyboard too.
  await page.focus("#check-goto");
  await page.keyboard.press("Enter");
  const sel = await page.evaluate(() => {
    const v = window.housingEditor;
    const r = v.state.selection.main;
    return { text: v.state.sliceDoc(r.from, r.to), focused: v.hasFocus };
  });
  assert.deepEqual(sel, { text: '"51 million"', focused: true });
});

test("a syntax error shows the line and column", async () => {
  const bad = TEXT.replace('"type": "bar",', '"type": "bar"');
  const next = where(bad, '"locale"');
  const status = await setText(bad);
  assert.equal(status.ok, false);
  assert.equal(status.path, "");
  assert.equal(status.line, next.line);
  assert.match(status.error, /malformed JSON at line (\d+), column (\d+)/);
  const [, line, column] = status.error.match(/line (\d+), column (\d+)/).map(Number);
  assert.deepEqual([status.line, status.column], [line, column]);
  assert.ok((await page.textContent("#check-where")).includes(`line ${line}, column ${column}`));
  assert.equal(await canvasShown(), false);
  assert.match(await alertText(), /malformed JSON/);
  assert.equal(await page.locator("#editor .cm-lintRange-error").count(), 1);
});

test("schema problems beyond the crate's first are listed too", async () => {
  const bad = JSON.stringify({ ...SPEC, colour: "#ffffff", series: [{ ...SPEC.series[0], data: [{ label: "Now", value: "51 million" }] }] }, null, 2);
  const status = await setText(bad);
  assert.equal(status.ok, false);
  // One primary message (the crate's), the schema's other finding as an extra.
  const extras = await page.$$eval("#check-extras li", (els) => els.map((e) => e.textContent));
  const all = [status.path, ...extras].join("\n");
  assert.match(all, /colour/);
  assert.match(all, /series\[0\]\.data\[0\]\.value/);
  assert.equal(extras.length, 1, extras.join("\n"));
  assert.match(extras[0], /JSON Schema, /);
  assert.equal(await page.locator("#editor .cm-lintRange-error").count(), 2);
});

test("fixing the spec brings the chart back", async () => {
  const status = await setText(TEXT);
  assert.equal(status.ok, true, status.error);
  assert.ok(await canvasShown());
  assert.equal(await alertText(), "");
  assert.ok((await inkedPixels(page, CANVAS)) > 2000);
  assert.equal(await page.locator("#editor .cm-lintRange-error").count(), 0);
  assert.equal(await page.getAttribute("#download-png", "aria-disabled"), "false");
});

test("warnings are listed and underlined; the chart is still drawn", async () => {
  const text = JSON.stringify({ ...SPEC, min: 1000 }, null, 2);
  const status = await setText(text);
  assert.equal(status.ok, true, status.error);
  assert.deepEqual(status.warnings.map((w) => w.split(":")[0]), ["min"]);
  assert.match(await page.textContent("#check-text"), /valid; the chart is drawn with a warning/);
  assert.match(await page.textContent("#check-warnings"), /min: bars start at zero/);
  assert.equal(await page.$eval("#editor .cm-lintRange-warning", (e) => e.textContent), "1000");
  assert.ok((await inkedPixels(page, CANVAS)) > 2000);
  await setText(TEXT);
});

test("the picker loads each built-in dataset and an example", async () => {
  const names = readdirSync(resolve(ROOT, "data/datasets")).filter((f) => f.endsWith(".json")).map((f) => f.replace(/\.json$/, ""));
  assert.ok(names.length >= 5, names.join());
  const offered = await page.$$eval("#start-from option", (os) => os.map((o) => o.value));
  for (const name of names) assert.ok(offered.includes(`dataset:${name}`), `the picker lacks ${name}`);
  for (const name of names) {
    const dataset = JSON.parse(readFileSync(resolve(ROOT, `data/datasets/${name}.json`), "utf8"));
    await page.selectOption("#start-from", `dataset:${name}`);
    await page.click("#load");
    await page.waitForFunction((n) => window.housingEditorStatus?.text?.includes(n), JSON.stringify(dataset.title.en));
    const status = await page.evaluate(() => window.housingEditorStatus);
    assert.equal(status.ok, true, `${name}: ${status.error}`);
    assert.deepEqual(JSON.parse(status.text).data, dataset.data, `${name}: the figures are in the spec`);
    assert.ok((await inkedPixels(page, CANVAS)) > 2000, `${name}: not drawn`);
    assert.match(await page.textContent("#load-status"), /Loaded/);
  }
  await page.selectOption("#start-from", "example:habitat-timeline.json");
  await page.click("#load");
  const file = readFileSync(resolve(ROOT, "data/examples/habitat-timeline.json"), "utf8").trimEnd() + "\n";
  const status = await checked(file);
  assert.equal(status.ok, true, status.error);
});

test("the language toggle switches the chart to Chinese and back", async () => {
  await page.selectOption("#start-from", "dataset:africa-housing-gap");
  await page.click("#load");
  await page.waitForFunction(() => window.housingEditorStatus?.text?.includes("Africa's housing gap"));
  const en = await page.evaluate((sel) => ({ label: document.querySelector(sel).getAttribute("aria-label"), png: document.querySelector(sel).toDataURL() }), CANVAS);
  assert.match(en.label, /Africa's housing gap/);
  assert.equal(await page.isChecked("#lang-en"), true);

  await page.click("label[for=lang-zh]");
  await page.waitForFunction(() => window.housingEditorStatus && JSON.parse(window.housingEditorStatus.text).locale === "zh");
  const zh = await page.evaluate((sel) => ({ label: document.querySelector(sel).getAttribute("aria-label"), png: document.querySelector(sel).toDataURL() }), CANVAS);
  assert.match(zh.label, /非洲住房缺口/);
  assert.notEqual(zh.png, en.png, "the pixels did not change");
  assert.equal(await page.isChecked("#lang-zh"), true);
  // The choice is in the spec itself, so the embed code and exports agree.
  assert.match(await page.inputValue("#embed-code"), /"locale":"zh"/);

  // Back from the keyboard: arrow keys move within the radio group.
  await page.focus("#lang-zh");
  await page.keyboard.press("ArrowLeft");
  await page.waitForFunction(() => JSON.parse(window.housingEditorStatus.text).locale === "en");
  assert.match(await page.getAttribute(CANVAS, "aria-label"), /Africa's housing gap/);
});

test("the width toggle sets the canvas width", async () => {
  for (const [id, px] of [["width-360", 360], ["width-1200", 1200], ["width-640", 640]]) {
    await page.click(`label[for=${id}]`);
    // The canvas's CSS width follows at once (max-width: 100%); its backing store after the re-layout, a frame later.
    await page.waitForFunction(
      ([sel, w]) => {
        const c = document.querySelector(sel);
        return Math.abs(c.getBoundingClientRect().width - w) < 1 && Math.abs(c.width - w) <= 1;
      },
      [CANVAS, px],
    );
    const { css, backing } = await page.$eval(CANVAS, (c) => ({ css: c.getBoundingClientRect().width, backing: c.width }));
    assert.ok(Math.abs(css - px) < 1 && Math.abs(backing - px) <= 1, `${id}: canvas ${css} CSS px, ${backing} backing`);
    assert.ok((await inkedPixels(page, CANVAS)) > 2000, `${id}: not drawn`);
  }
});

test("PNG and SVG downloads", async () => {
  const [png] = await Promise.all([page.waitForEvent("download"), page.click("#download-png")]);
  assert.equal(png.suggestedFilename(), "africa-s-housing-gap.png");
  const bytes = readFileSync(await png.path());
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "not a PNG");
  assert.equal(bytes.readUInt32BE(16), 2 * 640, "PNG width: twice the 640 px preview");

  const [svg] = await Promise.all([page.waitForEvent("download"), page.click("#download-svg")]);
  assert.equal(svg.suggestedFilename(), "africa-s-housing-gap.svg");
  const text = readFileSync(await svg.path(), "utf8");
  assert.match(text, /<svg[\s>]/);
  assert.match(text, /Africa(?:'|&apos;|&#39;|&#x27;)s housing gap/);
  assert.match(await page.textContent("#action-status"), /Downloaded africa-s-housing-gap\.svg/);
});

test("the embed code holds the loader URL and the spec, safely escaped, and draws", async (t) => {
  const spec = { ...SPEC, title: "Homes </script><script>alert(1)</script> & <!-- gaps" };
  const status = await setText(JSON.stringify(spec, null, 2));
  assert.equal(status.ok, true, status.error);
  await page.click("#copy-embed");
  await page.waitForFunction(() => /copied/i.test(document.getElementById("action-status").textContent));
  const shown = await page.inputValue("#embed-code");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, shown);
  const lines = shown.split("\n");
  assert.equal(lines[0], `<script src="${server.url}housing-charts.js" defer></script>`);
  assert.equal(lines[1], "<housing-chart>");
  assert.equal(lines.at(-1), "</housing-chart>");
  const m = lines[2].match(/^  <script type="application\/json">(.*)<\/script>$/);
  assert.ok(m, lines[2]);
  assert.ok(!m[1].includes("<"), "a '<' is left in the JSON block");
  assert.deepEqual(JSON.parse(m[1]), spec);
  assert.equal(shown.split("</script>").length - 1, 2, "only the two script elements end");

  // Pasted into a page, the loader (www/housing-charts.js) draws it; the
  // title stays text.
  const loader = ["www/housing-charts.js", "www/pkg/housing_charts_factory.js"].filter((f) => !existsSync(resolve(ROOT, f)));
  if (loader.length) return t.skip(`no ${loader.join(", ")} (make build's loader step) to try the code with`);
  embedPage = `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>embed</title></head><body><div style="width:640px">\n${shown}\n</div></body></html>`;
  const host = await context.newPage();
  const hostProblems = watch(host);
  const dialogs = [];
  host.on("dialog", (d) => dialogs.push(d.message()) && d.dismiss());
  await host.goto(`${server.url}embed-check.html`);
  await host.waitForFunction(() => document.querySelector("housing-chart")?.shadowRoot?.querySelector("canvas")?.width > 0, null, { timeout: 15_000 });
  const drawn = await host.evaluate(() => ({
    label: document.querySelector("housing-chart").shadowRoot.querySelector("canvas").getAttribute("aria-label"),
    scripts: document.scripts.length,
  }));
  assert.ok(drawn.label.includes(spec.title), drawn.label);
  assert.equal(drawn.scripts, 2);
  assert.deepEqual(dialogs, []);
  assert.deepEqual(hostProblems, []);
  await host.close();
});

test("the text survives a reload; no console errors but the expected ones; no CSP violation", async () => {
  const text = await page.evaluate(() => window.housingEditorStatus.text);
  assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.editor === "ready");
  assert.equal(await page.evaluate(() => window.housingEditor.state.doc.toString()), text);
  assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
  // The crate logs each bad spec it was given to draw: only the ones above.
  const expected = [/^console: housing-charts: series\[0\]\.data\[0\]\.value: expected a number/, /^console: housing-charts: malformed JSON/];
  assert.deepEqual(problems.filter((p) => !expected.some((re) => re.test(p))), []);
  assert.ok(problems.length >= 2, "the bad specs were not given to the chart");
});

test("a phone-sized page does not scroll sideways", async () => {
  const phone = await context.newPage();
  await phone.setViewportSize({ width: 360, height: 740 });
  const issues = watch(phone);
  await phone.goto(`${server.url}editor.html`);
  await phone.waitForFunction(() => document.documentElement.dataset.editor === "ready");
  for (const width of ["360", "640"]) {
    await phone.click(`label[for=width-${width}]`);
    await phone.waitForTimeout(100);
    const { scroll, inner } = await phone.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: innerWidth }));
    assert.ok(scroll <= inner, `width ${width}: the page is ${scroll} px wide in a ${inner} px window`);
  }
  assert.deepEqual(issues, []);
  await phone.close();
});
