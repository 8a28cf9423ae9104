//! A spec's `table`: CSV, TSV and JSON records read into figures, numbers
//! in each language's form, the default columns, and every error naming its
//! row and column.
#![cfg(not(target_arch = "wasm32"))]

use housing_charts::model::Chart;
use housing_charts::spec::NumberFormat;
use housing_charts::{prepare, render_svg, Error};
use serde_json::{json, Value};

fn spec(kind: &str, locale: &str, table: Value) -> String {
    json!({"type": kind, "locale": locale, "table": table}).to_string()
}

fn chart(kind: &str, locale: &str, table: Value) -> Chart {
    let text = spec(kind, locale, table);
    prepare(&text).unwrap_or_else(|e| panic!("{text}: {e}")).0
}

fn err(kind: &str, locale: &str, table: Value) -> Error {
    match prepare(&spec(kind, locale, table)) {
        Ok(_) => panic!("expected an error"),
        Err(e) => e,
    }
}

/// (label, value) of each point of series `s`.
fn points(c: &Chart, s: usize) -> Vec<(String, f64)> {
    c.series[s].points.iter().map(|p| (p.label().to_owned(), p.value.high)).collect()
}

fn pairs(list: &[(&str, f64)]) -> Vec<(String, f64)> {
    list.iter().map(|(l, v)| (l.to_string(), *v)).collect()
}

#[test]
fn a_pasted_tsv_is_read_with_each_language_s_numbers() {
    let cases = [
        ("en", "Region\tUnits\nAfrica\t51,000,000\nAsia\t1.5\n"),
        ("en", "Region\tUnits\nAfrica\t51 000 000\nAsia\t1.5\n"),
        ("zh", "Region\tUnits\nAfrica\t51,000,000\nAsia\t1.5\n"),
        ("ar", "Region\tUnits\nAfrica\t51,000,000\nAsia\t1.5\n"),
        ("es", "Region\tUnits\nAfrica\t51.000.000\nAsia\t1,5\n"),
        ("fr", "Region\tUnits\nAfrica\t51\u{a0}000\u{a0}000\nAsia\t1,5\n"),
        ("fr", "Region\tUnits\nAfrica\t51\u{202f}000\u{202f}000\nAsia\t1,5\n"),
        ("ru", "Region\tUnits\nAfrica\t51 000 000\nAsia\t1,5\n"),
    ];
    for (lang, text) in cases {
        let c = chart("bar", lang, json!({"text": text}));
        assert_eq!(c.series.len(), 1, "{lang}");
        assert_eq!(points(&c, 0), pairs(&[("Africa", 51e6), ("Asia", 1.5)]), "{lang}: {text:?}");
    }
}

#[test]
fn percent_signs_make_a_percent_chart() {
    let c = chart("bar", "en", json!({"text": "label,value\nRenters,58%\nOwners,42%"}));
    assert_eq!(points(&c, 0), pairs(&[("Renters", 58.0), ("Owners", 42.0)]));
    assert_eq!(c.fmt.format, NumberFormat::Percent);
    let c = chart("bar", "fr", json!({"text": "label;value\nLocataires;58,5\u{a0}%\nPropriétaires;41,5\u{a0}%"}));
    assert_eq!(points(&c, 0), pairs(&[("Locataires", 58.5), ("Propriétaires", 41.5)]));
    assert_eq!(c.fmt.format, NumberFormat::Percent);
}

#[test]
fn csv_quotes_bom_crlf_and_semicolons() {
    // Quoted fields with commas, quotes and a line break; a BOM; CRLF.
    let text = "\u{feff}Region,Units\r\n\"Africa, sub-Saharan\",\"51,000,000\"\r\n\"The \"\"other\"\" one\nline two\",7\r\n";
    let c = chart("bar", "en", json!({"text": text}));
    assert_eq!(points(&c, 0), pairs(&[("Africa, sub-Saharan", 51e6), ("The \"other\" one line two", 7.0)]));
    // Semicolon CSV with decimal commas, as Excel writes it in Spanish.
    let c = chart("bar", "es", json!({"text": "Región;Viviendas\nNorte;1,5\nSur;\"2.500,25\"\n"}));
    assert_eq!(points(&c, 0), pairs(&[("Norte", 1.5), ("Sur", 2500.25)]));
    // The format named: CSV although the first line has a tab (inside quotes).
    let c = chart("bar", "en", json!({"text": "\"Region\tname\",Units\nA,\"1,500\"", "format": "csv"}));
    assert_eq!(points(&c, 0), pairs(&[("A", 1500.0)]));
}

