//! The chart in words, for screen readers: a one-paragraph summary (the
//! canvas's accessible name) and the data as a table, in the chart's language.
//! Pure functions of the model, so they are tested natively.

use crate::format::Room;
use crate::model::{Chart, Kind};
use crate::spec::Lang;

/// Most figures named in the summary.
const SUMMARY_ITEMS: usize = 12;
/// Most rows of the data table of a line or area chart: a long series is
/// sampled evenly, first and last kept, and the caption says so (a reader
/// goes through a table row by row: a hundred rows show a series' course; a
/// thousand only take long to build and to hear). Categories (bars, parts,
/// events) are all tabled: the model allows at most 500 of them.
pub const TABLE_ROWS: usize = 100;

/// The data as a table: caption, column headers, rows of cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The chart's title (or its kind).
    pub caption: String,
    /// Column headers.
    pub headers: Vec<String>,
    /// One row per figure.
    pub rows: Vec<Vec<String>>,
}

fn kind_name(chart: &Chart) -> &'static str {
    let kinds = crate::i18n::words(chart.lang).kinds;
    kinds[match chart.kind {
        Kind::Bar { .. } => 0,
        Kind::Line => 1,
        Kind::Area { .. } => 2,
        Kind::Gap => 3,
        Kind::Donut { hole: true } => 4,
        Kind::Donut { hole: false } => 5,
        Kind::Waffle { .. } => 6,
        Kind::Stat => 7,
        Kind::Timeline { .. } => 8,
    }]
}

/// "Bar chart. Africa's housing gap: Now, more than 51 million; 2030,
/// 130 million (projected). Source: UN-Habitat."
pub fn summary(chart: &Chart) -> String {
    let w = crate::i18n::words(chart.lang);
    let mut out = String::from(kind_name(chart));
    out.push_str(w.stop);
    if let Some(t) = &chart.title {
        out.push_str(t.trim_end_matches(['.', '。']));
        out.push_str(w.colon);
    }
    let mut items = Vec::new();
    let total: usize = chart.series.iter().map(|s| s.points.len()).sum();
    for s in &chart.series {
        for p in s.points.iter().take(SUMMARY_ITEMS.saturating_sub(items.len())) {
            let mut name = String::new();
            if chart.series.len() > 1 && !s.name.is_empty() {
                name.push_str(&s.name);
                name.push(' ');
            }
            if matches!(chart.kind, Kind::Timeline { .. }) {
                name.push_str(&format!("{:.0}", p.x));
                name.push_str(w.pair_sep);
                push_isolated(&mut name, p.label(), chart.lang);
                items.push(name);
                continue;
            }
            if chart.kind.has_x_axis() {
                name.push_str(&if chart.integer_x { format!("{:.0}", p.x) } else { chart.fmt.tick(p.x) });
            } else {
                push_isolated(&mut name, p.label(), chart.lang);
            }
            let value = chart.fmt.value(&p.value, Room::Long);
            items.push(if name.is_empty() { value } else { format!("{name}{}{value}", w.pair_sep) });
        }
    }
    let shown: Vec<String> = items.into_iter().take(SUMMARY_ITEMS).collect();
    out.push_str(&shown.join(w.list_sep));
    if total > SUMMARY_ITEMS {
        out.push_str(&(w.more)(total - SUMMARY_ITEMS));
    }
    out.push_str(w.stop.trim_end());
    if let Some(src) = &chart.source {
        out.push_str(if chart.lang == Lang::Zh { "" } else { " " });
        out.push_str(w.source);
        out.push_str(src);
        if chart.lang != Lang::Zh && !src.ends_with('.') {
            out.push('.');
        }
    }
    out
}

/// Appends a label to a sentence of the summary: a label written right to
/// left in a left-to-right sentence goes between U+2068 and U+2069 (first
/// strong isolate), so that it cannot carry the figure after it along.
fn push_isolated(out: &mut String, label: &str, lang: Lang) {
    let rtl = |c: char| matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFE}');
    if !lang.is_rtl() && label.chars().any(rtl) {
        out.push('\u{2068}');
        out.push_str(label);
        out.push('\u{2069}');
    } else {
        out.push_str(label);
    }
}

