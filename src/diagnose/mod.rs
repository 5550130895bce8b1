//! Diagnosis: turning the facts of each recipient into a reason from the
//! fixed vocabulary, hard or soft, and the knowledge-base rules that apply.
//!
//! The reason has one source of truth: the classifier in [`reason`], with the knowledge base
//! filling in only where the classifier finds nothing (`onhold`, `undefined`). The rules recorded
//! for a recipient, and therefore the explanation shown, always agree with that reason.

pub mod decide;
pub mod reason;

use crate::kb::{self, Rule, TEXTS};
use crate::model::{Kind, Reason, Recipient, Report};

/// Fills `reason`, `hard` and `rules` of every recipient.
pub fn diagnose(report: &mut Report) {
    for r in &mut report.recipients {
        // The classifier and the knowledge base read the same collapsed text, searched once.
        let collapsed = r.diagnostic.as_deref().map(kb::collapse_folded);
        let hits = collapsed
            .as_deref()
            .and_then(|c| Some(TEXTS.as_ref()?.hits(c.as_bytes())));
        r.reason = match report.kind {
            Kind::Feedback => Reason::Feedback,
            Kind::AutoReply => Reason::Vacation,
            _ => reason::classify_normalized(r, collapsed.as_deref(), hits.as_ref()),
        };
        if r.reason == Reason::UserUnknown
            && kb::reasons::FILTERING_GATEWAYS.contains(&report.format.as_str())
            && r.command != Some(crate::model::Command::Rcpt)
            && r.status.as_deref().is_none_or(|s| s.get(1..4) != Some(".1."))
        {
            r.reason = Reason::Filtered;
        }
        let text_hits = kb::text_hits_collapsed(collapsed.as_deref(), hits.as_ref());
        let mut matched = kb::matching_with(r, &report.format, &text_hits);
        if matches!(r.reason, Reason::OnHold | Reason::Undefined) {
            // A knowledge-base reply text the classifier's tables do not know names the reason.
            if let Some(rule) = matched
                .iter()
                .find(|rule| rule.text.is_some() && rule.on_reason.is_none())
            {
                r.reason = rule.reason;
                matched = kb::matching_with(r, &report.format, &text_hits);
            }
        }
        r.hard = reason::is_hard(r);
        r.rules = agreeing(&matched, r).map(|rule| rule.id.to_string()).collect();
    }
}

/// The matched rules that stand for the recipient's reason, most specific first.
fn agreeing<'a>(matched: &'a [&'static Rule], r: &'a Recipient) -> impl Iterator<Item = &'static Rule> + 'a {
    matched
        .iter()
        .copied()
        .filter(move |rule| rule.reason == r.reason || rule.on_reason == Some(r.reason))
}
