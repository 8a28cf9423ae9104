//! Issue 11: a chart is publishable at 280 px wide in each of the six
//! languages: every headline figure visible with its qualifier, nothing cut
//! with "…" without a warning, no axis that wastes half its length.
//! Languages other than en and zh are reproduced by adding `"locale"` to a
//! copy of the -en spec (numbers are then written in that language).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use housing_charts::layout::{Estimator, Scene};
use housing_charts::{lay_out, prepare, Warning};

const LANGS: [&str; 6] = ["en", "zh", "fr", "es", "ru", "ar"];

/// The spec of example `stem` (without its -en/-zh suffix) in `lang`: the
/// -zh file for Chinese, else the -en file with `"locale"` set.
fn spec(stem: &str, lang: &str) -> String {
    let file = if lang == "zh" { format!("{stem}-zh") } else { format!("{stem}-en") };
    let json = std::fs::read_to_string(common::root(&format!("data/examples/{file}.json"))).unwrap();
    with_locale(&json, lang)
}

fn with_locale(json: &str, lang: &str) -> String {
    let mut v: serde_json::Value = serde_json::from_str(json).unwrap();
    if lang != "zh" || v.get("locale").is_none() {
        v["locale"] = serde_json::Value::String(lang.to_owned());
    }
    v.to_string()
}

fn draw(json: &str, width: f64) -> (Scene, Vec<Warning>) {
    let chart = prepare(json).unwrap_or_else(|e| panic!("{e}"));
    lay_out(&chart, width, 1.0, &Estimator).unwrap()
}

fn texts(scene: &Scene) -> Vec<String> {
    scene.texts().map(|t| t.text.clone()).collect()
}

#[test]
fn few_ticks_do_not_waste_the_axis() {
    // 1.1 billion at most: the axis ends at 1.2B, not 2B.
    let (scene, _) = draw(&spec("homeless-vs-slums", "en"), 280.0);
    let t = texts(&scene);
    assert!(t.iter().any(|s| s == "1.2B" || s == "1.5B"), "{t:?}");
    assert!(!t.iter().any(|s| s == "2B"), "{t:?}");
    // 2.8 billion in Spanish: 3 mil M, not 4 mil M.
    let (scene, _) = draw(&spec("people-bars", "es"), 280.0);
    let t = texts(&scene);
    assert!(t.iter().any(|s| s == "3\u{a0}mil M"), "{t:?}");
    assert!(!t.iter().any(|s| s == "4\u{a0}mil M"), "{t:?}");
}
