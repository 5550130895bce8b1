//! OpenSMTPD: "This is the MAILER-DAEMON, please DO NOT REPLY to this e-mail." then
//! `user@example: <reason>` lines, one per recipient.

use super::{body_has, standard, text, Extracted};
use crate::parse::mime::Mail;

const RULES: text::Rules = text::Rules {
    start: &["the following list of recipients", "following recipients:"],
    end: &["below is a copy of the original message"],
};

/// Recognises an OpenSMTPD report and reads its DSN part or text.
pub fn extract(mail: &Mail) -> Option<Extracted> {
    if !body_has(
        mail,
        &[
            "this is the mailer-daemon, please do not reply",
            "an error has occurred while attempting to deliver a message for",
        ],
    ) {
        return None;
    }
    Some(standard(mail, &RULES, "opensmtpd"))
}
