//! The page's side of the analysis engine.
//!
//! All analysis (parse, diagnose, explain, redaction, DNS checks) runs in a Web Worker: a
//! separate, Yew-free wasm binary (`src/bin/bounce-worker.rs`, see [`super::worker`]), so the
//! page's own wasm does not carry the analysis core and loads fast. `www/boot.js` starts the
//! worker with the page, before the page's own wasm, so the engine downloads and compiles in
//! parallel with it; the page adopts that worker on its first render (or starts one itself when
//! there is none); requests made before the worker is ready are queued.
//!
//! Messages are JS arrays `[kind, ...]`. Page → worker: `["locale", lang, [ftl…]]`,
//! `["analyse", id, lang, text, redact, with report JSON]`, `["report", id, text]`, `["redact", id, text]`,
//! `["msg", id, bytes (Uint8Array)]` (an Outlook `.msg` file rendered as a message's text),
//! `["example", id, example id]`, `["dns", id, lang, targets JSON, resolver URL]`,
//! `["dns_lines", id, lang, dns run id]`,
//! `["fetched", fetch id, ok, status | error kind, content type | message, body]`.
//! Worker → page: `["ready"]`, `["warm", ms]`, `["reply", id, value or null]` (an `analyse` reply's
//! value is the view model's JSON, ASCII only (see `analysis::to_json`), and it carries a 4th
//! item, the worker's own milliseconds for the request, which only the benchmark reads),
//! `["fetch", fetch id, url, timeout ms]` — the worker's DoH queries are made by the page, so
//! they obey the page's Content-Security-Policy (`connect-src`) exactly as before.

use super::analysis::Analysis;
use super::dom;
use crate::dns::resolver::{Transport, TransportError};
use crate::dns::Targets;
use js_sys::{Array, Uint8Array};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Inputs larger than this (bytes) show a progress bar while they are analysed.
pub const LARGE_INPUT: usize = 256 * 1024;

/// One way of posting a message (to the worker, or to the page).
pub type Post = Rc<dyn Fn(JsValue)>;

/// Builds an engine in this thread instead of a worker (tests): given how to post to the page,
/// returns how to post to the engine. [`super::worker::serve`] is one.
pub type InProcess = fn(Post) -> Post;

type Waiter = Box<dyn FnOnce(Option<JsValue>)>;

struct Engine {
    send: Post,
    worker: Option<web_sys::Worker>,
    ready: bool,
    queue: Vec<JsValue>,
    next_id: u64,
    waiting: HashMap<u64, Waiter>,
}

thread_local! {
    /// The DoH queries of the current DNS run: `(asked, answered)`, for the panel's progress.
    static DNS_PROGRESS: Cell<(u32, u32)> = const { Cell::new((0, 0)) };
    /// Set when the user stops the DNS checks: later queries fail at once, so the engine's run
    /// ends quickly (its result is dropped).
    static DNS_CANCELLED: Cell<bool> = const { Cell::new(false) };
    static ENGINE: RefCell<Option<Engine>> = const { RefCell::new(None) };
    static IN_PROCESS: Cell<Option<InProcess>> = const { Cell::new(None) };
    /// Locale sources sent so far, replayed to a restarted worker.
    static LOCALES: RefCell<Vec<(String, Vec<Rc<str>>)>> = const { RefCell::new(Vec::new()) };
    /// Messages an early worker (see [`early_worker`]) posted before the page listened.
    static EARLY: RefCell<Vec<JsValue>> = const { RefCell::new(Vec::new()) };
}

/// Runs the engine in this thread (used by the wasm-bindgen tests, which have no worker file).
/// Must be called before [`start`].
pub fn use_in_process(make: InProcess) {
    IN_PROCESS.with(|c| c.set(Some(make)));
}

/// Whether the engine has started and answers requests.
pub fn is_ready() -> bool {
    ENGINE.with(|e| e.borrow().as_ref().is_some_and(|e| e.ready))
}

fn arr(items: &[JsValue]) -> JsValue {
    items.iter().collect::<Array>().into()
}

