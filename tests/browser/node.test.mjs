// The npm package in plain Node (issue 14, part 2): installed from its
// tarball into a scratch project, a script run with `node` (no DOM, no
// fetch: the package reads its wasm and datasets from its own files) writes
// the SVG of a built-in example and of a spec naming a built-in dataset,
// and a bad spec throws with its JSON path.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { ROOT, pack, scratchProject } from "./scratch.mjs";

const example = readFileSync(resolve(ROOT, "data/examples/people-bars.json"), "utf8");
let project;

before(() => {
  project = scratchProject("node", pack("node"), {
    "example.json": example,
    // What a static-site build step does (README: "In Node").
    "build.mjs": `import { writeFileSync, readFileSync } from "node:fs";
import { renderSvg, validate } from "housing-charts";

if (typeof document !== "undefined" || typeof window !== "undefined") throw new Error("a DOM is present");
globalThis.fetch = () => { throw new Error("fetch was called"); };

writeFileSync("example.svg", await renderSvg(readFileSync("example.json", "utf8"), 480));
writeFileSync("dataset.svg", await renderSvg({ type: "bar", dataset: "africa-housing-gap", title: "Read from the package in Node" }));
let thrown = null;
try {
  await renderSvg({ type: "bar", data: [{ label: "x", value: "51 million" }] });
} catch (err) {
  thrown = err.message;
}
const problem = await validate('{"type": "bar", "dataset": "people", "height": "tall"}');
writeFileSync("result.json", JSON.stringify({ thrown, problem }));
`,
  });
});

after(() => project?.remove());

test("plain node writes SVGs of an example and of a built-in dataset; a bad spec throws with its path", () => {
  const run = spawnSync(process.execPath, ["build.mjs"], { cwd: project.dir, encoding: "utf8", timeout: 60000 });
  assert.equal(run.status, 0, `node build.mjs failed:\n${run.stdout}${run.stderr}`);
  const svg = readFileSync(join(project.dir, "example.svg"), "utf8");
  assert.match(svg, /^<svg /);
  assert.match(svg, /width="480"/);
  const title = JSON.parse(example).title;
  const titleText = typeof title === "string" ? title : title.en;
  assert.ok(svg.includes(titleText.split(" ").slice(0, 3).join(" ")), `the example's title "${titleText}" is in its SVG`);
  const dataset = readFileSync(join(project.dir, "dataset.svg"), "utf8");
  assert.match(dataset, /^<svg /);
  assert.ok(dataset.includes("Read from the package in Node"), "the spec's title is in the dataset's SVG");
  assert.ok(/2030/.test(dataset), "the dataset's figures are drawn (its 2030 bar)");
  const { thrown, problem } = JSON.parse(readFileSync(join(project.dir, "result.json"), "utf8"));
  assert.match(thrown ?? "", /data\[0\]\.value/, `renderSvg threw with the path: ${thrown}`);
  assert.equal(problem?.path, "height", JSON.stringify(problem));
});

test("in node, render() rejects and defineElement() throws, saying to use renderSvg", () => {
  const run = spawnSync(
    process.execPath,
    ["--input-type=module", "-e", `import { render, defineElement } from "housing-charts";
let a = ""; try { defineElement(); } catch (e) { a = e.message; }
const b = await render({}, {}).then(() => "", (e) => e.message);
console.log(JSON.stringify([a, b]));`],
    { cwd: project.dir, encoding: "utf8", timeout: 60000 },
  );
  assert.equal(run.status, 0, run.stderr);
  const [a, b] = JSON.parse(run.stdout);
  assert.match(a, /renderSvg/);
  assert.match(b, /renderSvg/);
});
