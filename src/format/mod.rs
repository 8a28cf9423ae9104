//! Numbers written the way each language writes them, with their qualifiers.
//!
//! English: "2.8 billion" in labels, "2.8B" on a tight axis, "25,000" plain.
//! Chinese: 万 (10⁴) and 亿 (10⁸): 28亿, 5100万, 1.3亿; "3亿以上", "约28亿".
//! French "2,8 milliards", Spanish "2,8 mil millones", Russian "2,8 млрд",
//! Arabic "2.8 مليار". One table of rules per language (`Rules`).
//!
//! `read` is the other way: numbers read back from a table's cells as a
//! spreadsheet writes them in the chart's language.
//!
//! Hand-written rather than ICU4X: the compact-decimal data of ICU4X for six
//! languages costs more bytes than the whole chart widget may ship (see the
//! size budget in the README), and these few rules are all the charts need.

mod read;

pub use read::{example, read_number, Read};

use crate::model::Value;
use crate::spec::{Lang, NumberFormat, Qualifier};

/// The minus sign used for negative numbers (U+2212, not a hyphen).
const MINUS: char = '\u{2212}';
/// Narrow no-break space: the French and Russian thousands separator.
const NNBSP: &str = "\u{202f}";
/// No-break space: between a number and its unit word in every language.
const NBSP: &str = "\u{a0}";

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

/// A unit of large numbers: its factor, its word in each plural form the
/// language's rule picks (`Plural`), and its short form (Arabic's short form
/// is a word too, so it has a plural of its own).
struct Unit {
    factor: f64,
    /// The word after one ("1 million", French "1,5 milliard").
    one: &'static str,
    /// Arabic after 3–10 ("3 ملايين", "5 آلاف"); elsewhere `other`.
    few: &'static str,
    /// The word after any other number ("2.8 billion", "130 مليون").
    other: &'static str,
    /// The compact form ("2.8B", "51 млн").
    short: &'static str,
    /// The compact form after 3–10 (Arabic); elsewhere `short`.
    short_few: &'static str,
}

/// A unit whose word does not change with the number, only its short form.
const fn unit(factor: f64, one: &'static str, other: &'static str, short: &'static str) -> Unit {
    Unit { factor, one, few: other, other, short, short_few: short }
}

/// The CLDR plural categories the unit words need: "one", Arabic's "few",
/// and the rest ("other", and Arabic's "zero", "two" and "many", whose words
/// after a numeral are those of "other").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Plural {
    One,
    Few,
    Other,
}

/// CLDR's rule for English and Spanish: one is exactly 1.
fn plural_one(x: f64) -> Plural {
    if x == 1.0 {
        Plural::One
    } else {
        Plural::Other
    }
}

/// CLDR's rule for French: one is i = 0 or 1 ("1,5 milliard").
fn plural_fr(x: f64) -> Plural {
    if x < 2.0 {
        Plural::One
    } else {
        Plural::Other
    }
}

/// Chinese and Russian units are invariable (万, 亿; млн, млрд are abbreviations).
fn plural_none(_: f64) -> Plural {
    Plural::Other
}

/// CLDR's rule for Arabic: few is n % 100 = 3..10 (integers only); the
/// words of zero, one, two, many and other are the same after a numeral.
fn plural_ar(x: f64) -> Plural {
    if x.fract() == 0.0 && (3.0..=10.0).contains(&(x % 100.0)) {
        Plural::Few
    } else {
        Plural::Other
    }
}

/// The number rules of one language.
struct Rules {
    decimal: char,
    group: &'static str,
    /// Group digits of scaled numbers too ("1,500 billion"); Chinese does not.
    group_scaled: bool,
    /// Units from the largest; words are used only from `words_from` up.
    units: &'static [Unit],
    words_from: f64,
    /// The plural category of a scaled number (CLDR's rule for the language).
    plural: fn(f64) -> Plural,
    /// Space between a number and its word or short unit: a no-break space
    /// everywhere, so a figure never breaks from its unit across lines.
    unit_space: &'static str,
    short_space: &'static str,
    percent: &'static str,
    range_dash: &'static str,
    /// Qualifier patterns, `{}` is the number: long and short forms.
    about: (&'static str, &'static str),
    more_than: (&'static str, &'static str),
    less_than: (&'static str, &'static str),
    projection: (&'static str, &'static str),
}

