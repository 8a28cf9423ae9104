//! The JSON Schema of the spec, generated from the Rust types (never written
//! by hand). `data/schema/chart-spec.schema.json` is its committed output; a
//! test fails when the two differ (UPDATE_SNAPSHOTS=1 rewrites the file).

/// The JSON Schema of a chart spec, pretty-printed.
pub fn chart_spec_schema() -> String {
    let mut schema = schemars::schema_for!(crate::spec::ChartSpec);
    schema.insert("$id".into(), "https://housing-charts.invalid/chart-spec.schema.json".into());
    serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n"
}

/// The JSON Schema of a built-in dataset file, pretty-printed.
pub fn dataset_schema() -> String {
    let schema = schemars::schema_for!(crate::spec::Dataset);
    serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n"
}
