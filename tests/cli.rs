//! The command line (`src/bin/housing-charts`), run as a user runs it: every
//! example's SVG equals its snapshot in all six languages; every example's
//! PNG in English, Chinese and Arabic has ink inside the chart's items (its
//! titles, bars and points) and none outside them; the PNG is width × scale
//! pixels; standard input; a bad spec exits 1 with the library's JSON-path
//! message; warnings on stderr; bad arguments exit 2; the same spec gives
//! the same bytes. PNG pixels are decoded with the png crate.
#![cfg(all(feature = "cli", not(target_arch = "wasm32")))]

mod common;

use std::io::Write;
use std::process::{Command, Output, Stdio};

use housing_charts::layout::{Item, Scene};
use housing_charts::raster::{FontMeasure, Fonts};
use housing_charts::spec::Lang;
use housing_charts::{built_in_datasets, lay_out, prepare, prepare_forced, Forced};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_housing-charts"))
}

/// Runs the command line with `args` and `stdin`.
fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the housing-charts binary runs");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn example(name: &str) -> String {
    common::root(&format!("data/examples/{name}.json")).to_string_lossy().into_owned()
}

/// An RGBA image.
struct Image {
    width: usize,
    height: usize,
    rgba: Vec<u8>,
}

impl Image {
    fn decode(bytes: &[u8]) -> Image {
        assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
        let mut reader = png::Decoder::new(std::io::Cursor::new(bytes)).read_info().unwrap();
        let mut rgba = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut rgba).unwrap();
        assert_eq!(info.color_type, png::ColorType::Rgba);
        Image { width: info.width as usize, height: info.height as usize, rgba }
    }

    fn at(&self, x: usize, y: usize) -> [u8; 4] {
        let i = (y * self.width + x) * 4;
        [self.rgba[i], self.rgba[i + 1], self.rgba[i + 2], self.rgba[i + 3]]
    }
}

/// Boxes (x0, y0, x1, y1) in device pixels that each item may ink, with room
/// for anti-aliasing, line caps and glyphs that reach past their line box.
fn ink_boxes(scene: &Scene) -> Vec<(f64, f64, f64, f64)> {
    let pad = 2.0 * scene.dpr;
    scene
        .items
        .iter()
        .skip(1) // the background
        .map(|item| match item {
            Item::Rect { x, y, w, h, .. } => (*x - pad, *y - pad, x + w + pad, y + h + pad),
            Item::Line { points, width, .. } => bounds(points, width / 2.0 + pad),
            Item::Polygon { points, .. } => bounds(points, pad),
            Item::Circle { cx, cy, r, .. } => (cx - r - pad, cy - r - pad, cx + r + pad, cy + r + pad),
            Item::Text(t) => {
                let (x0, y0, x1, y1) = t.bbox();
                // Glyphs may reach past their advances (an Arabic final
                // meem's tail, italics): a tenth of the size each side.
                let side = pad + t.size * 0.1;
                (x0 - side, y0 - t.size * 0.3, x1 + side, y1 + t.size * 0.3)
            }
        })
        .collect()
}

fn bounds(points: &[(f64, f64)], pad: f64) -> (f64, f64, f64, f64) {
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for (x, y) in points {
        (x0, y0, x1, y1) = (x0.min(*x), y0.min(*y), x1.max(*x), y1.max(*y));
    }
    (x0 - pad, y0 - pad, x1 + pad, y1 + pad)
}

