//! Spec text → `ChartSpec`, with errors a journalist can act on.
//!
//! serde's messages are precise but written for programmers
//! ("invalid type: string \"51 million\", expected f64"). This module keeps
//! their facts, adds the JSON path (read back from the text at the error's
//! line and column: `path`) and the line and column, and rewrites them in
//! plain words, with the nearest valid name for a misspelt field or value.

mod figures;
mod path;
mod table;

pub use figures::{from_table, Origin};
pub use table::{read as read_table, Cell, Grid, MAX_ROWS as MAX_TABLE_ROWS};

use serde::de::DeserializeOwned;

use crate::error::Error;
use path::Place;

/// Longest spec text accepted (bytes). Larger specs are refused before parsing.
pub const MAX_SPEC_BYTES: usize = 48 * 1024 * 1024;

/// Parses JSON text into `T`, naming the JSON path of the first mistake.
pub fn from_json<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
    if text.len() > MAX_SPEC_BYTES {
        return Err(Error::at(
            "",
            format!(
                "the spec is {} MB; the limit is {} MB (use fewer points, or decimate them first)",
                text.len() / (1024 * 1024),
                MAX_SPEC_BYTES / (1024 * 1024)
            ),
        ));
    }
    // A byte-order mark, as some editors save it, is not part of the JSON.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    top_level(text)?;
    match parse(text) {
        // JSON.stringify writes a lone surrogate of a JS string as an
        // escape ("\ud800") that no Rust string holds: read as U+FFFD.
        Err(e) if e.message.contains("surrogate") || e.message.contains("hex escape") => match replace_lone_surrogates(text) {
            Some(repaired) => parse(&repaired),
            None => Err(e),
        },
        result => result,
    }
}

fn parse<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = T::deserialize(&mut de).map_err(|e| from_serde(text, &e))?;
    de.end().map_err(|e| from_serde(text, &e))?;
    Ok(value)
}

/// A spec is a JSON object: say so plainly when the text is empty or is
/// another kind of value (serde would name an internal type).
fn top_level(text: &str) -> Result<(), Error> {
    let found = match text.trim_start().chars().next() {
        None => return Err(Error::at("", "the spec is empty: write a JSON object, such as {\"type\": \"bar\", \"data\": […]}")),
        Some('{') => return Ok(()),
        Some('[') => "a list",
        Some('"') => "a string",
        Some('-' | '0'..='9') => "a number",
        Some('t' | 'f') if text.trim().starts_with("true") || text.trim().starts_with("false") => "a boolean",
        Some('n') if text.trim().starts_with("null") => "null",
        // Anything else is malformed JSON; serde says where.
        Some(_) => return Ok(()),
    };
    Err(Error::at("", format!("the spec must be a JSON object ({{ … }}), not {found}")))
}

/// `text` with every `\uD800`–`\uDFFF` escape that is not half of a pair
/// written `\uFFFD`; `None` when there is none.
fn replace_lone_surrogates(text: &str) -> Option<String> {
    let b = text.as_bytes();
    let unit = |i: usize| -> Option<u32> {
        if b.get(i) != Some(&b'\\') || b.get(i + 1) != Some(&b'u') {
            return None;
        }
        let hex = text.get(i + 2..i + 6)?;
        u32::from_str_radix(hex, 16).ok()
    };
    let mut out = String::with_capacity(text.len());
    let (mut i, mut from, mut changed) = (0, 0, false);
    while i < b.len() {
        if b[i] != b'\\' {
            i += 1;
            continue;
        }
        match unit(i) {
            // A pair: kept as it is.
            Some(0xD800..=0xDBFF) if unit(i + 6).is_some_and(|l| (0xDC00..=0xDFFF).contains(&l)) => i += 12,
            Some(0xD800..=0xDFFF) => {
                out.push_str(&text[from..i]);
                out.push_str("\\uFFFD");
                i += 6;
                from = i;
                changed = true;
            }
            // Any other escape, "\\\\" included, is passed over whole.
            _ => i += 2,
        }
    }
    out.push_str(&text[from..]);
    changed.then_some(out)
}

/// Turns one serde_json error met reading `text` into our `Error`.
fn from_serde(text: &str, e: &serde_json::Error) -> Error {
    use serde_json::error::Category;
    let (line, column) = (e.line(), e.column());
    let raw = strip_position(&e.to_string());
    let mut err = match e.classify() {
        Category::Syntax | Category::Eof | Category::Io => Error::at(
            "",
            format!("malformed JSON at line {line}, column {column}: {raw}"),
        ),
        Category::Data if line == 0 => rewrite("", &raw),
        Category::Data => {
            let at = path::offset_of(text, line, column);
            rewrite(&path::path_at(text, at, place(&raw)), &raw)
        }
    };
    // The spec's own words quoted in the message lose their bidi controls,
    // so that they cannot reorder the message around them.
    err.message = crate::spec::clean(&err.message);
    err.path = crate::spec::clean(&err.path);
    if line > 0 {
        err.line = Some(line);
        err.column = Some(column);
    }
    err
}

