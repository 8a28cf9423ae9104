//! Numbers written the way each language writes them, with their qualifiers.
//!
//! English: "2.8 billion" in labels, "2.8B" on a tight axis, "25,000" plain.
//! Chinese: 万 (10⁴) and 亿 (10⁸): 28亿, 5100万, 1.3亿; "3亿以上", "约28亿".
//!
//! Hand-written rather than ICU4X: the compact-decimal data of ICU4X for two
//! languages costs more bytes than the whole chart widget may ship (see the
//! size budget in the README), and these few rules are all the charts need.

use crate::model::Value;
use crate::spec::{Lang, NumberFormat, Qualifier};

/// The minus sign used for negative numbers (U+2212, not a hyphen).
const MINUS: char = '\u{2212}';

/// Writes numbers for one chart: its language and number format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formatter {
    /// The chart's language.
    pub lang: Lang,
    /// The chart's number format.
    pub format: NumberFormat,
}

/// How much room a label has: `Long` writes words ("2.8 billion"), `Short`
/// the compact form ("2.8B"). Chinese is the same in both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Room {
    /// Words where the format allows them.
    Long,
    /// The compact form.
    Short,
}

impl Formatter {
    /// A formatter for `lang` and `format`.
    pub fn new(lang: Lang, format: NumberFormat) -> Self {
        Formatter { lang, format }
    }

    /// An axis tick: always the compact form, without qualifier.
    pub fn tick(&self, v: f64) -> String {
        self.number(v, Room::Short)
    }

    /// A bare number in the given room.
    pub fn number(&self, v: f64, room: Room) -> String {
        if !v.is_finite() {
            return String::from("–");
        }
        let words = room == Room::Long && matches!(self.format, NumberFormat::Auto | NumberFormat::Full);
        match self.format {
            NumberFormat::Percent => format!("{}%", group(v, 2)),
            NumberFormat::Plain => group(v, 2),
            NumberFormat::Full => scaled(v, self.lang, true, 2),
            NumberFormat::Auto | NumberFormat::Compact => scaled(v, self.lang, words, 2),
        }
    }

    /// A value with its qualifier: "more than 300 million", "300M+", "3亿以上",
    /// "350–500 million", "3.5亿—5亿", "130M (projected)", "约28亿".
    pub fn value(&self, v: &Value, room: Room) -> String {
        let long = room == Room::Long;
        if v.qualifier == Qualifier::Range {
            return self.range(v.low, v.high, room);
        }
        let n = self.number(v.high, room);
        match (self.lang, v.qualifier, long) {
            (_, Qualifier::Exact, _) | (_, Qualifier::Range, _) => n,
            (Lang::En, Qualifier::About, true) => format!("about {n}"),
            (Lang::En, Qualifier::About, false) => format!("~{n}"),
            (Lang::En, Qualifier::MoreThan, true) => format!("more than {n}"),
            (Lang::En, Qualifier::MoreThan, false) => format!("{n}+"),
            (Lang::En, Qualifier::LessThan, true) => format!("less than {n}"),
            (Lang::En, Qualifier::LessThan, false) => format!("<{n}"),
            (Lang::En, Qualifier::Projection, true) => format!("{n} (projected)"),
            (Lang::En, Qualifier::Projection, false) => format!("{n} (proj.)"),
            (Lang::Zh, Qualifier::About, _) => format!("约{n}"),
            (Lang::Zh, Qualifier::MoreThan, _) => format!("{n}以上"),
            (Lang::Zh, Qualifier::LessThan, _) => format!("不到{n}"),
            (Lang::Zh, Qualifier::Projection, _) => format!("{n}（预计）"),
        }
    }

    /// A range: the unit is written once when both ends share it
    /// ("350–500 million", "50–80%"), else on both ends.
    fn range(&self, low: f64, high: f64, room: Room) -> String {
        let (a, b) = (self.number(low, room), self.number(high, room));
        let dash = match self.lang {
            Lang::Zh => "—",
            Lang::En => "–",
        };
        // Split each side into its number and the unit text that follows it.
        let split = |s: &str| -> (String, String) {
            let at = s
                .char_indices()
                .find(|(_, c)| !(c.is_ascii_digit() || *c == '.' || *c == ',' || *c == MINUS))
                .map(|(i, _)| i)
                .unwrap_or(s.len());
            (s[..at].to_owned(), s[at..].to_owned())
        };
        let ((na, ua), (nb, ub)) = (split(&a), split(&b));
        if ua == ub && self.lang == Lang::En {
            format!("{na}{dash}{nb}{ub}")
        } else if ua == ub && ua == "%" {
            format!("{na}–{nb}%")
        } else {
            format!("{a}{dash}{b}")
        }
    }
}

