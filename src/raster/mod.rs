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
mod tspans;

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

/// Draws a laid-out scene as PNG bytes, one pixel per device pixel, each
/// text in the faces `FontMeasure` measured it in (`tspans::for_usvg`).
pub fn scene_to_png(scene: &crate::layout::Scene, fonts: &Fonts) -> Result<Vec<u8>, Error> {
    svg_to_png(&tspans::for_usvg(scene, fonts)?, fonts)
}

/// Rasterises an SVG document at one pixel per unit, its texts set with
/// `fonts` (no fallback: see `Fonts::resolver`).
pub fn svg_to_png(svg: &str, fonts: &Fonts) -> Result<Vec<u8>, Error> {
    let options = usvg::Options {
        fontdb: fonts.database(),
        font_resolver: fonts.resolver(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| Error::at("", format!("could not read the SVG to rasterise it: {e}")))?;
    let size = tree.size().to_int_size();
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or_else(|| Error::at("", format!("cannot make an image of {} × {} pixels", size.width(), size.height())))?;
    resvg::render(&tree, tiny_skia::Transform::identity(), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| Error::at("", format!("could not encode the PNG: {e}")))
}
