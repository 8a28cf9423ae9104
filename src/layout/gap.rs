//! Gap (change) charts: one arrow per row, from the first figure to the last,
//! with both ends labelled and the change written out ("up to +79 million,
//! ×2.5"). A projected end is hollow and its arrow dashed. Bounds and
//! approximations carry into the change: from "more than 51 million" the
//! increase is at most 79 million, and the label says so.
//!
//! No end loses its label or value: when the two ends do not fit side by
//! side, the first goes above the arrow and the last below it (the row
//! grows), in words where they fit, else the short form. Grid lines stop
//! short of the rows' text.

use super::annotate::{self, Axes};
use super::chrome::{point_path, shortened, LINE};
use super::text::wrap;
use super::{fit, Anchor, Builder, Rect, TextMeasure};
use crate::format::Room;
use crate::model::{Chart, Point, Value};
use crate::scale::{nice_ticks, Linear};
use crate::spec::Qualifier;

const LABEL: f64 = 12.0;
const TICK: f64 = 11.0;
const NAME_H: f64 = 18.0;
const ROW_H: f64 = 84.0;
const TICK_ROW: f64 = 22.0;

fn ends(points: &[Point]) -> Option<(&Point, &Point)> {
    Some((points.first()?, points.last()?))
}

/// How many rows, and whether each has a name line above it.
fn named(chart: &Chart) -> bool {
    chart.series.len() > 1 || chart.series.iter().any(|s| !s.name.is_empty())
}

pub(crate) fn preferred_height(chart: &Chart, plot_w: f64, m: &dyn TextMeasure) -> (f64, f64) {
    let g = Geometry::new(chart, 0.0, plot_w, m);
    let rows: f64 = chart.series.iter().map(|s| plan_row(chart, s, &g, m).height(chart)).sum();
    let h = rows + TICK_ROW + 8.0;
    (h, h)
}

/// The value axis of a gap chart `plot_w` wide from `plot_x`: the ends keep
/// half their widest label of room at both sides.
struct Geometry {
    scale: Linear,
    ticks: Vec<f64>,
    /// Left and right of the plot (text stays between).
    left: f64,
    right: f64,
}

impl Geometry {
    fn new(chart: &Chart, plot_x: f64, plot_w: f64, m: &dyn TextMeasure) -> Geometry {
        let (mut lo, mut hi) = (0.0_f64, 0.0_f64);
        for s in &chart.series {
            for p in &s.points {
                lo = lo.min(p.value.low);
                hi = hi.max(p.value.high);
            }
        }
        if let Some(v) = chart.min {
            lo = lo.min(v);
        }
        if let Some(v) = chart.max {
            hi = hi.max(v);
        }
        // Room at both sides for the end labels.
        let widest_end = chart
            .series
            .iter()
            .flat_map(|s| s.points.iter())
            .map(|p| m.width(&chart.fmt.value(&p.value, Room::Short), LABEL, false).max(m.width(p.label(), LABEL, false)))
            .fold(0.0, f64::max);
        let inset = (widest_end / 2.0 + 4.0).min(plot_w * 0.25);
        let (x0, x1) = (plot_x + inset, plot_x + plot_w - inset);
        let widest_tick = [lo, hi].iter().map(|v| m.width(&chart.fmt.tick(*v), TICK, false)).fold(0.0, f64::max);
        let max_ticks = (((x1 - x0) / (widest_tick + 24.0)).floor() as usize).clamp(1, 8);
        let (dom, ticks) = nice_ticks(lo, hi, max_ticks);
        Geometry { scale: Linear::new(dom, (x0, x1)), ticks, left: plot_x, right: plot_x + plot_w }
    }
}

/// What colour a planned line is drawn in.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Ink {
    Muted,
    Text,
    Series,
}

/// One line of text of a row, `dy` below the arrow (negative: above).
#[derive(Debug, Clone)]
struct Line {
    text: String,
    bold: bool,
    ink: Ink,
    cx: f64,
    w: f64,
    dy: f64,
}

