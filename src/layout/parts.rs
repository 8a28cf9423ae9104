//! Parts of a whole: donut, pie and waffle charts.
//!
//! Each part is labelled directly with its name and qualified value in a key
//! beside the figure (below it on narrow charts); what the parts leave of
//! `total` is drawn as "the rest" in grey. A range part is solid to its low
//! end and light to its high end. A waffle draws the whole as `units` squares
//! ("one in eight": 8 units) or one square per `unitValue`.

use std::f64::consts::PI;

use super::chrome::{point_path, warn_if_cut, LINE};
use super::text::wrap;
use super::{Anchor, Builder, Rect, TextMeasure};
use crate::error::Warning;
use crate::format::Room;
use crate::model::{Chart, Kind, Value};
use crate::spec::Qualifier;
use crate::theme::Rgba;

const LABEL: f64 = 13.0;
const KEY_ROW: f64 = 8.0;
const SWATCH: f64 = 12.0;

/// A part as drawn: name, value, colour (the rest has its value in the key,
/// not on the figure).
struct Part {
    label: String,
    /// What is drawn (the rest: the room the parts leave).
    value: Value,
    /// What the key says (the rest of a range part: a range too).
    said: Value,
    color: Rgba,
    rest: bool,
}

fn parts(chart: &Chart) -> Vec<Part> {
    let points = chart.series.first().map(|s| s.points.as_slice()).unwrap_or(&[]);
    let palette = &chart.theme.palette;
    let mut out: Vec<Part> = points
        .iter()
        .enumerate()
        .map(|(i, p)| Part {
            label: p.label().to_owned(),
            value: p.value,
            said: p.value,
            color: if chart.is_highlighted(p.label()) { palette[i % palette.len()] } else { chart.theme.muted_mark },
            rest: false,
        })
        .collect();
    if let Some(total) = chart.total {
        let sum: f64 = out.iter().map(|p| p.value.high).sum();
        if total - sum > total * 1e-9 {
            // The rest of a range is a range too: 50–80% leaves 20–50%.
            let (low, high) = (total - sum, total - out.iter().map(|p| p.value.low).sum::<f64>());
            let qualifier = if high - low > total * 1e-9 { Qualifier::Range } else { Qualifier::Exact };
            out.push(Part {
                label: chart.rest_label.clone(),
                value: Value { low, high: low, qualifier: Qualifier::Exact },
                said: Value { low, high: if qualifier == Qualifier::Range { high } else { low }, qualifier },
                color: rest_color(chart),
                rest: true,
            });
        }
    }
    out
}

/// The colour of "the rest": a grey that recedes in either theme (#e2e2e2
/// on white, a dark grey on near-black, where a light one glared).
fn rest_color(chart: &Chart) -> Rgba {
    chart.theme.background.mix(chart.theme.text, 0.14)
}

/// The whole the parts are shares of.
fn whole(chart: &Chart, parts: &[Part]) -> f64 {
    chart.total.unwrap_or_else(|| parts.iter().map(|p| p.value.high).sum::<f64>()).max(f64::MIN_POSITIVE)
}

/// Key lines: (colour, wrapped lines of "label — value").
fn key(chart: &Chart, parts: &[Part], m: &dyn TextMeasure, width: f64) -> Vec<(Rgba, Vec<String>)> {
    let whole = whole(chart, parts);
    parts
        .iter()
        .map(|p| {
            let of_total = chart.total.filter(|t| t.fract() == 0.0 && p.said.high.fract() == 0.0 && p.said.qualifier == Qualifier::Exact);
            let words = crate::i18n::words(chart.lang);
            let value = match of_total {
                Some(t) if !matches!(chart.fmt.format, crate::spec::NumberFormat::Percent) => {
                    (words.of_total)(&chart.fmt.number(p.said.high, Room::Long), &chart.fmt.number(t, Room::Long))
                }
                _ => chart.fmt.value(&p.said, Room::Long),
            };
            let share = if chart.total.is_some() || matches!(chart.fmt.format, crate::spec::NumberFormat::Percent) {
                String::new()
            } else {
                // Shares of the sum, for parts given as counts, written as
                // the language writes percentages ("58%", "58 %").
                let pct = crate::format::Formatter::new(chart.lang, crate::spec::NumberFormat::Percent);
                let share = |v: f64| (v / whole * 100.0).round();
                let v = Value { low: share(p.said.low), high: share(p.said.high), qualifier: p.said.qualifier };
                let v = if v.qualifier == Qualifier::Range { v } else { Value { qualifier: Qualifier::Exact, ..v } };
                format!(" ({})", pct.value(&v, Room::Short))
            };
            let sep = words.label_sep;
            // The rest has its value too ("Other: 42%"), a range when a part is one.
            let text = format!("{}{sep}{value}{share}", p.label);
            (p.color, wrap(m, &text, LABEL, false, width - SWATCH - 8.0, 3).0)
        })
        .collect()
}

