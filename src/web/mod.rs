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
mod measure;

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

/// Installs the panic hook once, when the module is instantiated: a panic
/// (always a bug) is logged with its message instead of a bare "unreachable".
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// A chart on the page. Keep it to update or destroy the chart.
#[wasm_bindgen]
pub struct Chart {
    state: Rc<RefCell<State>>,
    canvas: HtmlCanvasElement,
}

/// Everything a chart owns. Shared with its resize and frame callbacks
/// through a `Weak`, so dropping or destroying the chart frees it.
struct State {
    /// The element given to `render`.
    host: Element,
    /// The canvas drawn into.
    canvas: HtmlCanvasElement,
    /// Whether `render` created the canvas (and so removes it on destroy).
    owns_canvas: bool,
    /// The element that shows an error in place of the chart (created lazily).
    message: Option<HtmlElement>,
    /// The data as a visually hidden table, for screen readers.
    table: Option<HtmlElement>,
    /// The last error, if the last render failed.
    error: Option<Error>,
    /// Warnings of the last successful render.
    warnings: Vec<Warning>,
    /// The spec last drawn (prepared again only if the page's defaults change).
    spec: Option<Input>,
    /// The CSS width last laid out at.
    width: f64,
    /// Re-layout on container resize, at most once per animation frame.
    observer: Option<web_sys::ResizeObserver>,
    on_resize: Option<Closure<dyn FnMut(js_sys::Array)>>,
    on_frame: Option<Closure<dyn FnMut()>>,
    frame_pending: bool,
    /// A re-layout is promised for when the page's fonts have loaded.
    fonts_pending: bool,
    /// The built-in dataset the page's loader is fetching for this chart.
    dataset_pending: Option<String>,
    /// This state itself, for callbacks that must not keep it alive.
    me: std::rc::Weak<RefCell<State>>,
    destroyed: bool,
    /// The last resolved chart and its scene (for tooltips and focus).
    prepared: Option<(crate::model::Chart, Vec<Warning>)>,
    /// The page defaults `prepared` was made with.
    prepared_for: Option<crate::Defaults>,
    scene: Option<crate::layout::Scene>,
    marks: Vec<crate::layout::Mark>,
    /// The focused figure (index into `marks`).
    focus: Option<usize>,
    tooltip: Option<HtmlElement>,
    live: Option<HtmlElement>,
    listeners: Vec<interact::Listener>,
    /// The page's CSS custom properties ignored at the last render (each
    /// logged once, not at every resize).
    page_warnings: Vec<Warning>,
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
#[wasm_bindgen]
pub fn render(target: &JsValue, spec: &JsValue) -> Result<Chart, JsError> {
    let host: Element = target
        .clone()
        .dyn_into()
        .map_err(|_| JsError::new("housing-charts: render(target, spec): target must be an element or a <canvas>"))?;
    let document = host
        .owner_document()
        .ok_or_else(|| JsError::new("housing-charts: the target element has no document"))?;
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
    canvas.set_attribute("role", "img").map_err(js_err)?;
    let state = Rc::new(RefCell::new(State {
        host,
        canvas,
        owns_canvas,
        message: None,
        table: None,
        error: None,
        warnings: Vec::new(),
        spec: None,
        width: 0.0,
        observer: None,
        on_resize: None,
        on_frame: None,
        frame_pending: false,
        fonts_pending: false,
        dataset_pending: None,
        me: std::rc::Weak::new(),
        destroyed: false,
        prepared: None,
        prepared_for: None,
        scene: None,
        marks: Vec::new(),
        focus: None,
        tooltip: None,
        live: None,
        listeners: Vec::new(),
        page_warnings: Vec::new(),
    }));
    state.borrow_mut().me = Rc::downgrade(&state);
    observe_resizes(&state);
    let listeners = interact::install(&state);
    state.borrow_mut().listeners = listeners;
    let canvas = state.borrow().canvas.clone();
    let mut chart = Chart { state, canvas };
    chart.update(spec)?;
    Ok(chart)
}

/// Watches the container's width; a change re-lays out the chart in the next
/// animation frame (never inside the observer callback, so no "ResizeObserver
/// loop" errors, and 100 resizes in a frame cost one render).
fn observe_resizes(state: &Rc<RefCell<State>>) {
    let weak = Rc::downgrade(state);
    let on_frame = Closure::<dyn FnMut()>::new(move || {
        if let Some(rc) = weak.upgrade() {
            if let Ok(mut s) = rc.try_borrow_mut() {
                s.frame_pending = false;
                s.relayout();
            }
        }
    });
    let weak = Rc::downgrade(state);
    let on_resize = Closure::<dyn FnMut(js_sys::Array)>::new(move |_entries: js_sys::Array| {
        let Some(rc) = weak.upgrade() else { return };
        let Ok(mut s) = rc.try_borrow_mut() else { return };
        if s.destroyed || s.frame_pending || s.spec.is_none() {
            return;
        }
        let width = s.container_width();
        if width >= 1.0 && (width - s.width).abs() >= 1.0 {
            let scheduled = match (web_sys::window(), &s.on_frame) {
                (Some(w), Some(f)) => w.request_animation_frame(f.as_ref().unchecked_ref()).is_ok(),
                _ => false,
            };
            s.frame_pending = scheduled;
        }
    });
    let mut s = state.borrow_mut();
    let target = if s.owns_canvas { Some(s.host.clone()) } else { s.canvas.parent_element() };
    if let (Some(target), Ok(observer)) = (target, web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref())) {
        observer.observe(&target);
        s.observer = Some(observer);
    }
    s.on_resize = Some(on_resize);
    s.on_frame = Some(on_frame);
}

