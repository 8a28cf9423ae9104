//! A table's `Grid` → the spec's `data` or `series`: columns mapped to the
//! fields of a figure, cells read as numbers in the chart's language
//! (`format::read_number`), every mistake named by its row and column.
//!
//! Defaults: a column named like a field ("label", "value", "year", …, any
//! case) is that field; `table.columns` names the others. Without a label
//! column the first text column gives the labels; line and area charts
//! without a year or x column take their x from the first column when it
//! holds numbers. Without a value column every number column left is a
//! series (one: `data`; several: `series`, named by their columns); with
//! one the table has a figure per row, grouped into series by the `series`
//! column if there is one.

use crate::error::Error;
use crate::format::read_number;
use crate::spec::{ChartSpec, ChartType, Datum, Lang, LocalText, NumberFormat, Qualifier, Series, TableColumns};

use super::table::{Cell, Grid};

/// The fields a column may give, in the order of `TableColumns`.
const FIELDS: [&str; 10] = ["label", "value", "low", "high", "qualifier", "year", "x", "series", "note", "source"];
const LABEL: usize = 0;
const VALUE: usize = 1;
const LOW: usize = 2;
const HIGH: usize = 3;
const QUALIFIER: usize = 4;
const YEAR: usize = 5;
const X: usize = 6;
const SERIES: usize = 7;
const NOTE: usize = 8;
const SOURCE: usize = 9;

const QUALIFIERS: [(&str, Qualifier); 6] = [
    ("exact", Qualifier::Exact),
    ("about", Qualifier::About),
    ("more-than", Qualifier::MoreThan),
    ("less-than", Qualifier::LessThan),
    ("range", Qualifier::Range),
    ("projection", Qualifier::Projection),
];

/// Where the figures made from a table came from, so that an error `model`
/// finds in them (`series[1].data[4].value`) names the row and column.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Origin {
    /// Whether the figures went to `series` (else to `data`).
    series: bool,
    /// Per series: its value column, and the data row of each figure.
    parts: Vec<(Option<String>, Vec<usize>)>,
    /// The column of each field, by `FIELDS` index.
    columns: [Option<String>; 10],
}

impl Origin {
    /// `e` told by row and column when its path is one of the figures.
    pub fn rewrite(&self, e: Error) -> Error {
        let Some((s, rest)) = self.split(&e.path) else { return e };
        let Some((column, rows)) = self.parts.get(s) else { return e };
        let (index, field) = match rest.strip_prefix('[').and_then(|r| r.split_once(']')) {
            Some((i, f)) => (i.parse::<usize>().ok(), f.strip_prefix('.')),
            None if rest.is_empty() => (None, None),
            None => return e,
        };
        let col = match field {
            Some("value") | None => column.clone(),
            Some(f) => FIELDS.iter().position(|n| *n == f).and_then(|i| self.columns[i].clone()).or_else(|| column.clone()),
        };
        let mut at = String::new();
        if let Some(row) = index.and_then(|i| rows.get(i)) {
            at = format!("data row {row}");
        }
        if let Some(c) = col {
            at = if at.is_empty() { format!("column \"{c}\"") } else { format!("{at}, column \"{c}\"") };
        }
        let message = if at.is_empty() { e.message } else { format!("{at}: {}", e.message) };
        Error::at("table", message)
    }

    /// The series index and what follows `data` in a figure's path.
    fn split<'a>(&self, path: &'a str) -> Option<(usize, &'a str)> {
        if self.series {
            let rest = path.strip_prefix("series[")?;
            let (s, rest) = rest.split_once(']')?;
            Some((s.parse().ok()?, rest.strip_prefix(".data")?))
        } else {
            Some((0, path.strip_prefix("data")?))
        }
    }
}

