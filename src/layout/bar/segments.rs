//! The values of stacked segments too small to hold them: under a
//! horizontal bar, beside a vertical one; each with a leader to its segment.

use super::{stacked, Cat, LABEL};
use crate::format::Room;
use crate::layout::chrome::LINE;
use crate::layout::{fit, Anchor, Builder, Rect, TextMeasure};
use crate::model::{Chart, Value};
use crate::scale::Linear;

/// A stacked segment: its value and its box (x, y, w, h).
pub(super) type Segment = (Value, (f64, f64, f64, f64));

/// Gap between a bar's side and a value beside it (the leader runs across).
const BESIDE_GAP: f64 = 8.0;

/// The values of stacked segments too small to hold them, on the line under
/// their bar: each under its segment where it touches no other, else moved
/// along, with a leader from the segment to it.
pub(super) fn segments_outside(b: &mut Builder, chart: &Chart, outside: &[Segment], plot: Rect) {
    let mut end = f64::NEG_INFINITY;
    for (v, (x, y, w, h)) in outside {
        let text = chart.fmt.value(v, Room::Short);
        let tw = b.m.width(&text, LABEL, false);
        let mid = x + w / 2.0;
        let cy = y + h + 4.0 + LABEL * LINE / 2.0;
        let cx = fit(mid.max(end + 8.0 + tw / 2.0), plot.x + tw / 2.0, plot.x + plot.w - tw / 2.0);
        let top = cy - LABEL * 0.6;
        b.line(vec![(mid, y + h), (fit(mid, cx - tw / 2.0, cx + tw / 2.0), top)], chart.theme.muted, 1.0);
        b.text(cx, cy, &text, LABEL, false, chart.theme.text, Anchor::Middle);
        end = cx + tw / 2.0;
    }
}

/// The widths of every segment's value, category by category.
fn value_widths(chart: &Chart, cats: &[Cat], m: &dyn TextMeasure) -> Vec<Vec<(Value, f64)>> {
    let width = |v: &Value| m.width(&chart.fmt.value(v, Room::Short), LABEL, false);
    cats.iter().map(|c| c.values.iter().flatten().map(|v| (*v, width(v))).collect()).collect()
}

fn widest(widths: &[Vec<(Value, f64)>]) -> f64 {
    widths.iter().flatten().fold(0.0, |a, (_, w)| if *w > a { *w } else { a })
}

/// Whether vertical stacked bars `band` wide can show every segment's
/// value, whichever segments turn out too short to hold theirs: a bar wide
/// enough for the widest value inside, with room for it beside on either
/// side. Always true when there are no segment values to show.
pub(super) fn fit_vertical(chart: &Chart, cats: &[Cat], band: f64, m: &dyn TextMeasure) -> bool {
    if !stacked(chart) || !chart.value_labels {
        return true;
    }
    let w = widest(&value_widths(chart, cats, m));
    band >= w + 8.0 + 2.0 * (w + BESIDE_GAP + 2.0)
}

/// The width of vertical stacked bars `band` wide whose segments too short
/// for their values carry them beside: `bar_w` narrowed to leave them room,
/// but never below the widest value (which `fit_vertical` made sure fits).
/// Twice over: a narrower bar may hold fewer values inside.
pub(super) fn narrowed(chart: &Chart, cats: &[Cat], m: &dyn TextMeasure, scale: &Linear, band: f64, mut bar_w: f64) -> f64 {
    let widths = value_widths(chart, cats, m);
    let least = widest(&widths) + 8.0;
    for _ in 0..2 {
        let mut room: f64 = 0.0;
        for c in &widths {
            let mut stack = 0.0;
            for (v, w) in c {
                let h = scale.map(stack) - scale.map(stack + v.high);
                stack += v.high;
                let inside = w + 8.0 <= bar_w && LABEL * 1.2 + 2.0 <= h.abs();
                if !inside && w + BESIDE_GAP + 2.0 > room {
                    room = w + BESIDE_GAP + 2.0;
                }
            }
        }
        if room > 0.0 {
            let w = band - 2.0 * room;
            bar_w = bar_w.min(if w > least { w } else { least });
        }
    }
    bar_w
}

/// The values of a vertical bar's stacked segments too small to hold them,
/// beside the bar (after its end side), each level with its segment where
/// it touches no other, else moved up, with a leader from the segment.
pub(super) fn segments_beside(b: &mut Builder, chart: &Chart, beside: &[Segment]) {
    let row = LABEL * LINE;
    // Bottom-up, as the segments stack: each value at most one row above
    // the one before it.
    let mut floor = f64::INFINITY;
    for (v, (x, y, w, h)) in beside {
        let text = chart.fmt.value(v, Room::Short);
        let right = x.max(x + w);
        let mid = y + h / 2.0;
        let cy = mid.min(floor - row);
        b.line(vec![(right + 1.0, mid), (right + BESIDE_GAP - 2.0, cy)], chart.theme.muted, 1.0);
        b.text(right + BESIDE_GAP, cy, &text, LABEL, false, chart.theme.text, Anchor::Start);
        floor = cy;
    }
}
