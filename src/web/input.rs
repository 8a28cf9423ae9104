//! A spec as JavaScript hands it over: JSON text, or an object read with
//! `JSON.stringify`, its typed-array columns kept apart as numbers.

use super::*;

/// A spec as handed over by JavaScript: its JSON text, and the series
/// columns that came as typed arrays (kept out of the text).
pub(super) struct Input {
    pub(super) text: String,
    pub(super) columns: Vec<crate::Columns>,
}

/// Reads a spec given as a JSON string or a plain object. Objects are read
/// with `JSON.stringify` (own properties only: a polluted prototype does not
/// leak in), except `series[i].x` / `series[i].y` given as typed arrays
/// (`Float64Array` …), which are copied into wasm memory as numbers: a
/// million-point line then costs no JSON at all.
pub(super) fn read_spec(spec: &JsValue) -> Result<Input, Error> {
    if let Some(text) = spec.as_string() {
        return Ok(Input { text, columns: Vec::new() });
    }
    if spec.is_undefined() || spec.is_null() {
        return Err(Error::at("", "no spec: pass an object or a JSON string"));
    }
    let (object, columns) = take_columns(spec);
    let text = js_sys::JSON::stringify(&object).map_err(|e| Error::at("", format!("the spec could not be read as JSON: {}", describe(&e))))?;
    let text = text.as_string().ok_or_else(|| Error::at("", "the spec could not be read as JSON"))?;
    Ok(Input { text, columns })
}

/// `spec` with its typed-array columns replaced by empty lists (a shallow
/// copy; the caller's object is not touched), and those columns as numbers.
pub(super) fn take_columns(spec: &JsValue) -> (JsValue, Vec<crate::Columns>) {
    let own = |o: &JsValue, key: &str| -> Option<JsValue> {
        let obj = o.dyn_ref::<js_sys::Object>()?;
        js_sys::Object::has_own(obj, &key.into()).then(|| js_sys::Reflect::get(o, &key.into()).ok()).flatten()
    };
    let typed = |v: &JsValue| -> Option<Vec<f64>> {
        if let Some(f) = v.dyn_ref::<js_sys::Float64Array>() {
            // Copied once, straight into wasm memory (`new Float64Array(f)` would copy twice).
            return Some(f.to_vec());
        }
        (js_sys::ArrayBuffer::is_view(v) && !v.is_instance_of::<js_sys::DataView>()).then(|| js_sys::Float64Array::new(v).to_vec())
    };
    let Some(series) = own(spec, "series").and_then(|v| v.dyn_into::<js_sys::Array>().ok()) else {
        return (spec.clone(), Vec::new());
    };
    let mut columns = Vec::new();
    let copy = js_sys::Array::new();
    for (i, item) in series.iter().enumerate() {
        let x = own(&item, "x").as_ref().and_then(typed);
        let y = own(&item, "y").as_ref().and_then(typed);
        if x.is_none() && y.is_none() {
            copy.push(&item);
            continue;
        }
        let clone = js_sys::Object::assign(&js_sys::Object::new(), item.unchecked_ref());
        for (key, found) in [("x", x.is_some()), ("y", y.is_some())] {
            if found {
                let _ = js_sys::Reflect::set(&clone, &key.into(), &js_sys::Array::new());
            }
        }
        copy.push(&clone);
        columns.push(crate::Columns { series: i, x, y });
    }
    if columns.is_empty() {
        return (spec.clone(), columns);
    }
    let outer = js_sys::Object::assign(&js_sys::Object::new(), spec.unchecked_ref());
    let _ = js_sys::Reflect::set(&outer, &"series".into(), &copy);
    (outer.into(), columns)
}
