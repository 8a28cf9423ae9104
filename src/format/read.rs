//! Numbers read back as a spreadsheet writes them in a language: the other
//! way of `Formatter`, for the cells of a table.
//!
//! "51,000,000" and "1.5" in English (and Chinese and Arabic, which write
//! numbers the same way); "51.000.000" and "1,5" in Spanish; "51 000 000"
//! and "1,5" in French and Russian, where a point is never a thousands
//! separator and so is read as the decimal mark of a program's CSV ("1.5").
//! Spaces (ordinary, no-break U+00A0, narrow no-break U+202F, thin U+2009)
//! group digits in every language. "58%" is 58 with a percent sign. Groups
//! must be of three digits after the first ("1,50,000" is refused), one
//! kind of separator per number; words ("51 million") are not numbers.

use super::{fixed, group_str, rules, MINUS};
use crate::spec::Lang;

/// A number read from a cell.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Read {
    /// Its value (58 for "58%").
    pub value: f64,
    /// Whether it was written with a percent sign.
    pub percent: bool,
}

/// Spaces that group digits.
fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// Marks a spreadsheet in Arabic may write around a sign or number.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{61c}')
}

/// The number `cell` holds as `lang` writes numbers; `None` when it holds
/// none (empty cells included).
pub fn read_number(cell: &str, lang: Lang) -> Option<Read> {
    let r = rules(lang);
    let cleaned: String = cell.chars().filter(|c| !is_mark(*c)).collect();
    let mut s = cleaned.trim_matches(|c: char| c.is_whitespace() || is_group_space(c));
    let percent = match s.strip_suffix('%') {
        Some(rest) => {
            s = rest.trim_end_matches(|c: char| c.is_whitespace() || is_group_space(c));
            true
        }
        None => false,
    };
    let (negative, s) = match s.chars().next() {
        Some(c @ ('-' | '+' | MINUS)) => (c != '+', &s[c.len_utf8()..]),
        _ => (false, s),
    };
    // The decimal mark, and the separators a group may use.
    let group_mark = r.group.chars().next().filter(|c| matches!(c, ',' | '.'));
    let decimal = if r.decimal == ',' && group_mark.is_none() && !s.contains(',') { '.' } else { r.decimal };
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let (int, frac) = match mantissa.split_once(decimal) {
        Some((i, f)) => (i, Some(f)),
        None => (mantissa, None),
    };
    // One kind of separator, between groups of three after the first.
    let mut digits = String::with_capacity(s.len());
    let (mut separator, mut group, mut groups) = (None, 0usize, 0usize);
    for c in int.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            group += 1;
        } else if is_group_space(c) || Some(c) == group_mark {
            if separator.is_some_and(|s| s != c) || group == 0 || group > 3 || (groups > 0 && group != 3) {
                return None;
            }
            (separator, group, groups) = (Some(c), 0, groups + 1);
        } else {
            return None;
        }
    }
    if (separator.is_some() && group != 3) || (digits.is_empty() && frac.is_none()) {
        return None;
    }
    if let Some(f) = frac {
        if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        digits.push('.');
        digits.push_str(f);
    }
    if let Some(e) = exponent {
        let e_digits = e.strip_prefix(['+', '-']).unwrap_or(e);
        if e_digits.is_empty() || !e_digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        digits.push('e');
        digits.push_str(e);
    }
    let value: f64 = digits.parse().ok()?;
    value.is_finite().then_some(Read { value: if negative { -value } else { value }, percent })
}

/// How `lang` writes 1234567.5, for a message about a cell that is not a
/// number: "1,234,567.5", "1.234.567,5", "1 234 567,5".
pub fn example(lang: Lang) -> String {
    let r = rules(lang);
    group_str(&fixed(1_234_567.5, 1, r.decimal), r)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(cell: &str, lang: Lang) -> Option<f64> {
        read_number(cell, lang).map(|r| r.value)
    }

    #[test]
    fn each_language_reads_its_own_form() {
        assert_eq!(n("51,000,000", Lang::En), Some(51e6));
        assert_eq!(n("51 000 000", Lang::En), Some(51e6));
        assert_eq!(n("1.5", Lang::Zh), Some(1.5));
        assert_eq!(n("51.000.000", Lang::Es), Some(51e6));
        assert_eq!(n("1,5", Lang::Es), Some(1.5));
        assert_eq!(n("51\u{202f}000\u{202f}000", Lang::Fr), Some(51e6));
        assert_eq!(n("51\u{a0}000\u{a0}000,25", Lang::Ru), Some(51_000_000.25));
        assert_eq!(n("1.5", Lang::Fr), Some(1.5));
        assert_eq!(n("2,8", Lang::Ru), Some(2.8));
        assert_eq!(n("25,000", Lang::Ar), Some(25e3));
    }

    #[test]
    fn signs_percent_and_exponents() {
        assert_eq!(read_number("58%", Lang::En), Some(Read { value: 58.0, percent: true }));
        assert_eq!(read_number("7,7\u{a0}%", Lang::Fr), Some(Read { value: 7.7, percent: true }));
        assert_eq!(read_number("\u{200e}30%\u{200e}", Lang::Ar), Some(Read { value: 30.0, percent: true }));
        assert_eq!(n("\u{2212}1,200", Lang::En), Some(-1200.0));
        assert_eq!(n("-0.5", Lang::En), Some(-0.5));
        assert_eq!(n("+3", Lang::En), Some(3.0));
        assert_eq!(n("5.1E+07", Lang::En), Some(51e6));
        assert_eq!(n(".5", Lang::En), Some(0.5));
        assert_eq!(n("2025", Lang::Fr), Some(2025.0));
    }

    #[test]
    fn what_is_not_a_number_is_refused() {
        for (cell, lang) in [
            ("51 million", Lang::En),
            ("", Lang::En),
            ("%", Lang::En),
            ("-", Lang::En),
            ("1,50,000", Lang::En),
            ("1,5", Lang::En),
            ("51.000.000", Lang::En),
            ("1.5", Lang::Es),
            ("51.000,000", Lang::En),
            ("51 000,000", Lang::En),
            ("1,234.5", Lang::Fr),
            ("1e", Lang::En),
            ("NaN", Lang::En),
            ("inf", Lang::En),
            ("1e999", Lang::En),
            ("$5", Lang::En),
            ("5,", Lang::En),
            (",000", Lang::En),
        ] {
            assert_eq!(read_number(cell, lang), None, "{cell:?} in {lang:?}");
        }
    }

    #[test]
    fn the_example_is_the_language_s_form() {
        assert_eq!(example(Lang::En), "1,234,567.5");
        assert_eq!(example(Lang::Es), "1.234.567,5");
        assert_eq!(example(Lang::Fr), "1\u{202f}234\u{202f}567,5");
        for lang in Lang::ALL {
            assert_eq!(n(&example(lang), lang), Some(1_234_567.5), "{lang:?}");
        }
    }
}
