//! The resolved chart: defaults applied, dataset looked up, every value
//! checked. Nothing here knows about pixels.
//!
//! Invariant: a `Chart` that `resolve` returns is drawable: every number is
//! finite, every range has `low <= high`, every series has at least one point,
//! every colour parsed. `layout` and `draw` never fail because of the data.

mod datasets;
mod options;
mod series;
mod texts;

pub use datasets::{dataset, Asked, Datasets, Missing, NoDatasets, NAMES as DATASET_NAMES};
#[cfg(not(target_arch = "wasm32"))]
pub use datasets::BuiltIn;

use crate::error::{Error, Warning};
use series::{check_text, columns, resolve_series};
use crate::format::Formatter;
use crate::spec::{ChartSpec, ChartType, Datum, Lang, LocalText, NumberFormat, Orientation, Qualifier, ThemeObject, ThemeSpec};
use crate::theme::{Overrides, Rgba, Theme};

/// Most bars in one bar chart.
pub const MAX_BARS: usize = 500;
/// Most series in one chart.
pub const MAX_SERIES: usize = 50;
/// Most points in one line series.
pub const MAX_POINTS: usize = 1_000_000;
/// Longest title, label or note, in characters.
pub const MAX_TEXT_CHARS: usize = 2_000;
/// Largest magnitude of a value (beyond it, axes stop meaning anything).
pub const MAX_ABS_VALUE: f64 = 1e15;
/// Allowed chart width and height, CSS pixels.
pub const SIZE_RANGE: (f64, f64) = (100.0, 4000.0);

/// A figure's value: `low == high` unless the qualifier is `Range`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Value {
    /// Lower end (equal to `high` for a single value).
    pub low: f64,
    /// Upper end, or the value.
    pub high: f64,
    /// How exact it is.
    pub qualifier: Qualifier,
}

/// One point of a series.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// Position on a numeric x axis (lines); the index for bars.
    pub x: f64,
    /// The value.
    pub value: Value,
    /// The year the figure refers to.
    pub year: Option<i32>,
    /// Its label, note and source, when it has any: boxed, because the
    /// points of a long series have none, and a million points are read at
    /// every render (48 bytes a point instead of 112).
    pub about: Option<Box<About>>,
}

/// What a figure says about itself besides its value.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct About {
    /// Category label (bars) or point label.
    pub label: String,
    /// A note on the figure (timeline events carry their description here).
    pub note: Option<String>,
    /// Where this figure comes from, when it says.
    pub source: Option<String>,
    /// Its place in the spec's `data` list, for messages: the points of a
    /// line or timeline are sorted by `x`, so their order is not the spec's.
    pub index: usize,
}

impl Point {
    /// Its label ("" when it has none).
    pub fn label(&self) -> &str {
        self.about.as_ref().map_or("", |a| a.label.as_str())
    }

    /// A note on the figure.
    pub fn note(&self) -> Option<&str> {
        self.about.as_ref().and_then(|a| a.note.as_deref())
    }

    /// Where this figure comes from, when it says.
    pub fn source(&self) -> Option<&str> {
        self.about.as_ref().and_then(|a| a.source.as_deref())
    }
}

/// One series: a name, a colour and its points.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Legend name (empty for a single unnamed series).
    pub name: String,
    /// Colour of its marks.
    pub color: Rgba,
    /// Its points; lines are sorted by x.
    pub points: Vec<Point>,
    /// The range of its x and of its values (low to high), worked out once
    /// here so that a layout (every resize) need not read every point.
    pub extent: Extent,
}

/// The range of a series' x positions and values; empty (lo > hi) for a
/// series without points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Extent {
    /// Least and greatest x.
    pub x: (f64, f64),
    /// Least `low` and greatest `high`.
    pub value: (f64, f64),
}

impl Extent {
    /// Nothing yet: every bound the wrong way round.
    pub const EMPTY: Extent = Extent { x: (f64::INFINITY, f64::NEG_INFINITY), value: (f64::INFINITY, f64::NEG_INFINITY) };

    /// The extent of `points`.
    pub fn of(points: &[Point]) -> Extent {
        points.iter().fold(Extent::EMPTY, |e, p| Extent {
            x: (e.x.0.min(p.x), e.x.1.max(p.x)),
            value: (e.value.0.min(p.value.low), e.value.1.max(p.value.high)),
        })
    }

