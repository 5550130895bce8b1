//! The page's side of the analysis engine.
//!
//! All analysis (parse, diagnose, explain, redaction, DNS checks) runs in a Web Worker: a
//! separate, Yew-free wasm binary (`src/bin/bounce-worker.rs`, see [`super::worker`]), so the
//! page's own wasm does not carry the analysis core and loads fast. `www/boot.js` starts the
//! worker with the page, before the page's own wasm, so the engine downloads and compiles in
//! parallel with it; the page adopts that worker on its first render (or starts one itself when
//! there is none); requests made before the worker is ready are queued.
//!
//! Messages are [`super::protocol`]'s typed [`Request`]s and [`Reply`]s. A request
//! that wants an answer has an id; the answer carries it back. A batch's replies carry the
//! batch's number instead and go to the one batch listener ([`batch_start`]). The worker's DoH
//! queries are made by the page ([`Reply::Fetch`] / [`Request::Fetched`]), so they obey the
//! page's Content-Security-Policy (`connect-src`) exactly as before.

use super::analysis::Analysis;
use super::dom;
use super::protocol::{FetchReply, Reply, Request};
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

type Waiter = Box<dyn FnOnce(Option<Reply>)>;

/// Gets a batch's replies.
pub type BatchListener = Rc<dyn Fn(Reply)>;

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
    /// The running batch's number and listener (one batch at a time).
    static BATCH: RefCell<Option<(u64, BatchListener)>> = const { RefCell::new(None) };
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

/// A crashed worker: every open request fails, a running batch ends; the next request starts
/// a new worker.
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
    if let Some((batch, listener)) = BATCH.with(|b| b.borrow_mut().take()) {
        listener(Reply::BatchSingle { batch });
    }
}

