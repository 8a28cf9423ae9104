//! The spec: a serde mirror of the JSON a journalist writes.
//!
//! Invariant: no logic here beyond serde defaults. Every struct denies unknown
//! fields (pinned by tests), every closed vocabulary is an enum, and the whole
//! spec is one flat struct read as serde_json streams it, so that every error
//! is raised where its value stands in the text and `parse` can read the exact
//! JSON path of any mistake back from the error's line and column (internally
//! tagged, untagged or flattened enums would buffer the input and lose the
//! place; fields that are a string or an object, `LocalText` and `ThemeSpec`,
//! are read by one hand-written visitor for the same reason).
//! Which option applies to which chart `type` is checked in `model`, and so
//! are the values of a theme object.

mod table;
mod text;

pub use table::{TableColumns, TableFormat, TableSpec};
pub use text::{Lang, LocalText};
pub(crate) use text::{clean, STR_OR_MAP_EXPECTED};

use serde::Deserialize;

#[cfg(not(target_arch = "wasm32"))]
use schemars::JsonSchema;

/// A complete chart spec, as written in JSON.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ChartSpec {
    /// The kind of chart.
    #[serde(rename = "type")]
    pub kind: ChartType,
    /// Headline above the chart.
    #[serde(default)]
    pub title: Option<LocalText>,
    /// One line under the title: what is measured, where and when.
    #[serde(default)]
    pub subtitle: Option<LocalText>,
    /// Where the figures come from; shown under the chart as "Source: …".
    #[serde(default)]
    pub source: Option<LocalText>,
    /// An optional note under the chart (method, caveat).
    #[serde(default)]
    pub note: Option<LocalText>,
    /// Language of labels and number formatting: "en" (default) or "zh".
    #[serde(default)]
    pub locale: Option<Lang>,
    /// Name of a built-in dataset (see `data/datasets/`), used when `data` and
    /// `series` are absent; its title, unit and source fill in missing fields.
    #[serde(default)]
    pub dataset: Option<String>,
    /// The data of a single-series chart.
    #[serde(default)]
    pub data: Option<Vec<Datum>>,
    /// The data of a multi-series chart (line): one entry per series.
    #[serde(default)]
    pub series: Option<Vec<Series>>,
    /// The data as a table instead of `data` or `series`: CSV or TSV text
    /// (a spreadsheet's paste), or JSON records, inline or at a URL.
    #[serde(default)]
    pub table: Option<TableSpec>,
    /// What the values count ("people", "housing units"); used in the axis title.
    #[serde(default)]
    pub unit: Option<LocalText>,
    /// How numbers are written: "auto" (default), "compact" (2.8B), "full"
    /// (2.8 billion), "plain" (25,000) or "percent" (values are percentages).
    #[serde(default)]
    pub number_format: Option<NumberFormat>,
    /// Bar charts: "vertical", "horizontal", or "auto" (default: horizontal when
    /// the category labels would not fit under vertical bars).
    #[serde(default)]
    pub orientation: Option<Orientation>,
    /// Bar charts: print each value on or beside its bar (default true).
    #[serde(default)]
    pub value_labels: Option<bool>,
    /// Title of the value axis; defaults to `unit`.
    #[serde(default)]
    pub axis_title: Option<LocalText>,
    /// Lower end of the value axis (bars always start at zero).
    #[serde(default)]
    pub min: Option<f64>,
    /// Upper end of the value axis.
    #[serde(default)]
    pub max: Option<f64>,
    /// Height of the chart in CSS pixels; by default it follows the content.
    #[serde(default)]
    pub height: Option<f64>,
    /// Width in CSS pixels, used where no container gives one (SVG export).
    #[serde(default)]
    pub width: Option<f64>,
    /// Colours of the series or bars, as "#rrggbb"; defaults to the palette.
    #[serde(default)]
    pub colors: Option<Vec<String>>,
    /// Bar and area charts with several series: stack them (default: bars
    /// side by side, areas overlaid).
    #[serde(default)]
    pub stacked: Option<bool>,
    /// Donut, pie and waffle charts: the whole the parts are shares of (e.g.
    /// 100 for percentages); what the parts leave is drawn as "the rest".
    #[serde(default)]
    pub total: Option<f64>,
    /// Name of "the rest" of the total (default "Other" / "其他").
    #[serde(default)]
    pub rest_label: Option<LocalText>,
    /// Waffle charts: how many units the whole is drawn as (default 100;
    /// 8 draws "one in eight").
    #[serde(default)]
    pub units: Option<u32>,
    /// Waffle charts: what one unit stands for (e.g. 100000000 for "each
    /// square = 100 million people"); replaces `units` and `total`.
    #[serde(default)]
    pub unit_value: Option<f64>,
    /// Timeline charts: the present year; later events are drawn as future.
    #[serde(default)]
    pub now: Option<i32>,
    /// Labels of the categories or figures to highlight; the others are muted.
    #[serde(default)]
    pub highlight: Option<Vec<String>>,
    /// Reference lines, bands and callouts drawn over the chart.
    #[serde(default)]
    pub annotations: Option<Vec<Annotation>>,
    /// Colour theme: "light" or "dark" (default: the page's preference), or
    /// an object of theme values (`base`, `font`, `background`, `text`,
    /// `palette`, `radius`) that override the page's and the built-in ones.
    #[serde(default)]
    pub theme: Option<ThemeSpec>,
}

