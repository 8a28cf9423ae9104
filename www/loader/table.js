// A spec's `table.url`: the engine has no network, so the loader fetches the
// table (with every safeguard of `src`: fetch.js, the address checked by
// `checkedUrl`) and hands it to the engine as `table.text`, which the wasm
// parses (CSV, TSV or JSON records) like a table written inline.

import { LoadError, fetchText, shownUrl } from "./fetch.js";

/** The spec as a value (JSON text parsed), or null when it names no table URL. */
function withUrl(spec) {
  let value = spec;
  if (typeof spec === "string") {
    if (!spec.includes('"table"')) return null;
    try {
      value = JSON.parse(spec);
    } catch {
      return null; // the engine reports the syntax error
    }
  }
  const table = value && typeof value === "object" ? value.table : null;
  return table && typeof table === "object" && typeof table.url === "string" && table.text === undefined ? value : null;
}

/**
 * `spec` with its `table.url` fetched into `table.text` (as text when it was
 * text); `spec` itself when it names no table URL. `texts` (url → promise of
 * text) keeps each table fetched once; a failure is tried again next time.
 * Rejects with a LoadError on the `table.url` field.
 */
export async function withTable(spec, texts) {
  const value = withUrl(spec);
  if (!value) return spec;
  const { url, ...rest } = value.table;
  let text = texts.get(url);
  if (!text) {
    text = fetchText(url, { what: `the table at ${shownUrl(url)}`, path: "table.url", kind: "a table" }).then((t) => {
      if (t === null) throw new LoadError(`the table at ${shownUrl(url)} was not fetched (aborted)`, "table.url");
      return t;
    });
    texts.set(url, text);
    text.catch(() => texts.delete(url));
  }
  const out = { ...value, table: { ...rest, text: await text } };
  return typeof spec === "string" ? JSON.stringify(out) : out;
}
