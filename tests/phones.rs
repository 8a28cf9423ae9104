//! Issue 11: a chart is publishable at 280 px wide in each of the six
//! languages: every headline figure visible with its qualifier, nothing cut
//! with "…" without a warning, no axis that wastes half its length.
//! Each example carries its texts in all six languages; `"locale"` picks one.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use housing_charts::format::Room;
use housing_charts::layout::{Estimator, Item, Scene, TextItem};
use housing_charts::model::Chart;
use housing_charts::{lay_out, prepare, Warning};

const LANGS: [&str; 6] = ["en", "zh", "fr", "es", "ru", "ar"];

/// The spec of example `stem` in `lang`.
fn spec(stem: &str, lang: &str) -> String {
    let json = std::fs::read_to_string(common::root(&format!("data/examples/{stem}.json"))).unwrap();
    with_locale(&json, lang)
}

fn with_locale(json: &str, lang: &str) -> String {
    let mut v: serde_json::Value = serde_json::from_str(json).unwrap();
    v["locale"] = serde_json::Value::String(lang.to_owned());
    v.to_string()
}

fn draw(json: &str, width: f64) -> (Scene, Vec<Warning>) {
    let chart = prepare(json).unwrap_or_else(|e| panic!("{e}"));
    lay_out(&chart, width, 1.0, &Estimator).unwrap()
}

fn chart(json: &str) -> Chart {
    prepare(json).unwrap_or_else(|e| panic!("{e}")).0
}

/// Whether `text` is written in the scene: on one line, or wrapped onto
/// consecutive lines.
fn shows(scene: &Scene, text: &str) -> bool {
    let t: Vec<&TextItem> = scene.texts().collect();
    (0..t.len()).any(|i| {
        (1..=3).any(|n| {
            t.get(i..i + n).is_some_and(|run| run.iter().map(|x| x.text.as_str()).collect::<Vec<_>>().join(" ") == text)
        })
    })
}

/// The text a line of the scene crosses, if any.
fn crossed(scene: &Scene) -> Option<String> {
    let lines: Vec<&Vec<(f64, f64)>> = scene
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Line { points, .. } => Some(points),
            _ => None,
        })
        .collect();
    for t in scene.texts() {
        let (x0, y0, x1, y1) = t.bbox();
        let inside = |(x, y): (f64, f64)| x > x0 + 0.5 && x < x1 - 0.5 && y > y0 + 0.5 && y < y1 - 0.5;
        for pts in &lines {
            for seg in pts.windows(2) {
                let (a, b) = (seg[0], seg[1]);
                let len = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
                let steps = (len * 2.0).ceil().max(1.0) as usize;
                if (0..=steps).any(|k| {
                    let f = k as f64 / steps as f64;
                    inside((a.0 + (b.0 - a.0) * f, a.1 + (b.1 - a.1) * f))
                }) {
                    return Some(t.text.clone());
                }
            }
        }
    }
    None
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
    assert!(t.iter().any(|s| s == "3\u{a0}mil\u{a0}M"), "{t:?}");
    assert!(!t.iter().any(|s| s == "4\u{a0}mil\u{a0}M"), "{t:?}");
}

#[test]
fn both_ends_of_the_gap_arrow_are_always_labelled() {
    for lang in LANGS {
        let json = spec("africa-gap-arrow", lang);
        let c = chart(&json);
        let points = &c.series[0].points;
        for width in [280.0, 320.0, 400.0, 640.0, 1200.0] {
            let (scene, warnings) = draw(&json, width);
            let name = format!("gap arrow in {lang} at {width}");
            common::check_text_placement(&name, &scene).unwrap();
            for p in points {
                let (long, short) = (c.fmt.value(&p.value, Room::Long), c.fmt.value(&p.value, Room::Short));
                assert!(shows(&scene, &long) || shows(&scene, &short), "{name}: {long:?} missing from {:?}", texts(&scene));
                assert!(shows(&scene, p.label()), "{name}: {:?} missing from {:?}", p.label(), texts(&scene));
            }
            // The words whenever they fit: at 640 and up always.
            if width >= 640.0 {
                let long = c.fmt.value(&points[1].value, Room::Long);
                assert!(shows(&scene, &long), "{name}: {long:?} missing from {:?}", texts(&scene));
            }
            assert!(warnings.is_empty(), "{name}: {warnings:?}");
            assert_eq!(crossed(&scene), None, "{name}: a line crosses this text");
        }
    }
}