/// Reads the spec's `table`, if any, into its `data` or `series`, numbers
/// as its `locale` writes them (set it first); the table is taken out of the
/// spec. The `Origin` rewrites `model`'s errors about those figures.
pub fn from_table(spec: &mut ChartSpec) -> Result<Option<Origin>, Error> {
    let Some(table) = spec.table.take() else { return Ok(None) };
    let given = [("data", spec.data.is_some()), ("series", spec.series.is_some()), ("dataset", spec.dataset.is_some())];
    if let Some((other, _)) = given.iter().find(|(_, set)| *set) {
        return Err(Error::at("table", format!("give either `table` or `{other}`, not both")));
    }
    let text = match (&table.text, &table.url) {
        (Some(text), _) => text,
        (None, Some(_)) => {
            return Err(Error::at(
                "table.url",
                "a table at an address is fetched by the page's loader (<housing-chart> or the script tag); here give the table itself in `table.text`",
            ))
        }
        (None, None) => return Err(Error::at("table", "this required field is missing: give `text` (the table itself) or `url` (its address)")),
    };
    let grid = super::table::read(text, table.format)?;
    fill(spec, &grid, table.columns.as_ref(), spec.locale.unwrap_or_default()).map(Some)
}

fn at(row: usize, column: &str, message: impl std::fmt::Display) -> Error {
    Error::at("table", format!("data row {row}, column \"{column}\": {message}"))
}

/// The column named `name` (any case).
fn find(header: &[String], name: &str) -> Option<usize> {
    header.iter().position(|h| h.eq_ignore_ascii_case(name.trim()))
}

/// The column a `table.columns` entry names, or an error naming the columns there are.
fn named(header: &[String], field: &str, name: &str) -> Result<usize, Error> {
    find(header, name).ok_or_else(|| {
        let hint = super::suggest(name, header).map(|s| format!("; did you mean \"{s}\"?")).unwrap_or_default();
        Error::at(
            format!("table.columns.{field}"),
            format!("no column is named \"{name}\"{hint} (the columns are {})", list(header)),
        )
    })
}

fn list(header: &[String]) -> String {
    header.iter().map(|h| format!("\"{h}\"")).collect::<Vec<_>>().join(", ")
}

/// The text of a cell (a JSON number written plainly).
fn text(cell: &Cell) -> String {
    match cell {
        Cell::Text(t) => t.clone(),
        Cell::Number(n) => n.to_string(),
    }
}

/// The number in a cell: `None` when empty, an error naming row and column
/// when the cell holds something else. The bool says "written with %".
fn number(cell: &Cell, lang: Lang, row: usize, column: &str) -> Result<Option<(f64, bool)>, Error> {
    match cell {
        Cell::Number(n) => Ok(Some((*n, false))),
        Cell::Text(t) if t.is_empty() => Ok(None),
        Cell::Text(t) => match read_number(t, lang) {
            Some(r) => Ok(Some((r.value, r.percent))),
            None => {
                let hint = if t.chars().any(|c| c.is_ascii_digit()) && t.chars().all(|c| c.is_ascii_digit() || (!c.is_ascii_alphabetic() && c < '\u{2010}')) {
                    format!(" as the chart's language ({}) writes numbers, such as {}", lang.code(), crate::format::example(lang))
                } else {
                    String::new()
                };
                Err(at(row, column, format!("\"{t}\" is not a number{hint}")))
            }
        },
    }
}

/// Whether most of the filled cells of column `j` are numbers.
fn is_numeric(grid: &Grid, j: usize, lang: Lang) -> bool {
    let (mut filled, mut numbers) = (0, 0);
    for cells in grid.rows.iter().flatten() {
        match &cells[j] {
            c if c.is_empty() => {}
            Cell::Number(_) => (filled, numbers) = (filled + 1, numbers + 1),
            Cell::Text(t) => {
                filled += 1;
                numbers += usize::from(read_number(t, lang).is_some());
            }
        }
    }
    filled > 0 && numbers * 2 >= filled
}

/// Whether every number of column `j` is a whole year.
fn is_years(grid: &Grid, j: usize, lang: Lang) -> bool {
    grid.rows.iter().flatten().all(|cells| match &cells[j] {
        c if c.is_empty() => true,
        Cell::Number(n) => n.fract() == 0.0 && n.abs() < 1e5,
        Cell::Text(t) => read_number(t, lang).is_some_and(|r| r.value.fract() == 0.0 && r.value.abs() < 1e5 && !r.percent),
    })
}

