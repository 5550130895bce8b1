//! The messages between the page ([`super::engine`]) and the analysis engine ([`super::worker`]):
//! one [`Request`] enum (page → engine) and one [`Reply`] enum (engine → page), compiled into
//! both wasm binaries, so both sides read and write the same types.
//!
//! On the wire a message is its JSON (serde's default, externally tagged form) as a JS string,
//! or a JS array `[json, attachment]` when it carries something JSON should not copy: the bytes
//! of an Outlook `.msg` file (a `Uint8Array`) for [`Request::Msg`], the dropped files (an array of
//! `File`s, read by the engine, never by the page) for [`Request::BatchStart`]. The engine writes
//! its JSON with every non-ASCII character escaped (see [`super::analysis::to_json`]): an ASCII
//! JS string is made much faster from wasm memory.
//!
//! The page only serializes requests and deserializes replies; the engine the other way round,
//! so each binary links one half of the serde code. Neither the types nor their serde code pull
//! in any analysis code.

use super::analysis::Analysis;
use crate::dns::Targets;
use serde::{Deserialize, Serialize};

/// Page → engine.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Request {
    /// The FTL sources of a locale (sent once per locale, before any request in it).
    Locale { lang: String, sources: Vec<String> },
    /// Analyse and explain `text` in `lang` (after masking names when `redact`); with the core's
    /// JSON when `with_report`. Answered by [`Reply::Analysis`].
    Analyse {
        id: u64,
        lang: String,
        text: String,
        redact: bool,
        with_report: bool,
    },
    /// The core's report of `text` as the CLI's `--json` prints it. Answered by [`Reply::Text`].
    Report { id: u64, text: String },
    /// `text` with names masked. Answered by [`Reply::Text`].
    Redact { id: u64, text: String },
    /// An Outlook `.msg` file (the attachment, a `Uint8Array`) rendered as a message's text.
    /// Answered by [`Reply::Text`].
    Msg { id: u64 },
    /// The text of an example bounce. Answered by [`Reply::Text`].
    Example { id: u64, name: String },
    /// Run the DNS checks at a DoH resolver. Answered by [`Reply::Dns`].
    Dns {
        id: u64,
        lang: String,
        targets: Targets,
        resolver: String,
    },
    /// The evidence of an earlier DNS run (`run`: its request id) again, in `lang`.
    DnsLines { id: u64, lang: String, run: u64 },
    /// The page's answer to [`Reply::Fetch`].
    Fetched { fetch: u64, reply: FetchReply },
    /// Analyse many messages: `text` split as an mbox, or, without `text`, the dropped files
    /// (the attachment, an array of `File`s named `names`), each an mbox or one message
    /// (`.eml`, `.txt`, `.msg`). Answered by [`Reply::BatchStarted`], [`Reply::BatchProgress`]s
    /// and [`Reply::BatchDone`] (or [`Reply::BatchSingle`] when the text holds one message only).
    BatchStart {
        batch: u64,
        lang: String,
        text: Option<String>,
        names: Vec<String>,
    },
    /// Stop a running batch (its results so far are kept, as [`Reply::BatchDone`] says).
    BatchCancel { batch: u64 },
    /// The text of message `index` of a batch, for its single-bounce explanation. Answered by
    /// [`Reply::Text`].
    BatchMessage { id: u64, batch: u64, index: u32 },
    /// A batch's results as CSV (one line per recipient) or JSON (the summary and every
    /// recipient). Answered by [`Reply::Text`].
    BatchExport { id: u64, batch: u64, json: bool },
}

