//! The browser boundary (wasm32 only): the only module that knows JavaScript.
//!
//! `render(target, spec)` draws a chart into a `<canvas>` (or into a canvas it
//! creates inside any other element) and returns a `Chart` handle with
//! `update(spec)` and `destroy()`. A bad spec never throws: its message, with
//! the JSON path, is shown in place of the chart (as text, never HTML) and
//! logged to the console, and the handle's `error` says it. Only a bad
//! *target* (not an element) throws, because that is the developer's mistake,
//! not the journalist's.

mod datasets;
mod dom;
mod export;
mod input;
mod interact;
mod life;
mod measure;
mod state;

use std::cell::RefCell;
use std::rc::Rc;

use plotters_canvas::CanvasBackend;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlCanvasElement, HtmlElement};

use crate::error::{Error, Warning};
use crate::layout::DEFAULT_WIDTH;
use measure::CanvasMeasure;

pub use datasets::{add_dataset, built_in_datasets, set_dataset_loader};
pub use export::{render_svg, validate};
use dom::visually_hidden;
use input::{read_spec, Input};
use life::Shared;
use state::State;

/// Installs the panic hook once, when the module is instantiated: a panic
/// (always a bug) is logged with its message instead of a bare "unreachable".
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// A chart on the page. Keep it to update or destroy the chart.
#[wasm_bindgen]
pub struct Chart {
    /// The chart's state; None once destroyed (destroy frees it: `free()`
    /// is then needed only for these few bytes, and the glue's
    /// FinalizationRegistry does it when the handle is collected).
    shared: RefCell<Option<Rc<Shared>>>,
    canvas: HtmlCanvasElement,
}

thread_local! {
    /// The page's `(prefers-color-scheme: dark)` query (its `matches` is live).
    static DARK: std::cell::OnceCell<Option<web_sys::MediaQueryList>> = const { std::cell::OnceCell::new() };
}

/// Console lines already written on this page (the last `LOGGED` of them).
const LOGGED: usize = 64;

thread_local! {
    static LOGGED_LINES: RefCell<std::collections::VecDeque<String>> = const { RefCell::new(std::collections::VecDeque::new()) };
}

/// Writes `w` to the console unless this page's console already has it.
fn warn_once(w: &Warning) {
    let line = format!("housing-charts: {w}");
    let new = LOGGED_LINES.with(|l| {
        let Ok(mut logged) = l.try_borrow_mut() else { return true };
        if logged.iter().any(|x| *x == line) {
            return false;
        }
        if logged.len() == LOGGED {
            logged.pop_front();
        }
        logged.push_back(line.clone());
        true
    });
    if new {
        web_sys::console::warn_1(&line.into());
    }
}

/// Bytes of the module's linear memory (for memory tests and the benchmark:
/// it grows and never shrinks, so leaks show as growth).
#[wasm_bindgen(js_name = memoryBytes)]
pub fn memory_bytes() -> f64 {
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .ok()
        .and_then(|m| m.buffer().dyn_into::<js_sys::ArrayBuffer>().ok())
        .map_or(0.0, |b| f64::from(b.byte_length()))
}


/// Draws `spec` (a JSON string or a plain object) into `target` (a `<canvas>`,
/// or any element, which gets a canvas child). Returns the chart's handle.
/// A chart `target` already holds is destroyed first: one chart per container.
#[wasm_bindgen]
pub fn render(target: &JsValue, spec: &JsValue) -> Result<Chart, JsError> {
    let host: Element = target
        .clone()
        .dyn_into()
        .map_err(|_| JsError::new("housing-charts: render(target, spec): target must be an element or a <canvas>"))?;
    let document = host
        .owner_document()
        .ok_or_else(|| JsError::new("housing-charts: the target element has no document"))?;
    life::replace(&host);
    let (canvas, owns_canvas) = match host.clone().dyn_into::<HtmlCanvasElement>() {
        Ok(c) => (c, false),
        Err(_) => {
            let c: HtmlCanvasElement = create(&document, "canvas")?;
            host.append_child(&c).map_err(js_err)?;
            (c, true)
        }
    };
    // The text direction is the chart's, never the page's: `paint_scene`
    // sets `dir` (and the context's `direction`) at every draw.
    canvas.set_attribute("dir", "ltr").map_err(js_err)?;
    canvas.style().set_property_with_priority("direction", "ltr", "important").map_err(js_err)?;
    canvas.set_attribute("role", "img").map_err(js_err)?;
    let shared = Shared::new(State::new(host, canvas.clone(), owns_canvas));
    // The first draw is at once, whatever other charts did this frame.
    shared.with(|s| s.update(spec, false));
    Ok(Chart { shared: RefCell::new(Some(shared)), canvas })
}

