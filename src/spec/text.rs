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
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = LocalText;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string, or an object of strings by language such as {\"en\": …, \"zh\": …}")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<LocalText, E> {
                Ok(LocalText::Plain(s.to_owned()))
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<LocalText, E> {
                Ok(LocalText::Plain(s))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<LocalText, A::Error> {
                let mut out: Vec<(Lang, String)> = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    let Some(lang) = Lang::ALL.into_iter().find(|l| l.code() == key) else {
                        // Fail inside the value, so that the error's path ends in the key.
                        return map.next_value_seed(Reject(key));
                    };
                    let text: String = map.next_value()?;
                    if out.iter().any(|(l, _)| *l == lang) {
                        return Err(de::Error::custom(format_args!(
                            "duplicate language `{}`",
                            lang.code()
                        )));
                    }
                    out.push((lang, text));
                }
                if out.is_empty() {
                    return Err(de::Error::custom("expected at least one language, such as {\"en\": \"…\"}"));
                }
                Ok(LocalText::Translated(out))
            }
        }
        d.deserialize_any(V)
    }
}

/// A seed that refuses the value of an unknown language key.
struct Reject(String);

impl<'de> de::DeserializeSeed<'de> for Reject {
    type Value = LocalText;
    fn deserialize<D: Deserializer<'de>>(self, _: D) -> Result<LocalText, D::Error> {
        const CODES: &[&str] = &["en", "zh", "fr", "es", "ru", "ar"];
        Err(de::Error::unknown_variant(&self.0, CODES))
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
