//! Parsing: input text to a normalized report (no diagnosis yet).
//!
//! `mime` sorts the parts, `dsn` reads delivery-status fields, `formats` holds
//! one extractor per sender family, `codes` finds reply and status codes,
//! `hops` builds the path and `spans` locates the facts in the input.

pub mod codes;
pub mod dsn;
pub mod formats;
pub mod hops;
pub mod lean;
pub mod mime;
pub mod msg;
pub mod spans;

use crate::input::Input;
use crate::model::{Action, Kind, Original, Recipient, Report};
use mime::Mail;

/// Parses the input into a report whose recipients still lack `reason`, `hard` and `rules`.
pub fn parse(input: &Input) -> Report {
    parse_nested(input, 0)
}

/// How many attached messages deep a bounce is looked for (a bounce forwarded as an attachment,
/// forwarded again: two).
const MAX_NESTED: u8 = 3;

/// Parses one input; `depth` counts how far inside forwarded bounces we are.
fn parse_nested(input: &Input, depth: u8) -> Report {
    let mut mail = mime::read(&input.bytes, &input.text);
    returned_from_text(&mut mail);
    inline_dsn(&mut mail, &input.text);
    let mut report = Report {
        warnings: input.warnings.clone(),
        subject: mail.header("subject").map(str::to_string),
        original: original(&mail),
        ..Report::default()
    };
    if let Some(fb) = feedback(&mail) {
        report.kind = Kind::Feedback;
        report.format = "arf".into();
        report.recipients = fb;
        return report;
    }
    if let Some(who) = unsubscribe_request(&mail) {
        // Feedback from the recipient's side too: they asked to leave the list.
        report.kind = Kind::Feedback;
        report.format = "unsubscribe".into();
        report.recipients = vec![Recipient {
            address: Some(who),
            feedback_type: Some("unsubscribe".into()),
            ..Recipient::default()
        }];
        return report;
    }
    if is_auto_reply(&mail) {
        report.kind = Kind::AutoReply;
        report.format = "rfc3834".into();
        let who = mail.header("from").map(formats::rfc3464::clean_address);
        report.recipients = vec![Recipient {
            address: who,
            ..Recipient::default()
        }];
        return report;
    }
    let x = formats::extract(&mail);
    report.format = x.format.to_string();
    report.reporting_mta = x.reporting_mta.clone();
    let failing = x.recipients.iter().find_map(|r| r.remote_mta.clone());
    let attempted = x.recipients.iter().find_map(|r| r.last_attempt.clone());
    let (hops, failing_hop) = hops::build(
        &mail,
        x.reporting_mta.as_deref(),
        &x.tried,
        failing.as_deref(),
        attempted.as_deref(),
    );
    report.hops = hops;
    report.failing_hop = failing_hop;
    let x_from_dsn = x.from_dsn;
    let mut x = x;
    let no_codes = x
        .recipients
        .iter()
        .all(|r| r.reply_code.is_empty() && r.status.is_none());
    let all_unnamed = x.recipients.iter().all(|r| r.address.is_none());
    // A person's message with a bounce attached (forwarded as an attachment): the attached
    // bounce is the report, whatever the person's note says.
    let forwarded = mail.returned_attached && mail.dsn.is_none() && !is_from_mail_system(&mail);
    if depth < MAX_NESTED && (all_unnamed || no_codes || forwarded) {
        // A bounce that only forwards another bounce (attached whole, as security gateways do):
        // the inner one has the facts. Without names or codes outside, it must have some inside.
        if let Some(raw) = mail.returned_raw.as_deref() {
            let inner = parse_nested(&Input::new(raw), depth + 1);
            let inner_has_codes = inner
                .recipients
                .iter()
                .any(|r| !r.reply_code.is_empty() || r.status.is_some());
            if matches!(inner.kind, Kind::Dsn | Kind::NdrText)
                && !inner.recipients.is_empty()
                && (all_unnamed || inner_has_codes)
            {
                return Report {
                    warnings: report.warnings,
                    subject: report.subject,
                    ..inner
                };
            }
        }
    }
    if x.recipients.is_empty() && mail.is_message && (is_from_mail_system(&mail) || bounce_subject(&mail)) {
        // A bounce whose recipients we cannot find still failed somewhere: keep one unnamed recipient.
        let (_, region) = formats::text::region(&mail.body, &formats::text::DEFAULT);
        let f = formats::text::facts(region, None);
        x.recipients.push(formats::text::recipient_from(&f, None));
    }
    report.recipients = x.recipients;
    for r in &mut report.recipients {
        if r.action.is_none() {
            r.action = match r
                .status
                .as_deref()
                .or(r.reply_code.get(..1))
                .and_then(|s| s.chars().next())
            {
                Some('5') => Some(Action::Failed),
                Some('4') => Some(Action::Delayed),
                Some('2') => Some(Action::Delivered),
                _ => None,
            };
        }
    }
    let log_line = !mail.is_message && looks_like_log_line(&mail.body);
    let bouncy = looks_like_bounce_text(&mail.body) || is_from_mail_system(&mail) || bounce_subject(&mail);
    let has_code = report
        .recipients
        .iter()
        .any(|r| !r.reply_code.is_empty() || r.status.is_some());
    report.kind = if x_from_dsn && !report.recipients.is_empty() {
        Kind::Dsn
    } else if report.recipients.is_empty()
        || (report.format == "generic" && !bouncy && !log_line && (mail.is_message || !has_code))
    {
        Kind::NotABounce
    } else if log_line
        || (!mail.is_message
            && report.recipients.len() == 1
            && report.recipients[0].address.is_none()
            && report.hops.iter().all(|h| h.role == crate::model::HopRole::Remote))
    {
        Kind::ReplyLine
    } else if mail.is_message || looks_like_bounce_text(&mail.body) {
        Kind::NdrText
    } else {
        Kind::ReplyLine
    };
    if report.kind == Kind::NotABounce {
        report.recipients.clear();
    }
    report
}

