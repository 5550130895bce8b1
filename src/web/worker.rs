//! The analysis engine that runs in the Web Worker (`src/bin/bounce-worker.rs`): the whole core
//! (parse, diagnose, explain), redaction and the DNS checks, off the page's main thread and out
//! of the page's wasm. The page talks to it through [`super::engine`], which documents the
//! messages. Trunk builds the worker with a loader shim; the build records the shim's name in
//! `<meta name="bounce-worker">`.

use super::analysis;
use super::batch_run::BatchRun;
use super::engine::Post;
use super::examples;
use super::protocol::{DnsWire, FetchReply, Reply, Request};
use crate::dns::resolver::{DohResolver, HttpReply, Transport, TransportError};
use crate::dns::{self, Config, DnsReport, Targets};
use crate::i18n::Localizer;
use futures::future::{FutureExt, LocalBoxFuture};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// How many finished DNS runs the engine keeps, to show them again in another locale.
const KEPT_DNS_RUNS: usize = 16;

/// Runs inside the worker: answers the page until the worker is closed.
pub fn start() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let to_page = scope.clone();
    let handle = serve(Rc::new(move |v| {
        let _ = to_page.post_message(&v);
    }));
    let onmessage = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| handle(e.data()));
    scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
}

pub(super) struct Server {
    post: Post,
    /// The global scope's clock (a worker's or, in process, the page's), for the time an
    /// analysis takes; `None` where there is none.
    clock: Option<web_sys::Performance>,
    pub(super) locales: RefCell<HashMap<String, Localizer>>,
    dns_runs: RefCell<Vec<(u64, DnsReport)>>,
    fetches: Rc<RefCell<HashMap<u64, js_sys::Function>>>,
    next_fetch: Rc<Cell<u64>>,
    /// The latest batch (kept after it ends, for its messages' explanations and the exports).
    pub(super) batch: RefCell<Option<BatchRun>>,
}

/// The engine: given how to post to the page, returns the handler for the page's messages.
/// Announces itself (`ready`) at once, then compiles the knowledge base's patterns (the first
/// analysis would otherwise pay for it) and reports how long that took (`warm`).
pub fn serve(post: Post) -> Post {
    let clock = js_sys::Reflect::get(&js_sys::global(), &"performance".into())
        .ok()
        .and_then(|p| p.dyn_into::<web_sys::Performance>().ok());
    let server = Rc::new(Server {
        post: post.clone(),
        clock,
        locales: RefCell::new(HashMap::new()),
        dns_runs: RefCell::new(Vec::new()),
        fetches: Rc::new(RefCell::new(HashMap::new())),
        next_fetch: Rc::new(Cell::new(1)),
        batch: RefCell::new(None),
    });
    server.send(&Reply::Ready);
    let warm = server.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let t0 = js_sys::Date::now();
        // A reply line and a whole DSN: both parsing paths compile their patterns.
        for text in [examples::WARM_UP_TEXT, examples::WARM_UP_DSN] {
            let _ = crate::analyze(text.as_bytes());
        }
        warm.send(&Reply::Warm {
            ms: js_sys::Date::now() - t0,
        });
    });
    Rc::new(move |v| server.clone().handle(v))
}

impl Server {
    /// Posts a reply to the page.
    pub(super) fn send(&self, r: &Reply) {
        (self.post)(r.to_js());
    }

    fn text(&self, id: u64, text: Option<String>) {
        self.send(&Reply::Text { id, text });
    }

    /// The current time in ms by the scope's clock.
    pub(super) fn now(&self) -> f64 {
        self.clock.as_ref().map_or_else(js_sys::Date::now, |c| c.now())
    }

