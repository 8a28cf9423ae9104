//! The values of stacked segments too small to hold them: under a
//! horizontal bar, beside a vertical one; each with a leader to its segment.

use super::{stacked, Cat, LABEL};
use crate::format::Room;
use crate::layout::chrome::LINE;
use crate::layout::{fit, Anchor, Builder, Rect, TextMeasure};
use crate::model::{Chart, Value};

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

/// The least width of a vertical stacked bar that holds the widest of its
/// segments' values inside.
pub(super) fn widest_inside(chart: &Chart, cats: &[Cat], m: &dyn TextMeasure) -> f64 {
    let widest = cats.iter().flat_map(|c| c.values.iter().flatten()).map(|v| m.width(&chart.fmt.value(v, Room::Short), LABEL, false));
    widest.fold(0.0, f64::max) + 8.0
}

/// Whether vertical stacked bars `band` wide can show every segment's
/// value, whichever segments turn out too short to hold theirs: a bar wide
/// enough for the widest value inside, with room for it beside on either
/// side. Always true when there are no segment values to show.
pub(super) fn fit_vertical(chart: &Chart, cats: &[Cat], band: f64, m: &dyn TextMeasure) -> bool {
    if !stacked(chart) || !chart.value_labels {
        return true;
    }
    let inside = widest_inside(chart, cats, m);
    band >= inside + 2.0 * (inside + BESIDE_GAP - 6.0)
}

/// How much room beside a vertical stacked bar its small segments' values
/// take (0 when every value fits inside its segment at `bar_w`).
pub(super) fn beside_room(chart: &Chart, m: &dyn TextMeasure, small: impl Iterator<Item = Value>) -> f64 {
    small
        .map(|v| m.width(&chart.fmt.value(&v, Room::Short), LABEL, false) + BESIDE_GAP + 2.0)
        .fold(0.0, f64::max)
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
