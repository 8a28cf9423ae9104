//! Text measurement behind a trait, and line wrapping.
//!
//! Natively, `Estimator` gives deterministic widths (so SVG snapshots do not
//! depend on the fonts of the machine); in the browser, `web` measures with
//! the canvas's own `measureText`, so labels fit the font the reader sees.

/// Measures the advance width of a line of text, in CSS pixels.
pub trait TextMeasure {
    /// Width of `text` set at `size` px, bold or not, in the chart's font stack.
    fn width(&self, text: &str, size: f64, bold: bool) -> f64;

    /// Width in the font families `family` (a CSS `font-family` list).
    /// `layout` measures through this, with the chart's families; a measure
    /// that cannot tell fonts apart (the `Estimator`) ignores `family`.
    fn width_in(&self, family: &str, text: &str, size: f64, bold: bool) -> f64 {
        let _ = family;
        self.width(text, size, bold)
    }

    /// Where each grapheme cluster of `text` starts (byte offsets, the
    /// first 0): text is broken and cut only there, never inside
    /// "👨‍👩‍👧" or between a letter and its accent. The default is every
    /// `char`; the browser's measure asks `Intl.Segmenter` (no tables in the
    /// wasm) and the native `Estimator` unicode-segmentation.
    fn clusters(&self, text: &str) -> Vec<usize> {
        text.char_indices().map(|(i, _)| i).collect()
    }
}

/// A deterministic width estimate from the advance widths of DejaVu Sans
/// (the widest of the common sans-serif fonts, and the default on Linux), so
/// that text laid out with it fits in any of the fonts of the stack.
/// Wide characters (CJK, fullwidth forms) are one em; emoji 1.2 em.
#[derive(Debug, Clone, Copy, Default)]
pub struct Estimator;

/// DejaVu Sans advance widths, in 1/2048 em, for ' ' (0x20) to '~' (0x7E).
const ASCII_ADVANCE: [u16; 95] = [
    651, 821, 942, 1716, 1303, 1946, 1597, 563, 799, 799, 1024, 1716, 651, 739, 651, 690, // space … /
    1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, // 0 … 9
    690, 690, 1716, 1716, 1716, 1087, 2048, // : ; < = > ? @
    1401, 1405, 1430, 1577, 1294, 1178, 1587, 1540, 604, 604, 1343, 1141, 1767, // A … M
    1532, 1612, 1235, 1612, 1423, 1300, 1251, 1499, 1401, 2025, 1403, 1251, 1403, // N … Z
    799, 690, 799, 1716, 1024, 1024, // [ \ ] ^ _ `
    1255, 1300, 1126, 1300, 1260, 721, 1300, 1298, 569, 569, 1186, 569, 1995, // a … m
    1298, 1253, 1300, 1300, 842, 1067, 803, 1298, 1212, 1675, 1212, 1212, 1075, // n … z
    1303, 690, 1303, 1716, // { | } ~
];

impl Estimator {
    /// Advance of `c` in ems.
    fn advance(c: char) -> f64 {
        let code = c as u32;
        if (0x20..0x7F).contains(&code) {
            return f64::from(ASCII_ADVANCE[(code - 0x20) as usize]) / 2048.0;
        }
        match c {
            // No-break spaces (between a number and its unit) are spaces.
            '\u{a0}' => f64::from(ASCII_ADVANCE[0]) / 2048.0,
            '\u{202f}' => 0.2,
            '–' => 0.5,
            '—' | '…' => 1.0,
            '−' | '×' | '≈' => 0.84,
            '·' | '•' => 0.4,
            c if is_emoji(c) => 1.2,
            c if is_wide(c) => 1.0,
            c if c.is_control() || is_zero_width(c) => 0.0,
            _ => 0.7,
        }
    }
}

impl TextMeasure for Estimator {
    fn width(&self, text: &str, size: f64, bold: bool) -> f64 {
        // A character joined to the one before by U+200D (an emoji ZWJ
        // sequence such as "👨‍👩‍👧") is drawn as one glyph with it.
        let mut joined = false;
        let w: f64 = text
            .chars()
            .map(|c| {
                let w = if joined { 0.0 } else { Estimator::advance(c) };
                joined = c == '\u{200d}';
                w
            })
            .sum::<f64>()
            * size;
        if bold {
            w * 1.1
        } else {
            w
        }
    }

