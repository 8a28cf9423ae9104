// The spec editor (editor.html): a JSON editor with a live preview, checked
// by the crate's own validate() and by the JSON Schema, with exports.
//
// Bundled by `node .ci/build-editor.mjs` into editor.bundle.js (the page loads
// only the bundle; no inline script, no eval: it runs under a strict CSP).
// The wasm build (pkg/housing_charts.js) is loaded at run time.
// Everything from the network or the spec goes into the page as text
// (textContent, value), never as HTML.
//
// For tests and the console: window.housingEditor is the CodeMirror
// EditorView; window.housingEditorStatus is the outcome of the last check
// ({ text, ok, error, path, line, column, extras }); <html data-editor> is
// "loading", then "ready" (or "failed").

import { EditorView, basicSetup } from "codemirror";
import { json } from "@codemirror/lang-json";
import { lintGutter, setDiagnostics } from "@codemirror/lint";
import { findNodeAtLocation, modify, parseTree } from "jsonc-parser";
import validateSchema from "virtual:chart-spec-validator";

const STORE_TEXT = "housing-charts-editor:spec";
const STORE_WIDTH = "housing-charts-editor:width";
const DEBOUNCE_MS = 150;
const STARTER_EXAMPLE = "people-bars.json";
/** The chart kind a dataset starts as (others: a bar chart). */
const DATASET_TYPE = { timeline: "timeline" };
const FALLBACK_SPEC = {
  type: "bar",
  title: { en: "About 2.8 billion people lack adequate housing", zh: "约28亿人缺乏适足住房" },
  dataset: "people",
};

const $ = (id) => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`editor.html has no #${id}`);
  return el;
};
const ui = {
  editor: $("editor"),
  picker: $("start-from"),
  load: $("load"),
  loadStatus: $("load-status"),
  summary: $("check-summary"),
  summaryText: $("check-text"),
  summaryWhere: $("check-where"),
  goto: $("check-goto"),
  extras: $("check-extras"),
  warnings: $("check-warnings"),
  preview: $("preview"),
  previewFrame: $("preview-frame"),
  previewStatus: $("preview-status"),
  langGroup: $("lang-group"),
  widthGroup: $("width-group"),
  copy: $("copy-embed"),
  png: $("download-png"),
  svg: $("download-svg"),
  embed: $("embed-code"),
  actionStatus: $("action-status"),
};

let wasm = null; // { render, validate }
let chart = null; // the Chart handle of the preview
let status = { text: null, ok: false }; // the last check
let timer = 0;

// --- small helpers --------------------------------------------------------------

function errorText(err) {
  return err instanceof Error ? err.message : String(err);
}

function store(key, value) {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Storage may be disabled (private mode, quota): the editor works without it.
  }
}