impl Line {
    fn bbox(&self, y: f64) -> (f64, f64, f64, f64) {
        let half = LABEL * 0.6;
        (self.cx - self.w / 2.0, y + self.dy - half, self.cx + self.w / 2.0, y + self.dy + half)
    }
}

/// The text of one row, placed around its arrow.
struct RowPlan {
    lines: Vec<Line>,
    /// What of the spec was cut to fit: (point index, field).
    cut: Vec<(usize, &'static str)>,
}

/// The least room above and below the arrow (the row of the classic form:
/// one line above, two below).
const ABOVE: f64 = 30.0;
const BELOW: f64 = ROW_H - ABOVE;

impl RowPlan {
    fn above(&self) -> f64 {
        self.lines.iter().map(|l| -l.dy + LABEL * 0.6 + 6.0).fold(ABOVE, f64::max)
    }
    fn below(&self) -> f64 {
        self.lines.iter().map(|l| l.dy + LABEL * 0.6 + 14.0).fold(BELOW, f64::max)
    }
    fn height(&self, chart: &Chart) -> f64 {
        self.above() + self.below() + if named(chart) { NAME_H } else { 0.0 }
    }
}

/// The offset from the arrow of tier `t` (1: first line below, -1: first above).
fn tier(t: i32) -> f64 {
    let pitch = LABEL * LINE;
    f64::from(t.signum()) * (17.0 + f64::from(t.abs() - 1) * pitch)
}

/// `text` wrapped into at most two lines of the plot's width; None when cut.
fn lines_of(m: &dyn TextMeasure, text: &str, bold: bool, max_w: f64) -> Option<Vec<String>> {
    if text.trim().is_empty() {
        return Some(Vec::new());
    }
    let (lines, cut) = wrap(m, text, LABEL, bold, max_w, 2);
    (!cut).then_some(lines)
}

/// Places the text of row `s`: both ends' labels and values, and the change.
/// The first form whose texts do not touch, in words, else short ("130M
/// (proj.)"): labels above and values below the arrow; else one end above
/// the arrow and the other below it (value nearest the arrow, wrapped onto
/// two lines if need be). Every end keeps its value.
fn plan_row(chart: &Chart, s: &crate::model::Series, g: &Geometry, m: &dyn TextMeasure) -> RowPlan {
    let Some((from, to)) = ends(&s.points) else { return RowPlan { lines: Vec::new(), cut: Vec::new() } };
    let mut cut = Vec::new();
    let (xa, xb) = (g.scale.map(from.value.high), g.scale.map(to.value.high));
    let max_w = g.right - g.left;
    let make = |text: &str, bold: bool, ink: Ink, x: f64, dy: f64| {
        let w = m.width(text, LABEL, bold);
        Line { text: text.to_owned(), bold, ink, cx: fit(x, g.left + w / 2.0, g.right - w / 2.0), w, dy }
    };
    let clear = |lines: &[Line]| {
        lines.iter().enumerate().all(|(i, a)| {
            lines[i + 1..].iter().all(|b| {
                let (a, b) = (a.bbox(0.0), b.bbox(0.0));
                a.2 + 6.0 <= b.0 || b.2 + 6.0 <= a.0 || a.3 <= b.1 || b.3 <= a.1
            })
        })
    };
    let mut forms: Vec<Vec<Line>> = Vec::new();
    for room in [Room::Long, Room::Short] {
        // Classic: both labels on one line above, both values on one below.
        let mut classic = Vec::new();
        let mut one_line = true;
        for (p, x) in [(from, xa), (to, xb)] {
            let label = lines_of(m, p.label(), false, max_w * 0.4);
            let value = chart.fmt.value(&p.value, room);
            match label.as_deref() {
                Some([]) => {}
                Some([l]) => classic.push(make(l, false, Ink::Muted, x, tier(-1))),
                _ => one_line = false,
            }
            if m.width(&value, LABEL, true) > max_w {
                one_line = false;
            }
            classic.push(make(&value, true, Ink::Text, x, tier(1)));
        }
        if one_line && clear(&classic) {
            forms.push(classic);
            break;
        }
        {
            // Split: the first end above the arrow, the last below it.
            let mut split = Vec::new();
            let last = room == Room::Short;
            let mut whole = true;
            for (p, x, side, pi) in [(from, xa, -1, 0), (to, xb, 1, s.points.len() - 1)] {
                let value = chart.fmt.value(&p.value, room);
                // The last form always holds: text too long for it is cut (and said so).
                let (value, label) = match (lines_of(m, &value, true, max_w), lines_of(m, p.label(), false, max_w)) {
                    (Some(v), Some(l)) => (v, l),
                    _ if last => {
                        let (value, value_cut) = wrap(m, &value, LABEL, true, max_w, 2);
                        let (label, label_cut) = wrap(m, p.label(), LABEL, false, max_w, 2);
                        cut.extend([(value_cut, "value"), (label_cut, "label")].into_iter().filter(|c| c.0).map(|c| (pi, c.1)));
                        (value, label)
                    }
                    _ => {
                        whole = false;
                        break;
                    }
                };
                // Nearest the arrow first: the value, then the label.
                let value = if side < 0 { value.into_iter().rev().collect::<Vec<_>>() } else { value };
                let label = if side < 0 { label.into_iter().rev().collect::<Vec<_>>() } else { label };
                let mut t = 1;
                for v in &value {
                    split.push(make(v, true, Ink::Text, x, tier(side * t)));
                    t += 1;
                }
                for l in &label {
                    split.push(make(l, false, Ink::Muted, x, tier(side * t)));
                    t += 1;
                }
            }
            if last || (whole && clear(&split)) {
                forms.push(split);
                break;
            }
        }
    }
    let mut lines = forms.pop().unwrap_or_default();
    // The change: beside the ends where it touches nothing, else on a line of
    // its own below (or above) them.
    if let Some(text) = change(chart, &from.value, &to.value) {
        let (wrapped, _) = wrap(m, &text, LABEL, false, max_w, 2);
        let deepest = lines.iter().map(|l| l.dy).fold(0.0, f64::max);
        let highest = lines.iter().map(|l| -l.dy).fold(0.0, f64::max);
        let pitch = LABEL * LINE;
        let mut starts = vec![tier(-1), tier(1), tier(2)];
        starts.extend([deepest.max(tier(1) - pitch) + pitch, -(highest.max(tier(1) - pitch) + pitch)]);
        for dy in starts {
            let step = if dy < 0.0 { -pitch } else { pitch };
            let mut block: Vec<Line> = wrapped.iter().enumerate().map(|(k, l)| make(l, false, Ink::Series, (xa + xb) / 2.0, dy + step * k as f64)).collect();
            if dy < 0.0 {
                block.reverse();
                for (k, l) in block.iter_mut().enumerate() {
                    l.dy = dy + step * k as f64;
                }
            }
            let mut all = lines.clone();
            all.extend(block.iter().cloned());
            if clear(&all) {
                lines = all;
                break;
            }
        }
    }
    RowPlan { lines, cut }
}

/// "+79 million" and "×2.5", qualified by what the ends allow.
pub(crate) fn change(chart: &Chart, from: &Value, to: &Value) -> Option<String> {
    if from.qualifier == Qualifier::Range || to.qualifier == Qualifier::Range {
        // An interval's change is an interval: from the least to the most
        // the ends allow ("+49–79 million"); none when it spans no change.
        let (lo, hi) = (to.low - from.high, to.high - from.low);
        if lo < 0.0 && hi > 0.0 {
            return None;
        }
        let sign = if lo >= 0.0 { "+" } else { "" };
        let (lo, hi) = if lo >= 0.0 { (lo, hi) } else { (hi, lo) };
        return Some(format!("{sign}{}", chart.fmt.value(&Value { low: lo, high: hi, qualifier: Qualifier::Range }, Room::Long)));
    }
    let diff = to.high - from.high;
    let sign = if diff >= 0.0 { "+" } else { "" };
    let amount = format!("{sign}{}", chart.fmt.number(diff, Room::Long));
    let ratio = (from.high > 0.0).then(|| chart.fmt.ratio(to.high / from.high));
    // From a lower bound, or to an upper bound, the change is at most this.
    let at_most = matches!(from.qualifier, Qualifier::MoreThan) || matches!(to.qualifier, Qualifier::LessThan);
    let approx = !at_most
        && (matches!(from.qualifier, Qualifier::About | Qualifier::LessThan) || matches!(to.qualifier, Qualifier::About | Qualifier::MoreThan));
    let w = crate::i18n::words(chart.lang);
    let text = match ratio {
        Some(r) => (w.change)(&amount, &r),
        None => amount,
    };
    Some(match (at_most, approx) {
        (true, _) => format!("{}{text}", w.up_to),
        (_, true) => format!("{}{text}", w.about),
        _ => text,
    })
}

pub(crate) fn layout(b: &mut Builder, chart: &Chart, plot: Rect) {
    let theme = &chart.theme;
    let g = Geometry::new(chart, plot.x, plot.w, b.m);
    let scale = g.scale;
    let (x0, x1) = scale.range;
    let plans: Vec<RowPlan> = chart.series.iter().map(|s| plan_row(chart, s, &g, b.m)).collect();
    // Each row's arrow, below its name and the text above it.
    let mut line_ys = Vec::with_capacity(plans.len());
    let mut top = plot.y;
    for p in &plans {
        line_ys.push(top + if named(chart) { NAME_H } else { 0.0 } + p.above());
        top += p.height(chart);
    }
    let rows_bottom = top;
    let marks = Rect { x: x0, y: plot.y, w: x1 - x0, h: rows_bottom - plot.y };
    let line_y = |si: usize| line_ys.get(si).copied().unwrap_or(plot.y);
    let anchor = |si: usize, pi: usize| -> Option<(f64, f64)> {
        let p = chart.series.get(si)?.points.get(pi)?;
        Some((scale.map(p.value.high), line_y(si)))
    };
    let axes = Axes { plot: marks, value: &scale, value_vertical: false, x: None, anchor: &anchor };

    // Grid lines stop short of the rows' text: no line crosses a label.
    let boxes: Vec<(f64, f64, f64, f64)> =
        plans.iter().zip(&line_ys).flat_map(|(p, y)| p.lines.iter().map(move |l| l.bbox(*y))).collect();
    for t in &g.ticks {
        let x = scale.map(*t);
        let color = if *t == 0.0 { theme.axis } else { theme.grid };
        let mut cuts: Vec<(f64, f64)> =
            boxes.iter().filter(|r| r.0 - 2.0 <= x && x <= r.2 + 2.0).map(|r| (r.1 - 2.0, r.3 + 2.0)).collect();
        cuts.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut from = plot.y;
        for (c0, c1) in cuts {
            if c0 > from {
                b.line(vec![(x, from), (x, c0)], color, 1.0);
            }
            from = from.max(c1);
        }
        if from < rows_bottom {
            b.line(vec![(x, from), (x, rows_bottom)], color, 1.0);
        }
        let label = chart.fmt.tick(*t);
        let w = b.m.width(&label, TICK, false);
        let x = fit(x, plot.x + w / 2.0, plot.x + plot.w - w / 2.0);
        b.try_text(x, rows_bottom + TICK_ROW / 2.0, &label, TICK, false, theme.muted, Anchor::Middle);
    }
    annotate::backgrounds(b, chart, &axes);

    for ((si, s), plan) in chart.series.iter().enumerate().zip(&plans) {
        let Some((from, to)) = ends(&s.points) else { continue };
        let y = line_y(si);
        for (pi, field) in &plan.cut {
            b.warnings.push(shortened(point_path(chart, si, *pi, field), 2));
        }
        if named(chart) {
            let (mut l, cut) = wrap(b.m, &s.name, LABEL, true, plot.w, 1);
            if cut {
                b.warnings.push(shortened(format!("series[{si}].name"), 1));
            }
            b.text(plot.x, y - plan.above() - NAME_H / 2.0 + 4.0, &l.pop().unwrap_or_default(), LABEL, true, theme.text, Anchor::Start);
        }
        let (xa, xb) = (scale.map(from.value.high), scale.map(to.value.high));
        // A range end: the arrow reaches its low end, a light band with caps
        // runs on to the high end (as on a range bar), never a point.
        let ranged = to.value.qualifier == Qualifier::Range;
        let xb = if ranged {
            let xl = scale.map(to.value.low);
            let light = super::bar::band_color(s.color, theme.background);
            b.rect(xl.min(xb), y - 5.0, (xb - xl).abs(), 10.0, light);
            for x in [xl, xb] {
                b.line(vec![(x, y - 6.0), (x, y + 6.0)], s.color, 2.0);
            }
            xl
        } else {
            xb
        };
        let projected = to.value.qualifier == Qualifier::Projection;
        // The shaft stops short of the head.
        let dir = if xb >= xa { 1.0 } else { -1.0 };
        let head = 9.0_f64.min((xb - xa).abs());
        let shaft_end = xb - dir * head;
        if projected {
            b.dashed((xa, y), (shaft_end, y), s.color, 3.0, 7.0, 5.0);
        } else {
            b.line(vec![(xa, y), (shaft_end, y)], s.color, 3.0);
        }
        b.polygon(vec![(xb, y), (xb - dir * head, y - 6.0), (xb - dir * head, y + 6.0)], s.color);
        b.circle(xa, y, 5.0, s.color);
        b.mark(si, 0, (xa - 6.0, y - 6.0, 12.0, 12.0));
        b.mark(si, s.points.len() - 1, (xb - 6.0, y - 6.0, 12.0, 12.0));
        if projected {
            b.circle(xb, y, 5.0, s.color);
            b.circle(xb, y, 3.0, theme.background);
        }
        for l in &plan.lines {
            let color = match l.ink {
                Ink::Muted => theme.muted,
                Ink::Text => theme.text,
                Ink::Series => s.color,
            };
            b.text(l.cx, y + l.dy, &l.text, LABEL, l.bold, color, Anchor::Middle);
        }
    }
    annotate::foregrounds(b, chart, &axes);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prepare;

    fn chart(json: &str) -> Chart {
        prepare(json).map(|(c, _)| c).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn change_is_honest_about_bounds() {
        let c = chart(r#"{"type": "gap", "data": [{"label": "now", "value": 51e6, "qualifier": "more-than"}, {"label": "2030", "value": 130e6, "qualifier": "projection"}]}"#);
        let p = &c.series[0].points;
        assert_eq!(change(&c, &p[0].value, &p[1].value).as_deref(), Some("up to +79\u{a0}million, ×2.5"));
        let z = chart(r#"{"type": "gap", "locale": "zh", "data": [{"label": "现在", "value": 51e6, "qualifier": "more-than"}, {"label": "2030", "value": 130e6}]}"#);
        let p = &z.series[0].points;
        assert_eq!(change(&z, &p[0].value, &p[1].value).as_deref(), Some("最多+7900万，2.5倍"));
        let r = chart(r#"{"type": "gap", "data": [{"label": "now", "value": 51e6}, {"label": "2030", "qualifier": "range", "low": 100e6, "high": 130e6}]}"#);
        let p = &r.series[0].points;
        assert_eq!(change(&r, &p[0].value, &p[1].value).as_deref(), Some("+49–79\u{a0}million"));
        let e = chart(r#"{"type": "gap", "data": [{"label": "a", "value": 10}, {"label": "b", "value": 5}]}"#);
        let p = &e.series[0].points;
        assert_eq!(change(&e, &p[0].value, &p[1].value).as_deref(), Some("\u{2212}5, ×0.5"));
    }
}
