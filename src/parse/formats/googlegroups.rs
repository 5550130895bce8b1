//! Google Groups: a group refused a post ("the group you tried to contact ... may not exist,
//! or you may not have permission to post"); the text is localized, the marks are not.

use super::{body_has, header_has, text, Extracted};
use crate::model::{Action, Recipient};
use crate::parse::mime::Mail;

/// Recognises a Google Groups refusal; the group address is the recipient.
pub fn extract(mail: &Mail) -> Option<Extracted> {
    let google = header_has(mail, "from", &["@googlemail.com", "@google.com", "@gmail.com"]);
    if !(google && body_has(mail, &["groups.google.com", "google groups"])) {
        return None;
    }
    let (_, region) = text::region(&mail.body, &text::DEFAULT);
    let address = mail
        .returned_header("to")
        .map(crate::parse::formats::rfc3464::clean_address)
        .filter(|a| !a.is_empty());
    // The notice is localized; its whole text (with the groups.google.com help link) is the diagnostic.
    let mut joined = String::new();
    for w in region.split_whitespace() {
        if joined.len() > 8000 {
            break;
        }
        if !joined.is_empty() {
            joined.push(' ');
        }
        joined.push_str(w);
    }
    let diagnostic = (!joined.is_empty()).then_some(joined);
    Some(Extracted {
        format: "googlegroups",
        recipients: vec![Recipient {
            address,
            action: Some(Action::Failed),
            diagnostic,
            ..Recipient::default()
        }],
        ..Extracted::default()
    })
}
