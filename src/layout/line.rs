//! Line charts: one line per series over a numeric x axis.
//!
//! A segment that reaches a projected point is dashed and the projected point
//! is hollow; a range point is a whisker, and the line does not pass through
//! an invented midpoint. Value labels are placed only where they touch no
//! other label. Long series are decimated per pixel column (first, min, max,
//! last), so drawing cost follows the chart's width, not the number of points.

use std::borrow::Cow;

use super::annotate::{self, Axes};
use super::chrome::{shortened, LINE};
use super::text::wrap;
use super::{Anchor, Builder, Rect};
use crate::model::{Chart, Extent, Kind, Point};
use crate::scale::{integer_ticks, nice_ticks, Linear};
use crate::spec::Qualifier;
use crate::format::Room;

const LABEL: f64 = 12.0;
const TICK: f64 = 11.0;
const AXIS_TITLE_H: f64 = 18.0;
/// Series longer than this get point markers and labels left out.
const MARKED_POINTS: usize = 60;
/// Series up to this length get every point labelled; longer ones the last.
const LABELLED_POINTS: usize = 6;

/// For stacked areas: the points of each series raised by the series below
/// (all series share their x values; `model` checked it).
fn stack(chart: &Chart) -> Vec<Vec<Point>> {
    let mut out: Vec<Vec<Point>> = Vec::with_capacity(chart.series.len());
    for s in &chart.series {
        let raised = s
            .points
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let below = out.last().and_then(|prev| prev.get(i)).map_or(0.0, |q| q.value.high);
                let mut p = p.clone();
                p.value.low += below;
                p.value.high += below;
                p
            })
            .collect();
        out.push(raised);
    }
    out
}

