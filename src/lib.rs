//! # housing-charts
//!
//! Embeddable, accessible, fast charts of housing-crisis figures: one Rust
//! pipeline, drawn into a `<canvas>` in the browser (WebAssembly) and to SVG
//! natively.
//!
//! ## The pipeline (this is the architecture)
//!
//! ```text
//!  JSON text ──parse──▶ spec::ChartSpec ──model::resolve──▶ model::Chart
//!      (serde + JSON path)   (plain serde)   (defaults, datasets,   (checked,
//!                                             validation)            drawable)
//!                         └─ parse::from_table: a `table` (CSV, TSV, JSON records)
//!                            → the spec's `data` / `series`, before model
//!  model::Chart ──layout::layout──▶ layout::Scene ──draw::draw──▶ DrawingBackend
//!      (frame: css width × dpr,       (plain data,      (one match,    ├─ svg.rs: plotters SVG (native)
//!       TextMeasure)                   device px)        rounds to px)  ├─ web/: plotters-canvas (wasm)
//!                                                                           └─ raster/: svg.rs's SVG → resvg PNG
//!                                                                              (native, feature `cli`)
//! ```
//!
//! The command line, `src/bin/housing-charts/` (`render SPEC -o OUT.svg|png`),
//! is a thin shell over `raster::render`, as `web` is for the browser: it
//! parses arguments, reads the spec, writes the bytes and prints the
//! library's errors and warnings; what it may change of a spec (`--locale`,
//! `--theme`, `--height`) goes through `Forced` / `prepare_forced`.
//!
//! ## Modules
//! - `spec` (serde types, `LocalText` in six languages) · `parse` (JSON text →
//!   spec, messages with paths; a spec's `table` read into its `data` or
//!   `series` before `model` sees it: `parse::table` CSV / TSV (csv-core) or
//!   JSON records → cells, `parse::figures` columns → figures, errors by row
//!   and column, and `parse::Origin` telling `model`'s errors about those
//!   figures by row and column too) · `model` (resolve: datasets, qualifiers,
//!   per-type options, annotations, limits; `model::series` each datum
//!   checked and resolved, or columns read; `model::texts` warns of a text
//!   shown in another language than the chart's; `model::datasets` where
//!   named datasets come from)
//! - `layout` (one file per chart kind: `bar` (horizontal rows in
//!   `bar::horizontal`, stacked segments' values outside their segments in
//!   `bar::segments`), `line` (also area), `gap`,
//!   `parts` (donut, pie, waffle), `stat`, `timeline`; `chrome` for title,
//!   legend and footer; `annotate`; `text` for measurement and line breaking)
//!   → `Scene` {items, marks}
//! - `draw` (Scene → DrawingBackend) · `svg` (SVG text) · `web` (wasm32 only:
//!   `render` and the `Chart` handle; `web::state` what a chart owns and how
//!   it draws; `web::life` when it draws and what it watches: frames,
//!   resizes, the pixel ratio, calls made while busy, destroy;
//!   `web::interact` pointer, keys and the canvas context's loss, `web::export`
//!   SVG/PNG/CSV and `validate`, `web::dom` the table and messages in the page,
//!   `web::input` specs as JavaScript hands them, `web::datasets` the page's
//!   datasets, `web::measure` canvas text widths; `renderSvg` with no
//!   document, as in Node, measures with the `Estimator`)
//! - `raster` (native, feature `cli`: `render` a spec to SVG or PNG bytes;
//!   `raster::fonts` the fontdb database and the one face of each text,
//!   `raster::measure` `FontMeasure`, text widths from those faces shaped by
//!   harfrust, `raster::tspans` the SVG usvg gets: faces named, RTL written
//!   with absolute anchors and embedded text)
//! - leaves: `scale` (nice ticks), `format` (numbers per language; `format::read`
//!   reads them back from a table's cells), `i18n` (the
//!   words the charts write), `describe` (summary, data table, CSV, tooltip
//!   lines), `theme` (light and dark, palettes; the checks of theme values;
//!   `PageStyle`, the page's `--housing-chart-*` CSS custom properties),
//!   `error`.
//!
//! ## Invariants
//! - `spec` has no logic beyond serde defaults and the two hand-written
//!   "string or object" deserializers (`LocalText`, `ThemeSpec`, one shared
//!   visitor, paths kept); every struct denies unknown fields (pinned by
//!   tests in `tests/spec_errors.rs`).
//! - `parse` is the only place that turns serde errors into messages; every
//!   `Error` names a JSON path (`data[2].value`) and, for text, line and column.
//!   The path is read back from the text at serde_json's line and column
//!   (`parse::path`), which holds because nothing in `spec` buffers: no
//!   untagged, internally tagged or flattened enums, and the "string or
//!   object" visitor streams.
//! - Nothing before `layout` knows about pixels; nothing before `draw` imports
//!   plotters; only `draw` rounds to integer pixels.
//! - A `Chart` that `model::resolve` returns is drawable: finite numbers,
//!   `low <= high`, non-empty series, parsed colours, each series' `extent`
//!   that of its points. `layout` and `draw` therefore never fail because of
//!   the data.
//! - Layout measures text through `layout::TextMeasure`: the deterministic
//!   `Estimator` natively (stable SVG snapshots), the canvas's `measureText` in
//!   the browser, and for the command line's PNG `raster::FontMeasure`, the
//!   widths of the very faces usvg draws with (`raster::Fonts::face_for`
//!   chooses one face per text for both).
//! - Only `raster` (and the binary through it) imports `resvg`, `usvg`,
//!   `fontdb`, `harfrust` or `skrifa`; they are native-only dependencies of
//!   the `cli` feature, so the wasm never contains them.
//! - Only `web` (compiled for wasm32 only) imports `wasm_bindgen`, `web_sys`,
//!   `js_sys` or `serde_wasm_bindgen`; it sizes the canvas backing store to CSS
//!   size × devicePixelRatio (plotters-canvas does not) and sets the canvas's
//!   `dir` and its context's `direction` to the chart's at every draw
//!   (`web::paint_scene`), never the page's.
//! - Text direction is the chart's language's: `Scene::rtl` (Arabic). The
//!   layout is mirrored for it in `layout` (anchors stay absolute: left edge,
//!   middle, right edge); `draw` turns each anchor into the backend's
//!   start/end for that base direction; SVG carries `direction` on its root
//!   whatever the language, so SVG pasted into a page never takes the page's.
//! - A figure never breaks from its unit: `format` joins them with a no-break
//!   space (and CLDR plural forms choose the unit word); `layout::text::wrap`
//!   breaks only at ordinary spaces and between CJK characters, never between
//!   a figure's digits and the character after them, and never inside a
//!   grapheme cluster (`TextMeasure::clusters`: the browser's
//!   `Intl.Segmenter`, natively unicode-segmentation, whose tables stay out
//!   of the wasm).
//! - Every text of a spec is cleaned as it is read (`spec::clean`): no C0/C1
//!   control, bidi embedding, override or isolate, or BOM reaches a canvas,
//!   an SVG, the DOM or a message.
//! - No global mutable state: every render is a pure function of its spec and
//!   frame, so charts on one page cannot affect each other. Three things are
//!   shared, none able to change a chart: `web::measure`'s cache of text
//!   widths, a pure function of font and text (not used while the page's
//!   fonts load, emptied when they change or start loading), the last
//!   console lines written (a warning shared by fifty charts is logged once;
//!   each chart's `warnings` still lists it), and `web::datasets`, the
//!   datasets the page gave the engine (checked when given; a chart that
//!   names one it lacks asks the page's loader, says it is loading, and
//!   draws when it is in).
//! - A table is input: `parse::from_table` turns it into figures after the
//!   spec is parsed and its `locale` known (cells are read as that language
//!   writes numbers), and `model` never learns that there was one. Its `url`
//!   is the page's loader's business (`www/loader/table.js`: fetched with
//!   the safeguards of `src`, handed over as `table.text`); the wasm and
//!   the native renderers take the text only.
//! - Where a spec's `dataset` comes from is the caller's business
//!   (`model::Datasets`): natively the built-in ones are compiled in
//!   (`model::BuiltIn`); the wasm has none (their texts in six languages
//!   weighed 9.6 KiB gzip), the build publishes them beside it
//!   (`pkg/datasets/`), and `web` hands `model` what the page fetched. A chart drawn while fonts load
//!   lays itself out again once they have (`document.fonts.ready`).
//! - `web` keeps each chart's resolved `model::Chart`: a resize only lays it
//!   out again; the spec is parsed again only by `update` or when the page's
//!   defaults (lang, colour scheme, CSS custom properties) changed.
//! - A chart's callbacks never outlive it (`web::life`): destroy cancels the
//!   pending frame, disconnects the observer and removes every listener
//!   before dropping their closures; calls made while a chart is busy are
//!   queued (`update`, `destroy`) or refused with a message (exports),
//!   never reach wasm-bindgen's borrow check. A chart paints at most once
//!   per animation frame for updates and resizes; its backing store is
//!   CSS size × devicePixelRatio, the ratio lowered so that it stays within
//!   16,777,216 pixels and 32,767 a side.
//! - One chart per container: the host element keeps the function that
//!   destroys its chart (`Symbol.for("housing-charts.chart")`), state that
//!   lives on the element, not in the module.
//! - No `unwrap`/`expect`/`panic!` outside tests: a panic in wasm kills the
//!   module every chart on the page shares. `f64::clamp` panics on an empty
//!   range: layout uses `layout::fit` instead.
//! - Only `i18n` and `format` spell out a language; every other module asks
//!   them. Text from a spec reaches the page only as canvas text, SVG text
//!   (escaped by plotters) or DOM `textContent`, never as HTML.
//! - A theme is layered: built-in (the spec's name or `base`, else light;
//!   `"auto"`, or no name on a page whose CSS `color-scheme` has `dark`
//!   (`Defaults::follow`), is the reader's `prefers-color-scheme`; light
//!   where there is no reader) < the page's CSS custom properties
//!   (`Defaults::page`) < the spec's `theme` object < the spec's `colors`. A
//!   bad value in the spec is an `Error` with its path (`theme.palette[2]`);
//!   a bad CSS property is left out with one console warning (the journalist
//!   did not write it); text below 4.5:1 on its background is a `Warning`.
//! - The chart's font families (`Scene::font_family`) reach every text: drawn
//!   (canvas `font`, SVG `font-family`, escaped by plotters) and measured
//!   (`layout` measures through `TextMeasure::width_in`). `theme::check_font`
//!   keeps `;{}<>\` and control characters out of them.
//! - `Item::Rect` with `radius` 0 draws exactly as before (`draw_rect`); a
//!   rounded one is a polygon in `draw` and `<rect rx>` in SVG, its radius
//!   never more than half its width or height.
//! - Every text item a layout emits lies inside the chart and overlaps no
//!   other (tests: examples at four widths, the corpus, property tests, and
//!   `tests/phones.rs` in six languages).
//! - No line crosses text: the last step of `layout` (`layout::clear`) cuts
//!   every line where it would enter a text's box, whichever part of the
//!   chart placed either (test: every example, six languages, four widths).
//! - A figure's value label (and its qualifier: "more than", "about", a
//!   range, "(projected)") changes form before it is left out: words, then
//!   the short form, then another place (gap ends above and below the arrow,
//!   values on their own line above horizontal bars, two lines over vertical
//!   ones, a stacked segment's under its bar); where none fits, the chart
//!   says so in its own text, not only in a warning. Text cut with "…" is
//!   named by a `Warning` that says it was shortened, with its spec path
//!   (`data[3].note`, `annotations[0].label`). Tests: `tests/phones.rs`.
//!
//! ## Why serde_json in the wasm
//! The loader hands the spec to Rust as text (`JSON.stringify` of an object,
//! or the text a journalist typed). One parser on both targets gives the same
//! messages natively and in the browser, line and column for malformed JSON,
//! and `JSON.stringify` never copies keys inherited from a polluted
//! `Object.prototype`. The exception is long series: `series[i].x` / `.y`
//! given as typed arrays are copied into wasm memory as numbers
//! (`Columns`, `prepare_columns`) and read and checked there by `model` like
//! JSON columns, so a million-point line costs no JSON at all. Points stay
//! small (what few carry besides numbers is boxed) and long series are
//! decimated per pixel column in `layout::line`, so cost follows width.

