//! Zoho Mail: one line per recipient, `user@example Invalid Address, ERROR_CODE :550, ERROR_CODE :text`.

use super::{header_has, standard, text, Extracted};
use crate::parse::mime::Mail;
use regex::Regex;
use std::sync::LazyLock;

static CODE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"ERROR_CODE\s*:\s*([245][0-9][0-9])\b").unwrap());

/// Recognises a Zoho bounce and reads its `ERROR_CODE` fields.
pub fn extract(mail: &Mail) -> Option<Extracted> {
    if !(header_has(mail, "from", &["zoho.com"]) || header_has(mail, "x-mailer", &["zoho mail"])) {
        return None;
    }
    let mut x = standard(mail, &text::DEFAULT, "zoho");
    for r in &mut x.recipients {
        if r.reply_code.is_empty() {
            if let Some(c) = r
                .diagnostic
                .as_deref()
                .and_then(|d| CODE.captures(d))
                .and_then(|c| c.get(1))
            {
                r.reply_code = c.as_str().to_string();
            }
        }
    }
    Some(x)
}
