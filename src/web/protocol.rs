//! The messages between the page ([`super::engine`]) and the analysis engine ([`super::worker`]):
//! one [`Request`] enum (page → engine) and one [`Reply`] enum (engine → page), compiled into
//! both wasm binaries, so both sides read and write the same types.
//!
//! On the wire a message is what serde-wasm-bindgen makes of it, posted as a structured clone:
//! serde's externally tagged form, `{ VariantName: { fields… } }` (a variant without fields is
//! its name, a string), so a script in between (the router in front of the engine,
//! `www/build/postbuild.mjs`) reads the tag as the object's one key and the text as
//! `d.Analyse.text`. (Adjacently tagged, `{ t, c }`, was tried first: serde's buffering of
//! content that may come before its tag cost the page 10 KB more, see
//! `docs/performance-browser.md`.) Browser objects cross as they are (`preserve`): the bytes
//! of an Outlook `.msg` file or of a DoH answer (`Uint8Array`), the dropped files (`File`s, read
//! by the engine, never by the page). The page only serializes requests and deserializes
//! replies, the engine the other way round, so each binary links one half of the code, and
//! neither links any analysis code (see `docs/performance-browser.md` for what it costs).

use super::analysis::Analysis;
use crate::dns::Targets;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

/// Page → engine. A request that wants an answer has an id, which the answer repeats.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Request {
    /// A locale's messages (sent once per locale, before any request in it).
    Locale {
        /// The locale.
        lang: String,
        /// Its FTL sources.
        sources: Vec<String>,
    },
    /// Analyse and explain `text` in `lang` (after masking names when `redact`), with the core's
    /// JSON when `report`. Answered by [`Reply::Analysis`], or [`Reply::Several`] when the text
    /// holds several reports and none of `redact`, `report` and `one` is set.
    Analyse {
        /// The request's id.
        id: u64,
        /// The locale of the explanation.
        lang: String,
        /// The text.
        text: String,
        /// Mask names first.
        redact: bool,
        /// Add the core's JSON.
        report: bool,
        /// Explain the text as one report even if it holds several (one of a batch's messages).
        #[serde(default)]
        one: bool,
    },
    /// The core's report as the CLI's `--json` prints it. Answered by [`Reply::Text`].
    Report {
        /// The request's id.
        id: u64,
        /// The text.
        text: String,
    },
    /// `text` with names masked. Answered by [`Reply::Text`].
    Redact {
        /// The request's id.
        id: u64,
        /// The text.
        text: String,
    },
    /// An Outlook `.msg` file rendered as a message's text. Answered by [`Reply::Text`].
    Msg {
        /// The request's id.
        id: u64,
        /// The file's bytes (a `Uint8Array`).
        #[serde(with = "serde_wasm_bindgen::preserve")]
        bytes: JsValue,
    },
    /// The text of an example bounce. Answered by [`Reply::Text`].
    Example {
        /// The request's id.
        id: u64,
        /// The example's id.
        name: String,
    },
    /// Run the DNS checks. Answered by [`Reply::Dns`].
    Dns {
        /// The request's id.
        id: u64,
        /// The locale of the evidence.
        lang: String,
        /// What to check.
        targets: Targets,
        /// The DoH resolver's URL.
        resolver: String,
    },
    /// The evidence of an earlier DNS run again, in `lang`.
    DnsLines {
        /// The request's id.
        id: u64,
        /// The locale of the evidence.
        lang: String,
        /// The run (its request id).
        run: u64,
    },
    /// The page's answer to [`Reply::Fetch`].
    Fetched {
        /// The fetch's id.
        id: u64,
        /// How it went.
        reply: FetchReply,
    },
    /// Analyse many messages: `text` split as an mbox or as reports one after another, or,
    /// without `text`, the dropped `files`, each an mbox or one message (`.eml`, `.txt`, `.msg`).
    /// Answered by [`Reply::BatchView`]s (the last one `finished`), or [`Reply::BatchSingle`]
    /// when the text holds one message only.
    BatchStart {
        /// The batch's number.
        batch: u64,
        /// The locale of its view.
        lang: String,
        /// A text holding the messages.
        text: Option<String>,
        /// The files' names.
        names: Vec<String>,
        /// The files (an array of `File`s; `undefined` with a text).
        #[serde(with = "serde_wasm_bindgen::preserve", default = "undefined")]
        files: JsValue,
    },
    /// The user acted on the batch view: a [`Node`]'s `data-act` (`cancel`, `page:N`; the page
    /// itself handles `open:N`). Answered by a [`Reply::BatchView`].
    BatchAct {
        /// The batch's number.
        batch: u64,
        /// The action.
        act: String,
    },
    /// The text of message `index` of a batch, for its single-bounce explanation. Answered by
    /// [`Reply::Text`].
    BatchMessage {
        /// The request's id.
        id: u64,
        /// The batch's number.
        batch: u64,
        /// The message's index.
        index: u32,
    },
}

