// The hand-written Canvas2D baseline: what a chart costs with no library at
// all. Plain JS, no dependencies: fillRect for bars, fillText for text, one
// path for grid and axes, one path for a line (M4-decimated per CSS pixel
// column: first, min, max, last). It draws the same charts as the libraries
// (title, value axis with gridlines, category labels, value labels).

const FONT = "system-ui, -apple-system, 'Segoe UI', 'Liberation Sans', Arial, sans-serif";
const INK = "#222";
const MUTED = "#666";
const GRID = "#ddd";
const COLOR = "#2a6fb0";

/** Sizes the canvas for `width` × `height` CSS px at `dpr`; returns its context, scaled to CSS px. */
function setup(canvas, width, height, dpr) {
  const w = Math.max(1, Math.round(width * dpr));
  const h = Math.max(1, Math.round(height * dpr));
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const ctx = canvas.getContext("2d");
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  return ctx;
}

/** About `count` round ticks from lo to hi: [first, step, last]. */
export function niceTicks(lo, hi, count = 5) {
  const span = hi - lo || Math.abs(hi) || 1;
  const raw = span / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const f = raw / mag;
  const step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
  return [Math.floor(lo / step) * step, step, Math.ceil(hi / step) * step];
}

/** Words of `text` in lines no wider than `max` px (at most `maxLines`; the last may overflow). */
function wrap(ctx, text, max, maxLines = 3) {
  const lines = [];
  let line = "";
  for (const word of text.split(" ")) {
    const next = line ? `${line} ${word}` : word;
    if (line && ctx.measureText(next).width > max && lines.length < maxLines - 1) {
      lines.push(line);
      line = word;
    } else {
      line = next;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * Vertical bars. `figures`: [{label, value, text}]; `format(v)` writes an axis
 * tick. Small charts (< 320 px) use smaller type.
 */
export function drawBars(canvas, { title, figures, width, height, dpr = devicePixelRatio, format = String }) {
  const ctx = setup(canvas, width, height, dpr);
  const small = width < 320;
  const fs = small ? 9 : 12;
  const ts = small ? 11 : 16;
  const pad = small ? 4 : 12;

  let top = pad;
  if (title) {
    ctx.font = `bold ${ts}px ${FONT}`;
    ctx.fillStyle = INK;
    ctx.textBaseline = "top";
    ctx.textAlign = "left";
    ctx.fillText(title, pad, top, width - 2 * pad);
    top += ts + (small ? 6 : 14);
  }
  top += fs + 4; // room for the tallest bar's value label

  const max = Math.max(...figures.map((f) => f.value));
  const [, step, hi] = niceTicks(0, max, small ? 3 : 5);
  ctx.font = `${fs}px ${FONT}`;
  const ticks = [];
  for (let v = 0; v <= hi + step / 2; v += step) ticks.push([v, format(v)]);
  const axisW = Math.max(...ticks.map(([, t]) => ctx.measureText(t).width)) + 6;

  const left = pad + axisW;
  const right = width - pad;
  const slot = (right - left) / figures.length;
  const wrapped = figures.map((f) => wrap(ctx, f.label, slot - 4, small ? 2 : 3));
  const lines = Math.max(...wrapped.map((l) => l.length));
  const bottom = height - pad - lines * (fs + 2) - 4;
  const y = (v) => bottom - ((bottom - top) * v) / hi;

  // The gridlines (the one at 0 is the baseline) and their labels.
  valueAxis(ctx, ticks, left, right, y);

  // Bars, value labels, category labels.
  const bw = slot * 0.7;
  ctx.fillStyle = COLOR;
  for (const [i, f] of figures.entries()) {
    const x = left + i * slot + (slot - bw) / 2;
    ctx.fillRect(x, y(f.value), bw, bottom - y(f.value));
  }
  ctx.fillStyle = INK;
  ctx.textAlign = "center";
  ctx.textBaseline = "bottom";
  for (const [i, f] of figures.entries()) {
    ctx.fillText(f.text, left + (i + 0.5) * slot, y(f.value) - 3, slot);
  }
  ctx.fillStyle = MUTED;
  ctx.textBaseline = "top";
  for (const [i, ls] of wrapped.entries()) {
    for (const [k, l] of ls.entries()) ctx.fillText(l, left + (i + 0.5) * slot, bottom + 4 + k * (fs + 2), slot);
  }
}

/** Gridlines at `ticks` ([value, label] pairs) from `left` to `right`, as one path, and their labels left of them. */
function valueAxis(ctx, ticks, left, right, y) {
  ctx.beginPath();
  for (const [v] of ticks) {
    const yy = Math.round(y(v)) + 0.5;
    ctx.moveTo(left, yy);
    ctx.lineTo(right, yy);
  }
  ctx.strokeStyle = GRID;
  ctx.lineWidth = 1;
  ctx.stroke();
  ctx.fillStyle = MUTED;
  ctx.textAlign = "right";
  ctx.textBaseline = "middle";
  for (const [v, t] of ticks) ctx.fillText(t, left - 6, y(v));
}

/** One line through `x`, `y` (typed arrays, x ascending), M4-decimated per CSS pixel column. */
export function drawLine(canvas, { x, y, width, height, dpr = devicePixelRatio, format = String }) {
  const ctx = setup(canvas, width, height, dpr);
  const n = x.length;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = y[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const [ylo, ystep, yhi] = niceTicks(lo, hi, 5);
  const [, xstep] = niceTicks(x[0], x[n - 1], 6);
  ctx.font = `12px ${FONT}`;
  const yt = [];
  for (let v = ylo; v <= yhi + ystep / 2; v += ystep) yt.push([v, format(v)]);
  const axisW = Math.max(...yt.map(([, t]) => ctx.measureText(t).width)) + 6;
  const left = 12 + axisW;
  const right = width - 16;
  const top = 12;
  const bottom = height - 12 - 18;
  const x0 = x[0];
  const x1 = x[n - 1];
  const sx = (right - left) / (x1 - x0 || 1);
  const sy = (bottom - top) / (yhi - ylo || 1);
  const X = (v) => left + (v - x0) * sx;
  const Y = (v) => bottom - (v - ylo) * sy;

  valueAxis(ctx, yt, left, right, Y);
  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  for (let v = Math.ceil(x0 / xstep) * xstep; v <= x1; v += xstep) ctx.fillText(format(v), X(v), bottom + 6);

  // M4: per pixel column, the first, min, max and last point, in x order.
  ctx.beginPath();
  ctx.moveTo(X(x[0]), Y(y[0]));
  let col = Math.floor(X(x[0]));
  let first = 0;
  let min = 0;
  let max = 0;
  const flush = (last) => {
    const a = min < max ? min : max;
    const b = min < max ? max : min;
    ctx.lineTo(X(x[first]), Y(y[first]));
    ctx.lineTo(X(x[a]), Y(y[a]));
    ctx.lineTo(X(x[b]), Y(y[b]));
    ctx.lineTo(X(x[last]), Y(y[last]));
  };
  for (let i = 1; i < n; i++) {
    const c = Math.floor(X(x[i]));
    if (c !== col) {
      flush(i - 1);
      col = c;
      first = min = max = i;
    } else {
      if (y[i] < y[min]) min = i;
      if (y[i] > y[max]) max = i;
    }
  }
  flush(n - 1);
  ctx.strokeStyle = COLOR;
  ctx.lineWidth = 1;
  ctx.lineJoin = "round";
  ctx.stroke();
}
