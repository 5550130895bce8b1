//! Small, panic-free helpers over the browser APIs the app uses.

use wasm_bindgen::JsCast;
use web_sys::{Document, Storage, Window};

/// The window, if there is one (there is none in a worker).
pub fn window() -> Option<Window> {
    web_sys::window()
}

/// The document.
pub fn document() -> Option<Document> {
    window()?.document()
}

fn storage() -> Option<Storage> {
    window()?.local_storage().ok().flatten()
}

/// Reads a remembered setting.
pub fn load_setting(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Remembers a setting (silently does nothing when storage is blocked).
pub fn save_setting(key: &str, value: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(key, value);
    }
}

/// The `content` of `<meta name=NAME>`, used for build-time facts such as hashed file names.
pub fn meta(name: &str) -> Option<String> {
    let el = document()?
        .query_selector(&format!("meta[name=\"{name}\"]"))
        .ok()
        .flatten()?;
    el.get_attribute("content")
}

/// `(data-lang, content)` of every `<meta name=NAME>`.
pub fn metas(name: &str) -> Vec<(String, String)> {
    let Some(list) = document().and_then(|d| d.query_selector_all(&format!("meta[name=\"{name}\"]")).ok()) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<web_sys::Element>().ok())
        .filter_map(|el| Some((el.get_attribute("data-lang")?, el.get_attribute("content")?)))
        .collect()
}

/// The user's preferred languages, most wanted first.
pub fn navigator_languages() -> Vec<String> {
    let Some(nav) = window().map(|w| w.navigator()) else {
        return Vec::new();
    };
    let mut out: Vec<String> = nav.languages().iter().filter_map(|v| v.as_string()).collect();
    if out.is_empty() {
        out.extend(nav.language());
    }
    out
}

/// Sets `<html lang>` and the document title.
pub fn set_lang_and_title(lang: &str, title: &str) {
    if let Some(doc) = document() {
        if let Some(html) = doc.document_element() {
            let _ = html.set_attribute("lang", lang);
        }
        doc.set_title(title);
    }
}

/// Milliseconds since the page started (high resolution).
pub fn now_ms() -> f64 {
    window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

/// Resolves `path` against the document's base URL (works under any sub-path).
pub fn resolve_url(path: &str) -> Option<String> {
    let base = document()?.base_uri().ok().flatten()?;
    web_sys::Url::new_with_base(path, &base).ok().map(|u| u.href())
}

/// Sets `data-<name>` on `<html>` (facts for tests and diagnostics, e.g. the warm-up time).
pub fn set_data_attribute(name: &str, value: &str) {
    if let Some(html) = document().and_then(|d| d.document_element()) {
        let kebab: String = name
            .chars()
            .flat_map(|c| {
                if c.is_ascii_uppercase() {
                    vec!['-', c.to_ascii_lowercase()]
                } else {
                    vec![c]
                }
            })
            .collect();
        let _ = html.set_attribute(&format!("data-{kebab}"), value);
    }
}
