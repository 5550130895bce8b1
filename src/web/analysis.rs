//! The view model: everything the components show about one analysed input, as plain data.
//!
//! Built from the core's [`Report`] and [`Explanation`] by [`run`] (in the analysis engine);
//! serializable so the Web Worker can hand it to the page. Holds facts and already-localized
//! texts, never parsing logic.

use crate::explain::{self, Explanation, RecipientExplanation};
use crate::i18n::Localizer;
use crate::model::{Kind, Recipient, Report, SpanKind};
use serde::{Deserialize, Serialize};

/// One highlighted byte range of the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpanView {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// What the range holds.
    pub what: Mark,
}

/// What a highlighted range holds: the core's `SpanKind`, ordered by how specific it is (the
/// most specific mark wins where highlights overlap).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Mark {
    /// The remote server's reply text (lowest priority: the others sit inside it).
    Diagnostic,
    /// A recipient address.
    Recipient,
    /// The host that refused.
    RemoteMta,
    /// The enhanced status code.
    Status,
    /// The three-digit reply code.
    ReplyCode,
}

impl Mark {
    /// The CSS class suffix and the `ui-mark-*` message id suffix.
    pub fn as_str(self) -> &'static str {
        match self {
            Mark::Diagnostic => "diagnostic",
            Mark::Recipient => "recipient",
            Mark::RemoteMta => "remote-mta",
            Mark::Status => "status",
            Mark::ReplyCode => "reply-code",
        }
    }

    fn from_core(k: SpanKind) -> Mark {
        match k {
            SpanKind::ReplyCode => Mark::ReplyCode,
            SpanKind::Status => Mark::Status,
            SpanKind::RemoteMta => Mark::RemoteMta,
            SpanKind::Recipient => Mark::Recipient,
            SpanKind::Diagnostic => Mark::Diagnostic,
        }
    }
}

/// Everything shown for one input, in one locale: the core's report and explanation (the same
/// types the CLI prints), plus what the page needs ready-made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// The locale of the texts.
    pub lang: String,
    /// The core's JSON (the CLI's `--json`), for the embed API. It is also how the report
    /// crosses from the engine to the page: [`Analysis::from_engine`] reads `report` from it.
    pub json: String,
    /// The core's report (not serialized: it travels as `json`).
    #[serde(skip)]
    pub report: Report,
    /// The localized explanation, one entry per recipient of `report`.
    pub explanation: Explanation,
    /// Highlights, sorted by start, only those inside the input.
    pub spans: Vec<SpanView>,
    /// The explanation as plain text (for "Copy").
    pub plain: String,
    /// The explanation as Markdown (for "Copy").
    pub markdown: String,
    /// Input size in bytes.
    pub input_bytes: usize,
    /// What the DNS checks would ask about (the core's pick); nothing is queried until the user
    /// asks for the checks in the DNS panel.
    pub dns_targets: crate::dns::Targets,
}

impl Analysis {
    /// True when the input does not look like a bounce at all.
    pub fn is_bounce(&self) -> bool {
        self.report.kind != Kind::NotABounce
    }

    /// Reads the engine's answer (JSON), with the report restored from `json`.
    pub fn from_engine(answer: &str) -> Option<Analysis> {
        let mut a: Analysis = serde_json::from_str(answer).ok()?;
        a.report = serde_json::from_str(&a.json).ok()?;
        Some(a)
    }

    /// Each recipient's facts with its explanation, in message order.
    pub fn recipients(&self) -> impl Iterator<Item = (&Recipient, Option<&RecipientExplanation>)> {
        self.report
            .recipients
            .iter()
            .enumerate()
            .map(|(i, r)| (r, self.explanation.recipients.get(i)))
    }
}

/// Analyses `text` with the core and explains it in `loc`'s locale.
pub fn run(text: &str, loc: &Localizer) -> Analysis {
    let report = crate::analyze(text.as_bytes());
    let explanation = explain::explain(&report, loc);
    build(&report, &explanation, loc, text.len())
}

/// Turns the core's report and explanation into the view model.
pub fn build(report: &Report, ex: &Explanation, loc: &Localizer, input_bytes: usize) -> Analysis {
    let mut spans: Vec<SpanView> = report
        .spans
        .iter()
        .filter(|s| s.start < s.end && s.end <= input_bytes)
        .map(|s| SpanView {
            start: s.start,
            end: s.end,
            what: Mark::from_core(s.what),
        })
        .collect();
    spans.sort_by_key(|s| (s.start, s.end));
    Analysis {
        lang: loc.lang().to_string(),
        json: serde_json::to_string(report).unwrap_or_default(),
        report: report.clone(),
        explanation: ex.clone(),
        spans,
        plain: explain::to_plain(ex),
        markdown: explain::to_markdown(ex),
        input_bytes,
        dns_targets: crate::dns::targets(report),
    }
}

/// The JSON id serde gives a unit enum value (e.g. `Action::Failed` → `failed`).
pub fn json_id<T: Serialize>(v: &T) -> Option<String> {
    match serde_json::to_value(v).ok()? {
        serde_json::Value::String(s) => Some(s),
        _ => None,
    }
}