#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![cfg_attr(not(test), warn(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

pub mod describe;
pub mod draw;
pub mod error;
pub mod format;
pub mod i18n;
pub mod layout;
pub mod model;
pub mod parse;
pub mod scale;
pub mod spec;
pub mod theme;

#[cfg(all(feature = "cli", not(target_arch = "wasm32")))]
pub mod raster;
#[cfg(not(target_arch = "wasm32"))]
pub mod schema;
pub mod svg;
#[cfg(target_arch = "wasm32")]
pub mod web;

pub use error::{Error, Warning};
pub use svg::{render_svg, render_svg_width, Rendered};

use layout::{Frame, Scene, TextMeasure};
use model::Chart;

/// Parses and resolves a JSON spec: the fallible front half of the pipeline.
pub fn prepare(spec_json: &str) -> Result<(Chart, Vec<Warning>), Error> {
    prepare_with(spec_json, &Defaults::default())
}

/// What the page around a chart suggests when the spec does not say: the
/// page's language (`lang`), colour scheme (`prefers-color-scheme`) and theme
/// values (the CSS custom properties `--housing-chart-*`, read and checked by
/// `web` through `theme::PageStyle`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Defaults {
    /// Language when the spec has no `locale`.
    pub lang: Option<spec::Lang>,
    /// The reader's built-in theme (`prefers-color-scheme`): what `"auto"`
    /// becomes. None: light.
    pub theme: Option<spec::ThemeName>,
    /// The page follows the reader's colour scheme (it declares
    /// `color-scheme: light dark` or `dark`): a spec that names no theme
    /// (no `theme`, or a `theme` object without `base`) is then `"auto"`.
    /// Otherwise such a spec is light, whatever the reader prefers: a light
    /// news page does not get a dark block.
    pub follow: bool,
    /// Theme values of the page: they replace the built-in theme's, and the
    /// spec's `theme` object replaces them.
    pub page: theme::Overrides,
}

