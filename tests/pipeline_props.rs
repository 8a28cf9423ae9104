//! Property tests: no input reaches a panic. Arbitrary text and structured
//! random specs go through the whole native pipeline (spec → SVG); each ends
//! in an SVG or in an error that names a path or a position.
//! PROPTEST_CASES raises the case count for a longer run.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use housing_charts::layout::Estimator;
use housing_charts::{lay_out, prepare, render_svg_width, Error};
use proptest::prelude::*;

fn check(result: Result<housing_charts::Rendered, Error>) {
    match result {
        Ok(r) => {
            assert!(r.svg.starts_with("<svg"));
            assert!(r.size.0 > 0 && r.size.1 > 0);
        }
        Err(e) => assert!(!e.message.is_empty()),
    }
}

/// A JSON number, including the awkward ones.
fn number() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<f64>().prop_filter("finite", |v| v.is_finite()).prop_map(|v| format!("{v:e}")),
        (-1e6f64..1e6).prop_map(|v| v.to_string()),
        Just("0".to_owned()),
        Just("1e300".to_owned()),
        Just("-1e15".to_owned()),
        Just("\"51 million\"".to_owned()),
        Just("null".to_owned()),
    ]
}

/// A JSON string with hostile content.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z ]{0,40}",
        "\\PC{0,30}",
        Just("<img src=x onerror=alert(1)>".to_owned()),
        Just("生活在贫民窟和非正规住区的人口".to_owned()),
        Just("مرحبا بالعالم".to_owned()),
        Just("🏠".repeat(50)),
        Just("👨\u{200d}👩\u{200d}👧".repeat(30)),
        Just("a\u{202e}b\u{2066}c\u{2069}\u{0}\u{feff}\u{301}".to_owned()),
        Just("W".repeat(1500)),
    ]
    .prop_map(|s| serde_json::to_string(&s).unwrap_or_else(|_| "\"\"".to_owned()))
}

fn datum() -> impl Strategy<Value = String> {
    let valid = (text(), -1e12f64..1e12, 0f64..1e9, prop::sample::select(vec!["exact", "about", "more-than", "less-than", "projection", "range"]), 1900i32..2100)
        .prop_map(|(label, value, width, q, year)| {
            if q == "range" {
                format!("{{\"label\": {label}, \"qualifier\": \"range\", \"low\": {value}, \"high\": {}, \"year\": {year}}}", value + width)
            } else {
                format!("{{\"label\": {label}, \"value\": {value}, \"qualifier\": \"{q}\", \"year\": {year}}}")
            }
        });
    let hostile = (text(), number(), prop::option::of(number()), prop::option::of(number()),
     prop::option::of(prop::sample::select(vec!["exact", "range", "projection", "bogus"])),
     prop::option::of(1900i32..2100))
        .prop_map(|(label, value, low, high, q, year)| {
            let mut fields = vec![format!("\"label\": {label}"), format!("\"value\": {value}")];
            if let Some(l) = low { fields.push(format!("\"low\": {l}")); }
            if let Some(h) = high { fields.push(format!("\"high\": {h}")); }
            if let Some(q) = q { fields.push(format!("\"qualifier\": \"{q}\"")); }
            if let Some(y) = year { fields.push(format!("\"year\": {y}")); }
            format!("{{{}}}", fields.join(", "))
        });
    prop_oneof![30 => valid, 1 => hostile]
}

