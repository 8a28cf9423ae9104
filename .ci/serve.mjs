// Serves a folder on a loopback port with sirv (which sends .wasm as
// application/wasm, so WebAssembly.instantiateStreaming works), no caching.
// Binds 127.0.0.1 only; fails clearly when the port is taken.
// Usage: node .ci/serve.mjs www [PORT]   (PORT defaults to $PORT, then 8000)
import { createServer } from "node:http";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import sirv from "sirv";

const HOST = "127.0.0.1";
const dir = resolve(process.argv[2] || "www");
const port = Number(process.argv[3] || process.env.PORT || 8000);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`serve: bad port ${JSON.stringify(process.argv[3] || process.env.PORT)}`);
  process.exit(2);
}
if (!existsSync(dir)) {
  console.error(`serve: ${dir} does not exist`);
  process.exit(1);
}

const files = sirv(dir, { dev: true, dotfiles: false });
const server = createServer((req, res) => {
  res.on("finish", () => {
    const t = new Date().toISOString().slice(11, 19);
    console.log(`[${t}] ${res.statusCode} ${req.method} ${req.url}`);
  });
  files(req, res, () => {
    res.statusCode = 404;
    res.setHeader("Content-Type", "text/plain; charset=utf-8");
    res.end("Not found\n");
  });
});

server.on("error", (err) => {
  if (err.code === "EADDRINUSE") {
    console.error(`serve: port ${port} on ${HOST} is in use; try: make serve PORT=8001`);
  } else {
    console.error(`serve: ${err.message}`);
  }
  process.exit(1);
});

server.listen(port, HOST, () => {
  const { port: actual } = server.address();
  console.log(`Serving ${dir} at http://${HOST}:${actual}/  (Ctrl-C to stop)`);
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.close();
    process.exit(0);
  });
}