const EN: Rules = Rules {
    decimal: '.',
    group: ",",
    group_scaled: true,
    units: &[unit(1e12, "trillion", "trillion", "T"), unit(1e9, "billion", "billion", "B"), unit(1e6, "million", "million", "M"), unit(1e3, "thousand", "thousand", "K")],
    words_from: 1e6,
    plural: plural_one,
    unit_space: NBSP,
    short_space: "",
    percent: "%",
    range_dash: "–",
    about: ("about {}", "~{}"),
    more_than: ("more than {}", "{}+"),
    less_than: ("less than {}", "<{}"),
    projection: ("{} (projected)", "{} (proj.)"),
};

const ZH: Rules = Rules {
    decimal: '.',
    group: ",",
    group_scaled: false,
    units: &[unit(1e12, "万亿", "万亿", "万亿"), unit(1e8, "亿", "亿", "亿"), unit(1e4, "万", "万", "万")],
    words_from: 1e4,
    plural: plural_none,
    unit_space: "",
    short_space: "",
    percent: "%",
    // 至 between the two ends, each with its unit, as the texts write it:
    // "3.5亿至5亿", "50%至80%".
    range_dash: "至",
    about: ("约{}", "约{}"),
    more_than: ("{}以上", "{}以上"),
    less_than: ("不到{}", "不到{}"),
    projection: ("{}（预计）", "{}（预计）"),
};

const FR: Rules = Rules {
    decimal: ',',
    group: NNBSP,
    group_scaled: true,
    units: &[unit(1e12, "billion", "billions", "Bn"), unit(1e9, "milliard", "milliards", "Md"), unit(1e6, "million", "millions", "M"), unit(1e3, "mille", "mille", "k")],
    words_from: 1e6,
    plural: plural_fr,
    unit_space: NBSP,
    short_space: "\u{a0}",
    percent: "\u{a0}%",
    range_dash: "–",
    about: ("environ {}", "~{}"),
    more_than: ("plus de {}", "{}+"),
    less_than: ("moins de {}", "<{}"),
    projection: ("{} (projection)", "{} (proj.)"),
};

const ES: Rules = Rules {
    decimal: ',',
    group: ".",
    group_scaled: true,
    units: &[
        unit(1e12, "billón", "billones", "B"),
        unit(1e9, "mil\u{a0}millones", "mil\u{a0}millones", "mil\u{a0}M"),
        unit(1e6, "millón", "millones", "M"),
        unit(1e3, "mil", "mil", "mil"),
    ],
    words_from: 1e6,
    plural: plural_one,
    unit_space: NBSP,
    short_space: "\u{a0}",
    percent: "\u{a0}%",
    range_dash: "–",
    about: ("unos {}", "~{}"),
    more_than: ("más de {}", "{}+"),
    less_than: ("menos de {}", "<{}"),
    projection: ("{} (proyección)", "{} (proy.)"),
};

const RU: Rules = Rules {
    decimal: ',',
    group: NNBSP,
    group_scaled: true,
    units: &[unit(1e12, "трлн", "трлн", "трлн"), unit(1e9, "млрд", "млрд", "млрд"), unit(1e6, "млн", "млн", "млн"), unit(1e3, "тыс.", "тыс.", "тыс.")],
    words_from: 1e6,
    plural: plural_none,
    unit_space: NBSP,
    short_space: "\u{a0}",
    percent: "\u{a0}%",
    range_dash: "–",
    about: ("около {}", "~{}"),
    more_than: ("более {}", "{}+"),
    less_than: ("менее {}", "<{}"),
    projection: ("{} (прогноз)", "{} (прогн.)"),
};