/// `prepare`, with defaults from the page for what the spec leaves out.
pub fn prepare_with(spec_json: &str, defaults: &Defaults) -> Result<(Chart, Vec<Warning>), Error> {
    prepare_columns(spec_json, defaults, &[])
}

/// A line or area series' columns handed over as numbers, not JSON (the
/// browser passes `Float64Array`s this way: no text to build or parse). They
/// fill in `series[series].x` / `.y` of the parsed spec and are checked there
/// like columns written in JSON.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Columns {
    /// Index of the series in `series`.
    pub series: usize,
    /// Its `x`, if given as numbers.
    pub x: Option<Vec<f64>>,
    /// Its `y`, if given as numbers.
    pub y: Option<Vec<f64>>,
}

/// `prepare_with`, with some series' columns given as numbers.
pub fn prepare_columns(spec_json: &str, defaults: &Defaults, columns: &[Columns]) -> Result<(Chart, Vec<Warning>), Error> {
    prepare_from(spec_json, defaults, columns, built_in_datasets())
}

/// The datasets a spec may name when the caller gives none: natively the
/// built-in ones, compiled in; in the wasm none (`web` hands over those the
/// page fetched, through `prepare_from`).
pub fn built_in_datasets() -> &'static dyn model::Datasets {
    #[cfg(not(target_arch = "wasm32"))]
    {
        &model::BuiltIn
    }
    #[cfg(target_arch = "wasm32")]
    {
        &model::NoDatasets
    }
}

