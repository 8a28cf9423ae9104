//! Helpers shared by the native test files.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use housing_charts::layout::Scene;

/// Every example spec in `data/examples/`, as (file stem, JSON text), sorted.
pub fn examples() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/examples");
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    out.sort();
    assert!(!out.is_empty(), "no examples in {}", dir.display());
    out
}

/// The six languages every example is published in.
pub const LANGS: [&str; 6] = ["en", "zh", "fr", "es", "ru", "ar"];

/// Every example in every language, as ("<stem>-<lang>", JSON text with that
/// `locale`). The examples carry no `locale` of their own: a page chooses it.
pub fn examples_in_all_languages() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (name, json) in examples() {
        assert!(!json.contains("\"locale\""), "{name}: an example names no locale (the page chooses it)");
        let body = json.trim_start().strip_prefix('{').unwrap_or_else(|| panic!("{name}: not a JSON object"));
        for lang in LANGS {
            out.push((format!("{name}-{lang}"), format!("{{\"locale\": \"{lang}\",{body}")));
        }
    }
    out
}

/// Path of a file under the crate root.
pub fn root(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// Compares `actual` with the committed file at `path`. With
/// UPDATE_SNAPSHOTS=1 the file is (re)written; on a mismatch the new text is
/// written beside it as `<name>.changed.<ext>` for review, and the test fails.
pub fn check_snapshot(path: &Path, actual: &str) -> Result<(), String> {
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, actual).unwrap();
        return Ok(());
    }
    let expected = std::fs::read_to_string(path).unwrap_or_default();
    let changed = path.with_extension(format!(
        "changed.{}",
        path.extension().map(|e| e.to_string_lossy().into_owned()).unwrap_or_default()
    ));
    if expected == actual {
        let _ = std::fs::remove_file(&changed);
        return Ok(());
    }
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&changed, actual).unwrap();
    Err(if expected.is_empty() {
        format!("{} is missing; run with UPDATE_SNAPSHOTS=1 to create it", path.display())
    } else {
        format!("{} differs; the new version is in {}", path.display(), changed.display())
    })
}

/// Every text item inside the scene, and no two text items overlapping.
pub fn check_text_placement(name: &str, scene: &Scene) -> Result<(), String> {
    let (w, h) = (f64::from(scene.width), f64::from(scene.height));
    let texts: Vec<_> = scene.texts().collect();
    for t in &texts {
        let (x0, y0, x1, y1) = t.bbox();
        if x0 < -0.5 || y0 < -0.5 || x1 > w + 0.5 || y1 > h + 0.5 {
            return Err(format!("{name}: {:?} at ({x0:.1},{y0:.1})–({x1:.1},{y1:.1}) leaves the {w}×{h} chart", t.text));
        }
    }
    for (i, a) in texts.iter().enumerate() {
        for b in &texts[i + 1..] {
            let (a0, a1, a2, a3) = a.bbox();
            let (b0, b1, b2, b3) = b.bbox();
            let overlap_x = a2.min(b2) - a0.max(b0);
            let overlap_y = a3.min(b3) - a1.max(b1);
            if overlap_x > 0.5 && overlap_y > 0.5 {
                return Err(format!("{name}: {:?} overlaps {:?}", a.text, b.text));
            }
        }
    }
    Ok(())
}

/// Rounds every decimal number in the SVG to 2 places so that diffs show
/// only real changes.
pub fn normalize(svg: &str) -> String {
    let mut out = String::with_capacity(svg.len());
    let bytes: Vec<char> = svg.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c.is_ascii_digit() && (i == 0 || !(bytes[i - 1].is_alphanumeric() || bytes[i - 1] == '#')) {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == '.') {
                i += 1;
            }
            let num: String = bytes[start..i].iter().collect();
            match (num.contains('.'), num.parse::<f64>()) {
                (true, Ok(v)) => {
                    let s = format!("{v:.2}");
                    out.push_str(s.trim_end_matches('0').trim_end_matches('.'));
                }
                _ => out.push_str(&num),
            }
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}
