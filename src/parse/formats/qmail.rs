//! qmail: "Hi. This is the qmail-send program at ...", then `<user@example>:` and
//! `Remote host said: 550 ...` or "Sorry, I couldn't find any host named ...".

use super::{body_has, standard, text, Extracted};
use crate::parse::mime::Mail;

const RULES: text::Rules = text::Rules {
    start: &[
        "wasn't able to deliver your message",
        "could not deliver your message",
        "this is the qmail-send program",
    ],
    end: &[
        "--- below this line is a copy of the message",
        "--- enclosed are the original headers",
    ],
};

/// Recognises qmail's report and reads its text.
pub fn extract(mail: &Mail) -> Option<Extracted> {
    if !body_has(
        mail,
        &[
            "this is the qmail-send program",
            "qmail-send program at",
            "--- below this line is a copy of the message",
        ],
    ) {
        return None;
    }
    Some(standard(mail, &RULES, "qmail"))
}
