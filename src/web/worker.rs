//! Analysing large inputs in a Web Worker, so the page never freezes.
//!
//! The worker is a separate, Yew-free wasm binary (`src/bin/bounce-worker.rs`) built by trunk
//! with a loader shim; the build records the shim's hashed name in `<meta name="bounce-worker">`.
//! Messages are JS arrays: request `[generation, lang, [ftl sources], text]`, reply
//! `[generation, analysis JSON]`; the worker first posts `"ready"` once its wasm is running.

use super::analysis::{self, Analysis};
use super::dom;
use crate::i18n::Localizer;
use js_sys::Array;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Inputs larger than this (bytes) are analysed in the worker.
pub const WORKER_THRESHOLD: usize = 256 * 1024;

/// The message the worker posts once it can take requests.
const READY: &str = "ready";

// ---- worker side -------------------------------------------------------------------------

/// Runs inside the worker: answers analysis requests until the worker is closed.
pub fn start() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    let cache: RefCell<Option<(String, usize, Localizer)>> = RefCell::new(None);
    let onmessage = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
        let req: Array = e.data().unchecked_into();
        let generation = req.get(0);
        let lang = req.get(1).as_string().unwrap_or_default();
        let sources: Vec<String> = Array::from(&req.get(2)).iter().filter_map(|v| v.as_string()).collect();
        let text = req.get(3).as_string().unwrap_or_default();
        let key = sources.iter().map(String::len).sum::<usize>();
        let mut cached = cache.borrow_mut();
        if !matches!(&*cached, Some((l, k, _)) if *l == lang && *k == key) {
            let refs: Vec<&str> = sources.iter().map(String::as_str).collect();
            *cached = Localizer::from_sources(&lang, &refs)
                .ok()
                .map(|loc| (lang.clone(), key, loc));
        }
        let json = match &*cached {
            Some((_, _, loc)) => serde_json::to_string(&analysis::run(&text, loc)).unwrap_or_default(),
            None => String::new(),
        };
        let _ = reply_to.post_message(&Array::of2(&generation, &JsValue::from_str(&json)));
    });
    scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
    let _ = scope.post_message(&JsValue::from_str(READY));
}

// ---- page side ---------------------------------------------------------------------------

type Done = Box<dyn Fn(u64, Option<Analysis>)>;

struct Client {
    worker: web_sys::Worker,
    ready: bool,
    pending: Option<Array>,
    on_done: Option<Done>,
}

thread_local! {
    static CLIENT: RefCell<Option<Rc<RefCell<Client>>>> = const { RefCell::new(None) };
}

/// Whether this page can start the worker (the build recorded its script).
pub fn available() -> bool {
    dom::meta("bounce-worker").is_some()
}

fn client() -> Option<Rc<RefCell<Client>>> {
    if let Some(c) = CLIENT.with(|c| c.borrow().clone()) {
        return Some(c);
    }
    let url = dom::resolve_url(&dom::meta("bounce-worker")?)?;
    let worker = web_sys::Worker::new(&url).ok()?;
    let client = Rc::new(RefCell::new(Client {
        worker: worker.clone(),
        ready: false,
        pending: None,
        on_done: None,
    }));
    let weak = Rc::downgrade(&client);
    let onmessage = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
        let Some(c) = weak.upgrade() else { return };
        let data = e.data();
        if data.as_string().as_deref() == Some(READY) {
            let mut c = c.borrow_mut();
            c.ready = true;
            if let Some(req) = c.pending.take() {
                let _ = c.worker.post_message(&req);
            }
            return;
        }
        let reply = Array::from(&data);
        let generation = reply.get(0).as_f64().unwrap_or(-1.0) as u64;
        let analysis = reply
            .get(1)
            .as_string()
            .and_then(|j| serde_json::from_str::<Analysis>(&j).ok());
        let c = c.borrow();
        if let Some(done) = &c.on_done {
            done(generation, analysis);
        }
    });
    worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
    let weak = Rc::downgrade(&client);
    let onerror = Closure::<dyn FnMut(web_sys::Event)>::new(move |_e: web_sys::Event| {
        // A crashed worker is dropped; the next large input starts a new one.
        if let Some(c) = weak.upgrade() {
            let c = c.borrow();
            if let Some(done) = &c.on_done {
                done(u64::MAX, None);
            }
            c.worker.terminate();
        }
        CLIENT.with(|c| c.borrow_mut().take());
    });
    worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
    onerror.forget();
    CLIENT.with(|c| *c.borrow_mut() = Some(client.clone()));
    Some(client)
}

/// Sends `text` to the worker; `on_done(generation, result)` is called with the answer
/// (`None` when the worker failed; generation `u64::MAX` when it crashed). Returns false
/// when no worker could be started.
pub fn analyse(
    generation: u64,
    lang: &str,
    sources: &[Rc<str>],
    text: &str,
    on_done: impl Fn(u64, Option<Analysis>) + 'static,
) -> bool {
    let Some(client) = client() else { return false };
    let srcs: Array = sources.iter().map(|s| JsValue::from_str(s)).collect();
    let req = Array::of4(
        &JsValue::from_f64(generation as f64),
        &JsValue::from_str(lang),
        &srcs,
        &JsValue::from_str(text),
    );
    let mut c = client.borrow_mut();
    c.on_done = Some(Box::new(on_done));
    if c.ready {
        c.worker.post_message(&req).is_ok()
    } else {
        c.pending = Some(req);
        true
    }
}
