//! The view model: everything the components show about one analysed input, as plain data.
//!
//! Built from the core's [`Report`] and [`Explanation`] by [`run`] in the analysis engine (the
//! Web Worker), which hands it to the page as a flat JS array (`super::protocol`). Holds facts and already-localized texts,
//! never parsing logic. It is deliberately compact: reading the core's whole `Report` and
//! `Explanation` in the page instead (their `Deserialize` derives) was measured at +10.8 KB gzip
//! of page wasm, over the first-load budget.
//!
//! Each explanation text is in it once. The plain-text and Markdown forms the "Copy" button
//! puts on the clipboard are made from those fields when the user asks ([`Analysis::explanation`],
//! then `explain::to_plain` / `explain::to_markdown`, pure formatting), not per analysis; the core's
//! JSON (the embed API's result) only when the request asks for it.

use crate::explain::{self, Explanation, FixGroup, Labels, RecipientExplanation};
use crate::i18n::Localizer;
use crate::model::{Party, Report, SpanKind};
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
    /// The message came back and will not be retried (the report's `final`).
    #[serde(rename = "final")]
    pub is_final: bool,
    /// The party that must act, as the report's `who_must_act` id.
    pub who_must_act: Party,
    /// The causes' message ids, as in the report.
    pub causes: Vec<String>,
    /// Matched rule ids.
    pub rules: Vec<String>,
}

/// A fix list for one party: the explanation's own type (one definition for the core, the
/// engine and the page).
pub type Fixes = FixGroup;

/// The localized explanation for one recipient plus its raw facts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    /// Ids of the knowledge-base rules the explanation used, most specific first (named in the
    /// copied text).
    pub rule_ids: Vec<String>,
}

/// Everything shown for one input, in one locale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    /// The explanation's localized headings, for the copied text.
    pub labels: Labels,
    /// The core's JSON (same as the CLI's `--json`), for the embed element's result; only when
    /// asked for (the app itself does not show it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub json: Option<String>,
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

    /// The core's explanation again, from the fields it was copied into, e.g. for
    /// `explain::to_plain` / `explain::to_markdown` when the user copies it.
    pub fn explanation(&self) -> Explanation {
        Explanation {
            headline: self.headline.clone(),
            summary: self.summary.clone(),
            recipients: self
                .recipients
                .iter()
                .map(|r| RecipientExplanation {
                    address: r.facts.address.clone(),
                    title: r.title.clone(),
                    what_happened: r.what_happened.clone(),
                    permanent: r.permanent,
                    is_final: r.facts.is_final,
                    permanence: r.permanence.clone(),
                    who_must_act: r.who_must_act.clone(),
                    act: r.facts.who_must_act,
                    causes: r.causes.clone(),
                    cause_ids: r.facts.causes.clone(),
                    fixes: r.fixes.clone(),
                    code_meaning: r.code_meaning.clone(),
                    rule_ids: r.rule_ids.clone(),
                    dns_verdict: None,
                })
                .collect(),
            warnings: self.warnings.clone(),
            labels: self.labels.clone(),
        }
    }
}

/// A value (e.g. the view model) as JSON with every non-ASCII character escaped (`\uXXXX`), the
/// form the engine handed the view model to the page in before `super::protocol`'s flat arrays
/// (`examples/timing.rs` still measures it). ASCII-only text becomes a JS string much faster than UTF-8 with a few
/// non-ASCII characters (the Fluent isolation marks around every argument) or a `Uint8Array`:
/// measured in Chromium for a 2.9 KB answer, about 2.5 µs against 6–8 µs and 7–11 µs. Any JSON
/// reader gives back the same value.
pub fn to_json<T: Serialize>(a: &T) -> String {
    let mut out = Vec::with_capacity(4096);
    let mut ser = serde_json::Serializer::with_formatter(&mut out, AsciiOnly);
    if a.serialize(&mut ser).is_err() {
        return String::new();
    }
    // Only ASCII was written.
    String::from_utf8(out).unwrap_or_default()
}

/// serde_json's compact format, with non-ASCII characters in strings written as `\uXXXX`
/// (UTF-16 code units, as JSON defines them).
struct AsciiOnly;

impl serde_json::ser::Formatter for AsciiOnly {
    fn write_string_fragment<W: ?Sized + std::io::Write>(&mut self, w: &mut W, fragment: &str) -> std::io::Result<()> {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        // Most fragments are all ASCII: `is_ascii` checks a word at a time (measured: a char by
        // char loop here took 6.7 % of the engine's time for the reply line in Chromium).
        if fragment.is_ascii() {
            return w.write_all(fragment.as_bytes());
        }
        let bytes = fragment.as_bytes();
        let mut run = 0;
        // The first byte ≥ 0x80 after a character boundary starts a character.
        while let Some(i) = bytes[run..].iter().position(|b| !b.is_ascii()).map(|o| run + o) {
            w.write_all(&bytes[run..i])?;
            let c = fragment[i..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER);
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                let u = *u as usize;
                w.write_all(&[
                    b'\\',
                    b'u',
                    HEX[u >> 12],
                    HEX[(u >> 8) & 15],
                    HEX[(u >> 4) & 15],
                    HEX[u & 15],
                ])?;
            }
            run = i + c.len_utf8();
        }
        w.write_all(&bytes[run..])
    }
}

/// Analyses `text` with the core and explains it in `loc`'s locale.
pub fn run(text: &str, loc: &Localizer) -> Analysis {
    run_with(text, loc, false)
}

/// [`run`], plus the core's JSON when `with_report` (the embed element reports it to its host).
pub fn run_with(text: &str, loc: &Localizer, with_report: bool) -> Analysis {
    let report = crate::analyze(text.as_bytes());
    let explanation = explain::explain(&report, loc);
    let mut a = build(&report, &explanation, loc, text.len());
    if with_report {
        a.json = Some(serde_json::to_string(&report).unwrap_or_default());
    }
    a
}

/// Turns the core's report and explanation into the view model (without the core's JSON).
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
                is_final: r.is_final,
                who_must_act: r.who_must_act,
                causes: r.causes.clone(),
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
                fixes: e.map(|e| e.fixes.clone()).unwrap_or_default(),
                code_meaning: e.map(|e| e.code_meaning.clone()).unwrap_or_default(),
                rule_ids: e.map(|e| e.rule_ids.clone()).unwrap_or_default(),
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
        labels: ex.labels.clone(),
        json: None,
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