/// Ink inside every text and mark, background everywhere outside all items.
fn check_ink(name: &str, scene: &Scene, image: &Image) -> Result<(), String> {
    if (image.width, image.height) != (scene.width as usize, scene.height as usize) {
        return Err(format!("{name}: image {}×{}, scene {}×{}", image.width, image.height, scene.width, scene.height));
    }
    let bg = image.at(0, 0);
    let inked = |(x0, y0, x1, y1): (f64, f64, f64, f64)| {
        let (xa, xb) = (x0.max(0.0) as usize, (x1.min(image.width as f64 - 1.0)) as usize);
        let (ya, yb) = (y0.max(0.0) as usize, (y1.min(image.height as f64 - 1.0)) as usize);
        (ya..=yb).flat_map(|y| (xa..=xb).map(move |x| (x, y))).filter(|&(x, y)| image.at(x, y) != bg).count()
    };
    for t in scene.texts() {
        if t.text.trim().is_empty() {
            continue;
        }
        let n = inked(t.bbox());
        if n < t.text.chars().filter(|c| !c.is_whitespace()).count() {
            return Err(format!("{name}: only {n} pixels of ink where {:?} is", t.text));
        }
    }
    for item in scene.items.iter().skip(1) {
        if let Item::Rect { x, y, w, h, fill, .. } = item {
            // Anywhere inside (a value label may sit on its middle).
            let inside = (x + 1.0, y + 1.0, x + w - 1.0, y + h - 1.0);
            if *w >= 2.0 && *h >= 2.0 && fill.a > 0.0 && [fill.r, fill.g, fill.b] != bg[..3] && inked(inside) == 0 {
                return Err(format!("{name}: no ink inside {item:?}"));
            }
        }
    }
    let boxes = ink_boxes(scene);
    for y in 0..image.height {
        for x in 0..image.width {
            if image.at(x, y) == bg {
                continue;
            }
            let (fx, fy) = (x as f64, y as f64);
            if !boxes.iter().any(|&(x0, y0, x1, y1)| fx >= x0 && fx <= x1 && fy >= y0 && fy <= y1) {
                return Err(format!("{name}: ink at ({x}, {y}), outside every item of the chart"));
            }
        }
    }
    Ok(())
}

