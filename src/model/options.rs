//! Which options apply to which chart type, and the checks of the options
//! that relate figures to each other (totals, stacks, highlights, annotations).

use super::{Annotation, Kind, Series, MAX_ABS_VALUE};
use crate::error::Error;
use crate::parse::suggest;
use crate::spec::{AnnotationAxis, AnnotationType, ChartSpec, ChartType, Lang, Qualifier};

/// Whether a chart of this kind takes several series.
pub fn takes_series(kind: Kind) -> bool {
    matches!(kind, Kind::Bar { .. } | Kind::Line | Kind::Area { .. } | Kind::Gap)
}

/// The chart types an option applies to.
fn applies_to(field: &str) -> &'static [ChartType] {
    use ChartType::*;
    match field {
        "orientation" => &[Bar],
        "stacked" => &[Bar, Area],
        "total" | "restLabel" => &[Donut, Pie, Waffle],
        "units" | "unitValue" => &[Waffle],
        "now" => &[Timeline],
        "series" => &[Bar, Line, Area, Gap],
        "min" | "max" | "axisTitle" => &[Bar, Line, Area, Gap],
        "annotations" => &[Bar, Line, Area, Gap, Timeline],
        _ => &[Bar, Line, Area, Gap, Donut, Pie, Waffle, Stat, Timeline],
    }
}

fn type_name(t: ChartType) -> &'static str {
    match t {
        ChartType::Bar => "bar",
        ChartType::Line => "line",
        ChartType::Area => "area",
        ChartType::Gap => "gap",
        ChartType::Donut => "donut",
        ChartType::Pie => "pie",
        ChartType::Waffle => "waffle",
        ChartType::Stat => "stat",
        ChartType::Timeline => "timeline",
    }
}

/// Refuses options that mean nothing for the spec's chart type.
pub fn check_applies(spec: &ChartSpec) -> Result<(), Error> {
    let set = [
        ("orientation", spec.orientation.is_some()),
        ("stacked", spec.stacked.is_some()),
        ("total", spec.total.is_some()),
        ("restLabel", spec.rest_label.is_some()),
        ("units", spec.units.is_some()),
        ("unitValue", spec.unit_value.is_some()),
        ("now", spec.now.is_some()),
        ("series", spec.series.is_some()),
        ("min", spec.min.is_some()),
        ("max", spec.max.is_some()),
        ("axisTitle", spec.axis_title.is_some()),
        ("annotations", spec.annotations.is_some()),
    ];
    for (field, is_set) in set {
        let kinds = applies_to(field);
        if is_set && !kinds.contains(&spec.kind) {
            let names: Vec<String> = kinds.iter().map(|k| format!("\"{}\"", type_name(*k))).collect();
            return Err(Error::at(
                field,
                format!(
                    "`{field}` does not apply to a \"{}\" chart; it applies to {}",
                    type_name(spec.kind),
                    names.join(", ")
                ),
            ));
        }
    }
    if spec.data.is_some() && spec.series.is_some() {
        return Err(Error::at("series", "give either `data` or `series`, not both"));
    }
    if let Some(u) = spec.units {
        if !(1..=400).contains(&u) {
            return Err(Error::at("units", format!("expected a whole number from 1 to 400, found {u}")));
        }
    }
    if let Some(v) = spec.unit_value {
        if !(v.is_finite() && v > 0.0 && v <= MAX_ABS_VALUE) {
            return Err(Error::at("unitValue", format!("expected a positive number, found {v}")));
        }
    }
    if let Some(t) = spec.total {
        if !(t.is_finite() && t > 0.0 && t <= MAX_ABS_VALUE) {
            return Err(Error::at("total", format!("expected a positive number, found {t}")));
        }
    }
    Ok(())
}

