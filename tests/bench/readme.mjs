#!/usr/bin/env node
// Puts the latest published results (tests/bench/results/results.md) into the
// top-level README, between <!-- bench:start --> and <!-- bench:end -->: the
// run's header line, bytes, time to first chart, re-render, resize and the
// budget table, verbatim. run.mjs calls it after a complete default run, so
// the README's tables are always that command's output.
//   node readme.mjs [results.md] [README.md]
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";

const here = import.meta.dirname;
const results = resolve(process.argv[2] ?? resolve(here, "results/results.md"));
const readme = resolve(process.argv[3] ?? resolve(here, "../../README.md"));

const md = readFileSync(results, "utf8");
const sections = md.split(/^(?=## )/m);
const header = sections[0].split("\n").find((l) => /·/.test(l)) ?? "";
const wanted = [/^## Bytes shipped/, /^## Time to first chart/, /^## Re-render into/, /^## Re-render after/, /^## Budgets/];
const picked = wanted.map((re) => {
  const s = sections.find((x) => re.test(x));
  if (!s) throw new Error(`readme: ${results} has no section matching ${re}`);
  // One level down in the README; keep the tables, drop the notes after them.
  return s.replace(/^## /, "#### ").replace(/\n- [\s\S]*$/, "\n").trimEnd();
});
const block = [
  "<!-- bench:start (written by tests/bench/readme.mjs from tests/bench/results/results.md; do not edit) -->",
  `Latest run: ${header.trim()}`,
  "",
  ...picked.flatMap((p) => [p, ""]),
  "<!-- bench:end -->",
].join("\n");

const text = readFileSync(readme, "utf8");
const re = /<!-- bench:start[\s\S]*?<!-- bench:end -->/;
if (!re.test(text)) throw new Error(`readme: ${readme} has no <!-- bench:start --> … <!-- bench:end --> block`);
writeFileSync(readme, text.replace(re, block));
console.log(`readme: ${readme} updated from ${results}`);
