//! The browser boundary (wasm32 only): the only module that knows JavaScript.
//!
//! `render(target, spec)` draws a chart into a `<canvas>` (or into a canvas it
//! creates inside any other element) and returns a `Chart` handle with
//! `update(spec)` and `destroy()`. A bad spec never throws: its message, with
//! the JSON path, is shown in place of the chart (as text, never HTML) and
//! logged to the console, and the handle's `error` says it. Only a bad
//! *target* (not an element) throws, because that is the developer's mistake,
//! not the journalist's.

mod measure;

use plotters_canvas::CanvasBackend;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlCanvasElement, HtmlElement};

use crate::error::{Error, Warning};
use crate::layout::DEFAULT_WIDTH;
use measure::CanvasMeasure;

/// Installs the panic hook once, when the module is instantiated: a panic
/// (always a bug) is logged with its message instead of a bare "unreachable".
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// A chart on the page. Keep it to update or destroy the chart.
#[wasm_bindgen]
pub struct Chart {
    /// The element given to `render`.
    host: Element,
    /// The canvas drawn into.
    canvas: HtmlCanvasElement,
    /// Whether `render` created the canvas (and so removes it on destroy).
    owns_canvas: bool,
    /// The element that shows an error in place of the chart (created lazily).
    message: Option<HtmlElement>,
    /// The last error, if the last render failed.
    error: Option<Error>,
    /// Warnings of the last successful render.
    warnings: Vec<Warning>,
    destroyed: bool,
}

/// The chart of `spec` as an SVG document, `width` CSS pixels wide (default:
/// the spec's width, else 640), text measured as the browser would draw it.
/// A bad spec throws an Error whose message names the JSON path.
#[wasm_bindgen(js_name = renderSvg)]
pub fn render_svg(spec: &JsValue, width: Option<f64>) -> Result<String, JsError> {
    let text = spec_text(spec).map_err(|e| JsError::new(&e.to_string()))?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsError::new("housing-charts: renderSvg needs a document"))?;
    let canvas: HtmlCanvasElement = create(&document, "canvas")?;
    let ctx = measure::context(&canvas).map_err(|e| JsError::new(&e.to_string()))?;
    crate::svg::render_svg_with(&text, width, &CanvasMeasure::new(ctx))
        .map(|r| r.svg)
        .map_err(|e| JsError::new(&e.to_string()))
}

/// Checks a spec without drawing it: undefined when it is valid, else an
/// object `{ message, path, line, column }` (line and column for text specs).
#[wasm_bindgen]
pub fn validate(spec: &JsValue) -> JsValue {
    let result = spec_text(spec).and_then(|text| crate::prepare(&text).map(|_| ()));
    match result {
        Ok(()) => JsValue::UNDEFINED,
        Err(e) => {
            let o = js_sys::Object::new();
            let set = |k: &str, v: JsValue| {
                let _ = js_sys::Reflect::set(&o, &k.into(), &v);
            };
            set("message", e.to_string().into());
            set("path", e.path.clone().into());
            set("line", e.line.map_or(JsValue::UNDEFINED, |l| (l as f64).into()));
            set("column", e.column.map_or(JsValue::UNDEFINED, |c| (c as f64).into()));
            o.into()
        }
    }
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
    // plotters-canvas aligns text with "start", which flips on a right-to-left page.
    canvas.set_attribute("dir", "ltr").map_err(js_err)?;
    canvas.set_attribute("role", "img").map_err(js_err)?;
    let mut chart = Chart { host, canvas, owns_canvas, message: None, error: None, warnings: Vec::new(), destroyed: false };
    chart.update(spec)?;
    Ok(chart)
}

#[wasm_bindgen]
impl Chart {
    /// Redraws the chart with a new spec (a JSON string or a plain object).
    pub fn update(&mut self, spec: &JsValue) -> Result<(), JsError> {
        if self.destroyed {
            return Err(JsError::new("housing-charts: this chart was destroyed; call render() again"));
        }
        let result = spec_text(spec).and_then(|text| self.draw(&text));
        match result {
            Ok(warnings) => {
                self.error = None;
                self.hide_message();
                for w in &warnings {
                    web_sys::console::warn_1(&format!("housing-charts: {w}").into());
                }
                self.warnings = warnings;
            }
            Err(e) => {
                web_sys::console::error_1(&format!("housing-charts: {e}").into());
                self.show_message(&e)?;
                self.error = Some(e);
                self.warnings.clear();
            }
        }
        Ok(())
    }

    /// Removes what `render` added to the page. The handle is unusable after.
    pub fn destroy(&mut self) {
        if self.destroyed {
            return;
        }
        if let Some(m) = self.message.take() {
            m.remove();
        }
        if self.owns_canvas {
            self.canvas.remove();
        } else {
            let _ = self.canvas.style().remove_property("display");
        }
        self.destroyed = true;
    }

    /// The message of the last render's error (`path: message`), or undefined.
    #[wasm_bindgen(getter)]
    pub fn error(&self) -> Option<String> {
        self.error.as_ref().map(ToString::to_string)
    }

