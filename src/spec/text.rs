//! Text that may come in several languages: `"Homeless people"` or
//! `{"en": "Homeless people", "zh": "无家可归者"}`.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;

/// A language (and number-formatting locale) the charts speak: the six
/// official languages of the United Nations.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English (the default).
    #[default]
    En,
    /// Chinese (simplified): 万 and 亿 for large numbers.
    Zh,
    /// French: "2,8 milliards".
    Fr,
    /// Spanish: "2,8 mil millones".
    Es,
    /// Russian: "2,8 млрд".
    Ru,
    /// Arabic: right-to-left layout.
    Ar,
}

impl Lang {
    /// All languages, in the order they are tried as fallbacks.
    pub const ALL: [Lang; 6] = [Lang::En, Lang::Zh, Lang::Fr, Lang::Es, Lang::Ru, Lang::Ar];

    /// The BCP 47 code ("en", "zh", …).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
            Lang::Fr => "fr",
            Lang::Es => "es",
            Lang::Ru => "ru",
            Lang::Ar => "ar",
        }
    }

    /// Whether the language is written right to left.
    pub fn is_rtl(self) -> bool {
        self == Lang::Ar
    }

    /// Parses a BCP 47 tag such as "zh-CN" or "en-GB" by its primary subtag.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.code() == primary)
    }
}

/// A string in one language, or one string per language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LocalText {
    /// The same text whatever the chart's language.
    Plain(String),
    /// One text per language; missing languages fall back to English, then to
    /// any language given.
    Translated(Vec<(Lang, String)>),
}

impl LocalText {
    /// The text for `lang`, falling back to English and then to the first given.
    pub fn get(&self, lang: Lang) -> &str {
        match self {
            LocalText::Plain(s) => s,
            LocalText::Translated(v) => v
                .iter()
                .find(|(l, _)| *l == lang)
                .or_else(|| v.iter().find(|(l, _)| *l == Lang::En))
                .or_else(|| v.first())
                .map(|(_, s)| s.as_str())
                .unwrap_or(""),
        }
    }

    /// The language shown instead of `lang` when this text has none in
    /// `lang` (the one `get` falls back to); `None` when it has, or when it
    /// is a plain string (the writer's own, in no language we can tell).
    pub fn fallback(&self, lang: Lang) -> Option<Lang> {
        match self {
            LocalText::Plain(_) => None,
            LocalText::Translated(v) if v.iter().any(|(l, _)| *l == lang) => None,
            LocalText::Translated(v) => v.iter().find(|(l, _)| *l == Lang::En).or_else(|| v.first()).map(|(l, _)| *l),
        }
    }

    /// Every string this text holds (for validation of lengths and content).
    pub fn all(&self) -> Vec<&str> {
        match self {
            LocalText::Plain(s) => vec![s.as_str()],
            LocalText::Translated(v) => v.iter().map(|(_, s)| s.as_str()).collect(),
        }
    }
}

impl From<&str> for LocalText {
    fn from(s: &str) -> Self {
        LocalText::Plain(s.to_owned())
    }
}

impl<'de> Deserialize<'de> for LocalText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match d.deserialize_any(StrOrMap::Text)? {
            Either::Text(t) => Ok(t),
            Either::Theme(_) => Err(de::Error::custom("expected a text")),
        }
    }
}

/// The one visitor of every field that is a string or an object (`LocalText`,
/// `ThemeSpec`): serde_json's `deserialize_any` is compiled once per visitor
/// type, some 5 KB of wasm each, so the fields share this one and say which
/// they are.
#[derive(Clone, Copy)]
pub(super) enum StrOrMap {
    /// A `LocalText`.
    Text = 0,
    /// A `ThemeSpec`.
    Theme = 1,
}

/// What `StrOrMap` read.
pub(super) enum Either {
    Text(LocalText),
    Theme(super::ThemeSpec),
}

