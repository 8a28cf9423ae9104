//! The built-in datasets: the figures of UN-Habitat's material for the 13th
//! World Urban Forum, compiled into the crate from `data/datasets/*.json`, so a
//! spec can say `"dataset": "people"` and carry no numbers of its own.

use crate::parse::{from_json, suggest};
use crate::spec::Dataset;

/// Every built-in dataset: (name, JSON text).
const DATASETS: [(&str, &str); 5] = [
    ("africa-housing-gap", include_str!("../../data/datasets/africa-housing-gap.json")),
    ("forum", include_str!("../../data/datasets/forum.json")),
    ("people", include_str!("../../data/datasets/people.json")),
    ("shares", include_str!("../../data/datasets/shares.json")),
    ("timeline", include_str!("../../data/datasets/timeline.json")),
];

/// The names of the built-in datasets.
pub fn dataset_names() -> impl Iterator<Item = &'static str> {
    DATASETS.iter().map(|(n, _)| *n)
}

/// The built-in dataset called `name`, or a message naming the valid ones.
pub fn dataset(name: &str) -> Result<Dataset, String> {
    match DATASETS.iter().find(|(n, _)| *n == name) {
        Some((_, text)) => from_json(text).map_err(|e| format!("built-in dataset \"{name}\" is broken: {e}")),
        None => {
            let names: Vec<String> = dataset_names().map(str::to_owned).collect();
            Err(match suggest(name, &names) {
                Some(best) => format!("unknown dataset \"{name}\"; did you mean \"{best}\"?"),
                None => format!(
                    "unknown dataset \"{name}\"; the built-in datasets are {}",
                    names.iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", ")
                ),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_dataset_parses_and_is_named_after_its_file() {
        for name in dataset_names() {
            let d = dataset(name).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(d.name, name);
            assert!(!d.data.is_empty(), "{name} has no figures");
        }
    }

    #[test]
    fn unknown_dataset_suggests_the_nearest() {
        let e = dataset("peple").unwrap_err();
        assert!(e.contains("did you mean \"people\""), "{e}");
    }
}
