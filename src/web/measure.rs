//! Text measurement with the canvas's own `measureText`, in the same font
//! string plotters-canvas draws with (the chart's own font families, which
//! `layout` passes to `width_in`), so labels fit the font the reader sees.

use std::cell::{Cell, RefCell};

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use crate::error::Error;
use crate::layout::TextMeasure;
use crate::layout::text::is_wide;
use crate::theme::FONT_FAMILY;

/// The 2D context of `canvas`, or an error saying why there is none. The
/// browser gives none (null) when it refuses one more canvas (iOS caps the
/// memory of all the canvases of a page), and for a canvas that already has
/// a context of another kind: asking for a WebGL context to tell the two
/// apart would create one, so the message names both.
pub fn context(canvas: &HtmlCanvasElement) -> Result<CanvasRenderingContext2d, Error> {
    canvas
        .get_context("2d")
        .map_err(|e| Error::at("", format!("the browser refused a 2D canvas context: {}", super::describe(&e))))?
        .ok_or_else(|| {
            Error::at(
                "",
                "the browser refused a 2D canvas context (too many or too large canvases?), or the canvas given already has a WebGL context",
            )
        })?
        .dyn_into::<CanvasRenderingContext2d>()
        .map_err(|_| Error::at("", "the canvas context is not a 2D context"))
}

/// Measures with `measureText`; remembers the font last set, and the widths
/// measured (see `Widths`).
pub struct CanvasMeasure {
    ctx: CanvasRenderingContext2d,
    /// The hash (`Font::hash`) of the font set on `ctx` last.
    set: Cell<Option<u64>>,
    /// The font string of the last (family, size, bold) asked for, with the
    /// hash state after it: layout asks for the same few fonts thousands of
    /// times, and each would otherwise format and hash a long family list.
    last: RefCell<Option<Font>>,
    /// False while the page's fonts are loading (widths may still change).
    cache: bool,
}

struct Font {
    family: String,
    size: f64,
    bold: bool,
    css: String,
    hash: u64,
}

impl CanvasMeasure {
    /// A measurer over `ctx`.
    pub fn new(ctx: CanvasRenderingContext2d) -> Self {
        let cache = WIDTHS.with(|w| w.borrow_mut().ready());
        CanvasMeasure { ctx, set: Cell::new(None), last: RefCell::new(None), cache }
    }
}

/// Slots of the width cache (a direct-mapped table: 64 KiB).
const SLOTS: usize = 4096;

/// Widths already measured, shared by every chart of the page: the same
/// labels come back in every chart of a page, in every resize and in every
/// line-wrapping attempt, and each `measureText` is a call into JavaScript.
/// Keyed by a 64-bit FNV-1a hash of the font string and the text (a clash
/// is a 2^-64 chance); a clash of slots just measures again. Emptied when
/// the page's set of fonts changes, and not used while fonts load.
struct Widths {
    slots: Vec<(u64, f64)>,
    fonts: f64,
}

thread_local! {
    static WIDTHS: RefCell<Widths> = const { RefCell::new(Widths { slots: Vec::new(), fonts: -1.0 }) };
}

impl Widths {
    /// Whether widths may be cached now (`document.fonts` not loading);
    /// empties the cache when the number of font faces changed.
    fn ready(&mut self) -> bool {
        let Some(fonts) = document_fonts() else { return false };
        let get = |k: &str| js_sys::Reflect::get(&fonts, &k.into()).ok();
        if get("status").and_then(|s| s.as_string()).as_deref() != Some("loaded") {
            return false;
        }
        let size = get("size").and_then(|s| s.as_f64()).unwrap_or(0.0);
        if size != self.fonts || self.slots.is_empty() {
            self.slots = vec![(0, 0.0); SLOTS];
            self.fonts = size;
        }
        true
    }
}

/// The page's `document.fonts.ready` while fonts are loading (a font the
/// chart asked for, by measuring or drawing text in it, among them), after
/// emptying the width cache: widths measured before the load began were
/// taken in a fallback font. None when nothing is loading.
pub fn fonts_loading() -> Option<js_sys::Promise> {
    let fonts = document_fonts()?;
    let status = js_sys::Reflect::get(&fonts, &"status".into()).ok()?.as_string()?;
    if status != "loading" {
        return None;
    }
    WIDTHS.with(|w| w.borrow_mut().slots.clear());
    js_sys::Reflect::get(&fonts, &"ready".into()).ok()?.dyn_into::<js_sys::Promise>().ok()
}

/// The page's `document.fonts` (a FontFaceSet), when it has one.
fn document_fonts() -> Option<wasm_bindgen::JsValue> {
    let document = web_sys::window()?.document()?;
    js_sys::Reflect::get(&document, &"fonts".into()).ok().filter(|f| f.is_object())
}

