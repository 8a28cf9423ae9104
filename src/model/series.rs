//! A spec's figures as series: each datum checked and resolved (its value,
//! qualifier, position and texts), or a series given as columns.

use super::{About, Extent, Kind, Point, Series, Value, MAX_ABS_VALUE, MAX_BARS, MAX_POINTS, MAX_TEXT_CHARS};
use crate::error::Error;
use crate::spec::{Datum, Lang, LocalText, Qualifier};
use crate::theme::Rgba;

pub(super) fn check_text(path: &str, t: &LocalText) -> Result<(), Error> {
    for s in t.all() {
        let n = s.chars().count();
        if n > MAX_TEXT_CHARS {
            return Err(Error::at(path, format!("text of {n} characters is too long; the limit is {MAX_TEXT_CHARS}")));
        }
    }
    Ok(())
}

pub(super) fn resolve_series(
    kind: Kind,
    lang: Lang,
    path: &str,
    name: &str,
    data: &[Datum],
    color: Rgba,
) -> Result<Series, Error> {
    if data.is_empty() {
        return Err(Error::at(path, "the list of figures is empty"));
    }
    let limit = if matches!(kind, Kind::Line | Kind::Area { .. }) { MAX_POINTS } else { MAX_BARS };
    if data.len() > limit {
        return Err(Error::at(path, format!("{} points is too many; the limit is {limit}", data.len())));
    }
    let mut points = Vec::with_capacity(data.len());
    for (i, d) in data.iter().enumerate() {
        let at = At { path, i };
        let value = if kind.needs_values() || d.value.is_some() || d.low.is_some() || d.high.is_some() {
            resolve_value(&at, d)?
        } else {
            Value { low: 0.0, high: 0.0, qualifier: Qualifier::Exact }
        };
        if let Some(n) = &d.note {
            check_text(&format!("{at}.note"), n)?;
        }
        if let Some(l) = &d.label {
            check_text(&format!("{at}.label"), l)?;
        }
        let label = d.label.as_ref().map(|l| l.get(lang).to_owned()).unwrap_or_default();
        let x = match kind {
            k if !k.has_x_axis() => {
                if label.trim().is_empty() && !matches!(k, Kind::Gap | Kind::Stat) {
                    return Err(Error::at(format!("{at}.label"), "this required field is missing: every figure needs a label"));
                }
                d.x.or(d.year.map(f64::from)).unwrap_or(i as f64)
            }
            _ => match d.x.or(d.year.map(f64::from)) {
                Some(x) if x.is_finite() && x.abs() <= MAX_ABS_VALUE => x,
                Some(_) => return Err(Error::at(format!("{at}.x"), "expected a finite number")),
                None => {
                    return Err(Error::at(
                        format!("{at}.x"),
                        "this required field is missing: every point needs `x` or `year`",
                    ))
                }
            },
        };
        let note = d.note.as_ref().map(|n| n.get(lang).to_owned());
        let source = d.source.as_ref().map(|s| s.get(lang).to_owned());
        let about = (!label.is_empty() || note.is_some() || source.is_some()).then(|| Box::new(About { label, note, source, index: i }));
        points.push(Point { x, value, year: d.year, about });
    }
    if kind.has_x_axis() {
        points.sort_by(|a, b| a.x.total_cmp(&b.x));
    }
    let extent = Extent::of(&points);
    Ok(Series { name: name.to_owned(), color, points, extent })
}

