//! What a chart owns, and how it draws: the spec prepared (parsed and
//! resolved), laid out at the container's width and painted into the
//! canvas. When it runs is `web::life`'s business.

use super::*;
use life::Shared;

/// Everything a chart owns. Shared with its callbacks through a `Weak`, so
/// destroying the chart frees it.
pub(super) struct State {
    /// The element given to `render`.
    pub(super) host: Element,
    /// The canvas drawn into.
    pub(super) canvas: HtmlCanvasElement,
    /// Whether `render` created the canvas (and so removes it on destroy).
    pub(super) owns_canvas: bool,
    /// The element that shows an error in place of the chart (created lazily).
    pub(super) message: Option<HtmlElement>,
    /// The data as a visually hidden table, for screen readers.
    pub(super) table: Option<HtmlElement>,
    /// The last error, if the last render failed.
    pub(super) error: Option<Error>,
    /// Warnings of the last successful render.
    pub(super) warnings: Vec<Warning>,
    /// The spec last drawn (prepared again only if the page's defaults change).
    pub(super) spec: Option<Input>,
    /// The CSS width last laid out at (0: the container had none).
    pub(super) width: f64,
    /// The callbacks and observers `web::life` keeps (all undone by destroy).
    pub(super) life: life::Life,
    /// A re-layout is promised for when the page's fonts have loaded.
    pub(super) fonts_pending: bool,
    /// The built-in dataset the page's loader is fetching for this chart.
    pub(super) dataset_pending: Option<String>,
    /// This chart itself, for callbacks that must not keep it alive.
    pub(super) me: std::rc::Weak<Shared>,
    /// The last resolved chart and its scene (for tooltips and focus).
    pub(super) prepared: Option<(crate::model::Chart, Vec<Warning>)>,
    /// The page defaults `prepared` was made with.
    pub(super) prepared_for: Option<crate::Defaults>,
    /// The canvas's accessible name and the data table are `prepared`'s.
    pub(super) described: bool,
    pub(super) scene: Option<crate::layout::Scene>,
    pub(super) marks: Vec<crate::layout::Mark>,
    /// The focused figure (index into `marks`).
    pub(super) focus: Option<usize>,
    pub(super) tooltip: Option<HtmlElement>,
    pub(super) live: Option<HtmlElement>,
    pub(super) listeners: Vec<interact::Listener>,
    /// The page's CSS custom properties ignored at the last render (each
    /// logged once, not at every resize).
    pub(super) page_warnings: Vec<Warning>,
}

/// Largest backing store drawn (device pixels): browsers refuse bigger
/// canvases, or draw nothing into them, without an error.
const MAX_AREA: f64 = 16_777_216.0;
/// Longest side of the backing store (device pixels).
const MAX_SIDE: f64 = 32_767.0;

impl State {
    /// A chart's state before its first draw.
    pub(super) fn new(host: Element, canvas: HtmlCanvasElement, owns_canvas: bool) -> State {
        State {
            host,
            canvas,
            owns_canvas,
            message: None,
            table: None,
            error: None,
            warnings: Vec::new(),
            spec: None,
            width: 0.0,
            life: life::Life::default(),
            fonts_pending: false,
            dataset_pending: None,
            me: std::rc::Weak::new(),
            prepared: None,
            prepared_for: None,
            described: false,
            scene: None,
            marks: Vec::new(),
            focus: None,
            tooltip: None,
            live: None,
            listeners: Vec::new(),
            page_warnings: Vec::new(),
        }
    }

    /// The resolved chart last drawn.
    pub(super) fn model(&self) -> Option<&crate::model::Chart> {
        self.prepared.as_ref().map(|p| &p.0)
    }

