//! Colours, fonts and corner radius: the built-in light and dark themes,
//! the checks every theme value passes (from a spec's `theme` object or from
//! the page's CSS custom properties), and the reading of those properties.
//! A leaf module: any layer may use it.

use crate::error::Warning;

/// A colour with alpha, as drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rgba {
    /// Red, 0–255.
    pub r: u8,
    /// Green, 0–255.
    pub g: u8,
    /// Blue, 0–255.
    pub b: u8,
    /// Opacity, 0–1.
    pub a: f64,
}

impl Rgba {
    /// An opaque colour.
    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Rgba { r, g, b, a: 1.0 }
    }

    /// The same colour at `a` opacity.
    pub fn alpha(self, a: f64) -> Self {
        Rgba { a, ..self }
    }

    /// Relative luminance (WCAG 2), 0 (black) to 1 (white).
    pub fn luminance(self) -> f64 {
        let lin = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(self.r) + 0.7152 * lin(self.g) + 0.0722 * lin(self.b)
    }

    /// WCAG 2 contrast ratio with `other`, 1 to 21.
    pub fn contrast(self, other: Rgba) -> f64 {
        let (x, y) = (self.luminance(), other.luminance());
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    /// This colour moved a fraction `t` (0–1) of the way towards `other`.
    pub fn mix(self, other: Rgba, t: f64) -> Rgba {
        let c = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round().clamp(0.0, 255.0) as u8;
        Rgba { r: c(self.r, other.r), g: c(self.g, other.g), b: c(self.b, other.b), a: self.a }
    }

    /// "#rrggbb" (for messages).
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }

    /// Parses "#rrggbb" or "#rgb".
    pub fn parse_hex(s: &str) -> Option<Self> {
        let hex = s.strip_prefix('#')?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let n = |i: usize, len: usize| u8::from_str_radix(hex.get(i..i + len)?, 16).ok();
        match hex.len() {
            6 => Some(Rgba::rgb(n(0, 2)?, n(2, 2)?, n(4, 2)?)),
            3 => {
                let d = |i| n(i, 1).map(|v| v * 17);
                Some(Rgba::rgb(d(0)?, d(1)?, d(2)?))
            }
            _ => None,
        }
    }
}

/// The font stack every chart uses: system UI fonts, then CJK fallbacks.
/// (No quotes: the stack goes into SVG attributes and canvas `font` as is.)
pub const FONT_FAMILY: &str = "system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, \
     Noto Sans, Noto Sans CJK SC, WenQuanYi Zen Hei, PingFang SC, Microsoft YaHei, \
     Noto Sans Arabic, Noto Naskh Arabic, Geeza Pro, Tahoma, DejaVu Sans, sans-serif";

/// Largest corner radius, CSS pixels.
pub const MAX_RADIUS: f64 = 24.0;
/// Most colours in a theme's palette.
pub const MAX_PALETTE: usize = 24;
/// Longest font list, in characters.
pub const MAX_FONT_CHARS: usize = 200;
/// Least contrast of text with its background (WCAG 2 AA).
pub const MIN_TEXT_CONTRAST: f64 = 4.5;

/// The visual constants of a chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    /// Page background behind the chart.
    pub background: Rgba,
    /// Title text.
    pub title: Rgba,
    /// Subtitle, labels and values.
    pub text: Rgba,
    /// Source line, note, tick labels.
    pub muted: Rgba,
    /// Grid lines.
    pub grid: Rgba,
    /// The zero line and axis lines.
    pub axis: Rgba,
    /// Colours of bars and series, in order: Okabe–Ito hues (apart under the
    /// common colour-vision deficiencies), darkened where needed to reach
    /// 3:1 against the background.
    pub palette: Vec<Rgba>,
    /// Whether the palette is the spec's own (then a single series of bars
    /// takes one colour per bar).
    pub custom_palette: bool,
    /// Marks that are not highlighted.
    pub muted_mark: Rgba,
    /// Font families of every text (a CSS `font-family` list).
    pub font_family: String,
    /// Corner radius of bars and waffle squares, CSS pixels (0: square).
    pub radius: f64,
}

impl Default for Theme {
    fn default() -> Self {
        Theme {
            background: Rgba::rgb(255, 255, 255),
            title: Rgba::rgb(0x1a, 0x1a, 0x1a),
            text: Rgba::rgb(0x33, 0x33, 0x33),
            muted: Rgba::rgb(0x5f, 0x5f, 0x5f),
            grid: Rgba::rgb(0xe3, 0xe3, 0xe3),
            axis: Rgba::rgb(0x88, 0x88, 0x88),
            palette: vec![
                Rgba::rgb(0x00, 0x72, 0xb2),
                Rgba::rgb(0xd5, 0x5e, 0x00),
                Rgba::rgb(0x00, 0x8a, 0x63),
                Rgba::rgb(0xb4, 0x58, 0x8f),
                Rgba::rgb(0x3a, 0x86, 0xc4),
                Rgba::rgb(0x9c, 0x70, 0x00),
            ],
            custom_palette: false,
            muted_mark: Rgba::rgb(0xc4, 0xc4, 0xc4),
            font_family: FONT_FAMILY.to_owned(),
            radius: 0.0,
        }
    }
}

