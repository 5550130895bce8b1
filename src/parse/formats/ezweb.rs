//! au by KDDI (ezweb.ne.jp) mobile mail: "Mail System Error - Returned Mail" from
//! `Postmaster@ezweb.ne.jp`. The notice is Japanese (often in a charset other than the one it
//! declares) followed by one English sentence that says what happened, then the recipients.
//! That sentence is the only reply text there is, so it becomes the diagnostic.

use super::{header_has, standard, text, Extracted};
use crate::parse::mime::Mail;

/// Recognises an ezweb bounce and reads its English notice.
pub fn extract(mail: &Mail) -> Option<Extracted> {
    if !(header_has(mail, "from", &["@ezweb.ne.jp"]) && header_has(mail, "subject", &["mail system error"])) {
        return None;
    }
    let mut x = standard(mail, &text::DEFAULT, "ezweb");
    let notice = english_notice(&mail.body);
    for r in &mut x.recipients {
        let readable = r
            .diagnostic
            .as_deref()
            .is_some_and(|d| d.is_ascii() && d.bytes().any(|b| b.is_ascii_alphabetic()));
        if r.reply_code.is_empty() && r.status.is_none() && !readable {
            r.diagnostic.clone_from(&notice);
        }
    }
    Some(x)
}

/// The first run of English sentence lines before the first address: plain ASCII, several words,
/// ending in a full stop.
fn english_notice(body: &str) -> Option<String> {
    let mut out: Vec<&str> = Vec::new();
    for line in body.lines() {
        let t = line.trim();
        if t.contains('@') {
            if out.is_empty() {
                continue;
            }
            break;
        }
        let sentence = t.is_ascii() && t.split_whitespace().count() >= 3 && t.ends_with('.') && !t.contains(':');
        if sentence {
            out.push(t);
        } else if !out.is_empty() {
            break;
        }
    }
    (!out.is_empty()).then(|| out.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_english_sentence_is_the_notice() {
        let body = "\u{fffd}\u{fffd}\n\nThe user(s) account is disabled.\n\n<a@ezweb.ne.jp>\n";
        assert_eq!(
            english_notice(body).as_deref(),
            Some("The user(s) account is disabled.")
        );
        let body = "Your message was not delivered within 0 days and 1 hours.\nRemote host is not responding.\n\nThe following recipients did not receive this message:\n\n<a@ezweb.ne.jp>\n";
        assert_eq!(
            english_notice(body).as_deref(),
            Some("Your message was not delivered within 0 days and 1 hours. Remote host is not responding.")
        );
        assert_eq!(english_notice("no sentence here\n<a@ezweb.ne.jp>"), None);
    }
}
