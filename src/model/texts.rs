//! Texts shown in another language than the chart's: one `Warning` per text
//! of the spec that has no version in the chart's language (`title: no "ar"
//! text; shown in English`), and one for the dataset's texts, listing them.
//! A plain string is the journalist's own text in whatever language they
//! wrote it, so only an object of translations can lack a language.

use crate::error::Warning;
use crate::i18n::language_name;
use crate::spec::{ChartSpec, Dataset, Datum, Lang, LocalText};

/// How many of a dataset's texts a warning names before "and N more".
const LISTED: usize = 4;

/// The spec's own texts outside its data, with their paths.
pub(super) fn top_texts(spec: &ChartSpec) -> [(&'static str, &Option<LocalText>); 7] {
    [
        ("title", &spec.title),
        ("subtitle", &spec.subtitle),
        ("source", &spec.source),
        ("note", &spec.note),
        ("unit", &spec.unit),
        ("axisTitle", &spec.axis_title),
        ("restLabel", &spec.rest_label),
    ]
}

/// The warnings for `spec` (and the dataset it names, `ds`) drawn in `lang`.
pub(super) fn fallbacks(spec: &ChartSpec, ds: Option<&Dataset>, lang: Lang) -> Vec<Warning> {
    let mut own: Vec<(String, &LocalText)> = Vec::new();
    own.extend(top_texts(spec).into_iter().filter_map(|(p, t)| Some((p.to_owned(), t.as_ref()?))));
    if let Some(data) = &spec.data {
        data_texts(&mut own, "data", data);
    }
    for (i, s) in spec.series.iter().flatten().enumerate() {
        own.push((format!("series[{i}].name"), &s.name));
        data_texts(&mut own, &format!("series[{i}].data"), &s.data);
    }
    for (i, a) in spec.annotations.iter().flatten().enumerate() {
        own.push((format!("annotations[{i}].label"), &a.label));
    }
    let mut out: Vec<Warning> = own
        .into_iter()
        .filter_map(|(path, t)| {
            let shown = t.fallback(lang)?;
            Some(Warning::at(path, format!("no \"{}\" text; shown in {}", lang.code(), language_name(shown))))
        })
        .collect();

    // The dataset's texts that the chart shows: those the spec does not replace.
    let Some(ds) = ds else { return out };
    let mut used: Vec<(String, &LocalText)> = Vec::new();
    let inherited = [("title", &spec.title, &ds.title), ("unit", &spec.unit, &ds.unit), ("source", &spec.source, &ds.source)];
    used.extend(inherited.into_iter().filter_map(|(p, mine, theirs)| match mine {
        Some(_) => None,
        None => Some((p.to_owned(), theirs.as_ref()?)),
    }));
    if spec.data.is_none() && spec.series.is_none() {
        data_texts(&mut used, "data", &ds.data);
    }
    let missing: Vec<(String, Lang)> = used.into_iter().filter_map(|(p, t)| Some((p, t.fallback(lang)?))).collect();
    if let Some((_, shown)) = missing.first() {
        let mut names: Vec<String> = missing.iter().take(LISTED).map(|(p, _)| p.clone()).collect();
        if missing.len() > LISTED {
            names.push(format!("and {} more", missing.len() - LISTED));
        }
        out.push(Warning::at(
            "dataset",
            format!(
                "the dataset \"{}\" has no \"{}\" text for {}; shown in {}",
                ds.name,
                lang.code(),
                names.join(", "),
                language_name(*shown)
            ),
        ));
    }
    out
}

fn data_texts<'a>(out: &mut Vec<(String, &'a LocalText)>, path: &str, data: &'a [Datum]) {
    for (i, d) in data.iter().enumerate() {
        for (field, t) in [("label", &d.label), ("note", &d.note), ("source", &d.source), ("unit", &d.unit)] {
            if let Some(t) = t {
                out.push((format!("{path}[{i}].{field}"), t));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::prepare;

    #[test]
    fn a_text_without_the_charts_language_is_a_warning_naming_its_path() {
        let spec = r#"{"type": "bar", "locale": "ar", "title": {"en": "Homes", "zh": "住房"}, "subtitle": "plain text",
            "data": [{"label": {"en": "A", "ar": "أ"}, "value": 1}, {"label": {"zh": "乙"}, "value": 2}]}"#;
        let (_, w) = prepare(spec).unwrap();
        let text: Vec<String> = w.iter().map(|w| format!("{}: {}", w.path, w.message)).collect();
        assert!(text.contains(&"title: no \"ar\" text; shown in English".to_owned()), "{text:?}");
        assert!(text.contains(&"data[1].label: no \"ar\" text; shown in Chinese".to_owned()), "{text:?}");
        assert_eq!(text.len(), 2, "a plain string and a text with \"ar\" warn of nothing: {text:?}");
    }

    #[test]
    fn a_datasets_texts_are_named_in_one_warning() {
        let ds: crate::spec::Dataset = crate::parse::from_json(
            r#"{"name": "homes", "title": {"en": "Homes"}, "source": {"en": "UN-Habitat", "ar": "موئل الأمم المتحدة"},
                "data": [{"label": {"en": "A"}, "value": 1}, {"label": {"en": "B"}, "value": 2, "note": {"en": "n"}},
                         {"label": {"en": "C"}, "value": 3}, {"label": {"en": "D"}, "value": 4}]}"#,
        )
        .unwrap();
        let spec: crate::spec::ChartSpec = crate::parse::from_json(r#"{"type": "bar", "dataset": "homes", "title": "mine"}"#).unwrap();
        let w = super::fallbacks(&spec, Some(&ds), crate::spec::Lang::Ar);
        assert_eq!(w.len(), 1, "{w:?}");
        assert_eq!(w[0].path, "dataset");
        assert_eq!(
            w[0].message,
            "the dataset \"homes\" has no \"ar\" text for data[0].label, data[1].label, data[1].note, data[2].label, and 1 more; shown in English"
        );
        assert!(super::fallbacks(&spec, Some(&ds), crate::spec::Lang::En).is_empty());
    }
}
