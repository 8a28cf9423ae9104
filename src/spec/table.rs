//! The `table` field: figures given as a table (pasted from a spreadsheet,
//! written as CSV, or fetched from a URL by the page's loader) instead of
//! JSON `data` or `series`. Read into `data` / `series` by `parse::table`.

use serde::Deserialize;

#[cfg(not(target_arch = "wasm32"))]
use schemars::JsonSchema;

/// A table of figures: its text, or the address the page's loader fetches it
/// from, and which column holds what.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct TableSpec {
    /// The table itself, first row the column names: what a paste from a
    /// spreadsheet gives (tab-separated), or CSV (comma or semicolon,
    /// "quoted" fields), or JSON records when `format` is "json".
    #[serde(default)]
    pub text: Option<String>,
    /// Address of a CSV or TSV file, or of JSON records
    /// (`[{"label": …, "value": …}]`), fetched by the page's loader
    /// (`<housing-chart>` or the script tag): https:, or http: from an http:
    /// page. Natively give `text` instead.
    #[serde(default)]
    pub url: Option<String>,
    /// "csv", "tsv" or "json"; by default JSON when the text starts with
    /// `[`, else the separator (tab, semicolon or comma) most used in the
    /// first row.
    #[serde(default)]
    pub format: Option<TableFormat>,
    /// Which column (by its name in the first row) holds what. Columns
    /// named like a field ("label", "value", "year", …) are found without it;
    /// by default the first text column gives the labels and every number
    /// column is a series.
    #[serde(default)]
    pub columns: Option<TableColumns>,
}

/// The forms of table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum TableFormat {
    /// Comma- or semicolon-separated, fields in double quotes where needed.
    Csv,
    /// Tab-separated (a spreadsheet's copy).
    Tsv,
    /// A JSON list of records: `[{"label": "Africa", "value": 51000000}]`.
    Json,
}

/// The column (by name) of each field of a figure; every one optional.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct TableColumns {
    /// The figures' labels (categories, events).
    #[serde(default)]
    pub label: Option<String>,
    /// The values; with it the table is one figure per row (and `series`,
    /// if given, says which series each row belongs to).
    #[serde(default)]
    pub value: Option<String>,
    /// Lower ends of ranges.
    #[serde(default)]
    pub low: Option<String>,
    /// Upper ends of ranges.
    #[serde(default)]
    pub high: Option<String>,
    /// Qualifiers ("about", "more-than", "less-than", "range", "projection").
    #[serde(default)]
    pub qualifier: Option<String>,
    /// The years the figures refer to (the x axis of line and area charts).
    #[serde(default)]
    pub year: Option<String>,
    /// Positions on the x axis, when they are not years.
    #[serde(default)]
    pub x: Option<String>,
    /// The series each row belongs to (its name), one row per figure.
    #[serde(default)]
    pub series: Option<String>,
    /// Notes on the figures.
    #[serde(default)]
    pub note: Option<String>,
    /// Sources of the figures.
    #[serde(default)]
    pub source: Option<String>,
    /// The number columns drawn as series, in this order (default: every
    /// number column that has no other use).
    #[serde(default)]
    pub values: Option<Vec<String>>,
}
