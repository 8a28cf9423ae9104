//! A table's text → a `Grid` of cells: CSV or TSV read by csv-core (quoted
//! fields with separators, quotes and line breaks; CRLF; a byte-order mark),
//! or JSON records read by serde_json with their keys in order.
//!
//! Rows are numbered as messages name them: "data row 1" is the first row
//! under the column names (a quoted line break does not start a row).

use std::fmt;

use csv_core::{ReadFieldResult, ReaderBuilder};
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use crate::error::Error;
use crate::spec::TableFormat;

/// One cell: text as written, or a number from JSON records.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text (trimmed); empty for an empty or missing cell.
    Text(String),
    /// A JSON number.
    Number(f64),
}

impl Cell {
    /// Whether the cell holds nothing.
    pub fn is_empty(&self) -> bool {
        matches!(self, Cell::Text(t) if t.is_empty())
    }
}

/// The column names and the rows under them, each row as long as `header`.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    /// Column names (trimmed; "column 3" for an unnamed one).
    pub header: Vec<String>,
    /// Rows under the header (rows with no cell at all are kept, as `None`, so that numbers stay those of the text).
    pub rows: Vec<Option<Vec<Cell>>>,
}

/// Rows a table may have: the most points a chart takes (`model::MAX_POINTS`,
/// not imported: `model` depends on `parse`, not the other way).
pub const MAX_ROWS: usize = 1_000_000;

fn err(message: impl Into<String>) -> Error {
    Error::at("table", message)
}

/// Reads `text` as `format` (guessed when `None`).
pub fn read(text: &str, format: Option<TableFormat>) -> Result<Grid, Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let format = format.unwrap_or_else(|| guess(text));
    let grid = match format {
        TableFormat::Json => records(text)?,
        TableFormat::Tsv => delimited(text, b'\t')?,
        TableFormat::Csv => delimited(text, separator(text))?,
    };
    if grid.rows.iter().all(Option::is_none) {
        return Err(err("the table has no rows under its first row (the column names)"));
    }
    Ok(grid)
}

/// JSON when the text starts with `[`, TSV when its first line has a tab, else CSV.
fn guess(text: &str) -> TableFormat {
    let t = text.trim_start();
    if t.starts_with('[') {
        TableFormat::Json
    } else if first_line(t).contains('\t') {
        TableFormat::Tsv
    } else {
        TableFormat::Csv
    }
}

fn first_line(text: &str) -> &str {
    text.split(['\n', '\r']).next().unwrap_or("")
}

/// A CSV's separator: a semicolon when its first line has more of them than commas.
fn separator(text: &str) -> u8 {
    let line = first_line(text.trim_start());
    if line.matches(';').count() > line.matches(',').count() {
        b';'
    } else {
        b','
    }
}

/// CSV or TSV with `delimiter`, by csv-core.
fn delimited(text: &str, delimiter: u8) -> Result<Grid, Error> {
    let mut reader = ReaderBuilder::new().delimiter(delimiter).build();
    let mut input = text.as_bytes();
    let mut field = vec![0u8; 256];
    let mut len = 0;
    let mut row: Vec<Cell> = Vec::new();
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    loop {
        let (result, read, written) = reader.read_field(input, &mut field[len..]);
        input = &input[read..];
        len += written;
        match result {
            ReadFieldResult::InputEmpty => {}
            ReadFieldResult::OutputFull => field.resize(field.len() * 2, 0),
            ReadFieldResult::Field { record_end } => {
                // csv-core splits only at ASCII bytes, so a field of UTF-8 text is UTF-8.
                let text = std::str::from_utf8(&field[..len]).unwrap_or_default();
                row.push(Cell::Text(text.trim().to_owned()));
                len = 0;
                if record_end {
                    rows.push(std::mem::take(&mut row));
                    if rows.len() > MAX_ROWS + 1 {
                        return Err(err(format!("the table has more than {MAX_ROWS} rows, the most a chart takes")));
                    }
                }
            }
            ReadFieldResult::End => break,
        }
    }
    let mut rows = rows.into_iter();
    let header = match rows.next() {
        Some(h) if !(h.len() == 1 && h[0].is_empty()) => h,
        _ => return Err(err("the table is empty: its first row names the columns, the rows under it hold the figures")),
    };
    let header = names(header.into_iter().map(|c| match c {
        Cell::Text(t) => t,
        Cell::Number(n) => n.to_string(),
    }))?;
    let mut out = Vec::new();
    for (i, cells) in rows.enumerate() {
        if cells.iter().all(Cell::is_empty) {
            out.push(None);
            continue;
        }
        if cells.len() > header.len() && cells[header.len()..].iter().any(|c| !c.is_empty()) {
            return Err(err(format!(
                "data row {}: {} cells, but the first row names {} columns (a separator inside a cell? put the cell in \"double quotes\")",
                i + 1,
                cells.len(),
                header.len()
            )));
        }
        let mut cells = cells;
        cells.resize(header.len(), Cell::Text(String::new()));
        out.push(Some(cells));
    }
    Ok(Grid { header, rows: out })
}