function stored(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

async function fetchJson(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  try {
    return await res.json();
  } catch (err) {
    throw new Error(`${url}: not valid JSON (${errorText(err)})`);
  }
}

function say(el, text, kind = "") {
  el.textContent = text;
  el.dataset.kind = kind;
}

/** A JSON pointer (/series/0/data) or a crate path (series[0].data) as segments. */
function segments(path) {
  if (path.startsWith("/")) {
    return path
      .slice(1)
      .split("/")
      .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
      .map((s) => (/^(0|[1-9]\d*)$/.test(s) ? Number(s) : s));
  }
  const out = [];
  for (const m of path.matchAll(/\[(\d+)\]|([^.[\]]+)/g)) out.push(m[1] !== undefined ? Number(m[1]) : m[2]);
  return out;
}

/** Segments written the crate's way: series[0].data[2].value */
function cratePath(segs) {
  let out = "";
  for (const s of segs) out += typeof s === "number" ? `[${s}]` : out ? `.${s}` : s;
  return out;
}

/**
 * Where `segs` is in the document: the range to underline. A value is
 * underlined itself; an object or list under a key, or any value when the
 * message is about the key (`onKey`), underlines the key; a missing field
 * underlines the opening brace of the object it belongs in.
 */
function locate(root, segs, docLength, onKey = false) {
  if (!root) return { from: 0, to: Math.min(1, docLength) };
  let node = root;
  let found = 0;
  for (let i = 1; i <= segs.length; i++) {
    const n = findNodeAtLocation(root, segs.slice(0, i));
    if (!n) break;
    node = n;
    found = i;
  }
  const complete = found === segs.length;
  if (complete && !onKey && node.type !== "object" && node.type !== "array") return { from: node.offset, to: node.offset + node.length };
  if (node.parent?.type === "property" && node.parent.children?.[0]) {
    const key = node.parent.children[0];
    return { from: key.offset, to: key.offset + key.length };
  }
  return { from: node.offset, to: node.offset + 1 };
}

/** The offset of 1-based `line` and `column` (the crate counts UTF-8 bytes). */
function offsetOf(doc, line, column) {
  const l = doc.line(Math.min(Math.max(line, 1), doc.lines));
  const bytes = new TextEncoder().encode(l.text).slice(0, Math.max(column - 1, 0));
  return l.from + new TextDecoder().decode(bytes).length;
}

/** 1-based line and column (in characters) of `offset`. */
function lineCol(doc, offset) {
  const l = doc.lineAt(offset);
  return { line: l.number, column: offset - l.from + 1 };
}

// --- the schema's errors, said once per field --------------------------------------

const list = (items) => (items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} or ${items.at(-1)}`);

/**
 * ajv's errors grouped by field, in plain words: the branches of anyOf/oneOf
 * become one "must be a string, an object or null", unknown and missing
 * fields are placed on the field itself.
 */
function schemaProblems(errors) {
  const byPath = new Map();
  const add = (pointer, entry) => {
    if (!byPath.has(pointer)) byPath.set(pointer, { types: new Set(), values: [], other: [], onKey: false });
    const group = byPath.get(pointer);
    if (entry.type) group.types.add(entry.type);
    if (entry.value !== undefined) group.values.push(entry.value);
    if (entry.message && !group.other.includes(entry.message)) group.other.push(entry.message);
    if (entry.onKey) group.onKey = true;
  };
  for (const e of errors ?? []) {
    const at = e.instancePath;
    const esc = (k) => String(k).replace(/~/g, "~0").replace(/\//g, "~1");
    switch (e.keyword) {
      case "type":
        for (const t of [e.params.type].flat()) add(at, { type: t });
        break;
      case "const":
        add(at, { value: JSON.stringify(e.params.allowedValue) });
        break;
      case "enum":
        for (const v of e.params.allowedValues) add(at, { value: JSON.stringify(v) });
        break;
      case "additionalProperties":
        add(`${at}/${esc(e.params.additionalProperty)}`, { message: "unknown field", onKey: true });
        break;
      case "required":
        add(`${at}/${esc(e.params.missingProperty)}`, { message: "this required field is missing" });
        break;
      case "anyOf":
      case "oneOf":
      case "if":
        break; // said by the branches' own errors
      default:
        add(at, { message: e.message });
    }
  }
  const out = [];
  for (const [pointer, group] of byPath) {
    // A kind error where a deeper error exists is a failed branch (a string
    // where an object with a bad field was meant): the deeper one says it.
    const deeper = [...byPath.keys()].some((p) => p.startsWith(`${pointer}/`));
    const parts = [...group.other];
    if (group.values.length) parts.push(`must be one of ${list([...new Set(group.values)])}`);
    else if (group.types.size && !deeper) {
      const names = { string: "a string", number: "a number", integer: "a whole number", object: "an object", array: "a list", boolean: "true or false", null: "null" };
      parts.push(`must be ${list([...group.types].map((t) => names[t] ?? t))}`);
    }
    if (parts.length) out.push({ pointer, path: cratePath(segments(pointer)), message: parts.join("; "), onKey: group.onKey });
  }
  return out;
}

// --- checking ---------------------------------------------------------------------

/**
 * Checks `text` with the crate's validate() and the JSON Schema. The crate's
 * message (written for journalists) is the primary one; schema errors about
 * other fields are extras.
 */
function check(doc) {
  const text = doc.toString();
  const root = parseTree(text, [], { disallowComments: true, allowTrailingComma: false });
  let value;
  let syntaxOk = true;
  try {
    value = JSON.parse(text);
  } catch {
    syntaxOk = false;
  }
  const problems = [];
  const crate = wasm?.validate(text);
  if (crate) {
    const syntax = !crate.path && crate.line !== undefined && !syntaxOk;
    let range;
    if (syntax || (!root && crate.line !== undefined)) {
      const at = Math.min(offsetOf(doc, crate.line, crate.column), doc.length);
      range = at >= doc.length ? { from: Math.max(doc.length - 1, 0), to: doc.length } : { from: at, to: at + 1 };
    } else {
      // "unknown field `colour`", "unknown value \"de\"" at title.de: the key is wrong.
      const segs = segments(crate.path);
      const last = segs.at(-1);
      const aboutKey = typeof last === "string" && (crate.message.includes(`\`${last}\``) || crate.message.includes(`"${last}"`));
      range = locate(root, segs, doc.length, aboutKey);
    }
    const prefix = crate.path ? `${crate.path}: ` : "";
    const message = crate.message.startsWith(prefix) ? crate.message.slice(prefix.length) : crate.message;
    problems.push({ source: "housing-charts", path: crate.path, message, ...range });
  } else if (!syntaxOk && !wasm) {
    problems.push({ source: "JSON", path: "", message: "this is not valid JSON", from: 0, to: Math.min(1, doc.length) });
  }
  if (syntaxOk) {
    const ok = validateSchema(value);
    for (const p of ok ? [] : schemaProblems(validateSchema.errors)) {
      if (problems.some((q) => q.path === p.path)) continue; // the crate said it better
      problems.push({ source: "JSON Schema", path: p.path, message: p.message, ...locate(root, segments(p.pointer), doc.length, p.onKey) });
    }
  }
  for (const p of problems) Object.assign(p, lineCol(doc, p.from));
  return { text, value: syntaxOk ? value : undefined, problems };
}

