//! The messages between the page ([`super::engine`]) and the analysis engine ([`super::worker`]):
//! one [`Request`] enum (page → engine) and one [`Reply`] enum (engine → page), compiled into
//! both wasm binaries, so both sides read and write the same types.
//!
//! On the wire a message is its JSON (serde's externally tagged form) as a JS string, or a JS
//! array `[json, attachment]` when it carries something JSON should not copy: the bytes of an
//! Outlook `.msg` file (a `Uint8Array`) for [`Request::Msg`], the dropped files (an array of
//! `File`s, read by the engine, never by the page) for [`Request::BatchStart`]. The engine writes
//! its JSON with every non-ASCII character escaped (see [`super::analysis::to_json`]): an ASCII
//! JS string is made much faster from wasm memory.
//!
//! The page only serializes requests and deserializes replies; the engine the other way round,
//! so each binary links one half of the serde code. Neither the types nor their serde code pull
//! in any analysis code. The variants are tuples (`{"Text":[7,"…"]}`), not structs with named
//! fields, and a batch's view is a generic tree ([`Node`]) the engine builds: serde's code for a
//! struct reads both a JSON object and an array, a tuple's only an array, and the page's wasm
//! counts against the first-load budget (measured: `Reply` with named fields cost about 5 KB
//! gzip more, and a batch view written as Yew components about 6 KB more, than this).

use super::analysis::Analysis;
use crate::dns::Targets;
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
    /// `page:N`; the page itself handles `open:N`, `csv` and `json`). Answered by a
    /// [`Reply::BatchView`].
    BatchAct(u64, String),
    /// `(id, batch, index)`: the text of message `index`, for its single-bounce explanation.
    /// Answered by [`Reply::Text`].
    BatchMessage(u64, u64, u32),
    /// `(id, batch, json)`: the batch's results as CSV (one line per recipient) or JSON (the
    /// summary and every recipient). Answered by [`Reply::Text`].
    BatchExport(u64, u64, bool),
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

/// A message for the wire: the JSON, plus the attachment when there is one.
pub fn encode(json: String, attachment: Option<wasm_bindgen::JsValue>) -> wasm_bindgen::JsValue {
    let json = wasm_bindgen::JsValue::from(json);
    match attachment {
        None => json,
        Some(a) => js_sys::Array::of2(&json, &a).into(),
    }
}

/// A message from the wire: its JSON and its attachment (`undefined` when none).
pub fn decode(v: &wasm_bindgen::JsValue) -> (Option<String>, wasm_bindgen::JsValue) {
    if let Some(s) = v.as_string() {
        return (Some(s), wasm_bindgen::JsValue::UNDEFINED);
    }
    if js_sys::Array::is_array(v) {
        let a = js_sys::Array::from(v);
        return (a.get(0).as_string(), a.get(1));
    }
    (None, wasm_bindgen::JsValue::UNDEFINED)
}
