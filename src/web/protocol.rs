//! The messages between the page ([`super::engine`]) and the analysis engine ([`super::worker`]):
//! one [`Request`] enum (page → engine) and one [`Reply`] enum (engine → page), compiled into
//! both wasm binaries, so both sides read and write the same types.
//!
//! On the wire ([`Request::to_js`], [`Reply::from_js`] and back) a message is a JS array
//! `[variant name, fields…]` posted as a structured clone, with an attachment where JSON would
//! copy: the bytes of an Outlook `.msg` file (a `Uint8Array`) for [`Request::Msg`], the dropped
//! files (`File`s, read by the engine, never by the page) for [`Request::BatchStart`]. The view
//! model and the DNS targets travel as flat arrays of their fields ([`Out`] / [`In`]).
//!
//! The page only encodes requests and decodes replies; the engine the other way round, so each
//! binary links one half of the code. Neither the types nor their codec pull in any analysis
//! code. The types also derive serde (their JSON form, e.g. for a log or a test), but the wire
//! does not use it: serde's JSON reader was the largest part of the page's wasm that was not
//! the app itself, and the first-load budget had 2.8 KB left. Measured on the page's wasm
//! (`wasm-opt -Oz`, gzip -9; see the README's web batch section for the figures): these enums
//! through serde's JSON (struct variants, then tuple variants), then this codec for the messages
//! only, then for the view model too; and a batch view written as Yew components against a
//! generic tree ([`Node`]) the engine builds and the page draws.

use super::analysis::{Analysis, Fixes, HopView, Mark, RecipientFacts, RecipientView, SpanView};
use crate::dns::Targets;
use crate::explain::Labels;
use crate::model::Party;
use serde::{Deserialize, Serialize};

/// Page → engine. A request that wants an answer starts with its id, which the answer repeats.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Request {
    /// `(lang, FTL sources)`: a locale's messages (sent once per locale, before any request in it).
    Locale(String, Vec<String>),
    /// `(id, lang, text, redact, with_report)`: analyse and explain `text` in `lang` (after
    /// masking names when `redact`), with the core's JSON when `with_report`.
    /// Answered by [`Reply::Analysis`].
    Analyse(u64, String, String, bool, bool),
    /// `(id, text)`: the core's report as the CLI's `--json` prints it. Answered by [`Reply::Text`].
    Report(u64, String),
    /// `(id, text)`: `text` with names masked. Answered by [`Reply::Text`].
    Redact(u64, String),
    /// `(id)`: an Outlook `.msg` file (the attachment, a `Uint8Array`) rendered as a message's
    /// text. Answered by [`Reply::Text`].
    Msg(u64),
    /// `(id, example id)`: the text of an example bounce. Answered by [`Reply::Text`].
    Example(u64, String),
    /// `(id, lang, targets, resolver URL)`: run the DNS checks. Answered by [`Reply::Dns`].
    Dns(u64, String, Targets, String),
    /// `(id, lang, run)`: the evidence of an earlier DNS run (`run`: its request id) again.
    DnsLines(u64, String, u64),
    /// `(fetch id, reply)`: the page's answer to [`Reply::Fetch`].
    Fetched(u64, FetchReply),
    /// `(batch, lang, text, file names)`: analyse many messages: `text` split as an mbox, or,
    /// without `text`, the dropped files (the attachment, an array of `File`s), each an mbox or
    /// one message (`.eml`, `.txt`, `.msg`). Answered by [`Reply::BatchView`]s (the last one
    /// `finished`), or [`Reply::BatchSingle`] when the text holds one message only.
    BatchStart(u64, String, Option<String>, Vec<String>),
    /// `(batch, action)`: the user acted on the batch view: a [`Node`]'s `data-act` (`cancel`,
    /// `page:N`; the page itself handles `open:N`). Answered by a [`Reply::BatchView`].
    BatchAct(u64, String),
    /// `(id, batch, index)`: the text of message `index`, for its single-bounce explanation.
    /// Answered by [`Reply::Text`].
    BatchMessage(u64, u64, u32),
}

/// How a DoH GET the page made for the engine went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FetchReply {
    /// `(status, content type, body)`: an HTTP answer.
    Ok(u16, Option<String>, Vec<u8>),
    /// No answer in time.
    Timeout,
    /// Too large to be a DNS message.
    Oversized,
    /// Anything else.
    Network(String),
}

