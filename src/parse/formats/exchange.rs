//! Microsoft Exchange and Microsoft 365 (Office 365, Outlook.com): subject `Undeliverable:`,
//! a friendly part, `Diagnostic information for administrators:`, `Generating server:`,
//! `Remote Server returned '550 5.1.10 ...'`; header `X-MS-Exchange-Message-Is-Ndr`.
//! Older Exchange writes "did not reach the following recipient(s)" with `MSEXCH:` codes.
//! Codes 5.7.5xx–5.7.7xx and 4.4.316 are Microsoft's own.

use super::{body_has, has_header, header_has, standard, text, Extracted};
use crate::parse::mime::Mail;
use regex::Regex;
use std::sync::LazyLock;

const RULES: text::Rules = text::Rules {
    start: &[
        "diagnostic information for administrators",
        "did not reach the following recipient",
        "delivery has failed to these recipients",
        "the following recipient(s) could not be reached",
    ],
    end: &["original message headers", "___________"],
};

static GENERATING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)Generating server:\s*([A-Za-z0-9][A-Za-z0-9.-]*[A-Za-z0-9])").unwrap());

/// Recognises an Exchange NDR and reads its DSN part or its administrators' section.
pub fn extract(mail: &Mail) -> Option<Extracted> {
    let sure = has_header(mail, "x-ms-exchange-message-is-ndr")
        || body_has(
            mail,
            &[
                "diagnostic information for administrators",
                "generating server:",
                "did not reach the following recipient",
                "msexch:",
                "remote server returned '",
            ],
        )
        || (header_has(mail, "subject", &["undeliverable:"]) && has_header(mail, "x-ms-exchange-organization-scl"));
    if !sure {
        return None;
    }
    let mut x = standard(mail, &RULES, "exchange");
    if x.reporting_mta.is_none() {
        x.reporting_mta = GENERATING
            .captures(&mail.body)
            .and_then(|c| c.get(1))
            .map(|m| m.as_str().to_string());
    }
    Some(x)
}
