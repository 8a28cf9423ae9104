//! In headless Chromium (wasm-bindgen-test + chromedriver, started with
//! --force-device-scale-factor=2): real canvases, real pixels, real DOM.
#![cfg(target_arch = "wasm32")]

use housing_charts::web::{render, Chart};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, Document, HtmlCanvasElement, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A fresh container `width` CSS px wide, attached to the page.
fn container(width: u32) -> HtmlElement {
    let div: HtmlElement = document().create_element("div").unwrap().dyn_into().unwrap();
    div.style().set_property("width", &format!("{width}px")).unwrap();
    document().body().unwrap().append_child(&div).unwrap();
    div
}

fn pixel(canvas: &HtmlCanvasElement, x: u32, y: u32) -> [u8; 4] {
    let ctx: CanvasRenderingContext2d = canvas.get_context("2d").unwrap().unwrap().dyn_into().unwrap();
    let data = ctx.get_image_data(f64::from(x), f64::from(y), 1.0, 1.0).unwrap().data();
    [data[0], data[1], data[2], data[3]]
}

/// One red bar, no chrome: the bar fills the middle of the plot.
const RED_BAR: &str = r##"{"type": "bar", "orientation": "vertical", "valueLabels": false,
    "colors": ["#ff0000"], "height": 300, "data": [{"label": "homeless", "value": 100}]}"##;

fn red(p: [u8; 4]) -> bool {
    p[0] > 200 && p[1] < 60 && p[2] < 60 && p[3] == 255
}

fn render_ok(host: &HtmlElement, spec: &str) -> Chart {
    let chart = render(host.as_ref(), &JsValue::from_str(spec)).unwrap();
    assert_eq!(chart.error(), None, "unexpected error");
    chart
}

#[wasm_bindgen_test]
fn draws_real_pixels_where_the_bar_is_and_not_elsewhere() {
    let host = container(400);
    let chart = render_ok(&host, RED_BAR);
    let canvas = chart.canvas();
    let (w, h) = (canvas.width(), canvas.height());
    // The bar: the middle column, 60% of the way down.
    assert!(red(pixel(&canvas, w * 11 / 20, h * 6 / 10)), "no bar pixel: {:?}", pixel(&canvas, w * 11 / 20, h * 6 / 10));
    // Not a bar: the top-left corner is the white background.
    assert_eq!(pixel(&canvas, 2, 2), [255, 255, 255, 255]);
    // Nor the far right edge.
    assert!(!red(pixel(&canvas, w - 3, h * 6 / 10)));
}

#[wasm_bindgen_test]
fn backing_store_follows_device_pixel_ratio() {
    let dpr = web_sys::window().unwrap().device_pixel_ratio();
    assert!(dpr >= 2.0, "the test browser runs at scale factor 2, got {dpr}");
    let host = container(500);
    let chart = render_ok(&host, RED_BAR);
    let canvas = chart.canvas();
    assert_eq!(f64::from(canvas.width()), (500.0 * dpr).round());
    assert_eq!(canvas.client_width(), 500);
    let css_h = f64::from(canvas.client_height());
    assert!((f64::from(canvas.height()) - css_h * dpr).abs() <= 2.0);
}

#[wasm_bindgen_test]
fn draws_into_a_given_canvas() {
    let host = container(300);
    let canvas: HtmlCanvasElement = document().create_element("canvas").unwrap().dyn_into().unwrap();
    host.append_child(&canvas).unwrap();
    let chart = render(canvas.as_ref(), &JsValue::from_str(RED_BAR)).unwrap();
    assert!(chart.error().is_none());
    assert_eq!(f64::from(canvas.width()), (300.0 * web_sys::window().unwrap().device_pixel_ratio()).round());
    assert_eq!(canvas.get_attribute("dir").as_deref(), Some("ltr"));
}

