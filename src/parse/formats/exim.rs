//! Exim: "This message was created automatically by mail delivery software", the failed
//! addresses indented below, `SMTP error from remote mail server after RCPT TO:<...>:` and
//! `host mx.example [192.0.2.1]: 550 ...` (in either order); `X-Failed-Recipients` lists them.

use super::{body_has, has_header, standard, text, Extracted};
use crate::model::Recipient;
use crate::parse::formats::generic;
use crate::parse::mime::Mail;

const RULES: text::Rules = text::Rules {
    start: &[
        "the following address(es) failed",
        "following address failed",
        "could not be delivered to one or more of its",
        "has not yet been delivered to one or more",
    ],
    end: &[
        "------ this is a copy of the message",
        "------ the body of the message is",
    ],
};

/// Recognises Exim's report and reads it; `X-Failed-Recipients` supplies addresses the text lacks.
pub fn extract(mail: &Mail) -> Option<Extracted> {
    let sure = has_header(mail, "x-failed-recipients")
        || body_has(
            mail,
            &[
                "this message was created automatically by mail delivery software",
                "smtp error from remote mail server after",
            ],
        );
    if !sure {
        return None;
    }
    let mut x = standard(mail, &RULES, "exim");
    if x.recipients.iter().all(|r| r.address.is_none()) {
        let failed: Vec<String> = mail
            .header("x-failed-recipients")
            .map(generic::addresses)
            .unwrap_or_default();
        if !failed.is_empty() {
            let mut base = x.recipients.first().cloned().unwrap_or_default();
            // Exim lists each failure as an indented paragraph whose last line is the error.
            let (_, region) = text::region(&mail.body, &RULES);
            if let Some(last) = first_paragraph_last_line(region) {
                let f = text::facts(&last, None);
                base.diagnostic = Some(last);
                base.status = f.status.or(base.status);
                if let Some(rc) = f.reply {
                    base.reply_code = rc;
                }
            }
            x.recipients = failed
                .into_iter()
                .map(|a| Recipient {
                    address: Some(a),
                    ..base.clone()
                })
                .collect();
        }
    }
    Some(x)
}

/// The last line of the first indented paragraph of the report (Exim's error for an address it
/// lists without an `@`, e.g. a file or pipe delivery).
fn first_paragraph_last_line(region: &str) -> Option<String> {
    let mut last = None;
    let mut started = false;
    for l in region.lines() {
        let indented = l.starts_with([' ', '\t']) && !l.trim().is_empty();
        if indented {
            started = true;
            last = Some(l.trim().to_string());
        } else if started {
            break;
        }
    }
    last
}
