//! Parsing: input text to a normalized report (no diagnosis yet).
//!
//! `mime` sorts the parts, `dsn` reads delivery-status fields, `formats` holds
//! one extractor per sender family, `codes` finds reply and status codes,
//! `hops` builds the path and `spans` locates the facts in the input.

pub mod codes;
pub mod dsn;
pub mod evidence;
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
    if depth < 4 {
        if let Some(plain) = unquoted(&input.text) {
            // A quoted or indented copy is read as the text itself.
            let mut report = parse_nested(&Input::new(plain.as_bytes()), depth + 1);
            let mut warnings = input.warnings.clone();
            warnings.append(&mut report.warnings);
            report.warnings = warnings;
            return report;
        }
    }
    let mut mail = mime::read(&input.bytes, &input.text);
    if depth < 4 {
        if let Some(inner) = forwarded(&mail.body) {
            // A person's note and signature around a forwarded bounce are not the bounce.
            let mut report = parse_nested(&Input::new(inner.as_bytes()), depth + 1);
            if matches!(report.kind, Kind::Dsn | Kind::NdrText | Kind::ReplyLine) {
                let mut warnings = input.warnings.clone();
                warnings.append(&mut report.warnings);
                report.warnings = warnings;
                return report;
            }
        }
    }
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
    let mut x = formats::extract(&mail);
    // The evidence scan reads every input, whatever its format; it fills what the format's reading
    // lacks and stands in for it where that found no failed recipient.
    // A reading that names every recipient with its code and reply needs nothing from the scan.
    let complete = x.format != "generic"
        && !x.recipients.is_empty()
        && x.recipients
            .iter()
            .all(|r| r.address.is_some() && !r.reply_code.is_empty() && r.status.is_some() && r.diagnostic.is_some());
    let evidence = if complete {
        Vec::new()
    } else {
        evidence::scan(&mail.body, &formats::text::sender_addresses(&mail))
    };
    with_evidence(&mut x, &evidence);
    let evidenced = complete
        || evidence.iter().any(|e| {
            e.named_apart && e.address.is_some() && e.is_failure() && (e.reply.is_some() || e.status.is_some())
        });
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
        || binary(input)
        || (report.format == "generic" && !evidenced && !bouncy && !log_line && (mail.is_message || !has_code))
    {
        Kind::NotABounce
    } else if log_line
        || (!mail.is_message
            && report.recipients.len() == 1
            && report.recipients[0].address.is_none()
            && report.hops.iter().all(|h| h.role == crate::model::HopRole::Remote))
    {
        Kind::ReplyLine
    } else if mail.is_message || evidenced || looks_like_bounce_text(&mail.body) {
        Kind::NdrText
    } else {
        Kind::ReplyLine
    };
    if report.kind == Kind::NotABounce {
        report.recipients.clear();
        if binary(input) {
            report.warnings.push(crate::model::Warning::new("warn-input-binary"));
        }
    }
    report
}

/// The text without the quote marks (`>`) or the indentation that every non-blank line carries,
/// or `None` when the lines do not all carry them. One level is removed; the caller repeats.
fn unquoted(text: &str) -> Option<String> {
    let window = &text[..floor_char(text, evidence::SCAN_LIMIT)];
    let mut lines = window.lines().filter(|l| !l.trim().is_empty()).peekable();
    lines.peek()?;
    let mut quoted = true;
    let mut indent = usize::MAX;
    for l in lines {
        let t = l.trim_start();
        // An SMTP transcript's `>>>` is not a quote mark.
        quoted &= t.starts_with('>') && !t.starts_with(">>>");
        indent = indent.min(l.len() - t.len());
        if !quoted && indent == 0 {
            return None;
        }
    }
    let out: Vec<&str> = text
        .lines()
        .map(|l| {
            if quoted {
                let t = l.trim_start();
                t.strip_prefix("> ").or_else(|| t.strip_prefix('>')).unwrap_or(t)
            } else {
                l.get(indent.min(l.len())..).unwrap_or_else(|| l.trim_start())
            }
        })
        .collect();
    Some(out.join("\n"))
}

/// Lines that begin a forwarded message, as mail clients write them (Gmail, Outlook, Apple Mail,
/// Thunderbird; en, pl, de, fr, es, it, pt, nl, ru), lower-case.
const FORWARD_MARKERS: &[&str] = &[
    "forwarded message",
    "original message-----",
    "begin forwarded message",
    "wiadomość przekazana dalej",
    "przekazana wiadomość",
    "oryginalna wiadomość-----",
    "początek przekazanej wiadomości",
    "weitergeleitete nachricht",
    "ursprüngliche nachricht-----",
    "anfang der weitergeleiteten nachricht",
    "message transféré",
    "message d'origine-----",
    "début du message réexpédié",
    "mensaje reenviado",
    "mensaje original-----",
    "inicio del mensaje reenviado",
    "messaggio inoltrato",
    "messaggio originale-----",
    "inizio messaggio inoltrato",
    "mensagem encaminhada",
    "mensagem original-----",
    "doorgestuurd bericht",
    "oorspronkelijk bericht-----",
    "пересылаемое сообщение",
    "исходное сообщение-----",
];