/// Checks what a kind needs of its series.
pub fn check_series(kind: Kind, series: &[Series], spec: &ChartSpec) -> Result<(), Error> {
    let base = if spec.series.is_some() { "series" } else if spec.data.is_some() { "data" } else { "dataset" };
    let path = |si: usize, pi: usize| -> String {
        if spec.series.is_some() {
            format!("series[{si}].data[{pi}]")
        } else {
            format!("{base}[{pi}]")
        }
    };
    match kind {
        Kind::Bar { stacked: true, .. } | Kind::Area { stacked: true } => {
            for (si, s) in series.iter().enumerate() {
                for (pi, p) in s.points.iter().enumerate() {
                    if p.value.qualifier == Qualifier::Range {
                        return Err(Error::at(path(si, pi), "a range cannot be stacked; draw these series side by side"));
                    }
                    if p.value.low < 0.0 {
                        return Err(Error::at(format!("{}.value", path(si, pi)), "stacked values must not be negative"));
                    }
                }
            }
            if let Kind::Area { .. } = kind {
                let xs: Vec<f64> = series[0].points.iter().map(|p| p.x).collect();
                for (si, s) in series.iter().enumerate().skip(1) {
                    if s.points.iter().map(|p| p.x).ne(xs.iter().copied()) {
                        return Err(Error::at(
                            format!("series[{si}].data"),
                            "stacked areas need the same x values (years) in every series",
                        ));
                    }
                }
            }
        }
        Kind::Gap => {
            for (si, s) in series.iter().enumerate() {
                if s.points.len() < 2 {
                    let at = if spec.series.is_some() { format!("series[{si}].data") } else { base.to_owned() };
                    return Err(Error::at(at, "a gap chart needs two figures: where it starts and where it ends"));
                }
            }
        }
        Kind::Donut { .. } | Kind::Waffle { .. } => {
            for (pi, p) in series[0].points.iter().enumerate() {
                if p.value.low < 0.0 {
                    return Err(Error::at(format!("{}.value", path(0, pi)), "a part of a whole cannot be negative"));
                }
            }
        }
        Kind::Stat if series[0].points.len() > 2 => {
            return Err(Error::at(base, "a stat shows one figure, and at most one more to compare it with"));
        }
        _ => {}
    }
    Ok(())
}

/// The total parts are shares of, checked against the parts.
pub fn check_total(kind: Kind, series: &[Series], spec: &ChartSpec) -> Result<Option<f64>, Error> {
    let Some(total) = spec.total else { return Ok(None) };
    if let Kind::Donut { .. } | Kind::Waffle { .. } = kind {
        let sum: f64 = series[0].points.iter().map(|p| p.value.high).sum();
        if sum > total * (1.0 + 1e-9) {
            return Err(Error::at(
                "total",
                format!("the parts add up to {sum}, more than the total ({total})"),
            ));
        }
    }
    Ok(Some(total))
}

/// The names a spec may give a figure by (in `highlight`, a callout's
/// `target`): its label in any language it has, and its `id`; each maps to
/// the label shown in the chart's language. So one spec, or one dataset,
/// highlights "Homeless people" in all six languages.
pub struct Names(Vec<(String, String)>);

impl Names {
    /// The names of `data`'s figures, shown in `lang`.
    pub fn of(data: &[&crate::spec::Datum], lang: Lang) -> Names {
        let mut out = Vec::new();
        for d in data {
            let Some(label) = &d.label else { continue };
            let shown = label.get(lang).to_owned();
            out.extend(label.all().into_iter().chain(d.id.as_deref()).map(|n| (n.to_owned(), shown.clone())));
        }
        Names(out)
    }

    /// The label shown for the figure called `name` (the name itself when it
    /// is no other figure's name: it may be a shown label already).
    fn shown<'a>(&'a self, name: &'a str) -> &'a str {
        self.0.iter().find(|(n, _)| n == name).map_or(name, |(_, shown)| shown.as_str())
    }
}

