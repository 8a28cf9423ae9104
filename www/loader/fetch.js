// Fetching what the loader reads from a URL (a spec at `src`, a built-in
// dataset beside the engine), with the same safeguards for both: a timeout,
// a size cap counted while reading, an HTML page named as such, a network
// or CORS refusal said in words; every failure a LoadError with the field it
// came from.

/** The largest spec read from a URL (the engine's own limit). */
export const MAX_SPEC_BYTES = 48 * 1024 * 1024;
/** How long a URL may take to answer. */
export const FETCH_TIMEOUT_MS = 15000;

/** A failure of the loader itself (not of the spec), shown in place of the chart. */
export class LoadError extends Error {
  constructor(message, path = "") {
    super(message);
    this.path = path;
  }
}

export function describe(err) {
  return err && err.message ? err.message : String(err);
}

function megabytes(bytes) {
  return `${Math.round((bytes / 1048576) * 10) / 10} MB`; // MB of 2^20 bytes, as the engine counts
}

/**
 * An address as messages show it: without its query and fragment, which may
 * carry a token ("…/spec.json?…").
 */
export function shownUrl(url) {
  try {
    const u = new URL(url, document.baseURI);
    // data: and blob: addresses (a bundler's inlined asset) by their scheme only.
    if (u.origin === "null" || u.protocol === "blob:") return `${u.protocol}…`;
    return `${u.origin}${u.pathname}${u.search || u.hash ? "?…" : ""}`;
  } catch {
    return String(url).replace(/[?#].*$/s, "?…");
  }
}

/**
 * The URL to fetch, or a LoadError before any request: https, or http from an
 * http page (a local test server); never javascript:, data:, file:, ftp: or
 * any other scheme.
 */
export function checkedUrl(url, what, path) {
  let u;
  try {
    u = new URL(url, document.baseURI);
  } catch {
    throw new LoadError(`${what}: "${shownUrl(url)}" is not a web address`, path);
  }
  const page = typeof location !== "undefined" ? location.protocol : "https:";
  const ok = u.protocol === "https:" || (u.protocol === "http:" && page === "http:");
  if (!ok) {
    const why = u.protocol === "http:" ? "an http: address from an https: page (the browser would block it)" : `a ${u.protocol} address`;
    throw new LoadError(`${what} is ${why}; only https: addresses are fetched (and http: from an http: page)`, path);
  }
  return u.href;
}

/**
 * Fetches a JSON text (a spec, a dataset): a clear LoadError on any failure,
 * the address checked first by `checkedUrl` unless it is `ours`,
 * naming `what` and carrying `path` (the field it came from); null when
 * aborted through `controller` (the element's, when it leaves the page).
 */
export async function fetchText(url, { controller = new AbortController(), timeoutMs = FETCH_TIMEOUT_MS, what, path, kind = "JSON", maxBytes = MAX_SPEC_BYTES, ours = false }) {
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const where = what;
  try {
    // The page's addresses are checked; the package's own (a built-in
    // dataset, which a bundler may inline as a data: URL) are not.
    if (!ours) url = checkedUrl(url, where, path);
    let response;
    try {
      response = await fetch(url, { signal: controller.signal, credentials: "same-origin" });
    } catch (err) {
      if (timedOut) throw new LoadError(`${where} did not answer within ${timeoutMs / 1000} s`, path);
      if (controller.signal.aborted) return null;
      throw new LoadError(
        `${where} could not be fetched: a network error, or its server does not let this page read it (CORS). ${describe(err)}`,
        path,
      );
    }
    if (!response.ok) {
      throw new LoadError(`${where} could not be loaded: HTTP ${response.status} ${response.statusText}`.trim(), path);
    }
    const declared = Number(response.headers.get("content-length"));
    if (declared > maxBytes) {
      throw new LoadError(`${where} is ${megabytes(declared)}; it may be at most ${megabytes(maxBytes)}`, path);
    }
    // Read in chunks, so that a response without a length cannot grow past the limit.
    let text = "";
    if (response.body && response.body.getReader) {
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let size = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > maxBytes) {
          reader.cancel().catch(() => {});
          throw new LoadError(`${where} is larger than ${megabytes(maxBytes)}, the most it may be`, path);
        }
        text += decoder.decode(value, { stream: true });
      }
      text += decoder.decode();
    } else {
      text = await response.text();
    }
    if (/^\s*</.test(text)) {
      throw new LoadError(`${where} is an HTML page, not ${kind}: is the address right?`, path);
    }
    return text;
  } catch (err) {
    if (err instanceof LoadError) throw err;
    if (timedOut) throw new LoadError(`${where} did not answer within ${timeoutMs / 1000} s`, path);
    if (controller.signal.aborted) return null;
    throw new LoadError(`${where} could not be read: ${describe(err)}`, path);
  } finally {
    clearTimeout(timer);
  }
}

