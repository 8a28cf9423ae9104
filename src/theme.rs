//! Colours, font sizes and spacing. A leaf module: any layer may use it.

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
        }
    }
}

impl Theme {
    /// The built-in theme called `name`.
    pub fn named(name: crate::spec::ThemeName) -> Theme {
        match name {
            crate::spec::ThemeName::Light => Theme::default(),
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
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contrast(a: Rgba, b: Rgba) -> f64 {
        let (x, y) = (a.luminance(), b.luminance());
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
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