    /// Both extents together.
    pub fn union(self, other: Extent) -> Extent {
        Extent {
            x: (self.x.0.min(other.x.0), self.x.1.max(other.x.1)),
            value: (self.value.0.min(other.value.0), self.value.1.max(other.value.1)),
        }
    }
}

/// The kind of chart, with its kind-specific options resolved.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    /// Bars; the orientation may still be `Auto` (layout decides).
    Bar {
        /// Requested orientation.
        orientation: Orientation,
        /// Several series stacked rather than side by side.
        stacked: bool,
    },
    /// Lines over a numeric x axis.
    Line,
    /// Areas under lines, overlaid or stacked.
    Area {
        /// Stacked rather than overlaid.
        stacked: bool,
    },
    /// An arrow from the first to the last point of each series.
    Gap,
    /// A ring (`hole`) or pie of parts of a whole.
    Donut {
        /// A ring rather than a pie.
        hole: bool,
    },
    /// A grid of units.
    Waffle {
        /// Units in the whole grid.
        units: u32,
        /// What one unit stands for, when the spec says so.
        unit_value: Option<f64>,
    },
    /// One big number.
    Stat,
    /// Events on a year axis.
    Timeline {
        /// The present year: later events are future.
        now: Option<i32>,
    },
}

impl Kind {
    /// Charts whose points sit on a numeric x axis (years).
    pub fn has_x_axis(self) -> bool {
        matches!(self, Kind::Line | Kind::Area { .. } | Kind::Timeline { .. })
    }

    /// Charts whose points need a value.
    pub fn needs_values(self) -> bool {
        !matches!(self, Kind::Timeline { .. })
    }
}

/// A resolved annotation.
#[derive(Debug, Clone, PartialEq)]
pub enum Annotation {
    /// A reference line at `at` on the value axis (`x == false`) or the x axis.
    Line {
        /// On the x axis rather than the value axis.
        x: bool,
        /// Position.
        at: f64,
        /// Text.
        label: String,
    },
    /// A band from `from` to `to`.
    Band {
        /// On the x axis rather than the value axis.
        x: bool,
        /// Start (≤ `to`).
        from: f64,
        /// End.
        to: f64,
        /// Text.
        label: String,
    },
    /// A text attached to point `index` of series `series`.
    Callout {
        /// Series index.
        series: usize,
        /// Point index.
        index: usize,
        /// Text.
        label: String,
    },
}

/// A chart ready for layout.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// What kind of chart.
    pub kind: Kind,
    /// Language of the chart.
    pub lang: Lang,
    /// How its numbers are written.
    pub fmt: Formatter,
    /// Title, if any.
    pub title: Option<String>,
    /// Subtitle, if any.
    pub subtitle: Option<String>,
    /// Source line, if any (without the "Source:" prefix).
    pub source: Option<String>,
    /// Note, if any.
    pub note: Option<String>,
    /// Title of the value axis, if any.
    pub axis_title: Option<String>,
    /// The data: one series for bars.
    pub series: Vec<Series>,
    /// Print values on the marks.
    pub value_labels: bool,
    /// Requested lower and upper ends of the value axis.
    pub min: Option<f64>,
    /// See `min`.
    pub max: Option<f64>,
    /// Requested height in CSS pixels.
    pub height: Option<f64>,
    /// Requested width in CSS pixels.
    pub width: Option<f64>,
    /// Colours and type.
    pub theme: Theme,
    /// x values are whole numbers (years): written without grouping.
    pub integer_x: bool,
    /// The whole that parts (donut, pie, waffle) are shares of.
    pub total: Option<f64>,
    /// Name of what the parts leave of the total.
    pub rest_label: String,
    /// Labels to highlight (empty: all drawn alike).
    pub highlight: Vec<String>,
    /// Reference lines, bands and callouts.
    pub annotations: Vec<Annotation>,
}

impl Chart {
    /// Whether the figure labelled `label` is drawn in full colour.
    pub fn is_highlighted(&self, label: &str) -> bool {
        self.highlight.is_empty() || self.highlight.iter().any(|h| h == label)
    }
}

/// Resolves a spec into a drawable chart, or says exactly what is wrong.
pub fn resolve(spec: &ChartSpec) -> Result<(Chart, Vec<Warning>), Error> {
    resolve_with(spec, &Overrides::default())
}

/// `resolve`, with the page's theme values (its CSS custom properties,
/// already checked) between the built-in theme and the spec's `theme` object.
pub fn resolve_with(spec: &ChartSpec, page: &Overrides) -> Result<(Chart, Vec<Warning>), Error> {
    resolve_columns(spec, page, &[], crate::built_in_datasets())
}