#[test]
fn columns_by_name_and_by_default() {
    // Named in `columns`, other columns ignored.
    let text = "Code\tRegion\tUnits\tShare\nAF\tAfrica\t51\t3\nAS\tAsia\t9\t4";
    let c = chart("bar", "en", json!({"text": text, "columns": {"label": "Region", "value": "Units"}}));
    assert_eq!(points(&c, 0), pairs(&[("Africa", 51.0), ("Asia", 9.0)]));
    // Default: the first text column labels, every number column a series.
    let c = chart("bar", "en", json!({"text": text}));
    assert_eq!(c.series.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), ["Units", "Share"]);
    assert_eq!(points(&c, 1), pairs(&[("AF", 3.0), ("AS", 4.0)]));
    // Columns named like fields, any case, with a qualifier, range and note.
    let text = "LABEL,Value,low,high,Qualifier,note\nA,5,,,about,n1\nB,,3,8,range,\nC,300000000,,,more than,";
    let c = chart("bar", "en", json!({"text": text}));
    let p = &c.series[0].points;
    assert_eq!(p.len(), 3);
    assert_eq!((p[1].value.low, p[1].value.high), (3.0, 8.0));
    assert_eq!(p[0].note(), Some("n1"));
    assert_eq!(format!("{:?}", p[2].value.qualifier), "MoreThan");
    // `values` chooses the series and their order.
    let c = chart("bar", "en", json!({"text": "r,a,b,c\nx,1,2,3", "columns": {"values": ["c", "a"]}}));
    assert_eq!(c.series.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), ["c", "a"]);
}

#[test]
fn lines_take_years_from_the_first_column() {
    let c = chart("line", "en", json!({"text": "Year\tRenters\tOwners\n2020\t10\t20\n2021\t11\t\n2022\t12\t22"}));
    assert_eq!(c.series.len(), 2);
    assert_eq!(c.series[0].points.iter().map(|p| p.x).collect::<Vec<_>>(), [2020.0, 2021.0, 2022.0]);
    // An empty cell leaves that point out of its line.
    assert_eq!(c.series[1].points.iter().map(|p| p.x).collect::<Vec<_>>(), [2020.0, 2022.0]);
    assert_eq!(c.series[0].points[0].year, Some(2020));
    // A first column not named "year" is the x too.
    let c = chart("area", "en", json!({"text": "When,People\n2020,1\n2030,2"}));
    assert_eq!(c.series[0].points.iter().map(|p| p.x).collect::<Vec<_>>(), [2020.0, 2030.0]);
    // Long form: one row per figure, the series named in a column.
    let text = "series,year,value\nAfrica,2020,5\nAsia,2020,7\nAfrica,2030,6\nAsia,2030,9";
    let c = chart("line", "en", json!({"text": text}));
    assert_eq!(c.series.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), ["Africa", "Asia"]);
    assert_eq!(c.series[1].points.iter().map(|p| p.value.high).collect::<Vec<_>>(), [7.0, 9.0]);
    // Bars of years: the years are the labels.
    let c = chart("bar", "en", json!({"text": "Year,Homeless\n2015,500\n2016,550"}));
    assert_eq!(points(&c, 0), pairs(&[("2015", 500.0), ("2016", 550.0)]));
}