impl Theme {
    /// The built-in theme called `name`.
    pub fn named(name: crate::spec::ThemeName) -> Theme {
        match name {
            // `Auto` that reaches here had no reader to ask (`prepare_from`).
            crate::spec::ThemeName::Light | crate::spec::ThemeName::Auto => Theme::default(),
            crate::spec::ThemeName::Dark => Theme::dark(),
        }
    }

    /// Light text on a near-black background; the palette keeps its order
    /// with lighter tones that stay distinct and at least 3:1 on the background.
    pub fn dark() -> Theme {
        Theme {
            background: Rgba::rgb(0x16, 0x18, 0x1c),
            title: Rgba::rgb(0xf2, 0xf2, 0xf2),
            text: Rgba::rgb(0xdc, 0xdc, 0xdc),
            muted: Rgba::rgb(0xa8, 0xa8, 0xa8),
            grid: Rgba::rgb(0x33, 0x36, 0x3b),
            axis: Rgba::rgb(0x80, 0x80, 0x80),
            palette: vec![
                Rgba::rgb(0x56, 0xb4, 0xe9),
                Rgba::rgb(0xe6, 0x9f, 0x00),
                Rgba::rgb(0x3d, 0xc7, 0x9c),
                Rgba::rgb(0xe8, 0x9a, 0xc7),
                Rgba::rgb(0xf0, 0xe4, 0x42),
                Rgba::rgb(0xff, 0x8a, 0x4c),
            ],
            custom_palette: false,
            muted_mark: Rgba::rgb(0x55, 0x58, 0x5e),
            ..Theme::default()
        }
    }

    /// Replaces the values `o` gives. A text colour sets the title's too; the
    /// muted text (source, ticks) stays unless it falls below 4.5:1 on the
    /// background, when it becomes the text colour moved towards the
    /// background as far as 4.5:1 allows.
    pub fn apply(&mut self, o: &Overrides) {
        if let Some(f) = &o.font {
            f.clone_into(&mut self.font_family);
        }
        if let Some(c) = o.background {
            self.background = c;
        }
        if let Some(c) = o.text {
            self.text = c;
            self.title = c;
        }
        if let Some(p) = &o.palette {
            p.clone_into(&mut self.palette);
        }
        if let Some(r) = o.radius {
            self.radius = r;
        }
        if self.muted.contrast(self.background) < MIN_TEXT_CONTRAST {
            self.muted = self.readable_muted();
        }
    }

    /// The text colour mixed as far towards the background as keeps 4.5:1
    /// (the text colour itself when even that is below).
    fn readable_muted(&self) -> Rgba {
        let (mut ok, mut too_far) = (0.0, 1.0);
        for _ in 0..12 {
            let t = (ok + too_far) / 2.0;
            if self.text.mix(self.background, t).contrast(self.background) >= MIN_TEXT_CONTRAST {
                ok = t;
            } else {
                too_far = t;
            }
        }
        self.text.mix(self.background, ok)
    }
}

/// Theme values that replace a built-in theme's, already checked: from the
/// page's CSS custom properties (`PageStyle`) or a spec's `theme` object.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Overrides {
    /// Font families (passed `check_font`).
    pub font: Option<String>,
    /// Background.
    pub background: Option<Rgba>,
    /// Title and text.
    pub text: Option<Rgba>,
    /// Series colours (1 to `MAX_PALETTE`).
    pub palette: Option<Vec<Rgba>>,
    /// Corner radius (passed `check_radius`).
    pub radius: Option<f64>,
}

