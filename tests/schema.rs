//! The JSON Schema in `data/schema/` is generated from the Rust types and
//! committed; this test fails when the types changed and the file did not
//! (UPDATE_SNAPSHOTS=1 rewrites it).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use housing_charts::schema::{chart_spec_schema, dataset_schema};

#[test]
fn committed_schemas_match_the_types() {
    common::check_snapshot(&common::root("data/schema/chart-spec.schema.json"), &chart_spec_schema()).unwrap();
    common::check_snapshot(&common::root("data/schema/dataset.schema.json"), &dataset_schema()).unwrap();
}

#[test]
fn schema_knows_every_field_and_value() {
    let s = chart_spec_schema();
    for needle in ["\"subtitle\"", "\"numberFormat\"", "\"more-than\"", "\"projection\"", "\"horizontal\"", "\"zh\"", "\"additionalProperties\": false"] {
        assert!(s.contains(needle), "schema lacks {needle}");
    }
}
