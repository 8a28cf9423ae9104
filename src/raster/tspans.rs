//! The SVG that usvg rasterises: `svg::scene_to_svg`'s document with each
//! text in one `<tspan>` naming its face's family (`Fonts::face_for`), and,
//! as usvg has no `direction`, written left to right with each text of a
//! right-to-left chart embedded right to left.

use super::fonts::Fonts;
use crate::error::Error;
use crate::layout::{Item, Scene};

/// The document for usvg. plotters writes each text item as `<text …>`, its
/// escaped text alone on the next line, then `</text>`, in the scene's
/// order (text is escaped: no other line starts with `<text `); a line that
/// is not the expected text is an error, not a silent mismatch.
pub fn for_usvg(scene: &Scene, fonts: &Fonts) -> Result<String, Error> {
    // usvg reads `text-anchor="start"` as the left end and sets text on a
    // left-to-right base: the scene's anchors are absolute (left edge,
    // middle, right edge), so drawn as left to right they land where the
    // browser puts them; U+202B … U+202C orders Arabic, figures and Latin
    // words as the browser does on the chart's right-to-left base.
    let mut ltr = scene.clone();
    ltr.rtl = false;
    let svg = crate::svg::scene_to_svg(&ltr)?;
    let (open, close) = if scene.rtl { ("\u{202b}", "\u{202c}") } else { ("", "") };
    let families = Fonts::families(&scene.font_family);
    let mut texts = scene.items.iter().filter_map(|item| match item {
        Item::Text(t) => Some(t),
        _ => None,
    });
    let mut out = String::with_capacity(svg.len() * 2);
    let mut lines = svg.split_inclusive('\n');
    while let Some(line) = lines.next() {
        if !line.starts_with("<text ") {
            out.push_str(line);
            continue;
        }
        let (Some(content), Some(t)) = (lines.next(), texts.next()) else {
            return Err(Error::at("", "the SVG's texts are out of step with the chart's (plotters changed its output?)"));
        };
        if content.trim_end_matches('\n') != escape(&t.text) {
            return Err(Error::at("", format!("the SVG's text {content:?} is not the chart's {:?}", t.text)));
        }
        // One span, nothing outside it (not even the line breaks): usvg
        // merges the spans of a text, and an embedding outside it would be one.
        out.push_str(line.trim_end_matches('\n'));
        let face = fonts.face_for(&t.text, &families, if t.bold { 700 } else { 400 });
        match face.and_then(|id| fonts.family_of(id)) {
            Some(family) => out.push_str(&format!("<tspan font-family=\"'{}'\">", escape(&family.replace('\'', "")))),
            None => out.push_str("<tspan>"),
        }
        out.push_str(open);
        out.push_str(&escape(&t.text));
        out.push_str(close);
        out.push_str("</tspan>");
    }
    Ok(out)
}

/// XML text and attribute escaping, as plotters escapes.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}
