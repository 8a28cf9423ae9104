// Builds the spec editor (www/editor.html) after `make build`:
//   1. www/data/datasets.json: the built-in datasets of data/datasets/, as
//      [{ "name", "file", "title" }] sorted by name (the editor's picker);
//   2. www/editor.bundle.js: www/editor.js bundled by esbuild with CodeMirror 6,
//      jsonc-parser and the JSON Schema validator.
//
// The validator is compiled here, at build time, by ajv (draft 2020-12) into
// standalone code from data/schema/chart-spec.schema.json (the file `make
// build` copies to www/data/schema/): compiling a schema at run time needs
// `new Function`, which the editor's Content-Security-Policy forbids.
// www/pkg/ (the wasm build) stays a separate file, loaded at run time.
//
// Usage: node .ci/build-editor.mjs        (from anywhere; paths are the repo's)
//        META=1 node .ci/build-editor.mjs  (also prints what the bundle is made of)
import { mkdirSync, readdirSync, readFileSync, writeFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import standaloneCode from "ajv/dist/standalone/index.js";
import { analyzeMetafile, build } from "esbuild";

const ROOT = resolve(import.meta.dirname, "..");
const DATASETS = join(ROOT, "data/datasets");
const SCHEMA = join(ROOT, "data/schema/chart-spec.schema.json");
const OUT_LIST = join(ROOT, "www/data/datasets.json");
const ENTRY = join(ROOT, "www/editor.js");
const OUT_BUNDLE = join(ROOT, "www/editor.bundle.js");

function fail(message) {
  console.error(`build-editor: ${message}`);
  process.exit(1);
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (err) {
    fail(`${path}: ${err.message}`);
  }
}

// --- 1. the list of datasets ----------------------------------------------------

const english = (text) => (typeof text === "string" ? text : text && typeof text === "object" ? text.en ?? Object.values(text)[0] : undefined);

const datasets = readdirSync(DATASETS, { withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith(".json"))
  .map((e) => e.name)
  .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  .map((file) => {
    const d = readJson(join(DATASETS, file));
    const name = file.replace(/\.json$/, "");
    if (d.name !== undefined && d.name !== name) fail(`data/datasets/${file}: "name" is ${JSON.stringify(d.name)}, not ${JSON.stringify(name)}`);
    return { name, file: `datasets/${file}`, title: english(d.title) ?? name };
  });
mkdirSync(dirname(OUT_LIST), { recursive: true });
writeFileSync(OUT_LIST, JSON.stringify(datasets, null, 2) + "\n");
console.log(`build-editor: ${datasets.length} dataset(s) -> ${OUT_LIST}`);

// --- 2. the schema validator, as standalone code -----------------------------

/** The schema without its prose (descriptions and titles do not validate). */
function stripProse(node) {
  if (Array.isArray(node)) return node.map(stripProse);
  if (!node || typeof node !== "object") return node;
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    if ((k === "description" || k === "title") && typeof v === "string") continue;
    // Keys under "properties" / "$defs" are names, not keywords: keep them all.
    out[k] = k === "properties" || k === "$defs" ? Object.fromEntries(Object.entries(v).map(([n, s]) => [n, stripProse(s)])) : stripProse(v);
  }
  return out;
}

const schema = stripProse(readJson(SCHEMA));
const ajv = new Ajv2020({
  allErrors: true,
  strict: false, // the generated schema carries "format": "double"/"int32" (informative)
  validateFormats: false,
  code: { source: true, esm: true },
});
let validatorSource;
try {
  validatorSource = standaloneCode(ajv, ajv.compile(schema));
} catch (err) {
  fail(`${SCHEMA}: ajv could not compile it: ${err.message}`);
}

// --- 3. the bundle ---------------------------------------------------------------------

const VIRTUAL = "virtual:chart-spec-validator";
const result = await build({
  entryPoints: [ENTRY],
  outfile: OUT_BUNDLE,
  bundle: true,
  format: "esm",
  platform: "browser",
  target: ["es2022"],
  minify: true,
  legalComments: "none",
  charset: "utf8",
  logLevel: "warning",
  metafile: !!process.env.META,
  // The wasm glue loads its .wasm next to itself (import.meta.url): keep it apart.
  external: ["./pkg/*"],
  plugins: [
    {
      name: "chart-spec-validator",
      setup(b) {
        b.onResolve({ filter: /^virtual:chart-spec-validator$/ }, () => ({ path: VIRTUAL, namespace: "validator" }));
        // resolveDir: the standalone code require()s ajv's runtime helpers.
        b.onLoad({ filter: /.*/, namespace: "validator" }, () => ({ contents: validatorSource, loader: "js", resolveDir: ROOT }));
      },
    },
  ],
});
if (process.env.META) console.log(await analyzeMetafile(result.metafile));
for (const w of result.warnings) console.warn(`build-editor: ${w.text}`);
console.log(`build-editor: www/editor.js -> ${OUT_BUNDLE} (${statSync(OUT_BUNDLE).size} bytes)`);
