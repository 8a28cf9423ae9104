//! Stat cards: one big number with its qualifier, its label and note, and
//! optionally a second figure compared on two small bars. Readable at 280 px:
//! the number shrinks (never below 24 px) and then wraps.

use super::chrome::{point_path, warn_if_cut, LINE};
use super::text::wrap;
use super::{Anchor, Builder, Rect, TextMeasure};
use crate::format::Room;
use crate::model::{Chart, Point};
use crate::spec::Qualifier;

const MAX_NUMBER: f64 = 56.0;
const MIN_NUMBER: f64 = 24.0;
const LABEL: f64 = 15.0;
const NOTE: f64 = 13.0;
const BAR: f64 = 10.0;
/// Lines of each compared figure's label and value.
const COMPARE_LINES: usize = 4;

struct Plan {
    number: Vec<String>,
    size: f64,
    label: Vec<String>,
    note: Vec<String>,
    compare: Option<(Vec<String>, Vec<String>)>,
}

fn points(chart: &Chart) -> &[Point] {
    chart.series.first().map(|s| s.points.as_slice()).unwrap_or(&[])
}

fn plan(chart: &Chart, w: f64, m: &dyn TextMeasure) -> Plan {
    let pts = points(chart);
    let Some(main) = pts.first() else {
        return Plan { number: Vec::new(), size: MIN_NUMBER, label: Vec::new(), note: Vec::new(), compare: None };
    };
    let text = chart.fmt.value(&main.value, Room::Long);
    let mut size = MAX_NUMBER;
    while size > MIN_NUMBER && m.width(&text, size, true) > w {
        size -= 2.0;
    }
    let (number, _) = wrap(m, &text, size, true, w, 3);
    let (label, _) = wrap(m, main.label(), LABEL, false, w, 6);
    let (note, _) = main.note().map_or((Vec::new(), false), |n| wrap(m, n, NOTE, false, w, 8));
    let compare = pts.get(1).map(|other| {
        // Up to four lines each: a long label in Russian or Arabic needs three at 280 px.
        let l1 = wrap(m, &format!("{} · {}", main.label(), chart.fmt.value(&main.value, Room::Short)), NOTE, false, w, COMPARE_LINES).0;
        let l2 = wrap(m, &format!("{} · {}", other.label(), chart.fmt.value(&other.value, Room::Short)), NOTE, false, w, COMPARE_LINES).0;
        (l1, l2)
    });
    Plan { number, size, label, note, compare }
}

fn height(p: &Plan) -> f64 {
    let mut h = p.number.len() as f64 * p.size * 1.25 + 6.0;
    h += p.label.len() as f64 * LABEL * LINE;
    if !p.note.is_empty() {
        h += 6.0 + p.note.len() as f64 * NOTE * LINE;
    }
    if let Some((a, b)) = &p.compare {
        h += 14.0 + (a.len() + b.len()) as f64 * NOTE * LINE + 2.0 * (BAR + 8.0);
    }
    h + 4.0
}

pub(crate) fn preferred_height(chart: &Chart, plot_w: f64, m: &dyn TextMeasure) -> (f64, f64) {
    let h = height(&plan(chart, plot_w, m));
    (h, h)
}

pub(crate) fn layout(b: &mut Builder, chart: &Chart, plot: Rect) {
    let p = plan(chart, plot.w, b.m);
    let theme = &chart.theme;
    let pts = points(chart);
    if let Some(main) = pts.first() {
        warn_if_cut(b, point_path(chart, 0, 0, "label"), &p.label, main.label());
        warn_if_cut(b, point_path(chart, 0, 0, "note"), &p.note, main.note().unwrap_or_default());
        if let (Some((l1, l2)), Some(other)) = (&p.compare, pts.get(1)) {
            warn_if_cut(b, point_path(chart, 0, 0, "label"), l1, main.label());
            warn_if_cut(b, point_path(chart, 0, 1, "label"), l2, other.label());
        }
    }
    let color = chart.series.first().map_or(theme.palette[0], |s| s.color);
    let mut y = plot.y;
    if !pts.is_empty() {
        b.mark(0, 0, (plot.x, plot.y, plot.w, p.number.len() as f64 * p.size * 1.25));
    }
    for line in &p.number {
        let lh = p.size * 1.25;
        b.text(plot.x, y + lh / 2.0, line, p.size, true, color, Anchor::Start);
        y += lh;
    }
    y += 6.0;
    for line in &p.label {
        b.text(plot.x, y + LABEL * LINE / 2.0, line, LABEL, false, theme.text, Anchor::Start);
        y += LABEL * LINE;
    }
    if !p.note.is_empty() {
        y += 6.0;
        for line in &p.note {
            b.text(plot.x, y + NOTE * LINE / 2.0, line, NOTE, false, theme.muted, Anchor::Start);
            y += NOTE * LINE;
        }
    }
    if let (Some((la, lb)), [first, second, ..]) = (&p.compare, pts) {
        y += 14.0;
        let max = first.value.high.max(second.value.high).max(f64::MIN_POSITIVE);
        for (lines, point, c) in [(la, first, color), (lb, second, theme.muted_mark)] {
            for line in lines {
                b.text(plot.x, y + NOTE * LINE / 2.0, line, NOTE, false, theme.text, Anchor::Start);
                y += NOTE * LINE;
            }
            let w = (point.value.high.max(0.0) / max * plot.w).max(1.0);
            match point.value.qualifier {
                Qualifier::Projection => {
                    b.rect(plot.x, y + 2.0, w, BAR, c.alpha(0.2));
                    b.hatch(plot.x, y + 2.0, w, BAR, c, 4.0);
                }
                Qualifier::Range => {
                    let wl = (point.value.low.max(0.0) / max * plot.w).max(1.0);
                    b.rect(plot.x, y + 2.0, wl, BAR, c);
                    b.rect(plot.x + wl, y + 2.0, w - wl, BAR, c.alpha(0.4));
                }
                _ => b.rect(plot.x, y + 2.0, w, BAR, c),
            }
            y += BAR + 8.0;
        }
    }
}