#[wasm_bindgen]
impl Chart {
    /// The chart's state, unless it was destroyed.
    fn live(&self) -> Result<Rc<Shared>, JsError> {
        self.shared.borrow().clone().filter(|s| s.alive()).ok_or_else(life::destroyed)
    }

    /// Redraws the chart with a new spec (a JSON string or a plain object).
    /// The spec is checked at once (`error` says what is wrong when this
    /// returns); it is painted at once too, unless an update already painted
    /// since the last animation frame: then at the next frame, once however
    /// many updates came (the last wins). The promise settles once it is
    /// painted. Called while the chart is drawing (from a getter of the
    /// spec), it runs when that call returns.
    pub fn update(&self, spec: &JsValue) -> Result<js_sys::Promise, JsError> {
        Ok(self.live()?.update(spec))
    }

    /// Lays the chart out again at its container's current width and paints
    /// it, now (it does so by itself on the next animation frame after a
    /// resize or an update; this is for callers that need the pixels at
    /// once). The spec is not parsed again.
    pub fn resize(&self) -> Result<(), JsError> {
        self.live()?
            .with(|s| {
                if s.spec.is_some() {
                    s.relayout();
                }
            })
            .ok_or_else(|| life::busy("resize()"))
    }

    /// Removes what `render` added to the page, stops every callback and
    /// frees the chart's state (`free()` is optional after it). The handle
    /// is unusable after. Called while the chart is drawing, it runs when
    /// that call returns.
    pub fn destroy(&self) {
        let taken = self.shared.borrow_mut().take();
        if let Some(shared) = taken {
            shared.destroy();
        }
    }

    /// The message of the last render's error (`path: message`), or undefined.
    #[wasm_bindgen(getter)]
    pub fn error(&self) -> Option<String> {
        self.peek(|s| s.error.as_ref().map(ToString::to_string))
    }

    /// The JSON path of the last error, or undefined.
    #[wasm_bindgen(getter, js_name = errorPath)]
    pub fn error_path(&self) -> Option<String> {
        self.peek(|s| s.error.as_ref().map(|e| e.path.clone()))
    }

    /// The warnings of the last render, as strings.
    #[wasm_bindgen(getter)]
    pub fn warnings(&self) -> Vec<String> {
        self.peek(|s| Some(s.warnings.iter().map(ToString::to_string).collect())).unwrap_or_default()
    }

    /// The canvas the chart is drawn into.
    #[wasm_bindgen(getter)]
    pub fn canvas(&self) -> HtmlCanvasElement {
        self.canvas.clone()
    }
}

impl Chart {
    /// Reads the state for a getter: nothing while busy or destroyed.
    fn peek<R>(&self, f: impl FnOnce(&State) -> Option<R>) -> Option<R> {
        let shared = self.shared.borrow().clone()?;
        shared.read("", |s| Ok(f(s))).ok().flatten()
    }

    /// Reads the state for an export, with a clear error when it cannot.
    fn read<R>(&self, what: &str, f: impl FnOnce(&State) -> Result<R, JsError>) -> Result<R, JsError> {
        self.live()?.read(what, f)
    }
}


/// Draws `scene` on `canvas` in the scene's text direction: the canvas's
/// `dir` and its context's `direction` are set to it first (plotters-canvas
/// aligns text by "start"/"end", and `draw` maps anchors for the direction).
/// Setting both keeps the page's `dir` (or a detached canvas's default) out.
pub(crate) fn paint_scene(canvas: &HtmlCanvasElement, scene: &crate::layout::Scene) -> Result<(), String> {
    let dir = if scene.rtl { "rtl" } else { "ltr" };
    if canvas.get_attribute("dir").as_deref() != Some(dir) {
        let _ = canvas.set_attribute("dir", dir);
        // Inline and !important: `* { direction: rtl }` on the page loses.
        let _ = canvas.style().set_property_with_priority("direction", dir, "important");
    }
    let ctx = measure::context(canvas).map_err(|e| e.message)?;
    let _ = js_sys::Reflect::set(&ctx, &JsValue::from_str("direction"), &JsValue::from_str(dir));
    let mut backend = CanvasBackend::with_canvas_object(canvas.clone()).ok_or("this browser gave no 2D context for the canvas")?;
    crate::draw::draw(scene, &mut backend, 1.0).map_err(|e| e.to_string())
}

fn create<T: JsCast>(document: &Document, tag: &str) -> Result<T, JsError> {
    document
        .create_element(tag)
        .map_err(js_err)?
        .dyn_into::<T>()
        .map_err(|_| JsError::new(&format!("housing-charts: could not create <{tag}>")))
}

fn describe(e: &JsValue) -> String {
    e.as_string()
        .or_else(|| e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())))
        .unwrap_or_else(|| "unknown error".to_owned())
}

fn js_err(e: JsValue) -> JsError {
    JsError::new(&format!("housing-charts: {}", describe(&e)))
}