/// `resolve_with`, with some series' `x` and `y` given apart from the spec
/// (typed arrays from JavaScript: read where they are, never copied into it).
/// Datasets named by the spec come from `datasets`.
pub fn resolve_columns(
    spec: &ChartSpec,
    page: &Overrides,
    given: &[crate::Columns],
    datasets: &dyn Datasets,
) -> Result<(Chart, Vec<Warning>), Error> {
    let mut warnings = Vec::new();
    let lang = spec.locale.unwrap_or_default();
    let ds = match &spec.dataset {
        Some(name) => Some(dataset(datasets, name).map_err(|e| Error::at("dataset", e.message()))?),
        None => None,
    };
    let pick = |own: &Option<LocalText>, fallback: Option<&Option<LocalText>>| -> Option<String> {
        own.as_ref().or(fallback.and_then(|f| f.as_ref())).map(|t| t.get(lang).to_owned())
    };
    warnings.extend(texts::fallbacks(spec, ds.as_ref(), lang));
    let title = pick(&spec.title, ds.as_ref().map(|d| &d.title));
    let unit = pick(&spec.unit, ds.as_ref().map(|d| &d.unit));
    let source = pick(&spec.source, ds.as_ref().map(|d| &d.source));
    let number_format = spec
        .number_format
        .or(ds.as_ref().and_then(|d| d.number_format))
        .unwrap_or(NumberFormat::Auto);

    for (path, text) in texts::top_texts(spec) {
        if let Some(t) = text {
            check_text(path, t)?;
        }
    }

    let theme = resolve_theme(spec, page, &mut warnings)?;

    options::check_applies(spec)?;
    let kind = match spec.kind {
        ChartType::Bar => Kind::Bar {
            orientation: spec.orientation.unwrap_or_default(),
            stacked: spec.stacked.unwrap_or(false),
        },
        ChartType::Line => Kind::Line,
        ChartType::Area => Kind::Area { stacked: spec.stacked.unwrap_or(false) },
        ChartType::Gap => Kind::Gap,
        ChartType::Donut => Kind::Donut { hole: true },
        ChartType::Pie => Kind::Donut { hole: false },
        ChartType::Waffle => Kind::Waffle { units: spec.units.unwrap_or(100), unit_value: spec.unit_value },
        ChartType::Stat => Kind::Stat,
        ChartType::Timeline => Kind::Timeline { now: spec.now },
    };
    let mut series = Vec::new();
    match (&spec.data, &spec.series, &ds) {
        (Some(data), _, _) => {
            series.push(resolve_series(kind, lang, "data", "", data, theme.palette[0])?);
        }
        (None, Some(list), _) => {
            if list.is_empty() {
                return Err(Error::at("series", "the list of series is empty"));
            }
            if list.len() > MAX_SERIES {
                return Err(Error::at(
                    "series",
                    format!("{} series is too many; the limit is {MAX_SERIES}", list.len()),
                ));
            }
            for (i, s) in list.iter().enumerate() {
                let color = match &s.color {
                    Some(c) => parse_color(&format!("series[{i}].color"), c)?,
                    None => theme.palette[i % theme.palette.len()],
                };
                check_text(&format!("series[{i}].name"), &s.name)?;
                let name = s.name.get(lang);
                let apart = given.iter().find(|c| c.series == i);
                let x = apart.and_then(|c| c.x.as_deref()).or(s.x.as_deref());
                let y = apart.and_then(|c| c.y.as_deref()).or(s.y.as_deref());
                series.push(match (x, y) {
                    (None, None) => resolve_series(kind, lang, &format!("series[{i}].data"), name, &s.data, color)?,
                    (Some(x), Some(y)) => {
                        if !s.data.is_empty() {
                            return Err(Error::at(format!("series[{i}].data"), "give either `data` or the columns `x` and `y`, not both"));
                        }
                        columns(kind, &format!("series[{i}]"), name, x, y, color)?
                    }
                    (Some(_), None) => return Err(Error::at(format!("series[{i}].y"), "this required field is missing: `x` needs its values in `y`")),
                    (None, Some(_)) => return Err(Error::at(format!("series[{i}].x"), "this required field is missing: `y` needs its positions in `x`")),
                });
            }
        }
        (None, None, Some(d)) => {
            series.push(resolve_series(kind, lang, "dataset", "", &d.data, theme.palette[0])?);
        }
        (None, None, None) => {
            let what = if options::takes_series(kind) {
                "give `data` (a list of figures), `table`, `series` or `dataset` (the name of a built-in dataset)"
            } else {
                "give `data` (a list of figures), `table` or `dataset` (the name of a built-in dataset)"
            };
            return Err(Error::at("data", format!("this required field is missing: {what}")));
        }
    }
    let integer_x = series.iter().all(|s| s.points.iter().all(|p| p.x.fract() == 0.0));
    options::check_series(kind, &series, spec)?;
    let total = options::check_total(kind, &series, spec)?;
    // A highlight or callout may name a figure by its label in any language
    // of the spec or dataset, or by its `id`: each name maps to the label shown.
    let raw: Vec<&Datum> = match (&spec.data, &spec.series, &ds) {
        (Some(data), _, _) => data.iter().collect(),
        (None, Some(list), _) => list.iter().flat_map(|s| s.data.iter()).collect(),
        (None, None, Some(d)) => d.data.iter().collect(),
        _ => Vec::new(),
    };
    let names = options::Names::of(&raw, lang);
    let highlight = options::highlight(spec, &series, &names)?;
    let annotations = options::annotations(kind, lang, spec, &series, &names)?;

    let (min, max) = (spec.min, spec.max);
    for (field, v) in [("min", min), ("max", max)] {
        if let Some(v) = v {
            if !v.is_finite() || v.abs() > MAX_ABS_VALUE {
                return Err(Error::at(field, format!("expected a number of at most {MAX_ABS_VALUE:e} in size")));
            }
        }
    }
    if let (Some(lo), Some(hi)) = (min, max) {
        if lo >= hi {
            return Err(Error::at("max", format!("`max` ({hi}) must be greater than `min` ({lo})")));
        }
    }
    if matches!(kind, Kind::Bar { .. } | Kind::Area { .. }) && min.is_some_and(|m| m > 0.0) {
        warnings.push(Warning::at("min", "bars start at zero so that their lengths stay honest; `min` is ignored"));
    }
    for (field, v) in [("height", spec.height), ("width", spec.width)] {
        if let Some(v) = v {
            if !(SIZE_RANGE.0..=SIZE_RANGE.1).contains(&v) {
                return Err(Error::at(
                    field,
                    format!("expected a size from {} to {} pixels, found {v}", SIZE_RANGE.0, SIZE_RANGE.1),
                ));
            }
        }
    }
    if number_format == NumberFormat::Percent {
        for s in &series {
            if s.points.iter().any(|p| p.value.high > 100.0 || p.value.low < 0.0) {
                warnings.push(Warning::at(
                    "numberFormat",
                    "some values are outside 0–100 although the format is \"percent\"",
                ));
                break;
            }
        }
    }

    let chart = Chart {
        kind,
        lang,
        fmt: Formatter::new(lang, number_format),
        title,
        subtitle: spec.subtitle.as_ref().map(|t| t.get(lang).to_owned()),
        source,
        note: spec.note.as_ref().map(|t| t.get(lang).to_owned()),
        axis_title: spec.axis_title.as_ref().map(|t| t.get(lang).to_owned()).or(unit),
        series,
        value_labels: spec.value_labels.unwrap_or(true),
        min: if matches!(kind, Kind::Bar { .. } | Kind::Area { .. }) { min.filter(|m| *m <= 0.0) } else { min },
        max,
        height: spec.height,
        width: spec.width,
        theme,
        integer_x,
        total,
        rest_label: spec
            .rest_label
            .as_ref()
            .map(|t| t.get(lang).to_owned())
            .unwrap_or_else(|| crate::i18n::words(lang).other.to_owned()),
        highlight,
        annotations,
    };
    Ok((chart, warnings))
}