/// The `theme` field: a built-in theme's name, or an object of theme values.
///
/// Deserialized by hand (a string goes to `ThemeName`, an object to
/// `ThemeObject`) rather than as an untagged enum, which would buffer the
/// input, lose the JSON path and say only "did not match any variant".
#[derive(Debug, Clone, PartialEq)]
pub enum ThemeSpec {
    /// `"light"`, `"dark"` or `"auto"`.
    Named(ThemeName),
    /// `{"base": …, "font": …, "background": …, "text": …, "palette": […], "radius": …}`.
    Custom(ThemeObject),
}

impl<'de> Deserialize<'de> for ThemeSpec {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match d.deserialize_any(text::StrOrMap::Theme)? {
            text::Either::Theme(t) => Ok(t),
            text::Either::Text(_) => Err(serde::de::Error::custom("expected a theme")),
        }
    }
}

/// `"light"`, `"dark"` or `"auto"`.
fn theme_name<E: serde::de::Error>(s: &str) -> Result<ThemeSpec, E> {
    match s {
        "light" => Ok(ThemeSpec::Named(ThemeName::Light)),
        "dark" => Ok(ThemeSpec::Named(ThemeName::Dark)),
        "auto" => Ok(ThemeSpec::Named(ThemeName::Auto)),
        _ => Err(E::unknown_variant(s, &["light", "dark", "auto"])),
    }
}

/// A theme object, read by hand rather than derived: the field values reuse
/// the deserializers `ChartSpec` already has (wasm size), and it streams like
/// the rest, so paths go on to `theme.palette[2]`.
fn theme_object<'de, A: serde::de::MapAccess<'de>>(mut map: A) -> Result<ThemeSpec, A::Error> {
    let mut o = ThemeObject::default();
    let mut seen = 0u8;
    while let Some(key) = map.next_key::<String>()? {
        let Some(i) = ThemeObject::FIELDS.iter().position(|f| *f == key) else {
            return match map.next_value_seed(text::Reject { key, expected: ThemeObject::FIELDS, field: true })? {
                text::Either::Theme(t) => Ok(t),
                text::Either::Text(_) => Err(serde::de::Error::custom("unknown field")),
            };
        };
        if seen & (1 << i) != 0 {
            return Err(serde::de::Error::duplicate_field(ThemeObject::FIELDS[i]));
        }
        seen |= 1 << i;
        match i {
            0 => o.base = map.next_value()?,
            1 => o.font = map.next_value()?,
            2 => o.background = map.next_value()?,
            3 => o.text = map.next_value()?,
            4 => o.palette = map.next_value()?,
            _ => o.radius = map.next_value()?,
        }
    }
    Ok(ThemeSpec::Custom(o))
}