/// Pasted text (or a bounce without MIME structure) may carry the delivery-status fields inline:
/// read them from the first `Reporting-MTA:` or `Final-Recipient:` line on.
fn inline_dsn(mail: &mut Mail, whole: &str) {
    if mail.dsn.is_some() {
        return;
    }
    // Pasted DSN fields alone look like a header block: then they are in the whole text, not the body.
    let source = if mail.header("final-recipient").is_some() || mail.header("reporting-mta").is_some() {
        whole
    } else {
        mail.body.as_str()
    };
    let lower = source.to_ascii_lowercase();
    let Some(fr) = find_field_line(&lower, "final-recipient:") else {
        return;
    };
    let start = find_field_line(&lower, "reporting-mta:")
        .filter(|r| *r < fr)
        .unwrap_or(fr);
    if let Some(t) = source.get(start..) {
        mail.dsn = Some(t.to_string());
    }
}

/// Offset of the first line that starts (after blanks) with the lower-case field name.
fn find_field_line(lower: &str, name: &str) -> Option<usize> {
    let mut pos = 0;
    for line in lower.split_inclusive('\n') {
        if line.trim_start().starts_with(name) {
            return Some(pos + (line.len() - line.trim_start().len()));
        }
        pos += line.len();
    }
    None
}

/// Many bounces quote the returned message as plain text after a marker line
/// ("--- Below this line is a copy of the message."): read its headers too.
fn returned_from_text(mail: &mut Mail) {
    if !mail.returned_headers.is_empty() {
        return;
    }
    let (start, region) = formats::text::region(&mail.body, &formats::text::DEFAULT);
    let mut pos = start + region.len();
    if pos >= mail.body.len() {
        return;
    }
    // Skip the marker line itself and blank lines, unless the cut is already at a header.
    let mut rest = mail.body.get(pos..).unwrap_or("");
    while let Some(line) = rest.split_inclusive('\n').next() {
        let t = line.trim();
        let header = t
            .split_once(':')
            .is_some_and(|(n, _)| !n.is_empty() && !n.contains(' ') && n.is_ascii());
        if header && !t.starts_with("---") {
            break;
        }
        pos += line.len();
        rest = mail.body.get(pos..).unwrap_or("");
        if t.is_empty() && pos > start + region.len() + 2000 {
            break;
        }
    }
    let bytes = rest.as_bytes().to_vec();
    mime::set_returned_raw(mail, &bytes);
}

