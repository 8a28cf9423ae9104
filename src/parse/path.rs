//! The JSON path of a serde_json error, read back from the spec text.
//!
//! serde_json streams: every error is raised while the value it is about is
//! being read, and its line and column are where the reader stood then (a
//! byte offset, as serde_json counts columns in bytes). Scanning the text up
//! to that offset with a stack of object keys and array indices gives the
//! path of the value being read; `Place` says, per kind of error, where
//! serde_json leaves the reader relative to that value:
//!
//! - `Value`: just after the value (a wrong type or number, an unknown
//!   field's key, a language or theme field refused after its colon), or just
//!   before a list or object that was not entered.
//! - `Container`: an error of the object or list itself (a missing or
//!   duplicate field, a duplicate language, an empty language object, too
//!   few items, a list given to a "string or object" field): inside it, or
//!   just after its closing bracket.
//! - `Variant`: an unknown enum variant (a string), which serde_json places
//!   after the enclosing object's or list's end when the string is its last
//!   item.
//!
//! Nothing in `spec` buffers (no untagged, internally tagged or flattened
//! enums), so no error is raised after the reader has moved past its value
//! in any other way; the tests in `tests/spec_errors.rs` and below pin the
//! paths.

/// Where serde_json's reader stands for a kind of error (see the module doc).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Place {
    /// At the value (after it, or before a container not entered).
    Value,
    /// In the object or list the error is about, or just after it.
    Container,
    /// After an unknown variant's string, maybe past its container's end.
    Variant,
}

/// The JSON path of the value an error at byte `offset` of `text` is
/// about ("data[2].value"; empty for the whole spec).
pub(super) fn path_at(text: &str, offset: usize, place: Place) -> String {
    let scan = Scan::to(text, offset);
    match (place, scan.last) {
        (Place::Value, _) | (Place::Variant, Last::Colon) => scan.path(text, scan.frames.len()),
        (Place::Container, Last::Close) => scan.path(text, scan.frames.len()),
        // An enum given as an object with an unknown variant for its key.
        (Place::Container, _) | (Place::Variant, Last::Key) => scan.path(text, scan.frames.len().saturating_sub(1)),
        (Place::Variant, _) => {
            // Back over whatever the enclosing deserializer read after the
            // string: white space, its closing bracket, a list's comma.
            let b = text.as_bytes();
            let mut end = offset.min(b.len());
            while end > 0 && matches!(b[end - 1], b' ' | b'\t' | b'\n' | b'\r' | b'}' | b']' | b',') {
                end -= 1;
            }
            let scan = Scan::to(text, end);
            scan.path(text, scan.frames.len())
        }
    }
}

/// The byte offset of serde_json's `line` (1-based) and `column` (bytes
/// read on that line).
pub(super) fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start = match line {
        0 | 1 => 0,
        n => text.match_indices('\n').nth(n - 2).map_or(text.len(), |(i, _)| i + 1),
    };
    (start + column).min(text.len())
}

/// What the scan read last.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Last {
    /// Nothing yet.
    Start,
    /// `{` or `[`.
    Open,
    /// An object's key.
    Key,
    /// The colon after a key.
    Colon,
    /// A string, number, `true`, `false` or `null` (not a key).
    Value,
    /// `}` or `]`.
    Close,
    /// `,`.
    Comma,
}

/// An open object or list.
#[derive(Debug, Clone, Copy)]
struct Frame {
    /// A list (else an object).
    list: bool,
    /// The list's current index (its commas so far).
    index: usize,
    /// The object's current key: the byte range of its text between the
    /// quotes, escapes and all; `None` before the first key and after a comma.
    key: Option<(usize, usize)>,
}

/// The state of the text up to an offset.
#[derive(Debug)]
struct Scan {
    /// Open objects and lists, outermost first.
    frames: Vec<Frame>,
    /// What was read last.
    last: Last,
}