#[cfg(not(target_arch = "wasm32"))]
impl JsonSchema for ThemeSpec {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ThemeSpec".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let name = generator.subschema_for::<ThemeName>();
        let object = generator.subschema_for::<ThemeObject>();
        schemars::json_schema!({
            "description": "A built-in theme's name, or an object of theme values.",
            "anyOf": [name, object]
        })
    }
}

/// Theme values, each optional: they override the built-in theme (`base`)
/// and the page's CSS custom properties (`--housing-chart-*`).
// Read by `ThemeSpec`'s deserializer (which refuses unknown fields), not derived.
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema), schemars(deny_unknown_fields, default))]
pub struct ThemeObject {
    /// The built-in theme the other values modify (default "light", or
    /// "auto" on a page that declares `color-scheme: light dark`).
    pub base: Option<ThemeName>,
    /// Font families for every text of the chart, as in CSS
    /// ("Georgia, 'Times New Roman', serif").
    #[cfg_attr(not(target_arch = "wasm32"), schemars(length(min = 1, max = 200), pattern(r"^[^;{}<>]*$")))]
    pub font: Option<String>,
    /// Background colour, as "#rrggbb".
    #[cfg_attr(not(target_arch = "wasm32"), schemars(pattern(r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")))]
    pub background: Option<String>,
    /// Colour of the title, labels and values, as "#rrggbb" (at least 4.5:1
    /// against the background).
    #[cfg_attr(not(target_arch = "wasm32"), schemars(pattern(r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")))]
    pub text: Option<String>,
    /// Colours of the series, in order, as "#rrggbb" (1 to 24). The spec's
    /// `colors`, when given, wins over it.
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(length(min = 1, max = 24), inner(pattern(r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")))
    )]
    pub palette: Option<Vec<String>>,
    /// Corner radius of bars and waffle squares, in CSS pixels (0 to 24;
    /// never more than half a bar's thickness).
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 0, max = 24)))]
    pub radius: Option<f64>,
}

impl ThemeObject {
    /// The field names, in the order `ThemeSpec`'s deserializer numbers them.
    pub const FIELDS: &'static [&'static str] = &["base", "font", "background", "text", "palette", "radius"];
}

/// The built-in colour themes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum ThemeName {
    /// Dark text on white.
    #[default]
    Light,
    /// Light text on a near-black background.
    Dark,
    /// The reader's choice: dark when their system prefers dark
    /// (`prefers-color-scheme`), else light; light where there is no reader
    /// to ask (SVG rendered in Node, the command line).
    Auto,
}

/// A reference line, band or text callout.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Annotation {
    /// "line", "band" or "callout".
    #[serde(rename = "type")]
    pub kind: AnnotationType,
    /// Which axis a line or band refers to: "value" (default) or "x" (the
    /// years of a line, area or timeline chart).
    #[serde(default)]
    pub axis: Option<AnnotationAxis>,
    /// Position of a reference line.
    #[serde(default)]
    pub value: Option<f64>,
    /// Start of a band.
    #[serde(default)]
    pub from: Option<f64>,
    /// End of a band.
    #[serde(default)]
    pub to: Option<f64>,
    /// Callouts: the label of the figure (or its x for lines) the text points at.
    #[serde(default)]
    pub target: Option<String>,
    /// The text.
    pub label: LocalText,
}

/// Kinds of annotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum AnnotationType {
    /// A reference line across the plot at `value`.
    Line,
    /// A shaded band from `from` to `to`.
    Band,
    /// A text attached to one figure (`target`) with a leader line.
    Callout,
}

/// The axis an annotation refers to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum AnnotationAxis {
    /// The value axis.
    #[default]
    Value,
    /// The x axis of line, area and timeline charts.
    X,
}