/// How a DoH GET the page made for the engine went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FetchReply {
    /// An HTTP answer.
    Ok {
        status: u16,
        content_type: Option<String>,
        body: Vec<u8>,
    },
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
    /// The engine has compiled the knowledge base's patterns, in `ms`.
    Warm { ms: f64 },
    /// The view model of an [`Request::Analyse`] (`None`: the locale is not loaded), and how long
    /// the engine worked on it by its own clock (read by the browser benchmark).
    Analysis {
        id: u64,
        analysis: Option<Box<Analysis>>,
        ms: Option<f64>,
    },
    /// A text answer (`None`: no such thing, or it could not be made).
    Text { id: u64, text: Option<String> },
    /// A DNS run's localized evidence.
    Dns { id: u64, lines: Option<DnsWire> },
    /// Make a DoH GET for the engine (under the page's CSP) and answer with [`Request::Fetched`].
    Fetch { fetch: u64, url: String, timeout_ms: u32 },
    /// A batch has been split into `total` messages; `labels` are the batch view's texts, in
    /// [`LABELS`]' order.
    BatchStarted {
        batch: u64,
        total: u32,
        labels: Vec<String>,
    },
    /// `done` messages analysed (`label` says so, localized); `rows` are the per-message results
    /// since the previous progress.
    BatchProgress {
        batch: u64,
        done: u32,
        label: String,
        rows: Vec<BatchRow>,
    },
    /// The batch is over (all read, or cancelled): its summary.
    BatchDone {
        batch: u64,
        cancelled: bool,
        summary: BatchSummary,
    },
    /// The text holds one message only: explain it as one.
    BatchSingle { batch: u64 },
}

/// A DNS run's localized result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DnsWire {
    /// The run (its request id).
    pub run: u64,
    /// The evidence, one line each.
    pub lines: Vec<String>,
    /// The resolver could not be reached at all.
    pub unreachable: bool,
    /// Each recipient's verdict sentence.
    pub verdicts: Vec<Option<String>>,
    /// The verdicts as JSON, for the embed's host.
    pub verdicts_json: Option<String>,
}

/// One recipient of one message of a batch (or the message itself when it names no failed
/// recipient), as the batch view's list shows it: the message's index (for
/// [`Request::BatchMessage`]) and localized cells: where it came from (file name, `file#N` for
/// an mbox's N-th message), recipient, reason, permanent or temporary, refusing host.
///
/// The batch types are tuples and string lists rather than structs with named fields: the
/// page's wasm holds their deserializers, and a tuple's is about half a struct's (the first-load
/// budget).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchRow(pub u32, pub Vec<String>);

/// One table of a batch's summary: its id (`reason`, `permanence`, `domain` or `host`), heading,
/// first column's heading, whether it is drawn as a bar chart too, and its rows `(key, label,
/// count)`, largest first (keys are `bounce summary --json`'s).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchGroup(
    pub String,
    pub String,
    pub String,
    pub bool,
    pub Vec<(String, String, u32)>,
);

/// What the batch view shows once the batch is over: messages read (as the CLI's summary
/// counts them), the summary's sentences, the tables.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchSummary(pub u32, pub Vec<String>, pub Vec<BatchGroup>);

/// The batch view's texts, localized by the engine (they are in its bundle, not the page's),
/// sent in this order (see [`Label`]): the message ids of `i18n/<locale>/batch.ftl`.
pub const LABELS: [&str; 19] = [
    "batch-web-heading",
    "batch-web-progress",
    "batch-web-cancel",
    "batch-web-cancelled",
    "batch-web-col-count",
    "batch-web-col-bar",
    "batch-web-list",
    "batch-web-open",
    "batch-web-page",
    "batch-web-prev",
    "batch-web-next",
    "batch-web-csv",
    "batch-web-json",
    "batch-web-back",
    "batch-web-col-message",
    "batch-web-col-recipient",
    "batch-web-col-reason",
    "batch-web-col-permanence",
    "batch-web-col-host",
];

/// Where each text is in [`Reply::BatchStarted`]'s labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    /// The view's heading.
    Heading,
    /// The progress bar's name.
    Progress,
    /// "Cancel".
    Cancel,
    /// Said when the batch was cancelled.
    Cancelled,
    /// The tables' count column.
    Count,
    /// The tables' bar column.
    Bar,
    /// The message list's heading.
    List,
    /// The list's help: a message's button opens its explanation.
    Open,
    /// The list's page, with `{from}`, `{to}` and `{total}` to fill in.
    Page,
    /// "Previous" rows.
    Prev,
    /// "Next" rows.
    Next,
    /// "Download CSV".
    Csv,
    /// "Download JSON".
    Json,
    /// "Back to the summary".
    Back,
    /// The list's first column; the other four follow.
    Columns,
}

/// The text `l` of a batch's labels ("" if missing).
pub fn label(labels: &[String], l: Label) -> &str {
    labels.get(l as usize).map_or("", String::as_str)
}

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
