//! Diagnosis: turning the facts of each recipient into a reason from the
//! fixed vocabulary, hard or soft, and the knowledge-base rules that apply.

pub mod reason;

use crate::model::{Kind, Reason, Report};

/// Fills `reason`, `hard` and `rules` of every recipient.
pub fn diagnose(report: &mut Report) {
    for r in &mut report.recipients {
        r.reason = match report.kind {
            Kind::Feedback => Reason::Feedback,
            Kind::AutoReply => Reason::Vacation,
            _ => reason::classify(r),
        };
        r.hard = reason::is_hard(r);
        r.rules = crate::kb::rule_ids(r, &report.format);
    }
}