/// Key entries after the parts': one for the light part of each range part
/// (the uncertainty of the estimate), in that part's light colour.
fn extras(chart: &Chart, parts: &[Part], m: &dyn TextMeasure, width: f64) -> Vec<(Rgba, Vec<String>)> {
    let words = crate::i18n::words(chart.lang);
    parts
        .iter()
        .filter(|p| !p.rest && p.said.qualifier == Qualifier::Range && p.said.high > p.said.low)
        .map(|p| (p.color.alpha(0.4), wrap(m, words.uncertain, LABEL, false, width - SWATCH - 8.0, 3).0))
        .collect()
}

/// The key: the parts' entries, then the extras.
fn full_key(chart: &Chart, parts: &[Part], m: &dyn TextMeasure, width: f64) -> Vec<(Rgba, Vec<String>)> {
    let mut k = key(chart, parts, m, width);
    k.extend(extras(chart, parts, m, width));
    k
}

fn key_height(key: &[(Rgba, Vec<String>)]) -> f64 {
    key.iter().map(|(_, l)| l.len() as f64 * LABEL * LINE + KEY_ROW).sum()
}

/// Whether the key goes beside the figure (wide) or below it (narrow).
fn beside(plot_w: f64) -> bool {
    plot_w >= 460.0
}

/// Side of the figure (donut diameter or waffle width).
fn figure_size(plot_w: f64) -> f64 {
    if beside(plot_w) {
        (plot_w * 0.42).min(300.0)
    } else {
        plot_w.min(260.0)
    }
}

/// Waffle grid: (columns, rows) for `n` units.
fn grid(n: u32) -> (u32, u32) {
    match n {
        0..=10 => (n.max(1), 1),
        _ => {
            let cols = (f64::from(n).sqrt().ceil() as u32).max(1);
            (cols, n.div_ceil(cols))
        }
    }
}

/// The number of units each part fills (low end solid, high end light),
/// by largest remainders so that they add up to the grid.
fn units(chart: &Chart, parts: &[Part], warnings: &mut Vec<Warning>) -> (u32, Vec<(u32, u32)>) {
    let Kind::Waffle { units, unit_value } = chart.kind else { return (0, Vec::new()) };
    if let Some(per) = unit_value {
        let counts: Vec<(u32, u32)> = parts
            .iter()
            .filter(|p| !p.rest)
            .map(|p| ((p.value.low / per).round().min(400.0) as u32, (p.value.high / per).round().min(400.0) as u32))
            .collect();
        let n: u32 = counts.iter().map(|c| c.1).sum();
        if parts.iter().any(|p| !p.rest && ((p.value.high / per).fract() - 0.0).abs() > 1e-9 && (p.value.high / per).fract() < 1.0 - 1e-9) {
            warnings.push(Warning::at("unitValue", "some values are not whole numbers of units; rounded"));
        }
        return (n.clamp(1, 400), counts);
    }
    let whole = whole(chart, parts);
    let exact: Vec<(f64, f64)> =
        parts.iter().map(|p| (p.value.low / whole * f64::from(units), p.value.high / whole * f64::from(units))).collect();
    let mut counts: Vec<(u32, u32)> = exact.iter().map(|(l, h)| (l.floor() as u32, h.floor() as u32)).collect();
    let mut left = units.saturating_sub(counts.iter().map(|c| c.1).sum());
    let mut order: Vec<usize> = (0..exact.len()).collect();
    order.sort_by(|a, b| (exact[*b].1 - exact[*b].1.floor()).total_cmp(&(exact[*a].1 - exact[*a].1.floor())));
    for i in order {
        if left == 0 {
            break;
        }
        if exact[i].1 - exact[i].1.floor() > 1e-9 {
            counts[i].1 += 1;
            if exact[i].0 == exact[i].1 {
                counts[i].0 += 1;
            }
            left -= 1;
        }
    }
    (units, counts)
}

pub(crate) fn preferred_height(chart: &Chart, plot_w: f64, m: &dyn TextMeasure) -> (f64, f64) {
    let parts = parts(chart);
    let key_w = if beside(plot_w) { plot_w - figure_size(plot_w) - 24.0 } else { plot_w };
    let kh = key_height(&full_key(chart, &parts, m, key_w));
    let fig = figure_height(chart, plot_w, &parts);
    let h = if beside(plot_w) { fig.max(kh) } else { fig + 16.0 + kh } + 8.0;
    (h, h)
}