function describeWhere(p) {
  return `${p.path ? `${p.path} · ` : ""}line ${p.line}, column ${p.column}`;
}

/** A warning's "path: message" split (the path may be absent). */
function splitWarning(text) {
  const m = /^([A-Za-z_$][\w$]*(?:\[\d+\]|\.[A-Za-z_$][\w$]*)*): (.*)$/s.exec(text);
  return m ? { path: m[1], message: m[2] } : { path: "", message: text };
}

/** Runs the check, updates the preview, the messages and the exports. */
function run() {
  clearTimeout(timer);
  timer = 0;
  const view = window.housingEditor;
  const doc = view.state.doc;
  const result = check(doc);

  // The preview: the crate shows its own message in place of a bad chart.
  if (wasm) {
    try {
      if (!chart) chart = wasm.render(ui.preview, result.text);
      else chart.update(result.text);
      say(ui.previewStatus, "");
    } catch (err) {
      say(ui.previewStatus, `The preview failed: ${errorText(err)}`, "error");
    }
  }
  // A spec can be valid and still fail to draw (at this width): say so too.
  if (!result.problems.length && chart?.error) {
    const path = chart.errorPath ?? "";
    const message = path && chart.error.startsWith(`${path}: `) ? chart.error.slice(path.length + 2) : chart.error;
    const range = locate(parseTree(result.text), segments(path), doc.length);
    result.problems.push({ source: "housing-charts", path, message, ...range, ...lineCol(doc, range.from) });
  }
  const [primary, ...extras] = result.problems;
  const warnings = !primary && chart && !chart.error ? chart.warnings.map(splitWarning) : [];

  const root = warnings.length ? parseTree(result.text) : undefined;
  view.dispatch(
    setDiagnostics(view.state, [
      ...result.problems.map((p) => ({
        from: p.from,
        to: p.to,
        severity: "error",
        source: p.source,
        message: p.path ? `${p.path}: ${p.message}` : p.message,
      })),
      ...warnings.map((w) => ({
        ...locate(root, segments(w.path), doc.length),
        severity: "warning",
        source: "housing-charts",
        message: w.path ? `${w.path}: ${w.message}` : w.message,
      })),
    ]),
  );

  // The message area: one primary message, extras below.
  ui.summary.dataset.state = primary ? "error" : "ok";
  if (primary) {
    ui.summaryText.textContent = primary.message;
    ui.summaryWhere.textContent = describeWhere(primary);
    ui.goto.hidden = false;
  } else {
    const n = warnings.length;
    ui.summaryText.textContent = !wasm
      ? "The spec matches the JSON Schema."
      : n
        ? `The spec is valid; the chart is drawn with ${n === 1 ? "a warning" : `${n} warnings`}:`
        : "The spec is valid.";
    ui.summaryWhere.textContent = "";
    ui.goto.hidden = true;
  }
  ui.extras.replaceChildren(
    ...extras.map((p) => {
      const li = document.createElement("li");
      const where = document.createElement("span");
      where.className = "where";
      where.textContent = `${p.source}, ${describeWhere(p)}: `;
      li.append(where, p.message);
      return li;
    }),
  );
  ui.warnings.replaceChildren(
    ...warnings.map((w) => {
      const li = document.createElement("li");
      if (w.path) {
        const where = document.createElement("span");
        where.className = "where";
        where.textContent = `${w.path}: `;
        li.append(where);
      }
      li.append(w.message);
      return li;
    }),
  );

  // The language toggle follows the spec's locale.
  const locale = result.value && typeof result.value === "object" ? result.value.locale : undefined;
  for (const input of ui.langGroup.querySelectorAll("input")) input.checked = input.value === (locale ?? "en");

  const ok = !primary && !!wasm && !!chart && !chart.error;
  for (const b of [ui.copy, ui.png, ui.svg]) b.setAttribute("aria-disabled", String(!ok));
  ui.embed.value = ok ? embedSnippet(result.value) : "";
  ui.embed.placeholder = ok ? "" : "The embed code appears here once the spec is valid.";

  status = {
    text: result.text,
    ok,
    error: primary ? primary.message : undefined,
    path: primary?.path,
    line: primary?.line,
    column: primary?.column,
    from: primary?.from,
    to: primary?.to,
    extras: extras.map((p) => `${p.path}: ${p.message}`),
    warnings: warnings.map((w) => (w.path ? `${w.path}: ${w.message}` : w.message)),
  };
  window.housingEditorStatus = status;
  store(STORE_TEXT, result.text);
}

