//! Running inside another site: the `<bounce-explainer>` element (`?embed=1`) and the JS API's
//! hidden frame (`?api=1`), both created by `www/embed.js` on the host page.
//!
//! The host talks to the frame with `postMessage` only. The frame answers only its parent,
//! and only at the origin the parent introduced itself from (`bounce-hello`).

use super::dom;
use js_sys::{Object, Reflect};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// How the page was opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The normal app.
    App,
    /// Inside `<bounce-explainer>`: compact layout, reports size and results to the host.
    Embed,
    /// The hidden frame behind `BounceExplainer.explain()`: no UI.
    Api,
}

thread_local! {
    static HOST_ORIGIN: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// A query parameter of the page URL.
pub fn param(name: &str) -> Option<String> {
    let search = dom::window()?.location().search().ok()?;
    let params = web_sys::UrlSearchParams::new_with_str(&search).ok()?;
    params.get(name)
}

/// The mode from the URL (`?embed=1` or `?api=1`).
pub fn mode() -> Mode {
    if param("api").is_some() {
        Mode::Api
    } else if param("embed").is_some() {
        Mode::Embed
    } else {
        Mode::App
    }
}

fn get(o: &JsValue, key: &str) -> JsValue {
    Reflect::get(o, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn message(kind: &str, fields: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    let _ = Reflect::set(&o, &"type".into(), &kind.into());
    for (k, v) in fields {
        let _ = Reflect::set(&o, &(*k).into(), v);
    }
    o.into()
}

/// Posts to the parent window at the origin it introduced itself from (nothing before that).
pub fn post_to_host(kind: &str, fields: &[(&str, JsValue)]) {
    let Some(origin) = HOST_ORIGIN.with(|o| o.borrow().clone()) else {
        return;
    };
    if let Some(parent) = dom::window().and_then(|w| w.parent().ok().flatten()) {
        let _ = parent.post_message(&message(kind, fields), &origin);
    }
}

/// Tells the parent this frame is listening (any origin may learn that much).
fn announce_ready() {
    if let Some(parent) = dom::window().and_then(|w| w.parent().ok().flatten()) {
        let _ = parent.post_message(&message("bounce-ready", &[]), "*");
    }
}

/// What the host asked for (`bounce-set`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HostRequest {
    /// New input text.
    pub text: Option<String>,
    /// New locale.
    pub lang: Option<String>,
}

/// Listens to the parent: records its origin on `bounce-hello`, hands `bounce-set` to
/// `on_set`. Messages from any other window are ignored.
pub fn listen(on_set: impl Fn(HostRequest) + 'static) {
    let Some(win) = dom::window() else { return };
    let parent = win.parent().ok().flatten();
    let cb = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
        // A cross-origin WindowProxy is not `instanceof Window`: compare identities, no casts.
        let from_parent = match (&parent, e.source()) {
            (Some(p), Some(src)) => JsValue::from(src) == JsValue::from(p.clone()),
            _ => false,
        };
        if !from_parent {
            return;
        }
        let data = e.data();
        match get(&data, "type").as_string().as_deref() {
            Some("bounce-hello") => HOST_ORIGIN.with(|o| *o.borrow_mut() = Some(e.origin())),
            Some("bounce-set") => on_set(HostRequest {
                text: get(&data, "text").as_string(),
                lang: get(&data, "lang").as_string(),
            }),
            Some("bounce-explain") => answer_api(&e, &data),
            _ => {}
        }
    });
    win.add_event_listener_with_callback("message", cb.as_ref().unchecked_ref())
        .ok();
    cb.forget();
    announce_ready();
}

/// `BounceExplainer.explain(text)`: the core's report, the same object as the CLI's `--json`
/// (made by the analysis engine).
fn answer_api(e: &web_sys::MessageEvent, data: &JsValue) {
    let id = get(data, "id");
    let text = get(data, "text").as_string().unwrap_or_default();
    let (source, origin) = (e.source(), e.origin());
    super::engine::report(&text, move |json| {
        let reply = match json.and_then(|j| js_sys::JSON::parse(&j).ok()) {
            Some(v) => message("bounce-result", &[("id", id), ("result", v)]),
            None => message("bounce-result", &[("id", id), ("error", "analysis failed".into())]),
        };
        if let Some(src) = source {
            let _ = src.unchecked_into::<web_sys::Window>().post_message(&reply, &origin);
        }
    });
}

/// Starts the API frame (no UI): listens, and starts the engine at once.
pub fn start_api() {
    listen(|_| {});
    super::engine::start();
}

/// Reports the page height to the host so the frame fits its content.
pub fn report_size() {
    let Some(doc) = dom::document() else { return };
    let h = doc.document_element().map(|e| e.scroll_height()).unwrap_or(0);
    post_to_host("bounce-size", &[("height", JsValue::from(h))]);
}

/// Sends the shown result (the CLI's JSON object) to the host as a `bounce-explained` event.
pub fn report_result(report_json: &str) {
    if let Ok(v) = js_sys::JSON::parse(report_json) {
        post_to_host("bounce-explained", &[("result", v)]);
    }
}

/// Sends each recipient's DNS verdict (`[{check, verdict, facts} | null, …]`, in recipient order,
/// as `recipients[].dns_verdict` of `bounce explain --json --dns`) to the host as a
/// `bounce-dns-checked` event, once the DNS checks of the shown result are done.
pub fn report_dns_verdicts(verdicts_json: &str) {
    if let Ok(v) = js_sys::JSON::parse(verdicts_json) {
        post_to_host("bounce-dns-checked", &[("dns_verdicts", v)]);
    }
}

/// Keeps reporting the height whenever the page's size changes.
pub fn observe_size() {
    let Some(body) = dom::document().and_then(|d| d.body()) else {
        return;
    };
    let cb = Closure::<dyn FnMut(JsValue)>::new(move |_entries: JsValue| report_size());
    if let Ok(obs) = web_sys::ResizeObserver::new(cb.as_ref().unchecked_ref()) {
        obs.observe(&body);
    }
    cb.forget();
}

/// The theme the host asked for (`?theme=dark|light`), applied as a class on `<html>`.
pub fn apply_theme() {
    if let (Some(theme), Some(html)) = (param("theme"), dom::document().and_then(|d| d.document_element())) {
        if theme == "dark" || theme == "light" {
            let _ = html.class_list().add_1(&format!("theme-{theme}"));
        }
    }
}