/// The lines of a tooltip (and the live-region text) for point `index` of
/// series `series`: name, qualified value, then year, note and source.
pub fn datum(chart: &Chart, series: usize, index: usize) -> Vec<String> {
    let Some(s) = chart.series.get(series) else { return Vec::new() };
    let Some(p) = s.points.get(index) else { return Vec::new() };
    let w = crate::i18n::words(chart.lang);
    let h = w.headers;
    let mut lines = Vec::new();
    let mut name = String::new();
    if chart.series.len() > 1 && !s.name.is_empty() {
        name.push_str(&s.name);
    }
    if chart.kind.has_x_axis() {
        if !name.is_empty() {
            name.push_str(w.pair_sep);
        }
        name.push_str(&if chart.integer_x { format!("{:.0}", p.x) } else { chart.fmt.tick(p.x) });
    }
    if !p.label().is_empty() {
        if !name.is_empty() {
            name.push_str(w.pair_sep);
        }
        name.push_str(p.label());
    }
    if !name.is_empty() {
        lines.push(name);
    }
    if !matches!(chart.kind, Kind::Timeline { .. }) {
        let mut value = chart.fmt.value(&p.value, Room::Long);
        if let Some(unit) = &chart.axis_title {
            value.push(' ');
            value.push_str(unit);
        }
        lines.push(value);
        if let Some(year) = p.year.filter(|_| !chart.kind.has_x_axis()) {
            lines.push(format!("{}{}{year}", h[1], w.colon));
        }
    }
    if let Some(note) = p.note() {
        lines.push(note.to_owned());
    }
    if let Some(src) = p.source().or(chart.source.as_deref()) {
        lines.push(format!("{}{src}", w.source));
    }
    lines
}

/// Every figure as CSV (RFC 4180: fields quoted when they hold a comma, a
/// quote or a line break), with plain numbers (low and high for ranges) so
/// that a spreadsheet can read them, and the qualifier spelt out.
pub fn csv(chart: &Chart) -> String {
    let quote = |s: &str| {
        if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_owned()
        }
    };
    let mut out = String::from("series,x,label,value,low,high,qualifier,year,note,source\r\n");
    for s in &chart.series {
        for p in &s.points {
            let q = match p.value.qualifier {
                crate::spec::Qualifier::Exact => "exact",
                crate::spec::Qualifier::About => "about",
                crate::spec::Qualifier::MoreThan => "more-than",
                crate::spec::Qualifier::LessThan => "less-than",
                crate::spec::Qualifier::Range => "range",
                crate::spec::Qualifier::Projection => "projection",
            };
            let range = p.value.qualifier == crate::spec::Qualifier::Range;
            let fields = [
                quote(&s.name),
                if chart.kind.has_x_axis() { format!("{}", p.x) } else { String::new() },
                quote(p.label()),
                if range { String::new() } else { format!("{}", p.value.high) },
                if range { format!("{}", p.value.low) } else { String::new() },
                if range { format!("{}", p.value.high) } else { String::new() },
                q.to_owned(),
                p.year.map(|y| y.to_string()).unwrap_or_default(),
                quote(p.note().unwrap_or("")),
                quote(p.source().or(chart.source.as_deref()).unwrap_or("")),
            ];
            out.push_str(&fields.join(","));
            out.push_str("\r\n");
        }
    }
    out
}

