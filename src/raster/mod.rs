//! Native rendering for the command line (feature `cli`, never in the wasm):
//! a spec to SVG or PNG bytes, the PNG rasterised by resvg (usvg +
//! tiny-skia) with fontdb's fonts, and the text laid out with widths from
//! those same fonts (`FontMeasure`) or with the deterministic `Estimator`.
//!
//! Like `svg`, this is an output at the back of the pipeline: it asks
//! `prepare_forced`, `lay_out` and `svg::scene_to_svg` for the chart and
//! knows nothing of how a spec is read or where the bytes go (that is
//! `src/bin/housing-charts`, a thin shell over `render`).

mod fonts;
mod measure;

pub use fonts::{Fonts, MONO, SANS, SERIF};
pub use measure::FontMeasure;

use resvg::{tiny_skia, usvg};

use crate::error::{Error, Warning};
use crate::layout::{Estimator, TextMeasure, DEFAULT_WIDTH};
use crate::Forced;

/// What to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// SVG text, CSS pixels.
    Svg,
    /// A PNG image, `scale` device pixels per CSS pixel.
    Png,
}

/// How layout measures text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// `layout::Estimator`: widths that fit any of the font list's fonts
    /// (the SVG is shown with the reader's fonts); the same bytes as
    /// `render_svg` and the snapshots.
    Estimate,
    /// `FontMeasure`: the widths of the fonts the PNG is drawn with.
    Fonts,
}

/// One rendering to do.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Job<'a> {
    /// The spec, JSON text.
    pub spec_json: &'a str,
    /// Width in CSS pixels (default: the spec's `width`, else 640).
    pub width: Option<f64>,
    /// What the caller sets whatever the spec says.
    pub forced: Forced,
    /// SVG or PNG.
    pub format: Format,
    /// PNG pixels per CSS pixel (the layout's devicePixelRatio).
    pub scale: f64,
    /// How text is measured.
    pub measure: Measure,
}

/// A rendered chart.
#[derive(Debug, Clone)]
pub struct Output {
    /// SVG text or PNG bytes.
    pub bytes: Vec<u8>,
    /// Width and height of the image in (device) pixels.
    pub size: (u32, u32),
    /// What the chart was drawn despite.
    pub warnings: Vec<Warning>,
}

/// Renders `job`. `fonts` are needed for a PNG and for `Measure::Fonts`.
pub fn render(job: &Job<'_>, fonts: Option<&Fonts>) -> Result<Output, Error> {
    let needs_fonts = job.format == Format::Png || job.measure == Measure::Fonts;
    let fonts = match fonts {
        Some(f) if !f.is_empty() => Some(f),
        _ if needs_fonts => return Err(no_fonts()),
        _ => None,
    };
    let chart = crate::prepare_forced(job.spec_json, &job.forced, crate::built_in_datasets())?;
    let width = job.width.or(chart.0.width).unwrap_or(DEFAULT_WIDTH);
    let dpr = if job.format == Format::Png { job.scale } else { 1.0 };
    let font_measure = fonts.map(FontMeasure::new);
    let measure: &dyn TextMeasure = match (&font_measure, job.measure) {
        (Some(m), Measure::Fonts) => m,
        _ => &Estimator,
    };
    let (scene, warnings) = crate::lay_out(&chart, width, dpr, measure)?;
    let bytes = match (job.format, fonts) {
        (Format::Svg, _) => crate::svg::scene_to_svg(&scene)?.into_bytes(),
        (Format::Png, Some(fonts)) => scene_to_png(&scene, fonts)?,
        (Format::Png, None) => return Err(no_fonts()),
    };
    Ok(Output { bytes, size: (scene.width, scene.height), warnings })
}

fn no_fonts() -> Error {
    Error::at(
        "",
        "no fonts were found to draw the text with: install Debian's fonts-noto-core and fonts-noto-cjk (or your system's Noto fonts), or pass --font-dir",
    )
}

/// Draws a laid-out scene as PNG bytes, one pixel per device pixel.
///
/// usvg has no `direction`: it reads `text-anchor="start"` as the left end
/// and sets every text on a left-to-right base. So the SVG it gets is
/// written with left-to-right anchors (the scene's anchors are absolute:
/// left edge, middle, right edge) and, for a right-to-left chart, each text
/// embedded right to left (U+202B … U+202C), which orders Arabic, figures
/// and Latin words as the browser does on the chart's `rtl` base.
pub fn scene_to_png(scene: &crate::layout::Scene, fonts: &Fonts) -> Result<Vec<u8>, Error> {
    let svg = if scene.rtl {
        let mut ltr = scene.clone();
        ltr.rtl = false;
        for item in &mut ltr.items {
            if let crate::layout::Item::Text(t) = item {
                t.text = format!("\u{202b}{}\u{202c}", t.text);
            }
        }
        crate::svg::scene_to_svg(&ltr)?
    } else {
        crate::svg::scene_to_svg(scene)?
    };
    svg_to_png(&svg, &scene.font_family, fonts)
}

/// Rasterises an SVG document (as `svg::scene_to_svg` writes it, sizes in
/// device pixels) at one pixel per unit, its texts in `font_family` (the
/// scene's font list, for fallbacks) set with `fonts`.
pub fn svg_to_png(svg: &str, font_family: &str, fonts: &Fonts) -> Result<Vec<u8>, Error> {
    let options = usvg::Options {
        fontdb: fonts.database(),
        font_resolver: fonts.resolver(font_family),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| Error::at("", format!("could not read the SVG to rasterise it: {e}")))?;
    let size = tree.size().to_int_size();
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or_else(|| Error::at("", format!("cannot make an image of {} × {} pixels", size.width(), size.height())))?;
    resvg::render(&tree, tiny_skia::Transform::identity(), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| Error::at("", format!("could not encode the PNG: {e}")))
}
