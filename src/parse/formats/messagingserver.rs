//! Oracle (Sun, iPlanet) Messaging Server and PMDF: "This report relates to a message you sent",
//! then per recipient `Recipient address:`, `Reason:`, `Diagnostic code:` and `Remote system:`.

use super::{body_has, standard, text, Extracted};
use crate::parse::mime::Mail;

const RULES: text::Rules = text::Rules {
    start: &[
        "cannot be delivered to the following recipients",
        "could not be delivered to the following",
    ],
    end: &["original-envelope-id:", "reporting-mta:"],
};

/// Recognises a Messaging Server report and reads its DSN part or its per-recipient lines.
pub fn extract(mail: &Mail) -> Option<Extracted> {
    if !body_has(mail, &["this report relates to a message you sent"]) {
        return None;
    }
    Some(standard(mail, &RULES, "messagingserver"))
}
