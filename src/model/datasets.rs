//! The built-in datasets: the figures of UN-Habitat's material for the 13th
//! World Urban Forum, `data/datasets/*.json`, so a spec can say
//! `"dataset": "people"` and carry no numbers of its own.
//!
//! Where their JSON comes from is the caller's business (`Datasets`):
//! natively they are compiled in (`BuiltIn`: the CLI, the tests, SVG
//! rendering); in the browser they are not (their texts in six languages
//! would weigh on every page), and `web` hands over the JSON that the loader
//! fetched from beside the engine, the same text that would have been
//! compiled in. Their names are always known, for suggestions.

use std::cell::RefCell;

use crate::parse::suggest;
use crate::spec::Dataset;

/// The names of the built-in datasets (`data/datasets/<name>.json`).
pub const NAMES: [&str; 5] = ["africa-housing-gap", "forum", "people", "shares", "timeline"];

/// Where `resolve` finds a dataset by name.
pub trait Datasets {
    /// The dataset called `name`, if this source has it.
    fn get(&self, name: &str) -> Option<Dataset>;
    /// The names this source has besides the built-in ones (for suggestions).
    fn extra_names(&self) -> Vec<String> {
        Vec::new()
    }
}

/// The built-in datasets compiled into the crate (native builds only: the
/// wasm gets them from the page instead).
#[cfg(not(target_arch = "wasm32"))]
#[derive(Debug, Clone, Copy, Default)]
pub struct BuiltIn;

#[cfg(not(target_arch = "wasm32"))]
const TEXTS: [&str; 5] = [
    include_str!("../../data/datasets/africa-housing-gap.json"),
    include_str!("../../data/datasets/forum.json"),
    include_str!("../../data/datasets/people.json"),
    include_str!("../../data/datasets/shares.json"),
    include_str!("../../data/datasets/timeline.json"),
];

#[cfg(not(target_arch = "wasm32"))]
impl Datasets for BuiltIn {
    fn get(&self, name: &str) -> Option<Dataset> {
        let i = NAMES.iter().position(|n| *n == name)?;
        // The files are checked by a test; a broken one reads as missing.
        crate::parse::from_json(TEXTS[i]).ok()
    }
}

/// No datasets at all (the wasm's default: a page hands them over).
#[derive(Debug, Clone, Copy, Default)]
pub struct NoDatasets;

impl Datasets for NoDatasets {
    fn get(&self, _: &str) -> Option<Dataset> {
        None
    }
}

/// What the caller gets when its source lacks a dataset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Missing {
    /// A built-in name this source has not been given (yet): the caller may
    /// fetch it and try again.
    NotLoaded(String),
    /// No such dataset: a message naming the nearest or the valid ones.
    Unknown(String),
}

impl Missing {
    /// The message for the spec's `dataset` field.
    pub fn message(&self) -> String {
        match self {
            Missing::NotLoaded(name) => format!(
                "the built-in dataset \"{name}\" has not been loaded into this engine (the loader fetches it; with the bare module, call addDataset() with data/datasets/{name}.json first)"
            ),
            Missing::Unknown(m) => m.clone(),
        }
    }
}

/// The dataset called `name` from `source`, or why not.
pub fn dataset(source: &dyn Datasets, name: &str) -> Result<Dataset, Missing> {
    if let Some(d) = source.get(name) {
        return Ok(d);
    }
    if NAMES.contains(&name) {
        return Err(Missing::NotLoaded(name.to_owned()));
    }
    let mut names: Vec<String> = NAMES.iter().map(|n| (*n).to_owned()).collect();
    names.extend(source.extra_names().into_iter().filter(|n| !NAMES.contains(&n.as_str())));
    Err(Missing::Unknown(match suggest(name, &names) {
        Some(best) => format!("unknown dataset \"{name}\"; did you mean \"{best}\"?"),
        None => format!(
            "unknown dataset \"{name}\"; the built-in datasets are {}",
            names.iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", ")
        ),
    }))
}

/// A source that remembers the built-in name it was asked for and lacked:
/// `web` wraps the page's datasets in it to know what to fetch.
pub struct Asked<'a> {
    /// The source asked.
    pub inner: &'a dyn Datasets,
    /// The last name asked for and not found.
    pub lacked: RefCell<Option<String>>,
}

impl Datasets for Asked<'_> {
    fn get(&self, name: &str) -> Option<Dataset> {
        let found = self.inner.get(name);
        if found.is_none() {
            *self.lacked.borrow_mut() = Some(name.to_owned());
        }
        found
    }
    fn extra_names(&self) -> Vec<String> {
        self.inner.extra_names()
    }
}

#[cfg(test)]
#[cfg(not(target_arch = "wasm32"))]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_dataset_parses_and_is_named_after_its_file() {
        for (name, text) in NAMES.iter().zip(TEXTS) {
            let d: Dataset = crate::parse::from_json(text).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(d.name, *name);
            assert!(!d.data.is_empty(), "{name} has no figures");
        }
        let on_disk: Vec<String> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data/datasets"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().trim_end_matches(".json").to_owned())
            .collect();
        for n in &on_disk {
            assert!(NAMES.contains(&n.as_str()), "data/datasets/{n}.json is not in NAMES");
        }
    }

    #[test]
    fn unknown_dataset_suggests_the_nearest() {
        let Err(Missing::Unknown(e)) = dataset(&BuiltIn, "peple") else { panic!() };
        assert!(e.contains("did you mean \"people\""), "{e}");
    }

    #[test]
    fn a_source_without_the_builtin_says_it_is_not_loaded() {
        let asked = Asked { inner: &NoDatasets, lacked: RefCell::new(None) };
        assert_eq!(dataset(&asked, "people").unwrap_err(), Missing::NotLoaded("people".into()));
        assert_eq!(asked.lacked.borrow().as_deref(), Some("people"));
        assert!(dataset(&BuiltIn, "people").is_ok());
    }
}
