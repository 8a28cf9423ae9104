//! Bar charts: vertical or horizontal, one series or several (grouped side by
//! side, or stacked).
//!
//! Bars always start at zero (their length is the message). Projected values
//! are hatched, ranges are a solid bar to the low end and a light band with
//! caps to the high end (never an invented midpoint), and each bar carries its
//! qualified value label ("300M+", "350–500M") where it fits.

mod horizontal;
mod segments;

use super::annotate::{self, Axes};
use super::chrome::{point_path, shortened, LINE};
use super::text::wrap;
use super::{Anchor, Builder, Rect, TextMeasure};
use crate::error::Warning;
use crate::format::Room;
use crate::model::{Chart, Kind, Value};
use crate::scale::{nice_ticks, Linear};
use crate::spec::{Orientation, Qualifier};
use crate::theme::Rgba;

const LABEL: f64 = 12.0; // category and value label size
const TICK: f64 = 11.0; // tick label size
const MAX_LABEL_LINES: usize = 3;
const AXIS_TITLE_H: f64 = 18.0;
/// Height of the tick-label row under horizontal bars.
const TICK_ROW: f64 = 22.0;

/// One category: its label and one value per series (None where a series
/// has no figure for it).
struct Cat {
    label: String,
    values: Vec<Option<Value>>,
}

/// The categories, in order of first appearance across the series.
fn categories(chart: &Chart) -> Vec<Cat> {
    let mut cats: Vec<Cat> = Vec::new();
    let n = chart.series.len();
    for (si, s) in chart.series.iter().enumerate() {
        for p in &s.points {
            let i = match cats.iter().position(|c| c.label == p.label()) {
                Some(i) => i,
                None => {
                    cats.push(Cat { label: p.label().to_owned(), values: vec![None; n] });
                    cats.len() - 1
                }
            };
            cats[i].values[si] = Some(p.value);
        }
    }
    cats
}

fn stacked(chart: &Chart) -> bool {
    matches!(chart.kind, Kind::Bar { stacked: true, .. }) && chart.series.len() > 1
}

/// The value domain: always including zero, and the requested min/max.
fn domain(chart: &Chart, cats: &[Cat]) -> (f64, f64) {
    let (mut lo, mut hi) = (0.0_f64, 0.0_f64);
    for c in cats {
        if stacked(chart) {
            hi = hi.max(c.values.iter().flatten().map(|v| v.high).sum());
        } else {
            for v in c.values.iter().flatten() {
                lo = lo.min(v.low);
                hi = hi.max(v.high);
            }
        }
    }
    (chart.min.map_or(lo, |m| m.min(lo)), chart.max.map_or(hi, |m| m.max(hi)))
}

/// The text of the label of one category: its total when stacked, else the
/// value of a single series.
fn label_values(chart: &Chart, cats: &[Cat], room: Room) -> Vec<Vec<Option<String>>> {
    cats.iter()
        .map(|c| {
            if stacked(chart) {
                let total: f64 = c.values.iter().flatten().map(|v| v.high).sum();
                let q = if c.values.iter().flatten().any(|v| v.qualifier != Qualifier::Exact) {
                    Qualifier::About
                } else {
                    Qualifier::Exact
                };
                vec![Some(chart.fmt.value(&Value { low: total, high: total, qualifier: q }, room))]
            } else {
                c.values.iter().map(|v| v.map(|v| chart.fmt.value(&v, room))).collect()
            }
        })
        .collect()
}

/// Value labels over vertical bars, each wrapped onto at most `lines` lines.
struct Labels {
    text: Vec<Vec<Option<String>>>,
    lines: usize,
}

