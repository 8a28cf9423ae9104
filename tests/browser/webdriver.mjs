// A small W3C WebDriver client over fetch, and the two engines it drives for
// engines.test.mjs: Debian's Firefox ESR through geckodriver and WebKitGTK's
// MiniBrowser through WebKitWebDriver (under its own Xvfb). playwright-core
// drives only its own builds of these engines, which cannot be downloaded
// here; a full client (selenium-webdriver, webdriverio) would add dozens of
// packages, and selenium's manager downloads drivers, for the eight commands
// used here.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { existsSync, readdirSync } from "node:fs";
import { delimiter, join } from "node:path";

const CARGO_BIN = join(process.env.CARGO_HOME || join(process.env.HOME || "/root", ".cargo"), "bin");

/** Where a command is on PATH (or in ~/.cargo/bin), else null. */
function which(cmd) {
  if (cmd.includes("/")) return existsSync(cmd) ? cmd : null;
  for (const dir of [...(process.env.PATH || "").split(delimiter), CARGO_BIN]) {
    const path = join(dir, cmd);
    if (dir && existsSync(path)) return path;
  }
  return null;
}

/** WebKitGTK's MiniBrowser (in libwebkit2gtk-4.1-0), under /usr/lib/<multiarch>/. */
function miniBrowser() {
  const lib = "/usr/lib";
  const dirs = existsSync(lib) ? readdirSync(lib).filter((d) => d.includes("-linux-")) : [];
  const found = dirs.map((d) => join(lib, d, "webkit2gtk-4.1/MiniBrowser")).find((p) => existsSync(p));
  return found ?? "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";
}

/** The engines: what each needs, and the capabilities of a new session. */
export const ENGINES = {
  firefox: {
    label: "Firefox ESR (geckodriver)",
    browser: process.env.FIREFOX_PATH || "/usr/bin/firefox-esr",
    driver: process.env.GECKODRIVER || "geckodriver",
    install: "apt-get install firefox-esr; cargo install geckodriver --locked (.ci/setup does both)",
    args: (port) => ["--host", "127.0.0.1", "--port", String(port), "--log", "error"],
    display: false,
    capabilities: (browser) => ({
      browserName: "firefox",
      "moz:firefoxOptions": {
        binary: browser,
        args: ["-headless"],
        // devicePixelRatio 2, as on most phones; no first-run pages or updates.
        prefs: { "layout.css.devPixelsPerPx": "2", "app.update.enabled": false, "browser.shell.checkDefaultBrowser": false },
      },
    }),
  },
  webkit: {
    label: "WebKitGTK MiniBrowser (WebKitWebDriver)",
    browser: process.env.MINIBROWSER_PATH || miniBrowser(),
    driver: process.env.WEBKIT_WEBDRIVER || "WebKitWebDriver",
    install: "apt-get install webkit2gtk-driver xvfb (.ci/setup does it)",
    args: (port) => ["--host=127.0.0.1", `--port=${port}`],
    display: true,
    capabilities: (browser) => ({
      browserName: "MiniBrowser",
      "webkitgtk:browserOptions": { binary: browser, args: ["--automation"] },
    }),
  },
};

/** Why `engine` cannot run here (what is not installed), or null. */
export function missing(engine) {
  const e = ENGINES[engine];
  const absent = [];
  if (!existsSync(e.browser)) absent.push(e.browser);
  if (!which(e.driver)) absent.push(e.driver);
  if (e.display && !which("Xvfb")) absent.push("Xvfb");
  return absent.length ? `${absent.join(", ")} not installed (${e.install})` : null;
}

/** A free loopback port (closed again at once, for a driver to listen on). */
function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

/** Children still running; killed (with their process groups) if node exits without stopping them. */
const running = new Set();
process.once("exit", () => {
  for (const proc of running) signal(proc, "SIGKILL");
});

/** Sends `sig` to `proc`'s process group (the browser a driver started is in it). */
function signal(proc, sig) {
  try {
    process.kill(-proc.pid, sig);
  } catch {
    // already gone
  }
}

/**
 * Spawns a child in a process group of its own, its stderr kept (the last
 * 4 KB) for error messages.
 */
function child(cmd, args, env, stdio = ["ignore", "ignore", "pipe"]) {
  const proc = spawn(cmd, args, { env: { ...process.env, ...env }, stdio, detached: true });
  proc.log = "";
  proc.stderr?.on("data", (d) => (proc.log = (proc.log + d).slice(-4096)));
  proc.exited = new Promise((ok) => proc.once("exit", (code, sig) => ok(code ?? sig)));
  proc.once("error", (err) => (proc.log += String(err)));
  running.add(proc);
  proc.exited.then(() => running.delete(proc));
  return proc;
}

/** Ends `proc` and its group: SIGTERM, then SIGKILL if it is still there after 3 s. */
async function stopChild(proc) {
  if (!proc?.pid) return;
  if (proc.exitCode === null && proc.signalCode === null) {
    signal(proc, "SIGTERM");
    const timer = setTimeout(() => signal(proc, "SIGKILL"), 3000);
    await proc.exited;
    clearTimeout(timer);
  }
  // What the driver started and left behind (a browser, its helpers) goes too.
  signal(proc, "SIGKILL");
}