const AR: Rules = Rules {
    decimal: '.',
    group: ",",
    group_scaled: true,
    // CLDR's Arabic compact-decimal words: the plural after 3–10, in the
    // short form too (which is the word itself).
    units: &[
        Unit { factor: 1e12, one: "تريليون", few: "تريليونات", other: "تريليون", short: "تريليون", short_few: "تريليونات" },
        Unit { factor: 1e9, one: "مليار", few: "مليارات", other: "مليار", short: "مليار", short_few: "مليارات" },
        Unit { factor: 1e6, one: "مليون", few: "ملايين", other: "مليون", short: "مليون", short_few: "ملايين" },
        Unit { factor: 1e3, one: "ألف", few: "آلاف", other: "ألف", short: "ألف", short_few: "آلاف" },
    ],
    words_from: 1e6,
    plural: plural_ar,
    unit_space: NBSP,
    short_space: NBSP,
    // CLDR's Arabic percent sign with Latin digits: U+200E on both sides, so
    // that after Arabic letters (where digits become Arabic numbers in the
    // bidi algorithm) the sign stays right of the digits: "أكثر من 30%".
    percent: "\u{200e}%\u{200e}",
    range_dash: "–",
    about: ("حوالي {}", "~{}"),
    more_than: ("أكثر من {}", "+{}"),
    less_than: ("أقل من {}", "<{}"),
    projection: ("{} (متوقع)", "{} (متوقع)"),
};

fn rules(lang: Lang) -> &'static Rules {
    match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
        Lang::Fr => &FR,
        Lang::Es => &ES,
        Lang::Ru => &RU,
        Lang::Ar => &AR,
    }
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
        let r = rules(self.lang);
        let words = matches!(self.format, NumberFormat::Full)
            || (room == Room::Long && self.format == NumberFormat::Auto);
        match self.format {
            NumberFormat::Percent => format!("{}{}", plain(v, 2, r), r.percent),
            NumberFormat::Plain => plain(v, 2, r),
            _ => scaled(v, r, words, 2),
        }
    }

    /// A ratio with one decimal at most, in the language's notation ("2.5", "2,5").
    pub fn ratio(&self, r: f64) -> String {
        fixed(r, 1, rules(self.lang).decimal)
    }

    /// A value with its qualifier: "more than 300 million", "300M+", "3亿以上",
    /// "350–500 million", "3.5亿至5亿", "130M (projected)", "约28亿".
    pub fn value(&self, v: &Value, room: Room) -> String {
        if v.qualifier == Qualifier::Range {
            return self.range(v.low, v.high, room);
        }
        let n = self.number(v.high, room);
        let r = rules(self.lang);
        let pattern = match v.qualifier {
            Qualifier::Exact | Qualifier::Range => return n,
            Qualifier::About => r.about,
            Qualifier::MoreThan => r.more_than,
            Qualifier::LessThan => r.less_than,
            Qualifier::Projection => r.projection,
        };
        let p = if room == Room::Long { pattern.0 } else { pattern.1 };
        p.replacen("{}", &n, 1)
    }

    /// A range: the unit is written once when both ends share it
    /// ("350–500 million", "50–80%"), else on both ends, and always in Chinese ("3.5亿至5亿", "50%至80%").
    fn range(&self, low: f64, high: f64, room: Room) -> String {
        let r = rules(self.lang);
        let (a, b) = (self.number(low, room), self.number(high, room));
        let number_end = |s: &str| {
            s.char_indices()
                .find(|(_, c)| !(c.is_ascii_digit() || *c == r.decimal || r.group.contains(*c) || *c == MINUS))
                .map(|(i, _)| i)
                .unwrap_or(s.len())
        };
        let (ia, ib) = (number_end(&a), number_end(&b));
        let (unit_a, unit_b) = (&a[ia..], &b[ib..]);
        if unit_a == unit_b && self.lang != Lang::Zh {
            format!("{}{}{}", &a[..ia], r.range_dash, b)
        } else {
            format!("{a}{}{b}", r.range_dash)
        }
    }
}

