//! Layout: `Chart` + frame + text measure → `Scene`, plain data in device pixels.
//!
//! Every decision about where things go is made here, once, for both targets:
//! margins are fitted to the measured tick labels (a converge loop, as uPlot
//! does), labels wrap or the bars turn horizontal, value labels that do not
//! fit get the short form. Nothing here draws, and nothing fails.
//!
//! Layout works in CSS pixels; `Scene::scale` multiplies by devicePixelRatio
//! at the end, so a chart at DPR 2 is the same chart, twice as sharp.

mod annotate;
mod bar;
mod chrome;
mod clear;
mod gap;
mod line;
mod parts;
mod stat;
pub mod text;
mod timeline;

use crate::error::Warning;
use crate::model::{Chart, Kind};
use crate::theme::Rgba;
pub use text::{Estimator, TextMeasure};

/// Default width when neither the container nor the spec gives one.
pub const DEFAULT_WIDTH: f64 = 640.0;
/// Narrowest layout; narrower frames are laid out at this width and scaled.
pub const MIN_WIDTH: f64 = 200.0;
/// Device pixels per CSS pixel a chart is asked for (the CLI's `--scale`);
/// a frame above is clamped to the top.
pub const DPR_RANGE: (f64, f64) = (0.5, 4.0);
/// The least ratio a frame keeps: the canvas lowers the ratio below
/// `DPR_RANGE` only to keep a huge backing store within the browser's limits.
pub const MIN_FRAME_DPR: f64 = 0.1;

/// The size a chart is laid out for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    /// Width in CSS pixels.
    pub width: f64,
    /// Fixed height in CSS pixels, or None to follow the content.
    pub height: Option<f64>,
    /// Device pixels per CSS pixel.
    pub dpr: f64,
}

impl Frame {
    /// A frame; None when a size is not a positive finite number.
    pub fn new(width: f64, height: Option<f64>, dpr: f64) -> Option<Frame> {
        let ok = |v: f64| v.is_finite() && v > 0.0;
        if !ok(width) || !ok(dpr) || height.is_some_and(|h| !ok(h)) {
            return None;
        }
        Some(Frame { width: width.clamp(MIN_WIDTH, 10_000.0), height, dpr: dpr.clamp(MIN_FRAME_DPR, DPR_RANGE.1) })
    }
}

/// Horizontal anchor of a text item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// `x` is the left end.
    Start,
    /// `x` is the middle.
    Middle,
    /// `x` is the right end.
    End,
}

/// One line of text; `y` is its vertical middle.
#[derive(Debug, Clone, PartialEq)]
pub struct TextItem {
    /// Anchor point x.
    pub x: f64,
    /// Vertical middle of the line.
    pub y: f64,
    /// The text (one line, control characters removed).
    pub text: String,
    /// Font size in pixels.
    pub size: f64,
    /// Bold or regular.
    pub bold: bool,
    /// Colour.
    pub color: Rgba,
    /// Horizontal anchor.
    pub anchor: Anchor,
    /// Measured width, pixels (for overlap checks).
    pub width: f64,
}

impl TextItem {
    /// Bounding box (x0, y0, x1, y1).
    pub fn bbox(&self) -> (f64, f64, f64, f64) {
        let x0 = match self.anchor {
            Anchor::Start => self.x,
            Anchor::Middle => self.x - self.width / 2.0,
            Anchor::End => self.x - self.width,
        };
        let half = self.size * 0.6;
        (x0, self.y - half, x0 + self.width, self.y + half)
    }
}

/// A drawable item, in device pixels.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A filled rectangle, its corners rounded by `radius` (0: square;
    /// never more than half its width or height).
    Rect {
        /// Left.
        x: f64,
        /// Top.
        y: f64,
        /// Width.
        w: f64,
        /// Height.
        h: f64,
        /// Fill.
        fill: Rgba,
        /// Corner radius.
        radius: f64,
    },
    /// A polyline.
    Line {
        /// Points.
        points: Vec<(f64, f64)>,
        /// Colour.
        color: Rgba,
        /// Stroke width.
        width: f64,
    },
    /// A filled polygon (areas, donut slices).
    Polygon {
        /// Vertices, in order.
        points: Vec<(f64, f64)>,
        /// Fill.
        fill: Rgba,
    },
    /// A filled circle.
    Circle {
        /// Centre x.
        cx: f64,
        /// Centre y.
        cy: f64,
        /// Radius.
        r: f64,
        /// Fill.
        fill: Rgba,
    },
    /// A line of text.
    Text(TextItem),
}

/// Where a figure is drawn, for tooltips and keyboard focus: point `index`
/// of series `series` covers the box (x, y, w, h), in device pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mark {
    /// Series index in the model.
    pub series: usize,
    /// Point index in the series.
    pub index: usize,
    /// Left.
    pub x: f64,
    /// Top.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