function schedule(delay = DEBOUNCE_MS) {
  clearTimeout(timer);
  timer = setTimeout(run, delay);
}

// --- exports ------------------------------------------------------------------------

/** The embed code: the loader and the spec, compact, in a JSON script block. */
function embedSnippet(spec) {
  // "<" as \u003c: no "</script>" or "<!--" can end or bend the block.
  const body = JSON.stringify(spec).replace(/</g, "\\u003c");
  const src = new URL("housing-charts.js", location.href).href;
  return `<script src="${src}" defer></script>\n<housing-chart>\n  <script type="application/json">${body}</script>\n</housing-chart>`;
}

/** A file name from the spec's title (letters and digits of any script). */
function fileName(ext) {
  const title = status.text ? safeTitle() : "";
  const slug = title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return `${slug || "chart"}.${ext}`;
}

function safeTitle() {
  try {
    const t = JSON.parse(status.text).title;
    if (typeof t === "string") return t;
    if (t && typeof t === "object") return t.en ?? Object.values(t).find((v) => typeof v === "string") ?? "";
  } catch {
    // not reached: exports need a valid spec
  }
  return "";
}

function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function dataUrlBlob(dataUrl) {
  const [head, b64] = dataUrl.split(",", 2);
  const type = /^data:([^;,]+)/.exec(head)?.[1] ?? "application/octet-stream";
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type });
}

/** Runs a pending check first; says why an export is not possible. */
function ready() {
  if (timer) run();
  if (!wasm || !chart) {
    say(ui.actionStatus, "The chart library has not loaded, so there is nothing to export.", "error");
    return false;
  }
  if (!status.ok) {
    say(ui.actionStatus, `Fix the spec first: ${status.path ? `${status.path}: ` : ""}${status.error ?? "the chart could not be drawn"}`, "error");
    return false;
  }
  return true;
}