/// The kinds of chart.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum ChartType {
    /// Bars, vertical or horizontal, one per datum.
    #[default]
    Bar,
    /// One line per series over a numeric x axis (usually years).
    Line,
    /// Filled areas under lines; several series overlaid or `stacked`.
    Area,
    /// The change between two figures: an arrow from the first to the last
    /// point of `data` (or of each series), with "+79 million" and "×2.5".
    Gap,
    /// Parts of a whole as a ring, labelled directly.
    Donut,
    /// Parts of a whole as a pie, labelled directly.
    Pie,
    /// Parts of a whole as a grid of units ("one in eight").
    Waffle,
    /// One big number with its qualifier, label, context and source.
    Stat,
    /// Events on a year axis; labels never overlap.
    Timeline,
}

/// Orientation of a bar chart.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Orientation {
    /// Horizontal when labels would not fit under vertical bars.
    #[default]
    Auto,
    /// Bars grow upwards from a horizontal category axis.
    Vertical,
    /// Bars grow rightwards from a vertical category axis.
    Horizontal,
}

/// How numbers are written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum NumberFormat {
    /// Words for labels ("2.8 billion"), short forms on axes ("2.8B").
    #[default]
    Auto,
    /// Short forms everywhere ("2.8B", 28亿).
    Compact,
    /// Words everywhere ("2.8 billion").
    Full,
    /// Grouped digits ("25,000").
    Plain,
    /// Values are percentages ("58%").
    Percent,
}

/// How exact a figure is. Labels show it ("300M+", "about 2.8 billion",
/// "350–500M", "130M (projected)"); projected bars are hatched.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Qualifier {
    /// The value as stated.
    #[default]
    Exact,
    /// An approximate value.
    About,
    /// A lower bound: "more than".
    MoreThan,
    /// An upper bound: "less than".
    LessThan,
    /// An interval: `low` and `high` are required, `value` is not used.
    Range,
    /// A projection or forecast (for a future year).
    Projection,
}

/// One figure: a labelled value with its qualifier, year and source.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Datum {
    /// Category label (bar charts) or point label.
    #[serde(default)]
    pub label: Option<LocalText>,
    /// The value. Required unless `qualifier` is "range".
    #[serde(default)]
    pub value: Option<f64>,
    /// Lower end of a range.
    #[serde(default)]
    pub low: Option<f64>,
    /// Upper end of a range.
    #[serde(default)]
    pub high: Option<f64>,
    /// How exact the value is (default "exact"; "range" when low/high are given).
    #[serde(default)]
    pub qualifier: Option<Qualifier>,
    /// Position on the x axis of a line chart; defaults to `year`.
    #[serde(default)]
    pub x: Option<f64>,
    /// The year the figure refers to ("as of" or projection horizon).
    #[serde(default)]
    pub year: Option<i32>,
    /// What the value counts, when it differs from the chart's `unit`.
    #[serde(default)]
    pub unit: Option<LocalText>,
    /// Where this figure comes from.
    #[serde(default)]
    pub source: Option<LocalText>,
    /// A short note on this figure.
    #[serde(default)]
    pub note: Option<LocalText>,
    /// Identifier of the figure in a built-in dataset.
    #[serde(default)]
    pub id: Option<String>,
}

/// One series of a multi-series chart.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Series {
    /// Name shown in the legend.
    pub name: LocalText,
    /// The points of the series.
    #[serde(default)]
    pub data: Vec<Datum>,
    /// Line and area charts, for long series: the x values as one list
    /// (instead of `data`), with `y` of the same length.
    #[serde(default)]
    pub x: Option<Vec<f64>>,
    /// The values matching `x`, one for one.
    #[serde(default)]
    pub y: Option<Vec<f64>>,
    /// Colour as "#rrggbb"; defaults to the palette.
    #[serde(default)]
    pub color: Option<String>,
}

/// A built-in dataset file (`data/datasets/<name>.json`).
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Dataset {
    /// Name used in a spec's `dataset` field.
    pub name: String,
    /// Default chart title.
    #[serde(default)]
    pub title: Option<LocalText>,
    /// Default unit.
    #[serde(default)]
    pub unit: Option<LocalText>,
    /// Default number format.
    #[serde(default)]
    pub number_format: Option<NumberFormat>,
    /// Default source line.
    #[serde(default)]
    pub source: Option<LocalText>,
    /// The figures.
    pub data: Vec<Datum>,
}