    // Natively only: its tables cost 16 KiB of gzipped wasm, and the
    // browser's measure has Intl.Segmenter.
    #[cfg(not(target_arch = "wasm32"))]
    fn clusters(&self, text: &str) -> Vec<usize> {
        use unicode_segmentation::UnicodeSegmentation;
        text.grapheme_indices(true).map(|(i, _)| i).collect()
    }
}

fn is_emoji(c: char) -> bool {
    matches!(c as u32, 0x1F300..=0x1FAFF | 0x2600..=0x27BF)
}

/// Characters set one em wide (CJK, fullwidth forms, emoji).
pub fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF |
        0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF |
        0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x1F300..=0x1FAFF |
        0x20000..=0x3FFFD)
}

fn is_zero_width(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064 | 0xFE00..=0xFE0F | 0xFEFF)
}

/// Characters after which a line may break without a space (CJK text).
fn breaks_anywhere(c: char) -> bool {
    is_wide(c) && !no_break_before(c) && !no_break_after(c)
}

/// Punctuation that must not start a line (it stays with what precedes it).
fn no_break_before(c: char) -> bool {
    matches!(c, '，' | '。' | '、' | '；' | '：' | '！' | '？' | '）' | '》' | '」' | '』' | '”' | '’' | '】' | '〕' | '…' | '%' | '％')
        || matches!(c, ',' | '.' | ';' | ':' | '!' | '?' | ')' | ']')
}

/// Punctuation that must not end a line (it stays with what follows it).
fn no_break_after(c: char) -> bool {
    matches!(c, '（' | '《' | '「' | '『' | '“' | '‘' | '【' | '〔')
}