/// A series given as columns: `x` and `y`, one for one (line and area charts).
pub(super) fn columns(kind: Kind, path: &str, name: &str, x: &[f64], y: &[f64], color: Rgba) -> Result<Series, Error> {
    if !kind.has_x_axis() || matches!(kind, Kind::Timeline { .. }) {
        return Err(Error::at(format!("{path}.x"), "the columns `x` and `y` apply to line and area charts; use `data`"));
    }
    if x.len() != y.len() {
        return Err(Error::at(
            format!("{path}.y"),
            format!("{} values for {} x positions; `x` and `y` must be as long as each other", y.len(), x.len()),
        ));
    }
    if x.is_empty() {
        return Err(Error::at(format!("{path}.x"), "the list is empty"));
    }
    if x.len() > MAX_POINTS {
        return Err(Error::at(format!("{path}.x"), format!("{} points is too many; the limit is {MAX_POINTS}", x.len())));
    }
    // One pass over each column: checked, its range taken, and (x) whether
    // it is sorted already.
    let mut sorted = true;
    let mut scan = |field: &str, list: &[f64]| -> Result<(f64, f64), Error> {
        let is_x = field == "x";
        let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
        for (i, &v) in list.iter().enumerate() {
            // Plain comparisons: f64::min is a call per value in wasm.
            if v.is_nan() || v.abs() > MAX_ABS_VALUE {
                return Err(Error::at(format!("{path}.{field}[{i}]"), format!("expected a number of at most {MAX_ABS_VALUE:e} in size")));
            }
            if is_x && v < hi {
                sorted = false;
            }
            if v < lo {
                lo = v;
            }
            if v > hi {
                hi = v;
            }
        }
        Ok((lo, hi))
    };
    let extent = Extent { x: scan("x", x)?, value: scan("y", y)? };
    let mut points: Vec<Point> = x
        .iter()
        .zip(y)
        .map(|(&x, &y)| Point {
            x,
            value: Value { low: y, high: y, qualifier: Qualifier::Exact },
            year: None,
            about: None,
        })
        .collect();
    if !sorted {
        points.sort_by(|a, b| a.x.total_cmp(&b.x));
    }
    Ok(Series { name: name.to_owned(), color, points, extent })
}

/// The JSON path of a datum, written only when an error needs it.
struct At<'a> {
    path: &'a str,
    i: usize,
}

impl std::fmt::Display for At<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}[{}]", self.path, self.i)
    }
}

fn resolve_value(at: &At, d: &Datum) -> Result<Value, Error> {
    let check = |field: &str, v: f64| -> Result<f64, Error> {
        if !v.is_finite() || v.abs() > MAX_ABS_VALUE {
            return Err(Error::at(
                format!("{at}.{field}"),
                format!("expected a number of at most {MAX_ABS_VALUE:e} in size, found {v}"),
            ));
        }
        Ok(v)
    };
    let is_range = d.qualifier == Some(Qualifier::Range) || (d.qualifier.is_none() && (d.low.is_some() || d.high.is_some()));
    if is_range {
        if d.value.is_some() {
            return Err(Error::at(
                format!("{at}.value"),
                "a range has `low` and `high` and no `value` (never a single invented midpoint)",
            ));
        }
        let low = d.low.ok_or_else(|| Error::at(format!("{at}.low"), "this required field is missing: a range needs `low` and `high`"))?;
        let high = d.high.ok_or_else(|| Error::at(format!("{at}.high"), "this required field is missing: a range needs `low` and `high`"))?;
        let (low, high) = (check("low", low)?, check("high", high)?);
        if low > high {
            return Err(Error::at(format!("{at}.low"), format!("the low end ({low}) is above the high end ({high})")));
        }
        return Ok(Value { low, high, qualifier: Qualifier::Range });
    }
    if d.low.is_some() || d.high.is_some() {
        let field = if d.low.is_some() { "low" } else { "high" };
        return Err(Error::at(
            format!("{at}.{field}"),
            "`low` and `high` belong to ranges; set \"qualifier\": \"range\" or remove them",
        ));
    }
    let v = d.value.ok_or_else(|| Error::at(format!("{at}.value"), "this required field is missing: expected a number"))?;
    let v = check("value", v)?;
    Ok(Value { low: v, high: v, qualifier: d.qualifier.unwrap_or_default() })
}
