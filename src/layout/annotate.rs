//! Annotations over any plot with axes: reference lines and bands on the value
//! or x axis, and callouts attached to one figure with a leader line. Their
//! text is placed only where it touches no other text (else left out, with a
//! warning), and never outside the plot.

use super::chrome::shortened;
use super::text::wrap;
use super::{Anchor, Builder, Item, Rect};
use crate::error::Warning;
use crate::model::{Annotation, Chart};
use crate::scale::Linear;

const SIZE: f64 = 11.0;
const LINE_H: f64 = 14.0;
/// Lines of a line's or band's label, and of a callout, before they are cut.
const LABEL_LINES: usize = 3;
const CALLOUT_LINES: usize = 6;

/// Where the plot's axes are, for annotations.
pub(crate) struct Axes<'a> {
    /// The plot area (marks only).
    pub plot: Rect,
    /// Value scale; `value_vertical` when it maps onto y.
    pub value: &'a Linear,
    /// Whether the value axis is vertical (y).
    pub value_vertical: bool,
    /// The x scale of charts with numeric x (always horizontal).
    pub x: Option<&'a Linear>,
    /// Position of each figure, by (series, index): the point a callout
    /// points at, in CSS px.
    pub anchor: &'a dyn Fn(usize, usize) -> Option<(f64, f64)>,
}

/// Draws the chart's line and band annotations (before the marks).
pub(crate) fn backgrounds(b: &mut Builder, chart: &Chart, axes: &Axes) {
    for a in &chart.annotations {
        if let Annotation::Band { x, from, to, .. } = a {
            if let Some((x0, y0, x1, y1)) = span(axes, *x, *from, *to) {
                b.rect(x0, y0, x1 - x0, y1 - y0, chart.theme.axis.alpha(0.12));
            }
        }
    }
}

/// Draws lines, band labels and callouts (after the marks and their labels).
pub(crate) fn foregrounds(b: &mut Builder, chart: &Chart, axes: &Axes) {
    let color = chart.theme.text;
    for (i, a) in chart.annotations.iter().enumerate() {
        let path = format!("annotations[{i}]");
        match a {
            Annotation::Line { x, at, label } => {
                let Some((x0, y0, x1, y1)) = span(axes, *x, *at, *at) else {
                    b.warnings.push(Warning::at(path, "outside the axis range; not drawn"));
                    continue;
                };
                for (from, to) in around_text(b, (x0, y0), (x1, y1)) {
                    b.dashed(from, to, color.alpha(0.8), 1.5, 5.0, 4.0);
                }
                place_label(b, chart, axes, &path, label, (x0, y0, x1, y1));
            }
            Annotation::Band { x, from, to, label } => {
                if let Some(r) = span(axes, *x, *from, *to) {
                    place_label(b, chart, axes, &path, label, r);
                } else {
                    b.warnings.push(Warning::at(path, "outside the axis range; not drawn"));
                }
            }
            Annotation::Callout { series, index, label } => {
                match (axes.anchor)(*series, *index) {
                    Some(p) => callout(b, chart, axes, &path, label, p),
                    None => b.warnings.push(Warning::at(path, "its figure is not drawn; callout left out")),
                }
            }
        }
    }
}

/// The pieces of the segment `a`–`z` that pass no text (with a 3 px
/// margin): a reference line or a leader stops short of the labels it meets
/// rather than striking through them.
fn around_text(b: &Builder, a: (f64, f64), z: (f64, f64)) -> Vec<((f64, f64), (f64, f64))> {
    const MARGIN: f64 = 3.0;
    let len = ((z.0 - a.0).powi(2) + (z.1 - a.1).powi(2)).sqrt();
    let steps = len.ceil().max(1.0) as usize;
    let at = |k: usize| {
        let t = k as f64 / steps as f64;
        (a.0 + (z.0 - a.0) * t, a.1 + (z.1 - a.1) * t)
    };
    let free = |(x, y): (f64, f64)| b.free((x - MARGIN, y - MARGIN, x + MARGIN, y + MARGIN));
    let mut pieces = Vec::new();
    let mut run: Option<usize> = None;
    for k in 0..=steps {
        match (free(at(k)), run) {
            (true, None) => run = Some(k),
            (false, Some(s)) => {
                if k - 1 > s {
                    pieces.push((at(s), at(k - 1)));
                }
                run = None;
            }
            _ => {}
        }
    }
    if let Some(s) = run {
        if steps > s {
            pieces.push((at(s), at(steps)));
        }
    }
    pieces
}