/// Value labels in the longest form that fits `room` for every bar, on one
/// line, else (up to `max_lines`) on two, the number kept with its unit
/// (None: none fits).
fn value_labels(chart: &Chart, cats: &[Cat], m: &dyn TextMeasure, room: f64, max_lines: usize) -> Option<Labels> {
    (1..=max_lines.min(2)).find_map(|lines| {
        [Room::Long, Room::Short].into_iter().find_map(|r| {
            let text = label_values(chart, cats, r);
            // Broken only between words: never inside "92,3 %" or "51 млн".
            let fits = |l: &String| {
                let (_, cut) = wrap(m, l, LABEL, false, room, lines);
                !cut && l.split(' ').all(|w| m.width(w, LABEL, false) <= room)
            };
            text.iter().flatten().flatten().all(fits).then_some(Labels { text, lines })
        })
    })
}

/// Number of bars side by side in one category.
fn per_band(chart: &Chart) -> f64 {
    if stacked(chart) {
        1.0
    } else {
        chart.series.len().max(1) as f64
    }
}

/// The width of one category's band in vertical bars, with the widest tick
/// label of the value domain on the left.
fn vertical_band(chart: &Chart, cats: &[Cat], plot_w: f64, m: &dyn TextMeasure) -> f64 {
    let (lo, hi) = domain(chart, cats);
    // The ticks `vertical` may choose (their number follows the plot's
    // height): "600 مليون" can be wider than the domain's ends.
    let mut widest_tick: f64 = 0.0;
    for max_ticks in [2, 4, 6, 10] {
        for t in nice_ticks(lo, hi, max_ticks).1 {
            widest_tick = widest_tick.max(m.width(&chart.fmt.tick(t), TICK, false));
        }
    }
    (plot_w - widest_tick - 8.0) / cats.len().max(1) as f64
}

/// The narrowest band that still holds a label: one character or "…", and
/// a gap to the next.
const MIN_BAND: f64 = LABEL + 4.0;

/// Whether vertical bars fit: every word of every label fits under its bar
/// in at most three lines, and the short value labels fit above.
fn vertical_fits(chart: &Chart, cats: &[Cat], plot_w: f64, m: &dyn TextMeasure) -> bool {
    let band = vertical_band(chart, cats, plot_w, m);
    let room = band - 4.0;
    if room < 24.0 {
        return false;
    }
    let labels_fit = !labels_cut(cats, room, m);
    let k = per_band(chart);
    let room = if k > 1.0 { band * 0.8 / k } else { band };
    labels_fit && (!chart.value_labels || value_labels(chart, cats, m, room, 1).is_some())
}

/// Whether a category label would be cut (or a word of it split) in `room`
/// under its bar.
fn labels_cut(cats: &[Cat], room: f64, m: &dyn TextMeasure) -> bool {
    cats.iter().any(|c| c.label.split_whitespace().any(|w| m.width(w, LABEL, false) > room) || wrap(m, &c.label, LABEL, false, room, MAX_LABEL_LINES).1)
}

/// The orientation bars get in a plot `plot_w` wide.
fn choose(chart: &Chart, cats: &[Cat], plot_w: f64, m: &dyn TextMeasure) -> Orientation {
    let requested = match chart.kind {
        Kind::Bar { orientation, .. } => orientation,
        _ => Orientation::Vertical,
    };
    match requested {
        Orientation::Auto if vertical_fits(chart, cats, plot_w, m) => Orientation::Vertical,
        Orientation::Auto => Orientation::Horizontal,
        // Asked for, but too narrow for even one character under each bar.
        Orientation::Vertical if vertical_band(chart, cats, plot_w, m) < MIN_BAND => Orientation::Horizontal,
        // Or for the value labels, even on two lines: the bars turn rather
        // than lose their figures (unless the chart's height is fixed).
        Orientation::Vertical if chart.height.is_none() && chart.value_labels && label_lines(chart, cats, vertical_band(chart, cats, plot_w, m), m) == 0 => {
            Orientation::Horizontal
        }
        // Or for stacked segments' values, inside or beside their bar.
        Orientation::Vertical if chart.height.is_none() && !segments::fit_vertical(chart, cats, vertical_band(chart, cats, plot_w, m), m) => {
            Orientation::Horizontal
        }
        // Or for a category label that would be cut under its bar.
        Orientation::Vertical if chart.height.is_none() && labels_cut(cats, vertical_band(chart, cats, plot_w, m) - 4.0, m) => Orientation::Horizontal,
        o => o,
    }
}