/// English unit words and letters, from the largest.
const EN_UNITS: [(f64, &str, &str); 4] = [
    (1e12, " trillion", "T"),
    (1e9, " billion", "B"),
    (1e6, " million", "M"),
    (1e3, " thousand", "K"),
];

/// Chinese units, from the largest.
const ZH_UNITS: [(f64, &str); 3] = [(1e12, "万亿"), (1e8, "亿"), (1e4, "万")];

/// `v` scaled to its largest unit, with at most `max_dec` decimals, trailing
/// zeros trimmed. English words stop at a million ("25,000", not "25 thousand").
fn scaled(v: f64, lang: Lang, words: bool, max_dec: usize) -> String {
    let abs = v.abs();
    let sign = if v < 0.0 { MINUS.to_string() } else { String::new() };
    let units: Vec<(f64, &str)> = match lang {
        Lang::En => EN_UNITS
            .iter()
            .filter(|(f, _, _)| !words || *f >= 1e6)
            .map(|(f, w, l)| (*f, if words { *w } else { *l }))
            .collect(),
        Lang::Zh => ZH_UNITS.to_vec(),
    };
    for (i, (factor, suffix)) in units.iter().enumerate() {
        if abs >= *factor {
            let mut s = fixed(abs / factor, max_dec);
            // 999,999,999 must read 1B, not 1000M: move to the next unit up.
            if i > 0 && s.parse::<f64>().map(|x| x * factor >= units[i - 1].0).unwrap_or(false) {
                let (f2, suf2) = units[i - 1];
                s = fixed(abs / f2, max_dec);
                return format!("{sign}{s}{suf2}");
            }
            return format!("{sign}{}{suffix}", grouped(&s, lang));
        }
    }
    let s = fixed(abs, max_dec);
    if let Some((factor, suffix)) = units.last() {
        if s.parse::<f64>().map(|x| x >= *factor).unwrap_or(false) {
            return format!("{sign}{}{suffix}", fixed(abs / factor, max_dec));
        }
    }
    format!("{sign}{}", grouped(&s, lang))
}

/// Chinese writes scaled numbers without separators (5100万, 9999).
fn grouped(s: &str, lang: Lang) -> String {
    match lang {
        Lang::En => group_str(s),
        Lang::Zh => s.to_owned(),
    }
}

/// Grouped digits ("25,000", "7.7"), at most `max_dec` decimals.
fn group(v: f64, max_dec: usize) -> String {
    let s = group_str(&fixed(v.abs(), max_dec));
    if v < 0.0 && s.chars().any(|c| c != '0' && c != '.') {
        format!("{MINUS}{s}")
    } else {
        s
    }
}

/// `x` with at most `max_dec` decimals and no trailing zeros.
fn fixed(x: f64, max_dec: usize) -> String {
    let s = format!("{:.*}", max_dec, x);
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        s
    }
}