/// `v` scaled to its largest unit, with at most `max_dec` decimals, trailing
/// zeros trimmed. Words stop at `words_from` ("25,000", not "25 thousand").
fn scaled(v: f64, r: &Rules, words: bool, max_dec: usize) -> String {
    let abs = v.abs();
    let sign = if v < 0.0 { MINUS.to_string() } else { String::new() };
    let units: Vec<&Unit> = r.units.iter().filter(|u| !words || u.factor >= r.words_from).collect();
    let write = |x: f64, u: &Unit| -> String {
        let n = fixed(x, max_dec, r.decimal);
        let n = if r.group_scaled { group_str(&n, r) } else { n };
        let form = (r.plural)(x);
        if words {
            let word = match form {
                Plural::One => u.one,
                Plural::Few => u.few,
                Plural::Other => u.other,
            };
            format!("{sign}{n}{}{word}", r.unit_space)
        } else {
            let short = if form == Plural::Few { u.short_few } else { u.short };
            format!("{sign}{n}{}{short}", r.short_space)
        }
    };
    for (i, u) in units.iter().enumerate() {
        if abs >= u.factor {
            let x = round_to(abs / u.factor, max_dec);
            // 999,999,999 must read 1B, not 1000M: move to the next unit up.
            if i > 0 && x * u.factor >= units[i - 1].factor {
                return write(round_to(abs / units[i - 1].factor, max_dec), units[i - 1]);
            }
            return write(x, u);
        }
    }
    if let Some(u) = units.last() {
        if round_to(abs, max_dec) >= u.factor {
            return write(round_to(abs / u.factor, max_dec), u);
        }
    }
    let n = fixed(abs, max_dec, r.decimal);
    format!("{sign}{}", if r.group_scaled || abs < 1e4 { group_str(&n, r) } else { n })
}

/// Grouped digits ("25,000", "7.7"), at most `max_dec` decimals.
fn plain(v: f64, max_dec: usize, r: &Rules) -> String {
    let s = group_str(&fixed(v.abs(), max_dec, r.decimal), r);
    if v < 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0') {
        format!("{MINUS}{s}")
    } else {
        s
    }
}

fn round_to(x: f64, dec: usize) -> f64 {
    let f = 10f64.powi(dec as i32);
    (x * f).round() / f
}

/// `x` with at most `max_dec` decimals, no trailing zeros, `decimal` as the
/// decimal separator.
fn fixed(x: f64, max_dec: usize, decimal: char) -> String {
    let s = format!("{:.*}", max_dec, x);
    let s = if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_owned() } else { s };
    if decimal == '.' {
        s
    } else {
        s.replace('.', &decimal.to_string())
    }
}