async function copyEmbed() {
  if (!ready()) return;
  const code = ui.embed.value;
  try {
    await navigator.clipboard.writeText(code);
    say(ui.actionStatus, "Embed code copied to the clipboard.", "ok");
  } catch {
    ui.embed.focus();
    ui.embed.select();
    say(ui.actionStatus, "The browser did not allow copying: the embed code is selected below; press Ctrl+C (⌘C on a Mac).", "error");
  }
}

function downloadPng() {
  if (!ready()) return;
  try {
    const name = fileName("png");
    download(dataUrlBlob(chart.toPng(2)), name);
    say(ui.actionStatus, `Downloaded ${name} (twice the preview's size).`, "ok");
  } catch (err) {
    say(ui.actionStatus, `PNG export failed: ${errorText(err)}`, "error");
  }
}

function downloadSvg() {
  if (!ready()) return;
  try {
    const name = fileName("svg");
    download(new Blob([chart.toSvg()], { type: "image/svg+xml" }), name);
    say(ui.actionStatus, `Downloaded ${name}.`, "ok");
  } catch (err) {
    say(ui.actionStatus, `SVG export failed: ${errorText(err)}`, "error");
  }
}

// --- the editor ----------------------------------------------------------------------

function setText(text) {
  const view = window.housingEditor;
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, selection: { anchor: 0 }, scrollIntoView: true });
}

/** Sets the spec's "locale" (inserted after "type"), as an undoable edit. */
function setLocale(locale) {
  const view = window.housingEditor;
  const text = view.state.doc.toString();
  const errors = [];
  const root = parseTree(text, errors, { disallowComments: true });
  if (errors.length || root?.type !== "object") {
    say(ui.actionStatus, "Fix the JSON first; then switch the language.", "error");
    run();
    return;
  }
  const edits = modify(text, ["locale"], locale, {
    formattingOptions: { insertSpaces: true, tabSize: 2, eol: "\n" },
    getInsertionIndex: (props) => props.indexOf("type") + 1,
  });
  view.dispatch({ changes: edits.map((e) => ({ from: e.offset, to: e.offset + e.length, insert: e.content })) });
  run();
}

function setWidth(width) {
  ui.previewFrame.dataset.width = width;
  document.body.dataset.previewWidth = width;
  for (const input of ui.widthGroup.querySelectorAll("input")) input.checked = input.value === width;
  store(STORE_WIDTH, width);
}

function gotoProblem() {
  const view = window.housingEditor;
  if (status.from === undefined) return;
  view.dispatch({ selection: { anchor: status.from, head: Math.min(status.to, view.state.doc.length) }, scrollIntoView: true });
  view.focus();
}

// --- the starting points -------------------------------------------------------------

function option(value, label) {
  const o = document.createElement("option");
  o.value = value;
  o.textContent = label;
  return o;
}

async function fillPicker() {
  const [datasets, examples] = await Promise.allSettled([fetchJson("data/datasets.json"), fetchJson("data/examples.json")]);
  const groups = [];
  if (datasets.status === "fulfilled" && Array.isArray(datasets.value)) {
    const g = document.createElement("optgroup");
    g.label = "Built-in datasets";
    g.append(...datasets.value.map((d) => option(`dataset:${d.name}`, `${d.title} (${d.name})`)));
    groups.push(g);
  }
  if (examples.status === "fulfilled" && Array.isArray(examples.value)) {
    const g = document.createElement("optgroup");
    g.label = "Example charts";
    g.append(...examples.value.map((f) => option(`example:${f}`, String(f).replace(/\.json$/, ""))));
    groups.push(g);
  }
  ui.picker.replaceChildren(...groups);
  const failed = [datasets, examples].filter((r) => r.status === "rejected").map((r) => errorText(r.reason));
  if (failed.length) say(ui.loadStatus, `Some starting points could not be listed: ${failed.join("; ")}`, "error");
  const starter = ui.picker.querySelector(`option[value="example:${STARTER_EXAMPLE}"]`);
  if (starter) starter.selected = true;
}