/// The plot height the bars want (without title and footer), and the least
/// they can live with (horizontal rows never shrink: the chart grows instead).
pub(crate) fn preferred_height(chart: &Chart, plot_w: f64, m: &dyn TextMeasure) -> (f64, f64) {
    let cats = categories(chart);
    match choose(chart, &cats, plot_w, m) {
        Orientation::Horizontal => {
            let h = horizontal::Horizontal::plan(chart, &cats, plot_w, m);
            let need = h.rows_height() + h.top + TICK_ROW;
            (need, need)
        }
        _ => {
            // The least: the rows above and below the bars (at the band
            // width this plot gives) and MIN_INNER of bars between.
            let band = vertical_band(chart, &cats, plot_w, m);
            let (top, neg) = vertical_reserved(chart, &cats, label_lines(chart, &cats, band, m));
            let lines = category_lines(&cats, band - 4.0, m);
            let least = top + neg + label_block(&lines) + MIN_INNER;
            ((plot_w * 0.55).clamp(200.0, 420.0).max(least), least)
        }
    }
}

/// The note that value labels were left out: its size and row.
const NOTE_SIZE: f64 = 11.0;
const NOTE_H: f64 = NOTE_SIZE * 1.2;

/// The least height of the bars themselves in a vertical bar chart.
const MIN_INNER: f64 = 60.0;

/// Room reserved above the bars (axis title, value labels of `lines` lines,
/// or the note that they were left out) and below them (labels of negative
/// bars), in a vertical bar chart.
fn vertical_reserved(chart: &Chart, cats: &[Cat], lines: usize) -> (f64, f64) {
    let note = if chart.value_labels && lines == 0 { NOTE_H } else { 0.0 };
    let labels = lines as f64 * LABEL * LINE + note;
    let top = if chart.axis_title.is_some() { AXIS_TITLE_H } else { 0.0 } + labels + 4.0;
    let (lo, _) = domain(chart, cats);
    // Labels of negative bars go below their ends: room for them under the plot.
    let neg = if lines > 0 && lo < 0.0 { lines as f64 * LABEL * LINE + 4.0 } else { 0.0 };
    (top, neg)
}

/// The room of one value label over vertical bars `band` wide: grouped bars
/// are `sub` apart and get that much each.
fn label_room(chart: &Chart, band: f64) -> f64 {
    let k = per_band(chart);
    if k > 1.0 {
        (band * 0.8 / k).min(96.0)
    } else {
        band
    }
}

/// The lines of the value labels over vertical bars `band` wide: 0 when
/// they are not asked for or do not fit.
fn label_lines(chart: &Chart, cats: &[Cat], band: f64, m: &dyn TextMeasure) -> usize {
    if !chart.value_labels {
        return 0;
    }
    value_labels(chart, cats, m, label_room(chart, band), 2).map_or(0, |l| l.lines)
}

/// The category labels under vertical bars, wrapped to `room`; none where
/// not even one character fits (never over the neighbour's).
fn category_lines(cats: &[Cat], room: f64, m: &dyn TextMeasure) -> Vec<Vec<String>> {
    if room < LABEL {
        vec![Vec::new(); cats.len()]
    } else {
        cats.iter().map(|c| wrap(m, &c.label, LABEL, false, room, MAX_LABEL_LINES).0).collect()
    }
}