fn original(mail: &Mail) -> Option<Original> {
    if mail.returned_headers.is_empty() {
        return None;
    }
    Some(Original {
        from: mail.returned_header("from").map(str::to_string),
        to: mail.returned_header("to").map(str::to_string),
        subject: mail.returned_header("subject").map(str::to_string),
        message_id: mail.returned_header("message-id").map(str::to_string),
        date: mail.returned_header("date").map(str::to_string),
    })
}

/// Recipients of an ARF feedback report (RFC 5965), or `None` when this is not one.
/// The address asking to be unsubscribed, for a mail program's automatic unsubscribe request
/// (Apple Mail sends one with `X-Apple-Unsubscribe: true` to the list's unsubscribe address).
fn unsubscribe_request(mail: &Mail) -> Option<String> {
    if mail.dsn.is_some()
        || !mail
            .header("x-apple-unsubscribe")
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    {
        return None;
    }
    mail.header("from").map(formats::rfc3464::clean_address)
}

fn feedback(mail: &Mail) -> Option<Vec<Recipient>> {
    if mail.feedback.is_none() {
        // Outlook.com's complaint format: the reported message with `X-HmXmrOriginalRecipient`.
        let rcpt = mail.returned_header("x-hmxmroriginalrecipient")?;
        return Some(vec![Recipient {
            address: Some(formats::rfc3464::clean_address(rcpt)),
            feedback_type: Some("abuse".into()),
            ..Recipient::default()
        }]);
    }
    let part = mail.feedback.as_deref()?;
    let f = dsn::parse(part);
    let all: Vec<(String, String)> = f
        .message
        .into_iter()
        .chain(f.recipients.into_iter().flatten())
        .collect();
    let ftype = dsn::field(&all, "feedback-type").map(|s| s.trim().to_ascii_lowercase());
    let mut rcpts: Vec<String> = all
        .iter()
        .filter(|(n, _)| n == "original-rcpt-to" || n == "removal-recipient")
        .map(|(_, v)| formats::rfc3464::clean_address(v))
        .collect();
    if rcpts.is_empty() {
        if let Some(to) = mail.returned_header("to") {
            rcpts.push(formats::rfc3464::clean_address(to));
        }
    }
    if rcpts.is_empty() {
        rcpts.push(String::new());
    }
    Some(
        rcpts
            .into_iter()
            .map(|a| Recipient {
                address: (!a.is_empty()).then_some(a),
                feedback_type: ftype.clone(),
                ..Recipient::default()
            })
            .collect(),
    )
}

/// An RFC 3834 automatic reply: `Auto-Submitted: auto-replied` or the common vacation markers,
/// and nothing that makes it a delivery report.
fn is_auto_reply(mail: &Mail) -> bool {
    if mail.dsn.is_some() || is_from_mail_system(mail) || bounce_subject(mail) {
        return false;
    }
    let auto = mail
        .header("auto-submitted")
        .is_some_and(|v| v.to_ascii_lowercase().starts_with("auto-replied"));
    let marker = mail.header("x-autoreply").is_some()
        || mail.header("x-autorespond").is_some()
        || mail
            .header("precedence")
            .is_some_and(|v| v.eq_ignore_ascii_case("auto_reply"))
        || mail
            .header("x-apple-action")
            .is_some_and(|v| v.eq_ignore_ascii_case("vacation"));
    let subj = mail.subject().to_ascii_lowercase();
    let vac_subject = [
        "out of office",
        "auto:",
        "auto reply",
        "automatic reply",
        "autoreply",
        "auto-reply",
        "vacation",
    ]
    .iter()
    .any(|k| subj.contains(k));
    (auto || marker || vac_subject) && !looks_like_bounce_text(&mail.body)
}