/// Fills `spec.data` or `spec.series` from `grid`, its numbers read as `lang` writes them.
pub fn fill(spec: &mut ChartSpec, grid: &Grid, given: Option<&TableColumns>, lang: Lang) -> Result<Origin, Error> {
    let header = &grid.header;
    let mut cols: [Option<usize>; 10] = [None; 10];
    let default = TableColumns::default();
    let given = given.unwrap_or(&default);
    let explicit = [
        &given.label, &given.value, &given.low, &given.high, &given.qualifier, &given.year, &given.x, &given.series, &given.note, &given.source,
    ];
    for (i, name) in explicit.iter().enumerate() {
        if let Some(name) = name {
            cols[i] = Some(named(header, FIELDS[i], name)?);
        }
    }
    // Columns named like a field, unless `columns` gave that column another field.
    for (i, field) in FIELDS.iter().enumerate() {
        if cols[i].is_none() {
            cols[i] = find(header, field).filter(|j| !cols.contains(&Some(*j)));
        }
    }
    let x_axis = matches!(spec.kind, ChartType::Line | ChartType::Area | ChartType::Timeline);
    let used = |cols: &[Option<usize>; 10], j: usize| cols.contains(&Some(j));
    if x_axis && cols[YEAR].is_none() && cols[X].is_none() && !used(&cols, 0) && is_numeric(grid, 0, lang) {
        cols[if is_years(grid, 0, lang) { YEAR } else { X }] = Some(0);
    }
    if cols[LABEL].is_none() {
        cols[LABEL] = (0..header.len()).find(|j| !used(&cols, *j) && !is_numeric(grid, *j, lang));
    }
    // Bars of years: the year column gives the labels too.
    let label_from_year = cols[LABEL].is_none() && !x_axis && cols[YEAR].is_some();
    let values: Vec<usize> = match (&given.values, cols[VALUE]) {
        (Some(names), _) => names.iter().map(|n| named(header, "values", n)).collect::<Result<_, _>>()?,
        (None, Some(v)) => vec![v],
        (None, None) => (0..header.len()).filter(|j| !used(&cols, *j) && is_numeric(grid, *j, lang)).collect(),
    };
    let values = if values.is_empty() && cols[LABEL].is_none() && !label_from_year && header.len() > 1 && !x_axis {
        // No text column: the first column gives the labels, the others the values.
        cols[LABEL] = Some(0);
        (1..header.len()).filter(|j| !used(&cols, *j) && is_numeric(grid, *j, lang)).collect()
    } else {
        values
    };
    // No number column: the one column left is the values', so that its
    // cells that are not numbers are named.
    let unused: Vec<usize> = (0..header.len()).filter(|j| !used(&cols, *j)).collect();
    let values = if values.is_empty() && unused.len() == 1 && spec.kind != ChartType::Timeline { unused } else { values };
    if values.is_empty() && spec.kind != ChartType::Timeline {
        return Err(Error::at(
            "table",
            format!("no column of numbers (the columns are {}): name the values' column in `table.columns.value`", list(header)),
        ));
    }
    let takes_series = matches!(spec.kind, ChartType::Bar | ChartType::Line | ChartType::Area | ChartType::Gap);
    if values.len() > 1 && (!takes_series || cols[SERIES].is_some()) {
        let names: Vec<&str> = values.iter().map(|j| header[*j].as_str()).collect();
        return Err(Error::at(
            "table",
            format!(
                "{} columns of numbers ({}), but this chart draws one: name it in `table.columns.value`",
                names.len(),
                list(&names.iter().map(|s| s.to_string()).collect::<Vec<_>>())
            ),
        ));
    }

    // One series per value column, or per name in the series column.
    let mut parts: Vec<(String, Option<usize>, Vec<Datum>, Vec<usize>)> = match cols[SERIES] {
        Some(_) => Vec::new(),
        None if values.is_empty() => vec![(String::new(), None, Vec::new(), Vec::new())],
        None => values.iter().map(|j| (header[*j].clone(), Some(*j), Vec::new(), Vec::new())).collect(),
    };
    let mut percent = (0usize, 0usize); // (with %, all)
    for (r, cells) in grid.rows.iter().enumerate() {
        let Some(cells) = cells else { continue };
        let row = r + 1;
        let base = datum(cells, &cols, header, lang, row, label_from_year)?;
        let group = match cols[SERIES] {
            Some(j) => {
                let name = text(&cells[j]);
                if name.is_empty() {
                    return Err(at(row, &header[j], "the cell is empty: name the series this row belongs to"));
                }
                Some(parts.iter().position(|p| p.0 == name).unwrap_or_else(|| {
                    parts.push((name, values.first().copied(), Vec::new(), Vec::new()));
                    parts.len() - 1
                }))
            }
            None => None,
        };
        for (p, (_, column, data, rows)) in parts.iter_mut().enumerate() {
            if group.is_some_and(|g| g != p) {
                continue;
            }
            let mut d = base.clone();
            if let Some(j) = *column {
                match number(&cells[j], lang, row, &header[j])? {
                    Some((v, pct)) => {
                        d.value = Some(v);
                        percent = (percent.0 + usize::from(pct), percent.1 + 1);
                    }
                    // A line's point left out where its cell is empty.
                    None if x_axis && values.len() > 1 => continue,
                    None => {}
                }
            }
            data.push(d);
            rows.push(row);
        }
    }
    if percent.1 > 0 && percent.0 == percent.1 && spec.number_format.is_none() {
        spec.number_format = Some(NumberFormat::Percent);
    }
    let column_names = cols.map(|c| c.map(|j| header[j].clone()));
    let to_series = parts.len() > 1 || cols[SERIES].is_some();
    let origin = Origin {
        series: to_series,
        parts: parts.iter().map(|(_, c, _, rows)| (c.map(|j| header[j].clone()), rows.clone())).collect(),
        columns: column_names,
    };
    if to_series {
        spec.series = Some(
            parts
                .into_iter()
                .map(|(name, _, data, _)| Series { name: LocalText::Plain(crate::spec::clean(&name)), data, x: None, y: None, color: None })
                .collect(),
        );
    } else {
        spec.data = parts.pop().map(|p| p.2);
    }
    Ok(origin)
}

