//! Which locale the page uses, and loading its messages.
//!
//! The UI messages (`i18n/<locale>/ui.ftl`) are compiled in, so the page renders at once; the
//! rest of a locale is two bundles per locale that the build writes next to the page and that
//! are fetched only for the active locale: the page's (`dns.ftl`, the DNS panel;
//! `<meta name="bounce-ftl" data-lang=.. content=URL>`) and the analysis engine's (reasons,
//! codes, rules, advice, explanations; `<meta name="bounce-engine-ftl" ..>`), which the page
//! hands to the engine. The choice is remembered in local storage.

use super::dom;
use crate::i18n::{self, Localizer};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The UI messages of every locale the app ships: `(locale, ui.ftl)`.
pub const UI_SOURCES: &[(&str, &str)] = &[
    ("en", include_str!("../../i18n/en/ui.ftl")),
    ("pl", include_str!("../../i18n/pl/ui.ftl")),
];

/// The local-storage key holding the chosen locale.
pub const STORAGE_KEY: &str = "bounce-explainer.lang";

thread_local! {
    static BUNDLES: RefCell<HashMap<String, Rc<str>>> = RefCell::new(HashMap::new());
}

/// Locales the app offers.
pub fn locales() -> Vec<&'static str> {
    UI_SOURCES.iter().map(|(l, _)| *l).collect()
}

/// The compiled-in UI messages of `lang`.
pub fn ui_source(lang: &str) -> Option<&'static str> {
    UI_SOURCES.iter().find(|(l, _)| *l == lang).map(|(_, s)| *s)
}

/// Picks the locale: the remembered one if still offered, else the best match for the
/// browser's languages (English when nothing fits).
pub fn pick(remembered: Option<&str>, requested: &[String]) -> &'static str {
    let offered = locales();
    if let Some(r) = remembered.and_then(|r| offered.iter().find(|l| **l == r)) {
        return r;
    }
    let req: Vec<&str> = requested.iter().map(String::as_str).collect();
    i18n::negotiate(&req, &offered)
}

/// The locale to start with in this browser.
pub fn initial() -> &'static str {
    // An embedding host's `lang` attribute wins over everything.
    if let Some(l) = super::embed::param("lang").and_then(|l| locales().into_iter().find(|o| *o == l)) {
        return l;
    }
    pick(dom::load_setting(STORAGE_KEY).as_deref(), &dom::navigator_languages())
}

/// A localizer holding only the UI messages of `lang` (English if `lang` is not offered).
pub fn ui_localizer(lang: &str) -> Localizer {
    let lang = if ui_source(lang).is_some() {
        lang
    } else {
        i18n::DEFAULT_LOCALE
    };
    let src = ui_source(lang).unwrap_or_default();
    Localizer::from_sources(lang, &[src]).unwrap_or_else(|_| Localizer::from_catalog(&[lang], &[]))
}

/// The page's own messages of a locale besides `ui.ftl` (the DNS panel's, `dns.ftl`):
/// `<meta name="bounce-ftl">`.
pub const PAGE_BUNDLE: &str = "bounce-ftl";

/// The analysis engine's messages of a locale (reasons, codes, rules, advice, explanations):
/// `<meta name="bounce-engine-ftl">`; the page fetches them and hands them to the engine.
pub const ENGINE_BUNDLE: &str = "bounce-engine-ftl";

/// The URL of the `kind` bundle ([`PAGE_BUNDLE`] or [`ENGINE_BUNDLE`]) of `lang`, as the build
/// recorded it.
pub fn bundle_url(kind: &str, lang: &str) -> Option<String> {
    dom::metas(kind)
        .into_iter()
        .find(|(l, _)| l == lang)
        .map(|(_, url)| url)
}

/// The text of the `kind` bundle of `lang`, fetched once.
async fn bundle(kind: &str, lang: &str) -> Result<Rc<str>, String> {
    let key = format!("{kind}/{lang}");
    if let Some(b) = BUNDLES.with(|b| b.borrow().get(&key).cloned()) {
        return Ok(b);
    }
    let url = bundle_url(kind, lang).ok_or_else(|| format!("no {kind} bundle for {lang}"))?;
    let text: Rc<str> = Rc::from(fetch_text(&url).await?);
    BUNDLES.with(|b| b.borrow_mut().insert(key, text.clone()));
    Ok(text)
}

/// The FTL sources of the page in `lang`: its UI messages plus the page bundle.
pub async fn page_sources(lang: &str) -> Result<Vec<Rc<str>>, String> {
    let ui: Rc<str> = Rc::from(ui_source(lang).ok_or_else(|| format!("no locale {lang}"))?);
    Ok(vec![ui, bundle(PAGE_BUNDLE, lang).await?])
}

/// The FTL sources the analysis engine explains `lang` with: the page bundle (the DNS
/// evidence messages) plus the engine bundle.
pub async fn engine_sources(lang: &str) -> Result<Vec<Rc<str>>, String> {
    Ok(vec![
        bundle(PAGE_BUNDLE, lang).await?,
        bundle(ENGINE_BUNDLE, lang).await?,
    ])
}

/// Remembers the choice and makes the page's `lang` and title follow it.
pub fn apply(loc: &Localizer, remember: bool) {
    if remember {
        dom::save_setting(STORAGE_KEY, loc.lang());
    }
    dom::set_lang_and_title(loc.lang(), &loc.msg("ui-page-title", &[]));
}

async fn fetch_text(url: &str) -> Result<String, String> {
    let win = dom::window().ok_or("no window")?;
    let resp = JsFuture::from(win.fetch_with_str(url))
        .await
        .map_err(|e| format!("{e:?}"))?;
    let resp: web_sys::Response = resp.dyn_into().map_err(|_| "not a response".to_string())?;
    if !resp.ok() {
        return Err(format!("HTTP {}", resp.status()));
    }
    let text = JsFuture::from(resp.text().map_err(|e| format!("{e:?}"))?)
        .await
        .map_err(|e| format!("{e:?}"))?;
    text.as_string().ok_or_else(|| "not text".to_string())
}