impl Scan {
    /// Reads `text` up to byte `end`, or to the first thing that is not JSON.
    fn to(text: &str, end: usize) -> Scan {
        let b = text.as_bytes();
        let end = end.min(b.len());
        let mut scan = Scan { frames: Vec::new(), last: Last::Start };
        let mut i = 0;
        while i < end {
            match b[i] {
                b' ' | b'\t' | b'\n' | b'\r' => i += 1,
                b'"' => {
                    let start = i + 1;
                    let mut j = start;
                    while j < end && b[j] != b'"' {
                        j += if b[j] == b'\\' { 2 } else { 1 };
                    }
                    if j >= end {
                        break; // the offset is inside this string
                    }
                    let key = matches!(scan.last, Last::Open | Last::Comma);
                    match scan.frames.last_mut() {
                        Some(f) if !f.list && key => {
                            f.key = Some((start, j));
                            scan.last = Last::Key;
                        }
                        _ => scan.last = Last::Value,
                    }
                    i = j + 1;
                }
                c @ (b'{' | b'[') => {
                    scan.frames.push(Frame { list: c == b'[', index: 0, key: None });
                    scan.last = Last::Open;
                    i += 1;
                }
                b'}' | b']' => {
                    // serde_json reads a bracket after a key or colon only
                    // while failing on that key: the error is about the key.
                    if matches!(scan.last, Last::Key | Last::Colon) || scan.frames.pop().is_none() {
                        break;
                    }
                    scan.last = Last::Close;
                    i += 1;
                }
                b':' => {
                    scan.last = Last::Colon;
                    i += 1;
                }
                b',' => {
                    if let Some(f) = scan.frames.last_mut() {
                        f.index += 1;
                        f.key = None;
                    }
                    scan.last = Last::Comma;
                    i += 1;
                }
                _ => {
                    // A number or `true`, `false`, `null`.
                    while i < end && !matches!(b[i], b' ' | b'\t' | b'\n' | b'\r' | b',' | b':' | b'"' | b'{' | b'}' | b'[' | b']') {
                        i += 1;
                    }
                    scan.last = Last::Value;
                }
            }
        }
        scan
    }

    /// The path through the first `depth` frames, written as
    /// serde_path_to_error did: `series[0].data[2].value`.
    fn path(&self, text: &str, depth: usize) -> String {
        let mut out = String::new();
        let mut first = true;
        for f in &self.frames[..depth.min(self.frames.len())] {
            if f.list {
                out.push('[');
                out.push_str(&f.index.to_string());
                out.push(']');
            } else if let Some((start, end)) = f.key {
                if !first {
                    out.push('.');
                }
                out.push_str(&key_text(text, start, end));
            } else {
                continue;
            }
            first = false;
        }
        out
    }
}