/// Engine → page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Reply {
    /// The engine is running and takes requests.
    Ready,
    /// `(ms)`: the engine has compiled the knowledge base's patterns, in `ms`.
    Warm(f64),
    /// `(id, view model, ms)`: the answer to [`Request::Analyse`] (`None`: the locale is not
    /// loaded), and how long the engine worked on it by its own clock (read by the browser
    /// benchmark).
    Analysis(u64, Option<Box<Analysis>>, Option<f64>),
    /// `(id, text)`: a text answer (`None`: no such thing, or it could not be made).
    Text(u64, Option<String>),
    /// `(id, result)`: a DNS run's localized evidence.
    Dns(u64, Option<DnsWire>),
    /// `(fetch id, url, timeout ms)`: make a DoH GET for the engine (under the page's CSP) and
    /// answer with [`Request::Fetched`].
    Fetch(u64, String, u32),
    /// `(batch, view)`: how a batch stands: its view to show (progress while it runs, then the
    /// summary and the list of messages).
    BatchView(u64, BatchView),
    /// `(batch)`: the text holds one message only: explain it as one.
    BatchSingle(u64),
}

/// A DNS run's localized result: `(run, evidence lines, resolver unreachable, each recipient's
/// verdict sentence, the verdicts as JSON for the embed's host)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DnsWire(
    pub u64,
    pub Vec<String>,
    pub bool,
    pub Vec<Option<String>>,
    pub Option<String>,
);

/// A batch's view: `(finished, status line, "back to the batch" label, tree)`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BatchView(pub bool, pub String, pub String, pub Node);

/// A piece of a view the engine builds and the page draws: `(tag, attributes, children, text)`;
/// with an empty tag, a text node. Texts and attribute values are always set as such (never
/// parsed as HTML), so message contents stay text. An element with `data-act` is something the
/// user can do (see [`Request::BatchAct`]).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Node(pub String, pub Vec<(String, String)>, pub Vec<Node>, pub String);

// ---- the wire ------------------------------------------------------------------------------
//
// A message is a JS array `[variant name, fields…]`, posted as a structured clone: strings,
// numbers, booleans, nulls and arrays, a `Uint8Array` for bytes and `File`s as they are; the
// view model and the DNS targets as flat arrays ([`Out`] / [`In`]). Written by hand here, once
// for both sides, rather than by serde: see the module's documentation.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};

fn arr(items: Vec<JsValue>) -> JsValue {
    items.into_iter().collect::<Array>().into()
}

fn js_u64(n: u64) -> JsValue {
    JsValue::from_f64(n as f64)
}

fn js_opt(s: &Option<String>) -> JsValue {
    s.as_deref().map_or(JsValue::NULL, JsValue::from_str)
}

fn js_strs(v: &[String]) -> JsValue {
    v.iter().map(|s| JsValue::from_str(s)).collect::<Array>().into()
}

/// Writes values, in order, into one flat JS array: the wire form of the view model
/// ([`Analysis::to_js`]) and of the DNS targets. Its reader is [`In`].
pub struct Out(pub Array);

impl Default for Out {
    fn default() -> Out {
        Out(Array::new())
    }
}

impl Out {
    /// A string.
    pub fn s(&mut self, v: &str) {
        self.0.push(&JsValue::from_str(v));
    }
    /// An optional string (`null` for none).
    pub fn os(&mut self, v: &Option<String>) {
        self.0.push(&js_opt(v));
    }
    /// A number.
    pub fn n(&mut self, v: f64) {
        self.0.push(&JsValue::from_f64(v));
    }
    /// An optional number.
    pub fn on(&mut self, v: Option<f64>) {
        self.0.push(&v.map_or(JsValue::NULL, JsValue::from_f64));
    }
    /// A boolean.
    pub fn b(&mut self, v: bool) {
        self.0.push(&JsValue::from_bool(v));
    }
    /// A list: its length, then each item.
    pub fn list<T>(&mut self, v: &[T], mut f: impl FnMut(&mut Out, &T)) {
        self.n(v.len() as f64);
        for x in v {
            f(self, x);
        }
    }
    /// A list of strings.
    pub fn strs(&mut self, v: &[String]) {
        self.list(v, |o, s| o.s(s));
    }
}

/// Reads what [`Out`] wrote, in the same order; anything missing or of the wrong type reads as
/// empty (never a panic).
pub struct In {
    a: Array,
    i: u32,
}