fn figure_height(chart: &Chart, plot_w: f64, parts: &[Part]) -> f64 {
    let size = figure_size(plot_w);
    match chart.kind {
        Kind::Waffle { .. } => {
            let (n, _) = units(chart, parts, &mut Vec::new());
            let (cols, rows) = grid(n);
            let cell = (size / f64::from(cols)).min(40.0);
            cell * f64::from(rows) + caption_h(chart)
        }
        _ => size,
    }
}

fn caption_h(chart: &Chart) -> f64 {
    match chart.kind {
        Kind::Waffle { .. } => 22.0,
        _ => 0.0,
    }
}

pub(crate) fn layout(b: &mut Builder, chart: &Chart, plot: Rect) {
    let parts = parts(chart);
    let size = figure_size(plot.w);
    let fig_h = figure_height(chart, plot.w, &parts);
    let (fig, key_rect) = if beside(plot.w) {
        let kw = plot.w - size - 24.0;
        (Rect { x: plot.x, y: plot.y, w: size, h: fig_h }, Rect { x: plot.x + size + 24.0, y: plot.y, w: kw, h: plot.h })
    } else {
        let x = plot.x + (plot.w - size) / 2.0;
        (Rect { x, y: plot.y, w: size, h: fig_h }, Rect { x: plot.x, y: plot.y + fig_h + 16.0, w: plot.w, h: plot.h - fig_h - 16.0 })
    };
    match chart.kind {
        Kind::Waffle { .. } => waffle(b, chart, &parts, fig),
        Kind::Donut { hole } => donut(b, chart, &parts, fig, hole),
        _ => {}
    }
    let key = full_key(chart, &parts, b.m, key_rect.w);
    for (i, (p, (_, lines))) in parts.iter().zip(&key).enumerate() {
        if !p.rest {
            warn_if_cut(b, point_path(chart, 0, i, "label"), lines, &p.label);
        }
    }
    let mut y = key_rect.y + if beside(plot.w) { ((fig_h - key_height(&key)) / 2.0).max(0.0) } else { 0.0 };
    for (i, (color, lines)) in key.iter().enumerate() {
        if parts.get(i).is_some_and(|p| !p.rest) {
            let h = lines.len() as f64 * LABEL * LINE;
            let w = lines.iter().map(|l| b.m.width(l, LABEL, false)).fold(0.0, f64::max) + SWATCH + 8.0;
            b.mark(0, i, (key_rect.x, y, w, h));
        }
        b.rect(key_rect.x, y + (LABEL * LINE - SWATCH) / 2.0, SWATCH, SWATCH, *color);
        for (k, line) in lines.iter().enumerate() {
            b.text(key_rect.x + SWATCH + 8.0, y + LABEL * LINE * (k as f64 + 0.5), line, LABEL, false, chart.theme.text, Anchor::Start);
        }
        y += lines.len() as f64 * LABEL * LINE + KEY_ROW;
    }
}

