//! Yahoo (and AOL's Yahoo-run mail): "Sorry, we were unable to deliver your message to the
//! following address." then `<user@example>:` and the remote reply.

use super::{body_has, standard, text, Extracted};
use crate::parse::mime::Mail;

const RULES: text::Rules = text::Rules {
    start: &["unable to deliver your message to the following address"],
    end: &["--- below this line is a copy of the message"],
};

/// Recognises a Yahoo bounce and reads its text.
pub fn extract(mail: &Mail) -> Option<Extracted> {
    if !body_has(
        mail,
        &["sorry, we were unable to deliver your message to the following address"],
    ) {
        return None;
    }
    Some(standard(mail, &RULES, "yahoo"))
}
