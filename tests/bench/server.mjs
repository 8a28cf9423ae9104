// The loopback server of the benchmark pages (run.mjs, profile.mjs): maps URL
// prefixes to folders, serves files uncompressed with no caching, and sends
// .wasm as application/wasm (so instantiateStreaming works).

import { createServer } from "node:http";
import { createReadStream, existsSync, statSync } from "node:fs";
import { extname, resolve, sep } from "node:path";

const HERE = import.meta.dirname;
export const ROOT = resolve(HERE, "../..");

/** How every bench script launches Debian's Chromium (never a downloaded browser). */
export const BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"];

const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".map": "application/json",
};

/** URL prefix → folder. Everything a page loads comes from one of these. */
export function routes(hcPkg = resolve(ROOT, "www/pkg")) {
  return [
    ["/pages/", resolve(HERE, "pages")],
    ["/lib/canvas2d/", resolve(HERE, "lib")],
    ["/lib/housing-charts/", hcPkg],
    ["/lib/npm/", resolve(HERE, "node_modules")],
  ];
}

/** The file a URL path names, or null (outside every folder, or missing). */
export function fileOf(table, urlPath) {
  for (const [prefix, dir] of table) {
    if (!urlPath.startsWith(prefix)) continue;
    const file = resolve(dir, decodeURIComponent(urlPath.slice(prefix.length)));
    if (file !== dir && !file.startsWith(dir + sep)) return null;
    return existsSync(file) && statSync(file).isFile() ? file : null;
  }
  return null;
}

/** Loopback only, uncompressed, no caching (each page load is in a fresh context anyway). */
export async function serve(table) {
  const server = createServer((req, res) => {
    const path = new URL(req.url, "http://x").pathname;
    const file = fileOf(table, path);
    if (!file) {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found\n");
      return;
    }
    res.writeHead(200, {
      "content-type": MIME[extname(file)] || "application/octet-stream",
      "content-length": statSync(file).size,
      "cache-control": "no-store",
    });
    createReadStream(file).pipe(res);
  });
  await new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(0, "127.0.0.1", ok);
  });
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((ok) => server.close(ok)) };
}
