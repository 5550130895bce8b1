//! The reason classifier: reply text patterns first, then the enhanced status
//! code, then the reply code. The pattern table is data, read top to bottom.

use crate::model::{Action, Reason, Recipient};
use regex::RegexSet;
use std::sync::LazyLock;

/// Reply-text patterns and the reason each one means, most specific first.
/// Matched case-insensitively on the diagnostic with whitespace collapsed.
pub const TEXT_PATTERNS: &[(&str, Reason)] = &[
    (r"greylist|gray-?list|try again later", Reason::Blocked),
    (
        r"user unknown|unknown user|no such user|mailbox unavailable|does not exist|recipient address rejected: user|invalid recipient|unknown recipient|no mailbox|mailbox not found|address rejected",
        Reason::UserUnknown,
    ),
    (
        r"mailbox (?:is )?full|over ?quota|quota exceeded|insufficient storage|mailbox size limit",
        Reason::MailboxFull,
    ),
    (
        r"message (?:is )?too (?:big|large)|size exceeds|exceeds (?:the )?(?:maximum )?(?:message )?size",
        Reason::MesgTooBig,
    ),
    (
        r"relay(?:ing)? (?:access )?denied|relaying (?:not|denied)|not permitted to relay|unable to relay",
        Reason::NoRelaying,
    ),
    (
        r"reverse dns|ptr record|no ptr|rdns|reverse lookup|cannot find your hostname|forward-confirmed",
        Reason::RequirePtr,
    ),
    (r"spf|dkim|dmarc|unauthenticated|not authenticated", Reason::AuthFailure),
    (
        r"blacklist|blocklist|block list|black list|dnsbl|rbl|spamhaus|spamcop|barracuda|not allowed to connect|client host .*(?:blocked|rejected)|access denied|banned|\bblocked\b",
        Reason::Blocked,
    ),
    (r"reputation", Reason::BadReputation),
    (r"spam|junk", Reason::SpamDetected),
    (r"virus|malware|infected", Reason::VirusDetected),
    (
        r"sender address rejected|sender (?:is )?(?:rejected|denied)|domain of sender",
        Reason::Rejected,
    ),
    (
        r"host (?:or domain name )?not found|unknown host|no such domain|domain (?:not found|does not exist)|unrouteable|couldn't find any host",
        Reason::HostUnknown,
    ),
    (r"disabled|suspended|inactive|deactivated", Reason::Suspend),
    (
        r"too many (?:connections|recipients)|connection limit",
        Reason::TooManyConn,
    ),
    (
        r"rate limit|too many messages|sending limit|try again later",
        Reason::Speeding,
    ),
    (
        r"policy|not authorized|prohibited|rules rejection",
        Reason::PolicyViolation,
    ),
    (r"tls|starttls", Reason::FailedStartTls),
];

static TEXT_SET: LazyLock<RegexSet> = LazyLock::new(|| {
    RegexSet::new(TEXT_PATTERNS.iter().map(|(p, _)| format!("(?i){p}"))).expect("reason patterns compile")
});

/// Collapses runs of whitespace so patterns survive line wraps.
pub fn normalize(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The reason for one recipient's outcome.
pub fn classify(r: &Recipient) -> Reason {
    if r.action == Some(Action::Delivered) || r.status.as_deref().is_some_and(|s| s.starts_with('2')) {
        return Reason::Delivered;
    }
    if let Some(d) = r.diagnostic.as_deref() {
        let n = normalize(d);
        if let Some(i) = TEXT_SET.matches(&n).iter().next() {
            return TEXT_PATTERNS[i].1;
        }
    }
    if let Some(s) = r.status.as_deref() {
        if let Some(x) = by_status(s) {
            return x;
        }
    }
    match r.reply_code.as_str() {
        "421" | "452" => Reason::TooManyConn,
        "450" | "451" => Reason::SystemError,
        "500" | "501" | "502" | "503" | "504" => Reason::SyntaxError,
        "521" | "556" => Reason::NotAccept,
        "550" | "551" | "553" => Reason::UserUnknown,
        "552" => Reason::MailboxFull,
        "554" => Reason::PolicyViolation,
        _ => Reason::Undefined,
    }
}

/// The reason an enhanced status code alone implies, if any.
pub fn by_status(s: &str) -> Option<Reason> {
    let (_class, rest) = s.split_once('.')?;
    Some(match rest {
        "1.1" | "1.10" | "1.0" => Reason::UserUnknown,
        "1.2" => Reason::HostUnknown,
        "1.3" => Reason::UserUnknown,
        "1.6" => Reason::HasMoved,
        "1.7" | "1.8" => Reason::Rejected,
        "2.1" => Reason::Suspend,
        "2.2" => Reason::MailboxFull,
        "2.3" => Reason::ExceedLimit,
        "2.4" => Reason::MailerError,
        "3.0" => Reason::SystemError,
        "3.1" => Reason::SystemFull,
        "3.2" => Reason::NotAccept,
        "3.4" => Reason::MesgTooBig,
        "3.5" => Reason::SystemError,
        "4.0" | "4.1" | "4.2" | "4.3" | "4.4" | "4.5" | "4.6" => Reason::NetworkError,
        "4.7" => Reason::Expired,
        "5.0" | "5.1" | "5.2" | "5.3" | "5.4" | "5.5" => Reason::SyntaxError,
        "6.0" | "6.1" | "6.2" | "6.3" | "6.4" | "6.5" => Reason::ContentError,
        "7.0" => Reason::SecurityError,
        "7.1" => Reason::Rejected,
        "7.7" => Reason::VirusDetected,
        "7.23" | "7.24" | "7.25" | "7.26" | "7.27" => Reason::AuthFailure,
        "7.10" | "7.11" => Reason::FailedStartTls,
        "7.8" | "7.9" | "7.12" | "7.13" | "7.14" | "7.15" | "7.16" | "7.17" | "7.18" | "7.19" | "7.20" | "7.21"
        | "7.22" => Reason::SecurityError,
        _ => return None,
    })
}

/// Whether retrying the same message cannot help: 5xx outcomes, except greylisting.
pub fn is_hard(r: &Recipient) -> bool {
    if let Some(d) = r.diagnostic.as_deref() {
        let l = d.to_ascii_lowercase();
        if l.contains("greylist") || l.contains("graylist") || l.contains("gray-list") {
            return false;
        }
    }
    match r.reason {
        Reason::Delivered | Reason::Feedback | Reason::Vacation | Reason::Expired => {
            return r.reason == Reason::Expired && r.status.as_deref().is_some_and(|s| s.starts_with('5'))
        }
        _ => {}
    }
    match r
        .status
        .as_deref()
        .and_then(|s| s.chars().next())
        .or_else(|| r.reply_code.chars().next())
    {
        Some('5') => true,
        Some('4') | Some('2') => false,
        _ => r.action == Some(Action::Failed),
    }
}