/// Checks a font list (a CSS `font-family` value): at most 200 characters,
/// none of `;{}<>\` or control characters, and every family a quoted name or
/// plain words, so that a canvas `font` accepts it (a canvas ignores a font
/// it cannot parse and keeps drawing in the last one) and SVG can carry it.
pub fn check_font(font: &str) -> Result<(), String> {
    let n = font.chars().count();
    if n > MAX_FONT_CHARS {
        return Err(format!("a font list of {n} characters is too long; the limit is {MAX_FONT_CHARS}"));
    }
    let bad = |why: &str| Err(format!("{why}; expected font families such as \"Georgia, 'Times New Roman', serif\""));
    if font.trim().is_empty() {
        return bad("the font list is empty");
    }
    if let Some(c) = font.chars().find(|c| matches!(c, ';' | '{' | '}' | '<' | '>' | '\\') || c.is_control()) {
        return bad(&format!("{c:?} is not allowed in a font list"));
    }
    // Families separated by commas: each a quoted name or plain words.
    let b = font.as_bytes();
    let mut i = 0;
    loop {
        while b.get(i) == Some(&b' ') {
            i += 1;
        }
        match b.get(i) {
            None | Some(b',') => return bad("a font name is empty (two commas in a row, or one at an end)"),
            Some(&q) if q == b'"' || q == b'\'' => match b[i + 1..].iter().position(|&c| c == q) {
                Some(n) => i += n + 2,
                None => return bad("a quote is not closed"),
            },
            Some(_) => {
                let start = i;
                while b.get(i).is_some_and(|&c| c != b',') {
                    i += 1;
                }
                let name = font[start..i].trim_end();
                // Words of letters, digits, `-` and `_` (any non-ASCII
                // character counts as a letter), none starting with a digit.
                let plain = name.bytes().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b' ') || !c.is_ascii())
                    && !name.split(' ').any(|w| w.starts_with(|c: char| c.is_ascii_digit()));
                if !plain {
                    return bad(&format!("`{name}` needs quotes to be a font name, as in \"'{name}', serif\""));
                }
                if ["inherit", "initial", "unset", "default", "revert", "revert-layer"].iter().any(|k| name.eq_ignore_ascii_case(k)) {
                    return bad(&format!("`{name}` cannot name a font here"));
                }
            }
        }
        while b.get(i) == Some(&b' ') {
            i += 1;
        }
        match b.get(i) {
            None => return Ok(()),
            Some(b',') => i += 1,
            Some(_) => return bad("separate font names with commas"),
        }
    }
}

/// Checks a corner radius in CSS pixels: a number from 0 to 24.
pub fn check_radius(r: f64) -> Result<f64, String> {
    if (0.0..=MAX_RADIUS).contains(&r) {
        Ok(r)
    } else {
        Err(format!("expected a radius from 0 to {MAX_RADIUS} pixels, found {r}"))
    }
}

/// The raw values of the page's CSS custom properties, as the browser
/// computed them on the chart's element (`None` when a property is unset).
/// Only `web` reads them from the DOM; everything else about them is here.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageStyle {
    /// `--housing-chart-font`: a font-family list.
    pub font: Option<String>,
    /// `--housing-chart-background`: a CSS colour.
    pub background: Option<String>,
    /// `--housing-chart-text`: a CSS colour.
    pub text: Option<String>,
    /// `--housing-chart-palette`: CSS colours separated by commas or spaces.
    pub palette: Option<String>,
    /// `--housing-chart-radius`: a length in px ("4px") or a number.
    pub radius: Option<String>,
}

impl PageStyle {
    /// The names of the properties, in the order of the fields.
    pub const PROPERTIES: [&'static str; 5] = [
        "--housing-chart-font",
        "--housing-chart-background",
        "--housing-chart-text",
        "--housing-chart-palette",
        "--housing-chart-radius",
    ];

    /// Checks every value. `color` turns one CSS colour into the form a
    /// canvas reads it back in ("#rrggbb" when opaque, "rgba(…)" when not),
    /// or None when the browser does not know it. A value that fails is left
    /// out, with one warning whose path is the property's name.
    pub fn overrides(&self, color: &dyn Fn(&str) -> Option<String>) -> (Overrides, Vec<Warning>) {
        let rgb = |v: &str| match color(v) {
            None => Err(format!("`{v}` is not a colour")),
            Some(c) => Rgba::parse_hex(&c).ok_or_else(|| format!("`{v}` is translucent; give an opaque colour")),
        };
        let mut o = Overrides::default();
        let mut warnings = Vec::new();
        let values = [&self.font, &self.background, &self.text, &self.palette, &self.radius];
        for (i, (property, value)) in Self::PROPERTIES.iter().zip(values).enumerate() {
            let Some(v) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) else { continue };
            let done = match i {
                0 => check_font(v).map(|()| o.font = Some(v.to_owned())),
                1 => rgb(v).map(|c| o.background = Some(c)),
                2 => rgb(v).map(|c| o.text = Some(c)),
                3 => css_palette(v, &rgb).map(|p| o.palette = Some(p)),
                _ => match v.strip_suffix("px").unwrap_or(v).trim().parse::<f64>() {
                    Ok(r) => check_radius(r).map(|r| o.radius = Some(r)),
                    Err(_) => Err(format!("expected a length in px such as 4px, found `{v}`")),
                },
            };
            if let Err(e) = done {
                warnings.push(Warning::at(*property, format!("{e}; the page's value is ignored")));
            }
        }
        (o, warnings)
    }
}

