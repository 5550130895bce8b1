//! fml, a Japanese mailing-list manager: a post from an address that is not subscribed comes back
//! as "You are not a member of this mailing list <list@example>." (header `X-MLServer: fml`).
//! The list refused the sender, so the list address is the recipient that failed.

use super::{generic, header_has, Extracted};
use crate::model::{Action, Recipient};
use crate::parse::mime::Mail;

/// The phrase fml uses for a refused post.
const NOT_A_MEMBER: &str = "not a member of this mailing list";

/// Recognises an fml refusal and reads the list address from it.
pub fn extract(mail: &Mail) -> Option<Extracted> {
    if !header_has(mail, "x-mlserver", &["fml"]) {
        return None;
    }
    let line = mail
        .body
        .lines()
        .map(str::trim)
        .find(|l| l.to_ascii_lowercase().contains(NOT_A_MEMBER))?;
    let list = generic::addresses(line).into_iter().next();
    Some(Extracted {
        format: "fml",
        recipients: vec![Recipient {
            address: list,
            action: Some(Action::Failed),
            diagnostic: Some(line.to_string()),
            ..Recipient::default()
        }],
        ..Extracted::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_address_is_the_recipient() {
        let mail = Mail {
            headers: vec![("x-mlserver".into(), "fml [fml 4.0.3 release]".into())],
            body: "\nYou are not a member of this mailing list <cats@lists.example.org>.\n\nSend \"guide\" to cats-ctl@lists.example.org.\n".into(),
            ..Mail::default()
        };
        let x = extract(&mail).expect("fml");
        assert_eq!(x.recipients.len(), 1);
        assert_eq!(x.recipients[0].address.as_deref(), Some("cats@lists.example.org"));
        assert!(extract(&Mail::default()).is_none());
    }
}