    fn handle(self: Rc<Self>, v: JsValue) {
        let t0 = self.clock.as_ref().map(|c| c.now());
        let Some(req) = Request::from_js(v) else {
            return;
        };
        match req {
            Request::Locale { lang, sources } => {
                let refs: Vec<&str> = sources.iter().map(String::as_str).collect();
                if let Ok(loc) = Localizer::from_sources(&lang, &refs) {
                    // Explaining and serializing once in the new locale warms up the rest of
                    // the path (Fluent's message resolution, the view model), off the first paste.
                    let warm = analysis::run(examples::WARM_UP_TEXT, &loc);
                    let _ = Reply::Analysis {
                        id: 0,
                        analysis: Some(Box::new(warm)),
                        ms: None,
                    }
                    .to_js();
                    let _ = loc.take_errors();
                    self.locales.borrow_mut().insert(lang, loc);
                }
            }
            Request::Analyse {
                id,
                lang,
                text,
                redact,
                report,
                one,
            } => {
                // Several reports one after another: the page makes a batch of them.
                if !(one || redact || report) && crate::batch::split_reports(text.as_bytes()).len() > 1 {
                    return self.send(&Reply::Several { id });
                }
                let analysis = self.locales.borrow().get(&lang).map(|loc| {
                    let text = if redact { super::share::redact(&text) } else { text };
                    let _ = loc.take_errors();
                    Box::new(analysis::run_with(&text, loc, report))
                });
                // How long the engine worked on the request in ms (from the message to the
                // answer: reading the text, analysis, explanation; not the answer's JSON). The
                // page ignores it; the browser benchmark reads it, free of the time messages wait
                // for a thread on a busy machine.
                let ms = t0.zip(self.clock.as_ref()).map(|(t0, c)| c.now() - t0);
                self.send(&Reply::Analysis { id, analysis, ms });
            }
            Request::Report { id, text } => {
                let mut report = crate::analyze(text.as_bytes());
                report.source = "-".to_string();
                self.text(id, serde_json::to_string(&report).ok());
            }
            Request::Redact { id, text } => self.text(id, Some(super::share::redact(&text))),
            Request::Msg { id, bytes } => self.text(id, Some(crate::input::Input::new(&bytes_of(bytes)).text)),
            Request::Example { id, name } => self.text(id, examples::example_text(&name).map(str::to_string)),
            Request::Dns {
                id,
                lang,
                targets,
                resolver,
            } => {
                let server = self.clone();
                wasm_bindgen_futures::spawn_local(async move { server.dns(id, lang, targets, resolver).await });
            }
            Request::DnsLines { id, lang, run } => {
                let result = self.dns_value(run, &lang);
                self.send(&Reply::Dns { id, result });
            }
            Request::Fetched { id: fetch, reply } => {
                if let Some(resolve) = self.fetches.borrow_mut().remove(&fetch) {
                    let r = match reply {
                        FetchReply::Ok {
                            status,
                            content_type,
                            body,
                        } => Ok(HttpReply {
                            status,
                            content_type,
                            body: bytes_of(body),
                        }),
                        FetchReply::Timeout => Err(TransportError::Timeout),
                        FetchReply::Oversized => Err(TransportError::Oversized),
                        FetchReply::Network(m) => Err(TransportError::Network(m)),
                    };
                    FETCHED.with(|f| f.borrow_mut().insert(fetch, r));
                    let _ = resolve.call1(&JsValue::NULL, &JsValue::from_f64(fetch as f64));
                }
            }
            Request::BatchStart {
                batch,
                lang,
                text,
                names,
                files,
            } => {
                let server = self.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    super::batch_run::run(server, batch, lang, text, names, files).await
                });
            }
            Request::BatchAct { batch, act } => super::batch_run::act(&self, batch, &act),
            Request::BatchMessage { id, batch, index } => {
                let text = self
                    .batch
                    .borrow()
                    .as_ref()
                    .filter(|b| b.id == batch)
                    .and_then(|b| b.message_text(index));
                self.text(id, text);
            }
        }
    }

    async fn dns(self: Rc<Self>, id: u64, lang: String, targets: Targets, resolver: String) {
        let Ok(resolver) = dns::parse_resolver_url(&resolver) else {
            return self.send(&Reply::Dns { id, result: None });
        };
        let cfg = Config::with_resolver(&resolver);
        let transport = ProxyTransport {
            post: self.post.clone(),
            fetches: self.fetches.clone(),
            next: self.next_fetch.clone(),
        };
        let r = DohResolver::new(&cfg.resolver_url, transport, cfg.timeout_ms);
        let report = dns::run_targets(&r, &cfg.resolver_url, targets, &cfg).await;
        {
            let mut runs = self.dns_runs.borrow_mut();
            runs.push((id, report));
            let extra = runs.len().saturating_sub(KEPT_DNS_RUNS);
            runs.drain(..extra);
        }
        let result = self.dns_value(id, &lang);
        self.send(&Reply::Dns { id, result });
    }

    /// A kept run's evidence and verdicts in `lang`.
    fn dns_value(&self, run: u64, lang: &str) -> Option<DnsWire> {
        let runs = self.dns_runs.borrow();
        let locales = self.locales.borrow();
        let (Some((_, report)), Some(loc)) = (runs.iter().find(|(r, _)| *r == run), locales.get(lang)) else {
            return None;
        };
        // Each recipient's verdict: its sentence (or none), and all of them as JSON for the embed.
        let verdicts: Vec<_> = report
            .targets
            .reasons
            .iter()
            .map(|r| dns::verdict::verdict_for(r, report))
            .collect();
        Some(DnsWire {
            run,
            lines: dns::evidence(report, loc),
            unreachable: report.resolver_unreachable,
            verdicts: verdicts.iter().map(|v| v.as_ref().map(|v| v.line(loc))).collect(),
            verdicts_json: serde_json::to_string(&verdicts).ok(),
        })
    }
}

/// The bytes of a `Uint8Array` (none when it is something else).
fn bytes_of(v: JsValue) -> Vec<u8> {
    v.dyn_into::<js_sys::Uint8Array>()
        .map(|b| b.to_vec())
        .unwrap_or_default()
}

thread_local! {
    /// The page's answers to DoH GETs, taken by the query waiting for each.
    static FETCHED: RefCell<HashMap<u64, Result<HttpReply, TransportError>>> = RefCell::new(HashMap::new());
}

/// DoH GETs made by the page on the worker's behalf ([`Reply::Fetch`] / [`Request::Fetched`]), so the
/// page's Content-Security-Policy decides which resolvers can be reached.
struct ProxyTransport {
    post: Post,
    fetches: Rc<RefCell<HashMap<u64, js_sys::Function>>>,
    next: Rc<Cell<u64>>,
}

impl Transport for ProxyTransport {
    fn get(&self, url: &str, timeout_ms: u32) -> LocalBoxFuture<'static, Result<HttpReply, TransportError>> {
        let fid = self.next.get();
        self.next.set(fid + 1);
        let fetches = self.fetches.clone();
        let promise = js_sys::Promise::new(&mut |resolve, _reject| {
            fetches.borrow_mut().insert(fid, resolve);
        });
        let fetch = Reply::Fetch {
            id: fid,
            url: url.to_string(),
            timeout_ms,
        };
        (self.post)(fetch.to_js());
        async move {
            let _ = JsFuture::from(promise).await;
            FETCHED
                .with(|f| f.borrow_mut().remove(&fid))
                .unwrap_or_else(|| Err(TransportError::Network("no reply".into())))
        }
        .boxed_local()
    }
}