fn on_message(v: JsValue) {
    let Some(reply) = Reply::from_js(v) else {
        return;
    };
    let id = match &reply {
        Reply::Ready => {
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
            return;
        }
        Reply::Warm { ms } => return dom::set_data_attribute("warmupMs", &format!("{}", ms.round())),
        Reply::Fetch { id, url, timeout_ms } => return proxy_fetch(*id, url.clone(), *timeout_ms),
        Reply::BatchView { batch, .. } | Reply::BatchSingle { batch } => {
            let listener = BATCH.with(|b| match &*b.borrow() {
                Some((n, l)) if n == batch => Some(l.clone()),
                _ => None,
            });
            if let Some(l) = listener {
                l(reply);
            }
            return;
        }
        Reply::Analysis { id, .. } | Reply::Several { id } | Reply::Text { id, .. } | Reply::Dns { id, .. } => *id,
    };
    let waiter = ENGINE.with(|e| e.borrow_mut().as_mut().and_then(|e| e.waiting.remove(&id)));
    if let Some(w) = waiter {
        w(Some(reply));
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

fn send(req: &Request) {
    post(req.to_js());
}

/// A new request id.
fn next_id() -> u64 {
    ENGINE.with(|e| {
        let mut e = e.borrow_mut();
        let Some(e) = e.as_mut() else { return 0 };
        e.next_id += 1;
        e.next_id
    })
}

/// Sends the request `make(id)` makes; `done` gets the answer (`None` when the engine could not
/// start, crashed, or could not answer).
fn request(make: impl FnOnce(u64) -> Request, done: impl FnOnce(Option<Reply>) + 'static) {
    if !start() {
        done(None);
        return;
    }
    let id = next_id();
    ENGINE.with(|e| {
        if let Some(e) = e.borrow_mut().as_mut() {
            e.waiting.insert(id, Box::new(done));
        }
    });
    send(&make(id));
}

/// A [`Reply::Text`]'s text.
fn text_of(r: Option<Reply>) -> Option<String> {
    match r {
        Some(Reply::Text { text, .. }) => text,
        _ => None,
    }
}

fn locale_message(lang: &str, sources: &[Rc<str>]) -> JsValue {
    let req = Request::Locale {
        lang: lang.to_string(),
        sources: sources.iter().map(|s| s.to_string()).collect(),
    };
    req.to_js()
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

/// The engine's answer to [`analyse`].
pub enum Answer {
    /// The view model.
    Analysis(Box<Analysis>),
    /// The text holds several reports one after another: a batch, not one explanation.
    Several,
    /// The engine could not answer.
    Failed,
}

/// Analyses and explains `text` in `lang` (after masking names when `redact`); the answer holds
/// the core's JSON too when `with_report` (see [`Analysis::json`]). Unless `one`, a text holding
/// several reports is answered with [`Answer::Several`].
pub fn analyse(
    lang: &str,
    text: &str,
    redact: bool,
    with_report: bool,
    one: bool,
    done: impl FnOnce(Answer) + 'static,
) {
    let (lang, text) = (lang.to_string(), text.to_string());
    request(
        move |id| Request::Analyse {
            id,
            lang,
            text,
            redact,
            report: with_report,
            one,
        },
        move |r| match r {
            Some(Reply::Analysis { analysis: Some(a), .. }) => done(Answer::Analysis(a)),
            Some(Reply::Several { .. }) => done(Answer::Several),
            _ => done(Answer::Failed),
        },
    );
}

/// The core's report for `text` as the CLI's `--json` prints it (with `source` "-").
pub fn report(text: &str, done: impl FnOnce(Option<String>) + 'static) {
    let text = text.to_string();
    request(move |id| Request::Report { id, text }, move |r| done(text_of(r)));
}

/// An Outlook `.msg` file rendered as the text of a message (`parse::msg`): the text the
/// analysis reads, for the text area.
pub fn render_msg(bytes: Uint8Array, done: impl FnOnce(Option<String>) + 'static) {
    request(
        move |id| Request::Msg {
            id,
            bytes: bytes.into(),
        },
        move |r| done(text_of(r)),
    );
}

/// The text of the example bounce `id` (see [`super::examples`]).
pub fn example(name: &str, done: impl FnOnce(Option<String>) + 'static) {
    let name = name.to_string();
    request(move |id| Request::Example { id, name }, move |r| done(text_of(r)));
}

/// `text` with addresses, IP addresses and host names masked (see `share::redact`).
pub fn redact(text: &str, done: impl FnOnce(Option<String>) + 'static) {
    let text = text.to_string();
    request(move |id| Request::Redact { id, text }, move |r| done(text_of(r)));
}

/// Where a batch's messages are.
pub enum BatchInput {
    /// A text holding an mbox.
    Text(String),
    /// Dropped or opened files, read by the engine.
    Files(Vec<web_sys::File>),
}

/// Starts analysing many messages in `lang`; `listener` gets the batch's replies (its views; or
/// "single", when a text holds one message only). Returns the batch's number. A batch started
/// earlier and still running is cancelled (its later replies are dropped).
pub fn batch_start(lang: &str, input: BatchInput, listener: BatchListener) -> u64 {
    if !start() {
        return 0;
    }
    batch_cancel();
    let batch = next_id();
    BATCH.with(|b| *b.borrow_mut() = Some((batch, listener)));
    let (text, names, files) = match input {
        BatchInput::Text(t) => (Some(t), Vec::new(), JsValue::UNDEFINED),
        BatchInput::Files(files) => {
            let names = files.iter().map(|f| f.name()).collect();
            let list: js_sys::Array = files.iter().collect();
            (None, names, list.into())
        }
    };
    send(&Request::BatchStart {
        batch,
        lang: lang.to_string(),
        text,
        names,
        files,
    });
    batch
}

/// Stops the latest batch if it still runs (the engine answers with its summary so far).
pub fn batch_cancel() {
    let running = BATCH.with(|b| b.borrow().as_ref().map(|(n, _)| *n));
    if let Some(batch) = running {
        batch_act(batch, "cancel");
    }
}

/// Hands the engine the user's `action` on the batch view (a [`super::protocol::Node`]'s
/// `data-act`); it answers with a new view.
pub fn batch_act(batch: u64, action: &str) {
    send(&Request::BatchAct {
        batch,
        act: action.to_string(),
    });
}

/// The text of message `index` of `batch`.
pub fn batch_message(batch: u64, index: u32, done: impl FnOnce(Option<String>) + 'static) {
    request(
        move |id| Request::BatchMessage { id, batch, index },
        move |r| done(text_of(r)),
    );
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

fn dns_reply(r: Option<Reply>, lang: &str) -> Option<DnsLines> {
    let Some(Reply::Dns { result: Some(w), .. }) = r else {
        return None;
    };
    Some(DnsLines {
        run: w.run,
        lang: lang.to_string(),
        lines: w.lines,
        unreachable: w.unreachable,
        verdicts: Rc::new(w.verdicts),
        verdicts_json: w.verdicts_json,
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
    let (l, targets, resolver) = (lang.to_string(), targets.clone(), resolver.to_string());
    let lang = l.clone();
    request(
        move |id| Request::Dns {
            id,
            lang,
            targets,
            resolver,
        },
        move |r| done(dns_reply(r, &l)),
    );
}

/// The evidence of an earlier run again, in `lang` (after a locale switch; no new queries).
pub fn dns_lines(run: u64, lang: &str, done: impl FnOnce(Option<DnsLines>) + 'static) {
    let l = lang.to_string();
    let lang = l.clone();
    request(
        move |id| Request::DnsLines { id, lang, run },
        move |r| done(dns_reply(r, &l)),
    );
}

/// Makes one DoH GET for the engine with the page's `fetch`, under the page's CSP.
fn proxy_fetch(fetch: u64, url: String, timeout_ms: u32) {
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
        let reply = match reply {
            Ok(r) => FetchReply::Ok {
                status: r.status,
                content_type: r.content_type,
                body: Uint8Array::from(&r.body[..]).into(),
            },
            Err(TransportError::Timeout) => FetchReply::Timeout,
            Err(TransportError::Oversized) => FetchReply::Oversized,
            Err(TransportError::Network(m)) => FetchReply::Network(m),
        };
        send(&Request::Fetched { id: fetch, reply });
    });
}
