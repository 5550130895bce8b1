//! The analysis engine that runs in the Web Worker (`src/bin/bounce-worker.rs`): the whole core
//! (parse, diagnose, explain), redaction and the DNS checks, off the page's main thread and out
//! of the page's wasm. The page talks to it through [`super::engine`], which documents the
//! messages. Trunk builds the worker with a loader shim; the build records the shim's name in
//! `<meta name="bounce-worker">`.

use super::analysis;
use super::engine::Post;
use super::examples;
use crate::dns::resolver::{DohResolver, HttpReply, Transport, TransportError};
use crate::dns::{self, Config, DnsReport, Targets};
use crate::i18n::Localizer;
use futures::future::{FutureExt, LocalBoxFuture};
use js_sys::{Array, Uint8Array};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// How many finished DNS runs the engine keeps, to show them again in another locale.
const KEPT_DNS_RUNS: usize = 16;

thread_local! {
    /// The JS string "reply", made once: making a JS string from wasm memory costs about a
    /// microsecond even for five bytes, several per cent of a small request.
    static REPLY: JsValue = JsValue::from_str("reply");
}

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

struct Server {
    post: Post,
    /// The global scope's clock (a worker's or, in process, the page's), for the time an
    /// analysis takes; `None` where there is none.
    clock: Option<web_sys::Performance>,
    locales: RefCell<HashMap<String, Localizer>>,
    dns_runs: RefCell<Vec<(u64, DnsReport)>>,
    fetches: Rc<RefCell<HashMap<u64, js_sys::Function>>>,
    next_fetch: Rc<Cell<u64>>,
}

fn arr(items: &[JsValue]) -> JsValue {
    items.iter().collect::<Array>().into()
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
    });
    post(arr(&["ready".into()]));
    let warm = post.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let t0 = js_sys::Date::now();
        // A reply line and a whole DSN: both parsing paths compile their patterns.
        for text in [examples::WARM_UP_TEXT, examples::WARM_UP_DSN] {
            let _ = crate::analyze(text.as_bytes());
        }
        warm(arr(&["warm".into(), JsValue::from_f64(js_sys::Date::now() - t0)]));
    });
    Rc::new(move |v| server.clone().handle(v))
}

impl Server {
    fn reply(&self, id: &JsValue, value: JsValue) {
        (self.post)(arr(&[REPLY.with(JsValue::clone), id.clone(), value]));
    }