/// The laid-out chart: its size in device pixels and what to draw, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Scene {
    /// Width in device pixels.
    pub width: u32,
    /// Height in device pixels.
    pub height: u32,
    /// Device pixels per CSS pixel.
    pub dpr: f64,
    /// Font families of every text item (a CSS `font-family` list).
    pub font_family: String,
    /// Whether text reads right to left (the chart's language is Arabic): the
    /// layout is mirrored already, and every text item is drawn with a
    /// right-to-left base direction, so that "130 مليون (متوقع)" and "58%"
    /// read in the right order. `draw` turns each anchor into the backend's
    /// start/end for that direction.
    pub rtl: bool,
    /// Items in painting order.
    pub items: Vec<Item>,
    /// The figures' boxes, in reading order.
    pub marks: Vec<Mark>,
}

impl Scene {
    /// The text items (for tests and accessibility).
    pub fn texts(&self) -> impl Iterator<Item = &TextItem> {
        self.items.iter().filter_map(|i| match i {
            Item::Text(t) => Some(t),
            _ => None,
        })
    }

    /// Height in CSS pixels.
    pub fn css_height(&self) -> f64 {
        f64::from(self.height) / self.dpr
    }

    /// Mirrors the scene left to right (right-to-left languages): the title
    /// and labels hang from the right edge, value axes sit on the right and
    /// bars and years run leftwards.
    fn mirror(&mut self, width: f64) {
        for m in &mut self.marks {
            m.x = width - m.x - m.w;
        }
        for item in &mut self.items {
            match item {
                Item::Rect { x, w, .. } => *x = width - *x - *w,
                Item::Line { points, .. } | Item::Polygon { points, .. } => {
                    for p in points.iter_mut() {
                        p.0 = width - p.0;
                    }
                }
                Item::Circle { cx, .. } => *cx = width - *cx,
                Item::Text(t) => {
                    t.x = width - t.x;
                    t.anchor = match t.anchor {
                        Anchor::Start => Anchor::End,
                        Anchor::End => Anchor::Start,
                        Anchor::Middle => Anchor::Middle,
                    };
                }
            }
        }
    }

    fn scale(&mut self, k: f64) {
        for m in &mut self.marks {
            m.x *= k;
            m.y *= k;
            m.w *= k;
            m.h *= k;
        }
        for item in &mut self.items {
            match item {
                Item::Rect { x, y, w, h, radius, .. } => {
                    *x *= k;
                    *y *= k;
                    *w *= k;
                    *h *= k;
                    *radius *= k;
                }
                Item::Line { points, width, .. } => {
                    for p in points.iter_mut() {
                        p.0 *= k;
                        p.1 *= k;
                    }
                    *width *= k;
                }
                Item::Polygon { points, .. } => {
                    for p in points.iter_mut() {
                        p.0 *= k;
                        p.1 *= k;
                    }
                }
                Item::Circle { cx, cy, r, .. } => {
                    *cx *= k;
                    *cy *= k;
                    *r *= k;
                }
                Item::Text(t) => {
                    t.x *= k;
                    t.y *= k;
                    t.size *= k;
                    t.width *= k;
                }
            }
        }
    }
}

/// A scene under construction, in CSS pixels.
pub(crate) struct Builder<'a> {
    pub m: &'a dyn TextMeasure,
    pub items: Vec<Item>,
    pub warnings: Vec<Warning>,
    /// Where movable text (annotations, point labels) may go.
    pub bounds: Rect,
    pub marks: Vec<Mark>,
}

impl<'a> Builder<'a> {
    /// Records where point `index` of series `series` is drawn.
    pub fn mark(&mut self, series: usize, index: usize, (x, y, w, h): (f64, f64, f64, f64)) {
        let (x, w) = if w < 0.0 { (x + w, -w) } else { (x, w) };
        let (y, h) = if h < 0.0 { (y + h, -h) } else { (y, h) };
        self.marks.push(Mark { series, index, x, y, w: w.max(1.0), h: h.max(1.0) });
    }

    /// Whether the box (x0, y0, x1, y1) lies within `bounds` and touches no
    /// text placed so far.
    pub fn room(&self, r: (f64, f64, f64, f64)) -> bool {
        let p = self.bounds;
        r.0 >= p.x - 0.5 && r.2 <= p.x + p.w + 0.5 && r.1 >= p.y - 0.5 && r.3 <= p.y + p.h + 0.5 && self.free(r)
    }

