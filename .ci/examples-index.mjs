// Writes the sorted list of example spec file names (*.json) in a folder as a
// JSON array: the gallery's table of contents.
// Usage: node .ci/examples-index.mjs data/examples www/data/examples.json
import { readdirSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";

const [dir, out] = process.argv.slice(2);
if (!dir || !out) {
  console.error("usage: node .ci/examples-index.mjs EXAMPLES_DIR OUT_JSON");
  process.exit(2);
}

let names = [];
try {
  names = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".json"))
    .map((e) => e.name);
} catch (err) {
  if (err.code !== "ENOENT") throw err;
}
// Code-point order, independent of the locale.
names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(names, null, 2) + "\n");
console.log(`examples-index: ${names.length} example(s) -> ${out}`);