/// Replaces control characters (tabs, newlines, bidi overrides' neighbours
/// are kept) with spaces so they never reach a canvas or an SVG file.
pub fn sanitize(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

/// Wraps `text` into lines no wider than `max_w`, breaking at spaces (never
/// at a no-break space: `format` puts one between a number and its unit),
/// between CJK characters (never between a figure's digits and the character
/// after them), and inside a word only when the word alone is too wide.
/// At most `max_lines` lines: the last one ends in "…" if text was cut.
/// Returns the lines and whether anything was cut.
pub fn wrap(
    m: &dyn TextMeasure,
    text: &str,
    size: f64,
    bold: bool,
    max_w: f64,
    max_lines: usize,
) -> (Vec<String>, bool) {
    let text = sanitize(text);
    let max_w = max_w.max(size); // room for at least one character
    // Tokens: words with their trailing space, or single CJK characters;
    // read by grapheme cluster ("👨‍👩‍👧" is one, though each of its
    // characters is wide), each judged by its first character.
    let mut tokens: Vec<String> = Vec::new();
    let mut cur = String::new();
    let starts = m.clusters(&text);
    for (k, &start) in starts.iter().enumerate() {
        let g = &text[start..starts.get(k + 1).copied().unwrap_or(text.len())];
        let Some(c) = g.chars().next() else { continue };
        if c == ' ' {
            cur.push_str(g);
            tokens.push(std::mem::take(&mut cur));
        } else if no_break_before(c) && cur.is_empty() && tokens.last().is_some_and(|t| !t.ends_with(' ')) {
            // Closing punctuation joins the token before it (no line starts with "，").
            if let Some(last) = tokens.last_mut() {
                last.push_str(g);
            }
        } else if no_break_after(c) && is_wide(c) {
            // Opening punctuation starts a new token and takes the next character.
            if !cur.is_empty() {
                tokens.push(std::mem::take(&mut cur));
            }
            cur.push_str(g);
        } else if breaks_anywhere(c) {
            // A pending opening bracket stays with this character, and so do
            // the digits of a figure before it ("28亿", "5100万", "2030年").
            let keep = cur.chars().last().is_some_and(|p| no_break_after(p) || p.is_ascii_digit());
            if !cur.is_empty() && !keep {
                tokens.push(std::mem::take(&mut cur));
            }
            cur.push_str(g);
            tokens.push(std::mem::take(&mut cur));
        } else {
            cur.push_str(g);
        }
    }
    if !cur.is_empty() {
        tokens.push(cur);
    }

    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for tok in tokens {
        if lines.len() > max_lines {
            // Cut already: the lines after these are never shown.
            break;
        }
        let candidate = format!("{line}{tok}");
        if m.width(candidate.trim_end(), size, bold) <= max_w {
            line = candidate;
            continue;
        }
        if !line.trim().is_empty() {
            lines.push(line.trim_end().to_owned());
        }
        line = String::new();
        // The token alone may be too wide: break it between grapheme
        // clusters (never inside "👨‍👩‍👧" or between a letter and its accent).
        if m.width(tok.trim_end(), size, bold) > max_w {
            let starts = m.clusters(&tok);
            for (k, &start) in starts.iter().enumerate() {
                let c = &tok[start..starts.get(k + 1).copied().unwrap_or(tok.len())];
                if lines.len() > max_lines {
                    break;
                }
                let candidate = format!("{line}{c}");
                if m.width(candidate.trim_end(), size, bold) > max_w && !line.is_empty() {
                    lines.push(line.trim_end().to_owned());
                    line = c.to_owned();
                } else {
                    line = candidate;
                }
            }
        } else {
            line = tok;
        }
    }
    if !line.trim().is_empty() {
        lines.push(line.trim_end().to_owned());
    }
    let mut lines: Vec<String> = lines.into_iter().map(|l| l.trim_start().to_owned()).collect();
    no_widow(m, &mut lines, size, bold, max_w);
    if lines.len() <= max_lines {
        return (lines, false);
    }
    let mut kept: Vec<String> = lines.into_iter().take(max_lines.max(1)).collect();
    if let Some(last) = kept.last_mut() {
        ellipsize(m, last, size, bold, max_w);
    }
    (kept, true)
}

/// A last line of one CJK character ("设 / 立") takes the character before
/// it along, when the line above keeps two or more and the pair fits.
fn no_widow(m: &dyn TextMeasure, lines: &mut [String], size: f64, bold: bool, max_w: f64) {
    let n = lines.len();
    if n < 2 {
        return;
    }
    let mut last = lines[n - 1].chars();
    let (Some(only), None) = (last.next(), last.next()) else { return };
    if !is_wide(only) {
        return;
    }
    let above = &lines[n - 2];
    let Some(moved) = above.chars().last().filter(|c| breaks_anywhere(*c)) else { return };
    // Not the character of a figure ("28亿"): it stays with its digits.
    let before = above.chars().rev().nth(1);
    if before.is_some_and(|c| c.is_ascii_digit() || no_break_after(c)) || above.chars().count() < 3 || m.width(&format!("{moved}{only}"), size, bold) > max_w {
        return;
    }
    lines[n - 2].pop();
    lines[n - 1].insert(0, moved);
}

/// Shortens `line` until `line + "…"` fits in `max_w`.
pub fn ellipsize(m: &dyn TextMeasure, line: &mut String, size: f64, bold: bool, max_w: f64) {
    loop {
        let candidate = format!("{}…", line.trim_end());
        if m.width(&candidate, size, bold) <= max_w || line.is_empty() {
            *line = candidate;
            return;
        }
        // The last grapheme cluster goes whole: no "…" after a dangling
        // zero-width joiner or a lone accent.
        let last = m.clusters(line).last().copied().unwrap_or(0);
        line.truncate(last);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breaks_and_cuts_only_between_grapheme_clusters() {
        let m = Estimator;
        let family = "👨\u{200d}👩\u{200d}👧";
        let text = format!("{} e\u{301}te\u{301}", family.repeat(12));
        for width in [40.0, 60.0, 100.0] {
            let (lines, cut) = wrap(&m, &text, 14.0, false, width, 2);
            assert!(cut, "{lines:?}");
            for l in &lines {
                let body = l.trim_end_matches('…');
                assert_eq!(body.replace(family, ""), "", "{width}: {l:?} splits a cluster");
            }
        }
        let (lines, _) = wrap(&m, "e\u{301}te\u{301}e\u{301}te\u{301}", 14.0, false, 14.0, 10);
        assert!(lines.iter().all(|l| !l.starts_with('\u{301}')), "{lines:?}");
    }

    #[test]
    fn wraps_at_spaces_within_width() {
        let m = Estimator;
        let (lines, cut) = wrap(&m, "people living in slums and informal settlements", 14.0, false, 150.0, 5);
        assert!(!cut);
        assert!(lines.len() > 1);
        for l in &lines {
            assert!(m.width(l, 14.0, false) <= 150.0, "{l}");
        }
        assert_eq!(lines.join(" "), "people living in slums and informal settlements");
    }

    #[test]
    fn a_long_text_is_measured_only_as_far_as_the_lines_it_keeps() {
        struct Counting(std::cell::Cell<usize>);
        impl TextMeasure for Counting {
            fn width(&self, text: &str, size: f64, bold: bool) -> f64 {
                self.0.set(self.0.get() + 1);
                Estimator.width(text, size, bold)
            }
        }
        let m = Counting(std::cell::Cell::new(0));
        let word = "W".repeat(10_000);
        let (lines, cut) = wrap(&m, &word, 12.0, false, 60.0, 3);
        assert!(cut && lines.len() == 3 && lines[2].ends_with('…'), "{lines:?}");
        assert_eq!(lines, wrap(&Estimator, &"W".repeat(40), 12.0, false, 60.0, 3).0, "same lines as a short text");
        assert!(m.0.get() < 100, "{} measurements for 3 lines", m.0.get());
        let words = "housing ".repeat(2_000);
        m.0.set(0);
        let (lines, cut) = wrap(&m, &words, 12.0, false, 120.0, 2);
        assert!(cut && lines.len() == 2);
        assert!(m.0.get() < 100, "{} measurements for 2 lines", m.0.get());
    }

    #[test]
    fn wraps_chinese_between_characters() {
        let m = Estimator;
        let (lines, _) = wrap(&m, "生活在贫民窟和非正规住区的人口", 14.0, false, 60.0, 10);
        assert!(lines.len() >= 3);
        for l in &lines {
            assert!(m.width(l, 14.0, false) <= 60.0, "{l}");
        }
        assert_eq!(lines.concat(), "生活在贫民窟和非正规住区的人口");
    }

    #[test]
    fn chinese_punctuation_never_starts_a_line() {
        let m = Estimator;
        let text = "非洲住房缺口：目前超过5100万套，2030年预计达1.3亿套（预计）。第一届联合国人类住区会议（人居一），温哥华";
        // From four em up (narrower, a token like "计）。" must break inside).
        for w in [60.0, 90.0, 130.0, 200.0] {
            let (lines, _) = wrap(&m, text, 14.0, false, w, 50);
            assert_eq!(lines.concat(), text);
            for l in &lines[1..] {
                let first = l.chars().next().unwrap();
                assert!(!no_break_before(first), "{w}: line starts with {first}: {lines:?}");
            }
            for l in &lines {
                let last = l.chars().last().unwrap();
                assert!(!no_break_after(last), "{w}: line ends with {last}: {lines:?}");
            }
        }
    }

    #[test]
    fn long_words_break_and_long_text_is_cut() {
        let m = Estimator;
        let long = "x".repeat(10_000);
        let (lines, cut) = wrap(&m, &long, 12.0, false, 100.0, 3);
        assert!(cut);
        assert_eq!(lines.len(), 3);
        assert!(lines[2].ends_with('…'));
        for l in &lines {
            assert!(m.width(l, 12.0, false) <= 100.0);
        }
    }

    #[test]
    fn a_figure_stays_with_its_unit() {
        let m = Estimator;
        // "environ 2,8 / milliards" and "unos 2,8 mil / millones" on a phone stat card.
        for (text, figure) in [
            ("environ 2,8\u{a0}milliards de personnes", "2,8\u{a0}milliards"),
            ("unos 2,8\u{a0}mil\u{a0}millones de personas", "2,8\u{a0}mil\u{a0}millones"),
            ("约28亿人", "28亿"),
            ("缺口5100万套以上", "5100万"),
        ] {
            for w in [40.0, 60.0, 90.0, 120.0, 200.0] {
                if m.width(figure, 14.0, false) > w {
                    continue; // a figure wider than the line is broken by characters
                }
                let (lines, _) = wrap(&m, text, 14.0, false, w, 20);
                assert!(lines.iter().any(|l| l.contains(figure)), "{text} at {w}: {lines:?}");
            }
        }
    }

    #[test]
    fn a_chinese_line_is_never_one_character() {
        let m = Estimator;
        // "设立" would end with 立 alone on the last line at this width.
        let text = "世界城市论坛设立";
        for w in [42.0, 56.0, 70.0, 84.0, 98.0] {
            let (lines, _) = wrap(&m, text, 14.0, false, w, 10);
            assert_eq!(lines.concat(), text);
            if lines.len() > 1 {
                assert!(lines.last().unwrap().chars().count() > 1, "{w}: {lines:?}");
            }
        }
    }

    #[test]
    fn control_characters_are_removed() {
        let (lines, _) = wrap(&Estimator, "a\u{0}b\nc", 12.0, false, 500.0, 2);
        assert_eq!(lines, vec!["a b c".to_owned()]);
    }
}