    /// Whether the box (x0, y0, x1, y1) touches no text placed so far.
    pub fn free(&self, r: (f64, f64, f64, f64)) -> bool {
        self.items.iter().all(|i| match i {
            Item::Text(t) => {
                let (a0, a1, a2, a3) = t.bbox();
                r.2 <= a0 || r.0 >= a2 || r.3 <= a1 || r.1 >= a3
            }
            _ => true,
        })
    }

    pub fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, fill: Rgba) {
        self.rounded(x, y, w, h, fill, 0.0);
    }

    /// A rectangle with rounded corners (bars, waffle squares); the radius
    /// never exceeds half the width or height.
    pub fn rounded(&mut self, x: f64, y: f64, w: f64, h: f64, fill: Rgba, radius: f64) {
        let (x, w) = if w < 0.0 { (x + w, -w) } else { (x, w) };
        let (y, h) = if h < 0.0 { (y + h, -h) } else { (y, h) };
        let radius = radius.min(w / 2.0).min(h / 2.0).max(0.0);
        self.items.push(Item::Rect { x, y, w, h, fill, radius });
    }

    pub fn line(&mut self, points: Vec<(f64, f64)>, color: Rgba, width: f64) {
        self.items.push(Item::Line { points, color, width });
    }

    pub fn polygon(&mut self, points: Vec<(f64, f64)>, fill: Rgba) {
        if points.len() > 2 {
            self.items.push(Item::Polygon { points, fill });
        }
    }

    pub fn circle(&mut self, cx: f64, cy: f64, r: f64, fill: Rgba) {
        self.items.push(Item::Circle { cx, cy, r, fill });
    }

    /// Adds one line of text and returns its item.
    #[allow(clippy::too_many_arguments)]
    pub fn text(&mut self, x: f64, y: f64, text: &str, size: f64, bold: bool, color: Rgba, anchor: Anchor) -> TextItem {
        let text = text::sanitize(text);
        let width = self.m.width(&text, size, bold);
        let t = TextItem { x, y, text, size, bold, color, anchor, width };
        self.items.push(Item::Text(t.clone()));
        t
    }

    /// Adds one line of text only if it fits in `bounds` without touching
    /// other text; says whether it did.
    #[allow(clippy::too_many_arguments)]
    pub fn try_text(&mut self, x: f64, y: f64, text: &str, size: f64, bold: bool, color: Rgba, anchor: Anchor) -> bool {
        let text = text::sanitize(text);
        let width = self.m.width(&text, size, bold);
        let t = TextItem { x, y, text, size, bold, color, anchor, width };
        if self.room(t.bbox()) {
            self.items.push(Item::Text(t));
            true
        } else {
            false
        }
    }

    /// Hatches the rectangle with 45° lines (projected values).
    pub fn hatch(&mut self, x: f64, y: f64, w: f64, h: f64, color: Rgba, gap: f64) {
        let (x, w) = if w < 0.0 { (x + w, -w) } else { (x, w) };
        let (y, h) = if h < 0.0 { (y + h, -h) } else { (y, h) };
        // Lines u = px - py = c, for c over the span of the rectangle.
        let mut c = -h;
        while c < w {
            let (mut x0, mut y0) = (c, 0.0);
            if x0 < 0.0 {
                y0 = -x0;
                x0 = 0.0;
            }
            let (mut x1, mut y1) = (c + h, h);
            if x1 > w {
                y1 = h - (x1 - w);
                x1 = w;
            }
            if y1 > y0 {
                self.line(vec![(x + x0, y + h - y0), (x + x1, y + h - y1)], color, 1.0);
            }
            c += gap;
        }
    }

    /// Adds a dashed polyline.
    pub fn dashed(&mut self, from: (f64, f64), to: (f64, f64), color: Rgba, width: f64, on: f64, off: f64) {
        let (dx, dy) = (to.0 - from.0, to.1 - from.1);
        let len = (dx * dx + dy * dy).sqrt();
        if len == 0.0 {
            return;
        }
        let mut t = 0.0;
        while t < len {
            let t1 = (t + on).min(len);
            self.line(
                vec![(from.0 + dx * t / len, from.1 + dy * t / len), (from.0 + dx * t1 / len, from.1 + dy * t1 / len)],
                color,
                width,
            );
            t += on + off;
        }
    }
}

/// `v` kept within [lo, hi]; the middle when the range is empty (never
/// panics, unlike `f64::clamp`).
pub(crate) fn fit(v: f64, lo: f64, hi: f64) -> f64 {
    if lo <= hi {
        v.max(lo).min(hi)
    } else {
        (lo + hi) / 2.0
    }
}