/** The spec text a picker value starts from. */
async function starterText(value) {
  const [kind, name] = [value.slice(0, value.indexOf(":")), value.slice(value.indexOf(":") + 1)];
  if (kind === "example") {
    const res = await fetch(`data/examples/${encodeURIComponent(name)}`);
    if (!res.ok) throw new Error(`data/examples/${name}: HTTP ${res.status}`);
    return (await res.text()).trimEnd() + "\n";
  }
  if (kind === "dataset") {
    // The dataset's figures, written into the spec so they can be edited.
    const d = await fetchJson(`data/datasets/${encodeURIComponent(name)}.json`);
    const spec = { type: DATASET_TYPE[name] ?? "bar" };
    for (const key of ["title", "subtitle", "unit", "numberFormat", "source", "note"]) if (d[key] !== undefined) spec[key] = d[key];
    spec.data = d.data;
    return JSON.stringify(spec, null, 2) + "\n";
  }
  throw new Error(`unknown starting point ${value}`);
}

async function loadStarter() {
  const value = ui.picker.value;
  if (!value) return;
  const label = ui.picker.selectedOptions[0]?.textContent ?? value;
  try {
    setText(await starterText(value));
    run();
    say(ui.loadStatus, `Loaded “${label}”. Undo with Ctrl+Z (⌘Z) in the editor.`, "ok");
  } catch (err) {
    say(ui.loadStatus, `Could not load “${label}”: ${errorText(err)}`, "error");
  }
}

// --- start ----------------------------------------------------------------------------

async function loadWasm() {
  try {
    const m = await import("./pkg/housing_charts.js");
    await m.default();
    if (typeof m.render !== "function" || typeof m.validate !== "function") throw new Error("pkg/housing_charts.js lacks render() or validate()");
    // The built-in datasets are not in the wasm: give it all of them now (a
    // spec typed here may name any), and let it ask for one that failed.
    const datasetText = async (name) => {
      const res = await fetch(`pkg/datasets/${encodeURIComponent(name)}.json`);
      if (!res.ok) throw new Error(`pkg/datasets/${name}.json: HTTP ${res.status}`);
      return res.text();
    };
    m.setDatasetLoader(datasetText);
    const given = await Promise.allSettled(m.builtInDatasets().map(async (name) => m.addDataset(await datasetText(name))));
    for (const r of given) if (r.status === "rejected") console.error(`housing-charts editor: ${errorText(r.reason)}`);
    wasm = { render: m.render, validate: m.validate };
  } catch (err) {
    say(ui.previewStatus, `The chart library could not be loaded (run 'make build'): ${errorText(err)}`, "error");
  }
}

async function main() {
  const view = new EditorView({
    parent: ui.editor,
    doc: "",
    extensions: [
      basicSetup,
      json(),
      lintGutter(),
      EditorView.lineWrapping,
      // tabindex: the text is focusable anyway (contenteditable); saying so
      // lets checkers see that its scrolling box can be reached by keyboard.
      EditorView.contentAttributes.of({ "aria-labelledby": "editor-label", "aria-describedby": "editor-help", tabindex: "0" }),
      EditorView.updateListener.of((u) => {
        if (u.docChanged) schedule();
      }),
    ],
  });
  window.housingEditor = view;

  ui.load.addEventListener("click", loadStarter);
  ui.goto.addEventListener("click", gotoProblem);
  ui.copy.addEventListener("click", copyEmbed);
  ui.png.addEventListener("click", downloadPng);
  ui.svg.addEventListener("click", downloadSvg);
  ui.embed.addEventListener("focus", () => ui.embed.select());
  ui.langGroup.addEventListener("change", (e) => setLocale(e.target.value));
  ui.widthGroup.addEventListener("change", (e) => setWidth(e.target.value));
  setWidth(["360", "640", "1200"].includes(stored(STORE_WIDTH)) ? stored(STORE_WIDTH) : "640");

  const [, , text] = await Promise.all([
    loadWasm(),
    fillPicker(),
    (async () => stored(STORE_TEXT) ?? (await starterText(`example:${STARTER_EXAMPLE}`).catch(() => JSON.stringify(FALLBACK_SPEC, null, 2))))(),
  ]);
  setText(text);
  run();
  document.documentElement.dataset.editor = wasm ? "ready" : "failed";
}

main().catch((err) => {
  say(ui.previewStatus, `The editor failed to start: ${errorText(err)}`, "error");
  document.documentElement.dataset.editor = "failed";
});
