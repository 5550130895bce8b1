//! HCL (Lotus) Domino and Notes: "Your message ... was not delivered to: user because: ...",
//! or the older "------- Failure Reasons --------" block.

use super::{body_has, header_has, standard, text, Extracted};
use crate::parse::mime::Mail;

const RULES: text::Rules = text::Rules {
    start: &["------- failure reasons", "was not delivered to:"],
    end: &["------- returned message"],
};

/// Recognises a Domino or Notes report; the reason lines become the diagnostic.
pub fn extract(mail: &Mail) -> Option<Extracted> {
    let sure = body_has(mail, &["------- failure reasons", "domino directory", "lotus domino"])
        || (body_has(mail, &["was not delivered to:"]) && body_has(mail, &["because:"]))
        || header_has(mail, "subject", &["delivery failure:"]);
    if !sure {
        return None;
    }
    let mut x = standard(mail, &RULES, "domino");
    if !x.from_dsn {
        let (_, region) = text::region(&mail.body, &RULES);
        let reason = reason_lines(region);
        for r in &mut x.recipients {
            if reason.is_some() && r.reply_code.is_empty() {
                r.diagnostic = reason.clone();
            }
        }
    }
    Some(x)
}

/// The text after "because:", or the lines of the failure-reasons block that are not addresses.
fn reason_lines(region: &str) -> Option<String> {
    let lower = region.to_ascii_lowercase();
    let tail = match lower.find("because:") {
        Some(i) => region.get(i + "because:".len()..)?,
        None => region,
    };
    let mut out = String::new();
    for l in tail.lines() {
        let t = l.trim();
        if t.is_empty() {
            if out.is_empty() {
                continue;
            }
            break;
        }
        if (t.contains('@') && !t.contains(' ')) || t.starts_with("---") {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(t);
    }
    text::clean(&out)
}