/// True when the report comes from a mail system's own address (MAILER-DAEMON, postmaster).
fn is_from_mail_system(mail: &Mail) -> bool {
    let from = mail.from().to_ascii_lowercase();
    [
        "mailer-daemon",
        "postmaster@",
        "mail delivery",
        "mail-daemon",
        "mailer daemon",
    ]
    .iter()
    .any(|k| from.contains(k))
}

/// Subjects that bounces use.
fn bounce_subject(mail: &Mail) -> bool {
    let s = mail.subject().to_ascii_lowercase();
    [
        "undeliver",
        "delivery status notification",
        "returned mail",
        "delivery failure",
        "failure notice",
        "mail delivery failed",
        "delivery has failed",
        "delayed",
        "not delivered",
        "delivery notification",
        "returned to sender",
        "nondeliverable",
        "warning: message",
        "undelivered",
    ]
    .iter()
    .any(|k| s.contains(k))
}

/// A mail server's log line about a delivery (Postfix, Exim, Sendmail syslog formats).
fn looks_like_log_line(body: &str) -> bool {
    let l = body.get(..body.len().min(4096)).unwrap_or("").to_ascii_lowercase();
    body.lines().filter(|x| !x.trim().is_empty()).count() <= 5
        && [
            "status=bounced",
            "status=deferred",
            "status=expired",
            "dsn=",
            " ** ",
            " == ",
            "stat=",
            "relay=",
        ]
        .iter()
        .any(|k| l.contains(k))
}

/// Words that only delivery failures use.
fn looks_like_bounce_text(body: &str) -> bool {
    let mut cut = body.len().min(BOUNCE_WORDS_WINDOW);
    while !body.is_char_boundary(cut) {
        cut -= 1;
    }
    BOUNCE_WORDS.is_match(&body[..cut])
}

/// How far into the text [`looks_like_bounce_text`] looks.
const BOUNCE_WORDS_WINDOW: usize = 20_000;

/// Lower-case phrases only a bounce says (English and Polish), found ASCII case-insensitively in
/// one pass.
static BOUNCE_WORDS: std::sync::LazyLock<aho_corasick::AhoCorasick> = std::sync::LazyLock::new(|| {
    lean::words(&[
        "could not be delivered",
        "couldn't be delivered",
        "undeliverable",
        "delivery has failed",
        "delivery to the following",
        "permanent error",
        "permanent fatal error",
        "returned to sender",
        "delivery status notification",
        "mail delivery failed",
        "delivery failure",
        "failed recipient",
        "was not delivered",
        "wasn't delivered",
        "unable to deliver",
        "could not deliver",
        "delivery problem",
        "remote host said",
        "host unknown",
        "did not reach the following recipient",
        "following recipients failed",
        "message delivery failed",
        "not delivered to",
        "nie można",
        "nie mozna",
        "nie została dostarczona",
        "nie zostala dostarczona",
        "niedostarczon",
    ])
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounce_words_are_found_in_any_case_within_the_window_only() {
        assert!(looks_like_bounce_text("Your message COULD NOT BE DELIVERED to anyone."));
        assert!(looks_like_bounce_text("Wiadomość nie została dostarczona."));
        assert!(!looks_like_bounce_text("Lunch on Friday?"));
        let far = format!("{}undeliverable", "x".repeat(BOUNCE_WORDS_WINDOW));
        assert!(!looks_like_bounce_text(&far));
        // The window's end inside a two-byte character: cut before it, no panic.
        let split = format!("{}ł undeliverable", "x".repeat(BOUNCE_WORDS_WINDOW - 1));
        assert!(!looks_like_bounce_text(&split));
    }
}
