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

/// An e-mail address (ASCII local part and domain); shared with `text`.
pub(crate) static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    // The local part may hold any letter (RFC 6531); the domain is ASCII (or its A-labels).
    // (Any character but spaces and the few ASCII marks an address cannot hold: a small class, where
    // a Unicode `\w` would cost a large automaton to build in every process.)
    Regex::new(r#"[^\x00-\x20\x7f<>()\[\]\\,;:@"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+"#)
        .unwrap()
});

static HOST_SAID: LazyLock<regex_automata::meta::Regex> = LazyLock::new(|| {
    const NAME: &str = r"[A-Za-z0-9][A-Za-z0-9.-]*\.[A-Za-z0-9-]*[A-Za-z0-9]";
    const IP: &str = r"[0-9A-Fa-f.:]+";
    let alternatives = [
        // Postfix, Exim, generic: "host mx.example.com[192.0.2.1] said:", Exim's lone "host X [ip]" line.
        format!(
            r"(?:host|server)\s+(?P<h1>{NAME})\.?\s*(?:\[(?P<i1>{IP})\])?\s*(?:said|says|replied|refused to talk to|:|$)"
        ),
        // Sendmail.
        format!(r"while talking to\s+(?P<h2>{NAME})\.?(?:\s*\[(?P<i2>{IP})\])?"),
        // Exchange.
        format!(r"Generating server:\s*(?P<h3>{NAME})"),
        // DSN fields and Messaging Server.
        format!(r"Remote[- ](?:MTA|system):\s*(?:dns;\s*)?(?P<h4>{NAME})"),
        // Courier: "mx.example.com [192.0.2.1]:" alone on its line.
        format!(r"^\s*(?P<h5>{NAME})\s*\[(?P<i5>{IP})\]:\s*$"),
        // qmail: "192.0.2.1 does not like recipient."
        r"^\s*(?P<i6>[0-9]{1,3}(?:\.[0-9]{1,3}){3}) does not like".to_string(),
        // Postfix connection failures: "connect to mx.example.com[192.0.2.1]:25".
        format!(r"connect to (?P<h7>{NAME})\[(?P<i7>{IP})\]"),
    ];
    // ASCII-only case folding and `\s`: the words are English, and a smaller automaton is cheaper
    // to build and to run.
    crate::parse::lean::build(&format!("(?im-u){}", alternatives.join("|")))
});

static COMMAND: LazyLock<regex_automata::meta::Regex> = LazyLock::new(|| {
    crate::parse::lean::build(
        r"(?i-u)(?:in reply to|after|while sending|during|-SMTP command:?)\s+(?:the\s+)?(RCPT TO|MAIL FROM|DATA|end of data|initial connection|end of message|EHLO|HELO|STARTTLS|AUTH|BDAT|RCPT|MAIL)",
    )
});

/// A remote server's reply quoted inside another MTA's own: `554 4.4.7 Message expired ...<421 4.4.2
/// Connection timed out>`.
static QUOTED_REPLY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u)<([245][0-9]{2})[ -]([245]\.[0-9]{1,3}\.[0-9]{1,3})\s").unwrap());

/// The reply code and enhanced status code of one reply text. When the text quotes the remote
/// server's own reply in angle brackets, that reply's code is the one the remote server sent.
pub fn codes_in(reply: &str) -> (Option<String>, Option<String>) {
    if let Some((r, s)) = codes::find_reply_status(reply) {
        let remote = QUOTED_REPLY
            .captures(reply)
            .and_then(|c| c.get(1))
            .filter(|m| m.start() > 0)
            .map(|m| m.as_str().to_string());
        return (remote.or(Some(r.code)), Some(last_attempt_status(s.code, reply)));
    }
    let r = codes::find_reply(reply).map(|f| f.code);
    let s = codes::find_status(reply).map(|f| f.code);
    (r, s)
}