/// A warning for each category label that `lines` (its wrapped lines) cut.
fn warn_cut_labels(b: &mut Builder, chart: &Chart, cats: &[Cat], lines: &[Vec<String>]) {
    for (c, l) in cats.iter().zip(lines) {
        if l.last().is_some_and(|l| l.ends_with('\u{2026}')) && !c.label.ends_with('\u{2026}') {
            let at = chart.series.iter().enumerate().find_map(|(si, s)| s.points.iter().position(|p| p.label() == c.label).map(|pi| (si, pi)));
            if let Some((si, pi)) = at {
                b.warnings.push(shortened(point_path(chart, si, pi, "label"), l.len()));
            }
        }
    }
}

/// The height of the row of category labels under vertical bars.
fn label_block(lines: &[Vec<String>]) -> f64 {
    lines.iter().map(Vec::len).max().unwrap_or(1) as f64 * LABEL * LINE + 8.0
}

pub(crate) fn layout(b: &mut Builder, chart: &Chart, plot: Rect) {
    let cats = categories(chart);
    match choose(chart, &cats, plot.w, b.m) {
        Orientation::Horizontal => {
            if matches!(chart.kind, Kind::Bar { orientation: Orientation::Vertical, .. }) {
                let what = if vertical_band(chart, &cats, plot.w, b.m) < MIN_BAND { "" } else { " with their value labels" };
                b.warnings.push(Warning::at(
                    "orientation",
                    format!("{} vertical bars{what} do not fit in {:.0} px; they were drawn horizontally", cats.len(), plot.w),
                ));
            }
            horizontal::layout(b, chart, &cats, plot)
        }
        _ => vertical(b, chart, &cats, plot),
    }
}

/// The colour of series `si` in category `label`: muted when another
/// category is highlighted.
fn color(chart: &Chart, si: usize, ci: usize, label: &str) -> Rgba {
    let base = if chart.series.len() == 1 && chart.theme.palette.len() > 1 && chart.theme.custom_palette {
        // A single series with the spec's own colours: one colour per bar.
        chart.theme.palette[ci % chart.theme.palette.len()]
    } else {
        chart.series.get(si).map_or(chart.theme.palette[0], |s| s.color)
    };
    if chart.is_highlighted(label) {
        base
    } else {
        chart.theme.muted_mark
    }
}

/// Draws one bar from `from` to the value, in a rectangle given by `place`,
/// which maps (value_from, value_to) to (x, y, w, h). Corners are rounded by
/// `r` (the theme's radius): every bar and every stacked segment alike, as
/// far as half its thickness or length.
fn bar(
    b: &mut Builder,
    v: Value,
    base: f64,
    (color, background): (Rgba, Rgba),
    place: &dyn Fn(f64, f64) -> (f64, f64, f64, f64),
    vertical: bool,
    r: f64,
) {
    match v.qualifier {
        Qualifier::Projection => {
            let (x, y, w, h) = place(base, base + v.high);
            b.rounded(x, y, w, h, color.alpha(0.18), r);
            // Hatching kept inside the rounded corners.
            let r = r.min(w.abs() / 2.0).min(h.abs() / 2.0);
            let inset = r * 0.3;
            let (x0, y0) = (x.min(x + w) + inset, y.min(y + h) + inset);
            b.hatch(x0, y0, w.abs() - 2.0 * inset, h.abs() - 2.0 * inset, color.alpha(0.9), 5.0);
            outline(b, x, y, w, h, color, r);
        }
        Qualifier::Range => {
            // The light part under the whole bar, the solid part over it: no
            // notch of background where two rounded ends would meet.
            let (x, y, w, h) = place(base, base + v.high);
            b.rounded(x, y, w, h, band_color(color, background), r);
            let (x, y, w, h) = place(base, base + v.low);
            b.rounded(x, y, w, h, color, r);
            // Caps at both ends of the interval.
            for end in [v.low, v.high] {
                let (x, y, w, h) = place(base + end, base + end);
                if vertical {
                    b.line(vec![(x, y), (x + w, y)], color, 2.0);
                } else {
                    b.line(vec![(x, y), (x, y + h)], color, 2.0);
                }
            }
        }
        _ => {
            let (x, y, w, h) = place(base, base + v.high);
            b.rounded(x, y, w, h, color, r);
        }
    }
}

