//! Robustness: every bad input gets one clear message naming its JSON path,
//! and the corpus of hostile inputs (tests/corpus/) goes through the whole
//! pipeline at several widths without a panic, with text inside the chart.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use housing_charts::layout::Estimator;
use housing_charts::{lay_out, prepare, render_svg_width};

/// (spec, expected start of the message): the issue's table of bad input.
const TABLE: &[(&str, &str)] = &[
    // Malformed JSON, with line and column.
    (r#"{"type": "bar""#, "malformed JSON at line 1, column 14"),
    (r#"{"type": "bar", "data": [{"label": "a", "value": NaN}]}"#, "malformed JSON at line 1"),
    (r#"{"type": "bar", "data": [{"label": "a", "value": Infinity}]}"#, "malformed JSON at line 1"),
    (r#"{"type": "bar", "data": [{"label": "a", "value": 1e400}]}"#, "malformed JSON at line 1"),
    // Wrong types, numeric strings, null.
    (r#"{"type": "bar", "data": [{"label": "a", "value": "51"}]}"#, r#"data[0].value: expected a number, found "51""#),
    (r#"{"type": "bar", "data": [{"label": "a", "value": null}]}"#, "data[0].value: this required field is missing"),
    (r#"{"type": "bar", "data": [{"label": 5, "value": 1}]}"#, "data[0].label: expected a string"),
    // Unknown fields with a suggestion; missing required fields.
    (r#"{"type": "bar", "titel": "x", "data": [{"label": "a", "value": 1}]}"#, "titel: unknown field `titel`; did you mean `title`?"),
    (r#"{"data": [{"label": "a", "value": 1}]}"#, "type: this required field is missing"),
    (r#"{"type": "bar"}"#, "data: this required field is missing"),
    // Unknown chart type, dataset, locale, theme.
    (r#"{"type": "barr", "data": []}"#, r#"type: unknown value "barr"; did you mean "bar"?"#),
    (r#"{"type": "bar", "dataset": "nope"}"#, r#"dataset: unknown dataset "nope""#),
    (r#"{"type": "bar", "locale": "de", "data": [{"label": "a", "value": 1}]}"#, r#"locale: unknown value "de""#),
    (r#"{"type": "bar", "theme": "drak", "data": [{"label": "a", "value": 1}]}"#, r#"theme: unknown value "drak"; did you mean "dark"?"#),
    // Numbers out of range, ranges upside down, empty series.
    (r#"{"type": "bar", "data": [{"label": "a", "value": 0}, {"label": "b", "value": 1e300}]}"#, "data[1].value: expected a number of at most"),
    (r#"{"type": "bar", "data": [{"label": "a", "low": 80, "high": 50}]}"#, "data[0].low: the low end (80) is above the high end (50)"),
    (r#"{"type": "line", "series": [{"name": "a", "data": []}]}"#, "series[0].data: the list of figures is empty"),
    (r#"{"type": "line", "series": []}"#, "series: the list of series is empty"),
    // Negative where it makes no sense.
    (r#"{"type": "donut", "data": [{"label": "a", "value": -3}]}"#, "data[0].value: a part of a whole cannot be negative"),
    (r#"{"type": "bar", "stacked": true, "series": [{"name": "a", "data": [{"label": "x", "value": -1}]}]}"#, "series[0].data[0].value: stacked values must not be negative"),
    // Mixed lengths: stacked areas must share their years.
    (r#"{"type": "area", "stacked": true, "series": [{"name": "a", "data": [{"year": 1, "value": 1}, {"year": 2, "value": 1}]}, {"name": "b", "data": [{"year": 1, "value": 1}]}]}"#, "series[1].data: stacked areas need the same x values"),
    // Mixed lengths between positions and values (columnar series).
    (r#"{"type": "line", "series": [{"name": "a", "x": [1, 2, 3], "y": [1, 2]}]}"#, "series[0].y: 2 values for 3 x positions"),
    (r#"{"type": "line", "series": [{"name": "a", "x": [1, 2]}]}"#, "series[0].y: this required field is missing"),
    (r#"{"type": "bar", "series": [{"name": "a", "x": [1], "y": [1]}]}"#, "series[0].x: the columns `x` and `y` apply to line and area charts"),
    // Not a spec at all (issue 15): said plainly, no internal type names.
    ("", "the spec is empty: write a JSON object"),
    (" \n\t ", "the spec is empty"),
    ("[]", "the spec must be a JSON object ({ … }), not a list"),
    ("null", "the spec must be a JSON object ({ … }), not null"),
    ("42", "the spec must be a JSON object ({ … }), not a number"),
    (r#""bar""#, "the spec must be a JSON object ({ … }), not a string"),
    // A key written twice is named by its own path.
    (r#"{"type": "bar", "type": "line", "data": [{"label": "a", "value": 1}]}"#, "type: this field is written twice"),
    (r#"{"type": "bar", "data": [{"label": "a", "value": 1, "value": 2}]}"#, "data[0].value: this field is written twice"),
    (r#"{"type": "bar", "title": {"en": "a", "en": "b"}, "data": [{"label": "a", "value": 1}]}"#, "title.en: this language is written twice"),
    // A lone surrogate (JSON.stringify of a broken JS string) is read as
    // U+FFFD, so the next mistake is the one reported.
    (r#"{"type": "bar", "title": "a\ud800b", "data": [{"label": "a", "value": "x"}]}"#, r#"data[0].value: expected a number, found "x""#),
    // Size limits.
    (r#"{"type": "bar", "width": 1e9, "data": [{"label": "a", "value": 1}]}"#, "width: expected a size from 100 to 4000 pixels"),
];

#[test]
fn every_bad_input_gets_a_message_with_its_path() {
    let mut failures = Vec::new();
    for (spec, expected) in TABLE {
        match prepare(spec) {
            Ok(_) => failures.push(format!("accepted: {spec}")),
            Err(e) if e.to_string().starts_with(expected) => {}
            Err(e) => failures.push(format!("{spec}\n  expected: {expected}\n  got:      {e}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn too_many_points_and_too_big_specs_are_refused_before_any_work() {
    let points: Vec<String> = (0..1_000_001).map(|i| format!(r#"{{"x":{i},"value":1}}"#)).collect();
    let spec = format!(r#"{{"type": "line", "data": [{}]}}"#, points.join(","));
    let e = prepare(&spec).unwrap_err();
    assert_eq!(e.to_string(), "data: 1000001 points is too many; the limit is 1000000");
    let huge = format!(r#"{{"type": "bar", "title": "{}"}}"#, "x".repeat(49 * 1024 * 1024));
    assert!(prepare(&huge).unwrap_err().message.contains("the limit is 48 MB"));
    let bars: Vec<String> = (0..501).map(|i| format!(r#"{{"label":"c{i}","value":1}}"#)).collect();
    let e = prepare(&format!(r#"{{"type": "bar", "data": [{}]}}"#, bars.join(","))).unwrap_err();
    assert_eq!(e.to_string(), "data: 501 points is too many; the limit is 500");
}

#[test]
fn a_million_point_line_draws_as_a_few_thousand() {
    // A small random walk with one spike up and one down: decimation that
    // loses either flattens the drawn line to a sliver of the plot.
    let mut y = 0.0_f64;
    let mut seed = 42_u64;
    let points: Vec<String> = (0..1_000_000)
        .map(|i| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            y += (((seed >> 33) as f64 / (1u64 << 31) as f64) - 0.5) / 100.0;
            let v = match i {
                123_457 => 1000.0,
                876_543 => -1000.0,
                _ => y,
            };
            format!(r#"{{"x":{i},"value":{v:.3}}}"#)
        })
        .collect();
    let spec = format!(r#"{{"type": "line", "valueLabels": false, "data": [{}]}}"#, points.join(","));
    let chart = prepare(&spec).unwrap();
    let (scene, _) = lay_out(&chart, 800.0, 1.0, &Estimator).unwrap();
    let lines = |wide: bool| {
        scene.items.iter().filter_map(move |i| match i {
            housing_charts::layout::Item::Line { points, width, .. } if (*width > 2.0) == wide => Some(points),
            _ => None,
        })
    };
    let drawn: usize = lines(true).map(Vec::len).sum();
    assert!(drawn < 800 * 4 + 200, "{drawn} vertices for 800 px");
    // Extremes survive decimation: the series' line spans the value axis from
    // its lowest to its highest gridline (±1000), not just the walk.
    let span = |ys: Vec<f64>| ys.iter().fold(f64::MIN, |a, b| a.max(*b)) - ys.iter().fold(f64::MAX, |a, b| a.min(*b));
    let line_span = span(lines(true).flatten().map(|p| p.1).collect());
    let grid_span = span(lines(false).filter(|p| p.len() == 2 && p[0].1 == p[1].1).map(|p| p[0].1).collect());
    assert!(line_span >= 0.95 * grid_span, "the line spans {line_span:.0} px of the {grid_span:.0} px axis");
}

#[test]
fn the_corpus_goes_through_without_panic() {
    let dir = common::root("tests/corpus");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        for width in [200.0, 280.0, 640.0, 1600.0] {
            match render_svg_width(&text, Some(width)) {
                Ok(r) => {
                    assert!(r.svg.starts_with("<svg"), "{name}");
                    assert!(!r.svg.contains("<script") && !r.svg.contains("<img"), "{name}: markup leaked into the SVG");
                    let chart = prepare(&text).unwrap();
                    let (scene, _) = lay_out(&chart, width, 1.0, &Estimator).unwrap();
                    common::check_text_placement(&format!("{name} at {width}"), &scene).unwrap();
                }
                Err(e) => assert!(!e.message.is_empty(), "{name}: empty message"),
            }
        }
        n += 1;
    }
    assert!(n >= 25, "corpus has only {n} files");
}

#[test]
fn columns_given_apart_from_the_spec_are_read_and_checked_like_json_columns() {
    use housing_charts::{prepare_columns, Columns, Defaults};
    let spec = r#"{"type": "line", "series": [{"name": "walk", "x": [], "y": []}]}"#;
    let x: Vec<f64> = (0..50).map(f64::from).collect();
    let y: Vec<f64> = x.iter().map(|v| v * v).collect();
    let given = [Columns { series: 0, x: Some(x.clone()), y: Some(y.clone()) }];
    let (apart, _) = prepare_columns(spec, &Defaults::default(), &given).unwrap();
    let json = format!(r#"{{"type": "line", "series": [{{"name": "walk", "x": {x:?}, "y": {y:?}}}]}}"#);
    let (inline, _) = prepare(&json).unwrap();
    assert_eq!(apart.series, inline.series, "the same series either way");
    // Checked as JSON columns are, with the same paths.
    let mut bad = y.clone();
    bad[3] = f64::NAN;
    let e = prepare_columns(spec, &Defaults::default(), &[Columns { series: 0, x: Some(x.clone()), y: Some(bad) }]).unwrap_err();
    assert_eq!(e.path, "series[0].y[3]");
    let e = prepare_columns(spec, &Defaults::default(), &[Columns { series: 0, x: Some(x.clone()), y: Some(vec![1.0]) }]).unwrap_err();
    assert_eq!(e.path, "series[0].y");
    let e = prepare_columns(spec, &Defaults::default(), &[Columns { series: 0, x: Some(vec![1.0, f64::INFINITY]), y: Some(vec![1.0, 2.0]) }]).unwrap_err();
    assert_eq!(e.path, "series[0].x[1]");
    // Unsorted x: sorted with its y, the extent whatever the order.
    let (c, _) = prepare_columns(spec, &Defaults::default(), &[Columns { series: 0, x: Some(vec![3.0, 1.0, 2.0]), y: Some(vec![30.0, -10.0, 20.0]) }]).unwrap();
    let s = &c.series[0];
    assert_eq!(s.points.iter().map(|p| (p.x, p.value.high)).collect::<Vec<_>>(), vec![(1.0, -10.0), (2.0, 20.0), (3.0, 30.0)]);
    assert_eq!((s.extent.x, s.extent.value), ((1.0, 3.0), (-10.0, 30.0)));
    let e = prepare_columns(spec, &Defaults::default(), &[Columns { series: 1, x: Some(x), y: Some(y) }]).unwrap_err();
    assert_eq!(e.to_string(), "series[1]: columns were given for a series the spec does not have");
}

#[test]
fn a_bom_before_the_spec_is_read_past() {
    assert!(prepare("\u{feff}{\"type\": \"bar\", \"data\": [{\"label\": \"a\", \"value\": 1}]}").is_ok());
}

#[test]
fn lone_surrogates_become_replacement_characters() {
    let (chart, _) = prepare(r#"{"type": "bar", "title": "a\ud800b\udc00c\ud83c\udfe0", "data": [{"label": "x\\ud800", "value": 1}]}"#).unwrap();
    assert_eq!(chart.title.as_deref(), Some("a\u{fffd}b\u{fffd}c\u{1f3e0}"));
    // An escaped backslash before "u" is text, not an escape.
    assert_eq!(chart.series[0].points[0].label(), "x\\ud800");
}

#[test]
fn controls_and_bidi_overrides_never_reach_a_chart() {
    let spec = "{\"type\": \"bar\", \"title\": \"Slums\\u202e evil\\u2066 x\\u2069\\u0007\\tok\\ufeff\", \"data\": [{\"label\": {\"en\": \"\\u202dA\\u202c\\u0000B\", \"ar\": \"\\u2067ب\\u2069\"}, \"value\": 1}]}";
    let (chart, _) = prepare(spec).unwrap();
    assert_eq!(chart.title.as_deref(), Some("Slums evil x ok"));
    assert_eq!(chart.series[0].points[0].label(), "AB");
    let svg = render_svg_width(spec, Some(640.0)).unwrap().svg;
    for c in ['\u{202e}', '\u{2066}', '\u{2069}', '\u{7}', '\u{feff}', '\u{202d}', '\u{0}'] {
        assert!(!svg.contains(c), "{c:?} in the SVG");
    }
    // The marks that order only their neighbours stay (Arabic percent).
    let (chart, _) = prepare(r#"{"type": "bar", "title": "\u200e%\u200f", "data": [{"label": "a", "value": 1}]}"#).unwrap();
    assert_eq!(chart.title.as_deref(), Some("\u{200e}%\u{200f}"));
    // Nor do they reach a message quoting the spec's words.
    let e = prepare("{\"type\": \"bar\\u202e\", \"data\": []}").unwrap_err().to_string();
    assert!(!e.contains('\u{202e}'), "{e:?}");
}