/// Inserts the thousands separator into the integer part (numbers of four
/// digits stay ungrouped in languages that group with a space: "2025").
fn group_str(s: &str, r: &Rules) -> String {
    let (int, frac) = match s.find(r.decimal) {
        Some(i) => (&s[..i], &s[i..]),
        None => (s, ""),
    };
    if r.group == NNBSP && int.len() <= 4 {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len() + int.len());
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push_str(r.group);
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
        assert_eq!(en().number(2.8e9, Room::Long), "2.8\u{a0}billion");
        assert_eq!(en().number(2.8e9, Room::Short), "2.8B");
        assert_eq!(en().number(51e6, Room::Short), "51M");
        assert_eq!(en().number(51e6, Room::Long), "51\u{a0}million");
        assert_eq!(en().number(25_000.0, Room::Long), "25,000");
        assert_eq!(en().number(25_000.0, Room::Short), "25K");
        assert_eq!(en().number(1.23e8, Room::Long), "123\u{a0}million");
        assert_eq!(en().number(90.0, Room::Long), "90");
        assert_eq!(en().number(0.0, Room::Short), "0");
        assert_eq!(en().number(999_999_999.0, Room::Short), "1B");
        assert_eq!(en().number(999.999, Room::Short), "1K");
        assert_eq!(en().number(-5e8, Room::Short), "\u{2212}500M");
        assert_eq!(en().number(1.5e12, Room::Long), "1.5\u{a0}trillion");
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
        assert_eq!(en().value(&val(3e8, Qualifier::MoreThan), Room::Long), "more than 300\u{a0}million");
        assert_eq!(en().value(&val(2.8e9, Qualifier::About), Room::Long), "about 2.8\u{a0}billion");
        assert_eq!(en().value(&val(2.8e9, Qualifier::About), Room::Short), "~2.8B");
        assert_eq!(en().value(&val(130e6, Qualifier::Projection), Room::Long), "130\u{a0}million (projected)");
        assert_eq!(en().value(&val(5.0, Qualifier::LessThan), Room::Short), "<5");
        let r = Value { low: 3.5e8, high: 5e8, qualifier: Qualifier::Range };
        assert_eq!(en().value(&r, Room::Short), "350–500M");
        assert_eq!(en().value(&r, Room::Long), "350–500\u{a0}million");
        let wide = Value { low: 5e8, high: 1.2e9, qualifier: Qualifier::Range };
        assert_eq!(en().value(&wide, Room::Short), "500M–1.2B");
    }

    #[test]
    fn qualifiers_in_chinese() {
        assert_eq!(zh().value(&val(3e8, Qualifier::MoreThan), Room::Long), "3亿以上");
        assert_eq!(zh().value(&val(2.8e9, Qualifier::About), Room::Short), "约28亿");
        assert_eq!(zh().value(&val(1.3e8, Qualifier::Projection), Room::Long), "1.3亿（预计）");
        let r = Value { low: 3.5e8, high: 5e8, qualifier: Qualifier::Range };
        assert_eq!(zh().value(&r, Room::Long), "3.5亿至5亿");
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
        assert_eq!(pz.value(&r, Room::Long), "50%至80%");
        assert_eq!(pz.value(&val(30.0, Qualifier::MoreThan), Room::Long), "30%以上");
        let plain = Formatter::new(Lang::En, NumberFormat::Plain);
        assert_eq!(plain.number(25_000.0, Room::Short), "25,000");
        assert_eq!(plain.number(2.8e9, Room::Long), "2,800,000,000");
        assert_eq!(plain.number(-0.001, Room::Long), "0");
    }

    #[test]
    fn full_format_uses_words_even_when_short() {
        let f = Formatter::new(Lang::En, NumberFormat::Full);
        assert_eq!(f.number(2.8e9, Room::Short), "2.8\u{a0}billion");
        let c = Formatter::new(Lang::En, NumberFormat::Compact);
        assert_eq!(c.number(2.8e9, Room::Long), "2.8B");
    }

    fn fmt(lang: Lang) -> Formatter {
        Formatter::new(lang, NumberFormat::Auto)
    }

    #[test]
    fn french_spanish_russian_arabic() {
        let r = Value { low: 3.5e8, high: 5e8, qualifier: Qualifier::Range };
        let cases: [(Lang, [&str; 7]); 4] = [
            (Lang::Fr, ["2,8\u{a0}milliards", "1,5\u{a0}milliard", "2,8\u{a0}Md", "51\u{a0}M", "plus de 300\u{a0}millions", "350–500\u{a0}millions", "25\u{202f}000"]),
            (Lang::Es, ["2,8\u{a0}mil\u{a0}millones", "1,5\u{a0}mil\u{a0}millones", "2,8\u{a0}mil\u{a0}M", "51\u{a0}M", "más de 300\u{a0}millones", "350–500\u{a0}millones", "25.000"]),
            (Lang::Ru, ["2,8\u{a0}млрд", "1,5\u{a0}млрд", "2,8\u{a0}млрд", "51\u{a0}млн", "более 300\u{a0}млн", "350–500\u{a0}млн", "25\u{202f}000"]),
            (Lang::Ar, ["2.8\u{a0}مليار", "1.5\u{a0}مليار", "2.8\u{a0}مليار", "51\u{a0}مليون", "أكثر من 300\u{a0}مليون", "350–500\u{a0}مليون", "25,000"]),
        ];
        for (lang, [big, one_and_half, big_short, mid_short, more, range, plain]) in cases {
            let f = fmt(lang);
            assert_eq!(f.number(2.8e9, Room::Long), big, "{lang:?}");
            assert_eq!(f.number(1.5e9, Room::Long), one_and_half, "{lang:?}");
            assert_eq!(f.number(2.8e9, Room::Short), big_short, "{lang:?}");
            assert_eq!(f.number(51e6, Room::Short), mid_short, "{lang:?}");
            assert_eq!(f.value(&val(3e8, Qualifier::MoreThan), Room::Long), more, "{lang:?}");
            assert_eq!(f.value(&r, Room::Long), range, "{lang:?}");
            assert_eq!(f.number(25_000.0, Room::Long), plain, "{lang:?}");
        }
        assert_eq!(Formatter::new(Lang::Fr, NumberFormat::Percent).number(7.7, Room::Long), "7,7\u{a0}%");
        assert_eq!(Formatter::new(Lang::Es, NumberFormat::Full).number(1e6, Room::Long), "1\u{a0}millón");
        assert_eq!(fmt(Lang::Fr).number(2025.0, Room::Long), "2025");
    }

    #[test]
    fn arabic_words_take_the_plural_after_three_to_ten() {
        // CLDR: few is n % 100 = 3..10; other words (and decimals) stay singular.
        let f = fmt(Lang::Ar);
        for (v, text) in [
            (3e6, "3\u{a0}ملايين"),
            (5e6, "5\u{a0}ملايين"),
            (10e6, "10\u{a0}ملايين"),
            (11e6, "11\u{a0}مليون"),
            (103e6, "103\u{a0}ملايين"),
            (130e6, "130\u{a0}مليون"),
            (2.8e9, "2.8\u{a0}مليار"),
            (3e9, "3\u{a0}مليارات"),
            (1e6, "1\u{a0}مليون"),
            (2e6, "2\u{a0}مليون"),
        ] {
            assert_eq!(f.number(v, Room::Long), text, "{v}");
        }
        // The short form is the word itself, so it follows the same rule.
        assert_eq!(f.number(5e3, Room::Short), "5\u{a0}آلاف");
        assert_eq!(f.number(25e3, Room::Short), "25\u{a0}ألف");
        assert_eq!(f.number(4e9, Room::Short), "4\u{a0}مليارات");
        assert_eq!(f.value(&val(3e8, Qualifier::MoreThan), Room::Long), "أكثر من 300\u{a0}مليون");
        // The percent sign stays right of its digits after Arabic letters.
        let p = Formatter::new(Lang::Ar, NumberFormat::Percent);
        assert_eq!(p.value(&val(30.0, Qualifier::MoreThan), Room::Long), "أكثر من 30\u{200e}%\u{200e}");
        let r = Value { low: 50.0, high: 80.0, qualifier: Qualifier::Range };
        assert_eq!(p.value(&r, Room::Long), "50–80\u{200e}%\u{200e}");
    }

    #[test]
    fn a_number_never_breaks_from_its_unit() {
        for lang in Lang::ALL {
            let f = fmt(lang);
            for v in [2.8e9, 1.1e9, 51e6, 130e6] {
                for room in [Room::Long, Room::Short] {
                    let s = f.number(v, room);
                    // A figure is one unbreakable word: no space a line may break at.
                    assert!(!s.contains(' '), "{lang:?}: breakable space in {s:?}");
                }
            }
        }
    }

    #[test]
    fn non_finite_never_panics() {
        assert_eq!(en().number(f64::NAN, Room::Long), "–");
        assert_eq!(en().number(f64::INFINITY, Room::Short), "–");
        assert!(!en().number(1e300, Room::Short).is_empty());
    }
}
