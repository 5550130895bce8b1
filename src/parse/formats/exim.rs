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
            let base = x.recipients.first().cloned().unwrap_or_default();
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
