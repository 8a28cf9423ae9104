//! Horizontal bars: a row per category, its label in a column on the left
//! (or above the bar in narrow charts), the value axis along the bottom.

use super::{
    anchor_of, axis_title, domain, warn_cut_labels, figure, fits_inside, label_values, per_band, stacked, Cat, AXIS_TITLE_H, LABEL, MAX_LABEL_LINES, SEGMENT_H, TICK,
    TICK_ROW,
};
use crate::error::Warning;
use crate::format::Room;
use crate::layout::annotate::{self, Axes};
use crate::layout::chrome::LINE;
use crate::layout::text::wrap;
use super::segments::segments_outside;
use crate::layout::{Anchor, Builder, Rect, TextMeasure};
use crate::model::{Chart, Value};
use crate::scale::{nice_ticks, Linear};
use crate::spec::Qualifier;

/// The planned rows of a horizontal bar chart.
pub(super) struct Horizontal {
    /// Labels above their bars (narrow charts) instead of in a left column.
    stacked_labels: bool,
    /// Width of the label column (0 when stacked).
    label_w: f64,
    /// Wrapped labels.
    lines: Vec<Vec<String>>,
    /// Value labels (None when left out).
    values: Option<Vec<Vec<Option<String>>>>,
    /// Each value on a line of its own above its bar (narrow charts where
    /// they do not fit beside it).
    value_above: bool,
    /// Room reserved right of the bars for value labels.
    value_w: f64,
    /// Thickness of one bar.
    thickness: f64,
    /// Bars per row (series side by side).
    per_row: f64,
    /// Space above the first row (axis title).
    pub(super) top: f64,
    /// Rows with a stacked segment too small for its value: the value goes on
    /// a line under the bar, with a leader to its segment.
    outside: Vec<bool>,
}

impl Horizontal {
    pub(super) fn plan(chart: &Chart, cats: &[Cat], plot_w: f64, m: &dyn TextMeasure) -> Horizontal {
        let side = Horizontal::with_labels(chart, cats, plot_w, m, plot_w < 420.0);
        // A label too long for the column beside the bars: labels above the
        // bars, where they get the whole width, rather than cut.
        let cut = !side.stacked_labels && cats.iter().any(|c| wrap(m, &c.label, LABEL, false, side.label_w, MAX_LABEL_LINES).1);
        if cut {
            return Horizontal::with_labels(chart, cats, plot_w, m, true);
        }
        if side.stacked_labels || !chart.value_labels || side.values.is_some() {
            return side;
        }
        // Value labels too long for the room beside the bars: labels above
        // the bars, where the bars get the whole width.
        Horizontal::with_labels(chart, cats, plot_w, m, true)
    }

    fn with_labels(chart: &Chart, cats: &[Cat], plot_w: f64, m: &dyn TextMeasure, stacked_labels: bool) -> Horizontal {
        let widest = cats.iter().map(|c| m.width(&c.label, LABEL, false)).fold(0.0, f64::max);
        let label_w = if stacked_labels { 0.0 } else { widest.min(plot_w * 0.38) };
        let wrap_w = if stacked_labels { plot_w } else { label_w };
        let lines = cats.iter().map(|c| wrap(m, &c.label, LABEL, false, wrap_w, MAX_LABEL_LINES).0).collect();
        let bars_w = plot_w - label_w - if stacked_labels { 0.0 } else { 10.0 };
        let widest_of = |v: &Vec<Vec<Option<String>>>, bold: bool| v.iter().flatten().flatten().map(|l| m.width(l, LABEL, bold)).fold(0.0, f64::max);
        let mut value_above = false;
        let values = if chart.value_labels {
            // Long labels only when they take at most 30% of the room.
            let beside = [Room::Long, Room::Short].into_iter().find_map(|r| {
                let v = label_values(chart, cats, r);
                (widest_of(&v, false) + 8.0 <= bars_w * 0.3).then_some(v)
            });
            // Else (labels above the bars) each value on a line of its own
            // above its bar, in words if they fit.
            beside.or_else(|| {
                let above = [Room::Long, Room::Short]
                    .into_iter()
                    .map(|r| label_values(chart, cats, r))
                    .find(|v| stacked_labels && widest_of(v, true) <= plot_w);
                value_above = above.is_some();
                above
            })
        } else {
            None
        };
        let value_w = match &values {
            Some(v) if !value_above => widest_of(v, false) + 8.0,
            _ => 0.0,
        };
        let per_row = per_band(chart);
        // Stacked segments carry their values inside: room for a line of text.
        let single = if !stacked_labels {
            22.0
        } else if stacked(chart) && chart.value_labels {
            SEGMENT_H
        } else {
            16.0
        };
        let thickness = if per_row > 1.0 { (single * 1.6 / per_row).max(LABEL + 2.0) } else { single };
        let mut h = Horizontal {
            stacked_labels,
            label_w,
            lines,
            values,
            value_above,
            value_w,
            thickness,
            per_row,
            top: if chart.axis_title.is_some() { AXIS_TITLE_H } else { 0.0 },
            outside: vec![false; cats.len()],
        };
        if stacked(chart) && chart.value_labels {
            let (dom, _) = h.ticks(chart, cats, plot_w, m);
            let per_px = (h.bars_w(chart, cats, plot_w) / (dom.1 - dom.0)).abs();
            h.outside = cats
                .iter()
                .map(|c| c.values.iter().flatten().any(|v| !fits_inside(chart, m, *v, v.high.abs() * per_px, h.thickness)))
                .collect();
        }
        h
    }