/// Column names, checked: an unnamed column is called "column N"; two
/// columns may not share a name.
fn names(header: impl Iterator<Item = String>) -> Result<Vec<String>, Error> {
    let mut out: Vec<String> = Vec::new();
    for (i, name) in header.enumerate() {
        let name = if name.is_empty() { format!("column {}", i + 1) } else { name };
        if let Some(j) = out.iter().position(|n| n.eq_ignore_ascii_case(&name)) {
            return Err(err(format!("columns {} and {} are both named \"{name}\": give each column its own name", j + 1, i + 1)));
        }
        out.push(name);
    }
    Ok(out)
}

/// JSON records, `[{"label": …, "value": …}, …]`: the columns are the keys
/// in the order they first appear.
fn records(text: &str) -> Result<Grid, Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let list = Records::deserialize(&mut de).and_then(|r| de.end().map(|_| r)).map_err(|e| {
        let raw = e.to_string();
        let raw = raw.split(" at line ").next().unwrap_or(&raw).to_owned();
        err(format!("the JSON records are not readable at line {}, column {}: {raw}", e.line(), e.column()))
    })?;
    let mut keys: Vec<String> = Vec::new();
    for record in &list.0 {
        for (k, _) in record {
            if !keys.contains(k) {
                keys.push(k.clone());
            }
        }
    }
    let header = names(keys.iter().cloned())?;
    let rows = list
        .0
        .into_iter()
        .map(|record| {
            let mut cells = vec![Cell::Text(String::new()); keys.len()];
            for (k, v) in record {
                if let Some(i) = keys.iter().position(|n| *n == k) {
                    cells[i] = v;
                }
            }
            (!cells.iter().all(Cell::is_empty)).then_some(cells)
        })
        .collect();
    Ok(Grid { header, rows })
}

/// A list of records, each its keys and cells in order.
struct Records(Vec<Vec<(String, Cell)>>);

impl<'de> Deserialize<'de> for Records {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_seq(RecordsVisitor)
    }
}

struct RecordsVisitor;

impl<'de> Visitor<'de> for RecordsVisitor {
    type Value = Records;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of records such as [{\"label\": \"Africa\", \"value\": 51000000}]")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Records, A::Error> {
        let mut out = Vec::new();
        while let Some(Record(r)) = seq.next_element()? {
            if out.len() >= MAX_ROWS {
                return Err(de::Error::custom(format_args!("more than {MAX_ROWS} records, the most a chart takes")));
            }
            out.push(r);
        }
        Ok(Records(out))
    }
}

struct Record(Vec<(String, Cell)>);

impl<'de> Deserialize<'de> for Record {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(RecordVisitor)
    }
}

struct RecordVisitor;

impl<'de> Visitor<'de> for RecordVisitor {
    type Value = Record;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a record such as {\"label\": \"Africa\", \"value\": 51000000}")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Record, A::Error> {
        let mut out: Vec<(String, Cell)> = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            let cell = map.next_value::<CellValue>()?.0;
            let key = key.trim().to_owned();
            if out.iter().any(|(k, _)| *k == key) {
                return Err(de::Error::custom(format_args!("the key \"{key}\" is given twice")));
            }
            out.push((key, cell));
        }
        Ok(Record(out))
    }
}

/// A record's value: a string, a number, or null (an empty cell).
struct CellValue(Cell);

impl<'de> Deserialize<'de> for CellValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(CellVisitor)
    }
}

struct CellVisitor;

impl<'de> Visitor<'de> for CellVisitor {
    type Value = CellValue;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string, a number or null")
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<CellValue, E> {
        Ok(CellValue(Cell::Text(s.trim().to_owned())))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<CellValue, E> {
        Ok(CellValue(Cell::Number(v)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<CellValue, E> {
        Ok(CellValue(Cell::Number(v as f64)))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<CellValue, E> {
        Ok(CellValue(Cell::Number(v as f64)))
    }
    fn visit_unit<E: de::Error>(self) -> Result<CellValue, E> {
        Ok(CellValue(Cell::Text(String::new())))
    }
}
