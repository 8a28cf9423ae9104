//! Timelines: events on a year axis. Wide charts put the events along a
//! horizontal axis, their labels in lanes above and below it so that none
//! overlaps; narrow charts (or too many lanes) list the events down a vertical
//! axis. Events after `now` are future: hollow markers, a dashed axis, muted
//! labels, and a "now" marker between.

use super::annotate::{self, Axes};
use super::chrome::{point_path, shortened, LINE};
use super::text::wrap;
use super::{fit, Anchor, Builder, Rect, TextMeasure};
use crate::model::{Chart, Kind, Point};
use crate::scale::{integer_ticks, Linear};
use crate::theme::Rgba;

const LABEL: f64 = 12.0;
const YEAR: f64 = 12.0;
const TICK: f64 = 11.0;
const MAX_LANES: usize = 3;
const LABEL_W: f64 = 130.0;
/// The vertical layout's gap for the "now" marker and its word.
const NOW_GAP: f64 = 18.0;

fn events(chart: &Chart) -> &[Point] {
    chart.series.first().map(|s| s.points.as_slice()).unwrap_or(&[])
}

fn now(chart: &Chart) -> Option<f64> {
    match chart.kind {
        Kind::Timeline { now } => now.map(f64::from),
        _ => None,
    }
}

fn is_future(chart: &Chart, p: &Point) -> bool {
    now(chart).is_some_and(|n| p.x > n)
}

/// A label placed in a lane: (lane, wrapped lines, x centre, width, cut).
struct Placed {
    lane: usize,
    lines: Vec<String>,
    x: f64,
    w: f64,
    cut: bool,
}

/// Lines of a label in a lane, of a label and of a note down the vertical
/// axis: room enough that text is seldom cut (the chart grows instead).
const LANE_LINES: usize = 5;
const LABEL_LINES: usize = 6;
const NOTE_LINES: usize = 12;

/// Lanes for the horizontal layout, or None when more than MAX_LANES per side
/// would be needed (then the vertical layout is used).
fn lanes(chart: &Chart, plot: Rect, m: &dyn TextMeasure) -> Option<(Linear, Vec<Placed>)> {
    if plot.w < 560.0 {
        return None;
    }
    let ev = events(chart);
    let (lo, hi) = (ev.first()?.x, ev.last()?.x);
    let scale = Linear::new((lo, hi), (plot.x + LABEL_W / 2.0, plot.x + plot.w - LABEL_W / 2.0));
    let mut ends: Vec<f64> = vec![f64::NEG_INFINITY; MAX_LANES * 2];
    let mut out = Vec::new();
    for (i, p) in ev.iter().enumerate() {
        let text = format!("{} {}", year(p), p.label());
        // The first line is drawn bold: wrap and measure as drawn.
        let (lines, cut) = wrap(m, &text, LABEL, true, LABEL_W, LANE_LINES);
        if cut {
            // A label too long for its lane: the vertical layout gives it
            // the chart's width rather than cut it.
            return None;
        }
        let w = lines.iter().enumerate().map(|(k, l)| m.width(l, LABEL, k == 0)).fold(0.0, f64::max);
        let x = fit(scale.map(p.x), plot.x + w / 2.0, plot.x + plot.w - w / 2.0);
        // Alternate sides; within a side, the nearest free lane.
        let sides = if i % 2 == 0 { [0, 1] } else { [1, 0] };
        let lane = sides
            .iter()
            .flat_map(|side| (0..MAX_LANES).map(move |l| l * 2 + side))
            .find(|&lane| ends[lane] + 10.0 <= x - w / 2.0)?;
        ends[lane] = x + w / 2.0;
        out.push(Placed { lane, lines, x, w, cut });
    }
    // A leader that would pass through a nearer label, or through "now"
    // under the axis, makes events hard to tell apart: then the vertical
    // layout, where no leader crosses anything.
    let now_box = now(chart).map(|n| {
        let half = m.width(now_label(chart), TICK, true) / 2.0 + 4.0;
        (scale.map(n) - half, scale.map(n) + half)
    });
    for (p, pl) in ev.iter().zip(&out) {
        let x = scale.map(p.x);
        let (side, depth) = (pl.lane % 2, pl.lane / 2);
        let through_label = out.iter().any(|q| q.lane % 2 == side && q.lane / 2 < depth && (q.x - q.w / 2.0 - 4.0..=q.x + q.w / 2.0 + 4.0).contains(&x));
        // "now" is written under the axis: no leader and no label below the
        // axis may meet it, or it would be left out.
        let through_now = side == 1
            && now_box.is_some_and(|(a, b)| (a..=b).contains(&x) || (pl.x + pl.w / 2.0 >= a && pl.x - pl.w / 2.0 <= b));
        if through_label || through_now {
            return None;
        }
    }
    Some((scale, out))
}

