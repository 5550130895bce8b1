//! Any bounce that carries an RFC 3464 `message/delivery-status` part.
//!
//! Sender-specific modules run before this one; this is the standard path for
//! every other DSN producer.

use super::generic;
use super::Extracted;
use crate::model::{Action, Recipient};
use crate::parse::codes;
use crate::parse::dsn::{self, field, typed_value};
use crate::parse::hops::TriedHost;
use crate::parse::mime::Mail;

/// Extracts recipients from the delivery-status fields, completed from the human text.
pub fn extract(mail: &Mail) -> Option<Extracted> {
    let mut x = from_dsn(mail)?;
    x.format = "rfc3464";
    super::text::complete(&mut x, mail, &super::text::DEFAULT);
    Some(x)
}

/// The standard DSN reading, shared by the format modules of DSN-producing servers.
pub fn from_dsn(mail: &Mail) -> Option<Extracted> {
    let text = mail.dsn.as_deref()?;
    let fields = dsn::parse(text);
    if fields.recipients.is_empty() {
        return None;
    }
    let mut x = Extracted {
        from_dsn: true,
        reporting_mta: field(&fields.message, "reporting-mta").map(|v| host_of(typed_value(v))),
        ..Extracted::default()
    };
    let mut body_cursor = 0;
    for block in &fields.recipients {
        let address = field(block, "final-recipient")
            .or_else(|| field(block, "original-recipient"))
            .map(|v| clean_address(typed_value(v)))
            .filter(|a| !a.is_empty());
        let diagnostic = field(block, "diagnostic-code")
            .map(|v| typed_value(v).to_string())
            .filter(|d| !d.is_empty());
        let remote = field(block, "remote-mta")
            .map(|v| host_of(typed_value(v)))
            .filter(|h| !h.is_empty());
        let (reply, status_in_text) = diagnostic.as_deref().map(generic::codes_in).unwrap_or_default();
        let status_field = field(block, "status").map(|s| s.split_whitespace().next().unwrap_or("").to_string());
        let mut r = Recipient {
            address,
            action: field(block, "action").and_then(Action::parse),
            status: match diagnostic.as_deref() {
                Some(d) => codes::pick_status_for_reply(status_field.as_deref(), d),
                None => codes::pick_status(status_field.as_deref(), status_in_text.as_deref()),
            },
            reply_code: reply.unwrap_or_default(),
            diagnostic,
            remote_mta: remote.clone(),
            last_attempt: field(block, "last-attempt-date").map(str::to_string),
            ..Recipient::default()
        };
        if r.command.is_none() {
            r.command = generic::command_near_from(&mail.body, r.address.as_deref(), &mut body_cursor);
        }
        if let Some(h) = remote {
            x.tried.push(TriedHost { host: h, ip: None });
        }
        x.recipients.push(r);
    }
    super::text::dedup_hosts(&mut x.tried);
    Some(x)
}

/// `dns; mx.example.com (192.0.2.1)` style values: the host name alone.
pub fn host_of(v: &str) -> String {
    v.split(|c: char| c.is_whitespace() || c == '[' || c == '(')
        .next()
        .unwrap_or("")
        .trim_end_matches('.')
        .to_string()
}

/// An address without angle brackets, quotes or comments.
pub fn clean_address(v: &str) -> String {
    let v = v.trim();
    let v = match (v.find('<'), v.rfind('>')) {
        (Some(s), Some(e)) if e > s => &v[s + 1..e],
        _ => v.split_whitespace().next().unwrap_or(""),
    };
    v.trim_matches(|c| c == '"' || c == '\'' || c == ';').to_string()
}