#[test]
fn json_records_keep_their_key_order() {
    let text = r#"[{"region": "Africa", "units": 51000000, "share": "3%"}, {"region": "Asia", "units": "9,000", "share": null}]"#;
    let c = chart("bar", "en", json!({"text": text, "format": "json", "columns": {"value": "units"}}));
    assert_eq!(points(&c, 0), pairs(&[("Africa", 51e6), ("Asia", 9000.0)]));
    // Guessed from the leading bracket.
    let c = chart("donut", "en", json!({"text": r#"[{"label": "a", "value": 1}, {"label": "b", "value": 2}]"#}));
    assert_eq!(points(&c, 0), pairs(&[("a", 1.0), ("b", 2.0)]));
}

#[test]
fn a_bad_cell_names_its_row_and_column() {
    let e = err("bar", "en", json!({"text": "label\tvalue\nA\t1\nB\t2\nAfrica\t51 million"}));
    assert_eq!(e.path, "table");
    assert_eq!(e.to_string(), r#"table: data row 3, column "value": "51 million" is not a number"#);
    // A number in another language's form says how this one writes them.
    let e = err("bar", "en", json!({"text": "Region;Units\nA;1,5"}));
    assert_eq!(e.to_string(), r#"table: data row 1, column "Units": "1,5" is not a number as the chart's language (en) writes numbers, such as 1,234,567.5"#);
    let e = err("bar", "es", json!({"text": "Región\tViviendas\nA\t1\nB\t51,000,000"}));
    assert!(e.message.starts_with(r#"data row 2, column "Viviendas": "51,000,000" is not a number"#), "{e}");
    let e = err("line", "en", json!({"text": "year,value\n2020,1\n2020.5,2"}));
    assert_eq!(e.message, r#"data row 2, column "year": "2020.5" is not a year"#);
    let e = err("bar", "en", json!({"text": "label,value,qualifier\nA,1,aboot"}));
    assert!(e.message.starts_with(r#"data row 1, column "qualifier": "aboot" is not a qualifier; did you mean "about"?"#), "{e}");
    let e = err("line", "en", json!({"text": "series,year,value\n,2020,1"}));
    assert!(e.message.starts_with(r#"data row 1, column "series": the cell is empty"#), "{e}");
    let e = err("bar", "en", json!({"text": "label,value\nA,1\nB,2,3"}));
    assert!(e.message.starts_with("data row 2: 3 cells, but the first row names 2 columns"), "{e}");
}

#[test]
fn the_model_s_errors_about_table_figures_name_row_and_column() {
    // A donut's part may not be negative: the model's message, told by row and column.
    let e = err("donut", "en", json!({"text": "label,value\nA,1\nB,-2"}));
    assert_eq!(e.path, "table");
    assert!(e.message.starts_with(r#"data row 2, column "value": "#), "{e}");
    // A range without its upper end, in a series.
    let e = err("bar", "en", json!({"text": "label,a,b\nA,1,2\nB,3,", "columns": {}}));
    assert!(e.message.starts_with(r#"data row 2, column "b": "#), "{e}");
    // A bar without a label.
    let e = err("bar", "en", json!({"text": "label,value\n,1"}));
    assert!(e.message.starts_with(r#"data row 1, column "label": "#), "{e}");
}

#[test]
fn table_level_errors_say_what_to_do() {
    let e = err("bar", "en", json!({"text": "Region,Units\nA,1", "columns": {"value": "Unit"}}));
    assert_eq!(e.path, "table.columns.value");
    assert_eq!(e.message, r#"no column is named "Unit"; did you mean "Units"? (the columns are "Region", "Units")"#);
    let e = err("bar", "en", json!({"text": "Region,Desc,Other\nA,x,y"}));
    assert!(e.message.starts_with("no column of numbers"), "{e}");
    let e = err("bar", "en", json!({"text": "Region,Desc\nA,x"}));
    assert_eq!(e.message, r#"data row 1, column "Desc": "x" is not a number"#);
    let e = err("donut", "en", json!({"text": "r,a,b\nx,1,2"}));
    assert!(e.message.starts_with(r#"2 columns of numbers ("a", "b"), but this chart draws one"#), "{e}");
    assert_eq!(err("bar", "en", json!({"text": ""})).message, "the table is empty: its first row names the columns, the rows under it hold the figures");
    assert!(err("bar", "en", json!({"text": "label,value\n"})).message.starts_with("the table has no rows"));
    assert!(err("bar", "en", json!({"text": "a,A\n1,2"})).message.starts_with(r#"columns 1 and 2 are both named "A""#));
    assert!(err("bar", "en", json!({"text": "[{\"a\": 1,}]"})).message.starts_with("the JSON records are not readable at line 1"));
    let e = err("bar", "en", json!({"url": "https://example.org/t.csv"}));
    assert_eq!(e.path, "table.url");
    assert!(e.message.contains("fetched by the page's loader"), "{e}");
    assert_eq!(err("bar", "en", json!({})).message, "this required field is missing: give `text` (the table itself) or `url` (its address)");
    let both = r#"{"type": "bar", "data": [{"label": "a", "value": 1}], "table": {"text": "a,b\n1,2"}}"#;
    assert_eq!(prepare(both).unwrap_err().to_string(), "table: give either `table` or `data`, not both");
    let unknown = r#"{"type": "bar", "table": {"text": "a,b\n1,2", "colums": {}}}"#;
    assert_eq!(prepare(unknown).unwrap_err().path, "table.colums");
    let unknown = r#"{"type": "bar", "table": {"text": "a,b\n1,2", "columns": {"lable": "a"}}}"#;
    assert_eq!(prepare(unknown).unwrap_err().to_string(), "table.columns.lable: unknown field `lable`; did you mean `label`?");
    let format = r#"{"type": "bar", "table": {"text": "a,b\n1,2", "format": "xlsx"}}"#;
    assert!(prepare(format).unwrap_err().to_string().starts_with("table.format: unknown value \"xlsx\""));
}

#[test]
fn an_inline_table_renders_to_svg() {
    let text = spec("bar", "en", json!({"text": "Region\tUnits\nAfrica\t51,000,000\nAsia\t9,000,000"}));
    let r = render_svg(&text).unwrap();
    assert!(r.svg.contains("Africa") && r.svg.contains("Asia"), "labels drawn");
    assert!(r.svg.contains("51"), "a value label");
}