#[wasm_bindgen]
impl Chart {
    /// Redraws the chart with a new spec (a JSON string or a plain object).
    pub fn update(&mut self, spec: &JsValue) -> Result<(), JsError> {
        let mut s = self.state.try_borrow_mut().map_err(|_| JsError::new("housing-charts: the chart is busy"))?;
        if s.destroyed {
            return Err(JsError::new("housing-charts: this chart was destroyed; call render() again"));
        }
        // A dataset still being fetched for the spec before is no longer
        // awaited: the new spec draws now (and asks again if it needs one).
        s.dataset_pending = None;
        match read_spec(spec) {
            Ok(input) => {
                s.spec = Some(input);
                s.prepared = None;
                s.relayout();
            }
            Err(e) => s.fail(e),
        }
        Ok(())
    }

    /// Lays the chart out again at its container's current width, now (it
    /// does so by itself on the next animation frame after a resize; this is
    /// for callers that resize and need the pixels at once). The spec is not
    /// parsed again.
    pub fn resize(&mut self) -> Result<(), JsError> {
        let mut s = self.state.try_borrow_mut().map_err(|_| JsError::new("housing-charts: the chart is busy"))?;
        if s.destroyed {
            return Err(JsError::new("housing-charts: this chart was destroyed; call render() again"));
        }
        if s.spec.is_some() {
            s.relayout();
        }
        Ok(())
    }

    /// Removes what `render` added to the page and stops watching its size.
    /// The handle is unusable after.
    pub fn destroy(&mut self) {
        if let Ok(mut s) = self.state.try_borrow_mut() {
            s.destroy();
        }
    }

    /// The message of the last render's error (`path: message`), or undefined.
    #[wasm_bindgen(getter)]
    pub fn error(&self) -> Option<String> {
        self.state.try_borrow().ok()?.error.as_ref().map(ToString::to_string)
    }

    /// The JSON path of the last error, or undefined.
    #[wasm_bindgen(getter, js_name = errorPath)]
    pub fn error_path(&self) -> Option<String> {
        self.state.try_borrow().ok()?.error.as_ref().map(|e| e.path.clone())
    }

    /// The warnings of the last render, as strings.
    #[wasm_bindgen(getter)]
    pub fn warnings(&self) -> Vec<String> {
        self.state.try_borrow().map(|s| s.warnings.iter().map(ToString::to_string).collect()).unwrap_or_default()
    }

    /// The canvas the chart is drawn into.
    #[wasm_bindgen(getter)]
    pub fn canvas(&self) -> HtmlCanvasElement {
        self.canvas.clone()
    }

}

impl State {
    /// The resolved chart last drawn.
    fn model(&self) -> Option<&crate::model::Chart> {
        self.prepared.as_ref().map(|p| &p.0)
    }

    /// Draws the kept spec at the container's width: prepared again only
    /// when it is new or the page's defaults changed, else only laid out
    /// again (a resize). An error replaces the chart with its message.
    fn relayout(&mut self) {
        if self.dataset_pending.is_some() {
            return; // drawn when the dataset arrives
        }
        match self.draw() {
            Ok(warnings) => {
                self.error = None;
                self.hide_message();
                // Each warning once, not once per resize, nor once per chart
                // of a page of small multiples (`warnings` has them all).
                for w in warnings.iter().filter(|w| !self.warnings.contains(w)) {
                    warn_once(w);
                }
                self.warnings = warnings;
                self.after_fonts_load();
            }
            Err(_) if self.dataset_pending.is_some() => self.show_loading(),
            Err(e) => self.fail(e),
        }
    }

