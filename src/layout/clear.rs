//! No line crosses text: the last step of `layout`. Every line (axes,
//! gridlines, leaders, data lines, hatching) is cut where it would pass
//! through a text's box (with a small margin), the way a halo around a label
//! would hide it, but without drawing anything over the marks. Text placed
//! by any chart kind is covered, whatever order it was placed in.

use super::{Item, TextItem};

/// Room kept between a line and the text it stops at, CSS px.
const MARGIN: f64 = 1.5;

/// Cuts every `Item::Line` of `items` where it enters a text box.
pub(crate) fn keep_lines_off_text(items: &mut Vec<Item>) {
    let boxes: Vec<(f64, f64, f64, f64)> = items
        .iter()
        .filter_map(|i| match i {
            Item::Text(t) if !t.text.trim().is_empty() => Some(padded(t)),
            _ => None,
        })
        .collect();
    if boxes.is_empty() || !items.iter().any(|i| matches!(i, Item::Line { .. })) {
        return;
    }
    let old = std::mem::take(items);
    items.reserve(old.len());
    for item in old {
        match item {
            Item::Line { points, color, width } => {
                let pad = width / 2.0;
                for piece in visible(&points, &boxes, pad) {
                    items.push(Item::Line { points: piece, color, width });
                }
            }
            other => items.push(other),
        }
    }
}

fn padded(t: &TextItem) -> (f64, f64, f64, f64) {
    let (x0, y0, x1, y1) = t.bbox();
    (x0 - MARGIN, y0 - MARGIN, x1 + MARGIN, y1 + MARGIN)
}

/// The parts of the polyline `points` outside every box (grown by `pad`, half
/// the line's width), as polylines of two points or more.
fn visible(points: &[(f64, f64)], boxes: &[(f64, f64, f64, f64)], pad: f64) -> Vec<Vec<(f64, f64)>> {
    let mut out: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut current: Vec<(f64, f64)> = Vec::new();
    for seg in points.windows(2) {
        let (a, b) = (seg[0], seg[1]);
        let lerp = |t: f64| (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
        // The parameter intervals of the segment inside a box, merged.
        let mut hidden: Vec<(f64, f64)> = boxes
            .iter()
            .filter_map(|r| inside(a, b, (r.0 - pad, r.1 - pad, r.2 + pad, r.3 + pad)))
            .collect();
        hidden.sort_by(|p, q| p.0.total_cmp(&q.0));
        let mut t = 0.0;
        for (h0, h1) in hidden {
            if h0 > t {
                if current.is_empty() {
                    current.push(lerp(t));
                }
                current.push(lerp(h0));
                out.push(std::mem::take(&mut current));
            } else if !current.is_empty() && h1 > t {
                // The box starts where the visible part ended: close it.
                current.push(lerp(t));
                out.push(std::mem::take(&mut current));
            }
            t = t.max(h1);
        }
        if t < 1.0 {
            if current.is_empty() {
                current.push(lerp(t));
            }
            current.push(b);
        }
    }
    if current.len() >= 2 {
        out.push(current);
    }
    out.retain(|p| p.len() >= 2 && p.windows(2).any(|w| (w[1].0 - w[0].0).abs() + (w[1].1 - w[0].1).abs() > 0.01));
    out
}

/// The part [t0, t1] of the segment a→b inside the box (Liang–Barsky), if any.
fn inside(a: (f64, f64), b: (f64, f64), r: (f64, f64, f64, f64)) -> Option<(f64, f64)> {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
    for (p, q) in [(-dx, a.0 - r.0), (dx, r.2 - a.0), (-dy, a.1 - r.1), (dy, r.3 - a.1)] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    (t0 < t1).then_some((t0, t1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_through_a_box_is_cut_around_it() {
        let boxes = [(40.0, -5.0, 60.0, 5.0)];
        let pieces = visible(&[(0.0, 0.0), (100.0, 0.0)], &boxes, 0.0);
        assert_eq!(pieces, vec![vec![(0.0, 0.0), (40.0, 0.0)], vec![(60.0, 0.0), (100.0, 0.0)]]);
        // A polyline keeps its corners outside the box.
        let pieces = visible(&[(0.0, 0.0), (50.0, 20.0), (100.0, 0.0)], &boxes, 0.0);
        assert_eq!(pieces.len(), 1);
        assert_eq!(pieces[0].len(), 3);
        // Wholly inside: nothing left; wholly outside: unchanged.
        assert!(visible(&[(45.0, 0.0), (55.0, 0.0)], &boxes, 0.0).is_empty());
        assert_eq!(visible(&[(0.0, 10.0), (100.0, 10.0)], &boxes, 0.0), vec![vec![(0.0, 10.0), (100.0, 10.0)]]);
        // Two boxes on the way, overlapping or not.
        let two = [(10.0, -1.0, 20.0, 1.0), (15.0, -1.0, 30.0, 1.0), (50.0, -1.0, 60.0, 1.0)];
        let pieces = visible(&[(0.0, 0.0), (100.0, 0.0)], &two, 0.0);
        assert_eq!(pieces, vec![vec![(0.0, 0.0), (10.0, 0.0)], vec![(30.0, 0.0), (50.0, 0.0)], vec![(60.0, 0.0), (100.0, 0.0)]]);
    }
}