/// Removes serde_json's " at line L column C" suffix.
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_owned(),
        None => msg.to_owned(),
    }
}

/// Where serde_json's reader stands for the error `raw` (see `path`).
fn place(raw: &str) -> Place {
    const CONTAINER: [&str; 5] = ["missing field `", "duplicate field `", "duplicate language `", "expected at least one language", "invalid length "];
    if raw.starts_with("unknown variant `") {
        Place::Variant
    } else if CONTAINER.iter().any(|p| raw.starts_with(p)) {
        Place::Container
    } else if raw
        .strip_prefix("invalid type: sequence, expected ")
        .is_some_and(|expected| crate::spec::STR_OR_MAP_EXPECTED.contains(&expected))
    {
        // The "string or object" fields' visitor enters the list before it refuses it.
        Place::Container
    } else {
        Place::Value
    }
}

fn join(parent: &str, field: &str) -> String {
    if parent.is_empty() {
        field.to_owned()
    } else {
        format!("{parent}.{field}")
    }
}

/// Rewrites a serde data error in plain words.
fn rewrite(path: &str, raw: &str) -> Error {
    if let Some(rest) = raw.strip_prefix("unknown field `") {
        let (field, expected) = split_expected(rest);
        // The path already ends with the unknown field.
        return Error::at(path, unknown("field", &field, &expected));
    }
    if let Some(rest) = raw.strip_prefix("unknown variant `") {
        let (variant, expected) = split_expected(rest);
        return Error::at(path, unknown("value", &variant, &expected));
    }
    if let Some(rest) = raw.strip_prefix("duplicate field `") {
        return Error::at(join(path, rest.trim_end_matches('`')), "this field is written twice; JSON keeps one of them, so remove the other");
    }
    if let Some(rest) = raw.strip_prefix("duplicate language `") {
        return Error::at(join(path, rest.trim_end_matches('`')), "this language is written twice; remove one of them");
    }
    if let Some(rest) = raw.strip_prefix("missing field `") {
        let field = rest.trim_end_matches('`');
        return Error::at(join(path, field), "this required field is missing".to_owned());
    }
    if let Some(rest) = raw.strip_prefix("invalid type: ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            return Error::at(
                path,
                format!("expected {}, found {}", plain_expected(expected), plain_found(found)),
            );
        }
    }
    if let Some(rest) = raw.strip_prefix("invalid value: ") {
        if let Some((found, expected)) = rest.split_once(", expected ") {
            return Error::at(
                path,
                format!("expected {}, found {}", plain_expected(expected), plain_found(found)),
            );
        }
    }
    if let Some(rest) = raw.strip_prefix("invalid length ") {
        return Error::at(path, format!("wrong number of items: {rest}"));
    }
    Error::at(path, raw.to_owned())
}

/// Splits "name`, expected one of `a`, `b`" into ("name", ["a", "b"]).
fn split_expected(rest: &str) -> (String, Vec<String>) {
    let (name, tail) = rest.split_once('`').unwrap_or((rest, ""));
    let expected = tail
        .split('`')
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, s)| s.to_owned())
        .collect();
    (name.to_owned(), expected)
}

/// "unknown field `subtitel`; did you mean `subtitle`?"
fn unknown(what: &str, name: &str, expected: &[String]) -> String {
    let shown = match what {
        "value" => format!("\"{name}\""),
        _ => format!("`{name}`"),
    };
    let quote = |s: &str| match what {
        "value" => format!("\"{s}\""),
        _ => format!("`{s}`"),
    };
    match suggest(name, expected) {
        Some(best) => format!("unknown {what} {shown}; did you mean {}?", quote(best)),
        None if expected.is_empty() => format!("unknown {what} {shown}; this object takes no fields"),
        None => format!(
            "unknown {what} {shown}; expected one of {}",
            expected.iter().map(|s| quote(s)).collect::<Vec<_>>().join(", ")
        ),
    }
}

/// The valid name nearest to `name`, if it is near enough to be a typo.
pub fn suggest<'a>(name: &str, valid: &'a [String]) -> Option<&'a str> {
    let lower = name.to_ascii_lowercase();
    valid
        .iter()
        .map(|v| (v, strsim::jaro_winkler(&lower, &v.to_ascii_lowercase())))
        .filter(|(_, score)| *score >= 0.8)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(v, _)| v.as_str())
}

/// serde's names for expected types, in plain words.
fn plain_expected(expected: &str) -> String {
    match expected {
        "f64" | "f32" => "a number".to_owned(),
        "i32" | "i64" | "u32" | "u64" | "usize" | "u8" | "u16" | "i16" => "a whole number".to_owned(),
        "a boolean" => "true or false".to_owned(),
        "a sequence" => "a list (JSON array)".to_owned(),
        "a string" => "a string".to_owned(),
        other if other.starts_with("struct ") => "an object".to_owned(),
        other if other.starts_with("a sequence") => "a list (JSON array)".to_owned(),
        other => other.to_owned(),
    }
}