/// The outline of a rectangle with corners rounded by `r` (at most half its
/// width or height), clockwise from the top edge's right end: a few points per
/// corner, enough for the few pixels a corner spans.
pub fn rounded_rect(x: f64, y: f64, w: f64, h: f64, r: f64) -> Vec<(f64, f64)> {
    let r = r.min(w / 2.0).min(h / 2.0).max(0.0);
    let steps = (r / 1.5).ceil().clamp(2.0, 8.0) as usize;
    let corners = [
        (x + w - r, y + r, -std::f64::consts::FRAC_PI_2),
        (x + w - r, y + h - r, 0.0),
        (x + r, y + h - r, std::f64::consts::FRAC_PI_2),
        (x + r, y + r, std::f64::consts::PI),
    ];
    let mut points = Vec::with_capacity(4 * (steps + 1));
    for (cx, cy, start) in corners {
        for i in 0..=steps {
            let a = start + std::f64::consts::FRAC_PI_2 * i as f64 / steps as f64;
            points.push((cx + r * a.cos(), cy + r * a.sin()));
        }
    }
    points
}

/// A measure that sets all text in the chart's font family: `layout` wraps
/// the caller's measure in it, so every width is taken in the family drawn.
struct InFamily<'a> {
    m: &'a dyn TextMeasure,
    family: &'a str,
}

impl TextMeasure for InFamily<'_> {
    fn width(&self, text: &str, size: f64, bold: bool) -> f64 {
        self.m.width_in(self.family, text, size, bold)
    }

    fn clusters(&self, text: &str) -> Vec<usize> {
        self.m.clusters(text)
    }
}

/// A rectangle in CSS pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

/// Lays out `chart` in `frame`, measuring text with `m`.
pub fn layout(chart: &Chart, frame: &Frame, m: &dyn TextMeasure) -> (Scene, Vec<Warning>) {
    let m: &dyn TextMeasure = &InFamily { m, family: &chart.theme.font_family };
    let width = frame.width;
    let mut b = Builder { m, items: Vec::new(), warnings: Vec::new(), bounds: Rect { x: 0.0, y: 0.0, w: width, h: 0.0 }, marks: Vec::new() };
    b.rect(0.0, 0.0, width, 0.0, chart.theme.background); // height set below

    let fixed_h = frame.height.or(chart.height);
    let chrome = chrome::Chrome::measure(chart, width, m);
    let plot_top = chrome.header_height;
    let plot_w = width - 2.0 * chrome.pad;
    let (preferred, least) = match chart.kind {
        Kind::Bar { .. } => bar::preferred_height(chart, plot_w, m),
        Kind::Line | Kind::Area { .. } => ((width * 0.55).clamp(200.0, 440.0), 160.0),
        Kind::Gap => gap::preferred_height(chart, plot_w, m),
        Kind::Donut { .. } | Kind::Waffle { .. } => parts::preferred_height(chart, plot_w, m),
        Kind::Stat => stat::preferred_height(chart, plot_w, m),
        Kind::Timeline { .. } => timeline::preferred_height(chart, plot_w, m),
    };
    let plot_h = match fixed_h {
        Some(h) => {
            let room = h - chrome.header_height - chrome.footer_height;
            if room < least {
                b.warnings.push(Warning::at("height", format!("too small for this chart; it was drawn {:.0} px tall", h + least - room)));
            }
            room.max(least)
        }
        None => preferred,
    };
    let total_h = plot_top + plot_h + chrome.footer_height;
    let plot = Rect { x: chrome.pad, y: plot_top, w: width - 2.0 * chrome.pad, h: plot_h };

    chrome.draw(&mut b, chart, total_h);
    b.bounds = plot;
    match chart.kind {
        Kind::Bar { .. } => bar::layout(&mut b, chart, plot),
        Kind::Line | Kind::Area { .. } => line::layout(&mut b, chart, plot),
        Kind::Gap => gap::layout(&mut b, chart, plot),
        Kind::Donut { .. } | Kind::Waffle { .. } => parts::layout(&mut b, chart, plot),
        Kind::Stat => stat::layout(&mut b, chart, plot),
        Kind::Timeline { .. } => timeline::layout(&mut b, chart, plot),
    }

    if let Some(Item::Rect { h, .. }) = b.items.first_mut() {
        *h = total_h;
    }
    // No line crosses text, whichever part of the chart placed either.
    clear::keep_lines_off_text(&mut b.items);
    let dpr = frame.dpr;
    let rtl = chart.lang.is_rtl();
    let mut scene = Scene {
        width: (width * dpr).round().max(1.0) as u32,
        height: (total_h * dpr).round().max(1.0) as u32,
        dpr,
        font_family: chart.theme.font_family.clone(),
        rtl,
        items: b.items,
        marks: b.marks,
    };
    if rtl {
        scene.mirror(width);
    }
    scene.scale(dpr);
    (scene, b.warnings)
}