/// The theme: built-in (the spec's name or `base`, else light) < the page's
/// values < the spec's `theme` object < the spec's `colors` (which also gives
/// single-series bars one colour each). Text below 4.5:1 on the background is
/// a warning, not an error.
fn resolve_theme(spec: &ChartSpec, page: &Overrides, warnings: &mut Vec<Warning>) -> Result<Theme, Error> {
    let (name, own) = match &spec.theme {
        None => (Default::default(), None),
        Some(ThemeSpec::Named(name)) => (*name, None),
        Some(ThemeSpec::Custom(o)) => (o.base.unwrap_or_default(), Some(theme_object(o)?)),
    };
    let own = own.unwrap_or_default();
    let mut theme = Theme::named(name);
    theme.apply(page);
    theme.apply(&own);
    if let Some(colors) = &spec.colors {
        if colors.is_empty() {
            return Err(Error::at("colors", "give at least one colour, or leave `colors` out"));
        }
        theme.palette = parse_colors("colors", colors)?;
        theme.custom_palette = true;
    }
    let ratio = theme.text.contrast(theme.background);
    if ratio < crate::theme::MIN_TEXT_CONTRAST {
        let path = if own.text.is_some() {
            "theme.text"
        } else if own.background.is_some() {
            "theme.background"
        } else {
            ""
        };
        let whose = if path.is_empty() { "the page's " } else { "" };
        warnings.push(Warning::at(
            path,
            format!(
                "{whose}text colour {} on background {} has a contrast of {:.2}:1; text needs at least 4.5:1 to be readable",
                theme.text.hex(),
                theme.background.hex(),
                (ratio * 100.0).floor() / 100.0
            ),
        ));
    }
    Ok(theme)
}

