// Shared by the package tests: the npm package as a developer gets it,
// `.ci/npm-package.mjs`'s tarball (packed into a directory of the test
// file's own, so that test files running side by side do not clash)
// installed into a scratch project in the temp directory.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "../..");
export const BIN = resolve(ROOT, "node_modules/.bin");

/** Packs the package into target/npm-<name>/; returns the tarball's path. */
export function pack(name) {
  const out = `target/npm-${name}`;
  execFileSync("node", [resolve(ROOT, ".ci/npm-package.mjs"), out], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  const version = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(resolve(ROOT, "Cargo.toml"), "utf8"))[1];
  return resolve(ROOT, out, `housing-charts-${version}.tgz`);
}

/**
 * A scratch project (package.json of type module, then `files`: name → text)
 * with `tarball` installed. `remove()` deletes it.
 */
export function scratchProject(prefix, tarball, files = {}) {
  const dir = mkdtempSync(join(tmpdir(), `housing-charts-${prefix}-`));
  const write = (name, text) => {
    mkdirSync(resolve(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  };
  write("package.json", JSON.stringify({ name: "consumer", private: true, type: "module" }, null, 2));
  for (const [name, text] of Object.entries(files)) write(name, text);
  execFileSync("npm", ["install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", tarball], { cwd: dir, stdio: "pipe" });
  return { dir, write, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