/// The forwarded message inside a person's note: the text after the first forward marker line,
/// when that part holds delivery evidence and the note before it holds none (a bounce's own
/// "original message" marker comes after its evidence, and is left alone). Quote marks before
/// the forwarded lines are dropped.
fn forwarded(body: &str) -> Option<String> {
    let window = &body[..floor_char(body, evidence::SCAN_LIMIT)];
    let lower = window.to_lowercase();
    if lower.len() != window.len() {
        // Lower-casing changed byte offsets (rare letters): search line by line instead.
        return forwarded_by_lines(window);
    }
    // The first place any marker starts. From the process's ninth text on, one automaton finds
    // it (leftmost-first: where the earliest match starts) in one pass instead of one per
    // marker; for one or a few texts, building it costs more than it saves.
    let seen = FORWARD_TEXTS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let at = match (seen >= 8).then(|| FORWARD_SEARCH.as_ref()).flatten() {
        Some(ac) => ac.find(&lower)?.start(),
        None => FORWARD_MARKERS.iter().filter_map(|m| lower.find(m)).min()?,
    };
    split_forward(window, at)
}

/// How many texts [`forwarded`] has read in this process.
static FORWARD_TEXTS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// [`FORWARD_MARKERS`] in one automaton.
static FORWARD_SEARCH: std::sync::LazyLock<Option<aho_corasick::AhoCorasick>> = std::sync::LazyLock::new(|| {
    aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostFirst)
        .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
        .build(FORWARD_MARKERS)
        .ok()
});

fn forwarded_by_lines(window: &str) -> Option<String> {
    let mut pos = 0;
    for line in window.split_inclusive('\n') {
        let l = line.to_lowercase();
        if FORWARD_MARKERS.iter().any(|m| l.contains(m)) {
            return split_forward(window, pos);
        }
        pos += line.len();
    }
    None
}

fn split_forward(window: &str, at: usize) -> Option<String> {
    let line_end = window[at..].find('\n').map_or(window.len(), |i| at + i + 1);
    let before = &window[..window[..at].rfind('\n').map_or(0, |i| i + 1)];
    let after = window.get(line_end..)?;
    let failure = |v: &[evidence::Evidence]| {
        v.iter()
            .any(|e| e.is_failure() && (e.reply.is_some() || e.status.is_some()))
    };
    if failure(&evidence::scan(before, &[])) || !failure(&evidence::scan(after, &[])) {
        return None;
    }
    // The forwarded lines may be quoted: drop one level of quote marks from each.
    let quoted = after
        .lines()
        .filter(|l| !l.trim().is_empty())
        .all(|l| l.trim_start().starts_with('>'));
    let text = if quoted {
        after
            .lines()
            .map(|l| {
                let t = l.trim_start();
                t.strip_prefix("> ").or_else(|| t.strip_prefix('>')).unwrap_or(t)
            })
            .collect::<Vec<_>>()
            .join("\n")
    } else {
        after.trim_start_matches(['\n', '\r']).to_string()
    };
    Some(text)
}