    /// The JSON path of the last error, or undefined.
    #[wasm_bindgen(getter, js_name = errorPath)]
    pub fn error_path(&self) -> Option<String> {
        self.error.as_ref().map(|e| e.path.clone())
    }

    /// The warnings of the last render, as strings.
    #[wasm_bindgen(getter)]
    pub fn warnings(&self) -> Vec<String> {
        self.warnings.iter().map(ToString::to_string).collect()
    }

    /// The canvas the chart is drawn into.
    #[wasm_bindgen(getter)]
    pub fn canvas(&self) -> HtmlCanvasElement {
        self.canvas.clone()
    }
}

impl Chart {
    /// Parses, lays out and draws; any failure is an `Error` with a path.
    fn draw(&mut self, text: &str) -> Result<Vec<Warning>, Error> {
        let prepared = crate::prepare(text)?;
        let window = web_sys::window().ok_or_else(|| Error::at("", "no window: charts draw only in a page"))?;
        let dpr = window.device_pixel_ratio();
        let dpr = if dpr.is_finite() && dpr > 0.0 { dpr } else { 1.0 };
        let width = self.css_width(prepared.0.width);
        let ctx = measure::context(&self.canvas)?;
        let measure = CanvasMeasure::new(ctx);
        let (scene, warnings) = crate::lay_out(&prepared, width, dpr, &measure)?;

        self.canvas.set_width(scene.width);
        self.canvas.set_height(scene.height);
        let style = self.canvas.style();
        let css_h = scene.css_height();
        for (k, v) in [
            ("display", "block".to_owned()),
            ("width", format!("{width}px")),
            ("height", format!("{css_h}px")),
            ("max-width", "100%".to_owned()),
        ] {
            style.set_property(k, &v).map_err(|e| Error::at("", format!("could not size the canvas: {}", describe(&e))))?;
        }
        let label = prepared.0.title.clone().unwrap_or_default();
        let _ = self.canvas.set_attribute("aria-label", &label);
        let mut backend = CanvasBackend::with_canvas_object(self.canvas.clone())
            .ok_or_else(|| Error::at("", "this browser gave no 2D context for the canvas"))?;
        crate::draw::draw(&scene, &mut backend, 1.0).map_err(|e| Error::at("", format!("drawing failed: {e}")))?;
        Ok(warnings)
    }

    /// The CSS width to lay out at: the host's width, else the spec's, else 640.
    fn css_width(&self, spec_width: Option<f64>) -> f64 {
        let measured = if self.owns_canvas {
            f64::from(self.host.client_width())
        } else {
            self.canvas.parent_element().map_or(0.0, |p| f64::from(p.client_width()))
        };
        if measured >= 1.0 {
            spec_width.map_or(measured, |w| w.min(measured))
        } else {
            spec_width.unwrap_or(DEFAULT_WIDTH)
        }
    }

    fn show_message(&mut self, e: &Error) -> Result<(), JsError> {
        let _ = self.canvas.style().set_property("display", "none");
        let message = match &self.message {
            Some(m) => m.clone(),
            None => {
                let document = self.host.owner_document().ok_or_else(|| JsError::new("housing-charts: no document"))?;
                let m: HtmlElement = create(&document, "div")?;
                m.set_attribute("role", "alert").map_err(js_err)?;
                m.set_class_name("housing-chart-error");
                let style = m.style();
                for (k, v) in [
                    ("font", "14px/1.4 system-ui, sans-serif"),
                    ("color", "#8a1c1c"),
                    ("background", "#fff5f5"),
                    ("border", "1px solid #e0b4b4"),
                    ("border-radius", "4px"),
                    ("padding", "12px"),
                    ("white-space", "pre-wrap"),
                    ("overflow-wrap", "anywhere"),
                ] {
                    let _ = style.set_property(k, v);
                }
                self.canvas.after_with_node_1(&m).map_err(js_err)?;
                self.message = Some(m.clone());
                m
            }
        };
        // Text, never HTML: a spec's strings cannot inject markup.
        message.set_text_content(Some(&format!("Chart error: {e}")));
        let _ = message.style().remove_property("display");
        Ok(())
    }

    fn hide_message(&mut self) {
        if let Some(m) = &self.message {
            let _ = m.style().set_property("display", "none");
        }
        let _ = self.canvas.style().set_property("display", "block");
    }
}

/// The spec as JSON text: a string as is, an object through JSON.stringify
/// (own enumerable properties only: a polluted prototype does not leak in).
fn spec_text(spec: &JsValue) -> Result<String, Error> {
    if let Some(s) = spec.as_string() {
        return Ok(s);
    }
    if spec.is_undefined() || spec.is_null() {
        return Err(Error::at("", "no spec: pass an object or a JSON string"));
    }
    let text = js_sys::JSON::stringify(spec).map_err(|e| Error::at("", format!("the spec could not be read as JSON: {}", describe(&e))))?;
    text.as_string().ok_or_else(|| Error::at("", "the spec could not be read as JSON"))
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