pub(crate) fn layout(b: &mut Builder, chart: &Chart, plot: Rect) {
    let theme = &chart.theme;
    let area = matches!(chart.kind, Kind::Area { .. });
    let stacked = matches!(chart.kind, Kind::Area { stacked: true });
    let series: Vec<Cow<[Point]>> = if stacked {
        stack(chart).into_iter().map(Cow::Owned).collect()
    } else {
        chart.series.iter().map(|s| Cow::Borrowed(s.points.as_slice())).collect()
    };
    // The model knows each series' extent; stacked areas have their own.
    let extent = if stacked {
        series.iter().map(|s| Extent::of(s)).fold(Extent::EMPTY, Extent::union)
    } else {
        chart.series.iter().map(|s| s.extent).fold(Extent::EMPTY, Extent::union)
    };
    let ((xlo, xhi), (mut lo, mut hi)) = (extent.x, (extent.value.0.min(0.0), extent.value.1.max(0.0)));
    if !xlo.is_finite() {
        return;
    }
    if let Some(m) = chart.min {
        lo = m;
    }
    if let Some(m) = chart.max {
        hi = hi.max(m);
    }

    let top = plot.y + if chart.axis_title.is_some() { AXIS_TITLE_H } else { 0.0 } + LABEL * LINE;
    let bottom = plot.y + plot.h - (TICK * LINE + 8.0);
    let inner_h = (bottom - top).max(20.0);
    let max_ticks = ((inner_h / 45.0).floor() as usize).clamp(2, 10);
    let (dom, ticks) = nice_ticks(lo, hi, max_ticks);
    let tick_labels: Vec<String> = ticks.iter().map(|t| chart.fmt.tick(*t)).collect();
    let left = tick_labels.iter().map(|t| b.m.width(t, TICK, false)).fold(0.0, f64::max) + 8.0;
    let yscale = Linear::new(dom, (bottom, top));

    // Value labels (every point of a short series, the last of a long one:
    // never a list as long as the series) decide how far the x range is
    // inset from the plot's sides.
    let labels: Vec<Vec<(usize, String)>> = chart
        .series
        .iter()
        .map(|s| {
            if !chart.value_labels {
                return Vec::new();
            }
            let n = s.points.len();
            let first = if n <= LABELLED_POINTS { 0 } else { n - 1 };
            s.points.iter().enumerate().skip(first).map(|(i, p)| (i, chart.fmt.value(&p.value, Room::Short))).collect()
        })
        .collect();
    let half_label = |at_end: bool| -> f64 {
        labels
            .iter()
            .zip(&chart.series)
            .filter_map(|(l, s)| {
                let want = if at_end { s.points.len().checked_sub(1)? } else { 0 };
                l.iter().find(|(i, _)| *i == want).map(|(_, text)| text)
            })
            .map(|l| b.m.width(l, LABEL, false) / 2.0)
            .fold(0.0, f64::max)
    };
    let x_label = |x: f64| if chart.integer_x { format!("{x:.0}") } else { chart.fmt.tick(x) };
    let inset_l = half_label(false).max(b.m.width(&x_label(xlo), TICK, false) / 2.0) + 4.0;
    let inset_r = half_label(true).max(b.m.width(&x_label(xhi), TICK, false) / 2.0) + 4.0;
    let x0 = plot.x + left + inset_l;
    let x1 = (plot.x + plot.w - inset_r).max(x0 + 10.0);
    let xscale = Linear::new((xlo, xhi), (x0, x1));

    let marks = Rect { x: plot.x + left, y: top, w: plot.x + plot.w - (plot.x + left), h: bottom - top };
    let anchor = |si: usize, pi: usize| -> Option<(f64, f64)> {
        let p = series.get(si)?.get(pi)?;
        Some((xscale.map(p.x), yscale.map(p.value.high)))
    };
    let axes = Axes { plot: marks, value: &yscale, value_vertical: true, x: Some(&xscale), anchor: &anchor };

    if let Some(t) = &chart.axis_title {
        let (mut l, cut) = wrap(b.m, t, LABEL, false, plot.w, 1);
        if cut {
            b.warnings.push(shortened("axisTitle", 1));
        }
        b.text(plot.x, plot.y + AXIS_TITLE_H / 2.0 - 2.0, &l.pop().unwrap_or_default(), LABEL, false, theme.muted, Anchor::Start);
    }
    annotate::backgrounds(b, chart, &axes);
    for (t, label) in ticks.iter().zip(&tick_labels) {
        let y = yscale.map(*t);
        let color = if *t == 0.0 { theme.axis } else { theme.grid };
        b.line(vec![(plot.x + left, y), (plot.x + plot.w, y)], color, 1.0);
        b.text(plot.x + left - 6.0, y, label, TICK, false, theme.muted, Anchor::End);
    }

    // x ticks: as many as fit, whole numbers for years.
    let widest = b.m.width(&x_label(xhi), TICK, false).max(b.m.width(&x_label(xlo), TICK, false));
    let max_x_ticks = (((x1 - x0) / (widest + 20.0)).floor() as usize).clamp(1, 12);
    let xticks = if xlo == xhi {
        vec![xlo]
    } else if chart.integer_x {
        integer_ticks(xlo, xhi, max_x_ticks)
    } else {
        let (_, t) = nice_ticks(xlo, xhi, max_x_ticks);
        t.into_iter().filter(|t| *t >= xlo && *t <= xhi).collect()
    };
    let mut last_end = f64::NEG_INFINITY;
    for t in xticks {
        let x = xscale.map(t);
        let label = x_label(t);
        let w = b.m.width(&label, TICK, false);
        if x - w / 2.0 >= last_end + 8.0 && x - w / 2.0 >= plot.x && x + w / 2.0 <= plot.x + plot.w {
            b.line(vec![(x, bottom), (x, bottom + 4.0)], theme.axis, 1.0);
            b.text(x, bottom + 6.0 + TICK * LINE / 2.0, &label, TICK, false, theme.muted, Anchor::Middle);
            last_end = x + w / 2.0;
        }
    }

    // Areas first (lowest series last when overlaid, so small ones stay visible).
    if area {
        let order: Vec<usize> = if stacked { (0..series.len()).rev().collect() } else { (0..series.len()).collect() };
        for si in order {
            let pts = decimate(&series[si], &xscale, x1 - x0);
            let base = yscale.map(0.0_f64.clamp(dom.0, dom.1));
            // Overlaid areas are translucent; on a dark background 0.3 all but
            // vanished, so they are denser there.
            let dark = chart.theme.background.luminance() < 0.2;
            let alpha = match (stacked, dark) {
                (true, _) => 0.85,
                (false, false) => 0.3,
                (false, true) => 0.5,
            };
            // A stretch that reaches a projected point is filled fainter than
            // measured data, as its line is dashed: one polygon per run of
            // segments alike.
            let projected = |i: usize| pts[i].value.qualifier == Qualifier::Projection || pts[i + 1].value.qualifier == Qualifier::Projection;
            let mut start = 0;
            while start + 1 < pts.len() {
                let kind = projected(start);
                let mut end = start + 1;
                while end + 1 < pts.len() && projected(end) == kind {
                    end += 1;
                }
                let mut poly: Vec<(f64, f64)> = pts[start..=end].iter().map(|p| (xscale.map(p.x), yscale.map(p.value.high))).collect();
                if let (Some(first), Some(last)) = (poly.first().copied(), poly.last().copied()) {
                    poly.push((last.0, base));
                    poly.push((first.0, base));
                }
                b.polygon(poly, chart.series[si].color.alpha(if kind { alpha * 0.45 } else { alpha }));
                start = end;
            }
        }
    }

    // Lines, then markers, then labels (placed only where they touch nothing).
    let mut placed: Vec<(f64, f64, f64, f64)> = Vec::new();
    for (si, s) in chart.series.iter().enumerate() {
        let pts = decimate(&series[si], &xscale, x1 - x0);
        let at = |p: &Point| (xscale.map(p.x), yscale.map(p.value.high));
        let mut run: Vec<(f64, f64)> = Vec::new();
        let flush = |b: &mut Builder, run: &mut Vec<(f64, f64)>| {
            if run.len() > 1 {
                b.line(std::mem::take(run), s.color, 2.5);
            }
            run.clear();
        };
        let mut prev: Option<&Point> = None;
        for p in &pts {
            if p.value.qualifier == Qualifier::Range {
                flush(b, &mut run);
                prev = None;
                continue;
            }
            let here = at(p);
            match prev {
                Some(q) if p.value.qualifier == Qualifier::Projection || q.value.qualifier == Qualifier::Projection => {
                    flush(b, &mut run);
                    b.dashed(at(q), here, s.color, 2.5, 7.0, 5.0);
                    run.push(here);
                }
                _ => run.push(here),
            }
            prev = Some(p);
        }
        flush(b, &mut run);

        if s.points.len() <= MARKED_POINTS {
            for (pi, p) in series[si].iter().enumerate() {
                let (x, y) = at(p);
                b.mark(si, pi, (x - 6.0, y - 6.0, 12.0, 12.0));
                match p.value.qualifier {
                    Qualifier::Range => {
                        let (ylo, yhi) = (yscale.map(p.value.low), yscale.map(p.value.high));
                        b.line(vec![(x, ylo), (x, yhi)], s.color, 2.0);
                        b.line(vec![(x - 5.0, ylo), (x + 5.0, ylo)], s.color, 2.0);
                        b.line(vec![(x - 5.0, yhi), (x + 5.0, yhi)], s.color, 2.0);
                    }
                    Qualifier::Projection => {
                        b.circle(x, y, 5.0, s.color);
                        b.circle(x, y, 3.0, theme.background);
                    }
                    _ => b.circle(x, y, 4.0, s.color),
                }
            }
        }
        for (pi, label) in &labels[si] {
            let Some(p) = series[si].get(*pi) else { continue };
            let (x, y) = at(p);
            let w = b.m.width(label, LABEL, false);
            let h = LABEL * 1.2;
            let above = (x - w / 2.0, y - 8.0 - h, x + w / 2.0, y - 8.0);
            let below = (x - w / 2.0, y + 8.0, x + w / 2.0, y + 8.0 + h);
            let inside = |r: &(f64, f64, f64, f64)| r.0 >= plot.x && r.2 <= plot.x + plot.w && r.1 >= plot.y && r.3 <= bottom;
            let free = |r: &(f64, f64, f64, f64)| placed.iter().all(|q| r.2 <= q.0 || r.0 >= q.2 || r.3 <= q.1 || r.1 >= q.3);
            if let Some(r) = [above, below].into_iter().find(|r| inside(r) && free(r) && b.free(*r)) {
                b.text(x, (r.1 + r.3) / 2.0, label, LABEL, false, theme.text, Anchor::Middle);
                placed.push(r);
            }
        }
    }
    annotate::foregrounds(b, chart, &axes);
}