/** Xvfb on a display of its choosing (-displayfd): { display, proc }. */
async function xvfb() {
  const proc = child(which("Xvfb"), ["-displayfd", "3", "-screen", "0", "1280x1024x24", "-nolisten", "tcp"], {}, ["ignore", "ignore", "pipe", "pipe"]);
  const display = await new Promise((ok, fail) => {
    let out = "";
    const timer = setTimeout(() => fail(new Error(`Xvfb gave no display in 10 s: ${proc.log}`)), 10_000);
    proc.stdio[3].on("data", (d) => {
      out += d;
      if (out.includes("\n")) {
        clearTimeout(timer);
        ok(`:${out.trim()}`);
      }
    });
    proc.exited.then((code) => fail(new Error(`Xvfb exited (${code}): ${proc.log}`)));
  });
  return { display, proc };
}

/** One W3C WebDriver session: the commands the engine tests use. */
export class Session {
  constructor(base, id, capabilities) {
    this.base = base;
    this.id = id;
    this.capabilities = capabilities;
  }

  /** A command; a WebDriver error becomes an Error with its name and message. */
  static async command(base, method, path, body) {
    const res = await fetch(new URL(path, base), {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(90_000),
    });
    const text = await res.text();
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      throw new Error(`WebDriver ${method} ${path}: HTTP ${res.status}, not JSON: ${text.slice(0, 200)}`);
    }
    if (!res.ok || json.value?.error) {
      throw new Error(`WebDriver ${method} ${path}: ${json.value?.error}: ${json.value?.message}`);
    }
    return json.value;
  }

  cmd(method, path, body) {
    return Session.command(this.base, method, `session/${this.id}${path}`, body);
  }

  navigate(url) {
    return this.cmd("POST", "/url", { url });
  }

  /**
   * Runs `fn(...args)` in the page (it may be async) and returns its result;
   * a throw in the page is thrown here with the page's message.
   */
  async run(fn, ...args) {
    const script = `const done = arguments[arguments.length - 1];
      Promise.resolve().then(() => (${fn}).apply(null, Array.prototype.slice.call(arguments, 0, -1)))
        .then((value) => done({ value: value === undefined ? null : value }), (e) => done({ error: String(e && e.stack || e) }));`;
    const out = await this.cmd("POST", "/execute/async", { script, args });
    if (out?.error) throw new Error(`in the page: ${out.error}`);
    return out?.value;
  }

  /** Polls `fn(...args)` in the page until it returns something truthy. */
  async waitFor(fn, args = [], { timeout = 20_000, what = String(fn) } = {}) {
    const end = Date.now() + timeout;
    for (;;) {
      const v = await this.run(fn, ...args);
      if (v) return v;
      if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
      await new Promise((ok) => setTimeout(ok, 100));
    }
  }

  /** Presses each key in turn (W3C key actions: "\uE004" Tab, "\uE014" ArrowRight…). */
  async keys(...keys) {
    const actions = keys.flatMap((value) => [{ type: "keyDown", value }, { type: "keyUp", value }]);
    await this.cmd("POST", "/actions", { actions: [{ type: "key", id: "keyboard", actions }] });
    await this.cmd("DELETE", "/actions");
  }

  setWindowRect(width, height) {
    return this.cmd("POST", "/window/rect", { width, height });
  }
}

/** W3C key values. */
export const KEY = { Tab: "\uE004", ArrowLeft: "\uE012", ArrowRight: "\uE014", Home: "\uE011", Escape: "\uE00C" };

/**
 * Starts `engine`'s driver (and Xvfb) on free ports and opens a session:
 * `{ session, version, stop }`. `stop()` ends the session, the driver and
 * Xvfb, whatever state they are in; call it from an `after` hook.
 */
export async function start(engine) {
  const e = ENGINES[engine];
  const procs = [];
  let session = null;
  const stop = async () => {
    if (session) await session.cmd("DELETE", "").catch(() => {});
    session = null;
    for (const p of procs.reverse()) await stopChild(p);
    procs.length = 0;
  };
  try {
    const env = {};
    if (e.display) {
      const x = await xvfb();
      procs.push(x.proc);
      // GDK_SCALE=2: devicePixelRatio 2, as on most phones.
      Object.assign(env, { DISPLAY: x.display, GDK_SCALE: "2", WEBKIT_DISABLE_COMPOSITING_MODE: "1" });
    }
    const port = await freePort();
    const driver = child(which(e.driver), e.args(port), env);
    procs.push(driver);
    const base = `http://127.0.0.1:${port}/`;
    const end = Date.now() + 15_000;
    for (;;) {
      if (driver.exitCode !== null || driver.signalCode !== null) throw new Error(`${e.driver} exited: ${driver.log}`);
      const ready = await Session.command(base, "GET", "status").then((v) => v?.ready !== false, () => false);
      if (ready) break;
      if (Date.now() > end) throw new Error(`${e.driver} not ready on port ${port} after 15 s: ${driver.log}`);
      await new Promise((ok) => setTimeout(ok, 100));
    }
    const created = await Session.command(base, "POST", "session", {
      capabilities: { alwaysMatch: { ...e.capabilities(e.browser), pageLoadStrategy: "normal" } },
    }).catch((err) => {
      throw new Error(`${e.label}: no session (${err.message}); driver log: ${driver.log}`);
    });
    session = new Session(base, created.sessionId, created.capabilities);
    await session.cmd("POST", "/timeouts", { script: 60_000, pageLoad: 60_000 });
    const version = `${created.capabilities.browserName} ${created.capabilities.browserVersion}`;
    return { session, version, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