/// Starts the engine (once); false when it cannot be started (no worker script recorded).
pub fn start() -> bool {
    if ENGINE.with(|e| e.borrow().is_some()) {
        return true;
    }
    let (send, worker): (Post, Option<web_sys::Worker>) = if let Some(make) = IN_PROCESS.with(|c| c.get()) {
        let to_page: Post = Rc::new(|v| wasm_bindgen_futures::spawn_local(async move { on_message(v) }));
        let server = make(to_page);
        let send: Post = Rc::new(move |v| {
            let s = server.clone();
            wasm_bindgen_futures::spawn_local(async move { s(v) })
        });
        (send, None)
    } else {
        let (worker, early) = match early_worker() {
            Some(started) => started,
            None => {
                let Some(url) = dom::meta("bounce-worker").and_then(|m| dom::resolve_url(&m)) else {
                    return false;
                };
                let Ok(worker) = web_sys::Worker::new(&url) else {
                    return false;
                };
                (worker, Array::new())
            }
        };
        let onmessage =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(|e: web_sys::MessageEvent| on_message(e.data()));
        worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
        onmessage.forget();
        let onerror = Closure::<dyn FnMut(web_sys::Event)>::new(|_e: web_sys::Event| crashed());
        worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
        onerror.forget();
        let w = worker.clone();
        let send: Post = Rc::new(move |v| {
            let _ = w.post_message(&v);
        });
        EARLY.with(|e| *e.borrow_mut() = early.iter().collect());
        (send, Some(worker))
    };
    // A restarted engine gets the locales again first.
    let queue = LOCALES.with(|l| {
        l.borrow()
            .iter()
            .map(|(lang, srcs)| locale_message(lang, srcs))
            .collect()
    });
    ENGINE.with(|e| {
        *e.borrow_mut() = Some(Engine {
            send,
            worker,
            ready: false,
            queue,
            next_id: 1,
            waiting: HashMap::new(),
        })
    });
    // What a worker started by boot.js said before the page listened (its `ready`, `warm`).
    for m in EARLY.with(|e| std::mem::take(&mut *e.borrow_mut())) {
        on_message(m);
    }
    true
}

/// The engine's worker that `www/boot.js` started with the page, before the page's own wasm
/// (so the engine downloads and compiles in parallel with it), with the messages it posted
/// until now; `None` when there is none, or it failed to start (then the page starts one).
fn early_worker() -> Option<(web_sys::Worker, Array)> {
    let started = js_sys::Reflect::get(&js_sys::global(), &"__bounceEngine".into()).ok()?;
    if started.is_undefined() || started.is_null() {
        return None;
    }
    // Taken once: a restarted engine (after a crash) is a new worker.
    let _ = js_sys::Reflect::set(&js_sys::global(), &"__bounceEngine".into(), &JsValue::UNDEFINED);
    let worker: web_sys::Worker = js_sys::Reflect::get(&started, &"worker".into()).ok()?.dyn_into().ok()?;
    if js_sys::Reflect::get(&started, &"failed".into()).ok()?.is_truthy() {
        worker.terminate();
        return None;
    }
    let early: Array = js_sys::Reflect::get(&started, &"messages".into())
        .ok()?
        .dyn_into()
        .ok()?;
    Some((worker, early))
}

/// A crashed worker: every open request fails; the next request starts a new worker.
fn crashed() {
    let Some(engine) = ENGINE.with(|e| e.borrow_mut().take()) else {
        return;
    };
    if let Some(w) = &engine.worker {
        w.terminate();
    }
    for (_, w) in engine.waiting {
        w(None);
    }
}

fn on_message(v: JsValue) {
    let Ok(msg) = v.dyn_into::<Array>() else { return };
    match msg.get(0).as_string().as_deref() {
        Some("ready") => {
            let flush = ENGINE.with(|e| {
                let mut e = e.borrow_mut();
                let e = e.as_mut()?;
                e.ready = true;
                Some((e.send.clone(), std::mem::take(&mut e.queue)))
            });
            if let Some((send, queue)) = flush {
                for m in queue {
                    send(m);
                }
            }
            dom::set_data_attribute("engine", "ready");
        }
        Some("warm") => dom::set_data_attribute("warmupMs", &format!("{}", msg.get(1).as_f64().unwrap_or(0.0).round())),
        Some("reply") => {
            let id = msg.get(1).as_f64().unwrap_or(0.0) as u64;
            let waiter = ENGINE.with(|e| e.borrow_mut().as_mut().and_then(|e| e.waiting.remove(&id)));
            let value = msg.get(2);
            if let Some(w) = waiter {
                w((!value.is_null() && !value.is_undefined()).then_some(value));
            }
        }
        Some("fetch") => proxy_fetch(
            msg.get(1),
            msg.get(2).as_string().unwrap_or_default(),
            msg.get(3).as_f64().unwrap_or(4000.0) as u32,
        ),
        _ => {}
    }
}

