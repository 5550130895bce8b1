//! The view model: everything the web app shows about one analysed input, as plain data with
//! serde derives, the one definition both the analysis engine (which builds it, [`build`]) and
//! the page (which draws it) use. It holds the core's own [`Explanation`] as it is, beside the
//! report's facts the explanation does not carry; never parsing logic, so the page links none
//! (its deserializer is all the page takes of it). Built by the web app's engine; natively for
//! tests and the timing example.

use crate::explain::{Explanation, RecipientExplanation};
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

/// The report's facts about one recipient that its explanation does not hold (the facts table
/// and the badges); the address, `final`, who must act, the causes' and rules' ids are in
/// [`RecipientExplanation`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct RecipientFacts {
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
    /// The core's explanation: headline, summary, one entry per recipient (in message order),
    /// warnings and the headings of the copied text.
    pub explanation: Explanation,
    /// Per recipient, in the explanation's order: the report's other facts.
    pub facts: Vec<RecipientFacts>,
    /// The path, oldest first.
    pub hops: Vec<HopView>,
    /// Index into `hops` of the refusing host.
    pub failing_hop: Option<usize>,
    /// Highlights, sorted by start.
    pub spans: Vec<SpanView>,
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

    /// Each recipient's explanation with its facts, in message order.
    pub fn recipients(&self) -> impl Iterator<Item = (&RecipientExplanation, &RecipientFacts)> {
        self.explanation.recipients.iter().zip(&self.facts)
    }
}

/// Turns the core's report and explanation into the view model (without the core's JSON).
pub fn build(report: &Report, ex: Explanation, loc: &Localizer, input_bytes: usize) -> Analysis {
    // `explain` gives one entry per recipient, in the report's order.
    let facts = report
        .recipients
        .iter()
        .take(ex.recipients.len())
        .map(|r| RecipientFacts {
            action: r.action.and_then(|a| json_id(&a)),
            status: r.status.clone(),
            reply_code: r.reply_code.clone(),
            diagnostic: r.diagnostic.clone(),
            remote_mta: r.remote_mta.clone(),
            command: r.command.map(|c| c.as_str().to_string()),
            reason: r.reason.as_str().to_string(),
            hard: r.hard,
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
        explanation: ex,
        facts,
        hops,
        failing_hop: report.failing_hop,
        spans,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_view_model_holds_the_explanation_and_one_fact_row_per_recipient_and_reads_back() {
        let text = "From: MAILER-DAEMON@x.example\nSubject: Undelivered Mail\n\n<a@one.example>: host mx.one.example[192.0.2.1] said: 550 5.1.1 User unknown\n<b@two.example>: host mx.two.example[192.0.2.2] said: 452 4.2.2 Mailbox full\n";
        for lang in ["en", "pl"] {
            let loc = Localizer::new(&[lang]);
            let report = crate::analyze(text.as_bytes());
            let ex = crate::explain::explain(&report, &loc);
            let a = build(&report, ex.clone(), &loc, text.len());
            assert_eq!(a.explanation, ex, "the core's explanation, as it is");
            assert_eq!(a.facts.len(), 2);
            let rows: Vec<_> = a
                .recipients()
                .map(|(e, f)| (e.address.clone(), f.status.clone(), f.reason.clone()))
                .collect();
            assert_eq!(
                rows,
                [
                    (Some("a@one.example".into()), Some("5.1.1".into()), "userunknown".into()),
                    (Some("b@two.example".into()), Some("4.2.2".into()), "mailboxfull".into()),
                ]
            );
            assert!(a.spans.windows(2).all(|w| w[0].start <= w[1].start));
            // The serde shape reads back the same (the wire uses serde-wasm-bindgen, the same
            // derives).
            let json = serde_json::to_string(&a).unwrap();
            assert_eq!(serde_json::from_str::<Analysis>(&json).unwrap(), a);
        }
    }
}