    /// The length of the bars' axis in a plot `plot_w` wide.
    fn bars_w(&self, chart: &Chart, cats: &[Cat], plot_w: f64) -> f64 {
        let (lo, _) = domain(chart, cats);
        let neg_room = if lo < 0.0 { self.value_w } else { 0.0 };
        let label_room = self.label_w + if self.stacked_labels { 0.0 } else { 10.0 };
        (plot_w - label_room - neg_room - self.value_w).max(10.0)
    }

    /// The value axis: as many ticks as their labels allow without touching.
    fn ticks(&self, chart: &Chart, cats: &[Cat], plot_w: f64, m: &dyn TextMeasure) -> ((f64, f64), Vec<f64>) {
        let (lo, hi) = domain(chart, cats);
        let widest = [lo, hi].iter().map(|v| m.width(&chart.fmt.tick(*v), TICK, false)).fold(0.0, f64::max);
        let max_ticks = ((self.bars_w(chart, cats, plot_w) / (widest + 24.0)).floor() as usize).clamp(1, 8);
        nice_ticks(lo, hi, max_ticks)
    }

    /// The height of the line under row `i`'s bar for its segments' values.
    fn outside_h(&self, i: usize) -> f64 {
        if self.outside.get(i).copied().unwrap_or(false) {
            LABEL * LINE + 4.0
        } else {
            0.0
        }
    }

    /// The height of a value's own line above its bar (0 when beside it).
    fn value_line(&self) -> f64 {
        if self.value_above {
            LABEL * LINE
        } else {
            0.0
        }
    }

    /// The top of bar `slot` of a row below the row's label, and of its value line.
    fn slot_top(&self, slot: f64) -> f64 {
        slot * (self.value_line() + self.thickness + 2.0) + self.value_line()
    }

    fn bars_height(&self) -> f64 {
        (self.thickness + self.value_line()) * self.per_row + 2.0 * (self.per_row - 1.0)
    }

    fn row_height(&self, i: usize) -> f64 {
        let text_h = self.lines.get(i).map_or(1, Vec::len) as f64 * LABEL * LINE;
        if self.stacked_labels {
            text_h + 4.0 + self.bars_height() + self.outside_h(i) + 12.0
        } else {
            text_h.max(self.bars_height() + self.outside_h(i)) + 10.0
        }
    }

    pub(super) fn rows_height(&self) -> f64 {
        (0..self.lines.len()).map(|i| self.row_height(i)).sum()
    }
}