/// The colour of the light part of a range (bars, gap ends): lighter than
/// its solid part in both themes, so "the light part is the uncertainty"
/// holds as written. On a light background, the colour at 0.35 opacity; on a
/// dark one a translucent band would be darker than the solid part, so the
/// colour lightened towards white (opaque): the grey of a muted bar too
/// stays visible on near-black.
pub(crate) fn band_color(color: Rgba, background: Rgba) -> Rgba {
    if background.luminance() >= 0.2 {
        color.alpha(0.35)
    } else {
        color.mix(Rgba::rgb(255, 255, 255), 0.55)
    }
}

fn outline(b: &mut Builder, x: f64, y: f64, w: f64, h: f64, color: Rgba, r: f64) {
    let (x0, y0, x1, y1) = (x.min(x + w), y.min(y + h), x.max(x + w), y.max(y + h));
    if r > 0.0 {
        let mut points = super::rounded_rect(x0, y0, x1 - x0, y1 - y0, r);
        if let Some(first) = points.first().copied() {
            points.push(first);
        }
        b.line(points, color, 1.5);
    } else {
        b.line(vec![(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)], color, 1.5);
    }
}

fn axis_title(b: &mut Builder, chart: &Chart, plot: Rect) {
    if let Some(t) = &chart.axis_title {
        let (mut l, cut) = wrap(b.m, t, LABEL, false, plot.w, 1);
        if cut {
            b.warnings.push(shortened("axisTitle", 1));
        }
        let line = l.pop().unwrap_or_default();
        b.text(plot.x, plot.y + AXIS_TITLE_H / 2.0 - 2.0, &line, LABEL, false, chart.theme.muted, Anchor::Start);
    }
}