/// An expiry status (X.4.7, RFC 3463: the sender's queue gave up) says only that time ran out; when
/// the give-up quotes the remote server's last reply (`<421 4.4.2 Connection timed out>`), that
/// reply's status names what failed, as the reason vocabulary records it.
pub fn last_attempt_status(status: String, reply: &str) -> String {
    if !status.ends_with(".4.7") {
        return status;
    }
    QUOTED_REPLY
        .captures(reply)
        .filter(|c| c.get(0).is_some_and(|m| m.start() > 0))
        .and_then(|c| c.get(2))
        .map_or(status, |m| m.as_str().to_string())
}

/// Every e-mail address in the text, in order, without duplicates (compared case-insensitively).
pub fn addresses(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for m in ADDRESS.find_iter(text) {
        let a = m.as_str().trim_matches('.').to_string();
        if seen.insert(a.to_ascii_lowercase()) {
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
    command_near_from(text, address, &mut 0)
}

/// Like [`command_near`] for recipients taken in message order: the address is looked for from
/// `cursor` on (then, in small texts only, from the start), and `cursor` moves past it, so
/// a report with many recipients is read in one pass.
pub fn command_near_from(text: &str, address: Option<&str>, cursor: &mut usize) -> Option<Command> {
    let found = address.and_then(|a| {
        let from = (*cursor).min(text.len());
        text.get(from..).and_then(|t| t.find(a)).map(|p| from + p).or_else(|| {
            if text.len() <= 64 * 1024 {
                text.find(a)
            } else {
                None
            }
        })
    });
    if let Some(p) = found {
        *cursor = p;
    }
    let start = found.unwrap_or(0);
    let window = text.get(start..).unwrap_or(text);
    let window = &window[..floor_boundary(window, 2000)];
    crate::parse::lean::first_group(&COMMAND, window, 1).and_then(Command::parse)
}

fn floor_boundary(s: &str, max: usize) -> usize {
    let mut i = max.min(s.len());
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Words of which every [`HOST_SAID`] alternative holds one (ASCII case-insensitively).
static HOST_WORDS: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    crate::parse::lean::words(&[
        "host",
        "server",
        "talking to",
        "remote",
        "connect to",
        "does not like",
        "]:",
    ])
});

/// Named remote hosts in a transcript, in order ("host X said", "while talking to X", ...).
///
/// Only lines holding one of [`HOST_WORDS`] can start a match: the pattern runs on each such line
/// together with the next one (a name wrapped onto it), not over the whole text.
pub fn hosts(text: &str) -> Vec<TriedHost> {
    let mut out: Vec<TriedHost> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut done = 0;
    for w in HOST_WORDS.find_iter(text) {
        if w.start() < done {
            continue;
        }
        let start = text[..w.start()].rfind('\n').map_or(0, |i| i + 1);
        let end = text[w.start()..].find('\n').map_or(text.len(), |i| w.start() + i);
        let next_end = text
            .get(end + 1..)
            .and_then(|t| t.find('\n'))
            .map_or(text.len(), |i| end + 1 + i);
        let window = &text[start..next_end];
        for c in HOST_SAID.captures_iter(window) {
            if c.get_match().is_none_or(|m| m.start() > end - start) {
                break;
            }
            let named = |n: &str| c.get_group_by_name(n).and_then(|s| window.get(s.range()));
            let host = ["h1", "h2", "h3", "h4", "h5", "h7", "i6"].iter().find_map(|n| named(n));
            let ip = ["i1", "i2", "i5", "i7", "i6"].iter().find_map(|n| named(n));
            let Some(host) = host else { continue };
            let ip = ip.map(str::to_string);
            let host = host.trim_end_matches('.').to_string();
            if seen.insert(host.to_ascii_lowercase()) {
                out.push(TriedHost {
                    host,
                    ip: ip.filter(|i| i.contains('.') || i.contains(':')),
                });
            }
        }
        done = end + 1;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quoted_remote_reply_gives_the_reply_code() {
        let d = "554 4.4.7 Message expired: unable to deliver in 840 minutes.<421 4.4.2 Connection timed out>";
        assert_eq!(codes_in(d), (Some("421".into()), Some("4.4.2".into())));
        let d = "550 5.1.1 <user@example.com>: Recipient address rejected: User unknown";
        assert_eq!(codes_in(d), (Some("550".into()), Some("5.1.1".into())));
    }
}