/// Keeps, per pixel column, the first, lowest, highest and last point (M4),
/// so a million points draw as a few thousand with every extreme kept.
fn decimate(points: &[Point], xscale: &Linear, width: f64) -> Vec<Point> {
    let columns = width.max(1.0).ceil() as usize;
    if points.len() <= columns * 4 {
        return points.to_vec();
    }
    let mut out = Vec::with_capacity(columns * 4);
    let mut i = 0;
    while i < points.len() {
        let col = xscale.map(points[i].x).floor();
        let start = i;
        // Points are sorted by x: the column ends where the next begins.
        i += points[i..].partition_point(|p| xscale.map(p.x).floor() <= col).max(1);
        let column = &points[start..i];
        let (mut lo, mut hi) = (0, 0);
        for (k, p) in column.iter().enumerate() {
            if p.value.high < column[lo].value.high {
                lo = k;
            }
            if p.value.high > column[hi].value.high {
                hi = k;
            }
        }
        let mut keep = [start, start + lo, start + hi, i - 1];
        keep.sort_unstable();
        let mut last = usize::MAX;
        for k in keep {
            if k != last {
                out.push(points[k].clone());
                last = k;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Value;

    fn point(x: f64, y: f64) -> Point {
        Point { x, value: Value { low: y, high: y, qualifier: Qualifier::Exact }, year: None, about: None }
    }

    /// Every pixel column keeps its first, lowest, highest and last point,
    /// whatever the spacing of x (gaps, bursts, repeated x).
    #[test]
    fn decimation_keeps_each_columns_extremes_and_ends() {
        let mut seed = 7_u64;
        let mut next = || {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 11) as f64 / (1u64 << 53) as f64
        };
        let mut x = 0.0;
        let points: Vec<Point> = (0..50_000)
            .map(|_| {
                x += if next() < 0.01 { 50.0 } else if next() < 0.3 { 0.0 } else { next() };
                point(x, next() * 100.0 - 50.0)
            })
            .collect();
        let scale = Linear::new((0.0, x), (10.0, 610.0));
        let out = decimate(&points, &scale, 600.0);
        assert!(out.len() <= 601 * 4 && out.len() < points.len());
        assert!(out.windows(2).all(|w| w[0].x <= w[1].x), "order kept");
        let col = |p: &Point| scale.map(p.x).floor() as i64;
        let mut cols: std::collections::BTreeMap<i64, Vec<&Point>> = Default::default();
        for p in &points {
            cols.entry(col(p)).or_default().push(p);
        }
        for (c, all) in cols {
            let kept: Vec<&Point> = out.iter().filter(|p| col(p) == c).collect();
            let ext = |ps: &[&Point]| ps.iter().fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.value.high), b.max(p.value.high)));
            assert_eq!(ext(&kept), ext(&all), "column {c}: extremes");
            assert_eq!(kept.first().map(|p| p.x), all.first().map(|p| p.x), "column {c}: first");
            assert_eq!(kept.last().map(|p| (p.x, p.value.high)), all.last().map(|p| (p.x, p.value.high)), "column {c}: last");
        }
    }
}