fn vertical(b: &mut Builder, chart: &Chart, cats: &[Cat], plot: Rect) {
    let n = cats.len().max(1) as f64;
    let k = per_band(chart);
    let theme = &chart.theme;
    // Value labels get a row only if they fit (at the band estimated as in
    // `preferred_height`, so the chart is as tall as it said it would be).
    let shown = label_lines(chart, cats, vertical_band(chart, cats, plot.w, b.m), b.m);
    let (top_reserved, neg_reserved) = vertical_reserved(chart, cats, shown);
    let (lo, hi) = domain(chart, cats);

    // Converge: left margin ↔ band width ↔ label lines ↔ plot height ↔ ticks.
    let mut left = 0.0;
    let mut state = None;
    for _ in 0..4 {
        let band = (plot.w - left) / n;
        // The ticks may come out wider than `choose` estimated: labels only
        // where one character fits.
        let lines = category_lines(cats, band - 4.0, b.m);
        let inner_h = (plot.h - top_reserved - label_block(&lines) - neg_reserved).max(20.0);
        let max_ticks = ((inner_h / 45.0).floor() as usize).clamp(2, 10);
        let (dom, ticks) = nice_ticks(lo, hi, max_ticks);
        let tick_labels: Vec<String> = ticks.iter().map(|t| chart.fmt.tick(*t)).collect();
        let new_left = tick_labels.iter().map(|t| b.m.width(t, TICK, false)).fold(0.0, f64::max) + 8.0;
        let done = (new_left - left).abs() < 0.5;
        left = new_left;
        state = Some((lines, inner_h, dom, ticks, tick_labels));
        if done {
            break;
        }
    }
    let Some((lines, inner_h, dom, ticks, tick_labels)) = state else { return };
    if lines.iter().all(Vec::is_empty) && cats.iter().any(|c| !c.label.is_empty()) {
        b.warnings.push(Warning::at("orientation", "category labels do not fit under these bars and were left out"));
    } else {
        warn_cut_labels(b, chart, cats, &lines);
    }
    let plot_left = plot.x + left;
    let plot_right = plot.x + plot.w;
    let band = (plot_right - plot_left) / n;
    let y0 = plot.y + top_reserved;
    let y1 = y0 + inner_h;
    let scale = Linear::new(dom, (y1, y0));
    let marks = Rect { x: plot_left, y: y0, w: plot_right - plot_left, h: inner_h };
    let sub = (band * 0.8 / k).min(96.0);
    let mut bar_w = if k > 1.0 { sub * 0.92 } else { (band * 0.7).min(96.0) };
    if stacked(chart) && chart.value_labels {
        // Segments too small for their values carry them beside the bar.
        bar_w = segments::narrowed(chart, cats, b.m, &scale, band, bar_w);
    }
    let anchor = |si: usize, ci: usize| -> Option<(f64, f64)> {
        let c = cats.get(ci)?;
        let v = (*c.values.get(si)?)?;
        let cx = plot_left + band * (ci as f64 + 0.5) + if k > 1.0 { sub * (si as f64 - (k - 1.0) / 2.0) } else { 0.0 };
        Some((cx, scale.map(v.high)))
    };
    let axes = Axes { plot: marks, value: &scale, value_vertical: true, x: None, anchor: &|s, i| anchor_of(chart, cats, s, i, &anchor) };

    axis_title(b, chart, plot);
    for (t, label) in ticks.iter().zip(&tick_labels) {
        let y = scale.map(*t);
        let color = if *t == 0.0 { theme.axis } else { theme.grid };
        b.line(vec![(plot_left, y), (plot_right, y)], color, 1.0);
        b.text(plot_left - 6.0, y, label, TICK, false, theme.muted, Anchor::End);
    }
    annotate::backgrounds(b, chart, &axes);

    let room = label_room(chart, band);
    let labels = if shown > 0 { value_labels(chart, cats, b.m, room, shown) } else { None };
    if chart.value_labels && labels.is_none() {
        b.warnings.push(Warning::at("valueLabels", "value labels do not fit above these bars and were left out"));
        // Said in the chart too, in the row they would have taken (the
        // row reserved for them, or the note's own).
        let note = crate::i18n::words(chart.lang).values_left_out;
        let (mut l, _) = wrap(b.m, note, NOTE_SIZE, false, plot_right - plot_left, 1);
        let y = y0 - 4.0 - NOTE_H / 2.0;
        b.try_text(plot_left, y, &l.pop().unwrap_or_default(), NOTE_SIZE, false, theme.muted, Anchor::Start);
    }
    for (ci, c) in cats.iter().enumerate() {
        let center = plot_left + band * (ci as f64 + 0.5);
        let mut stack = 0.0;
        let mut beside = Vec::new();
        for (si, v) in c.values.iter().enumerate() {
            let Some(v) = v else { continue };
            let cx = if k > 1.0 { center + sub * (si as f64 - (k - 1.0) / 2.0) } else { center };
            let place = |a: f64, z: f64| {
                let (ya, yz) = (scale.map(a), scale.map(z));
                (cx - bar_w / 2.0, ya, bar_w, yz - ya)
            };
            let base = if stacked(chart) { stack } else { 0.0 };
            if let Some(r) = figure(b, chart, (si, ci, &c.label), *v, base, &place, true) {
                beside.push((*v, r));
            }
            stack += v.high;
            if let (Some(labels), false) = (&labels, stacked(chart)) {
                if let Some(Some(text)) = labels.text[ci].get(si) {
                    let up = v.high >= 0.0;
                    let end = if up { scale.map(v.high) } else { scale.map(v.low) };
                    over_bar(b, chart, text, (cx, end), up, room, labels.lines);
                }
            }
        }
        if let (Some(labels), true) = (&labels, stacked(chart)) {
            if let Some(Some(text)) = labels.text[ci].first() {
                over_bar(b, chart, text, (center, scale.map(stack)), true, room, labels.lines);
            }
        }
        segments::segments_beside(b, chart, &beside);
        for (j, line) in lines[ci].iter().enumerate() {
            let y = y1 + neg_reserved + 6.0 + LABEL * LINE * (j as f64 + 0.5);
            b.text(center, y, line, LABEL, false, theme.text, Anchor::Middle);
        }
    }
    annotate::foregrounds(b, chart, &axes);
}