/// The fields of one row's figure other than its value.
fn datum(cells: &[Cell], cols: &[Option<usize>; 10], header: &[String], lang: Lang, row: usize, label_from_year: bool) -> Result<Datum, Error> {
    let cell = |i: usize| cols[i].map(|j| (&cells[j], header[j].as_str()));
    let textual = |i: usize| {
        cell(i).map(|(c, _)| text(c)).filter(|t| !t.is_empty()).map(|t| LocalText::Plain(crate::spec::clean(&t)))
    };
    let num = |i: usize| -> Result<Option<f64>, Error> {
        match cell(i) {
            Some((c, name)) => Ok(number(c, lang, row, name)?.map(|n| n.0)),
            None => Ok(None),
        }
    };
    let mut d = Datum {
        label: textual(if label_from_year { YEAR } else { LABEL }),
        low: num(LOW)?,
        high: num(HIGH)?,
        x: num(X)?,
        note: textual(NOTE),
        source: textual(SOURCE),
        ..Datum::default()
    };
    if let Some((c, name)) = cell(YEAR) {
        if let Some((y, _)) = number(c, lang, row, name)? {
            if y.fract() != 0.0 || y.abs() > 1e5 {
                return Err(at(row, name, format!("\"{}\" is not a year", text(c))));
            }
            d.year = Some(y as i32);
        }
    }
    if let Some((c, name)) = cell(QUALIFIER) {
        let t = text(c).to_ascii_lowercase().replace([' ', '_'], "-");
        if !t.is_empty() {
            d.qualifier = Some(QUALIFIERS.iter().find(|(n, _)| *n == t).map(|(_, q)| *q).ok_or_else(|| {
                let names: Vec<String> = QUALIFIERS.iter().map(|(n, _)| n.to_string()).collect();
                let hint = super::suggest(&t, &names).map(|s| format!("; did you mean \"{s}\"?")).unwrap_or_default();
                at(row, name, format!("\"{}\" is not a qualifier{hint} (one of {})", text(c), list(&names)))
            })?);
        }
    }
    Ok(d)
}