impl In {
    /// Reads `v` (an array), from its start.
    pub fn new(v: &JsValue) -> In {
        In {
            a: v.clone().dyn_into().unwrap_or_else(|_| Array::new()),
            i: 0,
        }
    }
    fn next(&mut self) -> JsValue {
        self.i += 1;
        self.a.get(self.i - 1)
    }
    /// A string.
    pub fn s(&mut self) -> String {
        self.os().unwrap_or_default()
    }
    /// An optional string.
    pub fn os(&mut self) -> Option<String> {
        self.next().as_string()
    }
    /// A number.
    pub fn n(&mut self) -> f64 {
        self.on().unwrap_or(0.0)
    }
    /// An optional number.
    pub fn on(&mut self) -> Option<f64> {
        self.next().as_f64()
    }
    /// A boolean.
    pub fn b(&mut self) -> bool {
        self.next().as_bool() == Some(true)
    }
    /// A list (at most as many items as values are left).
    pub fn list<T>(&mut self, mut f: impl FnMut(&mut In) -> T) -> Vec<T> {
        let n = (self.n().max(0.0) as u32).min(self.a.length().saturating_sub(self.i));
        (0..n).map(|_| f(self)).collect()
    }
    /// A list of strings.
    pub fn strs(&mut self) -> Vec<String> {
        self.list(In::s)
    }
    /// DNS targets, when this reader holds [`Targets::to_js`]'s array.
    pub fn targets_flat(&mut self) -> Targets {
        targets_in(self)
    }
    /// DNS targets (written as [`Targets::to_js`], nested).
    pub fn targets(&mut self) -> Targets {
        targets_in(&mut In::new(&self.next()))
    }
}

/// The DNS targets' wire form.
fn targets_out(o: &mut Out, t: &Targets) {
    o.b(t.ip.is_some());
    if let Some(ip) = &t.ip {
        o.s(&ip.ip);
        o.b(ip.source == crate::dns::IpSource::Diagnostic);
    }
    o.os(&t.sender);
    o.strs(&t.recipient_domains);
    o.strs(&t.hosts);
    o.os(&t.reason);
    o.strs(&t.reasons);
}

/// Reads [`targets_out`]'s form.
fn targets_in(r: &mut In) -> Targets {
    let ip = r.b().then(|| crate::dns::SendingIp {
        ip: r.s(),
        source: if r.b() {
            crate::dns::IpSource::Diagnostic
        } else {
            crate::dns::IpSource::Hops
        },
    });
    Targets {
        ip,
        sender: r.os(),
        recipient_domains: r.strs(),
        hosts: r.strs(),
        reason: r.os(),
        reasons: r.strs(),
    }
}

impl Targets {
    /// The wire form (see [`Out`]).
    pub fn to_js(&self) -> JsValue {
        let mut o = Out::default();
        targets_out(&mut o, self);
        o.0.into()
    }
}

/// Reads a message's fields.
struct Fields(Array);

impl Fields {
    fn new(v: &JsValue) -> Option<(String, Fields)> {
        let a: Array = v.clone().dyn_into().ok()?;
        Some((a.get(0).as_string()?, Fields(a)))
    }
    fn s(&self, i: u32) -> Option<String> {
        self.0.get(i).as_string()
    }
    fn n(&self, i: u32) -> Option<u64> {
        self.0.get(i).as_f64().filter(|n| *n >= 0.0).map(|n| n as u64)
    }
    fn b(&self, i: u32) -> bool {
        self.0.get(i).as_bool() == Some(true)
    }
    fn any(&self, i: u32) -> JsValue {
        self.0.get(i)
    }
}

fn strs(v: &JsValue) -> Vec<String> {
    v.dyn_ref::<Array>()
        .map(|a| a.iter().filter_map(|s| s.as_string()).collect())
        .unwrap_or_default()
}