/// Points along an arc from angle `a0` to `a1` (radians, clockwise from 12 o'clock).
fn arc(cx: f64, cy: f64, r: f64, a0: f64, a1: f64) -> Vec<(f64, f64)> {
    let steps = (((a1 - a0).abs() * r / 3.0).ceil() as usize).clamp(2, 720);
    (0..=steps)
        .map(|i| {
            let a = a0 + (a1 - a0) * i as f64 / steps as f64;
            (cx + r * a.sin(), cy - r * a.cos())
        })
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn slice(b: &mut Builder, cx: f64, cy: f64, r: f64, inner: f64, a0: f64, a1: f64, color: Rgba) {
    if a1 - a0 <= 1e-6 {
        return;
    }
    let mut pts = arc(cx, cy, r, a0, a1);
    if inner > 0.0 {
        let mut back = arc(cx, cy, inner, a0, a1);
        back.reverse();
        pts.extend(back);
    } else {
        pts.push((cx, cy));
    }
    b.polygon(pts, color);
}

fn donut(b: &mut Builder, chart: &Chart, parts: &[Part], fig: Rect, hole: bool) {
    let whole = whole(chart, parts);
    let r = fig.w.min(fig.h) / 2.0 - 2.0;
    let (cx, cy) = (fig.x + fig.w / 2.0, fig.y + fig.h / 2.0);
    let inner = if hole { r * 0.58 } else { 0.0 };
    let mut a = 0.0;
    for p in parts {
        let (low, high) = (p.value.low / whole * 2.0 * PI, p.value.high / whole * 2.0 * PI);
        slice(b, cx, cy, r, inner, a, a + low, p.color);
        if high > low {
            slice(b, cx, cy, r, inner, a + low, a + high, p.color.alpha(0.4));
        }
        a += high;
    }
    // White separators between slices keep neighbours apart.
    let mut a: f64 = 0.0;
    if parts.len() > 1 {
        for p in parts {
            let (x0, y0) = (cx + inner * a.sin(), cy - inner * a.cos());
            let (x1, y1) = (cx + r * a.sin(), cy - r * a.cos());
            b.line(vec![(x0, y0), (x1, y1)], chart.theme.background, 2.0);
            a += p.value.high / whole * 2.0 * PI;
        }
    }
    // A single highlighted share reads best in the middle of the ring.
    let shown: Vec<&Part> = parts.iter().filter(|p| !p.rest).collect();
    if hole && shown.len() == 1 {
        let text = chart.fmt.value(&shown[0].value, Room::Short);
        let mut size = (inner * 0.55).min(40.0);
        while size > 10.0 && b.m.width(&text, size, true) > inner * 1.6 {
            size -= 1.0;
        }
        // Too long for the hole even at 10 px: the key below has the value.
        if b.m.width(&text, size, true) <= inner * 1.6 {
            b.text(cx, cy, &text, size, true, chart.theme.title, Anchor::Middle);
        }
    }
}

fn waffle(b: &mut Builder, chart: &Chart, parts: &[Part], fig: Rect) {
    let mut warnings = Vec::new();
    let (n, counts) = units(chart, parts, &mut warnings);
    b.warnings.extend(warnings);
    let (cols, rows) = grid(n);
    let cell = (fig.w / f64::from(cols)).min(40.0);
    let gap = (cell * 0.12).max(1.0);
    let x0 = fig.x + (fig.w - cell * f64::from(cols)) / 2.0;
    // Colours of the units in order: each part's solid units, then its light ones.
    let mut colors: Vec<Rgba> = Vec::with_capacity(n as usize);
    for (p, (low, high)) in parts.iter().zip(&counts) {
        for i in 0..*high {
            colors.push(if i < *low { p.color } else { p.color.alpha(0.4) });
        }
    }
    for i in 0..n {
        let (c, r) = (i % cols, i / cols);
        let color = colors.get(i as usize).copied().unwrap_or(rest_color(chart));
        let (x, y) = (x0 + f64::from(c) * cell + gap / 2.0, fig.y + f64::from(r) * cell + gap / 2.0);
        b.rounded(x, y, cell - gap, cell - gap, color, chart.theme.radius);
    }
    let words = crate::i18n::words(chart.lang);
    let caption = match chart.kind {
        Kind::Waffle { unit_value: Some(v), .. } => format!("{}{}", words.each_square, chart.fmt.number(v, Room::Long)),
        _ => (words.square_fraction)(n),
    };
    let caption = match &chart.axis_title {
        Some(unit) if matches!(chart.kind, Kind::Waffle { unit_value: Some(_), .. }) => format!("{caption} {unit}"),
        _ => caption,
    };
    let (mut l, _) = wrap(b.m, &caption, 11.0, false, fig.w.max(120.0), 1);
    let cy = fig.y + cell * f64::from(rows) + 12.0;
    b.text(fig.x + fig.w / 2.0, cy, &l.pop().unwrap_or_default(), 11.0, false, chart.theme.muted, Anchor::Middle);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grids_fit_their_units() {
        assert_eq!(grid(8), (8, 1));
        assert_eq!(grid(100), (10, 10));
        assert_eq!(grid(30), (6, 5));
        for n in 1..=400 {
            let (c, r) = grid(n);
            assert!(c * r >= n && c * (r - 1) < n, "{n}");
        }
    }

    #[test]
    fn one_in_eight() {
        let (chart, _) = crate::prepare(r#"{"type": "waffle", "units": 8, "total": 8, "data": [{"label": "slums", "value": 1}]}"#).unwrap();
        let p = parts(&chart);
        let (n, counts) = units(&chart, &p, &mut Vec::new());
        assert_eq!(n, 8);
        assert_eq!(counts, vec![(1, 1), (7, 7)]);
    }

    #[test]
    fn largest_remainders_add_up() {
        let (chart, _) = crate::prepare(r#"{"type": "waffle", "data": [{"label": "a", "value": 1}, {"label": "b", "value": 1}, {"label": "c", "value": 1}]}"#).unwrap();
        let p = parts(&chart);
        let (n, counts) = units(&chart, &p, &mut Vec::new());
        assert_eq!(counts.iter().map(|c| c.1).sum::<u32>(), n);
    }
}