/// The key between the quotes at `text[start - 1]` and `text[end]`, its
/// escapes read as serde_json reads them.
fn key_text(text: &str, start: usize, end: usize) -> String {
    let raw = text.get(start..end).unwrap_or("");
    if !raw.contains('\\') {
        return raw.to_owned();
    }
    text.get(start - 1..end + 1)
        .and_then(|quoted| serde_json::from_str::<String>(quoted).ok())
        .unwrap_or_else(|| raw.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The path of an error of kind `place` where `¦` stands in `marked`.
    fn at(marked: &str, place: Place) -> String {
        let offset = marked.find('¦').unwrap();
        let text = marked.replacen('¦', "", 1);
        path_at(&text, offset, place)
    }

    fn value(marked: &str) -> String {
        at(marked, Place::Value)
    }

    #[test]
    fn nested_objects_and_lists() {
        assert_eq!(value("¦{"), "");
        assert_eq!(value(r#"{"a": 1¦}"#), "a");
        assert_eq!(value(r#"{"a": {"b": {"c": true¦}}}"#), "a.b.c");
        assert_eq!(value(r#"[[1, [2, 3¦]]]"#), "[0][1][1]");
        assert_eq!(value(r#"{"data": [{"x": 1}, {"x": 2}, {"value": "51 million"¦}]}"#), "data[2].value");
        assert_eq!(value(r#"{"s": [{"data": [0, {"v": null¦}]}]}"#), "s[0].data[1].v");
    }

    #[test]
    fn before_a_value_that_was_not_entered() {
        assert_eq!(value(r#"{"x": ¦[1]}"#), "x");
        assert_eq!(value(r#"{"x": [¦[1]]}"#), "x[0]");
        assert_eq!(value(r#"{"x": [1, ¦{}]}"#), "x[1]");
        assert_eq!(value(r#"{"a": 1,¦ "#), "");
    }

    #[test]
    fn after_a_key_or_its_colon() {
        assert_eq!(value(r#"{"type": "bar", "titel"¦: 1}"#), "titel");
        assert_eq!(value(r#"{"type": "bar", "titel" ¦: 1}"#), "titel");
        assert_eq!(value(r#"{"theme": {"extra": ¦1}}"#), "theme.extra");
        // A key with no value: serde_json reads the bracket after it.
        assert_eq!(value(r#"{"a": 1, "zzz"}¦"#), "zzz");
        assert_eq!(value(r#"{"t": {"de": }¦}"#), "t.de");
    }

    #[test]
    fn errors_of_a_container() {
        let container = |m: &str| at(m, Place::Container);
        // Missing field: after the object's closing brace.
        assert_eq!(container(r#"{"series": [{"name": "a"}, {"data": []}¦]}"#), "series[1]");
        assert_eq!(container(r#"{"title": "x"}¦"#), "");
        // Inside it: a duplicate, or a list refused once entered.
        assert_eq!(container(r#"{"title": {"en": "a", "en": "b"¦, "fr": "c"}}"#), "title");
        assert_eq!(container(r#"{"type": "bar", "type"¦: "line"}"#), "");
        assert_eq!(container(r#"{"title": [¦1, 2]}"#), "title");
        assert_eq!(container(r#"{"title": [1, ¦2]}"#), "title");
        assert_eq!(container(r#"{"title": []¦}"#), "title");
        assert_eq!(container(r#"{"x": [{"a": 1}, [1]¦]}"#), "x[1]");
    }

    #[test]
    fn unknown_variants() {
        let variant = |m: &str| at(m, Place::Variant);
        assert_eq!(variant(r#"{"type": "lines"¦, "data": []}"#), "type");
        assert_eq!(variant(r#"{"type": "lines" ¦, "data": []}"#), "type");
        // The last field: serde_json has read the object's end.
        assert_eq!(variant(r#"{"data": [{"label": "a", "qualifier": "more than" }¦]}"#), "data[0].qualifier");
        assert_eq!(variant(r#"{"theme": {"base": "blue"}¦}"#), "theme.base");
        // The last item of a list, and one before a comma the list read.
        assert_eq!(variant(r#"{"d": [["a", "b"]¦]}"#), "d[0][1]");
        assert_eq!(variant(r#"{"d": ["a", "b", ¦"c"]}"#), "d[1]");
        // A language refused after its colon, and an enum given as an object.
        assert_eq!(variant(r#"{"title": {"de": ¦"b"}}"#), "title.de");
        assert_eq!(variant(r#"{"type": {"lines"¦: 1}}"#), "type");
    }

    #[test]
    fn strings_hide_brackets_commas_and_escaped_quotes() {
        assert_eq!(value(r#"{"a": "x, ] } [ { : \" \\", "b": 1¦}"#), "b");
        assert_eq!(value(r#"{"a": ["]", "[", "\"]"], "b": [1, "\\"¦]}"#), "b[1]");
        assert_eq!(value(r#"{"a\"b": {"c,d": [0, 1¦]}}"#), r#"a"b.c,d[1]"#);
    }

    #[test]
    fn keys_are_unescaped() {
        assert_eq!(value(r#"{"\u0074ype": 1¦}"#), "type");
        assert_eq!(value(r#"{"back\\slash": 1¦}"#), r"back\slash");
        assert_eq!(value(r#"{"tab\tnew\nline\/": 1¦}"#), "tab\tnew\nline/");
        assert_eq!(value(r#"{"\ud83c\udfe0": 1¦}"#), "🏠");
        // Written as serde_path_to_error wrote them, empty keys and all.
        assert_eq!(value(r#"{"": {"x": 1¦}}"#), ".x");
        assert_eq!(value(r#"{"a.b": {"[0]": 1¦}}"#), "a.b.[0]");
    }

    #[test]
    fn unicode_before_and_in_the_path() {
        assert_eq!(value(r#"{"日本": {"é": [1, "ü🏠"¦]}}"#), "日本.é[1]");
        assert_eq!(value("{\"t\": \"مرحبا\",\n \"v\": \"x\"¦}"), "v");
    }

    #[test]
    fn an_offset_inside_a_string_stops_the_scan() {
        assert_eq!(value(r#"{"a": {"b": "unfinished¦ text"}}"#), "a.b");
        assert_eq!(value(r#"{"a": {"b¦": 1}}"#), "a");
    }

    #[test]
    fn offsets_from_lines_and_byte_columns() {
        let text = "ab\ncdé\r\nf";
        assert_eq!(offset_of(text, 1, 2), 2);
        assert_eq!(offset_of(text, 2, 0), 3);
        assert_eq!(offset_of(text, 2, 4), 7);
        assert_eq!(offset_of(text, 3, 1), 10);
        assert_eq!(offset_of(text, 9, 9), text.len());
        assert_eq!(offset_of(text, 0, 0), 0);
    }
}
