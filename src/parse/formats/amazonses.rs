//! Amazon SES (and WorkMail): DSNs from `MAILER-DAEMON@...amazonses.com` whose diagnostic
//! often wraps the remote reply (`5.1.0 - Unknown address error 550-'5.7.1 ...'`).

use super::{has_header, header_has, standard, text, Extracted};
use crate::parse::mime::Mail;

/// Recognises an SES bounce and reads its DSN part or text.
pub fn extract(mail: &Mail) -> Option<Extracted> {
    let sure = header_has(mail, "from", &["amazonses.com", "amazonaws.com"])
        || has_header(mail, "x-ses-outgoing")
        || mail
            .dsn
            .as_deref()
            .is_some_and(|d| d.to_ascii_lowercase().contains("amazonses.com"));
    if !sure {
        return None;
    }
    Some(standard(mail, &text::DEFAULT, "amazonses"))
}
