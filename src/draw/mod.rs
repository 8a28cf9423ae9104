//! Draw: `Scene` → any plotters `DrawingBackend` (canvas in the browser, SVG
//! natively). One `match` over scene items; the only place that rounds to
//! integer pixels. Drawing never fails because of the data (`model` checked
//! it); it fails only when the backend does. Text is set in the scene's font
//! families; rounded rectangles (no backend has them) become polygons, except
//! for SVG, which writes them as `<rect rx>` (see `draw_rects_square`).
//! Text anchors are absolute (left edge, middle, right edge); the backend's
//! "start"/"end" follow the base direction its caller sets from `Scene::rtl`
//! (the canvas's `dir`, the SVG root's `direction`).

use plotters_backend::text_anchor::{HPos, Pos, VPos};
use plotters_backend::{
    BackendColor, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind, FontFamily, FontStyle,
};

use crate::layout::{rounded_rect, Anchor, Item, Scene, TextItem};
use crate::theme::Rgba;

fn color(c: Rgba) -> BackendColor {
    BackendColor { alpha: c.a, rgb: (c.r, c.g, c.b) }
}

/// A stroke or fill of one colour and width.
struct Paint {
    color: BackendColor,
    width: u32,
}

impl BackendStyle for Paint {
    fn color(&self) -> BackendColor {
        self.color
    }
    fn stroke_width(&self) -> u32 {
        self.width
    }
}

/// The text style of one item. `size` is in the backend's own unit (see
/// `draw`'s `text_scale`).
struct Font<'a> {
    color: BackendColor,
    size: f64,
    bold: bool,
    anchor: Anchor,
    family: &'a str,
    /// Right-to-left base direction: the backend's "start" is then the
    /// right edge, so an item anchored by its left edge is drawn from "end".
    rtl: bool,
}

impl BackendTextStyle for Font<'_> {
    type FontError = std::fmt::Error;

    fn color(&self) -> BackendColor {
        self.color
    }
    fn size(&self) -> f64 {
        self.size
    }
    fn style(&self) -> FontStyle {
        if self.bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        }
    }
    fn anchor(&self) -> Pos {
        // Both backends write HPos::Left as "start" and HPos::Right as "end"
        // (canvas textAlign, SVG text-anchor), which follow the direction.
        let h = match (self.anchor, self.rtl) {
            (Anchor::Start, false) | (Anchor::End, true) => HPos::Left,
            (Anchor::Middle, _) => HPos::Center,
            (Anchor::End, false) | (Anchor::Start, true) => HPos::Right,
        };
        Pos::new(h, VPos::Center)
    }
    fn family(&self) -> FontFamily<'_> {
        FontFamily::Name(self.family)
    }
    fn layout_box(&self, text: &str) -> Result<((i32, i32), (i32, i32)), Self::FontError> {
        let w = crate::layout::TextMeasure::width(&crate::layout::Estimator, text, self.size, self.bold);
        Ok(((0, 0), (w.round() as i32, self.size.round() as i32)))
    }
    fn draw<E, F: FnMut(i32, i32, BackendColor) -> Result<(), E>>(
        &self,
        _text: &str,
        _pos: (i32, i32),
        _draw: F,
    ) -> Result<Result<(), E>, Self::FontError> {
        // Only raster backends without text support call this; ours (canvas,
        // SVG) draw text themselves.
        Ok(Ok(()))
    }
}

fn px(v: f64) -> i32 {
    // Scene coordinates are finite and bounded (model + layout); clamp anyway.
    v.round().clamp(-1.0e6, 1.0e6) as i32
}

/// Draws `scene` on `backend`. `text_scale` converts pixel font sizes into the
/// backend's unit: 1.0 for canvas, 1.24 for plotters' SVG backend, which
/// divides font sizes by 1.24.
pub fn draw<DB: DrawingBackend>(
    scene: &Scene,
    backend: &mut DB,
    text_scale: f64,
) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
    draw_items(scene, backend, text_scale, None)
}

/// `draw`, but every rectangle, rounded or not, goes to `draw_rect` (square),
/// and its corner radius in whole pixels is pushed to `radii`, one entry per
/// `draw_rect` call, in order: the SVG writer adds them as `rx`.
pub(crate) fn draw_rects_square<DB: DrawingBackend>(
    scene: &Scene,
    backend: &mut DB,
    text_scale: f64,
    radii: &mut Vec<f64>,
) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
    draw_items(scene, backend, text_scale, Some(radii))
}

fn draw_items<DB: DrawingBackend>(
    scene: &Scene,
    backend: &mut DB,
    text_scale: f64,
    mut radii: Option<&mut Vec<f64>>,
) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
    backend.ensure_prepared()?;
    for item in &scene.items {
        match item {
            Item::Rect { x, y, w, h, fill, radius } => {
                let (x0, y0, x1, y1) = (px(*x), px(*y), px(x + w), px(y + h));
                // A transparent rectangle draws nothing (SVG skips it too,
                // which keeps `radii` one entry per `<rect>` written).
                if x1 <= x0 || y1 <= y0 || fill.a <= 0.0 {
                    continue;
                }
                let paint = Paint { color: color(*fill), width: 0 };
                let r = radius.min(f64::from(x1 - x0) / 2.0).min(f64::from(y1 - y0) / 2.0).round();
                match &mut radii {
                    Some(radii) => radii.push(r.max(0.0)),
                    None if r >= 1.0 => {
                        let (fx, fy) = (f64::from(x0), f64::from(y0));
                        let outline = rounded_rect(fx, fy, f64::from(x1) - fx, f64::from(y1) - fy, r);
                        let pts: Vec<(i32, i32)> = outline.iter().map(|(x, y)| (px(*x), px(*y))).collect();
                        backend.fill_polygon(pts, &paint)?;
                        continue;
                    }
                    None => {}
                }
                backend.draw_rect((x0, y0), (x1, y1), &paint, true)?;
            }
            Item::Line { points, color: c, width } => {
                let paint = Paint { color: color(*c), width: width.round().max(1.0) as u32 };
                let pts: Vec<(i32, i32)> = points.iter().map(|(x, y)| (px(*x), px(*y))).collect();
                if pts.len() == 2 {
                    backend.draw_line(pts[0], pts[1], &paint)?;
                } else if pts.len() > 2 {
                    backend.draw_path(pts, &paint)?;
                }
            }
            Item::Polygon { points, fill } => {
                let pts: Vec<(i32, i32)> = points.iter().map(|(x, y)| (px(*x), px(*y))).collect();
                backend.fill_polygon(pts, &Paint { color: color(*fill), width: 0 })?;
            }
            Item::Circle { cx, cy, r, fill } => {
                let radius = r.round().max(1.0) as u32;
                backend.draw_circle((px(*cx), px(*cy)), radius, &Paint { color: color(*fill), width: 1 }, true)?;
            }
            Item::Text(t) => text(backend, t, text_scale, &scene.font_family, scene.rtl)?,
        }
    }
    backend.present()
}

fn text<DB: DrawingBackend>(
    backend: &mut DB,
    t: &TextItem,
    scale: f64,
    family: &str,
    rtl: bool,
) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
    if t.text.is_empty() {
        return Ok(());
    }
    let font = Font { color: color(t.color), size: t.size * scale, bold: t.bold, anchor: t.anchor, family, rtl };
    backend.draw_text(&t.text, &font, (px(t.x), px(t.y)))
}