/// Checks a spec's `theme` object, naming the path of the first bad value.
fn theme_object(o: &ThemeObject) -> Result<Overrides, Error> {
    use crate::theme::{check_font, check_radius, MAX_PALETTE};
    if let Some(f) = &o.font {
        check_font(f).map_err(|e| Error::at("theme.font", e))?;
    }
    let mut palette = None;
    if let Some(list) = &o.palette {
        if list.is_empty() || list.len() > MAX_PALETTE {
            let why = if list.is_empty() { "give at least one colour, or leave `palette` out".to_owned() } else { format!("{} colours is too many; the limit is {MAX_PALETTE}", list.len()) };
            return Err(Error::at("theme.palette", why));
        }
        palette = Some(parse_colors("theme.palette", list)?);
    }
    let color = |path: &str, c: &Option<String>| c.as_deref().map(|c| parse_color(path, c)).transpose();
    Ok(Overrides {
        font: o.font.clone(),
        background: color("theme.background", &o.background)?,
        text: color("theme.text", &o.text)?,
        palette,
        radius: o.radius.map(check_radius).transpose().map_err(|e| Error::at("theme.radius", e))?,
    })
}

/// Every colour of the list at `path`, the first bad one named by its index.
fn parse_colors(path: &str, list: &[String]) -> Result<Vec<Rgba>, Error> {
    list.iter().enumerate().map(|(i, c)| parse_color(&format!("{path}[{i}]"), c)).collect()
}

fn parse_color(path: &str, c: &str) -> Result<Rgba, Error> {
    Rgba::parse_hex(c).ok_or_else(|| Error::at(path, format!("expected a colour as \"#rrggbb\", found \"{c}\"")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extent_covers_every_point_and_range() {
        let (c, _) = crate::prepare(r#"{"type": "line", "data": [{"x": 3, "value": 5}, {"x": -1, "low": -2, "high": 9}, {"x": 7, "value": 0}]}"#).unwrap();
        assert_eq!(c.series[0].extent, Extent { x: (-1.0, 7.0), value: (-2.0, 9.0) });
        assert_eq!(c.series[0].extent, Extent::of(&c.series[0].points));
    }

    /// A long series is read point by point at every render: a point stays
    /// small (what few figures carry besides numbers is boxed).
    #[test]
    fn a_point_stays_small() {
        assert!(std::mem::size_of::<Point>() <= 48, "{} bytes", std::mem::size_of::<Point>());
    }

    #[test]
    fn label_note_and_source_are_boxed_only_when_given() {
        let (c, _) = crate::prepare(r#"{"type": "bar", "data": [{"label": "a", "value": 1}, {"label": "b", "value": 2, "note": "n", "source": {"en": "s", "zh": "来源"}}]}"#).unwrap();
        let p = &c.series[0].points;
        assert_eq!((p[0].label(), p[0].note(), p[0].source()), ("a", None, None));
        assert_eq!((p[1].label(), p[1].note(), p[1].source()), ("b", Some("n"), Some("s")));
        let (c, _) = crate::prepare(r#"{"type": "line", "series": [{"name": "w", "x": [1, 2], "y": [3, 4]}]}"#).unwrap();
        assert!(c.series[0].points.iter().all(|p| p.about.is_none() && p.label().is_empty()));
    }
}
