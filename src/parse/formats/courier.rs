//! Courier MTA: "This is a delivery status notification from ..., running the Courier mail server",
//! `<user@example>:` then the host and the `>>>` / `<<<` transcript.

use super::{body_has, standard, text, Extracted};
use crate::parse::mime::Mail;

const RULES: text::Rules = text::Rules {
    start: &[
        "your message to the following recipients cannot be delivered",
        "delivery to the following recipients",
    ],
    end: &["the original message follows"],
};

/// Recognises a Courier report and reads its DSN part or transcript.
pub fn extract(mail: &Mail) -> Option<Extracted> {
    if !body_has(mail, &["running the courier mail server", "courier mail server at"]) {
        return None;
    }
    Some(standard(mail, &RULES, "courier"))
}
