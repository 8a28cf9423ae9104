//! Theming (issue 5): the `theme` field as a name or an object, the page's
//! CSS custom properties, their precedence, contrast, radius and font.
#![cfg(not(target_arch = "wasm32"))]

use housing_charts::layout::{Estimator, Item, Scene};
use housing_charts::model::Chart;
use housing_charts::theme::{Overrides, PageStyle, Rgba, Theme, FONT_FAMILY};
use housing_charts::{lay_out, prepare, prepare_with, render_svg, Defaults, Warning};

fn msg(spec: &str) -> String {
    match prepare(spec) {
        Ok(_) => panic!("expected an error for {spec}"),
        Err(e) => e.to_string(),
    }
}

/// A two-bar chart with `theme` (JSON) as its theme and `extra` fields.
fn bar_with(theme: &str, extra: &str) -> String {
    format!(r#"{{"type": "bar", "theme": {theme}, {extra} "data": [{{"label": "a", "value": 1}}, {{"label": "b", "value": 2}}]}}"#)
}

fn bar(theme: &str) -> String {
    bar_with(theme, "")
}

fn chart(spec: &str) -> (Chart, Vec<Warning>) {
    prepare(spec).unwrap_or_else(|e| panic!("{spec}: {e}"))
}

fn hex(s: &str) -> Rgba {
    Rgba::parse_hex(s).unwrap()
}

#[test]
fn a_name_still_selects_a_built_in_theme() {
    assert_eq!(chart(&bar(r#""dark""#)).0.theme, Theme::dark());
    assert_eq!(chart(&bar(r#""light""#)).0.theme, Theme::default());
    let spec = r#"{"type": "bar", "data": [{"label": "a", "value": 1}]}"#;
    assert_eq!(chart(spec).0.theme, Theme::default());
}

#[test]
fn an_object_sets_every_theme_value() {
    let spec = bar(r##"{"base": "dark", "font": "Georgia, 'Times New Roman', serif", "background": "#101820",
        "text": "#fafafa", "palette": ["#ff8800", "#00ccff"], "radius": 4}"##);
    let (c, warnings) = chart(&spec);
    assert!(warnings.is_empty(), "{warnings:?}");
    let t = &c.theme;
    assert_eq!(t.font_family, "Georgia, 'Times New Roman', serif");
    assert_eq!(t.background, hex("#101820"));
    assert_eq!((t.text, t.title), (hex("#fafafa"), hex("#fafafa")));
    assert_eq!(t.palette, vec![hex("#ff8800"), hex("#00ccff")]);
    assert_eq!(t.radius, 4.0);
    // The rest comes from the base, and a theme palette is a series palette:
    // one colour for a single series, not one per bar (that is `colors`).
    assert_eq!(t.grid, Theme::dark().grid);
    assert!(!t.custom_palette);
    assert_eq!(c.series[0].color, hex("#ff8800"));
    // Every field is optional.
    assert_eq!(chart(&bar("{}")).0.theme, Theme::default());
    assert_eq!(chart(&bar(r#"{"base": "dark"}"#)).0.theme, Theme::dark());
}

#[test]
fn each_bad_theme_value_names_its_path() {
    let cases = [
        (r#""darkk""#, r#"theme: unknown value "darkk"; did you mean "dark"?"#),
        ("5", r#"theme: expected "light", "dark", "auto" or an object such as {"base": "light", "font": "Georgia, serif"}, found 5"#),
        ("[]", r#"theme: expected "light", "dark", "auto" or an object such as {"base": "light", "font": "Georgia, serif"}, found a list"#),
        (r#"{"fnot": "Georgia"}"#, "theme.fnot: unknown field `fnot`; did you mean `font`?"),
        (r#"{"pallete": []}"#, "theme.pallete: unknown field `pallete`; did you mean `palette`?"),
        (r#"{"base": "dim"}"#, r#"theme.base: unknown value "dim"; expected one of "light", "dark", "auto""#),
        (r##"{"palette": ["#000", "#111", "blue"]}"##, r##"theme.palette[2]: expected a colour as "#rrggbb", found "blue""##),
        (r#"{"palette": []}"#, "theme.palette: give at least one colour, or leave `palette` out"),
        (r##"{"palette": "#000"}"##, r##"theme.palette: expected a list (JSON array), found "#000""##),
        (r#"{"background": "white"}"#, r##"theme.background: expected a colour as "#rrggbb", found "white""##),
        (r##"{"text": "#12345"}"##, r##"theme.text: expected a colour as "#rrggbb", found "#12345""##),
        (r#"{"text": 5}"#, "theme.text: expected a string, found 5"),
        (r#"{"radius": "4px"}"#, r#"theme.radius: expected a number, found "4px""#),
        (r#"{"radius": 30}"#, "theme.radius: expected a radius from 0 to 24 pixels, found 30"),
        (r#"{"radius": -1}"#, "theme.radius: expected a radius from 0 to 24 pixels, found -1"),
        (r#"{"font": " "}"#, r#"theme.font: the font list is empty; expected font families such as "Georgia, 'Times New Roman', serif""#),
        (r#"{"font": "Georgia; color: red"}"#, r#"theme.font: ';' is not allowed in a font list; expected font families such as "Georgia, 'Times New Roman', serif""#),
        (r#"{"font": "<b>Georgia</b>"}"#, r#"theme.font: '<' is not allowed in a font list; expected font families such as "Georgia, 'Times New Roman', serif""#),
        (r#"{"font": "Georgia,, serif"}"#, r#"theme.font: a font name is empty (two commas in a row, or one at an end); expected font families such as "Georgia, 'Times New Roman', serif""#),
        (r#"{"font": "'Times"}"#, r#"theme.font: a quote is not closed; expected font families such as "Georgia, 'Times New Roman', serif""#),
        (r#"{"font": "'Times' 'New'"}"#, r#"theme.font: separate font names with commas; expected font families such as "Georgia, 'Times New Roman', serif""#),
        (r#"{"font": "3D Sans, serif"}"#, r#"theme.font: `3D Sans` needs quotes to be a font name, as in "'3D Sans', serif"; expected font families such as "Georgia, 'Times New Roman', serif""#),
        (r#"{"font": "inherit"}"#, r#"theme.font: `inherit` cannot name a font here; expected font families such as "Georgia, 'Times New Roman', serif""#),
        (r#"{"font": "Georgia", "font": "serif"}"#, "theme.font: this field is written twice; JSON keeps one of them, so remove the other"),
    ];
    for (theme, expected) in cases {
        assert_eq!(msg(&bar(theme)), expected, "theme {theme}");
    }
    let long = format!(r#"{{"font": "{}"}}"#, "a".repeat(201));
    assert_eq!(msg(&bar(&long)), "theme.font: a font list of 201 characters is too long; the limit is 200");
    let many = format!(r#"{{"palette": [{}]}}"#, vec![r##""#000""##; 25].join(", "));
    assert_eq!(msg(&bar(&many)), "theme.palette: 25 colours is too many; the limit is 24");
    // The error keeps its line and column.
    let e = prepare("{\"type\": \"bar\",\n \"theme\": {\"radius\": \"4px\"},\n \"data\": []}").unwrap_err();
    assert_eq!((e.path.as_str(), e.line), ("theme.radius", Some(2)));
}

#[test]
fn good_fonts_pass() {
    for font in ["Georgia, serif", "'Noto Serif CJK SC', \"Source Han Serif\", serif", "微软雅黑, sans-serif", "-apple-system, system-ui", "\"Font Awesome 6 Free\", _x", "'a, b' , c"] {
        let (c, _) = chart(&bar(&format!("{{\"font\": {}}}", serde_json::to_string(font).unwrap())));
        assert_eq!(c.theme.font_family, font);
    }
}

#[test]
fn colors_win_over_the_theme_palette_and_the_page() {
    let spec = bar_with(r##"{"palette": ["#111111", "#222222"]}"##, r##""colors": ["#aa0000", "#00aa00"],"##);
    let page = Overrides { palette: Some(vec![hex("#0000aa")]), ..Overrides::default() };
    let (c, _) = prepare_with(&spec, &Defaults { page, ..Defaults::default() }).unwrap();
    assert_eq!(c.theme.palette, vec![hex("#aa0000"), hex("#00aa00")]);
    assert!(c.theme.custom_palette, "`colors` still gives single-series bars one colour each");
    assert_eq!(c.series[0].color, hex("#aa0000"));
}

#[test]
fn built_in_then_page_then_spec_object() {
    let page = Overrides {
        font: Some("Georgia, serif".into()),
        background: Some(hex("#fffaf0")),
        text: Some(hex("#202020")),
        palette: Some(vec![hex("#aa0000"), hex("#00aa00")]),
        radius: Some(3.0),
    };
    // A reader who prefers dark, on a page that follows the reader's colour scheme.
    let dark_page = Defaults { lang: None, theme: Some(housing_charts::spec::ThemeName::Dark), follow: true, page: page.clone() };
    let light_page = Defaults { theme: None, ..dark_page.clone() };

    // No theme in the spec: the page's preference, then the page's values.
    let plain = r#"{"type": "bar", "data": [{"label": "a", "value": 1}]}"#;
    let (c, _) = prepare_with(plain, &light_page).unwrap();
    assert_eq!((c.theme.background, c.theme.radius, c.theme.font_family.as_str()), (hex("#fffaf0"), 3.0, "Georgia, serif"));
    assert_eq!(c.theme.grid, Theme::default().grid);
    assert_eq!(c.series[0].color, hex("#aa0000"));

    // A named theme replaces the page's preference; the page's values still apply over it.
    let (c, _) = prepare_with(&bar(r#""light""#), &dark_page).unwrap();
    assert_eq!(c.theme.grid, Theme::default().grid);
    assert_eq!(c.theme.palette, vec![hex("#aa0000"), hex("#00aa00")]);

    // An object without `base` keeps the page's preference; its own fields win over the page's.
    let (c, warnings) = prepare_with(&bar(r##"{"palette": ["#123456"], "radius": 0, "background": "#000000", "text": "#eeeeee"}"##), &dark_page).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(c.theme.grid, Theme::dark().grid, "base: the page's preference (dark)");
    assert_eq!(c.theme.palette, vec![hex("#123456")]);
    assert_eq!(c.theme.radius, 0.0);
    assert_eq!((c.theme.background, c.theme.text), (hex("#000000"), hex("#eeeeee")));
    assert_eq!(c.theme.font_family, "Georgia, serif", "fields the object leaves out come from the page");

    // `base` wins over the page's preference.
    let (c, _) = prepare_with(&bar(r#"{"base": "light"}"#), &dark_page).unwrap();
    assert_eq!(c.theme.grid, Theme::default().grid);

    // Without page values, nothing changes.
    let (c, _) = prepare_with(plain, &Defaults::default()).unwrap();
    assert_eq!(c.theme, Theme::default());
}

#[test]
fn light_unless_the_spec_or_the_page_follows_the_reader() {
    use housing_charts::spec::ThemeName::Dark;
    let plain = r#"{"type": "bar", "data": [{"label": "a", "value": 1}]}"#;
    let reader_dark = Defaults { theme: Some(Dark), ..Defaults::default() };
    let grid = |spec: &str, d: &Defaults| prepare_with(spec, d).unwrap().0.theme.grid;
    // A reader who prefers dark, on a page that does not follow them: light.
    assert_eq!(grid(plain, &reader_dark), Theme::default().grid);
    assert_eq!(grid(&bar(r##"{"palette": ["#123456"]}"##), &reader_dark), Theme::default().grid);
    // The spec opts in: "auto" (named, or as an object's base) follows the reader.
    assert_eq!(grid(&bar(r#""auto""#), &reader_dark), Theme::dark().grid);
    assert_eq!(grid(&bar(r#"{"base": "auto"}"#), &reader_dark), Theme::dark().grid);
    assert_eq!(grid(&bar(r#""auto""#), &Defaults::default()), Theme::default().grid, "auto with no reader: light");
    // The page opts in (color-scheme: light dark): a spec without a theme follows the reader.
    let follows = Defaults { follow: true, ..reader_dark.clone() };
    assert_eq!(grid(plain, &follows), Theme::dark().grid);
    // Explicit themes win either way.
    assert_eq!(grid(&bar(r#""light""#), &follows), Theme::default().grid);
    assert_eq!(grid(&bar(r#""dark""#), &Defaults::default()), Theme::dark().grid);
    // A misspelt name lists the three.
    let e = prepare_with(&bar(r#""automatic""#), &Defaults::default()).unwrap_err();
    assert!(e.to_string().contains("auto"), "{e}");
}

#[test]
fn low_contrast_text_is_a_warning_with_its_path() {
    let (c, w) = chart(&bar(r##"{"text": "#999999"}"##));
    assert_eq!(c.theme.text, hex("#999999"));
    assert_eq!(
        w,
        vec![Warning::at(
            "theme.text",
            "text colour #999999 on background #ffffff has a contrast of 2.84:1; text needs at least 4.5:1 to be readable"
        )]
    );
    let (_, w) = chart(&bar(r##"{"background": "#444444"}"##));
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].path, "theme.background");
    // From the page's CSS: no JSON path, the message says whose it is.
    let page = Overrides { text: Some(hex("#bbbbbb")), ..Overrides::default() };
    let (_, w) = prepare_with(&bar("{}"), &Defaults { page, ..Defaults::default() }).unwrap();
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].path, "");
    assert!(w[0].message.starts_with("the page's text colour #bbbbbb on background #ffffff"), "{}", w[0]);
    // Enough contrast: no warning.
    assert!(chart(&bar(r##"{"text": "#222222", "background": "#fffdf8"}"##)).1.is_empty());
}

#[test]
fn muted_text_stays_readable_on_a_new_background() {
    // The light theme's muted grey is 3.98:1 on #cccccc: it is derived again
    // from the text colour, as light as 4.5:1 allows.
    let (c, w) = chart(&bar(r##"{"background": "#cccccc"}"##));
    assert!(w.is_empty(), "{w:?}");
    let t = &c.theme;
    assert!(Theme::default().muted.contrast(t.background) < 4.5);
    let ratio = t.muted.contrast(t.background);
    assert!((4.5..4.9).contains(&ratio), "muted {:?} at {ratio}", t.muted);
    assert!(t.muted.luminance() > t.text.luminance(), "muted is lighter than the text");
    // A muted colour that still reads is kept.
    assert_eq!(chart(&bar(r##"{"background": "#fffdf8"}"##)).0.theme.muted, Theme::default().muted);
    // Dark: muted on a lighter dark background.
    let (c, _) = chart(&bar(r##"{"base": "dark", "background": "#50545a"}"##));
    assert!(c.theme.muted.contrast(c.theme.background) >= 4.5);
}

fn rects(scene: &Scene) -> Vec<(f64, f64, f64, f64, f64)> {
    scene
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Rect { x, y, w, h, radius, .. } => Some((*x, *y, *w, *h, *radius)),
            _ => None,
        })
        .collect()
}

#[test]
fn the_radius_never_exceeds_half_a_bar() {
    let specs = [
        // Horizontal bars 22 px thick: the radius is cut to 11.
        r#"{"type": "bar", "orientation": "horizontal", "theme": {"radius": 24}, "data": [{"label": "a", "value": 1}, {"label": "b", "value": 1000}]}"#.to_owned(),
        r#"{"type": "bar", "orientation": "vertical", "theme": {"radius": 24}, "data": [{"label": "a", "value": 1}, {"label": "b", "value": 1000}]}"#.to_owned(),
        r#"{"type": "bar", "stacked": true, "theme": {"radius": 24}, "series": [{"name": "x", "data": [{"label": "a", "value": 1}, {"label": "b", "value": 5}]}, {"name": "y", "data": [{"label": "a", "value": 3}, {"label": "b", "value": 0.01}]}]}"#.to_owned(),
        r#"{"type": "bar", "theme": {"radius": 24}, "data": [{"label": "a", "value": 51, "qualifier": "projection"}, {"label": "b", "low": 3, "high": 9}]}"#.to_owned(),
        r#"{"type": "waffle", "theme": {"radius": 24}, "total": 100, "data": [{"label": "a", "value": 30}]}"#.to_owned(),
    ];
    for spec in &specs {
        let c = chart(spec);
        for (width, dpr) in [(280.0, 1.0), (640.0, 2.0)] {
            let (scene, _) = lay_out(&c, width, dpr, &Estimator).unwrap();
            let rounded: Vec<_> = rects(&scene).into_iter().filter(|r| r.4 > 0.0).collect();
            assert!(!rounded.is_empty(), "{spec}: no rounded marks");
            for (x, y, w, h, r) in rounded {
                assert!(r <= w / 2.0 + 1e-9 && r <= h / 2.0 + 1e-9 && r <= 24.0 * dpr, "{spec}: radius {r} on {w}×{h} at ({x}, {y})");
            }
            // The background, legend swatches and bands stay square.
            assert_eq!(rects(&scene)[0].4, 0.0);
        }
    }
    // Radius 0 (the default): every rectangle square.
    let (scene, _) = lay_out(&chart(&bar("{}")), 640.0, 1.0, &Estimator).unwrap();
    assert!(rects(&scene).iter().all(|r| r.4 == 0.0));
}

#[test]
fn rounded_bars_are_rect_rx_in_svg_and_square_ones_are_unchanged() {
    let svg = render_svg(&bar(r#"{"radius": 4}"#)).unwrap().svg;
    let rx: Vec<&str> = svg.lines().filter(|l| l.contains(" rx=")).collect();
    assert_eq!(rx.len(), 2, "{svg}");
    assert!(rx.iter().all(|l| l.starts_with("<rect ") && l.ends_with(r#" rx="4"/>"#)), "{rx:?}");
    let plain = render_svg(&bar("{}")).unwrap().svg;
    assert!(!plain.contains(" rx="));
    // Otherwise the same document.
    assert_eq!(svg.replace(r#" rx="4""#, ""), plain);
}

#[test]
fn the_font_reaches_every_svg_text() {
    let r = render_svg(&bar(r#"{"font": "Georgia, 'Times New Roman', serif"}"#)).unwrap();
    let texts: Vec<&str> = r.svg.lines().filter(|l| l.starts_with("<text ")).collect();
    assert!(texts.len() >= 4, "{}", r.svg);
    for t in texts {
        assert!(t.contains(r#"font-family="Georgia, &apos;Times New Roman&apos;, serif""#), "{t}");
    }
    // The default stays the built-in stack.
    let r = render_svg(&bar("{}")).unwrap();
    assert!(r.svg.contains(&format!(r#"font-family="{FONT_FAMILY}""#)));
    let (scene, _) = lay_out(&chart(&bar(r#"{"font": "Georgia, serif"}"#)), 640.0, 1.0, &Estimator).unwrap();
    assert_eq!(scene.font_family, "Georgia, serif");
}

/// What a canvas reads back for a few CSS colours (the browser does this in `web`).
fn canvas_color(v: &str) -> Option<String> {
    match v {
        "blue" => Some("#0000ff".into()),
        "rgb(255, 250, 240)" | "rgb(255 250 240)" => Some("#fffaf0".into()),
        "rgba(0, 0, 0, 0.5)" | "transparent" => Some("rgba(0, 0, 0, 0.5)".into()),
        v if Rgba::parse_hex(v).is_some() => Some(Rgba::parse_hex(v)?.hex()),
        _ => None,
    }
}

fn page(style: PageStyle) -> (Overrides, Vec<Warning>) {
    style.overrides(&canvas_color)
}

fn some(s: &str) -> Option<String> {
    Some(s.to_owned())
}

#[test]
fn css_custom_properties_are_read_and_checked() {
    let (o, w) = page(PageStyle {
        font: some(r#" "Source Serif 4", Georgia, serif "#),
        background: some("rgb(255, 250, 240)"),
        text: some("#222"),
        palette: some("#aa0000, #00aa00"),
        radius: some("4px"),
    });
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(o.font.as_deref(), Some(r#""Source Serif 4", Georgia, serif"#));
    assert_eq!(o.background, Some(hex("#fffaf0")));
    assert_eq!(o.text, Some(hex("#222222")));
    assert_eq!(o.palette, Some(vec![hex("#aa0000"), hex("#00aa00")]));
    assert_eq!(o.radius, Some(4.0));

    // Spaces separate colours too, but not inside rgb(…); a bare number is px.
    let (o, w) = page(PageStyle { palette: some("rgb(255 250 240) blue,#00aa00"), radius: some(" 2.5 "), ..PageStyle::default() });
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(o.palette, Some(vec![hex("#fffaf0"), hex("#0000ff"), hex("#00aa00")]));
    assert_eq!(o.radius, Some(2.5));

    // Unset or empty: nothing, and no warning.
    assert_eq!(page(PageStyle { text: some("  "), ..PageStyle::default() }), (Overrides::default(), vec![]));
}

#[test]
fn bad_css_custom_properties_are_left_out_with_one_warning_each() {
    let (o, w) = page(PageStyle {
        font: some("Georgia; x"),
        background: some("nonsense"),
        text: some("transparent"),
        palette: some("#aa0000, bogus"),
        radius: some("1em"),
    });
    assert_eq!(o, Overrides::default());
    let got: Vec<String> = w.iter().map(ToString::to_string).collect();
    assert_eq!(
        got,
        [
            r#"--housing-chart-font: ';' is not allowed in a font list; expected font families such as "Georgia, 'Times New Roman', serif"; the page's value is ignored"#,
            "--housing-chart-background: `nonsense` is not a colour; the page's value is ignored",
            "--housing-chart-text: `transparent` is translucent; give an opaque colour; the page's value is ignored",
            "--housing-chart-palette: `bogus` is not a colour; the page's value is ignored",
            "--housing-chart-radius: expected a length in px such as 4px, found `1em`; the page's value is ignored",
        ]
    );
    let (o, w) = page(PageStyle { radius: some("30px"), palette: some(&vec!["#000"; 25].join(",")), ..PageStyle::default() });
    assert_eq!(o, Overrides::default());
    assert_eq!(w[0].to_string(), "--housing-chart-palette: 25 colours is too many; the limit is 24; the page's value is ignored");
    assert_eq!(w[1].to_string(), "--housing-chart-radius: expected a radius from 0 to 24 pixels, found 30; the page's value is ignored");
    // A good value beside a bad one still applies.
    let (o, w) = page(PageStyle { radius: some("x"), background: some("blue"), ..PageStyle::default() });
    assert_eq!((o.background, w.len()), (Some(hex("#0000ff")), 1));
}

#[test]
fn an_empty_css_palette_is_left_out() {
    let (o, w) = page(PageStyle { palette: some(", ,"), ..PageStyle::default() });
    assert_eq!(o.palette, None);
    assert_eq!(w[0].to_string(), "--housing-chart-palette: expected colours separated by commas, found `, ,`; the page's value is ignored");
}

/// Records what `draw` asks of a backend (canvas stands in for it natively).
#[derive(Default)]
struct Recorder {
    rects: Vec<((i32, i32), (i32, i32))>,
    polygons: Vec<Vec<(i32, i32)>>,
}

impl plotters_backend::DrawingBackend for Recorder {
    type ErrorType = std::fmt::Error;
    fn get_size(&self) -> (u32, u32) {
        (2000, 2000)
    }
    fn ensure_prepared(&mut self) -> Result<(), plotters_backend::DrawingErrorKind<Self::ErrorType>> {
        Ok(())
    }
    fn present(&mut self) -> Result<(), plotters_backend::DrawingErrorKind<Self::ErrorType>> {
        Ok(())
    }
    fn draw_pixel(&mut self, _: (i32, i32), _: plotters_backend::BackendColor) -> Result<(), plotters_backend::DrawingErrorKind<Self::ErrorType>> {
        Ok(())
    }
    fn draw_rect<S: plotters_backend::BackendStyle>(&mut self, a: (i32, i32), b: (i32, i32), _: &S, _: bool) -> Result<(), plotters_backend::DrawingErrorKind<Self::ErrorType>> {
        self.rects.push((a, b));
        Ok(())
    }
    fn fill_polygon<S: plotters_backend::BackendStyle, I: IntoIterator<Item = (i32, i32)>>(&mut self, vert: I, _: &S) -> Result<(), plotters_backend::DrawingErrorKind<Self::ErrorType>> {
        self.polygons.push(vert.into_iter().collect());
        Ok(())
    }
}

#[test]
fn rounded_rectangles_reach_the_canvas_as_polygons_within_their_box() {
    let c = chart(r#"{"type": "bar", "orientation": "vertical", "theme": {"radius": 6}, "data": [{"label": "a", "value": 1}, {"label": "b", "value": 2}]}"#);
    let (scene, _) = lay_out(&c, 640.0, 2.0, &Estimator).unwrap();
    let bars: Vec<_> = rects(&scene).into_iter().filter(|r| r.4 > 0.0).collect();
    assert_eq!(bars.len(), 2);
    assert!(bars.iter().all(|b| b.4 == 12.0), "6 CSS px at DPR 2: {bars:?}");
    let mut rec = Recorder::default();
    housing_charts::draw::draw(&scene, &mut rec, 1.0).unwrap();
    assert_eq!(rec.rects.len(), 1, "only the background stays a rectangle");
    // (plotters' default `draw_line` fills thick lines as 4-point polygons.)
    let rounded: Vec<_> = rec.polygons.iter().filter(|p| p.len() > 4).collect();
    assert_eq!(rounded.len(), 2, "{:?}", rec.polygons);
    for (poly, (x, y, w, h, _)) in rounded.into_iter().zip(&bars) {
        assert!(poly.len() >= 16, "arc points at each corner: {poly:?}");
        let (x0, y0, x1, y1) = (x.round() as i32, y.round() as i32, (x + w).round() as i32, (y + h).round() as i32);
        assert!(poly.iter().all(|&(px, py)| (x0..=x1).contains(&px) && (y0..=y1).contains(&py)), "{poly:?} outside {x0},{y0}–{x1},{y1}");
        // The corners are cut: the box's corner is not a vertex, the edges' middles are reached.
        assert!(!poly.contains(&(x0, y0)) && !poly.contains(&(x1, y1)));
        assert!(poly.iter().any(|p| p.1 == y0) && poly.iter().any(|p| p.0 == x1));
    }
    // Square (radius 0): draw_rect as before.
    let (scene, _) = lay_out(&chart(&bar("{}")), 640.0, 2.0, &Estimator).unwrap();
    let mut rec = Recorder::default();
    housing_charts::draw::draw(&scene, &mut rec, 1.0).unwrap();
    assert!(rec.polygons.iter().all(|p| p.len() == 4));
    assert_eq!(rec.rects.len(), 3);
}
