//! The datasets a page hands to the engine: the wasm has none compiled in
//! (their texts in six languages would weigh on every page), so the loader
//! fetches `pkg/datasets/<name>.json` when a spec names one and gives its
//! text to `addDataset`. A chart whose spec names a built-in dataset not
//! given yet asks the page's loader (`setDatasetLoader`) for it, shows that
//! it is loading, and draws itself once the text has arrived.
//!
//! Shared by every chart on the page, like the width cache: a dataset is
//! plain published data, checked when given, and never changes a chart's
//! output but by being there.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::model::Datasets;
use crate::spec::Dataset;

thread_local! {
    static GIVEN: RefCell<Vec<Dataset>> = const { RefCell::new(Vec::new()) };
    static LOADER: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
}

/// The datasets this page has given.
pub(super) struct Given;

impl Datasets for Given {
    fn get(&self, name: &str) -> Option<Dataset> {
        GIVEN.with(|g| g.try_borrow().ok()?.iter().find(|d| d.name == name).cloned())
    }
    fn extra_names(&self) -> Vec<String> {
        GIVEN.with(|g| g.try_borrow().map(|g| g.iter().map(|d| d.name.clone()).collect()).unwrap_or_default())
    }
}

/// Gives the engine a dataset (the JSON of `data/datasets/<name>.json`, or
/// one of your own in the same form); a spec then names it by its `name`.
/// Returns that name; throws with the JSON path when the text is not a
/// dataset. Giving a name again replaces it.
#[wasm_bindgen(js_name = addDataset)]
pub fn add_dataset(json: &str) -> Result<String, JsError> {
    let d: Dataset = crate::parse::from_json(json).map_err(|e| JsError::new(&format!("housing-charts: not a dataset: {e}")))?;
    let name = d.name.clone();
    GIVEN.with(|g| {
        let mut g = g.try_borrow_mut().map_err(|_| JsError::new("housing-charts: busy"))?;
        g.retain(|x| x.name != name);
        g.push(d);
        Ok::<(), JsError>(())
    })?;
    Ok(name)
}

/// The names of the built-in datasets (the loader fetches only these).
#[wasm_bindgen(js_name = builtInDatasets)]
pub fn built_in_datasets() -> Vec<String> {
    crate::model::DATASET_NAMES.iter().map(|n| (*n).to_owned()).collect()
}

/// Sets the function charts call for a built-in dataset they lack:
/// `(name) => Promise<string>` (the dataset's JSON text). The loader and the
/// npm package set it; `null` removes it.
#[wasm_bindgen(js_name = setDatasetLoader)]
pub fn set_dataset_loader(loader: Option<js_sys::Function>) {
    LOADER.with(|l| {
        if let Ok(mut l) = l.try_borrow_mut() {
            *l = loader;
        }
    });
}

/// Asks the page's loader for `name`; `done` runs once with `Ok` when the
/// dataset was given, or with the reason it could not be. Returns false
/// (and never calls `done`) when the page set no loader.
pub(super) fn load(name: &str, done: impl FnOnce(Result<(), String>) + 'static) -> bool {
    let Some(loader) = LOADER.with(|l| l.try_borrow().ok().and_then(|l| l.clone())) else { return false };
    let promise = match loader.call1(&JsValue::NULL, &JsValue::from_str(name)) {
        Ok(p) => p,
        Err(e) => {
            done(Err(super::describe(&e)));
            return true;
        }
    };
    let then = js_sys::Reflect::get(&promise, &"then".into()).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let Some(then) = then else {
        done(Err("the dataset loader did not return a promise".to_owned()));
        return true;
    };
    let done = std::rc::Rc::new(RefCell::new(Some(done)));
    let (ok, fail) = (done.clone(), done);
    let on_text = Closure::once_into_js(move |text: JsValue| {
        let result = match text.as_string() {
            Some(t) => add_dataset(&t).map(|_| ()).map_err(|e| super::describe(&JsValue::from(e))),
            None => Err("the dataset loader gave no text".to_owned()),
        };
        if let Some(f) = ok.borrow_mut().take() {
            f(result);
        }
    });
    let on_error = Closure::once_into_js(move |e: JsValue| {
        if let Some(f) = fail.borrow_mut().take() {
            f(Err(super::describe(&e)));
        }
    });
    if let Err(e) = then.call2(&promise, &on_text, &on_error) {
        web_sys::console::error_1(&e);
    }
    true
}