fn year(p: &Point) -> String {
    format!("{:.0}", p.x)
}

/// The height of a lane: its labels' lines (at least three).
fn lane_h(placed: &[Placed]) -> f64 {
    placed.iter().map(|p| p.lines.len()).fold(3, usize::max) as f64 * LABEL * LINE + 10.0
}

fn horizontal_height(placed: &[Placed]) -> f64 {
    let deepest = |side: usize| placed.iter().filter(|p| p.lane % 2 == side).map(|p| p.lane / 2 + 1).max().unwrap_or(0);
    (deepest(0) + deepest(1)) as f64 * lane_h(placed) + 40.0
}

/// A row of the vertical layout: wrapped label lines (bold) and note lines,
/// and whether each was cut.
struct Row {
    label: Vec<String>,
    note: Vec<String>,
    cut: (bool, bool),
}

/// Rows of the vertical layout.
fn rows(chart: &Chart, plot_w: f64, m: &dyn TextMeasure) -> Vec<Row> {
    let text_w = (plot_w - 64.0).max(80.0);
    events(chart)
        .iter()
        .map(|p| {
            let (label, label_cut) = wrap(m, p.label(), LABEL, true, text_w, LABEL_LINES);
            let (note, note_cut) = p.note().map_or((Vec::new(), false), |n| wrap(m, n, LABEL, false, text_w, NOTE_LINES));
            Row { label, note, cut: (label_cut, note_cut) }
        })
        .collect()
}

fn row_h(Row { label, note, .. }: &Row) -> f64 {
    (label.len() + note.len()).max(1) as f64 * LABEL * LINE + 12.0
}

pub(crate) fn preferred_height(chart: &Chart, plot_w: f64, m: &dyn TextMeasure) -> (f64, f64) {
    let plot = Rect { x: 0.0, y: 0.0, w: plot_w, h: 0.0 };
    let h = match lanes(chart, plot, m) {
        Some((_, placed)) => horizontal_height(&placed),
        None => {
            let now_gap = if events(chart).iter().any(|p| is_future(chart, p)) { NOW_GAP } else { 0.0 };
            rows(chart, plot_w, m).iter().map(row_h).sum::<f64>() + 4.0 + now_gap
        }
    };
    (h, h)
}

pub(crate) fn layout(b: &mut Builder, chart: &Chart, plot: Rect) {
    match lanes(chart, plot, b.m) {
        Some((scale, placed)) => horizontal(b, chart, plot, &scale, &placed),
        None => vertical(b, chart, plot),
    }
}

fn colors(chart: &Chart, p: &Point) -> (Rgba, Rgba) {
    let past = chart.series.first().map_or(chart.theme.palette[0], |s| s.color);
    if is_future(chart, p) {
        (chart.theme.palette.get(1).copied().unwrap_or(past), chart.theme.muted)
    } else {
        (past, chart.theme.text)
    }
}

fn now_label(chart: &Chart) -> &'static str {
    crate::i18n::words(chart.lang).now
}

