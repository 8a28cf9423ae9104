//! Gap (change) charts: one arrow per row, from the first figure to the last,
//! with both ends labelled and the change written out ("up to +79 million,
//! ×2.5"). A projected end is hollow and its arrow dashed. Bounds and
//! approximations carry into the change: from "more than 51 million" the
//! increase is at most 79 million, and the label says so.

use super::annotate::{self, Axes};
use super::chrome::LINE;
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

pub(crate) fn preferred_height(chart: &Chart, _plot_w: f64, _m: &dyn TextMeasure) -> (f64, f64) {
    let rows = chart.series.len() as f64;
    let h = rows * (ROW_H + if named(chart) { NAME_H } else { 0.0 }) + TICK_ROW + 8.0;
    (h, h)
}

/// "+79 million" and "×2.5", qualified by what the ends allow.
pub(crate) fn change(chart: &Chart, from: &Value, to: &Value) -> Option<String> {
    if from.qualifier == Qualifier::Range || to.qualifier == Qualifier::Range {
        return None; // an interval's change is an interval: not invented here
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
    let (mut lo, mut hi) = (0.0_f64, 0.0_f64);
    for s in &chart.series {
        for p in &s.points {
            lo = lo.min(p.value.low);
            hi = hi.max(p.value.high);
        }
    }
    if let Some(m) = chart.min {
        lo = lo.min(m);
    }
    if let Some(m) = chart.max {
        hi = hi.max(m);
    }
    // Room at both sides for the end labels.
    let widest_end = chart
        .series
        .iter()
        .flat_map(|s| s.points.iter())
        .map(|p| b.m.width(&chart.fmt.value(&p.value, Room::Short), LABEL, false).max(b.m.width(p.label(), LABEL, false)))
        .fold(0.0, f64::max);
    let inset = (widest_end / 2.0 + 4.0).min(plot.w * 0.25);
    let (x0, x1) = (plot.x + inset, plot.x + plot.w - inset);
    let widest_tick = [lo, hi].iter().map(|v| b.m.width(&chart.fmt.tick(*v), TICK, false)).fold(0.0, f64::max);
    let max_ticks = (((x1 - x0) / (widest_tick + 24.0)).floor() as usize).clamp(1, 8);
    let (dom, ticks) = nice_ticks(lo, hi, max_ticks);
    let scale = Linear::new(dom, (x0, x1));
    let row_total = ROW_H + if named(chart) { NAME_H } else { 0.0 };
    let rows_bottom = plot.y + row_total * chart.series.len() as f64;
    let marks = Rect { x: x0, y: plot.y, w: x1 - x0, h: rows_bottom - plot.y };
    let line_y = |si: usize| plot.y + row_total * si as f64 + if named(chart) { NAME_H } else { 0.0 } + 30.0;
    let anchor = |si: usize, pi: usize| -> Option<(f64, f64)> {
        let p = chart.series.get(si)?.points.get(pi)?;
        Some((scale.map(p.value.high), line_y(si)))
    };
    let axes = Axes { plot: marks, value: &scale, value_vertical: false, x: None, anchor: &anchor };

    for t in &ticks {
        let x = scale.map(*t);
        b.line(vec![(x, plot.y), (x, rows_bottom)], if *t == 0.0 { theme.axis } else { theme.grid }, 1.0);
        let label = chart.fmt.tick(*t);
        let w = b.m.width(&label, TICK, false);
        let x = fit(x, plot.x + w / 2.0, plot.x + plot.w - w / 2.0);
        b.try_text(x, rows_bottom + TICK_ROW / 2.0, &label, TICK, false, theme.muted, Anchor::Middle);
    }
    annotate::backgrounds(b, chart, &axes);

    for (si, s) in chart.series.iter().enumerate() {
        let Some((from, to)) = ends(&s.points) else { continue };
        let y = line_y(si);
        if named(chart) {
            let (mut l, _) = wrap(b.m, &s.name, LABEL, true, plot.w, 1);
            b.text(plot.x, y - 30.0 - NAME_H / 2.0 + 4.0, &l.pop().unwrap_or_default(), LABEL, true, theme.text, Anchor::Start);
        }
        let (xa, xb) = (scale.map(from.value.high), scale.map(to.value.high));
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
        // Ends: point label above, value below.
        for (p, x) in [(from, xa), (to, xb)] {
            if !p.label().is_empty() {
                let (mut l, _) = wrap(b.m, p.label(), LABEL, false, plot.w * 0.4, 1);
                let text = l.pop().unwrap_or_default();
                let w = b.m.width(&text, LABEL, false);
                let cx = fit(x, plot.x + w / 2.0, plot.x + plot.w - w / 2.0);
                b.try_text(cx, y - 17.0, &text, LABEL, false, theme.muted, Anchor::Middle);
            }
            let v = chart.fmt.value(&p.value, Room::Short);
            let w = b.m.width(&v, LABEL, true);
            let cx = fit(x, plot.x + w / 2.0, plot.x + plot.w - w / 2.0);
            b.try_text(cx, y + 17.0, &v, LABEL, true, theme.text, Anchor::Middle);
        }
        // The change, centred under the arrow where there is room.
        if let Some(text) = change(chart, &from.value, &to.value) {
            let w = b.m.width(&text, LABEL, false);
            let cx = fit((xa + xb) / 2.0, plot.x + w / 2.0, plot.x + plot.w - w / 2.0);
            let spots = [y - 17.0, y + 17.0, y + 17.0 + LABEL * LINE];
            let _ = spots.into_iter().any(|cy| b.try_text(cx, cy, &text, LABEL, false, s.color, Anchor::Middle));
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
        let e = chart(r#"{"type": "gap", "data": [{"label": "a", "value": 10}, {"label": "b", "value": 5}]}"#);
        let p = &e.series[0].points;
        assert_eq!(change(&e, &p[0].value, &p[1].value).as_deref(), Some("\u{2212}5, ×0.5"));
    }
}
