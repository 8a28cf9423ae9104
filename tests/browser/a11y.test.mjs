// Accessibility audit with axe-core (WCAG 2.0/2.1 A and AA, plus axe's best
// practices) of the gallery once every chart is drawn, and of the editor with
// a valid spec and with a broken one. Any violation fails, listed with its
// rule id, impact, help text and the nodes concerned.
//
// axe is injected with page.addScriptTag, an inline <script>: the editor's
// Content-Security-Policy forbids that, so these pages run with bypassCSP (the
// CSP itself is checked by editor.test.mjs).
import { test } from "node:test";
import assert from "node:assert/strict";
import { resolve } from "node:path";
import { servedBrowser, watch } from "./harness.mjs";

const AXE = resolve(import.meta.dirname, "../../node_modules/axe-core/axe.min.js");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

const env = servedBrowser();

/** A page in a fresh context (its own localStorage); close with page.context().close(). */
async function open(path, viewport = { width: 1280, height: 900 }) {
  const context = await env.chromium.newContext({ viewport, bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${env.server.url}${path}`);
  return page;
}

async function openEditor(viewport) {
  const page = await open("editor.html", viewport);
  await page.waitForFunction(() => document.documentElement.dataset.editor === "ready", null, { timeout: 20_000 });
  return page;
}

/** Runs axe on the page; the violations, in a form worth printing. */
async function audit(page) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(" ")}: ${n.failureSummary.replace(/\s+/g, " ")}`),
    }));
  }, TAGS);
}

function report(violations) {
  return violations.map((v) => `\n[${v.impact}] ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n}`).join("\n")}`).join("\n");
}

test("the gallery, every chart drawn, has no axe violations", async () => {
  const page = await open("");
  const problems = watch(page);
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.gallery === "done", null, { timeout: 30_000 });
  assert.ok((await page.locator(".chart canvas").count()) > 10, "the charts were not drawn");
  const violations = await audit(page);
  assert.deepEqual(violations, [], report(violations));
  assert.deepEqual(problems, []);
  await page.context().close();
});

test("the gallery reflows at 320 px: no sideways scrolling (WCAG 1.4.10)", async () => {
  const page = await open("", { width: 320, height: 800 });
  await page.waitForFunction(() => document.documentElement.dataset.gallery === "done", null, { timeout: 30_000 });
  const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: innerWidth }));
  assert.ok(scroll <= inner, `the page is ${scroll} px wide in a ${inner} px window`);
  await page.context().close();
});

test("the editor, valid and broken, has no axe violations", async () => {
  const page = await openEditor();
  assert.equal(await page.evaluate(() => window.housingEditorStatus.ok), true);
  let violations = await audit(page);
  assert.deepEqual(violations, [], `valid spec:${report(violations)}`);

  // A broken spec: the message area, lint marks, the crate's alert in the
  // preview, the export buttons marked aria-disabled.
  const bad = '{\n  "type": "bar",\n  "title": "Gap",\n  "data": [{ "label": "Now", "value": "51 million" }],\n  "colour": 1\n}';
  await page.evaluate((t) => window.housingEditor.dispatch({ changes: { from: 0, to: window.housingEditor.state.doc.length, insert: t } }), bad);
  await page.waitForFunction((t) => window.housingEditorStatus.text === t, bad);
  assert.equal(await page.locator("#preview [role=alert]").isVisible(), true);
  violations = await audit(page);
  assert.deepEqual(violations, [], `broken spec:${report(violations)}`);
  await page.context().close();
});

test("the editor on a phone, wide preview scrolling, has no axe violations", async () => {
  const page = await openEditor({ width: 360, height: 740 });
  await page.click("label[for=width-1200]");
  await page.waitForFunction(() => document.querySelector("#preview canvas").getBoundingClientRect().width > 1000);
  const violations = await audit(page);
  assert.deepEqual(violations, [], report(violations));
  await page.context().close();
});

test("the editor can be used from the keyboard alone, with a visible focus", async () => {
  const page = await openEditor();
  const seen = [];
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press("Tab");
    const f = await page.evaluate(async () => {
      // CodeMirror marks its focus in the next update: wait two frames.
      await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      // A visually hidden radio shows its focus on its label; the editor on its frame.
      const shown = el.matches(".segmented input") ? el.nextElementSibling : el.closest(".cm-editor") ?? el;
      const style = getComputedStyle(shown);
      const r = shown.getBoundingClientRect();
      return {
        id: el.id || (el.closest(".cm-editor") ? "editor" : el.tagName.toLowerCase() === "canvas" ? "canvas" : el.getAttribute("href") ?? el.tagName),
        ring: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
        visible: r.width > 0 && r.height > 0,
      };
    });
    if (!f) continue;
    seen.push(f.id);
    assert.ok(f.ring && f.visible, `no visible focus on ${f.id}`);
  }
  for (const id of ["#editor-pane", "index.html", "start-from", "load", "editor", "lang-en", "width-640", "canvas", "copy-embed", "download-png", "download-svg", "embed-code"]) {
    assert.ok(seen.includes(id), `Tab never reaches ${id} (reached: ${[...new Set(seen)].join(", ")})`);
  }
  await page.context().close();
});

