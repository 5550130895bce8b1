//! Sendmail (and the MIT-style DSN it writes): "----- Transcript of session follows -----",
//! `... while talking to host.example.:` then `>>> RCPT To:` / `<<< 550 ...` lines.

use super::{body_has, header_has, standard, text, Extracted};
use crate::parse::mime::Mail;

const RULES: text::Rules = text::Rules {
    start: &[
        "following addresses had permanent",
        "following addresses had transient",
        "following addresses had delivery problems",
        "following addresses had delivery errors",
        "following addresses had permanent delivery errors",
    ],
    end: &[
        "----- original message",
        "--- original message",
        "message headers follow",
    ],
};

/// Recognises sendmail's wording and reads its DSN or transcript.
pub fn extract(mail: &Mail) -> Option<Extracted> {
    let sure = body_has(
        mail,
        &[
            "----- transcript of session follows -----",
            "the original message was received at",
            "following addresses had permanent fatal errors",
            "----- the following addresses had",
        ],
    ) || header_has(mail, "subject", &["returned mail:"]);
    if !sure {
        return None;
    }
    Some(standard(mail, &RULES, "sendmail"))
}