pub(super) fn layout(b: &mut Builder, chart: &Chart, cats: &[Cat], plot: Rect) {
    let theme = &chart.theme;
    let h = Horizontal::plan(chart, cats, plot.w, b.m);
    warn_cut_labels(b, chart, cats, &h.lines);
    if chart.value_labels && h.values.is_none() {
        b.warnings.push(Warning::at("valueLabels", "value labels do not fit beside these bars and were left out"));
    }
    let (lo, _) = domain(chart, cats);
    let bars_x = plot.x + h.label_w + if h.stacked_labels { 0.0 } else { 10.0 };
    let neg_room = if lo < 0.0 { h.value_w } else { 0.0 };
    let bars_left = bars_x + neg_room;
    let bars_w = h.bars_w(chart, cats, plot.w);
    let (dom, ticks) = h.ticks(chart, cats, plot.w, b.m);
    let scale = Linear::new(dom, (bars_left, bars_left + bars_w));

    // `layout` never gives less height than the rows need (`preferred_height`).
    let rows_top = plot.y + h.top;
    let rows_bottom = rows_top + h.rows_height();
    let mut row_tops = Vec::with_capacity(cats.len());
    let mut y = rows_top;
    for i in 0..cats.len() {
        row_tops.push(y);
        y += h.row_height(i);
    }
    let bar_top = |ci: usize, si: usize| -> f64 {
        let text_h = h.lines[ci].len() as f64 * LABEL * LINE;
        let first = if h.stacked_labels {
            row_tops[ci] + text_h + 4.0
        } else {
            row_tops[ci] + (h.row_height(ci) - 10.0 - h.bars_height() - h.outside_h(ci)) / 2.0
        };
        let slot = if stacked(chart) { 0.0 } else { si as f64 };
        first + h.slot_top(slot)
    };
    // A callout points at the bar's end, or past its value label when the
    // label is beside the end (its leader never runs through the figure).
    let m = b.m;
    let anchor = |si: usize, ci: usize| -> Option<(f64, f64)> {
        let v = (*cats.get(ci)?.values.get(si)?)?;
        let beside = match (&h.values, h.value_above || stacked(chart) || v.high < 0.0) {
            (Some(values), false) => values[ci].get(si).and_then(Option::as_ref).map_or(0.0, |t| 6.0 + m.width(t, LABEL, false) + 3.0),
            _ => 0.0,
        };
        Some((scale.map(v.high) + beside, bar_top(ci, si) + h.thickness / 2.0))
    };
    let marks = Rect { x: bars_left, y: rows_top, w: bars_w, h: rows_bottom - rows_top };
    let axes = Axes { plot: marks, value: &scale, value_vertical: false, x: None, anchor: &|s, i| anchor_of(chart, cats, s, i, &anchor) };

    axis_title(b, chart, plot);
    for t in &ticks {
        let x = scale.map(*t);
        let color = if *t == 0.0 { theme.axis } else { theme.grid };
        b.line(vec![(x, rows_top), (x, rows_bottom)], color, 1.0);
    }
    // Tick labels, skipping any that would touch its neighbour or the edges.
    let mut last_end = f64::NEG_INFINITY;
    for t in &ticks {
        let x = scale.map(*t);
        let label = chart.fmt.tick(*t);
        let w = b.m.width(&label, TICK, false);
        // Centred on its tick, or flush with the tick at the plot's edges.
        let (anchor, x0) = if x - w / 2.0 < plot.x {
            (Anchor::Start, x)
        } else if x + w / 2.0 > plot.x + plot.w {
            (Anchor::End, x - w)
        } else {
            (Anchor::Middle, x - w / 2.0)
        };
        if x0 >= last_end + 6.0 && x0 >= plot.x - 0.5 && x0 + w <= plot.x + plot.w + 0.5 {
            b.text(x, rows_bottom + TICK_ROW / 2.0, &label, TICK, false, theme.muted, anchor);
            last_end = x0 + w;
        }
    }
    annotate::backgrounds(b, chart, &axes);

    for (ci, c) in cats.iter().enumerate() {
        let text_h = h.lines[ci].len() as f64 * LABEL * LINE;
        let label_y = if h.stacked_labels { row_tops[ci] } else { row_tops[ci] + (h.row_height(ci) - 10.0 - text_h) / 2.0 };
        let mut stack = 0.0;
        let mut outside = Vec::new();
        for (si, v) in c.values.iter().enumerate() {
            let Some(v) = v else { continue };
            let top = bar_top(ci, si);
            let place = |a: f64, z: f64| {
                let (xa, xz) = (scale.map(a), scale.map(z));
                (xa, top, xz - xa, h.thickness)
            };
            let base = if stacked(chart) { stack } else { 0.0 };
            if let Some(r) = figure(b, chart, (si, ci, &c.label), *v, base, &place, false) {
                outside.push((*v, r));
            }
            stack += v.high;
            if let (Some(values), false) = (&h.values, stacked(chart)) {
                if let Some(Some(text)) = values[ci].get(si) {
                    if h.value_above {
                        b.text(plot.x, top - h.value_line() / 2.0 - 1.0, text, LABEL, true, theme.text, Anchor::Start);
                    } else {
                        value_label(b, chart, text, &scale, *v, top + h.thickness / 2.0);
                    }
                }
            }
        }
        if let (Some(values), true) = (&h.values, stacked(chart)) {
            if let Some(Some(text)) = values[ci].first() {
                let total = Value { low: stack, high: stack, qualifier: Qualifier::Exact };
                if h.value_above {
                    b.text(plot.x, bar_top(ci, 0) - h.value_line() / 2.0 - 1.0, text, LABEL, true, theme.text, Anchor::Start);
                } else {
                    value_label(b, chart, text, &scale, total, bar_top(ci, 0) + h.thickness / 2.0);
                }
            }
        }
        segments_outside(b, chart, &outside, plot);
        for (j, line) in h.lines[ci].iter().enumerate() {
            let ly = label_y + LABEL * LINE * (j as f64 + 0.5);
            if h.stacked_labels {
                b.text(plot.x, ly, line, LABEL, false, theme.text, Anchor::Start);
            } else {
                b.text(plot.x + h.label_w, ly, line, LABEL, false, theme.text, Anchor::End);
            }
        }
    }
    annotate::foregrounds(b, chart, &axes);
}

fn value_label(b: &mut Builder, chart: &Chart, text: &str, scale: &Linear, v: Value, cy: f64) {
    if v.high >= 0.0 {
        b.text(scale.map(v.high) + 6.0, cy, text, LABEL, false, chart.theme.text, Anchor::Start);
    } else {
        b.text(scale.map(v.low) - 6.0, cy, text, LABEL, false, chart.theme.text, Anchor::End);
    }
}
