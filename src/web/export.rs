//! The exports that render without a page element, and a chart's own
//! exports (PNG, SVG, CSV): what is drawn or written for elsewhere.

use super::*;

/// The chart of `spec` as an SVG document, `width` CSS pixels wide (default:
/// the spec's width, else 640). In a page, text is measured as the browser
/// would draw it (a canvas's `measureText`); with no document (Node, a
/// worker) by the deterministic `Estimator`, as the native `render_svg` does.
/// A bad spec throws an Error whose message names the JSON path.
#[wasm_bindgen(js_name = renderSvg)]
pub fn render_svg(spec: &JsValue, width: Option<f64>) -> Result<String, JsError> {
    let fail = |e: Error| JsError::new(&e.to_string());
    let input = read_spec(spec).map_err(fail)?;
    let chart = crate::prepare_from(&input.text, &crate::Defaults::default(), &input.columns, &datasets::Given).map_err(fail)?;
    let width = width.or(chart.0.width).unwrap_or(DEFAULT_WIDTH);
    let (scene, _) = match web_sys::window().and_then(|w| w.document()) {
        Some(document) => {
            let canvas: HtmlCanvasElement = create(&document, "canvas")?;
            let ctx = measure::context(&canvas).map_err(fail)?;
            crate::lay_out(&chart, width, 1.0, &CanvasMeasure::new(ctx))
        }
        None => crate::lay_out(&chart, width, 1.0, &crate::layout::Estimator),
    }
    .map_err(fail)?;
    crate::svg::scene_to_svg(&scene).map_err(fail)
}

/// Checks a spec without drawing it: undefined when it is valid, else an
/// object `{ message, path, line, column }` (line and column for text specs).
#[wasm_bindgen]
pub fn validate(spec: &JsValue) -> JsValue {
    let result = read_spec(spec)
        .and_then(|input| crate::prepare_from(&input.text, &crate::Defaults::default(), &input.columns, &datasets::Given).map(|_| ()));
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

#[wasm_bindgen]
impl Chart {
    /// The chart as a PNG data URL, drawn afresh at `scale` × its CSS size
    /// (default 2: sharp in print and on retina screens).
    #[wasm_bindgen(js_name = toPng)]
    pub fn to_png(&self, scale: Option<f64>) -> Result<String, JsError> {
        self.read("toPng()", |s| {
            let (Some(model), Some(scene)) = (s.model(), &s.scene) else {
                return Err(JsError::new("housing-charts: nothing to export: the chart has no drawing"));
            };
            let document = s.host.owner_document().ok_or_else(|| JsError::new("housing-charts: no document"))?;
            let canvas: HtmlCanvasElement = create(&document, "canvas")?;
            let ctx = measure::context(&canvas).map_err(|e| JsError::new(&e.to_string()))?;
            let width = f64::from(scene.width) / scene.dpr;
            let scale = scale.filter(|k| k.is_finite() && *k > 0.0).unwrap_or(2.0).min(4.0);
            let frame = crate::layout::Frame::new(width, model.height, scale).ok_or_else(|| JsError::new("housing-charts: bad export size"))?;
            let (big, _) = crate::layout::layout(model, &frame, &CanvasMeasure::new(ctx));
            canvas.set_width(big.width);
            canvas.set_height(big.height);
            paint_scene(&canvas, &big).map_err(|e| JsError::new(&format!("housing-charts: export failed: {e}")))?;
            canvas.to_data_url().map_err(js_err)
        })
    }

    /// The chart as an SVG document, at its current CSS width.
    #[wasm_bindgen(js_name = toSvg)]
    pub fn to_svg(&self) -> Result<String, JsError> {
        self.read("toSvg()", |s| {
            let (Some(model), Some(scene)) = (s.model(), &s.scene) else {
                return Err(JsError::new("housing-charts: nothing to export: the chart has no drawing"));
            };
            let ctx = measure::context(&s.canvas).map_err(|e| JsError::new(&e.to_string()))?;
            let frame = crate::layout::Frame::new(f64::from(scene.width) / scene.dpr, model.height, 1.0)
                .ok_or_else(|| JsError::new("housing-charts: bad export size"))?;
            let (flat, _) = crate::layout::layout(model, &frame, &CanvasMeasure::new(ctx));
            crate::svg::scene_to_svg(&flat).map_err(|e| JsError::new(&e.to_string()))
        })
    }

    /// The chart's data as CSV (one row per figure, plain numbers).
    #[wasm_bindgen(js_name = toCsv)]
    pub fn to_csv(&self) -> Result<String, JsError> {
        self.read("toCsv()", |s| {
            let model = s.model().ok_or_else(|| JsError::new("housing-charts: nothing to export: the chart has no data"))?;
            Ok(crate::describe::csv(model))
        })
    }
}