impl Request {
    /// The message to post, with its attachment (see the module's documentation).
    pub fn to_js(&self, attachment: Option<JsValue>) -> JsValue {
        use Request::*;
        let s = |t: &str| JsValue::from_str(t);
        let mut v = match self {
            Locale(lang, srcs) => vec![s("Locale"), s(lang), js_strs(srcs)],
            Analyse(id, lang, text, redact, report) => vec![
                s("Analyse"),
                js_u64(*id),
                s(lang),
                s(text),
                (*redact).into(),
                (*report).into(),
            ],
            Report(id, text) => vec![s("Report"), js_u64(*id), s(text)],
            Redact(id, text) => vec![s("Redact"), js_u64(*id), s(text)],
            Msg(id) => vec![s("Msg"), js_u64(*id)],
            Example(id, name) => vec![s("Example"), js_u64(*id), s(name)],
            Dns(id, lang, targets, resolver) => vec![s("Dns"), js_u64(*id), s(lang), targets.to_js(), s(resolver)],
            DnsLines(id, lang, run) => vec![s("DnsLines"), js_u64(*id), s(lang), js_u64(*run)],
            Fetched(fid, r) => {
                let r = match r {
                    FetchReply::Ok(status, ctype, body) => arr(vec![
                        s("Ok"),
                        (*status).into(),
                        js_opt(ctype),
                        Uint8Array::from(&body[..]).into(),
                    ]),
                    FetchReply::Timeout => arr(vec![s("Timeout")]),
                    FetchReply::Oversized => arr(vec![s("Oversized")]),
                    FetchReply::Network(m) => arr(vec![s("Network"), s(m)]),
                };
                vec![s("Fetched"), js_u64(*fid), r]
            }
            BatchStart(batch, lang, text, names) => {
                vec![s("BatchStart"), js_u64(*batch), s(lang), js_opt(text), js_strs(names)]
            }
            BatchAct(batch, act) => vec![s("BatchAct"), js_u64(*batch), s(act)],
            BatchMessage(id, batch, index) => {
                vec![s("BatchMessage"), js_u64(*id), js_u64(*batch), (*index).into()]
            }
        };
        v.extend(attachment);
        arr(v)
    }

    /// A posted message, and its attachment (`undefined` when none); `None` if it is not a request.
    pub fn from_js(v: &JsValue) -> Option<(Request, JsValue)> {
        let (tag, f) = Fields::new(v)?;
        let mut attachment = JsValue::UNDEFINED;
        let r = match tag.as_str() {
            "Locale" => Request::Locale(f.s(1)?, strs(&f.any(2))),
            "Analyse" => Request::Analyse(f.n(1)?, f.s(2)?, f.s(3)?, f.b(4), f.b(5)),
            "Report" => Request::Report(f.n(1)?, f.s(2)?),
            "Redact" => Request::Redact(f.n(1)?, f.s(2)?),
            "Msg" => {
                attachment = f.any(2);
                Request::Msg(f.n(1)?)
            }
            "Example" => Request::Example(f.n(1)?, f.s(2)?),
            "Dns" => Request::Dns(f.n(1)?, f.s(2)?, In::new(&f.any(3)).targets_flat(), f.s(4)?),
            "DnsLines" => Request::DnsLines(f.n(1)?, f.s(2)?, f.n(3)?),
            "Fetched" => {
                let (t, r) = Fields::new(&f.any(2))?;
                let reply = match t.as_str() {
                    "Ok" => FetchReply::Ok(
                        r.n(1)? as u16,
                        r.s(2),
                        r.any(3)
                            .dyn_into::<Uint8Array>()
                            .map(|b| b.to_vec())
                            .unwrap_or_default(),
                    ),
                    "Timeout" => FetchReply::Timeout,
                    "Oversized" => FetchReply::Oversized,
                    _ => FetchReply::Network(r.s(1).unwrap_or_default()),
                };
                Request::Fetched(f.n(1)?, reply)
            }
            "BatchStart" => {
                attachment = f.any(5);
                Request::BatchStart(f.n(1)?, f.s(2)?, f.s(3), strs(&f.any(4)))
            }
            "BatchAct" => Request::BatchAct(f.n(1)?, f.s(2)?),
            "BatchMessage" => Request::BatchMessage(f.n(1)?, f.n(2)?, f.n(3)? as u32),
            _ => return None,
        };
        Some((r, attachment))
    }
}

impl Node {
    fn to_js(&self) -> JsValue {
        let attrs: Vec<String> = self.1.iter().flat_map(|(k, v)| [k.clone(), v.clone()]).collect();
        arr(vec![
            JsValue::from_str(&self.0),
            js_strs(&attrs),
            self.2.iter().map(Node::to_js).collect::<Array>().into(),
            JsValue::from_str(&self.3),
        ])
    }