/// `prepare_columns`, with the datasets a spec may name taken from `datasets`.
pub fn prepare_from(
    spec_json: &str,
    defaults: &Defaults,
    columns: &[Columns],
    datasets: &dyn model::Datasets,
) -> Result<(Chart, Vec<Warning>), Error> {
    let mut spec: spec::ChartSpec = parse::from_json(spec_json)?;
    let count = spec.series.as_ref().map_or(0, Vec::len);
    if let Some(c) = columns.iter().find(|c| c.series >= count) {
        return Err(Error::at(format!("series[{}]", c.series), "columns were given for a series the spec does not have"));
    }
    spec.locale = spec.locale.or(defaults.lang);
    // Light unless the spec says "auto" or the page follows the reader.
    let unnamed = defaults.follow.then_some(spec::ThemeName::Auto);
    let chosen = |name: Option<spec::ThemeName>| match name.or(unnamed) {
        Some(spec::ThemeName::Auto) => defaults.theme,
        other => other,
    };
    match &mut spec.theme {
        None => spec.theme = chosen(None).map(spec::ThemeSpec::Named),
        Some(spec::ThemeSpec::Custom(own)) => own.base = chosen(own.base),
        Some(spec::ThemeSpec::Named(name)) => *name = chosen(Some(*name)).unwrap_or_default(),
    }
    let origin = parse::from_table(&mut spec)?;
    model::resolve_columns(&spec, &defaults.page, columns, datasets).map_err(|e| tabled(origin.as_ref(), e))
}