    /// The spec names a built-in dataset this engine was not given: asks the
    /// page's loader for it and draws the chart when it is in (or says why
    /// it could not be had). Without a loader, `missing` is the error.
    fn fetch_dataset(&mut self, name: String, missing: Error) -> Error {
        let weak = self.me.clone();
        let wanted = name.clone();
        let started = datasets::load(&name, move |result| {
            let Some(rc) = weak.upgrade() else { return };
            let Ok(mut s) = rc.try_borrow_mut() else { return };
            if s.destroyed || s.dataset_pending.as_deref() != Some(wanted.as_str()) {
                return;
            }
            s.dataset_pending = None;
            match result {
                Ok(()) => s.relayout(),
                // The loader's own message may name the dataset already.
                Err(why) if why.starts_with("the built-in dataset") => s.fail(Error::at("dataset", why)),
                Err(why) => s.fail(Error::at("dataset", format!("the built-in dataset \"{wanted}\" could not be loaded: {why}"))),
            }
        });
        // The promise settles after this call returns, never inside it.
        if started {
            self.dataset_pending = Some(name);
        }
        missing
    }

    /// If the page's fonts are still loading (say the theme's web font, which
    /// the canvas only starts to load once asked for it), lays the chart out
    /// again once they are in: until then text was measured and drawn in a
    /// fallback font. The callback holds the chart weakly and runs once.
    fn after_fonts_load(&mut self) {
        if self.fonts_pending {
            return;
        }
        let Some(ready) = measure::fonts_loading() else { return };
        let weak = self.me.clone();
        let callback = Closure::once_into_js(move || {
            let Some(rc) = weak.upgrade() else { return };
            let Ok(mut s) = rc.try_borrow_mut() else { return };
            s.fonts_pending = false;
            if !s.destroyed && s.spec.is_some() {
                s.relayout();
            }
        });
        let then = js_sys::Reflect::get(&ready, &"then".into()).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        if let Some(then) = then {
            self.fonts_pending = then.call1(&ready, &callback).is_ok();
        }
    }

    fn fail(&mut self, e: Error) {
        // A re-layout (resize) of a spec that already failed fails the same
        // way: log each error once, not once per resize.
        let repeated = self.error.as_ref().is_some_and(|before| before.to_string() == e.to_string());
        if !repeated {
            web_sys::console::error_1(&format!("housing-charts: {e}").into());
        }
        if let Err(shown) = self.show_message(&e) {
            web_sys::console::error_1(&shown.into());
        }
        self.error = Some(e);
        self.warnings.clear();
    }

    fn destroy(&mut self) {
        if self.destroyed {
            return;
        }
        if let Some(o) = self.observer.take() {
            o.disconnect();
        }
        self.on_resize = None;
        self.on_frame = None;
        for (name, f) in self.listeners.drain(..) {
            let _ = self.canvas.remove_event_listener_with_callback(name, f.as_ref().unchecked_ref());
        }
        for el in [self.message.take(), self.table.take(), self.tooltip.take(), self.live.take()].into_iter().flatten() {
            el.remove();
        }
        self.prepared = None;
        self.prepared_for = None;
        self.scene = None;
        self.marks.clear();
        if self.owns_canvas {
            self.canvas.remove();
        } else {
            let _ = self.canvas.style().remove_property("display");
        }
        self.spec = None;
        self.destroyed = true;
    }

