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
        // Final-Recipient names the mailbox; when it is not a mail address (`system;<>`, an X.400
        // form without an RFC 822 element) the Original-Recipient does.
        let address = ["final-recipient", "original-recipient"]
            .iter()
            .filter_map(|f| field(block, f))
            .map(recipient_address)
            .find(|a| a.contains('@'))
            .or_else(|| field(block, "final-recipient").map(recipient_address))
            .filter(|a| !a.is_empty());
        let diagnostic = field(block, "diagnostic-code")
            .map(|v| typed_value(v).to_string())
            .filter(|d| !d.is_empty());
        let remote = field(block, "remote-mta")
            .map(|v| host_of(typed_value(v)))
            .filter(|h| !h.is_empty());
        let (reply, status_in_text) = diagnostic.as_deref().map(generic::codes_in).unwrap_or_default();
        let status_field = field(block, "status").map(|s| s.split_whitespace().next().unwrap_or("").to_string());
        if let (Some(a), Some(note)) = (address.as_deref(), field(block, "status").and_then(status_comment)) {
            x.status_notes.push((a.to_string(), note.to_string()));
        }
        let mut r = Recipient {
            address,
            action: field(block, "action").and_then(Action::parse),
            status: match diagnostic.as_deref() {
                Some(d) => codes::pick_status_for_reply(status_field.as_deref(), d)
                    .map(|s| super::generic::last_attempt_status(s, d)),
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

/// The comment of a `Status` field: `4.0.0 (host name lookup failure)` gives the words inside.
fn status_comment(v: &str) -> Option<&str> {
    let rest = v.trim().split_once(char::is_whitespace)?.1.trim();
    let inner = rest.strip_prefix('(')?;
    let inner = inner.strip_suffix(')').unwrap_or(inner).trim();
    (!inner.is_empty()).then_some(inner)
}

/// `dns; mx.example.com (192.0.2.1)` style values: the host name alone.
pub fn host_of(v: &str) -> String {
    v.split(|c: char| c.is_whitespace() || c == '[' || c == '(')
        .next()
        .unwrap_or("")
        .trim_end_matches('.')
        .to_string()
}

/// The mail address of a recipient field (`rfc822; a@example.com`): an RFC 822 element of an X.400
/// form (RFC 2156: `/RFC-822=jan(a)example.com/`), an `smtp=` or `SMTP:` prefix and quotes taken off.
pub fn recipient_address(v: &str) -> String {
    let typed = typed_value(v);
    let upper = typed.to_ascii_uppercase();
    if let Some(i) = upper.find("RFC-822=") {
        let rest = &typed[i + "RFC-822=".len()..];
        let value = rest.split('/').next().unwrap_or("");
        return rfc2156_unescape(value);
    }
    let lower = typed.to_ascii_lowercase();
    let typed = ["smtp=", "smtp:", "rfc822;", "rfc822:"]
        .iter()
        .find(|p| lower.trim_start_matches(['<', '"', '\'']).starts_with(*p))
        .map_or(typed, |p| {
            let start = lower.find(*p).unwrap_or(0) + p.len();
            &typed[start..]
        });
    let cleaned = clean_address(typed);
    // An address written inside other words (a display name, a comment): the address alone.
    generic::addresses(&cleaned).into_iter().next().unwrap_or(cleaned)
}

/// RFC 2156's escapes in an X.400 RFC-822 element: `(a)` `@`, `(p)` `%`, `(b)` `!`, `(q)` `"`,
/// `(u)` `_`, `(l)` `(`, `(r)` `)`.
fn rfc2156_unescape(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    let mut rest = v;
    while let Some(i) = rest.find('(') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let code = tail.get(..3).map(str::to_ascii_lowercase);
        let mapped = match code.as_deref() {
            Some("(a)") => Some('@'),
            Some("(p)") => Some('%'),
            Some("(b)") => Some('!'),
            Some("(q)") => Some('"'),
            Some("(u)") => Some('_'),
            Some("(l)") => Some('('),
            Some("(r)") => Some(')'),
            _ => None,
        };
        match mapped {
            Some(c) => {
                out.push(c);
                rest = &tail[3..];
            }
            None => {
                out.push('(');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recipient_fields_give_the_mail_address() {
        for (v, want) in [
            ("rfc822; jan@example.com", "jan@example.com"),
            ("rfc822;<jan@example.com>", "jan@example.com"),
            ("rfc822; 'jan@example.com'", "jan@example.com"),
            ("rfc822; \"Jan Nowak\" <jan@example.com>", "jan@example.com"),
            ("rfc822; smtp=jan@example.com", "jan@example.com"),
            ("rfc822; SMTP:jan@example.com", "jan@example.com"),
            (
                "x400; /C=PL/ADMD= /PRMD=EXAMPLE/O=MAIL/RFC-822=jan(a)example(u)x.com/",
                "jan@example_x.com",
            ),
            ("utf-8; józef@example.net", "józef@example.net"),
            ("system; <>", ""),
        ] {
            assert_eq!(recipient_address(v), want, "{v}");
        }
    }
}