/// The highlighted labels, as shown, each checked against the figures.
pub fn highlight(spec: &ChartSpec, series: &[Series], names: &Names) -> Result<Vec<String>, Error> {
    let Some(list) = &spec.highlight else { return Ok(Vec::new()) };
    let labels: Vec<String> = series.iter().flat_map(|s| s.points.iter().map(|p| p.label().to_owned())).collect();
    let mut out = Vec::with_capacity(list.len());
    for (i, h) in list.iter().enumerate() {
        let shown = names.shown(h);
        if !labels.iter().any(|l| l == shown) {
            return Err(Error::at(format!("highlight[{i}]"), no_such_label(h, &labels)));
        }
        out.push(shown.to_owned());
    }
    Ok(out)
}

fn no_such_label(name: &str, labels: &[String]) -> String {
    match suggest(name, labels) {
        Some(best) => format!("no figure is labelled \"{name}\"; did you mean \"{best}\"?"),
        None => format!("no figure is labelled \"{name}\""),
    }
}

/// Resolves the annotations.
pub fn annotations(kind: Kind, lang: Lang, spec: &ChartSpec, series: &[Series], names: &Names) -> Result<Vec<Annotation>, Error> {
    let Some(list) = &spec.annotations else { return Ok(Vec::new()) };
    let mut out = Vec::new();
    for (i, a) in list.iter().enumerate() {
        let at = format!("annotations[{i}]");
        let label = a.label.get(lang).to_owned();
        if label.chars().count() > super::MAX_TEXT_CHARS {
            return Err(Error::at(format!("{at}.label"), "this text is too long"));
        }
        let x = a.axis == Some(AnnotationAxis::X);
        if x && !kind.has_x_axis() {
            return Err(Error::at(format!("{at}.axis"), "this chart has no x axis of numbers or years; use \"value\""));
        }
        if !x && matches!(kind, Kind::Timeline { .. }) && a.kind != AnnotationType::Callout {
            return Err(Error::at(format!("{at}.axis"), "a timeline has only an x axis (years): set \"axis\": \"x\""));
        }
        let num = |field: &str, v: Option<f64>| -> Result<f64, Error> {
            match v {
                Some(v) if v.is_finite() && v.abs() <= MAX_ABS_VALUE => Ok(v),
                Some(v) => Err(Error::at(format!("{at}.{field}"), format!("expected a finite number, found {v}"))),
                None => Err(Error::at(format!("{at}.{field}"), format!("this required field is missing for a \"{}\" annotation", kind_name(a.kind)))),
            }
        };
        let resolved = match a.kind {
            AnnotationType::Line => Annotation::Line { x, at: num("value", a.value)?, label },
            AnnotationType::Band => {
                let (from, to) = (num("from", a.from)?, num("to", a.to)?);
                if from > to {
                    return Err(Error::at(format!("{at}.from"), format!("the band starts ({from}) after it ends ({to})")));
                }
                Annotation::Band { x, from, to, label }
            }
            AnnotationType::Callout => {
                let target = a.target.as_deref().ok_or_else(|| {
                    Error::at(format!("{at}.target"), "this required field is missing: the label (or year) of the figure the callout points at")
                })?;
                let shown = names.shown(target);
                let found = series.iter().enumerate().find_map(|(si, s)| {
                    s.points
                        .iter()
                        .position(|p| p.label() == shown || target.parse::<f64>().is_ok_and(|t| t == p.x && kind.has_x_axis()))
                        .map(|pi| (si, pi))
                });
                let labels: Vec<String> = series.iter().flat_map(|s| s.points.iter().map(|p| p.label().to_owned())).collect();
                let (series, index) = found.ok_or_else(|| Error::at(format!("{at}.target"), no_such_label(target, &labels)))?;
                Annotation::Callout { series, index, label }
            }
        };
        out.push(resolved);
    }
    Ok(out)
}

fn kind_name(k: AnnotationType) -> &'static str {
    match k {
        AnnotationType::Line => "line",
        AnnotationType::Band => "band",
        AnnotationType::Callout => "callout",
    }
}