/// serde's description of what it found, in plain words.
fn plain_found(found: &str) -> String {
    if let Some(s) = found.strip_prefix("string ") {
        return s.to_owned();
    }
    for prefix in ["floating point ", "integer "] {
        if let Some(n) = found.strip_prefix(prefix) {
            return n.trim_matches('`').to_owned();
        }
    }
    match found {
        "map" => "an object".to_owned(),
        "sequence" => "a list".to_owned(),
        "unit value" | "null" => "null".to_owned(),
        other => other.trim_matches('`').to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestion_picks_the_nearest_name() {
        let valid: Vec<String> = ["title", "subtitle", "source"].iter().map(|s| s.to_string()).collect();
        assert_eq!(suggest("subtitel", &valid), Some("subtitle"));
        assert_eq!(suggest("Title", &valid), Some("title"));
        assert_eq!(suggest("zzzz", &valid), None);
    }

    /// (spec, path, start of message): serde_json's error at every kind of
    /// place, the path read back from its line and column (as
    /// serde_path_to_error gave them).
    const PLACES: &[(&str, &str, &str)] = &[
        (r#"{"type": "bar", "data": [{"label": "a", "value": [1]}]}"#, "data[0].value", "expected a number, found a list"),
        (r#"{"type": "bar", "titel" : 1, "data": []}"#, "titel", "unknown field `titel`; did you mean"),
        (r#"{"type": "bar", "ti\u0074el": 1}"#, "titel", "unknown field `titel`"),
        (r#"{"type": "bar", "zzz"}"#, "zzz", "unknown field `zzz`"),
        (r#"{"type": "line", "series": [{"name": "a"}, {"data": []}]}"#, "series[1].name", "this required field is missing"),
        (r#"{"type": "bar", "series": [[]]}"#, "series[0]", "wrong number of items: 0"),
        (r#"{"type": "bar", "data": [{"label": "a", "qualifier": "nope"}]}"#, "data[0].qualifier", "unknown value \"nope\""),
        (r#"{"type": "bar", "data": [{"label": "a", "qualifier": "nope" , "value": 1}]}"#, "data[0].qualifier", "unknown value \"nope\""),
        (r#"{"type": {"lines": 1}}"#, "type", "unknown value \"lines\"; did you mean \"line\"?"),
        (r#"{"type": "bar", "type": "line"}"#, "type", "this field is written twice"),
        (r#"{"type": "bar", "theme": {"base": "blue"}}"#, "theme.base", "unknown value \"blue\""),
        (r##"{"type": "bar", "theme": {"palette": ["#000", 1]}}"##, "theme.palette[1]", "expected a string, found 1"),
        (r#"{"type": "bar", "theme": {"font": "a", "font": "b"}}"#, "theme.font", "this field is written twice"),
        (r#"{"type": "bar", "theme": ["dark"]}"#, "theme", "expected \"light\", \"dark\", \"auto\" or an object"),
        (r#"{"type": "bar", "title": [1, 2]}"#, "title", "expected a string, or an object of strings"),
        (r#"{"type": "bar", "title": []}"#, "title", "expected a string, or an object of strings"),
        (r#"{"type": "bar", "title": {}}"#, "title", "expected at least one language"),
        (r#"{"type": "bar", "title": {"en": "a", "en": "b"}}"#, "title.en", "this language is written twice"),
        (r#"{"type": "bar", "title": {"en": "a", "en": "b", "fr": "c"}}"#, "title.en", "this language is written twice"),
        (r#"{"type": "bar", "title": {"e\"n": "x"}}"#, "title.e\"n", "unknown value \"e\"n\""),
        (r#"{"type": "bar", "title": {"de": }}"#, "title.de", "unknown value \"de\""),
        (r#"{"type": "bar", "title": "日本🏠", "data": [{"label": "é", "value": "x"}]}"#, "data[0].value", "expected a number, found \"x\""),
        ("{\"type\": \"bar\",\r\n \"data\": [\r\n{\"label\": \"a\", \"value\": true}]}", "data[0].value", "expected a number, found boolean"),
    ];

    #[test]
    fn paths_at_every_kind_of_place() {
        for (spec, path, message) in PLACES {
            let e = match from_json::<crate::spec::ChartSpec>(spec) {
                Ok(_) => panic!("accepted: {spec}"),
                Err(e) => e,
            };
            assert_eq!((e.path.as_str(), e.message.starts_with(message)), (*path, true), "{spec}: {e}");
            assert!(e.line.is_some() && e.column.is_some(), "{spec}: {e:?}");
        }
        let e = from_json::<crate::spec::ChartSpec>("{\"type\": \"bar\",\r\n \"data\": [\r\n{\"value\": true}]}").unwrap_err();
        assert_eq!((e.line, e.column), (Some(3), Some(14)));
    }

    #[test]
    fn position_suffix_is_removed() {
        assert_eq!(strip_position("expected value at line 1 column 2"), "expected value");
    }
}
