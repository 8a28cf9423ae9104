//! Every example spec in `data/examples/`, in each of the six languages,
//! renders to SVG without a warning (so every text has that language),
//! matches its committed snapshot (`tests/snapshots/<name>-<lang>.svg`), and
//! lays out at 280, 320, 640 and 1200 px with no text outside the chart and
//! no text over other text.
//! UPDATE_SNAPSHOTS=1 rewrites the snapshots; a mismatch writes
//! `<name>.changed.svg` beside the old one.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use housing_charts::layout::Estimator;
use housing_charts::{lay_out, prepare, render_svg_width};

#[test]
fn normalize_rounds_only_decimals() {
    assert_eq!(common::normalize(r##"<text x="10" font-size="12.000000001" fill="#0072B2">a1.5b 2.345</text>"##),
               r##"<text x="10" font-size="12" fill="#0072B2">a1.5b 2.35</text>"##);
}

#[test]
fn every_example_matches_its_svg_snapshot() {
    let mut failures = Vec::new();
    for (name, json) in common::examples_in_all_languages() {
        let rendered = render_svg_width(&json, None).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(rendered.warnings.is_empty(), "{name}: unexpected warnings {:?}", rendered.warnings);
        let svg = common::normalize(&rendered.svg);
        assert!(svg.starts_with("<svg"), "{name}");
        assert!(svg.contains("<rect"), "{name}: no marks");
        if let Err(e) = common::check_snapshot(&common::root(&format!("tests/snapshots/{name}.svg")), &svg) {
            failures.push(e);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn text_stays_inside_and_apart_at_three_widths() {
    let mut failures = Vec::new();
    for (name, json) in common::examples_in_all_languages() {
        let chart = prepare(&json).unwrap_or_else(|e| panic!("{name}: {e}"));
        for width in [280.0, 320.0, 640.0, 1200.0] {
            for dpr in [1.0, 2.0] {
                let (scene, _) = lay_out(&chart, width, dpr, &Estimator).unwrap();
                assert_eq!(scene.width, (width * dpr) as u32, "{name}");
                if let Err(e) = common::check_text_placement(&format!("{name} at {width}px ×{dpr}"), &scene) {
                    failures.push(e);
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn hostile_text_stays_inside_and_apart() {
    let long = "Housing ".repeat(250);
    let specs = [
        format!(r#"{{"type": "bar", "title": "{long}", "subtitle": "{long}", "source": "{long}", "data": [{{"label": "{long}", "value": 5}}, {{"label": "x", "value": 1e12}}]}}"#),
        format!(r#"{{"type": "bar", "orientation": "vertical", "data": [{{"label": "{}", "value": 5}}, {{"label": "b", "value": 3}}]}}"#, "W".repeat(500)),
        r#"{"type": "bar", "title": "<img src=x onerror=alert(1)> 🏠 é\u0301 مرحبا שלום \u0007", "data": [{"label": "🏠🏠🏠", "value": 5}]}"#.to_owned(),
        r#"{"type": "line", "series": [{"name": "a", "data": [{"x": 1, "value": 0}, {"x": 2, "value": 0}]}, {"name": "b", "data": [{"x": 1, "value": 0}, {"x": 2, "value": 0}]}]}"#.to_owned(),
        // Found by pipeline_props: a bold first line wider than the lane it was measured for.
        r#"{"type": "timeline", "title": "", "data": [{"label": "", "value": 0, "year": 1929}, {"label": "<img src=x onerror=alert(1)>", "value": 0, "year": 2077}, {"label": "生活在贫民窟和非正规住区的人口", "value": 0, "year": 2046}, {"label": "", "value": 0, "year": 2091}, {"label": "", "value": 0, "year": 2046}]}"#.to_owned(),
        // Found by pipeline_props: vertical bars asked for where a band is narrower than one character.
        r#"{"type": "bar", "orientation": "vertical", "numberFormat": "percent", "data": [{"label": "A", "value": 0}, {"label": "a", "value": 0}, {"label": "B", "value": 0}, {"label": "C", "value": 0}, {"label": "A Aaa", "value": 0}, {"label": "dmAA", "value": -642980179253.9073}]}"#.to_owned(),
        // Found by pipeline_props: a donut's centre value wider than the chart (it now stays in the key).
        r#"{"type": "donut", "numberFormat": "percent", "data": [{"label": "A", "qualifier": "range", "low": 916934029799.7905, "high": 916934029799.7905}]}"#.to_owned(),
    ];
    for (i, spec) in specs.iter().enumerate() {
        let chart = prepare(spec).unwrap_or_else(|e| panic!("{i}: {e}"));
        for width in [200.0, 280.0, 640.0, 814.4, 1200.0] {
            let (scene, _) = lay_out(&chart, width, 1.0, &Estimator).unwrap();
            common::check_text_placement(&format!("hostile spec {i} at {width}px"), &scene).unwrap();
        }
    }
}

#[test]
fn vertical_bars_too_narrow_for_their_labels_turn_horizontal_with_a_warning() {
    let labels: Vec<String> = (0..12).map(|i| format!(r#"{{"label": "Region {i}", "value": {}}}"#, i + 1)).collect();
    let spec = format!(r#"{{"type": "bar", "orientation": "vertical", "data": [{}]}}"#, labels.join(", "));
    let chart = prepare(&spec).unwrap();
    let (scene, warnings) = lay_out(&chart, 200.0, 1.0, &Estimator).unwrap();
    assert!(warnings.iter().any(|w| w.path == "orientation" && w.message.contains("drawn horizontally")), "{warnings:?}");
    common::check_text_placement("12 bars at 200px", &scene).unwrap();
    // Every label is drawn (left of its row), none left out.
    let texts: Vec<_> = scene.texts().map(|t| t.text.clone()).collect();
    assert!((0..12).all(|i| texts.iter().any(|t| t.contains(&format!("Region {i}")))), "{texts:?}");
    // Wide enough: stays vertical, no warning.
    let (_, warnings) = lay_out(&chart, 1200.0, 1.0, &Estimator).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn small_vertical_bars_keep_the_height_asked_for() {
    // A small multiple: short labels, 200 px tall. The bars shrink to fit
    // (the least height follows the label rows, not a fixed 160 px of bars).
    let spec = r#"{"type": "bar", "orientation": "vertical", "title": "Slums", "height": 200, "data": [{"label": "2000", "value": 0.9e9}, {"label": "2010", "value": 1.0e9}, {"label": "2020", "value": 1.1e9}]}"#;
    let chart = prepare(spec).unwrap();
    let (scene, warnings) = lay_out(&chart, 480.0, 1.0, &Estimator).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(scene.height, 200);
    common::check_text_placement("small vertical bars", &scene).unwrap();

    // One of fifty on a page, 240 × 180 (the benchmark's small multiples):
    // the title keeps to one line and value labels that cannot fit take no
    // row, so the chart is the height it was given.
    let spec = r#"{"type": "bar", "orientation": "vertical", "title": "Chart 7: people affected", "height": 180, "data": [
        {"label": "Lacking adequate housing", "value": 2.8e9}, {"label": "Living in slums", "value": 1.1e9},
        {"label": "Homeless", "value": 3e8}, {"label": "Children in slums", "value": 5e8},
        {"label": "Forcibly displaced", "value": 1.23e8}, {"label": "Africa's housing gap (units)", "value": 5.1e7}]}"#;
    let chart = prepare(spec).unwrap();
    let (scene, warnings) = lay_out(&chart, 240.0, 1.0, &Estimator).unwrap();
    assert_eq!(scene.height, 180, "{warnings:?}");
    // Labels cut to three lines say so (`shortened`), naming their figure.
    assert!(warnings.iter().all(|w| w.path == "valueLabels" || (w.path.ends_with(".label") && w.message.contains("shortened"))), "{warnings:?}");
    common::check_text_placement("240 × 180 bars", &scene).unwrap();
}

#[test]
fn svg_escapes_markup_in_text() {
    let r = housing_charts::render_svg(r#"{"type": "bar", "title": "<script>alert(1)</script>", "data": [{"label": "a&b", "value": 1}]}"#).unwrap();
    assert!(!r.svg.contains("<script>"));
    assert!(r.svg.contains("&lt;script&gt;"));
    assert!(r.svg.contains("a&amp;b"));
}

#[test]
fn a_highlight_or_callout_names_its_figure_in_any_language_or_by_id() {
    // One six-language spec highlights "Homeless people" in every language.
    for (lang, target) in [("ar", "Homeless people"), ("zh", "homeless"), ("fr", "无家可归者")] {
        let spec = format!(
            r#"{{"type": "bar", "locale": "{lang}", "highlight": ["{target}"],
                "annotations": [{{"type": "callout", "target": "{target}", "label": "!"}}],
                "data": [{{"id": "homeless", "label": {{"en": "Homeless people", "zh": "无家可归者", "fr": "Sans-abri", "ar": "المشردون"}}, "value": 3e8}},
                         {{"label": {{"en": "Slums", "zh": "贫民窟", "fr": "Taudis", "ar": "الأحياء الفقيرة"}}, "value": 1.1e9}}]}}"#
        );
        let (chart, _) = prepare(&spec).unwrap_or_else(|e| panic!("{lang}: {e}"));
        let shown = match lang {
            "ar" => "المشردون",
            "zh" => "无家可归者",
            _ => "Sans-abri",
        };
        assert_eq!(chart.highlight, vec![shown.to_owned()], "{lang}");
        assert!(chart.is_highlighted(shown) && !chart.is_highlighted("Taudis"));
    }
    let e = prepare(r#"{"type": "bar", "highlight": ["Homless"], "data": [{"label": "Homeless", "value": 1}]}"#).unwrap_err();
    assert!(e.to_string().contains("did you mean \"Homeless\""), "{e}");
}

#[test]
fn warnings_name_a_timeline_event_by_its_place_in_the_spec_not_its_place_in_time() {
    // Events are drawn in order of year; the spec lists them otherwise. The
    // long note of the spec's data[0] (drawn last) is the one cut.
    let long = "A very long note about this event that goes on and on, well past what a phone can show in a few lines of text, so that it must be cut somewhere and the reader told. ".repeat(4);
    let spec = format!(
        r#"{{"type": "timeline", "data": [{{"label": "Late", "year": 2020, "note": "{long}"}}, {{"label": "Early", "year": 1976}}, {{"label": "Middle", "year": 1996}}]}}"#
    );
    let chart = prepare(&spec).unwrap();
    let (_, warnings) = lay_out(&chart, 280.0, 1.0, &Estimator).unwrap();
    let cut: Vec<_> = warnings.iter().filter(|w| w.message.contains("shortened")).collect();
    assert!(!cut.is_empty(), "{warnings:?}");
    assert!(cut.iter().all(|w| w.path == "data[0].note"), "{warnings:?}");
}