    fn from_js(v: &JsValue) -> Node {
        let Some((tag, f)) = Fields::new(v) else {
            return Node::default();
        };
        let attrs = strs(&f.any(1));
        let children = f
            .any(2)
            .dyn_ref::<Array>()
            .map(|a| a.iter().map(|c| Node::from_js(&c)).collect())
            .unwrap_or_default();
        Node(
            tag,
            attrs.chunks_exact(2).map(|kv| (kv[0].clone(), kv[1].clone())).collect(),
            children,
            f.s(3).unwrap_or_default(),
        )
    }
}

impl Reply {
    /// The message to post.
    pub fn to_js(&self) -> JsValue {
        use Reply::*;
        let s = |t: &str| JsValue::from_str(t);
        let opt_n = |n: &Option<f64>| n.map_or(JsValue::NULL, JsValue::from_f64);
        arr(match self {
            Ready => vec![s("Ready")],
            Warm(ms) => vec![s("Warm"), JsValue::from_f64(*ms)],
            Analysis(id, a, ms) => {
                let a = a.as_ref().map_or(JsValue::NULL, |a| a.to_js());
                vec![s("Analysis"), js_u64(*id), a, opt_n(ms)]
            }
            Text(id, t) => vec![s("Text"), js_u64(*id), js_opt(t)],
            Dns(id, w) => {
                let w = w.as_ref().map_or(JsValue::NULL, |w| {
                    let verdicts: Array = w.3.iter().map(js_opt).collect();
                    arr(vec![
                        js_u64(w.0),
                        js_strs(&w.1),
                        w.2.into(),
                        verdicts.into(),
                        js_opt(&w.4),
                    ])
                });
                vec![s("Dns"), js_u64(*id), w]
            }
            Fetch(fid, url, timeout) => vec![s("Fetch"), js_u64(*fid), s(url), (*timeout).into()],
            BatchView(batch, v) => vec![
                s("BatchView"),
                js_u64(*batch),
                v.0.into(),
                s(&v.1),
                s(&v.2),
                v.3.to_js(),
            ],
            BatchSingle(batch) => vec![s("BatchSingle"), js_u64(*batch)],
        })
    }

    /// A posted message; `None` if it is not a reply.
    pub fn from_js(v: &JsValue) -> Option<Reply> {
        let (tag, f) = Fields::new(v)?;
        Some(match tag.as_str() {
            "Ready" => Reply::Ready,
            "Warm" => Reply::Warm(f.any(1).as_f64().unwrap_or(0.0)),
            "Analysis" => {
                let a = f.any(2);
                let a = (!a.is_null()).then(|| Box::new(Analysis::from_js(&a)));
                Reply::Analysis(f.n(1)?, a, f.any(3).as_f64())
            }
            "Text" => Reply::Text(f.n(1)?, f.s(2)),
            "Dns" => {
                let w = f.any(2).dyn_into::<Array>().ok().map(|w| {
                    let w = Fields(w);
                    let verdicts = w
                        .any(3)
                        .dyn_ref::<Array>()
                        .map(|a| a.iter().map(|v| v.as_string()).collect())
                        .unwrap_or_default();
                    DnsWire(w.n(0).unwrap_or(0), strs(&w.any(1)), w.b(2), verdicts, w.s(4))
                });
                Reply::Dns(f.n(1)?, w)
            }
            "Fetch" => Reply::Fetch(f.n(1)?, f.s(2)?, f.n(3).unwrap_or(4000) as u32),
            "BatchView" => Reply::BatchView(f.n(1)?, BatchView(f.b(2), f.s(3)?, f.s(4)?, Node::from_js(&f.any(5)))),
            "BatchSingle" => Reply::BatchSingle(f.n(1)?),
            _ => return None,
        })
    }
}