    /// Draws the kept spec at the container's width: prepared again only
    /// when it is new or the page's defaults changed, else only laid out
    /// again (a resize). An error replaces the chart with its message.
    pub(super) fn relayout(&mut self) {
        self.life.relayout_due = false;
        if self.dataset_pending.is_some() {
            return; // drawn when the dataset arrives
        }
        let drawn = self.draw();
        self.painted();
        match drawn {
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

    /// Prepares the kept spec now, without drawing it (an update that waits
    /// for the next frame): its error, if any, is shown at once.
    pub(super) fn check(&mut self) {
        if self.dataset_pending.is_some() {
            return;
        }
        let Some(window) = web_sys::window() else { return };
        match self.prepare(&window) {
            Ok(()) => {
                self.error = None;
                self.warnings = self.prepared.as_ref().map(|p| p.1.clone()).unwrap_or_default();
            }
            Err(_) if self.dataset_pending.is_some() => self.show_loading(),
            Err(e) => {
                self.life.relayout_due = false;
                self.fail(e);
            }
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
            rc.with(|s| {
                if s.dataset_pending.as_deref() != Some(wanted.as_str()) {
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
            rc.with(|s| {
                s.fonts_pending = false;
                if s.spec.is_some() {
                    s.relayout();
                }
            });
        });
        let then = js_sys::Reflect::get(&ready, &"then".into()).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        if let Some(then) = then {
            self.fonts_pending = then.call1(&ready, &callback).is_ok();
        }
    }

    pub(super) fn fail(&mut self, e: Error) {
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

    /// Parses and resolves the kept spec when it is new or the page's
    /// defaults changed.
    fn prepare(&mut self, window: &web_sys::Window) -> Result<(), Error> {
        let defaults = self.defaults(window);
        if self.prepared.is_some() && self.prepared_for.as_ref() == Some(&defaults) {
            return Ok(());
        }
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
        self.described = false;
        Ok(())
    }

    /// Parses (when needed), lays out and draws; any failure is an `Error`
    /// with a path.
    fn draw(&mut self) -> Result<Vec<Warning>, Error> {
        let window = web_sys::window().ok_or_else(|| Error::at("", "no window: charts draw only in a page"))?;
        self.prepare(&window)?;
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
        let (mut scene, mut warnings) = crate::lay_out(prepared, width, dpr, &measure)?;
        // A backing store too big for the browser is drawn at a smaller
        // pixel ratio (the same CSS size, scaled up): never a blank canvas.
        for _ in 0..3 {
            let (w, h) = (f64::from(scene.width), f64::from(scene.height));
            let k = (MAX_AREA / (w * h)).sqrt().min(MAX_SIDE / w).min(MAX_SIDE / h);
            if k >= 1.0 {
                break;
            }
            (scene, warnings) = crate::lay_out(prepared, width, scene.dpr * k * 0.995, &measure)?;
        }

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
        let describe_now = !self.described;
        if describe_now {
            let _ = self.canvas.set_attribute("aria-label", &crate::describe::summary(chart));
        }
        paint_scene(&self.canvas, &scene).map_err(|e| Error::at("", format!("drawing failed: {e}")))?;
        self.width = measured;
        if describe_now {
            let table = crate::describe::table(chart);
            if let Err(e) = self.write_table(&table) {
                web_sys::console::warn_1(&e);
            }
            self.described = true;
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
        let (page, follow) = self.page_theme(window);
        crate::Defaults { lang, theme: dark.then_some(crate::spec::ThemeName::Dark), follow, page }
    }

    /// The `--housing-chart-*` custom properties of the host element's
    /// computed style (inherited, so they also reach a shadow root), colours
    /// normalised by the canvas. A value that does not check out is left out
    /// with one console warning naming the property: the page's author, not
    /// the spec's, wrote it, so it never replaces the chart with an error.
    /// Also whether the page follows the reader's colour scheme: a CSS
    /// `color-scheme` with `dark` in it reaching the host element.
    fn page_theme(&mut self, window: &web_sys::Window) -> (crate::theme::Overrides, bool) {
        let Some(style) = window.get_computed_style(&self.host).ok().flatten() else {
            return Default::default();
        };
        let follow = style.get_property_value("color-scheme").is_ok_and(|v| v.split_ascii_whitespace().any(|w| w == "dark"));
        let [font, background, text, palette, radius] = crate::theme::PageStyle::PROPERTIES
            .map(|p| style.get_property_value(p).ok().filter(|v| !v.trim().is_empty()));
        let raw = crate::theme::PageStyle { font, background, text, palette, radius };
        if raw == crate::theme::PageStyle::default() {
            self.page_warnings.clear();
            return (Default::default(), follow);
        }
        let ctx = measure::context(&self.canvas).ok();
        let color = |v: &str| ctx.as_ref().and_then(|ctx| measure::css_color(ctx, v));
        let (page, warnings) = raw.overrides(&color);
        for w in warnings.iter().filter(|w| !self.page_warnings.contains(w)) {
            warn_once(w);
        }
        self.page_warnings = warnings;
        (page, follow)
    }

    /// The element whose width the chart takes (and whose size is watched).
    pub(super) fn container(&self) -> Option<Element> {
        if self.owns_canvas {
            Some(self.host.clone())
        } else {
            self.canvas.parent_element()
        }
    }

    /// The width the chart may take: its container's content width.
    pub(super) fn container_width(&self) -> f64 {
        self.container().map_or(0.0, |e| f64::from(e.client_width()))
    }
}
