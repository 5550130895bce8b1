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
    /// A batch has been split: `total` messages; `labels` are the batch view's texts.
    BatchStarted {
        batch: u64,
        total: u32,
        labels: Box<BatchLabels>,
    },
    /// `done` of `total` messages analysed (`label` says so, localized); `rows` are the
    /// per-message results since the previous progress.
    BatchProgress {
        batch: u64,
        done: u32,
        total: u32,
        label: String,
        rows: Vec<BatchRow>,
    },
    /// The batch is over (all read, or cancelled after `done`): its summary.
    BatchDone {
        batch: u64,
        cancelled: bool,
        summary: Box<BatchSummary>,
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
/// recipient), as the batch view's list shows it: localized cells.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchRow {
    /// The message (for [`Request::BatchMessage`]).
    pub index: u32,
    /// Where it came from (file name, `file#N` for an mbox's N-th message), recipient, reason,
    /// permanent or temporary, refusing host.
    pub cells: [String; 5],
}

/// One table of the summary (by reason, by permanence, by recipient domain, by refusing host).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchGroup {
    /// `reason`, `permanence`, `domain` or `host`.
    pub id: String,
    /// Its heading.
    pub title: String,
    /// Its first column's heading.
    pub column: String,
    /// Drawn as a bar chart too.
    pub chart: bool,
    /// `(key, label, count)`, largest first; keys are the CLI summary's (`bounce summary --json`).
    pub rows: Vec<(String, String, u32)>,
}

/// What the batch view shows once the batch is over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchSummary {
    /// Messages read (as the CLI's summary counts them).
    pub messages: u32,
    /// Failed or delayed recipients.
    pub recipients: u32,
    /// The summary's sentences (messages read, not delivery reports, recipients…).
    pub lines: Vec<String>,
    /// The tables.
    pub groups: Vec<BatchGroup>,
}

/// The batch view's texts, localized by the engine (they are in its bundle, not the page's).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct BatchLabels {
    /// The view's heading.
    pub heading: String,
    /// The progress bar's name.
    pub progress: String,
    /// "Cancel".
    pub cancel: String,
    /// Said when the batch was cancelled.
    pub cancelled: String,
    /// The tables' count and bar column headings.
    pub columns: [String; 2],
    /// The message list's heading.
    pub list: String,
    /// Its column headings (as [`BatchRow::cells`]).
    pub list_columns: [String; 5],
    /// The list's page, with `{from}`, `{to}` and `{total}` to fill in.
    pub page: String,
    /// "Previous" page.
    pub prev: String,
    /// "Next" page.
    pub next: String,
    /// "Export CSV".
    pub csv: String,
    /// "Export JSON".
    pub json: String,
    /// "Back to the batch summary".
    pub back: String,
    /// The list's help: a message's button opens its explanation.
    pub open: String,
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