/// Inserts thousands separators into the integer part of a plain decimal.
fn group_str(s: &str) -> String {
    let (int, frac) = match s.find('.') {
        Some(i) => (&s[..i], &s[i..]),
        None => (s, ""),
    };
    let mut out = String::with_capacity(s.len() + int.len() / 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out.push_str(frac);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn en() -> Formatter {
        Formatter::new(Lang::En, NumberFormat::Auto)
    }
    fn zh() -> Formatter {
        Formatter::new(Lang::Zh, NumberFormat::Auto)
    }
    fn val(v: f64, q: Qualifier) -> Value {
        Value { low: v, high: v, qualifier: q }
    }

    #[test]
    fn english_words_and_compact() {
        assert_eq!(en().number(2.8e9, Room::Long), "2.8 billion");
        assert_eq!(en().number(2.8e9, Room::Short), "2.8B");
        assert_eq!(en().number(51e6, Room::Short), "51M");
        assert_eq!(en().number(51e6, Room::Long), "51 million");
        assert_eq!(en().number(25_000.0, Room::Long), "25,000");
        assert_eq!(en().number(25_000.0, Room::Short), "25K");
        assert_eq!(en().number(1.23e8, Room::Long), "123 million");
        assert_eq!(en().number(90.0, Room::Long), "90");
        assert_eq!(en().number(0.0, Room::Short), "0");
        assert_eq!(en().number(999_999_999.0, Room::Short), "1B");
        assert_eq!(en().number(999.999, Room::Short), "1K");
        assert_eq!(en().number(-5e8, Room::Short), "\u{2212}500M");
        assert_eq!(en().number(1.5e12, Room::Long), "1.5 trillion");
    }

    #[test]
    fn chinese_wan_and_yi() {
        assert_eq!(zh().number(2.8e9, Room::Long), "28亿");
        assert_eq!(zh().number(51e6, Room::Long), "5100万");
        assert_eq!(zh().number(1.3e8, Room::Long), "1.3亿");
        assert_eq!(zh().number(1.23e8, Room::Short), "1.23亿");
        assert_eq!(zh().number(3e8, Room::Short), "3亿");
        assert_eq!(zh().number(25_000.0, Room::Long), "2.5万");
        assert_eq!(zh().number(300.0, Room::Long), "300");
        assert_eq!(zh().number(99_999_999.0, Room::Long), "1亿");
    }

    #[test]
    fn qualifiers_in_english() {
        assert_eq!(en().value(&val(3e8, Qualifier::MoreThan), Room::Short), "300M+");
        assert_eq!(en().value(&val(3e8, Qualifier::MoreThan), Room::Long), "more than 300 million");
        assert_eq!(en().value(&val(2.8e9, Qualifier::About), Room::Long), "about 2.8 billion");
        assert_eq!(en().value(&val(2.8e9, Qualifier::About), Room::Short), "~2.8B");
        assert_eq!(en().value(&val(130e6, Qualifier::Projection), Room::Long), "130 million (projected)");
        assert_eq!(en().value(&val(5.0, Qualifier::LessThan), Room::Short), "<5");
        let r = Value { low: 3.5e8, high: 5e8, qualifier: Qualifier::Range };
        assert_eq!(en().value(&r, Room::Short), "350–500M");
        assert_eq!(en().value(&r, Room::Long), "350–500 million");
        let wide = Value { low: 5e8, high: 1.2e9, qualifier: Qualifier::Range };
        assert_eq!(en().value(&wide, Room::Short), "500M–1.2B");
    }

    #[test]
    fn qualifiers_in_chinese() {
        assert_eq!(zh().value(&val(3e8, Qualifier::MoreThan), Room::Long), "3亿以上");
        assert_eq!(zh().value(&val(2.8e9, Qualifier::About), Room::Short), "约28亿");
        assert_eq!(zh().value(&val(1.3e8, Qualifier::Projection), Room::Long), "1.3亿（预计）");
        let r = Value { low: 3.5e8, high: 5e8, qualifier: Qualifier::Range };
        assert_eq!(zh().value(&r, Room::Long), "3.5亿—5亿");
    }

    #[test]
    fn percent_and_plain() {
        let p = Formatter::new(Lang::En, NumberFormat::Percent);
        assert_eq!(p.number(58.0, Room::Long), "58%");
        assert_eq!(p.number(7.7, Room::Short), "7.7%");
        assert_eq!(p.value(&val(30.0, Qualifier::MoreThan), Room::Short), "30%+");
        let r = Value { low: 50.0, high: 80.0, qualifier: Qualifier::Range };
        assert_eq!(p.value(&r, Room::Long), "50–80%");
        let pz = Formatter::new(Lang::Zh, NumberFormat::Percent);
        assert_eq!(pz.value(&r, Room::Long), "50–80%");
        assert_eq!(pz.value(&val(30.0, Qualifier::MoreThan), Room::Long), "30%以上");
        let plain = Formatter::new(Lang::En, NumberFormat::Plain);
        assert_eq!(plain.number(25_000.0, Room::Short), "25,000");
        assert_eq!(plain.number(2.8e9, Room::Long), "2,800,000,000");
        assert_eq!(plain.number(-0.001, Room::Long), "0");
    }

    #[test]
    fn full_format_uses_words_even_when_short() {
        let f = Formatter::new(Lang::En, NumberFormat::Full);
        assert_eq!(f.number(2.8e9, Room::Short), "2.8 billion");
        let c = Formatter::new(Lang::En, NumberFormat::Compact);
        assert_eq!(c.number(2.8e9, Room::Long), "2.8B");
    }

    #[test]
    fn non_finite_never_panics() {
        assert_eq!(en().number(f64::NAN, Room::Long), "–");
        assert_eq!(en().number(f64::INFINITY, Room::Short), "–");
        assert_eq!(en().number(1e300, Room::Short).is_empty(), false);
    }
}