/// A `theme`: a name, or an object with some fields (some of them bad).
fn theme() -> impl Strategy<Value = String> {
    let object = (
        prop::option::of(prop::sample::select(vec!["light", "dark"])),
        prop::option::of(prop::sample::select(vec!["Georgia, serif", "'Noto Serif CJK SC', serif", "a;b", ""])),
        prop::option::of(prop::sample::select(vec!["#fffdf8", "#000", "#777777", "white"])),
        prop::option::of(prop::collection::vec(prop::sample::select(vec!["#aa0000", "#0072b2", "#fff", "blue"]), 0..4)),
        prop::option::of(-2f64..30.0),
    )
        .prop_map(|(base, font, background, palette, radius)| {
            let mut fields = Vec::new();
            if let Some(b) = base { fields.push(format!("\"base\": \"{b}\"")); }
            if let Some(f) = font { fields.push(format!("\"font\": \"{f}\"")); }
            if let Some(c) = background { fields.push(format!("\"background\": \"{c}\"")); }
            if let Some(p) = palette { fields.push(format!("\"palette\": {p:?}")); }
            if let Some(r) = radius { fields.push(format!("\"radius\": {r}")); }
            format!("{{{}}}", fields.join(", "))
        });
    prop_oneof![Just("\"dark\"".to_owned()), object]
}

fn spec() -> impl Strategy<Value = String> {
    (prop::sample::select(vec!["bar", "bar", "line", "line", "area", "gap", "donut", "pie", "waffle", "stat", "timeline", "sankey"]),
     text(), prop::collection::vec(datum(), 0..12),
     prop::option::weighted(0.2, prop::sample::select(vec!["vertical", "horizontal", "auto"])),
     prop::option::of(prop::sample::select(vec!["en", "zh"])),
     prop::option::of(prop::sample::select(vec!["auto", "compact", "full", "plain", "percent"])),
     prop::option::of(50f64..5000.0), any::<bool>(), prop::option::weighted(0.3, theme()))
        .prop_map(|(kind, title, data, orientation, locale, fmt, height, as_series, theme)| {
            let data = format!("[{}]", data.join(", "));
            let mut fields = vec![format!("\"type\": \"{kind}\""), format!("\"title\": {title}")];
            if as_series {
                fields.push(format!("\"series\": [{{\"name\": \"a\", \"data\": {data}}}, {{\"name\": \"b\", \"data\": {data}}}]"));
            } else {
                fields.push(format!("\"data\": {data}"));
            }
            if let Some(o) = orientation { fields.push(format!("\"orientation\": \"{o}\"")); }
            if let Some(l) = locale { fields.push(format!("\"locale\": \"{l}\"")); }
            if let Some(f) = fmt { fields.push(format!("\"numberFormat\": \"{f}\"")); }
            if let Some(h) = height { fields.push(format!("\"height\": {h}")); }
            if let Some(t) = theme { fields.push(format!("\"theme\": {t}")); }
            format!("{{{}}}", fields.join(", "))
        })
}

proptest! {
    // 256 cases in `make test`; PROPTEST_CASES for a longer run (`make fuzz`).
    #![proptest_config(ProptestConfig { cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256), ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(s in "\\PC{0,200}") {
        check(render_svg_width(&s, None));
    }

    #[test]
    fn drawn_text_stays_inside_and_apart(s in spec(), width in 200f64..1600.0) {
        if let Ok(chart) = prepare(&s) {
            let (scene, _) = lay_out(&chart, width, 1.0, &Estimator).unwrap();
            if let Err(e) = common::check_text_placement("generated spec", &scene) {
                panic!("{e}\nspec: {s}\nwidth: {width}");
            }
            for item in &scene.items {
                if let housing_charts::layout::Item::Rect { w, h, radius, .. } = item {
                    prop_assert!(*radius >= 0.0 && *radius <= w / 2.0 + 1e-9 && *radius <= h / 2.0 + 1e-9, "radius {radius} on {w}×{h}: {s}");
                }
            }
        }
    }

    #[test]
    fn structured_specs_never_panic(s in spec(), width in 100f64..2000.0) {
        check(render_svg_width(&s, Some(width)));
    }
}

/// The structured generator must reach the drawing code, not only the parser.
#[test]
fn structured_specs_mostly_reach_the_drawing() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let (mut drawn, total) = (0, 300);
    for _ in 0..total {
        let s = spec().new_tree(&mut runner).unwrap().current();
        if render_svg_width(&s, Some(480.0)).is_ok() {
            drawn += 1;
        }
    }
    assert!(drawn * 5 >= total, "only {drawn} of {total} generated specs were drawn");
}