/// The data as a table.
pub fn table(chart: &Chart) -> Table {
    let h = crate::i18n::words(chart.lang).headers;
    let several = chart.series.len() > 1;
    let timeline = matches!(chart.kind, Kind::Timeline { .. });
    let mut headers = Vec::new();
    if several {
        headers.push(h[0].to_owned());
    }
    if chart.kind.has_x_axis() {
        headers.push(h[1].to_owned());
    }
    headers.push(h[2].to_owned());
    if !timeline {
        headers.push(chart.axis_title.clone().unwrap_or_else(|| h[3].to_owned()));
    }
    headers.push(h[4].to_owned());
    let mut rows = Vec::new();
    let total: usize = chart.series.iter().map(|s| s.points.len()).sum();
    let per_series = if chart.kind.has_x_axis() && !timeline { (TABLE_ROWS / chart.series.len().max(1)).max(2) } else { usize::MAX };
    for s in &chart.series {
        let n = s.points.len();
        let step = if n > per_series { (n - 1) as f64 / (per_series - 1) as f64 } else { 1.0 };
        let picked: Vec<usize> = if n > per_series {
            (0..per_series).map(|k| ((k as f64 * step).round() as usize).min(n - 1)).collect()
        } else {
            (0..n).collect()
        };
        for p in picked.into_iter().map(|i| &s.points[i]) {
            let mut row = Vec::new();
            if several {
                row.push(s.name.clone());
            }
            if chart.kind.has_x_axis() {
                row.push(if chart.integer_x { format!("{:.0}", p.x) } else { chart.fmt.tick(p.x) });
            }
            row.push(p.label().to_owned());
            if !timeline {
                row.push(chart.fmt.value(&p.value, Room::Long));
            }
            row.push(p.note().unwrap_or_default().to_owned());
            rows.push(row);
        }
    }
    let mut caption = chart.title.clone().unwrap_or_else(|| kind_name(chart).to_owned());
    if rows.len() < total {
        caption.push_str(&format!(" ({} / {total})", rows.len()));
    }
    Table { caption, headers, rows }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(json: &str) -> Chart {
        crate::prepare(json).map(|c| c.0).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn summary_in_english_names_every_figure_with_its_qualifier() {
        let c = chart(r#"{"type": "bar", "title": "Africa's housing gap", "source": "UN-Habitat", "data": [
            {"label": "Now", "value": 51e6, "qualifier": "more-than"},
            {"label": "2030", "value": 130e6, "qualifier": "projection"}]}"#);
        assert_eq!(
            summary(&c),
            "Bar chart. Africa's housing gap: Now, more than 51\u{a0}million; 2030, 130\u{a0}million (projected). Source: UN-Habitat."
        );
    }

    #[test]
    fn an_arabic_label_in_an_english_summary_is_isolated() {
        let c = chart(r#"{"type": "bar", "data": [{"label": "القاهرة", "value": 25000}, {"label": "Baku", "value": 1}]}"#);
        let s = summary(&c);
        assert!(s.contains("\u{2068}القاهرة\u{2069}, 25,000"), "{s:?}");
        assert!(s.contains("; Baku, 1"), "{s:?}");
    }

    #[test]
    fn summary_in_chinese() {
        let c = chart(r#"{"type": "bar", "locale": "zh", "title": "非洲住房缺口", "data": [
            {"label": "目前", "value": 51e6, "qualifier": "more-than"},
            {"label": "2030年", "value": 130e6, "qualifier": "projection"}]}"#);
        assert_eq!(summary(&c), "条形图。非洲住房缺口：目前，5100万以上；2030年，1.3亿（预计）。");
    }

    #[test]
    fn long_data_is_summarised_and_tabled_in_full() {
        let data: Vec<String> = (0..30).map(|i| format!(r#"{{"label": "c{i}", "value": {i}}}"#)).collect();
        let c = chart(&format!(r#"{{"type": "bar", "data": [{}]}}"#, data.join(",")));
        assert!(summary(&c).ends_with("; and 18 more."), "{}", summary(&c));
        let t = table(&c);
        assert_eq!(t.rows.len(), 30);
        assert_eq!(t.headers, vec!["Label", "Value", "Note"]);
        let data: Vec<String> = (0..5000).map(|i| format!(r#"{{"x": {i}, "value": {i}}}"#)).collect();
        let long = chart(&format!(r#"{{"type": "line", "title": "walk", "data": [{}]}}"#, data.join(",")));
        let t = table(&long);
        assert_eq!(t.rows.len(), TABLE_ROWS);
        assert_eq!(t.rows[0][0], "0");
        assert_eq!(t.rows[TABLE_ROWS - 1][0], "4999");
        assert_eq!(t.caption, "walk (100 / 5000)");
        // Categories are never sampled.
        let bars: Vec<String> = (0..500).map(|i| format!(r#"{{"label": "c{i}", "value": {i}}}"#)).collect();
        assert_eq!(table(&chart(&format!(r#"{{"type": "bar", "data": [{}]}}"#, bars.join(",")))).rows.len(), 500);
    }

    #[test]
    fn tooltip_lines_carry_qualifier_unit_year_and_source() {
        let c = chart(r#"{"type": "bar", "unit": "people", "source": "UN-Habitat", "data": [
            {"label": "Slums", "value": 1.1e9, "qualifier": "more-than", "year": 2022, "note": "one in eight"}]}"#);
        assert_eq!(
            datum(&c, 0, 0),
            vec!["Slums", "more than 1.1\u{a0}billion people", "Year: 2022", "one in eight", "Source: UN-Habitat"]
        );
        assert!(datum(&c, 0, 5).is_empty());
        assert!(datum(&c, 3, 0).is_empty());
    }

    #[test]
    fn csv_has_plain_numbers_and_quotes_where_needed() {
        let c = chart(r#"{"type": "bar", "source": "UN-Habitat, 2026", "data": [
            {"label": "Children, in slums", "low": 3.5e8, "high": 5e8},
            {"label": "Homeless", "value": 3e8, "qualifier": "more-than", "year": 2025, "note": "say \"more than\""}]}"#);
        assert_eq!(
            csv(&c),
            "series,x,label,value,low,high,qualifier,year,note,source\r\n\
             ,,\"Children, in slums\",,350000000,500000000,range,,,\"UN-Habitat, 2026\"\r\n\
             ,,Homeless,300000000,,,more-than,2025,\"say \"\"more than\"\"\",\"UN-Habitat, 2026\"\r\n"
        );
    }

    #[test]
    fn line_table_has_years_and_series() {
        let c = chart(r#"{"type": "line", "unit": "units", "series": [
            {"name": "a", "data": [{"year": 2025, "value": 1}]},
            {"name": "b", "data": [{"year": 2030, "value": 2, "qualifier": "projection"}]}]}"#);
        let t = table(&c);
        assert_eq!(t.headers, vec!["Series", "Year", "Label", "units", "Note"]);
        assert_eq!(t.rows[1], vec!["b", "2030", "", "2 (projected)", ""]);
        assert!(summary(&c).starts_with("Line chart. a 2025, 1; b 2030, 2 (projected)"), "{}", summary(&c));
    }
}