/// Whether the segment `a`–`z` passes clear of every text box.
fn clear_of_text(b: &Builder, a: (f64, f64), z: (f64, f64)) -> bool {
    let len = ((z.0 - a.0).powi(2) + (z.1 - a.1).powi(2)).sqrt();
    let steps = (len / 2.0).ceil().max(1.0) as usize;
    (0..=steps).all(|k| {
        let t = k as f64 / steps as f64;
        let (x, y) = (a.0 + (z.0 - a.0) * t, a.1 + (z.1 - a.1) * t);
        b.free((x - 0.5, y - 0.5, x + 0.5, y + 0.5))
    })
}

/// Whether the segment a→z passes through no solid mark (a bar), the
/// leader of a callout drawn across a bar reading as part of it. Its first
/// and last 2 px are spared: the leader starts on its own figure's edge.
fn clear_of_marks_line(b: &Builder, a: (f64, f64), z: (f64, f64)) -> bool {
    let len = ((z.0 - a.0).powi(2) + (z.1 - a.1).powi(2)).sqrt();
    let steps = (len / 2.0).ceil().max(1.0) as usize;
    (1..steps).all(|k| {
        let t = k as f64 / steps as f64;
        if t * len < 2.0 || (1.0 - t) * len < 2.0 {
            return true;
        }
        let (x, y) = (a.0 + (z.0 - a.0) * t, a.1 + (z.1 - a.1) * t);
        clear_of_marks(b, (x - 0.5, y - 0.5, x + 0.5, y + 0.5))
    })
}

/// The rectangle a line (from == to) or band covers, clipped to the plot;
/// None when it lies outside.
fn span(axes: &Axes, on_x: bool, from: f64, to: f64) -> Option<(f64, f64, f64, f64)> {
    let p = axes.plot;
    let (scale, along_y) = if on_x { (axes.x?, false) } else { (axes.value, axes.value_vertical) };
    let (a, z) = (scale.map(from), scale.map(to));
    let (lo, hi) = (a.min(z), a.max(z));
    if along_y {
        let (lo, hi) = (lo.max(p.y), hi.min(p.y + p.h));
        (lo <= hi + 0.01 && hi >= p.y - 0.01).then_some((p.x, lo, p.x + p.w, hi))
    } else {
        let (lo, hi) = (lo.max(p.x), hi.min(p.x + p.w));
        (lo <= hi + 0.01 && hi >= p.x - 0.01).then_some((lo, p.y, hi, p.y + p.h))
    }
}

/// Places the label of a line or band near its top/right end.
fn place_label(b: &mut Builder, chart: &Chart, axes: &Axes, path: &str, label: &str, r: (f64, f64, f64, f64)) {
    if label.trim().is_empty() {
        return;
    }
    let p = axes.plot;
    let (lines, cut) = wrap(b.m, label, SIZE, false, (p.w * 0.45).max(60.0), LABEL_LINES);
    let w = lines.iter().map(|l| b.m.width(l, SIZE, false)).fold(0.0, f64::max);
    let h = lines.len() as f64 * LINE_H;
    let horizontal = (r.3 - r.1) < (r.2 - r.0) && (r.3 - r.1) < p.h * 0.9;
    // Candidate top-left corners.
    // Inside a band first (when it is wide enough), then beside it.
    let mut candidates: Vec<(f64, f64)> = Vec::new();
    if horizontal {
        if r.3 - r.1 >= h + 4.0 {
            candidates.extend([(r.2 - w - 4.0, r.1 + 2.0), (r.0 + 4.0, r.1 + 2.0)]);
        }
        candidates.extend([(r.2 - w - 2.0, r.1 - h - 2.0), (r.2 - w - 2.0, r.3 + 2.0), (r.0 + 2.0, r.1 - h - 2.0), (r.0 + 2.0, r.3 + 2.0)]);
    } else {
        if r.2 - r.0 >= w + 8.0 {
            candidates.extend([(r.0 + 4.0, p.y + 2.0), (r.0 + 4.0, p.y + p.h - h - 4.0)]);
        }
        // At the bottom, clear of the axis line (not sitting on it).
        let bottom = p.y + p.h - h - 4.0;
        candidates.extend([(r.2 + 4.0, p.y), (r.0 - w - 4.0, p.y), (r.2 + 4.0, bottom), (r.0 - w - 4.0, bottom)]);
    }
    put(b, chart, path, (&lines, cut), w, h, &candidates);
}