    /// Parses (when needed), lays out and draws; any failure is an `Error`
    /// with a path.
    fn draw(&mut self) -> Result<Vec<Warning>, Error> {
        let window = web_sys::window().ok_or_else(|| Error::at("", "no window: charts draw only in a page"))?;
        let defaults = self.defaults(&window);
        let fresh = self.prepared.is_none() || self.prepared_for.as_ref() != Some(&defaults);
        if fresh {
            let input = self.spec.as_ref().ok_or_else(|| Error::at("", "no spec to draw"))?;
            self.prepared = None;
            let asked = crate::model::Asked { inner: &datasets::Given, lacked: RefCell::new(None) };
            let prepared = crate::prepare_from(&input.text, &defaults, &input.columns, &asked);
            let lacked = asked.lacked.into_inner().filter(|n| crate::model::DATASET_NAMES.contains(&n.as_str()));
            match (prepared, lacked) {
                (Ok(p), _) => self.prepared = Some(p),
                (Err(e), Some(name)) if e.path == "dataset" => return Err(self.fetch_dataset(name, e)),
                (Err(e), _) => return Err(e),
            }
            self.prepared_for = Some(defaults);
        }
        let Some(prepared) = self.prepared.as_ref() else {
            return Err(Error::at("", "no spec to draw"));
        };
        let dpr = window.device_pixel_ratio();
        let dpr = if dpr.is_finite() && dpr > 0.0 { dpr } else { 1.0 };
        let measured = self.container_width();
        let spec_width = prepared.0.width;
        let width = if measured >= 1.0 {
            spec_width.map_or(measured, |w| w.min(measured))
        } else {
            spec_width.unwrap_or(DEFAULT_WIDTH)
        };
        let ctx = measure::context(&self.canvas)?;
        let measure = CanvasMeasure::new(ctx);
        let (scene, warnings) = crate::lay_out(prepared, width, dpr, &measure)?;

        self.canvas.set_width(scene.width);
        self.canvas.set_height(scene.height);
        let style = self.canvas.style();
        let css_w = f64::from(scene.width) / scene.dpr;
        let css_h = scene.css_height();
        for (k, v) in [
            ("display", "block".to_owned()),
            ("width", format!("{css_w}px")),
            ("height", format!("{css_h}px")),
            ("max-width", "100%".to_owned()),
        ] {
            // !important: host CSS such as `canvas { width: 10px !important }` must not squash it.
            style
                .set_property_with_priority(k, &v, "important")
                .map_err(|e| Error::at("", format!("could not size the canvas: {}", describe(&e))))?;
        }
        let chart = &prepared.0;
        if fresh {
            let _ = self.canvas.set_attribute("aria-label", &crate::describe::summary(chart));
        }
        paint_scene(&self.canvas, &scene).map_err(|e| Error::at("", format!("drawing failed: {e}")))?;
        self.width = measured;
        if fresh {
            let table = crate::describe::table(chart);
            if let Err(e) = self.write_table(&table) {
                web_sys::console::warn_1(&e);
            }
        }
        self.marks = scene.marks.clone();
        self.scene = Some(scene);
        self.focus = None;
        if let Some(t) = &self.tooltip {
            let _ = t.style().set_property("display", "none");
        }
        Ok(warnings)
    }

    /// The page's language (the nearest `lang` attribute), colour scheme and
    /// theme values (CSS custom properties on the host element).
    fn defaults(&mut self, window: &web_sys::Window) -> crate::Defaults {
        let lang = self
            .host
            .closest("[lang]")
            .ok()
            .flatten()
            .and_then(|e| e.get_attribute("lang"))
            .and_then(|tag| crate::spec::Lang::from_tag(&tag));
        let dark = DARK.with(|d| {
            // One live MediaQueryList for the page, not a new one per draw.
            d.get_or_init(|| window.match_media("(prefers-color-scheme: dark)").ok().flatten()).as_ref().is_some_and(|m| m.matches())
        });
        crate::Defaults { lang, theme: dark.then_some(crate::spec::ThemeName::Dark), page: self.page_theme(window) }
    }

    /// The `--housing-chart-*` custom properties of the host element's
    /// computed style (inherited, so they also reach a shadow root), colours
    /// normalised by the canvas. A value that does not check out is left out
    /// with one console warning naming the property: the page's author, not
    /// the spec's, wrote it, so it never replaces the chart with an error.
    fn page_theme(&mut self, window: &web_sys::Window) -> crate::theme::Overrides {
        let Some(style) = window.get_computed_style(&self.host).ok().flatten() else {
            return Default::default();
        };
        let [font, background, text, palette, radius] = crate::theme::PageStyle::PROPERTIES
            .map(|p| style.get_property_value(p).ok().filter(|v| !v.trim().is_empty()));
        let raw = crate::theme::PageStyle { font, background, text, palette, radius };
        if raw == crate::theme::PageStyle::default() {
            self.page_warnings.clear();
            return Default::default();
        }
        let ctx = measure::context(&self.canvas).ok();
        let color = |v: &str| ctx.as_ref().and_then(|ctx| measure::css_color(ctx, v));
        let (page, warnings) = raw.overrides(&color);
        for w in warnings.iter().filter(|w| !self.page_warnings.contains(w)) {
            warn_once(w);
        }
        self.page_warnings = warnings;
        page
    }

    /// The width the chart may take: its container's content width.
    fn container_width(&self) -> f64 {
        let el = if self.owns_canvas { Some(self.host.clone()) } else { self.canvas.parent_element() };
        el.map_or(0.0, |e| f64::from(e.client_width()))
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