fn undefined() -> JsValue {
    JsValue::UNDEFINED
}

/// How a DoH GET the page made for the engine went.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum FetchReply {
    /// An HTTP answer.
    Ok {
        /// The HTTP status.
        status: u16,
        /// The `Content-Type`.
        content_type: Option<String>,
        /// The body (a `Uint8Array`).
        #[serde(with = "serde_wasm_bindgen::preserve")]
        body: JsValue,
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
    Warm {
        /// How long it took.
        ms: f64,
    },
    /// The answer to [`Request::Analyse`] (`analysis` is `None` when the locale is not loaded),
    /// and how long the engine worked on it by its own clock (read by the browser benchmark).
    Analysis {
        /// The request's id.
        id: u64,
        /// The view model.
        analysis: Option<Box<Analysis>>,
        /// The engine's time.
        ms: Option<f64>,
    },
    /// The answer to [`Request::Analyse`] when the text holds several reports one after
    /// another (`crate::batch::split_reports`): the page starts a batch of it instead.
    Several {
        /// The request's id.
        id: u64,
    },
    /// A text answer (`None`: no such thing, or it could not be made).
    Text {
        /// The request's id.
        id: u64,
        /// The text.
        text: Option<String>,
    },
    /// A DNS run's localized evidence.
    Dns {
        /// The request's id.
        id: u64,
        /// The result (`None`: the resolver URL was refused, or no such run).
        result: Option<DnsWire>,
    },
    /// Make a DoH GET for the engine (under the page's CSP) and answer with
    /// [`Request::Fetched`].
    Fetch {
        /// The fetch's id.
        id: u64,
        /// The URL.
        url: String,
        /// How long to wait.
        timeout_ms: u32,
    },
    /// How a batch stands: its view to show (progress while it runs, then the summary and the
    /// list of messages).
    BatchView {
        /// The batch's number.
        batch: u64,
        /// The view.
        view: BatchView,
    },
    /// The text holds one message only: explain it as one.
    BatchSingle {
        /// The batch's number.
        batch: u64,
    },
}

/// A DNS run's localized result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DnsWire {
    /// The run.
    pub run: u64,
    /// The evidence, one line each.
    pub lines: Vec<String>,
    /// The resolver could not be reached.
    pub unreachable: bool,
    /// Each recipient's verdict sentence.
    pub verdicts: Vec<Option<String>>,
    /// The verdicts as JSON, for the embed's host.
    pub verdicts_json: Option<String>,
}

/// A batch's view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BatchView {
    /// The batch is over.
    pub finished: bool,
    /// Its status line.
    pub status: String,
    /// The "back to the batch" label.
    pub back: String,
    /// What to draw.
    pub tree: Node,
}

/// A piece of a view the engine builds and the page draws: `(tag, attributes, children, text)`
/// (a JS array on the wire, the most compact form); with an empty tag, a text node. Texts and
/// attribute values are always set as such (never parsed as HTML), so message contents stay
/// text. An element with `data-act` is something the user can do (see [`Request::BatchAct`]).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Node(pub String, pub Vec<(String, String)>, pub Vec<Node>, pub String);

impl Request {
    /// The message to post.
    pub fn to_js(&self) -> JsValue {
        self.serialize(&serde_wasm_bindgen::Serializer::new())
            .unwrap_or(JsValue::UNDEFINED)
    }

    /// A posted message; `None` if it is not a request.
    pub fn from_js(v: JsValue) -> Option<Request> {
        serde_wasm_bindgen::from_value(v).ok()
    }
}

impl Reply {
    /// The message to post.
    pub fn to_js(&self) -> JsValue {
        self.serialize(&serde_wasm_bindgen::Serializer::new())
            .unwrap_or(JsValue::UNDEFINED)
    }

    /// A posted message; `None` if it is not a reply.
    pub fn from_js(v: JsValue) -> Option<Reply> {
        serde_wasm_bindgen::from_value(v).ok()
    }
}
