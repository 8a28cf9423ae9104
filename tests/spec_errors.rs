//! Every kind of mistake in a spec gets one sentence naming its JSON path.
#![cfg(not(target_arch = "wasm32"))]

use housing_charts::{prepare, Error};

fn err(spec: &str) -> Error {
    match prepare(spec) {
        Ok(_) => panic!("expected an error for {spec}"),
        Err(e) => e,
    }
}

fn msg(spec: &str) -> String {
    err(spec).to_string()
}

const OK_DATA: &str = r#""data": [{"label": "a", "value": 1}]"#;

#[test]
fn a_string_where_a_number_belongs() {
    let spec = r#"{"type": "bar", "data": [
        {"label": "a", "value": 1}, {"label": "b", "value": 2},
        {"label": "Africa", "value": "51 million"}]}"#;
    assert_eq!(msg(spec), r#"data[2].value: expected a number, found "51 million""#);
    let e = err(spec);
    assert_eq!(e.path, "data[2].value");
    assert_eq!(e.line, Some(3));
    assert!(e.column.is_some());
}

#[test]
fn misspelt_field_gets_the_nearest_name() {
    let m = msg(&format!(r#"{{"type": "bar", "subtitel": "x", {OK_DATA}}}"#));
    assert_eq!(m, "subtitel: unknown field `subtitel`; did you mean `subtitle`?");
    let m = msg(r#"{"type": "bar", "data": [{"label": "a", "valeu": 1}]}"#);
    assert_eq!(m, "data[0].valeu: unknown field `valeu`; did you mean `value`?");
    let m = msg(r##"{"type": "line", "series": [{"name": "a", "data": [{"year": 2020, "value": 1}], "colour": "#000"}]}"##);
    assert_eq!(m, "series[0].colour: unknown field `colour`; did you mean `color`?");
}

#[test]
fn unknown_field_far_from_any_lists_the_valid_ones() {
    let m = msg(&format!(r#"{{"type": "bar", "zzzzzz": 1, {OK_DATA}}}"#));
    assert!(m.starts_with("zzzzzz: unknown field `zzzzzz`; expected one of `type`, `title`"), "{m}");
}

#[test]
fn missing_data_and_missing_type() {
    assert_eq!(
        msg(r#"{"type": "bar", "title": "x"}"#),
        "data: this required field is missing: give `data` (a list of figures), `table`, `series` or `dataset` (the name of a built-in dataset)"
    );
    assert_eq!(msg(&format!("{{{OK_DATA}}}")), "type: this required field is missing");
    assert_eq!(msg(r#"{"type": "bar", "data": [{"label": "a"}]}"#), "data[0].value: this required field is missing: expected a number");
    assert_eq!(msg(r#"{"type": "line", "series": [{"data": []}]}"#), "series[0].name: this required field is missing");
}

#[test]
fn unknown_chart_type_locale_and_qualifier() {
    assert_eq!(msg(&format!(r#"{{"type": "lines", {OK_DATA}}}"#)), r#"type: unknown value "lines"; did you mean "line"?"#);
    assert_eq!(
        msg(&format!(r#"{{"type": "sankey", {OK_DATA}}}"#)),
        r#"type: unknown value "sankey"; expected one of "bar", "line", "area", "gap", "donut", "pie", "waffle", "stat", "timeline""#
    );
    assert_eq!(
        msg(&format!(r#"{{"type": "bar", "locale": "de", {OK_DATA}}}"#)),
        r#"locale: unknown value "de"; expected one of "en", "zh", "fr", "es", "ru", "ar""#
    );
    assert_eq!(
        msg(r#"{"type": "bar", "data": [{"label": "a", "value": 1, "qualifier": "more than"}]}"#),
        r#"data[0].qualifier: unknown value "more than"; did you mean "more-than"?"#
    );
}

#[test]
fn unknown_dataset_suggests_one() {
    assert_eq!(msg(r#"{"type": "bar", "dataset": "peopel"}"#), r#"dataset: unknown dataset "peopel"; did you mean "people"?"#);
}

#[test]
fn malformed_json_has_line_and_column() {
    let e = err("{\"type\": \"bar\",\n  \"title\": \"a\" \"subtitle\": \"b\"\n}");
    assert!(e.message.starts_with("malformed JSON at line 2, column"), "{e}");
    assert_eq!(e.line, Some(2));
    let e = err(r#"{"type": "bar"} trailing"#);
    assert!(e.message.contains("malformed JSON at line 1"), "{e}");
    let e = err("");
    assert!(e.message.starts_with("the spec is empty"), "{e}");
}

#[test]
fn wrong_types_in_plain_words() {
    assert_eq!(msg(r#"{"type": "bar", "data": {"label": "a"}}"#), "data: expected a list (JSON array), found an object");
    assert_eq!(msg(r#"{"type": "bar", "valueLabels": "yes", "data": [{"label": "a", "value": 1}]}"#), r#"valueLabels: expected true or false, found "yes""#);
    assert_eq!(msg(r#"{"type": "bar", "data": [{"label": "a", "value": 1, "year": 2025.5}]}"#), "data[0].year: expected a whole number, found 2025.5");
    assert!(msg(r#"{"type": "bar", "title": 5, "data": [{"label": "a", "value": 1}]}"#).starts_with("title: expected a string, or an object of strings by language"));
    assert_eq!(msg(r#"{"type": "bar", "title": {"en": "a", "de": "b"}, "data": [{"label": "a", "value": 1}]}"#), r#"title.de: unknown value "de"; expected one of "en", "zh", "fr", "es", "ru", "ar""#);
}

#[test]
fn ranges_are_checked() {
    assert_eq!(
        msg(r#"{"type": "bar", "data": [{"label": "a", "qualifier": "range", "low": 5, "high": 3}]}"#),
        "data[0].low: the low end (5) is above the high end (3)"
    );
    assert_eq!(
        msg(r#"{"type": "bar", "data": [{"label": "a", "qualifier": "range", "low": 5}]}"#),
        "data[0].high: this required field is missing: a range needs `low` and `high`"
    );
    assert!(msg(r#"{"type": "bar", "data": [{"label": "a", "qualifier": "range", "value": 4, "low": 3, "high": 5}]}"#)
        .starts_with("data[0].value: a range has `low` and `high` and no `value`"));
    // low/high without a qualifier mean a range.
    assert!(prepare(r#"{"type": "bar", "data": [{"label": "a", "low": 3, "high": 5}]}"#).is_ok());
}

#[test]
fn options_that_do_not_apply() {
    assert_eq!(
        msg(r#"{"type": "line", "orientation": "horizontal", "series": [{"name": "a", "data": [{"year": 2020, "value": 1}]}]}"#),
        r#"orientation: `orientation` does not apply to a "line" chart; it applies to "bar""#
    );
    assert_eq!(
        msg(r#"{"type": "donut", "series": [{"name": "a", "data": [{"label": "x", "value": 1}]}]}"#),
        r#"series: `series` does not apply to a "donut" chart; it applies to "bar", "line", "area", "gap""#
    );
    assert_eq!(
        msg(r#"{"type": "bar", "units": 8, "data": [{"label": "x", "value": 1}]}"#),
        r#"units: `units` does not apply to a "bar" chart; it applies to "waffle""#
    );
    assert_eq!(
        msg(r#"{"type": "line", "data": [{"label": "x", "value": 1}]}"#),
        "data[0].x: this required field is missing: every point needs `x` or `year`"
    );
}

#[test]
fn bad_values_sizes_and_colours() {
    assert_eq!(msg(r#"{"type": "bar", "data": []}"#), "data: the list of figures is empty");
    assert!(msg(r#"{"type": "bar", "data": [{"label": "a", "value": 1e300}]}"#).starts_with("data[0].value: expected a number of at most"));
    assert_eq!(msg(r#"{"type": "bar", "data": [{"label": "", "value": 1}]}"#), "data[0].label: this required field is missing: every figure needs a label");
    assert_eq!(msg(&format!(r#"{{"type": "bar", "colors": ["blue"], {OK_DATA}}}"#)), r##"colors[0]: expected a colour as "#rrggbb", found "blue""##);
    assert_eq!(msg(&format!(r#"{{"type": "bar", "height": 5, {OK_DATA}}}"#)), "height: expected a size from 100 to 4000 pixels, found 5");
    assert_eq!(msg(&format!(r#"{{"type": "bar", "min": 5, "max": 1, {OK_DATA}}}"#)), "max: `max` (1) must be greater than `min` (5)");
    let long = "x".repeat(3000);
    assert!(msg(&format!(r#"{{"type": "bar", "title": "{long}", {OK_DATA}}}"#)).starts_with("title: text of 3000 characters is too long"));
}

#[test]
fn deny_unknown_fields_is_pinned_on_every_struct() {
    // ChartSpec, Datum, Series, LocalText (by language), the theme object all refuse strangers.
    assert!(msg(&format!(r#"{{"type": "bar", "x_": 1, {OK_DATA}}}"#)).contains("unknown field `x_`"));
    assert!(msg(r#"{"type": "bar", "data": [{"label": "a", "value": 1, "extra": 1}]}"#).contains("unknown field `extra`"));
    assert!(msg(r#"{"type": "line", "series": [{"name": "a", "data": [{"year": 1, "value": 1}], "extra": 1}]}"#).contains("unknown field `extra`"));
    // The theme object (deserialized by hand) too.
    assert!(msg(&format!(r#"{{"type": "bar", "theme": {{"extra": 1}}, {OK_DATA}}}"#)).starts_with("theme.extra: unknown field `extra`"));
}

#[test]
fn warnings_do_not_stop_the_chart() {
    let (_, warnings) = prepare(r#"{"type": "bar", "min": 10, "data": [{"label": "a", "value": 100}]}"#).unwrap();
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].path, "min");
    let (_, warnings) =
        prepare(r#"{"type": "bar", "numberFormat": "percent", "data": [{"label": "a", "value": 130}]}"#).unwrap();
    assert_eq!(warnings[0].path, "numberFormat");
}

#[test]
fn chart_kind_options_are_checked() {
    assert_eq!(
        msg(r#"{"type": "donut", "total": 100, "data": [{"label": "a", "value": 60}, {"label": "b", "value": 50}]}"#),
        "total: the parts add up to 110, more than the total (100)"
    );
    assert_eq!(
        msg(r#"{"type": "pie", "data": [{"label": "a", "value": -1}]}"#),
        "data[0].value: a part of a whole cannot be negative"
    );
    assert_eq!(msg(r#"{"type": "waffle", "units": 0, "data": [{"label": "a", "value": 1}]}"#), "units: expected a whole number from 1 to 400, found 0");
    assert_eq!(
        msg(r#"{"type": "gap", "data": [{"label": "a", "value": 1}]}"#),
        "data: a gap chart needs two figures: where it starts and where it ends"
    );
    assert_eq!(
        msg(r#"{"type": "stat", "data": [{"label": "a", "value": 1}, {"label": "b", "value": 1}, {"label": "c", "value": 1}]}"#),
        "data: a stat shows one figure, and at most one more to compare it with"
    );
    assert_eq!(
        msg(r#"{"type": "bar", "stacked": true, "series": [{"name": "a", "data": [{"label": "x", "low": 1, "high": 2}]}]}"#),
        "series[0].data[0]: a range cannot be stacked; draw these series side by side"
    );
    assert_eq!(
        msg(r#"{"type": "area", "stacked": true, "series": [{"name": "a", "data": [{"year": 2020, "value": 1}]}, {"name": "b", "data": [{"year": 2021, "value": 1}]}]}"#),
        "series[1].data: stacked areas need the same x values (years) in every series"
    );
    assert_eq!(
        msg(r#"{"type": "bar", "highlight": ["Homeles"], "data": [{"label": "Homeless", "value": 1}]}"#),
        r#"highlight[0]: no figure is labelled "Homeles"; did you mean "Homeless"?"#
    );
    assert_eq!(
        msg(r#"{"type": "timeline", "data": [{"label": "Habitat I"}]}"#),
        "data[0].x: this required field is missing: every point needs `x` or `year`"
    );
    // A timeline's events need no value.
    assert!(prepare(r#"{"type": "timeline", "now": 2026, "data": [{"label": "Habitat I", "year": 1976}]}"#).is_ok());
}

#[test]
fn annotations_are_checked() {
    let bar = |a: &str| format!(r#"{{"type": "bar", "annotations": [{a}], "data": [{{"label": "Homeless", "value": 1}}]}}"#);
    assert_eq!(msg(&bar(r#"{"type": "line", "label": "x"}"#)), r#"annotations[0].value: this required field is missing for a "line" annotation"#);
    assert_eq!(msg(&bar(r#"{"type": "band", "from": 5, "to": 1, "label": "x"}"#)), "annotations[0].from: the band starts (5) after it ends (1)");
    assert_eq!(msg(&bar(r#"{"type": "callout", "target": "Homles", "label": "x"}"#)), r#"annotations[0].target: no figure is labelled "Homles"; did you mean "Homeless"?"#);
    assert_eq!(msg(&bar(r#"{"type": "line", "axis": "x", "value": 1, "label": "x"}"#)), r#"annotations[0].axis: this chart has no x axis of numbers or years; use "value""#);
    assert_eq!(msg(&bar(r#"{"type": "arrow", "label": "x"}"#)), r#"annotations[0].type: unknown value "arrow"; expected one of "line", "band", "callout""#);
    assert_eq!(msg(&bar(r#"{"type": "line", "value": 1}"#)), "annotations[0].label: this required field is missing");
    assert_eq!(
        msg(r#"{"type": "donut", "annotations": [], "data": [{"label": "a", "value": 1}]}"#),
        r#"annotations: `annotations` does not apply to a "donut" chart; it applies to "bar", "line", "area", "gap", "timeline""#
    );
}
