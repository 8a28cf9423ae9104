//! Text measurement with the canvas's own `measureText`, in the same font
//! string plotters-canvas draws with, so labels fit the font the reader sees.

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
        // The same string plotters-canvas sets before fillText.
        let font = format!("{} {}px {}", if bold { "bold" } else { "normal" }, size, FONT_FAMILY);
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