/// What `StrOrMap` expects, as `Text` and as `Theme`. `parse` knows an error
/// by it: this visitor enters a list before refusing it, so serde_json places
/// such an error inside the list, not before it.
pub(crate) const STR_OR_MAP_EXPECTED: [&str; 2] = [
    "a string, or an object of strings by language such as {\"en\": …, \"zh\": …}",
    "\"light\", \"dark\", \"auto\" or an object such as {\"base\": \"light\", \"font\": \"Georgia, serif\"}",
];

impl<'de> Visitor<'de> for StrOrMap {
    type Value = Either;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(STR_OR_MAP_EXPECTED[*self as usize])
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<Either, E> {
        match self {
            StrOrMap::Text => Ok(Either::Text(LocalText::Plain(clean(s)))),
            StrOrMap::Theme => super::theme_name(s).map(Either::Theme),
        }
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Either, A::Error> {
        if let StrOrMap::Theme = self {
            return super::theme_object(map).map(Either::Theme);
        }
        let mut out: Vec<(Lang, String)> = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            let Some(lang) = Lang::ALL.into_iter().find(|l| l.code() == key) else {
                // Fail inside the value, so that the error's path ends in the key.
                return map.next_value_seed(Reject { key, expected: &["en", "zh", "fr", "es", "ru", "ar"], field: false });
            };
            let text: String = map.next_value()?;
            // `parse::place` knows this message and the one below: errors
            // of the object itself, whose path ends before the key.
            if out.iter().any(|(l, _)| *l == lang) {
                return Err(de::Error::custom(format_args!("duplicate language `{}`", lang.code())));
            }
            out.push((lang, clean(&text)));
        }
        if out.is_empty() {
            return Err(de::Error::custom("expected at least one language, such as {\"en\": \"…\"}"));
        }
        Ok(Either::Text(LocalText::Translated(out)))
    }
}

/// Whether `c` is a character no text of a chart keeps: C0 and C1 controls,
/// the bidi embeddings, overrides and isolates (U+202A–202E, U+2066–2069),
/// which would reorder the text around a label (the marks U+200E, U+200F
/// and U+061C are kept: they order only their neighbours), the BOM and the
/// interlinear annotation controls.
pub(crate) fn is_stripped(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}')
}

/// A text as charts keep it: tabs and line breaks become spaces, the
/// characters of `is_stripped` go.
pub(crate) fn clean(s: &str) -> String {
    if !s.chars().any(is_stripped) {
        return s.to_owned();
    }
    s.chars()
        .filter_map(|c| match c {
            '\t' | '\n' | '\r' => Some(' '),
            c if is_stripped(c) => None,
            c => Some(c),
        })
        .collect()
}

/// A seed that refuses the value of an unknown key: an unknown value
/// (language) or field (theme object). Failing inside the value puts the key
/// at the end of the error's path.
pub(super) struct Reject {
    /// The key.
    pub key: String,
    /// The keys that are known.
    pub expected: &'static [&'static str],
    /// Whether the key names a field (else a value, such as a language).
    pub field: bool,
}

impl<'de> de::DeserializeSeed<'de> for Reject {
    type Value = Either;
    fn deserialize<D: Deserializer<'de>>(self, _: D) -> Result<Either, D::Error> {
        Err(if self.field {
            de::Error::unknown_field(&self.key, self.expected)
        } else {
            de::Error::unknown_variant(&self.key, self.expected)
        })
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl schemars::JsonSchema for LocalText {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "LocalText".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A string, or one string per language.",
            "anyOf": [
                { "type": "string" },
                {
                    "type": "object",
                    "properties": {
                        "en": { "type": "string" },
                        "zh": { "type": "string" },
                        "fr": { "type": "string" },
                        "es": { "type": "string" },
                        "ru": { "type": "string" },
                        "ar": { "type": "string" }
                    },
                    "additionalProperties": false,
                    "minProperties": 1
                }
            ]
        })
    }
}
