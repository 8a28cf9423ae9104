//! Text measurement with the canvas's own `measureText`, in the same font
//! string plotters-canvas draws with (the chart's own font families, which
//! `layout` passes to `width_in`), so labels fit the font the reader sees.

use std::cell::RefCell;

use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use crate::error::Error;
use crate::layout::TextMeasure;
use crate::layout::text::is_wide;
use crate::theme::FONT_FAMILY;

/// The 2D context of `canvas`, or an error saying why there is none.
pub fn context(canvas: &HtmlCanvasElement) -> Result<CanvasRenderingContext2d, Error> {
    canvas
        .get_context("2d")
        .map_err(|_| Error::at("", "the canvas refused a 2D context"))?
        .ok_or_else(|| Error::at("", "the canvas already has a context of another kind (webgl?)"))?
        .dyn_into::<CanvasRenderingContext2d>()
        .map_err(|_| Error::at("", "the canvas context is not a 2D context"))
}

/// Measures with `measureText`; remembers the font last set.
pub struct CanvasMeasure {
    ctx: CanvasRenderingContext2d,
    font: RefCell<String>,
}

impl CanvasMeasure {
    /// A measurer over `ctx`.
    pub fn new(ctx: CanvasRenderingContext2d) -> Self {
        CanvasMeasure { ctx, font: RefCell::new(String::new()) }
    }
}

impl TextMeasure for CanvasMeasure {
    fn width(&self, text: &str, size: f64, bold: bool) -> f64 {
        self.width_in(FONT_FAMILY, text, size, bold)
    }

    fn width_in(&self, family: &str, text: &str, size: f64, bold: bool) -> f64 {
        // The same string plotters-canvas sets before fillText.
        let font = format!("{} {}px {}", if bold { "bold" } else { "normal" }, size, family);
        if let Ok(mut current) = self.font.try_borrow_mut() {
            if *current != font {
                self.ctx.set_font(&font);
                *current = font;
            }
        }
        match self.ctx.measure_text(text) {
            Ok(m) if m.width().is_finite() => m.width(),
            // Fall back on one em per wide character, half an em otherwise.
            _ => text.chars().map(|c| if is_wide(c) { size } else { size * 0.55 }).sum(),
        }
    }
}

/// A CSS colour as the canvas reads it back ("#rrggbb" or "rgba(r, g, b,
/// a)"), or None when the browser does not know it: an invalid value leaves
/// `fillStyle` unchanged, so two different sentinels are tried first.
pub fn css_color(ctx: &CanvasRenderingContext2d, value: &str) -> Option<String> {
    let read = |sentinel: &str| {
        ctx.set_fill_style_str(sentinel);
        ctx.set_fill_style_str(value);
        ctx.fill_style().as_string()
    };
    // A value the canvas refused reads back as the sentinel, which differs.
    let (first, second) = (read("#010203")?, read("#040506")?);
    (first == second).then_some(first)
}