/// Sends a message without waiting for an answer (queued until the engine is ready).
fn post(msg: JsValue) {
    if !start() {
        return;
    }
    let send = ENGINE.with(|e| {
        let mut e = e.borrow_mut();
        let e = e.as_mut()?;
        if e.ready {
            Some(e.send.clone())
        } else {
            e.queue.push(msg.clone());
            None
        }
    });
    if let Some(send) = send {
        send(msg);
    }
}

/// Sends request `kind` with `args`; `done` gets the reply value (`None` when the engine could
/// not start, crashed, or could not answer).
fn request(kind: &str, args: &[JsValue], done: impl FnOnce(Option<JsValue>) + 'static) {
    if !start() {
        done(None);
        return;
    }
    let msg = ENGINE.with(|e| {
        let mut e = e.borrow_mut();
        let e = e.as_mut()?;
        let id = e.next_id;
        e.next_id += 1;
        e.waiting.insert(id, Box::new(done));
        let mut items = vec![JsValue::from_str(kind), JsValue::from_f64(id as f64)];
        items.extend(args.iter().cloned());
        Some(arr(&items))
    });
    if let Some(msg) = msg {
        post(msg);
    }
}

fn locale_message(lang: &str, sources: &[Rc<str>]) -> JsValue {
    let srcs: Array = sources.iter().map(|s| JsValue::from_str(s)).collect();
    arr(&[JsValue::from_str("locale"), JsValue::from_str(lang), srcs.into()])
}

/// Hands the engine the FTL sources of `lang` (once per locale), so it can explain in it.
pub fn set_locale(lang: &str, sources: &[Rc<str>]) {
    let known = LOCALES.with(|l| l.borrow().iter().any(|(l, _)| l == lang));
    if known {
        return;
    }
    LOCALES.with(|l| l.borrow_mut().push((lang.to_string(), sources.to_vec())));
    post(locale_message(lang, sources));
}

/// Analyses and explains `text` in `lang` (after masking names when `redact`); the answer holds
/// the core's JSON too when `with_report` (see [`Analysis::json`]).
pub fn analyse(lang: &str, text: &str, redact: bool, with_report: bool, done: impl FnOnce(Option<Analysis>) + 'static) {
    let args = [
        JsValue::from_str(lang),
        JsValue::from_str(text),
        JsValue::from_bool(redact),
        JsValue::from_bool(with_report),
    ];
    request("analyse", &args, move |v| {
        done(
            v.and_then(|v| v.as_string())
                .and_then(|j| serde_json::from_str(&j).ok()),
        )
    });
}

/// The core's report for `text` as the CLI's `--json` prints it (with `source` "-").
pub fn report(text: &str, done: impl FnOnce(Option<String>) + 'static) {
    request("report", &[JsValue::from_str(text)], move |v| {
        done(v.and_then(|v| v.as_string()))
    });
}

/// An Outlook `.msg` file rendered as the text of a message (`parse::msg`): the text the
/// analysis reads, for the text area.
pub fn render_msg(bytes: Uint8Array, done: impl FnOnce(Option<String>) + 'static) {
    request("msg", &[bytes.into()], move |v| done(v.and_then(|v| v.as_string())));
}

/// The text of the example bounce `id` (see [`super::examples`]).
pub fn example(id: &str, done: impl FnOnce(Option<String>) + 'static) {
    request("example", &[JsValue::from_str(id)], move |v| {
        done(v.and_then(|v| v.as_string()))
    });
}

/// `text` with addresses, IP addresses and host names masked (see `share::redact`).
pub fn redact(text: &str, done: impl FnOnce(Option<String>) + 'static) {
    request("redact", &[JsValue::from_str(text)], move |v| {
        done(v.and_then(|v| v.as_string()))
    });
}