#[wasm_bindgen_test]
fn a_bad_spec_shows_its_error_in_place_and_spares_the_other_chart() {
    let good_host = container(400);
    let good = render_ok(&good_host, RED_BAR);
    let before = pixel(&good.canvas(), good.canvas().width() * 11 / 20, good.canvas().height() * 6 / 10);

    let bad_host = container(400);
    let bad = render(
        bad_host.as_ref(),
        &JsValue::from_str(r#"{"type": "bar", "data": [{"label": "Africa", "value": "51 million"}]}"#),
    )
    .unwrap();
    let expected = r#"data[0].value: expected a number, found "51 million""#;
    assert_eq!(bad.error().as_deref(), Some(expected));
    assert_eq!(bad.error_path().as_deref(), Some("data[0].value"));
    let alert = bad_host.query_selector("[role=alert]").unwrap().expect("an error element");
    let text = alert.text_content().unwrap();
    assert!(text.contains(expected), "{text}");
    assert_eq!(bad.canvas().style().get_property_value("display").unwrap(), "none");

    // The other chart keeps its pixels, and a new chart still renders.
    let after = pixel(&good.canvas(), good.canvas().width() * 11 / 20, good.canvas().height() * 6 / 10);
    assert_eq!(before, after);
    assert!(red(after));
    let third = render_ok(&container(400), RED_BAR);
    assert!(red(pixel(&third.canvas(), third.canvas().width() * 11 / 20, third.canvas().height() * 6 / 10)));
}

#[wasm_bindgen_test]
fn markup_in_a_spec_is_shown_as_text() {
    let host = container(400);
    let bad = render(host.as_ref(), &JsValue::from_str(r#"{"type": "<img src=x onerror=alert(1)>", "data": []}"#)).unwrap();
    assert!(bad.error().is_some());
    assert!(host.query_selector("img").unwrap().is_none(), "markup was inserted as HTML");
    assert!(host.text_content().unwrap().contains("<img src=x"));
}

#[wasm_bindgen_test]
fn update_fixes_an_error_and_destroy_cleans_up() {
    let host = container(400);
    let chart = render(host.as_ref(), &JsValue::from_str(r#"{"type": "bar"}"#)).unwrap();
    assert!(chart.error().unwrap().starts_with("data: this required field is missing"));
    let _ = chart.update(&JsValue::from_str(RED_BAR)).unwrap();
    assert_eq!(chart.error(), None);
    let alert: HtmlElement = host.query_selector("[role=alert]").unwrap().unwrap().dyn_into().unwrap();
    assert_eq!(alert.style().get_property_value("display").unwrap(), "none");
    assert!(red(pixel(&chart.canvas(), chart.canvas().width() * 11 / 20, chart.canvas().height() * 6 / 10)));
    chart.destroy();
    assert_eq!(host.child_element_count(), 0);
    assert!(chart.update(&JsValue::from_str(RED_BAR)).is_err());
}

#[wasm_bindgen_test]
fn a_plain_object_spec_works_and_a_non_element_target_throws() {
    let host = container(400);
    let spec = js_sys::JSON::parse(RED_BAR).unwrap();
    let chart = render(host.as_ref(), &spec).unwrap();
    assert_eq!(chart.error(), None);
    assert!(render(&JsValue::from_str("#nope"), &spec).is_err());
}

/// Waits `ms` milliseconds (resize observers and animation frames run meanwhile).
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
async fn relayout_follows_the_container_width() {
    let host = container(600);
    let chart = render_ok(&host, RED_BAR);
    let dpr = web_sys::window().unwrap().device_pixel_ratio();
    assert_eq!(f64::from(chart.canvas().width()), (600.0 * dpr).round());
    // Many resizes in a row end in one correct render at the final width.
    for w in (300..=400).step_by(5) {
        host.style().set_property("width", &format!("{w}px")).unwrap();
    }
    sleep(200).await;
    assert_eq!(f64::from(chart.canvas().width()), (400.0 * dpr).round());
    assert_eq!(chart.canvas().client_width(), 400);
    assert!(red(pixel(&chart.canvas(), chart.canvas().width() * 11 / 20, chart.canvas().height() * 6 / 10)));
    assert_eq!(chart.error(), None);
}

#[wasm_bindgen_test]
fn the_chart_has_a_spoken_summary_and_a_data_table() {
    let host = container(500);
    let chart = render_ok(
        &host,
        r#"{"type": "bar", "title": "Africa's housing gap", "data": [
            {"label": "Now", "value": 51e6, "qualifier": "more-than"},
            {"label": "2030", "value": 130e6, "qualifier": "projection"}]}"#,
    );
    let label = chart.canvas().get_attribute("aria-label").unwrap();
    assert_eq!(label, "Bar chart. Africa's housing gap: Now, more than 51\u{a0}million; 2030, 130\u{a0}million (projected).");
    let table = host.query_selector("table").unwrap().expect("a data table");
    assert_eq!(table.child_element_count(), 4, "caption, header row, two rows");
    assert!(table.text_content().unwrap().contains("more than 51\u{a0}million"));
    let chart = chart;
    chart.destroy();
    assert!(host.query_selector("table").unwrap().is_none());
}

#[wasm_bindgen_test]
fn the_page_language_is_the_default_locale() {
    let outer = container(500);
    outer.set_attribute("lang", "zh-CN").unwrap();
    let host: HtmlElement = document().create_element("div").unwrap().dyn_into().unwrap();
    outer.append_child(&host).unwrap();
    let chart = render_ok(&host, r#"{"type": "bar", "data": [{"label": "缺口", "value": 51e6, "qualifier": "more-than"}]}"#);
    assert_eq!(chart.canvas().get_attribute("aria-label").unwrap(), "条形图。缺口，5100万以上。");
    // The spec's own locale wins over the page's.
    let chart = render_ok(&host, r#"{"type": "bar", "locale": "fr", "data": [{"label": "Écart", "value": 51e6}]}"#);
    assert_eq!(chart.canvas().get_attribute("aria-label").unwrap(), "Diagramme en barres. Écart, 51\u{a0}millions.");
}

fn key(target: &HtmlCanvasElement, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    let e = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&e).unwrap();
}

#[wasm_bindgen_test]
fn arrow_keys_move_a_visible_focus_and_announce_the_figure() {
    let host = container(500);
    let chart = render_ok(
        &host,
        r##"{"type": "bar", "orientation": "vertical", "colors": ["#ff0000"], "height": 300, "valueLabels": false, "data": [
            {"label": "Slums", "value": 1.1e9, "qualifier": "more-than"},
            {"label": "Homeless", "value": 3e8, "qualifier": "more-than"}]}"##,
    );
    let canvas = chart.canvas();
    assert_eq!(canvas.get_attribute("tabindex").as_deref(), Some("0"));
    let before = canvas.to_data_url().unwrap();
    key(&canvas, "ArrowRight");
    let live = host.query_selector("[aria-live]").unwrap().expect("a live region");
    assert_eq!(live.text_content().unwrap(), "Slums. more than 1.1\u{a0}billion");
    let tip: HtmlElement = host.query_selector(".housing-chart-tooltip").unwrap().unwrap().dyn_into().unwrap();
    assert_eq!(tip.style().get_property_value("display").unwrap(), "block");
    assert!(tip.text_content().unwrap().contains("more than 1.1\u{a0}billion"));
    assert_ne!(canvas.to_data_url().unwrap(), before, "no focus marker was drawn");
    key(&canvas, "ArrowRight");
    assert_eq!(live.text_content().unwrap(), "Homeless. more than 300\u{a0}million");
    // The tooltip never covers its figure: it sits wholly above or below the bar.
    let tip_rect = tip.get_bounding_client_rect();
    let canvas_rect = canvas.get_bounding_client_rect();
    assert!(tip_rect.left() >= canvas_rect.left() - 0.5 && tip_rect.right() <= canvas_rect.right() + 0.5);
    key(&canvas, "Escape");
    assert_eq!(tip.style().get_property_value("display").unwrap(), "none");
    assert_eq!(canvas.to_data_url().unwrap(), before, "the focus marker stayed after Escape");
}

#[wasm_bindgen_test]
fn hostile_host_css_and_a_polluted_prototype_change_nothing() {
    let style = document().create_element("style").unwrap();
    style.set_text_content(Some("canvas { width: 10px !important; height: 5px !important } * { font-size: 40px !important }"));
    document().body().unwrap().append_child(&style).unwrap();
    let proto = js_sys::Object::get_prototype_of(&js_sys::Object::new());
    js_sys::Reflect::set(&proto, &"bogus".into(), &JsValue::from_f64(1.0)).unwrap();
    js_sys::Reflect::set(&proto, &"type".into(), &"pie".into()).unwrap();

    let host = container(400);
    let spec = js_sys::JSON::parse(RED_BAR).unwrap();
    let chart = render(host.as_ref(), &spec).unwrap();
    let (error, width) = (chart.error(), chart.canvas().client_width());

    js_sys::Reflect::delete_property(&proto, &"bogus".into()).unwrap();
    js_sys::Reflect::delete_property(&proto, &"type".into()).unwrap();
    style.remove();
    assert_eq!(error, None, "inherited properties leaked into the spec");
    assert_eq!(width, 400, "host CSS resized the canvas");
    assert!(red(pixel(&chart.canvas(), chart.canvas().width() * 11 / 20, chart.canvas().height() * 6 / 10)));
}

#[wasm_bindgen_test]
fn exports_png_at_twice_the_size_svg_and_csv() {
    let host = container(300);
    let chart = render_ok(&host, r#"{"type": "bar", "title": "Gap", "data": [{"label": "Now", "value": 51e6, "qualifier": "more-than"}]}"#);
    let png = chart.to_png(None).unwrap();
    assert!(png.starts_with("data:image/png;base64,"));
    // The PNG's IHDR width: 300 CSS px at scale 2 = 600 px.
    let b64 = &png["data:image/png;base64,".len()..];
    let bytes = js_sys::Uint8Array::new(&js_sys::eval(&format!("Uint8Array.from(atob('{b64}'), c => c.charCodeAt(0))")).unwrap()).to_vec();
    assert_eq!(&bytes[1..4], b"PNG");
    let width = u32::from_be_bytes([bytes[16], bytes[17], bytes[18], bytes[19]]);
    assert_eq!(width, 600);
    let svg = chart.to_svg().unwrap();
    assert!(svg.starts_with("<svg") && svg.contains(">\nGap\n<") && svg.contains("more than 51\u{a0}million"), "{svg}");
    let csv = chart.to_csv().unwrap();
    assert_eq!(csv.lines().nth(1).unwrap(), ",,Now,51000000,,,more-than,,,");
}

/// One bar without colours of its own, no chrome.
const PLAIN_BAR: &str = r##"{"type": "bar", "orientation": "vertical", "valueLabels": false,
    "height": 300, "data": [{"label": "homeless", "value": 100}]}"##;

/// The x extent of colour `c` along row `y` of the canvas.
fn run_of(canvas: &HtmlCanvasElement, y: u32, c: [u8; 4]) -> Option<(u32, u32)> {
    let xs: Vec<u32> = (0..canvas.width()).filter(|&x| pixel(canvas, x, y) == c).collect();
    Some((*xs.first()?, *xs.last()?))
}

#[wasm_bindgen_test]
fn css_custom_properties_theme_the_chart_and_the_spec_overrides_them() {
    const CREAM: [u8; 4] = [255, 250, 240, 255];
    const DARK_RED: [u8; 4] = [0xaa, 0, 0, 255];
    let host = container(400);
    host.set_attribute(
        "style",
        "width: 400px; --housing-chart-background: rgb(255, 250, 240); --housing-chart-palette: #aa0000, #00aa00; \
         --housing-chart-radius: 1em; --housing-chart-font: Georgia, serif",
    )
    .unwrap();
    js_sys::eval("window.__warnings = []; window.__warn = console.warn; console.warn = (...a) => { __warnings.push(a.join(' ')); __warn(...a); }").unwrap();
    let chart = render_ok(&host, PLAIN_BAR);
    let canvas = chart.canvas();
    let (w, h) = (canvas.width(), canvas.height());
    assert_eq!(pixel(&canvas, 2, 2), CREAM, "the page's background");
    assert_eq!(pixel(&canvas, w * 11 / 20, h * 6 / 10), DARK_RED, "the page's first palette colour");
    // A bad property (1em: px only) is left out with one console warning
    // (not one per redraw), never an error.
    let _ = chart.update(&JsValue::from_str(PLAIN_BAR)).unwrap();
    let warned = js_sys::eval("console.warn = window.__warn; __warnings.filter(w => w.includes('--housing-chart-radius')).length").unwrap();
    assert_eq!(warned.as_f64(), Some(1.0));
    assert!(chart.warnings().is_empty(), "{:?}", chart.warnings());
    // The page's font reaches the text (here, of the SVG export).
    assert!(chart.to_svg().unwrap().contains(r#"font-family="Georgia, serif""#));

    // The spec's theme object wins over the page's properties it names.
    let _ = chart
        .update(&JsValue::from_str(
            r##"{"type": "bar", "orientation": "vertical", "valueLabels": false, "height": 300,
                "theme": {"palette": ["#0000cc"]}, "data": [{"label": "homeless", "value": 100}]}"##,
        ))
        .unwrap();
    // A second update before the next frame is painted at that frame;
    // resize() paints it now.
    chart.resize().unwrap();
    assert_eq!(chart.error(), None);
    assert_eq!(pixel(&canvas, w * 11 / 20, h * 6 / 10), [0, 0, 0xcc, 255], "the spec's palette");
    assert_eq!(pixel(&canvas, 2, 2), CREAM, "the background the spec leaves out is still the page's");
    let _ = chart
        .update(&JsValue::from_str(r##"{"type": "bar", "orientation": "vertical", "valueLabels": false, "height": 300,
            "theme": {"background": "#ffffff"}, "data": [{"label": "homeless", "value": 100}]}"##))
        .unwrap();
    chart.resize().unwrap();
    assert_eq!(pixel(&canvas, 2, 2), [255, 255, 255, 255]);
    assert_eq!(pixel(&canvas, w * 11 / 20, h * 6 / 10), DARK_RED);
}

#[wasm_bindgen_test]
fn a_radius_rounds_the_bar_corners_on_the_canvas() {
    let host = container(400);
    host.style().set_property("--housing-chart-radius", "12px").unwrap();
    host.style().set_property("--housing-chart-palette", "#aa0000").unwrap();
    let chart = render_ok(&host, PLAIN_BAR);
    let canvas = chart.canvas();
    let (w, h) = (canvas.width(), canvas.height());
    let dark_red = [0xaa, 0, 0, 255];
    let mid = w * 11 / 20;
    assert_eq!(pixel(&canvas, mid, h * 6 / 10), dark_red);
    // The bar's top: the first dark red pixel down the middle column.
    let top = (0..h).find(|&y| pixel(&canvas, mid, y) == dark_red).unwrap();
    let (l0, r0) = run_of(&canvas, top + 1, dark_red).unwrap();
    let (l1, r1) = run_of(&canvas, top + 40, dark_red).unwrap();
    // 12 CSS px at DPR 2: the top row is much narrower than the body.
    assert!(l0 >= l1 + 8 && r0 + 8 <= r1, "top row {l0}–{r0}, body {l1}–{r1}");
    // Square by default.
    let square = render_ok(&container(400), r##"{"type": "bar", "orientation": "vertical", "valueLabels": false,
        "height": 300, "colors": ["#aa0000"], "data": [{"label": "homeless", "value": 100}]}"##);
    let c = square.canvas();
    let top = (0..h).find(|&y| pixel(&c, mid, y) == dark_red).unwrap();
    assert_eq!(run_of(&c, top, dark_red), run_of(&c, top + 40, dark_red));
}

/// `{type: "line", colors: ["#ff0000"], series: [{name, x: Float64Array, y: Float64Array}]}`.
fn typed_line(n: usize, bad: Option<usize>) -> JsValue {
    let x = js_sys::Float64Array::new_with_length(n as u32);
    let y = js_sys::Float64Array::new_with_length(n as u32);
    for i in 0..n {
        x.set_index(i as u32, i as f64);
        y.set_index(i as u32, if Some(i) == bad { f64::NAN } else { ((i % 100) as f64) - 50.0 });
    }
    let series = js_sys::Object::new();
    js_sys::Reflect::set(&series, &"name".into(), &"walk".into()).unwrap();
    js_sys::Reflect::set(&series, &"x".into(), &x).unwrap();
    js_sys::Reflect::set(&series, &"y".into(), &y).unwrap();
    let spec = js_sys::Object::new();
    js_sys::Reflect::set(&spec, &"type".into(), &"line".into()).unwrap();
    js_sys::Reflect::set(&spec, &"colors".into(), &js_sys::Array::of1(&"#ff0000".into())).unwrap();
    js_sys::Reflect::set(&spec, &"series".into(), &js_sys::Array::of1(&series)).unwrap();
    spec.into()
}

#[wasm_bindgen_test]
async fn typed_array_columns_draw_without_json_and_are_checked_like_json() {
    let host = container(500);
    let spec = typed_line(200_000, None);
    let chart = render(host.as_ref(), &spec).unwrap();
    assert_eq!(chart.error(), None);
    let canvas = chart.canvas();
    let w = canvas.width();
    let reds = (0..canvas.height()).filter(|&y| red(pixel(&canvas, w / 2, y))).count();
    assert!(reds > 0, "the line is drawn");
    // The caller's object is not changed.
    let series = js_sys::Reflect::get(&spec, &"series".into()).unwrap();
    let first = js_sys::Reflect::get(&series, &0.into()).unwrap();
    assert!(js_sys::Reflect::get(&first, &"y".into()).unwrap().is_instance_of::<js_sys::Float64Array>());
    // Every figure is there (CSV: a header and one row per point).
    assert_eq!(chart.to_csv().unwrap().lines().count(), 200_001);
    // A resize lays the kept chart out again.
    host.style().set_property("width", "300px").unwrap();
    sleep(100).await;
    assert_eq!(chart.canvas().width(), (300.0 * web_sys::window().unwrap().device_pixel_ratio()).round() as u32);
    assert_eq!(chart.error(), None);
    // NaN cannot come through JSON, but it can through a Float64Array: refused with its path.
    let _ = chart.update(&typed_line(10, Some(5))).unwrap();
    assert_eq!(chart.error_path().as_deref(), Some("series[0].y[5]"));
    // renderSvg and validate take typed arrays too.
    let svg = housing_charts::web::render_svg(&typed_line(1000, None), Some(400.0)).unwrap();
    assert!(svg.contains("<svg"));
    assert!(housing_charts::web::validate(&typed_line(1000, None)).is_undefined());
    chart.destroy();
}

/// Standard base64 (for a data URL).
fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len() * 4 / 3 + 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(A[((n >> (18 - 6 * k)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The pixels of a canvas.
fn pixels(canvas: &HtmlCanvasElement) -> Vec<u8> {
    let ctx: CanvasRenderingContext2d = canvas.get_context("2d").unwrap().unwrap().dyn_into().unwrap();
    ctx.get_image_data(0.0, 0.0, f64::from(canvas.width()), f64::from(canvas.height())).unwrap().data().to_vec()
}

#[wasm_bindgen_test]
async fn a_chart_drawn_while_its_font_loads_is_laid_out_again_once_it_has() {
    // A web font (Liberation Serif, which `make setup` installs, as a data
    // URL so that it loads asynchronously) that nothing has asked for yet:
    // the chart's first measurement starts its load.
    const TTF: &[u8] = include_bytes!("/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf");
    let fonts = js_sys::Reflect::get(&document(), &"fonts".into()).unwrap();
    let face_ctor: js_sys::Function = js_sys::Reflect::get(&js_sys::global(), &"FontFace".into()).unwrap().dyn_into().unwrap();
    let url = format!("url(data:font/ttf;base64,{})", base64(TTF));
    let args = js_sys::Array::of2(&"HcLateSerif".into(), &url.into());
    let face = js_sys::Reflect::construct(&face_ctor, &args).unwrap();
    let add: js_sys::Function = js_sys::Reflect::get(&fonts, &"add".into()).unwrap().dyn_into().unwrap();
    add.call1(&fonts, &face).unwrap();

    let spec = r##"{"type": "bar", "title": "Housing gap, in a serif", "theme": {"font": "HcLateSerif, monospace"},
        "data": [{"label": "Now", "value": 51}, {"label": "2030", "value": 130}]}"##;
    let early = render_ok(&container(420), spec);
    let ready: js_sys::Promise = js_sys::Reflect::get(&fonts, &"ready".into()).unwrap().dyn_into().unwrap();
    wasm_bindgen_futures::JsFuture::from(ready).await.unwrap();
    sleep(50).await;
    let status = js_sys::Reflect::get(&fonts, &"status".into()).unwrap().as_string().unwrap();
    assert_eq!(status, "loaded");
    // Drawn after the load: the chart drawn during it must now look the same.
    let late = render_ok(&container(420), spec);
    assert_eq!(early.canvas().width(), late.canvas().width());
    assert_eq!(early.canvas().height(), late.canvas().height());
    assert!(pixels(&early.canvas()) == pixels(&late.canvas()), "the chart drawn while the font loaded was not laid out again");
}

#[wasm_bindgen_test]
fn a_warning_shared_by_many_charts_is_logged_once_and_kept_by_each() {
    js_sys::eval("window.__warnings2 = []; window.__warn2 = console.warn; console.warn = (...a) => { __warnings2.push(a.join(' ')); __warn2(...a); }").unwrap();
    let spec = r#"{"type": "bar", "min": 7, "data": [{"label": "homeless", "value": 300}, {"label": "slums", "value": 1100}]}"#;
    let charts: Vec<Chart> = (0..5).map(|_| render_ok(&container(320), spec)).collect();
    let logged = js_sys::eval("console.warn = window.__warn2; __warnings2.filter(w => w.includes('min:')).length").unwrap();
    assert_eq!(logged.as_f64(), Some(1.0), "one console line for five charts");
    for c in &charts {
        assert!(c.warnings().iter().any(|w| w.starts_with("min:")), "{:?}", c.warnings());
    }
}

#[wasm_bindgen_test]
async fn a_built_in_dataset_comes_from_the_page_drawn_once_it_arrives_its_failure_said_in_place() {
    use housing_charts::web::{add_dataset, built_in_datasets, set_dataset_loader};
    assert!(built_in_datasets().contains(&"people".to_owned()));
    let window = web_sys::window().unwrap();
    let spec = |name: &str| JsValue::from_str(&format!(r#"{{"type": "bar", "dataset": "{name}"}}"#));

    // Not in the wasm, not given, no loader: the message says what to do.
    set_dataset_loader(None);
    let chart = render(container(400).as_ref(), &spec("forum")).unwrap();
    let e = chart.error().unwrap();
    assert!(e.starts_with("dataset: the built-in dataset \"forum\" has not been loaded"), "{e}");

    // Given by the page: drawn at once.
    add_dataset(include_str!("../data/datasets/people.json")).unwrap();
    let chart = render_ok(&container(400), r#"{"type": "bar", "dataset": "people"}"#);
    assert!(chart.canvas().height() > 100);
    // Not a dataset: refused with the JSON path.
    let e = add_dataset(r#"{"name": "x", "data": [{"label": "a", "value": "1"}]}"#).err().unwrap();
    assert!(JsValue::from(e).as_string().is_none()); // a JsError, thrown to JavaScript

    // A loader that answers later: the chart says it is loading, then draws.
    js_sys::Reflect::set(&window, &"__forum".into(), &include_str!("../data/datasets/forum.json").into()).unwrap();
    let loader = js_sys::Function::new_with_args(
        "name",
        "return name === 'forum' ? new Promise((ok) => setTimeout(() => ok(window.__forum), 30)) : Promise.reject(new Error('HTTP 404 Not Found'))",
    );
    set_dataset_loader(Some(loader));
    let host = container(400);
    let chart = render(host.as_ref(), &spec("forum")).unwrap();
    assert_eq!(chart.error(), None);
    let status = host.query_selector("[role=status]").unwrap().expect("a loading status in place of the chart");
    assert!(status.text_content().unwrap().contains("\"forum\""));
    sleep(120).await;
    assert_eq!(chart.error(), None);
    let shown: HtmlElement = status.dyn_into().unwrap();
    assert_eq!(shown.style().get_property_value("display").unwrap(), "none", "the status is gone once drawn");
    assert!(chart.canvas().height() > 100 && chart.warnings().is_empty(), "{:?}", chart.warnings());

    // A loader that fails: the reason, in place and with the path.
    let host = container(400);
    let chart = render(host.as_ref(), &spec("timeline")).unwrap();
    sleep(50).await;
    let e = chart.error().unwrap();
    assert!(e.starts_with("dataset: the built-in dataset \"timeline\" could not be loaded: HTTP 404"), "{e}");
    assert!(host.query_selector("[role=alert]").unwrap().is_some());
    // Updated while its dataset loads: the new spec draws at once, and the
    // old load's failure does not reach it.
    let host = container(400);
    let chart = render(host.as_ref(), &spec("timeline")).unwrap();
    assert!(host.query_selector("[role=status]").unwrap().is_some());
    let _ = chart.update(&JsValue::from_str(RED_BAR)).unwrap();
    assert_eq!(chart.error(), None);
    assert!(red(pixel(&chart.canvas(), chart.canvas().width() * 11 / 20, chart.canvas().height() * 6 / 10)), "the new spec is drawn at once");
    sleep(50).await;
    assert_eq!(chart.error(), None, "the old dataset's failure reached the new spec");
    // Destroyed while loading: nothing runs on a freed chart.
    let chart = render(container(400).as_ref(), &spec("shares")).unwrap();
    chart.destroy();
    sleep(50).await;
    set_dataset_loader(None);
}
