// Shared by overlap.test.mjs (Chromium) and engines.test.mjs (Firefox,
// WebKit): a function run in a page that has the wasm module as window.hc
// (tests/browser/pages/robust.html), which draws specs and checks every
// fillText's box, measured by that browser's own measureText.

/** In the page: draws each spec at `width` and returns the overlaps and escapes found. */
export function drawnProblems({ specs, width }) {
  const fillText = CanvasRenderingContext2D.prototype.fillText;
  let calls = [];
  CanvasRenderingContext2D.prototype.fillText = function (text, x, y, ...rest) {
    const size = parseFloat(/(\d+(\.\d+)?)px/.exec(this.font)?.[1] ?? "12");
    const w = this.measureText(text).width;
    const rtl = this.direction === "rtl";
    const align = this.textAlign;
    const left =
      align === "center" ? x - w / 2 : (align === "start") !== rtl || align === "left" ? (align === "right" ? x - w : x) : x - w;
    calls.push({ canvas: this.canvas, text, box: [left, y - size * 0.6, left + w, y + size * 0.6] });
    return fillText.call(this, text, x, y, ...rest);
  };
  const out = [];
  for (const [name, spec] of specs) {
    const div = document.createElement("div");
    div.style.width = `${width}px`;
    document.body.append(div);
    calls = [];
    const chart = window.hc.render(div, spec);
    const canvas = div.querySelector("canvas");
    const dpr = canvas.width / canvas.getBoundingClientRect().width;
    const mine = calls.filter((c) => c.canvas === canvas && c.text.trim());
    if (!mine.length) out.push(`${name}: no text drawn (fillText not seen)`);
    for (const c of mine) {
      const [x0, , x1] = c.box;
      if (x0 < -1 || x1 > canvas.width + 1) out.push(`${name}: "${c.text}" leaves the canvas (${x0.toFixed(0)}–${x1.toFixed(0)} of ${canvas.width})`);
    }
    for (let i = 0; i < mine.length; i++) {
      for (let j = i + 1; j < mine.length; j++) {
        const [a, b] = [mine[i].box, mine[j].box];
        const ox = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
        const oy = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
        if (ox > 1.5 * dpr && oy > 1.5 * dpr) out.push(`${name}: "${mine[i].text}" overlaps "${mine[j].text}"`);
      }
    }
    // Nothing is cut without a warning: a text drawn with "…" (that the
    // spec did not write so) comes with a "shortened" one.
    const cut = mine.filter((c) => c.text.endsWith("\u2026") && !JSON.stringify(spec).includes(c.text));
    if (cut.length && !chart.warnings.some((w) => w.includes("shortened"))) {
      out.push(`${name}: "${cut[0].text}" cut, and no warning says so (${JSON.stringify(chart.warnings)})`);
    }
    chart.destroy();
    chart.free();
    div.remove();
  }
  CanvasRenderingContext2D.prototype.fillText = fillText;
  return out;
}