/// A value label over the end (`cx`, `y`) of a vertical bar (under it when
/// not `up`), wrapped onto at most `lines` lines `room` wide.
fn over_bar(b: &mut Builder, chart: &Chart, text: &str, (cx, y): (f64, f64), up: bool, room: f64, lines: usize) {
    let (wrapped, _) = wrap(b.m, text, LABEL, false, room, lines);
    let n = wrapped.len() as f64;
    for (k, line) in wrapped.iter().enumerate() {
        let k = k as f64;
        let cy = if up { y - 4.0 - LABEL * 0.6 - (n - 1.0 - k) * LABEL * LINE } else { y + 4.0 + LABEL * 0.6 + k * LABEL * LINE };
        b.text(cx, cy, line, LABEL, false, chart.theme.text, Anchor::Middle);
    }
}

/// The point a callout on (series, point index) attaches to: the top of its bar.
fn anchor_of(chart: &Chart, cats: &[Cat], si: usize, pi: usize, at: &dyn Fn(usize, usize) -> Option<(f64, f64)>) -> Option<(f64, f64)> {
    let label = chart.series.get(si)?.points.get(pi)?.label();
    let ci = cats.iter().position(|c| c.label == label)?;
    at(si, ci)
}

/// One bar of category `ci` for series `si`: the bar, its mark for tooltips
/// and focus, and (stacked) its own value inside it. Returns a stacked
/// segment too small for its value: its box, for the caller to label
/// outside.
fn figure(
    b: &mut Builder,
    chart: &Chart,
    (si, ci, label): (usize, usize, &str),
    v: Value,
    base: f64,
    place: &dyn Fn(f64, f64) -> (f64, f64, f64, f64),
    vertical: bool,
) -> Option<(f64, f64, f64, f64)> {
    let fill = color(chart, si, ci, label);
    bar(b, v, base, (fill, chart.theme.background), place, vertical, chart.theme.radius);
    let r = place(base, base + v.high);
    if let Some(pi) = chart.series[si].points.iter().position(|p| p.label() == label) {
        b.mark(si, pi, r);
    }
    if stacked(chart) && chart.value_labels && !segment_label(b, chart, v, fill, r) {
        return Some(r);
    }
    None
}

/// The thickness of a horizontal stacked bar whose segments carry their values.
const SEGMENT_H: f64 = LABEL * 1.2 + 4.0;

/// Whether a stacked segment `w` by `h` holds its value.
fn fits_inside(chart: &Chart, m: &dyn TextMeasure, v: Value, w: f64, h: f64) -> bool {
    let text = chart.fmt.value(&v, Room::Short);
    m.width(&text, LABEL, false) + 8.0 <= w.abs() && LABEL * 1.2 + 2.0 <= h.abs()
}

/// A stacked segment's own value, inside it when it fits, in the title or
/// background colour (whichever contrasts more with the segment); says
/// whether it did.
fn segment_label(b: &mut Builder, chart: &Chart, v: Value, fill: Rgba, (x, y, w, h): (f64, f64, f64, f64)) -> bool {
    if !fits_inside(chart, b.m, v, w, h) {
        return false;
    }
    let text = chart.fmt.value(&v, Room::Short);
    // Whichever of the title and background colours contrasts more with the
    // segment (light or dark theme alike).
    let (a, z) = (chart.theme.title, chart.theme.background);
    let ink = if a.contrast(fill) >= z.contrast(fill) { a } else { z };
    b.text(x + w / 2.0, y + h / 2.0, &text, LABEL, false, ink, Anchor::Middle);
    true
}