fn floor_char(s: &str, max: usize) -> usize {
    let mut i = max.min(s.len());
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Completes the format's recipients from the evidence scan, or takes the scan's recipients when
/// the format found none with a code (a wording or layout it does not know).
fn with_evidence(x: &mut formats::Extracted, evidence: &[evidence::Evidence]) {
    let coded = |r: &Recipient| !r.reply_code.is_empty() || r.status.is_some();
    let same = |e: &evidence::Evidence, a: &str| e.address.as_deref().is_some_and(|b| b.eq_ignore_ascii_case(a));
    for r in &mut x.recipients {
        let found = match r.address.as_deref() {
            Some(a) => evidence.iter().find(|e| same(e, a)),
            // An unnamed recipient: the record with its codes names it.
            None if coded(r) => evidence.iter().find(|e| {
                e.address.is_some()
                    && e.reply.as_deref().unwrap_or("") == r.reply_code
                    && (e.status.is_none() || e.status == r.status)
            }),
            None => None,
        };
        if let Some(e) = found {
            fill(r, e);
        }
    }
    let known: Vec<&evidence::Evidence> = evidence
        .iter()
        .filter(|e| e.reply.is_some() || e.status.is_some())
        .collect();
    if known.is_empty() || x.from_dsn {
        return;
    }
    let lone_uncoded = x.recipients.len() == 1 && !coded(&x.recipients[0]);
    if lone_uncoded && known.len() == 1 && known[0].address.is_none() {
        // One recipient named by the text, one reply found apart from it.
        let e = known[0];
        fill(&mut x.recipients[0], e);
        return;
    }
    let replace = x.recipients.is_empty()
        || (x.recipients.iter().all(|r| !coded(r)) && known.iter().any(|e| e.address.is_some()))
        || (x.recipients.iter().all(|r| r.address.is_none()) && known.iter().any(|e| e.address.is_some()));
    if !replace {
        return;
    }
    x.recipients = known
        .iter()
        .map(|e| {
            let mut r = Recipient {
                address: e.address.clone(),
                ..Recipient::default()
            };
            fill(&mut r, e);
            r
        })
        .collect();
    for e in &known {
        if let Some(h) = &e.host {
            x.tried.push(hops::TriedHost {
                host: h.clone(),
                ip: e.ip.clone(),
            });
        }
    }
    formats::text::dedup_hosts(&mut x.tried);
}

/// Fills what a recipient lacks from its evidence record.
fn fill(r: &mut Recipient, e: &evidence::Evidence) {
    if r.address.is_none() {
        r.address = e.address.clone();
    }
    let weak = r
        .diagnostic
        .as_deref()
        .is_none_or(|d| codes::find_reply(d).is_none() && codes::find_status(d).is_none());
    if weak && e.diagnostic.is_some() && (e.reply.is_some() || e.status.is_some() || r.diagnostic.is_none()) {
        r.diagnostic = e.diagnostic.clone();
    }
    if r.reply_code.is_empty() {
        r.reply_code = e.reply.clone().unwrap_or_default();
    }
    if r.status.is_none() {
        r.status = e.status.clone();
    }
    if r.command.is_none() {
        r.command = e.command;
    }
    if r.remote_mta.is_none() {
        r.remote_mta = e.host.clone();
    }
    if r.action.is_none() {
        r.action = e.action;
    }
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

/// True when the input is binary data rather than text: more than one byte in ten of its first
/// 64 KiB is a control character or not UTF-8 (a bounce is text in every encoding mail uses).
fn binary(input: &Input) -> bool {
    let n = input.bytes.len().min(64 * 1024);
    let text = input.text.as_bytes();
    let odd = input.bytes[..n]
        .iter()
        .zip(text)
        .filter(|(b, t)| b != t || (**b < 0x20 && !matches!(**b, b'\n' | b'\r' | b'\t' | 0x0c)) || **b == 0x7f)
        .count();
    n > 0 && odd * 10 > n
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
    fn binary_data_is_not_a_bounce_and_says_so() {
        let mut x: u32 = 7;
        let mut raw: Vec<u8> = (0..4096)
            .map(|_| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                (x >> 16) as u8
            })
            .collect();
        raw.extend_from_slice(b"\n550 5.1.1 <ola@example.com>: User unknown\n");
        let r = crate::analyze(&raw);
        assert_eq!(r.kind, Kind::NotABounce);
        assert!(r.recipients.is_empty());
        assert!(
            r.warnings.iter().any(|w| w.id == "warn-input-binary"),
            "{:?}",
            r.warnings
        );
        // Text in any language is not binary.
        let text = "Wiadomość do ola@example.com nie została dostarczona.\nSerwer odpowiedział: 550 5.1.1 Użytkownik nie istnieje\n";
        let r = crate::analyze(text.as_bytes());
        assert_eq!(r.kind, Kind::NdrText);
        assert_eq!(r.recipients[0].address.as_deref(), Some("ola@example.com"));
        assert_eq!(r.recipients[0].reason, crate::model::Reason::UserUnknown);
    }

    #[test]
    fn the_postfix_line_alone_and_wrapped_is_a_bounce() {
        for t in [
            "<olga@example.ru>: host mx.example.ru[192.0.2.20] said: 550 5.1.1 <olga@example.ru>: User unknown (in reply to RCPT TO command)\n",
            "<olga@example.ru>: host mx.example.ru[192.0.2.20] said: 550\n    5.1.1 <olga@example.ru>: User unknown (in reply to RCPT TO\n    command)\n",
        ] {
            let r = crate::analyze(t.as_bytes());
            assert_eq!(r.kind, Kind::NdrText, "{t}");
            let x = &r.recipients[0];
            assert_eq!(x.address.as_deref(), Some("olga@example.ru"));
            assert_eq!((x.reply_code.as_str(), x.status.as_deref()), ("550", Some("5.1.1")));
            assert_eq!(x.reason, crate::model::Reason::UserUnknown);
            assert_eq!(x.remote_mta.as_deref(), Some("mx.example.ru"));
        }
    }

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