/// The colours of `--housing-chart-palette`, each through `rgb`.
fn css_palette(v: &str, rgb: &dyn Fn(&str) -> Result<Rgba, String>) -> Result<Vec<Rgba>, String> {
    let list = split_colors(v);
    if list.is_empty() {
        return Err(format!("expected colours separated by commas, found `{v}`"));
    }
    if list.len() > MAX_PALETTE {
        return Err(format!("{} colours is too many; the limit is {MAX_PALETTE}", list.len()));
    }
    let mut palette = Vec::with_capacity(list.len());
    for c in list {
        palette.push(rgb(c)?);
    }
    Ok(palette)
}

/// Splits a list of CSS colours at commas and spaces outside parentheses
/// ("#a00, rgb(0 170 0) blue" → three colours).
fn split_colors(list: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0u32, 0);
    for (i, b) in list.bytes().enumerate() {
        match b {
            b'(' => depth += 1,
            b')' => depth = depth.saturating_sub(1),
            b',' | b' ' | b'\t' | b'\n' | b'\r' if depth == 0 => {
                out.push(&list[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&list[start..]);
    out.retain(|s| !s.is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contrast(a: Rgba, b: Rgba) -> f64 {
        a.contrast(b)
    }

    #[test]
    fn text_meets_wcag_aa_and_marks_3_to_1_in_both_themes() {
        for t in [Theme::default(), Theme::dark()] {
            for ink in [t.title, t.text, t.muted] {
                assert!(contrast(ink, t.background) >= 4.5, "{ink:?} on {:?}", t.background);
            }
            for mark in &t.palette {
                assert!(contrast(*mark, t.background) >= 2.9, "{mark:?} on {:?}", t.background);
            }
        }
    }

    /// sRGB (0–255) → linear → simulated colour-vision deficiency (Machado
    /// et al. 2009, severity 1) → CIE L*a*b*.
    fn lab_under(c: Rgba, m: &[[f64; 3]; 3]) -> [f64; 3] {
        let lin = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.04045 { v / 12.92 } else { ((v + 0.055) / 1.055).powf(2.4) }
        };
        let rgb = [lin(c.r), lin(c.g), lin(c.b)];
        let sim: Vec<f64> = (0..3).map(|i| (m[i][0] * rgb[0] + m[i][1] * rgb[1] + m[i][2] * rgb[2]).clamp(0.0, 1.0)).collect();
        let x = (0.4124 * sim[0] + 0.3576 * sim[1] + 0.1805 * sim[2]) / 0.95047;
        let y = 0.2126 * sim[0] + 0.7152 * sim[1] + 0.0722 * sim[2];
        let z = (0.0193 * sim[0] + 0.1192 * sim[1] + 0.9505 * sim[2]) / 1.08883;
        let f = |t: f64| if t > 0.008856 { t.cbrt() } else { 7.787 * t + 16.0 / 116.0 };
        [116.0 * f(y) - 16.0, 500.0 * (f(x) - f(y)), 200.0 * (f(y) - f(z))]
    }

    #[test]
    fn palettes_stay_apart_under_colour_vision_deficiencies() {
        const NORMAL: [[f64; 3]; 3] = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]];
        const PROTAN: [[f64; 3]; 3] = [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]];
        const DEUTAN: [[f64; 3]; 3] = [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]];
        const TRITAN: [[f64; 3]; 3] = [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]];
        for theme in [Theme::default(), Theme::dark()] {
            // The first four colours carry most charts: they must stay apart.
            let colours = &theme.palette[..4];
            for (name, m) in [("normal", NORMAL), ("protan", PROTAN), ("deutan", DEUTAN), ("tritan", TRITAN)] {
                for i in 0..colours.len() {
                    for j in i + 1..colours.len() {
                        let (a, b) = (lab_under(colours[i], &m), lab_under(colours[j], &m));
                        let de = ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)).sqrt();
                        assert!(de >= 10.0, "{name}: colours {i} and {j} are only ΔE {de:.1} apart");
                    }
                }
            }
        }
    }

    #[test]
    fn hex_colours() {
        assert_eq!(Rgba::parse_hex("#0072b2"), Some(Rgba::rgb(0, 0x72, 0xb2)));
        assert_eq!(Rgba::parse_hex("#fff"), Some(Rgba::rgb(255, 255, 255)));
        assert_eq!(Rgba::parse_hex("red"), None);
        assert_eq!(Rgba::parse_hex("#12345"), None);
        assert_eq!(Rgba::parse_hex("#ééé"), None);
    }
}
