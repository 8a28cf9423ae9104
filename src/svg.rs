//! Spec → SVG text, through plotters' SVG backend: natively with the
//! deterministic text estimator (snapshot tests), in the browser with the
//! canvas's text metrics (the "download SVG" export).

use plotters::backend::DrawingBackend;
use plotters::prelude::SVGBackend;

use crate::error::{Error, Warning};
use crate::layout::{Estimator, TextMeasure, DEFAULT_WIDTH};

/// An SVG rendering of a spec.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// The SVG document.
    pub svg: String,
    /// Width and height in pixels.
    pub size: (u32, u32),
    /// What the chart was drawn despite.
    pub warnings: Vec<Warning>,
}

/// plotters' SVG backend writes `font-size = size / 1.24`; this undoes it.
const SVG_TEXT_SCALE: f64 = 1.24;

/// Renders a JSON spec to SVG, `spec.width` (or 640) pixels wide.
pub fn render_svg(spec_json: &str) -> Result<Rendered, Error> {
    render_svg_width(spec_json, None)
}

/// Renders a JSON spec to SVG at `width` pixels (default: `spec.width` or 640).
pub fn render_svg_width(spec_json: &str, width: Option<f64>) -> Result<Rendered, Error> {
    render_svg_with(spec_json, width, &Estimator)
}

/// Renders a JSON spec to SVG at `width` pixels, measuring text with `measure`.
pub fn render_svg_with(spec_json: &str, width: Option<f64>, measure: &dyn TextMeasure) -> Result<Rendered, Error> {
    let chart = crate::prepare(spec_json)?;
    let width = width.or(chart.0.width).unwrap_or(DEFAULT_WIDTH);
    let (scene, warnings) = crate::lay_out(&chart, width, 1.0, measure)?;
    let svg = scene_to_svg(&scene)?;
    Ok(Rendered { svg, size: (scene.width, scene.height), warnings })
}

/// Draws a laid-out scene as an SVG document. Text carries the scene's
/// font families (escaped by plotters like every attribute); rounded
/// rectangles are `<rect rx="…">`.
pub fn scene_to_svg(scene: &crate::layout::Scene) -> Result<String, Error> {
    let mut svg = String::new();
    let mut radii = Vec::new();
    {
        let mut backend = SVGBackend::with_string(&mut svg, (scene.width, scene.height));
        crate::draw::draw_rects_square(scene, &mut backend, SVG_TEXT_SCALE, &mut radii)
            .and_then(|_| backend.present())
            .map_err(|e| Error::at("", format!("could not draw the SVG: {e}")))?;
    }
    // The base direction is always written: SVG pasted inline into a page
    // inherits the page's `direction` otherwise, and "start"/"end" anchors
    // (and the order of mixed Arabic and digits) would follow the page.
    // A presentation attribute, not a style, so a strict CSP page keeps it.
    let dir = if scene.rtl { "rtl" } else { "ltr" };
    let svg = match svg.strip_prefix("<svg ") {
        Some(rest) => format!("<svg direction=\"{dir}\" {rest}"),
        None => svg,
    };
    if radii.iter().all(|r| *r <= 0.0) {
        return Ok(svg);
    }
    // plotters writes each `<rect …/>` on a line of its own, in drawing order,
    // one per entry of `radii` (text is escaped: no other line starts with `<rect`).
    let mut out = String::with_capacity(svg.len() + 16 * radii.len());
    let mut radii = radii.into_iter();
    for line in svg.split_inclusive('\n') {
        match (line.starts_with("<rect "), line.strip_suffix("/>\n")) {
            (true, Some(open)) => match radii.next() {
                Some(r) if r > 0.0 => {
                    out.push_str(open);
                    out.push_str(&format!(" rx=\"{r}\"/>\n"));
                }
                _ => out.push_str(line),
            },
            _ => out.push_str(line),
        }
    }
    Ok(out)
}