/// The view model on the wire between engine and page: one flat JS array (see
/// [`super::protocol::Out`]), written and read field by field in the same order.
impl Analysis {
    /// The wire form.
    pub fn to_js(&self) -> JsValue {
        let mut o = Out::default();
        for s in [&self.lang, &self.kind, &self.format] {
            o.s(s);
        }
        o.os(&self.reporting_mta);
        o.s(&self.headline);
        o.s(&self.summary);
        o.list(&self.recipients, |o, r| {
            let f = &r.facts;
            for v in [&f.address, &f.action, &f.status] {
                o.os(v);
            }
            o.s(&f.reply_code);
            for v in [&f.diagnostic, &f.remote_mta, &f.command] {
                o.os(v);
            }
            o.s(&f.reason);
            o.b(f.hard);
            o.b(f.is_final);
            o.n(party_index(f.who_must_act));
            o.strs(&f.causes);
            o.strs(&f.rules);
            for v in [&r.title, &r.what_happened] {
                o.s(v);
            }
            o.b(r.permanent);
            o.s(&r.permanence);
            o.s(&r.who_must_act);
            o.strs(&r.causes);
            o.list(&r.fixes, |o, x| {
                o.s(&x.party);
                o.n(party_index(x.party_id));
                o.strs(&x.steps);
            });
            o.strs(&r.code_meaning);
            o.strs(&r.rule_ids);
        });
        o.list(&self.hops, |o, h| {
            for v in [&h.host, &h.from, &h.ip, &h.date] {
                o.os(v);
            }
            o.on(h.delay_s.map(|d| d as f64));
            o.s(&h.role);
        });
        o.on(self.failing_hop.map(|i| i as f64));
        o.list(&self.spans, |o, s| {
            o.n(s.start as f64);
            o.n(s.end as f64);
            o.n(s.what as u8 as f64);
        });
        o.strs(&self.warnings);
        let l = &self.labels;
        for v in [
            &l.recipient,
            &l.no_address,
            &l.who_must_act,
            &l.causes,
            &l.fixes,
            &l.codes,
            &l.rules,
            &l.warnings,
        ] {
            o.s(v);
        }
        o.os(&self.json);
        o.n(self.input_bytes as f64);
        o.0.push(&self.dns_targets.to_js());
        o.0.into()
    }

    /// Reads [`Analysis::to_js`]'s form (missing or malformed values read as empty).
    pub fn from_js(v: &JsValue) -> Analysis {
        let r = &mut In::new(v);
        Analysis {
            lang: r.s(),
            kind: r.s(),
            format: r.s(),
            reporting_mta: r.os(),
            headline: r.s(),
            summary: r.s(),
            recipients: r.list(|r| RecipientView {
                facts: RecipientFacts {
                    address: r.os(),
                    action: r.os(),
                    status: r.os(),
                    reply_code: r.s(),
                    diagnostic: r.os(),
                    remote_mta: r.os(),
                    command: r.os(),
                    reason: r.s(),
                    hard: r.b(),
                    is_final: r.b(),
                    who_must_act: party(r.n()),
                    causes: r.strs(),
                    rules: r.strs(),
                },
                title: r.s(),
                what_happened: r.s(),
                permanent: r.b(),
                permanence: r.s(),
                who_must_act: r.s(),
                causes: r.strs(),
                fixes: r.list(|r| Fixes {
                    party: r.s(),
                    party_id: party(r.n()),
                    steps: r.strs(),
                }),
                code_meaning: r.strs(),
                rule_ids: r.strs(),
            }),
            hops: r.list(|r| HopView {
                host: r.os(),
                from: r.os(),
                ip: r.os(),
                date: r.os(),
                delay_s: r.on().map(|d| d as i64),
                role: r.s(),
            }),
            failing_hop: r.on().map(|i| i as usize),
            spans: r.list(|r| SpanView {
                start: r.n() as usize,
                end: r.n() as usize,
                what: MARKS.get(r.n() as usize).copied().unwrap_or(Mark::Diagnostic),
            }),
            warnings: r.strs(),
            labels: Labels {
                recipient: r.s(),
                no_address: r.s(),
                who_must_act: r.s(),
                causes: r.s(),
                fixes: r.s(),
                codes: r.s(),
                rules: r.s(),
                warnings: r.s(),
            },
            json: r.os(),
            input_bytes: r.n() as usize,
            dns_targets: r.targets(),
        }
    }
}

/// Every [`Mark`], in declaration order (the wire sends the index).
const MARKS: [Mark; 5] = [
    Mark::Diagnostic,
    Mark::Recipient,
    Mark::RemoteMta,
    Mark::Status,
    Mark::ReplyCode,
];

fn party_index(p: Party) -> f64 {
    Party::ALL.iter().position(|x| *x == p).unwrap_or(0) as f64
}

fn party(i: f64) -> Party {
    Party::ALL.get(i as usize).copied().unwrap_or_default()
}