/// The localized result of one DNS check run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DnsLines {
    /// The run (the engine keeps its report, so it can be shown again in another locale).
    pub run: u64,
    /// The locale of the lines.
    pub lang: String,
    /// The evidence, one line each.
    pub lines: Vec<String>,
    /// True when the resolver could not be reached at all.
    pub unreachable: bool,
    /// Each recipient's DNS verdict sentence (`None`: no check bears on its reason).
    pub verdicts: Rc<Vec<Option<String>>>,
    /// The verdicts as JSON (`[{check, verdict, facts} | null, …]`), for the embed's host.
    pub verdicts_json: Option<String>,
}

fn dns_reply(v: Option<JsValue>, lang: &str) -> Option<DnsLines> {
    let v: Array = v?.dyn_into().ok()?;
    Some(DnsLines {
        run: v.get(0).as_f64()? as u64,
        lang: lang.to_string(),
        lines: Array::from(&v.get(1)).iter().filter_map(|l| l.as_string()).collect(),
        unreachable: v.get(2).as_bool().unwrap_or(false),
        verdicts: Rc::new(
            v.get(3)
                .dyn_into::<Array>()
                .map(|a| a.iter().map(|l| l.as_string()).collect())
                .unwrap_or_default(),
        ),
        verdicts_json: v.get(4).as_string(),
    })
}

/// `(asked, answered)` DoH queries of the current DNS run.
pub fn dns_progress() -> (u32, u32) {
    DNS_PROGRESS.with(Cell::get)
}

/// Stops the current DNS run: its remaining queries fail at once (its answer should be dropped).
pub fn dns_cancel() {
    DNS_CANCELLED.with(|c| c.set(true));
}

/// Runs the DNS checks for `targets` at the DoH `resolver`, with the evidence in `lang`.
pub fn dns(lang: &str, targets: &Targets, resolver: &str, done: impl FnOnce(Option<DnsLines>) + 'static) {
    DNS_PROGRESS.with(|p| p.set((0, 0)));
    DNS_CANCELLED.with(|c| c.set(false));
    let Ok(json) = serde_json::to_string(targets) else {
        done(None);
        return;
    };
    let args = [
        JsValue::from_str(lang),
        JsValue::from_str(&json),
        JsValue::from_str(resolver),
    ];
    let l = lang.to_string();
    request("dns", &args, move |v| done(dns_reply(v, &l)));
}

/// The evidence of an earlier run again, in `lang` (after a locale switch; no new queries).
pub fn dns_lines(run: u64, lang: &str, done: impl FnOnce(Option<DnsLines>) + 'static) {
    let args = [JsValue::from_str(lang), JsValue::from_f64(run as f64)];
    let l = lang.to_string();
    request("dns_lines", &args, move |v| done(dns_reply(v, &l)));
}

/// Makes one DoH GET for the engine with the page's `fetch`, under the page's CSP.
fn proxy_fetch(fid: JsValue, url: String, timeout_ms: u32) {
    wasm_bindgen_futures::spawn_local(async move {
        // Only to a resolver URL the rule allows, whoever asks; nothing after a cancel.
        let reply = match crate::dns::browser::parse_resolver_url(&url) {
            _ if DNS_CANCELLED.with(Cell::get) => Err(TransportError::Network("cancelled".into())),
            Ok(url) => {
                DNS_PROGRESS.with(|p| p.set((p.get().0 + 1, p.get().1)));
                let r = crate::dns::browser::FetchTransport.get(&url, timeout_ms).await;
                DNS_PROGRESS.with(|p| p.set((p.get().0, p.get().1 + 1)));
                r
            }
            Err(p) => Err(TransportError::Network(format!("{p:?}"))),
        };
        let tag = JsValue::from_str("fetched");
        let msg = match reply {
            Ok(r) => arr(&[
                tag,
                fid,
                JsValue::TRUE,
                JsValue::from(r.status),
                r.content_type.map(JsValue::from).unwrap_or(JsValue::NULL),
                Uint8Array::from(&r.body[..]).into(),
            ]),
            Err(e) => {
                let (kind, detail) = match e {
                    TransportError::Timeout => ("timeout", String::new()),
                    TransportError::Oversized => ("oversized", String::new()),
                    TransportError::Network(m) => ("network", m),
                };
                arr(&[tag, fid, JsValue::FALSE, kind.into(), detail.into()])
            }
        };
        post(msg);
    });
}
