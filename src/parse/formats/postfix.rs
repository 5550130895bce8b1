//! Postfix: "This is the mail system at host ...", then `<user@example>: host mx[ip] said: 550 ...
//! (in reply to RCPT TO command)`.

use super::{body_has, has_header, header_has, standard, text, Extracted};
use crate::parse::mime::Mail;

const RULES: text::Rules = text::Rules {
    start: &["the mail system", "the postfix program"],
    end: &[],
};

/// Recognises Postfix's report and reads its DSN or text.
pub fn extract(mail: &Mail) -> Option<Extracted> {
    let sure = body_has(
        mail,
        &[
            "this is the mail system at host",
            "the postfix program",
            "x-postfix-queue-id",
            "this is the postfix program",
        ],
    ) || has_header(mail, "x-postfix-queue-id")
        || header_has(mail, "subject", &["undelivered mail returned to sender"])
        || mail
            .dsn
            .as_deref()
            .is_some_and(|d| d.to_ascii_lowercase().contains("x-postfix"));
    if !sure {
        return None;
    }
    Some(standard(mail, &RULES, "postfix"))
}
