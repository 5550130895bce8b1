//! The view model: everything the components show about one analysed input, as plain data.
//!
//! Built from the core's [`Report`] and [`Explanation`] by [`run`] in the analysis engine (the
//! Web Worker), which hands it to the page as JSON. Holds facts and already-localized texts,
//! never parsing logic. It is deliberately compact: reading the core's whole `Report` and
//! `Explanation` in the page instead (their `Deserialize` derives) was measured at +10.8 KB gzip
//! of page wasm, over the first-load budget.

use crate::explain::{self, Explanation};
use crate::i18n::Localizer;
use crate::model::{Report, SpanKind};
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

/// One step of the message's path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HopView {
    /// The receiving host, or the sending one when the receiver is unknown.
    pub host: Option<String>,
    /// The sending side.
    pub from: Option<String>,
    /// The sending side's IP address.
    pub ip: Option<String>,
    /// When (RFC 3339).
    pub date: Option<String>,
    /// Seconds since the previous hop.
    pub delay_s: Option<i64>,
    /// `sender`, `relay`, `reporting` or `remote`.
    pub role: String,
}

/// The raw facts about one recipient (the expandable table).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct RecipientFacts {
    /// Address, if any.
    pub address: Option<String>,
    /// DSN action id (`failed`, `delayed`, …).
    pub action: Option<String>,
    /// Enhanced status code.
    pub status: Option<String>,
    /// Three-digit reply code, or "".
    pub reply_code: String,
    /// The remote server's reply.
    pub diagnostic: Option<String>,
    /// The failing host.
    pub remote_mta: Option<String>,
    /// SMTP stage.
    pub command: Option<String>,
    /// Reason id.
    pub reason: String,
    /// Permanent failure.
    pub hard: bool,
    /// Matched rule ids.
    pub rules: Vec<String>,
}

/// A fix list for one party.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fixes {
    /// Who (localized).
    pub party: String,
    /// Steps (localized).
    pub steps: Vec<String>,
}

/// The localized explanation for one recipient plus its raw facts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecipientView {
    /// Raw facts.
    pub facts: RecipientFacts,
    /// Card title.
    pub title: String,
    /// What happened, one sentence.
    pub what_happened: String,
    /// Retrying will not help.
    pub permanent: bool,
    /// "Permanent" / "Temporary" sentence.
    pub permanence: String,
    /// Who must act.
    pub who_must_act: String,
    /// Likely causes, most likely first.
    pub causes: Vec<String>,
    /// Fixes per party.
    pub fixes: Vec<Fixes>,
    /// What the codes mean.
    pub code_meaning: Vec<String>,
}

/// Everything shown for one input, in one locale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Analysis {
    /// The locale of the texts.
    pub lang: String,
    /// Input kind id (`dsn`, `ndr-text`, …).
    pub kind: String,
    /// Which sender format produced the report.
    pub format: String,
    /// The host that wrote the report.
    pub reporting_mta: Option<String>,
    /// One-line headline.
    pub headline: String,
    /// One-paragraph summary.
    pub summary: String,
    /// Per recipient, in message order.
    pub recipients: Vec<RecipientView>,
    /// The path, oldest first.
    pub hops: Vec<HopView>,
    /// Index into `hops` of the refusing host.
    pub failing_hop: Option<usize>,
    /// Highlights, sorted by start.
    pub spans: Vec<SpanView>,
    /// Localized input warnings.
    pub warnings: Vec<String>,
    /// The explanation as plain text (for "Copy").
    pub plain: String,
    /// The explanation as Markdown (for "Copy").
    pub markdown: String,
    /// The core's JSON (same as the CLI's `--json`), for the embed API and the facts table.
    pub json: String,
    /// Input size in bytes.
    pub input_bytes: usize,
    /// What the DNS checks would ask about (the core's pick); nothing is queried until the user
    /// asks for the checks in the DNS panel.
    pub dns_targets: crate::dns::Targets,
}

impl Analysis {
    /// True when the input does not look like a bounce at all.
    pub fn is_bounce(&self) -> bool {
        self.kind != "not-a-bounce"
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
    let recipients = report
        .recipients
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let e = ex.recipients.get(i);
            let facts = RecipientFacts {
                address: r.address.clone(),
                action: r.action.and_then(|a| json_id(&a)),
                status: r.status.clone(),
                reply_code: r.reply_code.clone(),
                diagnostic: r.diagnostic.clone(),
                remote_mta: r.remote_mta.clone(),
                command: r.command.map(|c| c.as_str().to_string()),
                reason: r.reason.as_str().to_string(),
                hard: r.hard,
                rules: r.rules.clone(),
            };
            RecipientView {
                facts,
                title: e.map(|e| e.title.clone()).unwrap_or_default(),
                what_happened: e.map(|e| e.what_happened.clone()).unwrap_or_default(),
                permanent: e.map(|e| e.permanent).unwrap_or(r.hard),
                permanence: e.map(|e| e.permanence.clone()).unwrap_or_default(),
                who_must_act: e.map(|e| e.who_must_act.clone()).unwrap_or_default(),
                causes: e.map(|e| e.causes.clone()).unwrap_or_default(),
                fixes: e
                    .map(|e| {
                        e.fixes
                            .iter()
                            .map(|f| Fixes {
                                party: f.party.clone(),
                                steps: f.steps.clone(),
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
                code_meaning: e.map(|e| e.code_meaning.clone()).unwrap_or_default(),
            }
        })
        .collect();
    let hops = report
        .hops
        .iter()
        .map(|h| HopView {
            host: h.by.clone().or_else(|| h.from.clone()),
            from: h.from.clone(),
            ip: h.ip.clone(),
            date: h.date.clone(),
            delay_s: h.delay_s,
            role: json_id(&h.role).unwrap_or_default(),
        })
        .collect();
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
        kind: json_id(&report.kind).unwrap_or_default(),
        format: report.format.clone(),
        reporting_mta: report.reporting_mta.clone(),
        headline: ex.headline.clone(),
        summary: ex.summary.clone(),
        recipients,
        hops,
        failing_hop: report.failing_hop,
        spans,
        warnings: ex.warnings.clone(),
        plain: explain::to_plain(ex),
        markdown: explain::to_markdown(ex),
        json: serde_json::to_string(report).unwrap_or_default(),
        input_bytes,
        dns_targets: crate::dns::targets(report),
    }
}

/// The JSON id serde gives a unit enum value (e.g. `Action::Failed` → `failed`).
fn json_id<T: Serialize>(v: &T) -> Option<String> {
    match serde_json::to_value(v).ok()? {
        serde_json::Value::String(s) => Some(s),
        _ => None,
    }
}