/// FNV-1a of `bytes`, continued from `h`.
fn fnv(mut h: u64, bytes: impl Iterator<Item = u8>) -> u64 {
    for b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The hash state after a font string and a separator: `key` continues it.
fn font_hash(font: &str) -> u64 {
    fnv(0xcbf2_9ce4_8422_2325, font.bytes().chain([0xff]))
}

/// The cache key of `text` in the font hashed into `font`; never 0 (an
/// empty slot).
fn key(font: u64, text: &str) -> u64 {
    fnv(font, text.bytes()) | 1
}

impl TextMeasure for CanvasMeasure {
    fn width(&self, text: &str, size: f64, bold: bool) -> f64 {
        self.width_in(FONT_FAMILY, text, size, bold)
    }

    fn width_in(&self, family: &str, text: &str, size: f64, bold: bool) -> f64 {
        // (Never borrowed twice: measuring does not call back into layout.)
        let Ok(mut last) = self.last.try_borrow_mut() else { return estimate(text, size) };
        let same = last.as_ref().is_some_and(|f| f.size == size && f.bold == bold && f.family == family);
        if !same {
            // The same string plotters-canvas sets before fillText.
            let css = format!("{} {}px {}", if bold { "bold" } else { "normal" }, size, family);
            *last = Some(Font { family: family.to_owned(), size, bold, hash: font_hash(&css), css });
        }
        let Some(font) = last.as_ref() else { return estimate(text, size) };
        let key = key(font.hash, text);
        let slot = (key % SLOTS as u64) as usize;
        if self.cache {
            let hit = WIDTHS.with(|w| w.borrow().slots.get(slot).filter(|s| s.0 == key).map(|s| s.1));
            if let Some(width) = hit {
                return width;
            }
        }
        if self.set.get() != Some(font.hash) {
            self.ctx.set_font(&font.css);
            self.set.set(Some(font.hash));
        }
        match self.ctx.measure_text(text) {
            Ok(m) if m.width().is_finite() => {
                let width = m.width();
                if self.cache {
                    WIDTHS.with(|w| {
                        if let Some(s) = w.borrow_mut().slots.get_mut(slot) {
                            *s = (key, width);
                        }
                    });
                }
                width
            }
            _ => estimate(text, size),
        }
    }

    fn clusters(&self, text: &str) -> Vec<usize> {
        let chars = || text.char_indices().map(|(i, _)| i).collect();
        if text.is_ascii() {
            return chars();
        }
        // Layout wraps the same text several times over: the last answer kept.
        LAST_CLUSTERS.with(|last| {
            let Ok(mut last) = last.try_borrow_mut() else { return segment(text).unwrap_or_else(chars) };
            if let Some((_, starts)) = last.as_ref().filter(|(t, _)| t == text) {
                return starts.clone();
            }
            let starts = segment(text).unwrap_or_else(chars);
            *last = Some((text.to_owned(), starts.clone()));
            starts
        })
    }
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// The browser's `Intl.Segmenter` (grapheme clusters by default).
    #[wasm_bindgen(js_namespace = Intl)]
    type Segmenter;
    #[wasm_bindgen(constructor, js_namespace = Intl, catch)]
    fn new() -> Result<Segmenter, JsValue>;
    #[wasm_bindgen(method)]
    fn segment(this: &Segmenter, text: &str) -> JsValue;
}

thread_local! {
    /// The text `clusters` was last asked about, and its answer.
    static LAST_CLUSTERS: RefCell<Option<(String, Vec<usize>)>> = const { RefCell::new(None) };
    /// The page's `Intl.Segmenter`, made once (`None` before, and where
    /// there is none).
    static SEGMENTER: Option<Segmenter> = Segmenter::new().ok();
}

/// Where `Intl.Segmenter` starts each grapheme cluster of `text` (byte
/// offsets); `None` without one.
fn segment(text: &str) -> Option<Vec<usize>> {
    let segments = SEGMENTER.with(|s| s.as_ref().map(|s| s.segment(text)))?;
    // Each segment's `index` counts UTF-16 units: walked into bytes.
    let (mut starts, mut chars, mut unit, mut byte) = (Vec::new(), text.chars(), 0, 0);
    for s in js_sys::Array::from(&segments).iter() {
        let index = js_sys::Reflect::get(&s, &"index".into()).ok()?.as_f64()? as usize;
        while unit < index {
            let c = chars.next()?;
            unit += c.len_utf16();
            byte += c.len_utf8();
        }
        starts.push(byte);
    }
    Some(starts)
}

/// When the canvas cannot measure: one em per wide character, a little
/// more than half an em otherwise.
fn estimate(text: &str, size: f64) -> f64 {
    text.chars().map(|c| if is_wide(c) { size } else { size * 0.55 }).sum()
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