fn horizontal(b: &mut Builder, chart: &Chart, plot: Rect, scale: &Linear, placed: &[Placed]) {
    let theme = &chart.theme;
    let ev = events(chart);
    let lane = lane_h(placed);
    let above = placed.iter().filter(|p| p.lane % 2 == 0).map(|p| p.lane / 2 + 1).max().unwrap_or(0) as f64;
    let axis_y = plot.y + above * lane + 20.0;
    for (i, p) in placed.iter().enumerate() {
        if p.cut {
            b.warnings.push(shortened(point_path(chart, 0, i, "label"), LANE_LINES));
        }
    }
    let (x0, x1) = (scale.range.0, scale.range.1);
    let anchor = |_: usize, pi: usize| ev.get(pi).map(|p| (scale.map(p.x), axis_y));
    let marks = Rect { x: x0, y: plot.y, w: x1 - x0, h: plot.h };
    let value = Linear::new((0.0, 1.0), (axis_y, axis_y));
    let axes = Axes { plot: marks, value: &value, value_vertical: true, x: Some(scale), anchor: &anchor };
    annotate::backgrounds(b, chart, &axes);

    // The axis: solid up to now, dashed after.
    let split = now(chart).map_or(x1, |n| fit(scale.map(n), x0, x1));
    b.line(vec![(x0, axis_y), (split, axis_y)], theme.axis, 2.0);
    if split < x1 {
        b.dashed((split, axis_y), (x1, axis_y), theme.axis, 2.0, 6.0, 4.0);
    }
    // Year ticks under the axis where no label lane is.
    for t in integer_ticks(ev.first().map_or(0.0, |p| p.x), ev.last().map_or(0.0, |p| p.x), ((x1 - x0) / 60.0) as usize) {
        let x = scale.map(t);
        if placed.iter().all(|p| p.lane % 2 == 0) {
            b.try_text(x, axis_y + 11.0, &format!("{t:.0}"), TICK, false, theme.muted, Anchor::Middle);
        }
    }
    if let Some(n) = now(chart) {
        let x = scale.map(n);
        if x > x0 && x < x1 {
            b.line(vec![(x, axis_y - 8.0), (x, axis_y + 8.0)], theme.title, 2.0);
        }
    }
    let top_of = |pl: &Placed| {
        let depth = (pl.lane / 2) as f64;
        let block_h = pl.lines.len() as f64 * LABEL * LINE;
        if pl.lane % 2 == 0 {
            axis_y - 14.0 - depth * lane - block_h
        } else {
            axis_y + 14.0 + depth * lane
        }
    };
    // Leaders and markers first; labels after, on a background that masks
    // any leader passing behind them.
    for (i, (p, pl)) in ev.iter().zip(placed).enumerate() {
        let (mark, _) = colors(chart, p);
        let x = scale.map(p.x);
        b.mark(0, i, (x - 7.0, axis_y - 7.0, 14.0, 14.0));
        let top = top_of(pl);
        let end = if pl.lane % 2 == 0 { top + pl.lines.len() as f64 * LABEL * LINE } else { top };
        b.line(vec![(x, axis_y), (x, end)], mark.alpha(0.6), 1.0);
        if is_future(chart, p) {
            b.circle(x, axis_y, 6.0, mark);
            b.circle(x, axis_y, 3.5, theme.background);
        } else {
            b.circle(x, axis_y, 5.0, mark);
        }
    }
    for (p, pl) in ev.iter().zip(placed) {
        let (_, text) = colors(chart, p);
        let top = top_of(pl);
        let x = pl.x - pl.w / 2.0;
        b.rect(x - 2.0, top, pl.w + 4.0, pl.lines.len() as f64 * LABEL * LINE, theme.background);
        for (k, line) in pl.lines.iter().enumerate() {
            b.text(x, top + LABEL * LINE * (k as f64 + 0.5), line, LABEL, k == 0, text, Anchor::Start);
        }
    }
    if let Some(n) = now(chart) {
        let x = scale.map(n);
        if x > x0 && x < x1 {
            b.try_text(x, axis_y + 17.0, now_label(chart), TICK, true, theme.title, Anchor::Middle);
        }
    }
    annotate::foregrounds(b, chart, &axes);
}

fn vertical(b: &mut Builder, chart: &Chart, plot: Rect) {
    let theme = &chart.theme;
    let ev = events(chart);
    let rows = rows(chart, plot.w, b.m);
    let axis_x = plot.x + 48.0;
    let mut y = plot.y;
    let mut now_drawn = false;
    for (i, (p, lines)) in ev.iter().zip(&rows).enumerate() {
        let h = row_h(lines);
        b.mark(0, i, (plot.x, y, plot.w, h));
        let (mark, text) = colors(chart, p);
        if is_future(chart, p) && !now_drawn {
            // The "now" marker between the last past and the first future
            // event, in a gap of its own with the word beside it.
            let my = y + NOW_GAP / 2.0;
            b.line(vec![(axis_x, y), (axis_x, y + NOW_GAP)], theme.axis, 2.0);
            b.line(vec![(axis_x - 8.0, my), (axis_x + 8.0, my)], theme.title, 2.0);
            b.text(axis_x + 14.0, my, now_label(chart), TICK, true, theme.title, Anchor::Start);
            y += NOW_GAP;
            now_drawn = true;
        }
        let cy = y + LABEL * LINE / 2.0;
        if is_future(chart, p) {
            b.dashed((axis_x, y), (axis_x, y + h), theme.axis, 2.0, 5.0, 4.0);
            b.circle(axis_x, cy, 6.0, mark);
            b.circle(axis_x, cy, 3.5, theme.background);
        } else {
            b.line(vec![(axis_x, y), (axis_x, y + h)], theme.axis, 2.0);
            b.circle(axis_x, cy, 5.0, mark);
        }
        b.text(axis_x - 12.0, cy, &year(p), YEAR, true, text, Anchor::End);
        let Row { label, note, cut } = lines;
        if cut.0 {
            b.warnings.push(shortened(point_path(chart, 0, i, "label"), LABEL_LINES));
        }
        if cut.1 {
            b.warnings.push(shortened(point_path(chart, 0, i, "note"), NOTE_LINES));
        }
        let styled = label.iter().map(|l| (l, true, text)).chain(note.iter().map(|l| (l, false, theme.muted)));
        for (k, (line, bold, color)) in styled.enumerate() {
            b.text(axis_x + 14.0, y + LABEL * LINE * (k as f64 + 0.5), line, LABEL, bold, color, Anchor::Start);
        }
        y += h;
    }
}