/// A `model` error about figures read from a table, told by row and column.
fn tabled(origin: Option<&parse::Origin>, e: Error) -> Error {
    match origin {
        Some(o) => o.rewrite(e),
        None => e,
    }
}

/// What a caller decides whatever the spec says: the command line's
/// `--locale`, `--theme` and `--height`. (`Defaults` are the page's
/// suggestions and give way to the spec; these do not.)
/// Native only, like its one caller (`raster`): the wasm never forces.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Forced {
    /// Language of the chart, replacing the spec's `locale`.
    pub lang: Option<spec::Lang>,
    /// Built-in theme: replaces a named `theme`, or becomes the `base` of a
    /// `theme` object (its own values still apply).
    pub theme: Option<spec::ThemeName>,
    /// Height in CSS pixels, replacing the spec's `height` (checked like it).
    pub height: Option<f64>,
}

#[cfg(not(target_arch = "wasm32"))]
/// Parses and resolves a JSON spec with `forced` applied, taking the datasets
/// it names from `datasets`.
pub fn prepare_forced(spec_json: &str, forced: &Forced, datasets: &dyn model::Datasets) -> Result<(Chart, Vec<Warning>), Error> {
    let mut spec: spec::ChartSpec = parse::from_json(spec_json)?;
    spec.locale = forced.lang.or(spec.locale);
    spec.height = forced.height.or(spec.height);
    if let Some(name) = forced.theme {
        match &mut spec.theme {
            Some(spec::ThemeSpec::Custom(own)) => own.base = Some(name),
            other => *other = Some(spec::ThemeSpec::Named(name)),
        }
    }
    let origin = parse::from_table(&mut spec)?;
    model::resolve_columns(&spec, &theme::Overrides::default(), &[], datasets).map_err(|e| tabled(origin.as_ref(), e))
}

/// Lays out a resolved chart at `width` CSS pixels and `dpr`.
pub fn lay_out(
    (chart, warnings): &(Chart, Vec<Warning>),
    width: f64,
    dpr: f64,
    measure: &dyn TextMeasure,
) -> Result<(Scene, Vec<Warning>), Error> {
    let frame = Frame::new(width, chart.height, dpr)
        .ok_or_else(|| Error::at("width", format!("cannot draw a chart {width} px wide at pixel ratio {dpr}")))?;
    let (scene, mut more) = layout::layout(chart, &frame, measure);
    let mut all = warnings.clone();
    all.append(&mut more);
    Ok((scene, all))
}