/// Whether every figure of the chart is written with its qualifier, in words
/// or short.
fn every_value_shown(c: &Chart, scene: &Scene) -> Result<(), String> {
    for s in &c.series {
        for p in &s.points {
            let (long, short) = (c.fmt.value(&p.value, Room::Long), c.fmt.value(&p.value, Room::Short));
            if !shows(scene, &long) && !shows(scene, &short) {
                return Err(format!("{long:?} missing from {:?}", texts(scene)));
            }
        }
    }
    Ok(())
}

#[test]
fn bars_keep_their_value_labels_in_every_language() {
    let stems = ["people-bars", "people-bars-themed", "children-range-bars", "homeless-vs-slums", "shares-bars", "africa-gap-bars", "housing-economy-grouped"];
    let mut failures = Vec::new();
    for stem in stems {
        for lang in LANGS {
            let json = spec(stem, lang);
            let c = chart(&json);
            for width in [280.0, 320.0, 480.0, 640.0, 1200.0] {
                let name = format!("{stem} in {lang} at {width}");
                let (scene, warnings) = draw(&json, width);
                if let Err(e) = common::check_text_placement(&name, &scene) {
                    failures.push(e);
                }
                if let Err(e) = every_value_shown(&c, &scene) {
                    failures.push(format!("{name}: {e}"));
                }
                if let Some(w) = warnings.iter().find(|w| w.path == "valueLabels") {
                    failures.push(format!("{name}: {w:?}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_stacked_segment_keeps_its_value() {
    let mut failures = Vec::new();
    for (lang, orientation) in LANGS.iter().flat_map(|l| [(l, "horizontal"), (l, "vertical")]) {
        let mut v: serde_json::Value = serde_json::from_str(&spec("housing-economy-stacked", lang)).unwrap();
        v["orientation"] = orientation.into();
        let json = v.to_string();
        let c = chart(&json);
        for width in [280.0, 320.0, 480.0, 640.0, 1200.0] {
            let name = format!("{orientation} stacked bars in {lang} at {width}");
            let (scene, warnings) = draw(&json, width);
            if let Err(e) = common::check_text_placement(&name, &scene) {
                failures.push(e);
            }
            if let Err(e) = every_value_shown(&c, &scene) {
                failures.push(format!("{name}: {e}"));
            }
            // Asked for vertical bars too narrow for their segments'
            // values, the chart turns horizontal and says so.
            let turned = |w: &Warning| orientation == "vertical" && w.path == "orientation" && w.message.contains("drawn horizontally");
            if !warnings.iter().all(turned) {
                failures.push(format!("{name}: {warnings:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn text_is_shortened_only_with_a_warning() {
    let mut failures = Vec::new();
    for (name, _) in common::examples() {
        let stem = name.as_str();
        for lang in LANGS {
            let json = spec(stem, lang);
            for width in [280.0, 320.0, 640.0, 1200.0] {
                let (scene, warnings) = draw(&json, width);
                let shortened: Vec<&Warning> = warnings.iter().filter(|w| w.message.contains("shortened")).collect();
                // Each text cut has its own warning, naming where it is in the spec.
                let cut: Vec<&str> = scene.texts().filter(|t| t.text.ends_with('…')).map(|t| t.text.as_str()).collect();
                if cut.len() > shortened.len() {
                    failures.push(format!("{stem} in {lang} at {width}: {cut:?} cut, warnings {warnings:?}"));
                }
                for w in &shortened {
                    let known = ["title", "subtitle", "note", "source", "data[", "series[", "annotations[", "axisTitle"];
                    if !known.iter().any(|k| w.path.starts_with(k)) {
                        failures.push(format!("{stem} in {lang} at {width}: {w:?} names no text of the spec"));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} cut:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn value_labels_left_out_are_said_in_the_chart() {
    // Vertical bars of a fixed height keep their orientation: where the
    // values fit nowhere, the chart says so, not only the console.
    let spec = r#"{"type": "bar", "orientation": "vertical", "title": "Chart 7: people affected", "height": 180, "data": [
        {"label": "Lacking adequate housing", "value": 2.8e9}, {"label": "Living in slums", "value": 1.1e9},
        {"label": "Homeless", "value": 3e8}, {"label": "Children in slums", "value": 5e8},
        {"label": "Forcibly displaced", "value": 1.23e8}, {"label": "Africa's housing gap (units)", "value": 5.1e7}]}"#;
    for lang in LANGS {
        let json = with_locale(spec, lang);
        let c = chart(&json);
        let (scene, warnings) = draw(&json, 240.0);
        assert!(warnings.iter().any(|w| w.path == "valueLabels"), "{lang}: {warnings:?}");
        let note = housing_charts::i18n::words(c.lang).values_left_out;
        assert!(texts(&scene).iter().any(|t| t == note), "{lang}: {:?}", texts(&scene));
        common::check_text_placement(lang, &scene).unwrap();
        assert_eq!(scene.height, 180, "{lang}");
    }
    // Without a fixed height the bars turn, and every value is written.
    let json = spec.replace(r#""height": 180, "#, "");
    let c = chart(&json);
    let (scene, warnings) = draw(&json, 240.0);
    assert!(warnings.iter().any(|w| w.path == "orientation"), "{warnings:?}");
    every_value_shown(&c, &scene).unwrap();
}

fn dark(json: &str) -> String {
    let mut v: serde_json::Value = serde_json::from_str(json).unwrap();
    v["theme"] = serde_json::Value::String("dark".to_owned());
    v.to_string()
}

#[test]
fn the_light_part_of_a_range_bar_shows_on_a_dark_background() {
    // Lighter than the solid part (as the subtitle says) and visible on the
    // background, for a coloured bar and for a muted grey one.
    for name in ["children-range-bars", "people-bars"] {
        let json = dark(&spec(name, "en"));
        let c = chart(&json);
        let bg = c.theme.background;
        for width in [280.0, 640.0] {
            let (scene, _) = draw(&json, width);
            let fills: Vec<_> = scene.items.iter().filter_map(|i| match i {
                Item::Rect { fill, .. } if *fill != bg => Some(*fill),
                _ => None,
            }).collect();
            // A range band is a fill lighter than some bar's solid colour.
            let solid: Vec<_> = fills.iter().filter(|f| f.a == 1.0 && f.contrast(bg) >= 2.0).collect();
            let bands: Vec<_> = fills.iter().filter(|f| solid.iter().any(|s| f.luminance() > s.luminance() * 1.5)).collect();
            assert!(!bands.is_empty(), "{name} at {width}: no light band among {fills:?}");
            for b in bands {
                assert!(b.contrast(bg) >= 2.5, "{name} at {width}: band {b:?} at {:.1}:1 on the background", b.contrast(bg));
            }
        }
    }
}

#[test]
fn values_inside_segments_contrast_with_them_in_both_themes() {
    for json in [spec("housing-economy-stacked", "en"), dark(&spec("housing-economy-stacked", "en"))] {
        for width in [280.0, 640.0, 1200.0] {
            let (scene, _) = draw(&json, width);
            let mut checked = 0;
            for (k, item) in scene.items.iter().enumerate() {
                let Item::Text(t) = item else { continue };
                // The last opaque rectangle painted under the text's middle
                // (not the chart's background).
                let under = scene.items[1..k].iter().rev().find_map(|i| match i {
                    Item::Rect { x, y, w, h, fill, .. } if fill.a >= 1.0 && t.x > *x && t.x < x + w && t.y > *y && t.y < y + h => Some(*fill),
                    _ => None,
                });
                if let Some(fill) = under {
                    let ratio = t.color.contrast(fill);
                    assert!(ratio >= 4.5, "{:?} at {width}: {ratio:.2}:1 on its segment", t.text);
                    checked += 1;
                }
            }
            assert!(checked >= 2, "{checked} values inside segments at {width}");
        }
    }
}

#[test]
fn text_stays_inside_and_apart_in_six_languages() {
    let mut failures = Vec::new();
    for (name, _) in common::examples() {
        let stem = name.as_str();
        for lang in LANGS {
            let json = spec(stem, lang);
            for width in [280.0, 320.0, 640.0, 1200.0] {
                let (scene, _) = draw(&json, width);
                if let Err(e) = common::check_text_placement(&format!("{stem} in {lang} at {width}"), &scene) {
                    failures.push(e);
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `check` of every example in every language at four widths: the failures.
fn every_example(check: fn(&Scene) -> Option<String>, what: &str) -> Vec<String> {
    let mut failures = Vec::new();
    for (name, _) in common::examples() {
        for lang in LANGS {
            let json = spec(&name, lang);
            for width in [280.0, 320.0, 640.0, 1200.0] {
                if let Some(t) = check(&draw(&json, width).0) {
                    failures.push(format!("{name} in {lang} at {width}: {what} {t:?}"));
                }
            }
        }
    }
    failures
}

#[test]
fn no_line_crosses_text_in_any_example() {
    let failures = every_example(crossed, "a line crosses");
    assert!(failures.is_empty(), "{} crossed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn a_projected_stretch_of_an_area_is_filled_fainter_than_measured_data() {
    let fills = |json: &str| -> Vec<f64> {
        let (scene, _) = draw(json, 640.0);
        scene.items.iter().filter_map(|i| match i {
            Item::Polygon { fill, .. } => Some(fill.a),
            _ => None,
        }).collect()
    };
    let measured = fills(r#"{"type": "area", "data": [{"x": 2020, "value": 40}, {"x": 2025, "value": 51}]}"#);
    let projected = fills(r#"{"type": "area", "data": [{"x": 2025, "value": 51}, {"x": 2030, "value": 130, "qualifier": "projection"}]}"#);
    assert_eq!((measured.len(), projected.len()), (1, 1), "{measured:?} {projected:?}");
    assert!(projected[0] < measured[0] * 0.6, "{projected:?} vs {measured:?}");
    // Measured, then projected: two fills, the later fainter.
    let both = fills(r#"{"type": "area", "data": [{"x": 2020, "value": 40}, {"x": 2025, "value": 51}, {"x": 2030, "value": 130, "qualifier": "projection"}]}"#);
    assert!(both.len() == 2 && both[1] < both[0], "{both:?}");
}

#[test]
fn the_rest_of_a_range_part_is_said_as_a_range_and_drawn_as_the_room_left() {
    for kind in ["pie", "donut", "waffle"] {
        let json = format!(r#"{{"type": "{kind}", "numberFormat": "percent", "total": 100, "restLabel": "With access",
            "data": [{{"label": "Without access", "qualifier": "range", "low": 50, "high": 80}}]}}"#);
        let (scene, _) = draw(&json, 640.0);
        let t = texts(&scene);
        assert!(t.iter().any(|s| s == "With access: 20–50%"), "{kind}: {t:?}");
        // The light part has a key entry of its own.
        assert!(t.iter().any(|s| s.starts_with("Uncertain")), "{kind}: {t:?}");
        // Drawn within the whole: no slice past 360°, no unit past the grid.
        common::check_text_placement(kind, &scene).unwrap();
    }
}

/// The text a mark painted after it covers, if any (a mark under text is
/// fine: a value inside its bar; one over it hides it).
fn covered(scene: &Scene) -> Option<String> {
    let mut texts: Vec<&TextItem> = Vec::new();
    for item in &scene.items {
        let area = match item {
            Item::Text(t) => {
                texts.push(t);
                continue;
            }
            Item::Rect { x, y, w, h, fill, .. } if fill.a > 0.0 => (*x, *y, x + w, y + h),
            Item::Circle { cx, cy, r, .. } => (cx - r, cy - r, cx + r, cy + r),
            Item::Polygon { points, .. } => points.iter().fold((f64::MAX, f64::MAX, f64::MIN, f64::MIN), |(a, b, c, d), p| (a.min(p.0), b.min(p.1), c.max(p.0), d.max(p.1))),
            _ => continue,
        };
        for t in &texts {
            let (x0, y0, x1, y1) = t.bbox();
            // Overlap of more than a pixel each way (anti-aliased edges aside).
            if area.2.min(x1) - area.0.max(x0) > 1.0 && area.3.min(y1) - area.1.max(y0) > 1.0 && !t.text.trim().is_empty() {
                return Some(t.text.clone());
            }
        }
    }
    None
}

#[test]
fn no_mark_covers_text_in_any_example() {
    let failures = every_example(covered, "a mark covers");
    assert!(failures.is_empty(), "{} covered:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn the_cover_check_sees_a_mark_painted_over_text() {
    let (mut scene, _) = draw(r#"{"type": "bar", "title": "Homes", "data": [{"label": "a", "value": 1}]}"#, 640.0);
    assert_eq!(covered(&scene), None);
    let t = scene.texts().find(|t| t.text == "Homes").unwrap().clone();
    let (x0, y0, x1, y1) = t.bbox();
    scene.items.push(Item::Rect { x: x0, y: y0, w: x1 - x0, h: y1 - y0, fill: housing_charts::theme::Rgba::rgb(0, 0, 0), radius: 0.0 });
    assert_eq!(covered(&scene).as_deref(), Some("Homes"));
}

#[test]
fn the_rest_recedes_in_the_dark_theme() {
    for name in ["slums-waffle", "urban-share-donut"] {
        let json = dark(&spec(name, "en"));
        let c = chart(&json);
        let (scene, _) = draw(&json, 640.0);
        let bg = c.theme.background;
        let lightest = scene.items.iter().filter_map(|i| match i {
            Item::Rect { fill, .. } | Item::Polygon { fill, .. } if *fill != bg => Some(fill.luminance()),
            _ => None,
        }).fold(0.0, f64::max);
        let series = c.series[0].color.luminance().max(c.theme.palette[0].luminance());
        assert!(lightest <= series + 1e-9, "{name}: a mark lighter ({lightest:.3}) than the highlighted part ({series:.3}) on a dark chart");
    }
}

#[test]
fn a_timeline_writes_now_in_every_language_and_width() {
    for lang in LANGS {
        let json = spec("habitat-timeline", lang);
        let c = chart(&json);
        let now = housing_charts::i18n::words(c.lang).now;
        for width in [280.0, 320.0, 640.0, 1200.0] {
            let (scene, _) = draw(&json, width);
            assert!(texts(&scene).iter().any(|t| t == now), "{lang} at {width}: no {now:?}");
        }
    }
}

#[test]
fn every_figure_of_every_example_is_written_with_its_qualifier() {
    // Each figure's value, long or short, is in the chart's text: on a line
    // of its own or within one ("Urban: 58%", "~2.8B", "more than 90").
    let mut failures = Vec::new();
    for (name, _) in common::examples() {
        for lang in LANGS {
            let json = spec(&name, lang);
            let c = chart(&json);
            for width in [280.0, 320.0, 640.0, 1200.0] {
                let (scene, _) = draw(&json, width);
                let all = texts(&scene).join("\n");
                let flat = all.replace('\n', " ");
                for s in &c.series {
                    for p in &s.points {
                        // A timeline's events are years, not amounts.
                        if matches!(c.kind, housing_charts::model::Kind::Timeline { .. }) {
                            continue;
                        }
                        let (long, short) = (c.fmt.value(&p.value, Room::Long), c.fmt.value(&p.value, Room::Short));
                        if !flat.contains(&long) && !flat.contains(&short) && !shows(&scene, &long) && !shows(&scene, &short) {
                            failures.push(format!("{name} in {lang} at {width}: {long:?} / {short:?} not written"));
                        }
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} missing:\n{}", failures.len(), failures.join("\n"));
}

/// A line painted over a solid bar's inside (a callout's leader across a
/// bar reads as part of it), if any.
fn line_over_bar(scene: &Scene) -> Option<String> {
    let width = f64::from(scene.width);
    let mut bars: Vec<(f64, f64, f64, f64)> = Vec::new();
    for item in &scene.items {
        match item {
            Item::Rect { x, y, w, h, fill, .. } if fill.a >= 0.99 && *w < width - 1.0 => bars.push((*x, *y, x + w, y + h)),
            Item::Line { points, .. } => {
                for seg in points.windows(2) {
                    let (a, b) = (seg[0], seg[1]);
                    for r in &bars {
                        let hit = (1..40).any(|k| {
                            let t = f64::from(k) / 40.0;
                            let (x, y) = (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
                            x > r.0 + 1.5 && x < r.2 - 1.5 && y > r.1 + 1.5 && y < r.3 - 1.5
                        });
                        if hit {
                            return Some(format!("{seg:?} over {r:?}"));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    None
}

#[test]
fn no_leader_is_drawn_across_a_bar() {
    let failures = every_example(line_over_bar, "a line is drawn over a bar:");
    assert!(failures.is_empty(), "{} over bars:\n{}", failures.len(), failures.join("\n"));
}
