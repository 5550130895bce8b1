//! Gmail and Google Workspace: "Delivery to the following recipient failed permanently",
//! "The response from the remote server was:" followed by the reply, whose multi-line form
//! (`550-5.7.26 ...` / `550 5.7.26 ...`) is joined into one diagnostic.

use super::{body_has, header_has, standard, text, Extracted};
use crate::parse::mime::Mail;

const RULES: text::Rules = text::Rules {
    start: &[
        "delivery to the following recipient",
        "message not delivered",
        "your message wasn't delivered",
        "there was a temporary problem delivering",
        "message blocked",
        "address not found",
        "delivery incomplete",
    ],
    end: &["----- original message -----", "----- message truncated -----"],
};

/// Recognises a Gmail bounce and reads its DSN part or its text.
pub fn extract(mail: &Mail) -> Option<Extracted> {
    let google = header_has(mail, "from", &["@googlemail.com", "@gmail.com", "@google.com"]);
    let sure = (google
        && body_has(
            mail,
            &[
                "delivery to the following recipient failed",
                "delivery to the following recipient has been delayed",
            ],
        ))
        || body_has(
            mail,
            &[
                "the response from the remote server was:",
                "the error that the other server returned was:",
                "technical details of permanent failure",
                "technical details of temporary failure",
            ],
        )
        || (google
            && body_has(
                mail,
                &[
                    "** message not delivered **",
                    "** address not found **",
                    "the response was:",
                ],
            ));
    if !sure {
        return None;
    }
    Some(standard(mail, &RULES, "gmail"))
}