    fn handle(self: Rc<Self>, v: JsValue) {
        let Ok(msg) = v.dyn_into::<Array>() else { return };
        let s = |i: u32| msg.get(i).as_string().unwrap_or_default();
        let id = msg.get(1);
        match s(0).as_str() {
            "locale" => {
                let lang = s(1);
                let sources: Vec<String> = Array::from(&msg.get(2)).iter().filter_map(|v| v.as_string()).collect();
                let refs: Vec<&str> = sources.iter().map(String::as_str).collect();
                if let Ok(loc) = Localizer::from_sources(&lang, &refs) {
                    // Explaining and serializing once in the new locale warms up the rest of
                    // the path (Fluent's message resolution, the view model), off the first paste.
                    let _ = analysis::to_json(&analysis::run(examples::WARM_UP_TEXT, &loc));
                    let _ = loc.take_errors();
                    self.locales.borrow_mut().insert(lang, loc);
                }
            }
            "analyse" => {
                let t0 = self.clock.as_ref().map(|c| c.now());
                let locales = self.locales.borrow();
                let value = match locales.get(&s(2)) {
                    Some(loc) => {
                        let text = s(3);
                        let text = if msg.get(4).as_bool() == Some(true) {
                            super::share::redact(&text)
                        } else {
                            text
                        };
                        let _ = loc.take_errors();
                        let with_report = msg.get(5).as_bool() == Some(true);
                        JsValue::from_str(&analysis::to_json(&analysis::run_with(&text, loc, with_report)))
                    }
                    None => JsValue::NULL,
                };
                drop(locales);
                // A fourth item: how long the engine worked on the request in ms (from the
                // message to the answer's JS string: reading the text, analysis, explanation,
                // the view model's JSON). The page may ignore it; the browser benchmark reads it, free of
                // the time messages wait for a thread on a busy machine.
                let ms = t0
                    .zip(self.clock.as_ref())
                    .map_or(JsValue::NULL, |(t0, c)| (c.now() - t0).into());
                (self.post)(arr(&[REPLY.with(JsValue::clone), id, value, ms]));
            }
            "report" => {
                let mut report = crate::analyze(s(2).as_bytes());
                report.source = "-".to_string();
                let value = serde_json::to_string(&report)
                    .map(JsValue::from)
                    .unwrap_or(JsValue::NULL);
                self.reply(&id, value);
            }
            "redact" => self.reply(&id, super::share::redact(&s(2)).into()),
            "msg" => {
                let bytes = Uint8Array::new(&msg.get(2)).to_vec();
                let text = crate::input::Input::new(&bytes).text;
                self.reply(&id, JsValue::from_str(&text));
            }
            "example" => self.reply(&id, examples::example_text(&s(2)).map_or(JsValue::NULL, JsValue::from)),
            "dns" => {
                let (lang, resolver) = (s(2), s(4));
                let targets: Option<Targets> = serde_json::from_str(&s(3)).ok();
                let server = self.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let (Some(targets), Ok(resolver)) = (targets, dns::parse_resolver_url(&resolver)) else {
                        return server.reply(&id, JsValue::NULL);
                    };
                    let cfg = Config::with_resolver(&resolver);
                    let transport = ProxyTransport {
                        post: server.post.clone(),
                        fetches: server.fetches.clone(),
                        next: server.next_fetch.clone(),
                    };
                    let r = DohResolver::new(&cfg.resolver_url, transport, cfg.timeout_ms);
                    let report = dns::run_targets(&r, &cfg.resolver_url, targets, &cfg).await;
                    let run = id.as_f64().unwrap_or(0.0) as u64;
                    {
                        let mut runs = server.dns_runs.borrow_mut();
                        runs.push((run, report));
                        let extra = runs.len().saturating_sub(KEPT_DNS_RUNS);
                        runs.drain(..extra);
                    }
                    let value = server.dns_value(run, &lang);
                    server.reply(&id, value);
                });
            }
            "dns_lines" => {
                let run = msg.get(3).as_f64().unwrap_or(0.0) as u64;
                let value = self.dns_value(run, &s(2));
                self.reply(&id, value);
            }
            "fetched" => {
                let fid = msg.get(1).as_f64().unwrap_or(0.0) as u64;
                if let Some(resolve) = self.fetches.borrow_mut().remove(&fid) {
                    let _ = resolve.call1(&JsValue::NULL, &msg);
                }
            }
            _ => {}
        }
    }

    /// `[run, [evidence lines], unreachable]` for a kept run in `lang`, or null.
    fn dns_value(&self, run: u64, lang: &str) -> JsValue {
        let runs = self.dns_runs.borrow();
        let locales = self.locales.borrow();
        let (Some((_, report)), Some(loc)) = (runs.iter().find(|(r, _)| *r == run), locales.get(lang)) else {
            return JsValue::NULL;
        };
        let lines: Array = dns::evidence(report, loc)
            .iter()
            .map(|l| JsValue::from_str(l))
            .collect();
        // Each recipient's verdict: its sentence (or null), and all of them as JSON for the embed.
        let verdicts: Vec<_> = report
            .targets
            .reasons
            .iter()
            .map(|r| dns::verdict::verdict_for(r, report))
            .collect();
        let verdict_lines: Array = verdicts
            .iter()
            .map(|v| v.as_ref().map_or(JsValue::NULL, |v| JsValue::from_str(&v.line(loc))))
            .collect();
        let verdict_json = serde_json::to_string(&verdicts).map_or(JsValue::NULL, JsValue::from);
        arr(&[
            JsValue::from_f64(run as f64),
            lines.into(),
            JsValue::from_bool(report.resolver_unreachable),
            verdict_lines.into(),
            verdict_json,
        ])
    }
}

/// DoH GETs made by the page on the worker's behalf (`["fetch", …]` / `["fetched", …]`), so the
/// page's Content-Security-Policy decides which resolvers can be reached.
struct ProxyTransport {
    post: Post,
    fetches: Rc<RefCell<HashMap<u64, js_sys::Function>>>,
    next: Rc<Cell<u64>>,
}

fn fetched(v: JsValue) -> Result<HttpReply, TransportError> {
    let msg: Array = v.dyn_into().map_err(|_| TransportError::Network("no reply".into()))?;
    if msg.get(2).as_bool() == Some(true) {
        Ok(HttpReply {
            status: msg.get(3).as_f64().unwrap_or(0.0) as u16,
            content_type: msg.get(4).as_string(),
            body: msg
                .get(5)
                .dyn_into::<Uint8Array>()
                .map(|b| b.to_vec())
                .unwrap_or_default(),
        })
    } else {
        Err(match msg.get(3).as_string().as_deref() {
            Some("timeout") => TransportError::Timeout,
            Some("oversized") => TransportError::Oversized,
            _ => TransportError::Network(msg.get(4).as_string().unwrap_or_default()),
        })
    }
}

impl Transport for ProxyTransport {
    fn get(&self, url: &str, timeout_ms: u32) -> LocalBoxFuture<'static, Result<HttpReply, TransportError>> {
        let fid = self.next.get();
        self.next.set(fid + 1);
        let fetches = self.fetches.clone();
        let promise = js_sys::Promise::new(&mut |resolve, _reject| {
            fetches.borrow_mut().insert(fid, resolve);
        });
        (self.post)(arr(&[
            "fetch".into(),
            JsValue::from_f64(fid as f64),
            url.into(),
            JsValue::from(timeout_ms),
        ]));
        async move {
            match JsFuture::from(promise).await {
                Ok(v) => fetched(v),
                Err(_) => Err(TransportError::Network("no reply".into())),
            }
        }
        .boxed_local()
    }
}