/// Writes `lines` at the first candidate corner where the box stays in
/// bounds and touches no text and no solid mark (`cut`: they were shortened
/// to fit, which is said).
fn put(b: &mut Builder, chart: &Chart, path: &str, (lines, cut): (&[String], bool), w: f64, h: f64, candidates: &[(f64, f64)]) -> Option<(f64, f64)> {
    let p = b.bounds;
    for &(x, y) in candidates {
        let rect = (x, y, x + w, y + h);
        // A little air around it, so that it never reads as part of a
        // neighbouring label ("1.1B+More than 300").
        let air = (rect.0 - 3.0, rect.1 - 1.0, rect.2 + 3.0, rect.3 + 1.0);
        if rect.0 >= p.x && rect.2 <= p.x + p.w && rect.1 >= p.y && rect.3 <= p.y + p.h && b.free(air) && clear_of_marks(b, rect) {
            for (k, line) in lines.iter().enumerate() {
                b.text(x, y + LINE_H * (k as f64 + 0.5), line, SIZE, false, chart.theme.text, Anchor::Start);
            }
            if cut {
                b.warnings.push(shortened(format!("{path}.label"), lines.len()));
            }
            return Some((x, y));
        }
    }
    b.warnings.push(Warning::at(path, "no room for this label without covering other text; left out"));
    None
}

/// Whether the box covers no solid mark (bars, legend swatches); bands and
/// the background do not count.
fn clear_of_marks(b: &Builder, r: (f64, f64, f64, f64)) -> bool {
    b.items.iter().skip(1).all(|i| match i {
        Item::Rect { x, y, w, h, fill, .. } if fill.a >= 0.15 => r.2 <= *x || r.0 >= x + w || r.3 <= *y || r.1 >= y + h,
        _ => true,
    })
}

/// A callout: text beside the figure, with a leader line to it.
fn callout(b: &mut Builder, chart: &Chart, axes: &Axes, path: &str, label: &str, (px, py): (f64, f64)) {
    let p = axes.plot;
    let (lines, cut) = wrap(b.m, label, SIZE, false, (p.w * 0.4).clamp(80.0, 200.0), CALLOUT_LINES);
    let w = lines.iter().map(|l| b.m.width(l, SIZE, false)).fold(0.0, f64::max);
    let h = lines.len() as f64 * LINE_H;
    let gap = 18.0;
    // A ring of candidate boxes around the figure, nearest first.
    let mut candidates: Vec<(f64, f64)> = Vec::new();
    for step in 0..12 {
        let d = gap + step as f64 * 24.0;
        candidates.extend([
            (px + d, py - gap - h),
            (px - d - w, py - gap - h),
            (px + d, py + gap),
            (px - d - w, py + gap),
            (px + d, py - h / 2.0),
            (px - d - w, py - h / 2.0),
            (px - w / 2.0, py - d - h),
            (px - w / 2.0, py + d),
        ]);
    }
    // Places over the marks' area first (never in a column of category
    // labels, where a note reads as part of a label), then those whose
    // leader strikes through no other text (value labels).
    let over_marks = |(x, _): &(f64, f64)| *x >= p.x - 0.5 && x + w <= p.x + p.w + 0.5;
    let end = |(x, y): &(f64, f64)| (px.max(*x).min(x + w), py.max(*y).min(y + h));
    // A leader that crosses neither text nor a bar comes first; then one
    // that crosses no bar (across a bar it reads as part of it), then one
    // that crosses no text (cut short by a label, it reads as belonging to
    // it); within each, places over the marks before others.
    let rank = |c: &(f64, f64)| {
        let text = clear_of_text(b, (px, py), end(c));
        let bars = clear_of_marks_line(b, (px, py), end(c));
        (match (text, bars) {
            (true, true) => 0,
            (false, true) => 2,
            (true, false) => 4,
            (false, false) => 6,
        }) + u8::from(!over_marks(c))
    };
    // Nearest first within a rank (a bucket pass, not a sort: no sort code
    // in the wasm for this).
    let ranks: Vec<u8> = candidates.iter().map(rank).collect();
    let mut order: Vec<(f64, f64)> = Vec::with_capacity(candidates.len());
    for r in 0..8 {
        order.extend(candidates.iter().zip(&ranks).filter(|(_, k)| **k == r).map(|(c, _)| *c));
    }
    if let Some((x, y)) = put(b, chart, path, (&lines, cut), w, h, &order) {
        // Leader from the figure to the nearest point of the text box.
        let tx = px.clamp(x, x + w);
        let ty = py.clamp(y, y + h);
        for (from, to) in around_text(b, (px, py), (tx, ty)) {
            b.line(vec![from, to], chart.theme.text.alpha(0.7), 1.0);
        }
        b.circle(px, py, 2.5, chart.theme.text);
    }
}