#[test]
fn every_example_svg_equals_its_snapshot_in_six_languages() {
    let mut failures = Vec::new();
    for (name, _) in common::examples() {
        for lang in common::LANGS {
            let out = run(&["render", &example(&name), "--locale", lang], b"");
            assert!(out.status.success(), "{name}-{lang}: {}", String::from_utf8_lossy(&out.stderr));
            assert!(out.stderr.is_empty(), "{name}-{lang}: {}", String::from_utf8_lossy(&out.stderr));
            let svg = common::normalize(&String::from_utf8(out.stdout).unwrap());
            let path = common::root(&format!("tests/snapshots/{name}-{lang}.svg"));
            if svg != std::fs::read_to_string(&path).unwrap() {
                failures.push(format!("{name}-{lang}: the CLI's SVG differs from {}", path.display()));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_example_png_has_ink_on_the_chart_and_nowhere_else_in_latin_chinese_and_arabic() {
    let fonts = Fonts::load(true, &[]);
    assert!(!fonts.is_empty(), "no system fonts: .ci/setup installs fonts-noto-core and fonts-noto-cjk");
    let dir = std::env::temp_dir().join(format!("housing-charts-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut failures = Vec::new();
    for (name, json) in common::examples() {
        for (lang, code) in [(Lang::En, "en"), (Lang::Zh, "zh"), (Lang::Ar, "ar")] {
            let file = dir.join(format!("{name}-{code}.png"));
            let out = run(&["render", &example(&name), "--locale", code, "-o", &file.to_string_lossy()], b"");
            assert!(out.status.success(), "{name}-{code}: {}", String::from_utf8_lossy(&out.stderr));
            let image = Image::decode(&std::fs::read(&file).unwrap());
            // The scene the command drew: the same pipeline, the same fonts.
            let forced = Forced { lang: Some(lang), ..Forced::default() };
            let chart = prepare_forced(&json, &forced, built_in_datasets()).unwrap();
            let width = chart.0.width.unwrap_or(housing_charts::layout::DEFAULT_WIDTH);
            let (scene, _) = lay_out(&chart, width, 1.0, &FontMeasure::new(&fonts)).unwrap();
            if let Err(e) = check_ink(&format!("{name}-{code}"), &scene, &image) {
                failures.push(e);
            }
        }
    }
    std::fs::remove_dir_all(&dir).ok();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_png_is_width_times_scale_pixels_and_draws_its_title() {
    let out = run(&["render", &example("people-bars"), "--format", "png", "--width", "480", "--scale", "2", "--locale", "zh"], b"");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let image = Image::decode(&out.stdout);
    assert_eq!(image.width, 960);
    let fonts = Fonts::load(true, &[]);
    let forced = Forced { lang: Some(Lang::Zh), ..Forced::default() };
    let chart = prepare_forced(&std::fs::read_to_string(example("people-bars")).unwrap(), &forced, built_in_datasets()).unwrap();
    let (scene, _) = lay_out(&chart, 480.0, 2.0, &FontMeasure::new(&fonts)).unwrap();
    assert_eq!((image.width, image.height), (scene.width as usize, scene.height as usize));
    check_ink("people-bars-zh ×2", &scene, &image).unwrap();
    let title = scene.texts().next().unwrap();
    assert!(title.text.starts_with("约28亿人"), "{}", title.text);
}

#[test]
fn the_spec_can_come_from_standard_input() {
    let spec = std::fs::read(example("slums-waffle")).unwrap();
    let from_file = run(&["render", &example("slums-waffle"), "-o", "-", "--format", "png"], b"");
    let from_stdin = run(&["render", "-", "--format", "png"], &spec);
    assert!(from_stdin.status.success(), "{}", String::from_utf8_lossy(&from_stdin.stderr));
    assert_eq!(Image::decode(&from_stdin.stdout).width, 640);
    assert!(from_file.stdout == from_stdin.stdout, "stdin and file gave different PNGs");
}

#[test]
fn a_bad_spec_exits_1_with_the_librarys_json_path_message_and_writes_nothing() {
    let bad = r#"{"type": "bar", "title": "t", "data": [{"label": "a", "value": 1}, {"label": "b", "value": "many"}]}"#;
    let expected = prepare(bad).unwrap_err();
    assert_eq!(expected.path, "data[1].value");
    let file = std::env::temp_dir().join(format!("housing-charts-bad-{}.png", std::process::id()));
    let out = run(&["render", "-", "-o", &file.to_string_lossy()], bad.as_bytes());
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&format!("error: {expected}")), "{stderr}");
    assert!(stderr.contains("line 1, column"), "{stderr}");
    assert!(!file.exists(), "a file was written for a bad spec");

    let unknown = run(&["render", "-"], br#"{"type": "bar", "dataset": "peple"}"#);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("dataset: unknown dataset \"peple\"; did you mean \"people\"?"));

    let missing = run(&["render", "no-such-spec.json"], b"");
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot read no-such-spec.json"));
}

#[test]
fn warnings_go_to_standard_error_and_quiet_silences_them() {
    let spec = br#"{"type": "bar", "title": "t", "min": 5, "data": [{"label": "a", "value": 10}]}"#;
    let out = run(&["render", "-"], spec);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("warning: min: bars start at zero"), "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("<svg"));
    let quiet = run(&["render", "-", "-q"], spec);
    assert!(quiet.status.success() && quiet.stderr.is_empty());
}

#[test]
fn bad_arguments_exit_2_and_help_exits_0() {
    let out = run(&["render", &example("people-bars"), "--locale", "de"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--locale: expected one of en zh fr es ru ar"));
    let help = run(&["--help"], b"");
    assert!(help.status.success());
    assert!(String::from_utf8_lossy(&help.stdout).contains("housing-charts render SPEC.json -o OUT.png"));
}

#[test]
fn the_same_spec_gives_the_same_bytes() {
    for args in [
        vec!["render", "-", "--format", "png", "--scale", "1.5", "--theme", "dark"],
        vec!["render", "-", "--format", "svg", "--measure", "fonts"],
    ] {
        let spec = std::fs::read(example("housing-economy-stacked")).unwrap();
        let (a, b) = (run(&args, &spec), run(&args, &spec));
        assert!(a.status.success(), "{}", String::from_utf8_lossy(&a.stderr));
        assert!(!a.stdout.is_empty());
        assert!(a.stdout == b.stdout, "{args:?}: two runs gave different bytes");
    }
}
