//! The fallback for senders no other module knows: finds reply codes, status
//! codes, recipients and the refusing host anywhere in the text.
//!
//! Its helpers are shared by the format modules.

use super::Extracted;
use crate::model::Command;
use crate::parse::codes;
use crate::parse::hops::TriedHost;
use crate::parse::mime::Mail;
use regex::Regex;
use std::sync::LazyLock;

static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+")
        .unwrap()
});

static HOST_SAID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:host|server)\s+([A-Za-z0-9][A-Za-z0-9.-]*\.[A-Za-z0-9-]+)\.?\s*\[?([0-9A-Fa-f.:]+)?\]?\s*(?:said|says|replied|:)|while talking to\s+([A-Za-z0-9][A-Za-z0-9.-]*[A-Za-z0-9])\.?(?:\s*\[([0-9A-Fa-f.:]+)\])?|Generating server:\s*([A-Za-z0-9][A-Za-z0-9.-]*[A-Za-z0-9])|Remote[- ]MTA:\s*(?:dns;\s*)?([A-Za-z0-9][A-Za-z0-9.-]*[A-Za-z0-9])",
    )
    .unwrap()
});

static COMMAND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:in reply to|after|while sending|during)\s+(?:the\s+)?(RCPT TO|MAIL FROM|DATA|end of data|initial connection|end of message|EHLO|HELO|STARTTLS|AUTH|BDAT|RCPT|MAIL)").unwrap()
});

/// The reply code and enhanced status code of one reply text.
pub fn codes_in(reply: &str) -> (Option<String>, Option<String>) {
    if let Some((r, s)) = codes::find_reply_status(reply) {
        return (Some(r.code), Some(s.code));
    }
    let r = codes::find_reply(reply).map(|f| f.code);
    let s = codes::find_status(reply).map(|f| f.code);
    (r, s)
}

/// Every e-mail address in the text, in order, without duplicates (compared case-insensitively).
pub fn addresses(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for m in ADDRESS.find_iter(text) {
        let a = m.as_str().trim_matches('.').to_string();
        if !out.iter().any(|o| o.eq_ignore_ascii_case(&a)) {
            out.push(a);
        }
    }
    out
}

/// True for the addresses of mail systems rather than people.
pub fn is_system_address(a: &str) -> bool {
    let l = a.to_ascii_lowercase();
    let local = l.split('@').next().unwrap_or("");
    matches!(
        local,
        "mailer-daemon" | "postmaster" | "mail-daemon" | "maildaemon" | "daemon" | "root"
    ) || local.starts_with("mailer-daemon")
}

/// The SMTP stage named near the address ("in reply to RCPT TO command").
pub fn command_near(text: &str, address: Option<&str>) -> Option<Command> {
    let start = address.and_then(|a| text.find(a)).unwrap_or(0);
    let window = text.get(start..).unwrap_or(text);
    let window = &window[..floor_boundary(window, 2000)];
    COMMAND
        .captures(window)
        .and_then(|c| Command::parse(c.get(1)?.as_str()))
}

fn floor_boundary(s: &str, max: usize) -> usize {
    let mut i = max.min(s.len());
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Named remote hosts in a transcript, in order ("host X said", "while talking to X", ...).
pub fn hosts(text: &str) -> Vec<TriedHost> {
    let mut out: Vec<TriedHost> = Vec::new();
    for c in HOST_SAID.captures_iter(text) {
        let (host, ip) = if let Some(h) = c.get(1) {
            (h.as_str(), c.get(2).map(|m| m.as_str().to_string()))
        } else if let Some(h) = c.get(3) {
            (h.as_str(), c.get(4).map(|m| m.as_str().to_string()))
        } else if let Some(h) = c.get(5).or_else(|| c.get(6)) {
            (h.as_str(), None)
        } else {
            continue;
        };
        let host = host.trim_end_matches('.').to_string();
        if !out.iter().any(|t| t.host.eq_ignore_ascii_case(&host)) {
            out.push(TriedHost {
                host,
                ip: ip.filter(|i| i.contains('.') || i.contains(':')),
            });
        }
    }
    out
}

/// The first reply in the text, with continuation lines joined: `550-5.7.26 a` / `550 5.7.26 b`
/// gives `550-5.7.26 a 550 5.7.26 b` unfolded to one diagnostic.
pub fn first_reply(text: &str) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim();
        if codes::find_reply(t).is_none() && codes::find_status(t).is_none() {
            continue;
        }
        let mut out = t.to_string();
        // Join `NNN-` continuations and indented wraps.
        let mut j = i + 1;
        while j < lines.len() {
            let n = lines[j];
            let nt = n.trim();
            if nt.is_empty() {
                break;
            }
            let cont = (out.len() >= 4 && out.as_bytes()[3] == b'-' && nt.get(..3) == out.get(..3))
                || n.starts_with([' ', '\t']);
            if !cont {
                break;
            }
            out.push(' ');
            out.push_str(nt);
            j += 1;
        }
        return Some(out);
    }
    None
}

/// Free-text extraction: any input, any sender.
pub fn extract(mail: &Mail) -> Option<Extracted> {
    Some(super::text::extract(mail, &super::text::DEFAULT, "generic"))
}
