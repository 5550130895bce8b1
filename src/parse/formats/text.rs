//! The shared engine for human-readable bounce text: cuts the report part off
//! the returned message, splits it into one block per recipient and reads the
//! reply, codes, SMTP stage and remote host of each block.
//!
//! Format modules configure it with their own markers; `generic` uses the
//! defaults. Everything is line-based and linear in the text.

use super::generic;
use super::generic::ADDRESS;
use super::Extracted;
use crate::model::{Action, Recipient};
use crate::parse::codes;
use crate::parse::hops::TriedHost;
use crate::parse::mime::Mail;
use regex::Regex;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// How one sender family lays out its text.
#[derive(Debug, Clone, Copy)]
pub struct Rules {
    /// Lower-case line fragments after which the per-recipient report starts (first found wins).
    pub start: &'static [&'static str],
    /// Lower-case line fragments that begin the returned message (the report ends there).
    pub end: &'static [&'static str],
}

/// Markers most senders put before the returned message.
pub const DEFAULT_END: &[&str] = &[
    "below this line is a copy of the message",
    "----- original message -----",
    "original message follows",
    "below is a copy of the original message",
    "this is a copy of the message",
    "original message headers",
    "------ this is a copy of",
    "----- the header of the original message",
    "the original message headers are",
    "content-type: message/rfc822",
    "content-type: text/rfc822-headers",
    "------- returned message --------",
    "--- original message",
    "----- original message",
    "original message:",
    "----- message header follows -----",
    "undelivered message follows",
    "------ original message",
    "unsent message below",
    "headers of the original message",
    "-----original message-----",
    "reporting-mta:",
    "final-recipient:",
];

/// The default rules: no start marker, the common end markers.
pub const DEFAULT: Rules = Rules {
    start: &[],
    end: DEFAULT_END,
};

/// One recipient's stretch of the report text.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// The recipient address.
    pub address: String,
    /// Byte range of the block in the report region.
    pub start: usize,
    /// End of the block (exclusive).
    pub end: usize,
}

/// Words introducing the remote server's reply on the same or the next lines.
static INTRO: LazyLock<regex_automata::meta::Regex> = LazyLock::new(|| {
    crate::parse::lean::build(
        r"(?i-u)(?:\b(?:said|says|replied|answered|responded|odpowiedział|odpowiedzial)\s*:|refused to talk to(?:\s+me\s*:|\s*$)|server responded\s*:|status=(?:bounced|deferred|expired|undeliverable)\s*\(|remote server returned(?: was)?\s*:?|server returned(?: was)?\s*:|response from the remote server was\s*:|response was\s*:|failed with\s*:|error was\s*:|\bhost\s+[A-Za-z0-9][A-Za-z0-9.-]*\s*\[[0-9A-Fa-f.:]+\]\s*:|diagnostic[- ]code\s*:\s*(?:smtp|x-[a-z-]+)?\s*;?|reason\s*:)",
    )
});

static SMTP_ERROR_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^smtp error from remote (?:mail )?server after [^:<]*(?::?\s*<[^>]*>)?[^:]*:\s*(?:host:?\s+\S+(?:\s*\[[^\]]*\])?:?\s*)?").unwrap()
});

static SENDMAIL_INNER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[245][0-9][0-9] <[^>]*>\.\.\. ([245][0-9][0-9]) ").unwrap());

static IN_REPLY: LazyLock<regex_automata::meta::Regex> = LazyLock::new(|| {
    crate::parse::lean::build(
        r"(?i-u)\(?\s*in reply to\s+(?:end of data|end of message|[a-z]+(?:\s+to|\s+from)?)(?:\s+command)?\s*\)?",
    )
});

/// Header names that start the returned message when no marker does.
const HEADER_START: &[&str] = &[
    "received:",
    "return-path:",
    "x-received:",
    "dkim-signature:",
    "authentication-results:",
    "arc-seal:",
    "x-original-to:",
    "delivered-to:",
];

/// Lower-cased prefixes of lines that carry a header of the returned message, not a recipient.
const NOT_RECIPIENT_LINE: &[&str] = &[
    "from:",
    "reply-to:",
    "sender:",
    "return-path:",
    "errors-to:",
    "mail from",
    "x-",
    "message-id",
    "cc:",
    "by ",
    "for ",
    "envelope-from",
    "(envelope-from",
    "the original message was received",
    "from ",
];

/// Finds the report part of the body: after the first start marker, before the first end marker.
pub fn region<'a>(body: &'a str, rules: &Rules) -> (usize, &'a str) {
    let mut start = 0;
    if !rules.start.is_empty() {
        if let Some(p) = find_line_with(body, 0, rules.start) {
            start = p;
        }
    }
    let mut end = body.len();
    let ends: Vec<&str> = rules.end.iter().chain(DEFAULT_END.iter()).copied().collect();
    if let Some(p) = find_line_with(body, start, &ends) {
        end = p;
    }
    if let Some(p) = header_block_start(body, start, end) {
        end = p;
    }
    (start, body.get(start..end).unwrap_or(""))
}

/// Start of the line that holds one of the lower-case markers, at or after `from`.
pub fn find_line_with(text: &str, from: usize, markers: &[&str]) -> Option<usize> {
    crate::patterns::line_with_any(text, from, markers)
}

/// The start of a header block (two header lines in a row, the first a typical trace header).
fn header_block_start(text: &str, from: usize, to: usize) -> Option<usize> {
    let slice = text.get(from..to)?;
    let mut pos = from;
    let mut lines = slice.split_inclusive('\n').peekable();
    while let Some(line) = lines.next() {
        let l = line.as_bytes();
        if HEADER_START
            .iter()
            .any(|h| l.len() >= h.len() && l[..h.len()].eq_ignore_ascii_case(h.as_bytes()))
        {
            if let Some(n) = lines.peek() {
                let nl = n.trim_end();
                let header_like = nl.starts_with([' ', '\t'])
                    || nl
                        .split_once(':')
                        .is_some_and(|(name, _)| !name.is_empty() && !name.contains(' ') && name.is_ascii());
                if header_like {
                    return Some(pos);
                }
            }
        }
        pos += line.len();
    }
    None
}

/// True when the address stands where a recipient is listed: alone on its line, or after a short label.
fn listed(line_before: &str) -> bool {
    let b = line_before.trim().trim_end_matches(['<', '"', '\'', '(', '[']).trim();
    if b.is_empty() || b.chars().all(|c| matches!(c, '>' | '*' | '-' | '•' | '#' | ':' | ' ')) {
        return true;
    }
    // Sendmail's `554 <user@example>... reason` summary lines.
    if b.len() == 3 && b.bytes().all(|c| c.is_ascii_digit()) {
        return true;
    }
    let l = b.to_ascii_lowercase();
    if NOT_RECIPIENT_LINE.iter().any(|p| l.starts_with(p)) {
        return false;
    }
    (b.ends_with(':') && b.len() <= 60 && !b.contains("said"))
        || l.ends_with("to")
        || l.ends_with("rfc822;")
        || l.ends_with("recipient")
}

/// Recipient blocks of a report region, in order. `exclude` holds addresses that are the sender's.
pub fn blocks(region: &str, exclude: &[String]) -> Vec<Block> {
    let mut found: Vec<(String, usize)> = Vec::new();
    let mut loose: Vec<(String, usize)> = Vec::new();
    let exclude: HashSet<String> = exclude.iter().map(|e| e.to_ascii_lowercase()).collect();
    let (mut seen_found, mut seen_loose) = (HashSet::new(), HashSet::new());
    let (mut scanned, mut line_start) = (0, 0);
    for m in ADDRESS.find_iter(region) {
        let a = m.as_str().trim_matches('.').to_string();
        let key = a.to_ascii_lowercase();
        if exclude.contains(&key) {
            continue;
        }
        // Track the start of the current line incrementally (linear in the region).
        if let Some(i) = region.get(scanned..m.start()).and_then(|t| t.rfind('\n')) {
            line_start = scanned + i + 1;
        }
        scanned = m.start();
        let before = region.get(line_start..m.start()).unwrap_or("");
        // The alias a recipient was expanded from, and the sender echoed in a `MAIL FROM`
        // command, are not recipients of their own.
        let lead = before
            .trim_end()
            .trim_end_matches(['<', '"', '\''])
            .trim_end()
            .to_ascii_lowercase();
        if ["expanded from", "generated from", "mail from:", "mail from"]
            .iter()
            .any(|w| lead.ends_with(w))
        {
            continue;
        }
        // A label is short: an address far into a long line is never "listed" (and this keeps a huge
        // line linear).
        let long_line = before.len() > 160;
        // A system address counts only when listed alone on its line (a report to postmaster@).
        if generic::is_system_address(&a)
            && (a.to_ascii_lowercase().starts_with("mailer-daemon") || long_line || !before.trim().is_empty())
        {
            continue;
        }
        let (target, seen) = if !long_line && listed(before) {
            (&mut found, &mut seen_found)
        } else {
            (&mut loose, &mut seen_loose)
        };
        if seen.insert(key) {
            target.push((a, line_start));
        }
    }
    let mut chosen: Vec<(String, usize)> = if found.is_empty() {
        loose.into_iter().take(1).collect()
    } else {
        found
    };
    // Sendmail writes the dialogue (`While talking to X:`, `>>>`, `<<<`) just before the summary
    // line naming the recipient: that dialogue belongs to the recipient's block.
    let floor = chosen.first().map_or(0, |(_, s)| *s);
    for i in 0..chosen.len() {
        let lower_bound = if i == 0 { 0 } else { chosen[i - 1].1.max(floor) };
        let s = chosen[i].1;
        if is_summary_line(region.get(s..).unwrap_or("")) {
            chosen[i].1 = dialogue_start(region, s, lower_bound);
        }
    }
    let mut out: Vec<Block> = Vec::new();
    for (i, (a, s)) in chosen.iter().enumerate() {
        let next = chosen
            .get(i + 1)
            .map(|(_, n)| *n)
            .filter(|n| *n > *s)
            .unwrap_or(region.len());
        let end = conversation_after_summary(region, *s, next, a).unwrap_or(next);
        out.push(Block {
            address: a.clone(),
            start: *s,
            end,
        });
    }
    out
}

/// Where another host's conversation (`While talking to X:`) starts after the recipient's own
/// sendmail summary line: that dialogue is about the next recipients, not this one.
fn conversation_after_summary(region: &str, start: usize, end: usize, address: &str) -> Option<usize> {
    let block = region.get(start..end)?;
    let mut offset = 0;
    let mut summary_seen = false;
    for line in block.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if summary_seen && trimmed.len() >= 16 && trimmed.as_bytes()[..16].eq_ignore_ascii_case(b"while talking to") {
            return Some(start + offset);
        }
        if is_summary_line(line) && line.to_ascii_lowercase().contains(&address.to_ascii_lowercase()) {
            summary_seen = true;
        }
        offset += line.len();
    }
    None
}

/// A sendmail summary line: `554 <user@example>... reason`.
fn is_summary_line(text: &str) -> bool {
    let line = text.lines().next().unwrap_or("").trim_start();
    line.len() > 5
        && line
            .as_bytes()
            .get(..3)
            .is_some_and(|c| c.iter().all(u8::is_ascii_digit))
        && line.contains("...")
}

/// Walks back from `start` over the SMTP dialogue lines right before it (never before `lower`).
fn dialogue_start(region: &str, start: usize, lower: usize) -> usize {
    let mut pos = start;
    let mut saw_reply = false;
    while pos > lower {
        let prev_end = pos - 1; // the '\n' ending the previous line
        let line_start = region.get(..prev_end).and_then(|t| t.rfind('\n')).map_or(0, |i| i + 1);
        if line_start < lower {
            break;
        }
        let line = region.get(line_start..prev_end).unwrap_or("").trim();
        let l = line.to_ascii_lowercase();
        let dialogue = line.starts_with(">>>")
            || line.starts_with("<<<")
            || l.contains("while talking to")
            || (l.contains(" (smtp)...") && !saw_reply);
        if !dialogue || line.is_empty() {
            break;
        }
        saw_reply |= line.starts_with("<<<");
        pos = line_start;
    }
    pos
}

/// The facts of one block of report text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facts {
    /// The reply text, unfolded.
    pub diagnostic: Option<String>,
    /// The three-digit reply code in it.
    pub reply: Option<String>,
    /// The enhanced status code in it.
    pub status: Option<String>,
    /// The SMTP stage named.
    pub command: Option<crate::model::Command>,
    /// Remote hosts named, in order.
    pub hosts: Vec<TriedHost>,
}

/// Reads the reply, codes, stage and hosts of one block of text. `address` is skipped on its line.
pub fn facts(block: &str, address: Option<&str>) -> Facts {
    let (diagnostic, reply, status) = reply_facts(block, address);
    Facts {
        reply,
        status,
        command: command_in(block),
        hosts: generic::hosts(block),
        diagnostic,
    }
}

/// The reply text of a block, with its reply code and enhanced status code (the [`Facts`] fields
/// of the same names).
fn reply_facts(block: &str, address: Option<&str>) -> (Option<String>, Option<String>, Option<String>) {
    let diagnostic = diagnostic(block, address);
    let (mut reply, status) = diagnostic.as_deref().map(generic::codes_in).unwrap_or_default();
    // Sendmail's summary `554 <user@example>... 550 Host unknown`: the inner code is the remote's.
    if let Some(c) = diagnostic.as_deref().and_then(|d| SENDMAIL_INNER.captures(d)) {
        reply = c.get(1).map(|m| m.as_str().to_string());
    }
    let status = status.or_else(|| codes::find_status(block).map(|f| f.code));
    (diagnostic, reply, status.map(|s| earlier_attempt_status(s, block)))
}

/// An expiry status (X.4.7) only says the queue gave up; in an attempt history written newest first
/// (Exchange's `<time> - Remote Server at … returned '…'` lines) the attempt after it in the text
/// carries the status of what actually failed.
fn earlier_attempt_status(status: String, block: &str) -> String {
    if !status.ends_with(".4.7") {
        return status;
    }
    block
        .find(status.as_str())
        .and_then(|p| block.get(p + status.len()..))
        .and_then(codes::find_status)
        .map(|f| f.code)
        .filter(|s| s[..1] == status[..1] || s.starts_with('4'))
        .filter(|s| !s.ends_with(".4.7"))
        .unwrap_or(status)
}

/// The SMTP stage a block names (the [`Facts`] field `command`).
fn command_in(block: &str) -> Option<crate::model::Command> {
    transcript_command(block).or_else(|| generic::command_near(block, None))
}

/// In a `>>>` / `<<<` transcript, the command sent just before the first refusal.
fn transcript_command(block: &str) -> Option<crate::model::Command> {
    if !block.contains("<<<") {
        return None;
    }
    let lines: Vec<&str> = block.lines().collect();
    let i = lines.iter().position(|l| {
        let t = l.trim_start();
        t.starts_with("<<<") && codes::find_reply(t).is_some_and(|r| !r.code.starts_with('2'))
    })?;
    lines
        .get(..i)?
        .iter()
        .rev()
        .find_map(|l| l.trim_start().strip_prefix(">>>"))
        .and_then(crate::model::Command::parse)
        // With PIPELINING a refused RCPT is answered after `>>> DATA`: that stage is ambiguous.
        .filter(|c| *c != crate::model::Command::Data)
}

/// The reply text in a block: after an intro ("said:", "Remote host said:", ...), a `<<<` transcript
/// line, the first line with a code, or else the words next to the address.
pub fn diagnostic(block: &str, address: Option<&str>) -> Option<String> {
    let lines: Vec<&str> = block.lines().collect();
    // 1. Sendmail transcripts: `<<< 550 ...`, where a re-wrapped paste may have joined the marker
    //    onto the line before (`>>> DATA <<< 550 5.7.1 ...`) and the reply's own lines lost theirs.
    if let Some((i, at)) = lines.iter().enumerate().find_map(|(i, l)| {
        l.match_indices("<<<")
            .map(|(p, _)| p)
            .find(|&p| l[..p].trim().is_empty() || l[..p].ends_with(' '))
            .filter(|&p| codes::find_reply(&l[p..]).is_some())
            .map(|p| (i, p))
    }) {
        let mut out = String::new();
        let mut continued = false;
        for (k, l) in lines.iter().enumerate().skip(i) {
            let t = if k == i { &l[at..] } else { l.trim_start() };
            let marked = t.starts_with("<<<");
            if k > i {
                let ends = t.is_empty() || t.starts_with(">>>") || t.starts_with("...") || t.starts_with("---");
                // A `<<<` line belongs to this reply only after `550-…`; an unmarked line is the
                // paste's re-wrap of it, unless it is a reply or a report line of its own.
                let other = if marked {
                    !continued
                } else {
                    codes::find_reply(t).is_some_and(|r| r.range.start == 0) || starts_section(t)
                };
                if ends || other {
                    break;
                }
            }
            // A `>>>` command joined onto the line ends the reply.
            let t = t.split(">>>").next().unwrap_or(t);
            let body = t.trim_start_matches('<').trim_start();
            if marked {
                continued = body.get(3..4) == Some("-");
            }
            push_words(&mut out, body);
        }
        // Re-wrapped, the MTA's own summary line (`550 5.1.1 <a@example>... User unknown`) can
        // follow the reply on the same line: a second reply with its status starts something else.
        let first = codes::find_reply_status(&out).map(|(_, s)| s.code);
        if let Some(cut) = codes::find_reply_status(out.get(4..).unwrap_or(""))
            .filter(|(_, s)| first.as_ref().is_some_and(|f| *f != s.code))
            .map(|(r, _)| r.range.start + 4)
            .filter(|&p| out[..p].ends_with(' '))
        {
            out.truncate(cut);
        }
        return clean(&out);
    }
    // 2. An intro phrase, the reply after it; a reply carrying a code beats one without.
    let maybe_intro = intro_candidates(block, lines.len());
    let mut first: Option<(String, &str)> = None;
    for (i, l) in lines.iter().enumerate() {
        if !maybe_intro[i] {
            continue;
        }
        // Only where an intro ends matters: a forward search alone finds it.
        let Some(end) = intro_end(l) else { continue };
        let mut rest = l.get(end..).unwrap_or("");
        // "status=bounced (host X said: 550 ...)": the innermost intro is the reply's.
        while let Some(end) = intro_end(rest) {
            rest = rest.get(end..).unwrap_or("");
        }
        let mut out = String::new();
        push_words(&mut out, rest);
        for (j, n) in lines.iter().enumerate().skip(i + 1).take(15) {
            let t = n.trim();
            if t.is_empty() {
                if out.trim().is_empty() {
                    continue;
                }
                break;
            }
            if t.starts_with("---") || t.starts_with("***") || t.starts_with("===") {
                break;
            }
            if !out.is_empty() && ((maybe_intro[j] && INTRO.is_match(t)) || starts_section(t)) {
                break;
            }
            push_words(&mut out, t);
        }
        if let Some(d) = clean(&out).filter(|d| d.len() > 2) {
            if codes::find_reply(&d).is_some() || codes::find_status(&d).is_some() {
                return Some(d);
            }
            first.get_or_insert((d, l.trim()));
        }
    }
    if let Some((f, intro_line)) = first {
        // A code-less intro ("(reason: Insufficient permission)") yields to a reply line with a code.
        // (Unless that line is the intro's own, e.g. a log line quoting its reason.)
        return generic::first_reply(block)
            .and_then(|r| clean(&r))
            .filter(|r| !r.starts_with(intro_line))
            .or(Some(f));
    }
    // 3. The first line with a code, with its continuations.
    if let Some(r) = generic::first_reply(block) {
        let mut r = r.as_str();
        if let Some(a) = address {
            let t = r.trim_start_matches('<');
            if t.len() >= a.len() && t.get(..a.len()).is_some_and(|p| p.eq_ignore_ascii_case(a)) {
                r = t.get(a.len()..).unwrap_or("").trim_start_matches(['>', ':', ' ']);
            }
        }
        return clean(r);
    }
    // 4. The words next to the address, or the lines after it.
    let mut out = String::new();
    let mut seen_addr = address.is_none();
    for l in &lines {
        let t = l.trim();
        if !seen_addr {
            if let Some(a) = address {
                if let Some(p) = find_ci(t, a) {
                    seen_addr = true;
                    let before = t.get(..p).unwrap_or("").trim_end_matches(['<', '"', ' ']);
                    // The address inside a sentence ("pipe to |prog user@example ..."): the whole line
                    // is the message. A short label before it ("Recipient:") is not.
                    if before.len() > 12 && !before.ends_with(':') {
                        push_words(&mut out, t);
                        continue;
                    }
                    let rest = t.get(p + a.len()..).unwrap_or("");
                    let rest = rest.trim_start_matches(['>', ':', '.', ' ', ',', ';', '"', '\'', ']', ')']);
                    // Exchange writes `user@example on <date>`: the date is not the reason.
                    if !(rest.starts_with("on ") && rest.bytes().any(|c| c.is_ascii_digit())) {
                        push_words(&mut out, rest);
                    }
                    continue;
                }
            }
            continue;
        }
        if t.is_empty() {
            if out.is_empty() {
                continue;
            }
            break;
        }
        if t.starts_with("---") || t.starts_with("***") || t.starts_with("===") {
            if out.is_empty() {
                continue;
            }
            break;
        }
        push_words(&mut out, t);
        if out.len() > 300 {
            break;
        }
    }
    clean(&out)
}

/// Where the first [`INTRO`] match in `line` ends (the end [`regex_automata::meta::Regex::find`]
/// gives, without the backward search for its start).
fn intro_end(line: &str) -> Option<usize> {
    INTRO.search_half(&regex_automata::Input::new(line)).map(|h| h.offset())
}

/// Words of which every [`INTRO`] match holds one (ASCII case-insensitively).
const INTRO_WORDS: &[&str] = &[
    "said",
    "says",
    "replied",
    "answered",
    "responded",
    "odpowiedzia",
    "refused to talk to",
    "status=",
    "returned",
    "response",
    "failed with",
    "error was",
    "host",
    "diagnostic",
    "reason",
];

/// The automaton finding [`INTRO_WORDS`], ASCII case-insensitively.
static INTRO_SEARCH: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| crate::parse::lean::words(INTRO_WORDS));

/// For each of the block's `count` lines (as `str::lines` splits them), whether it holds one of
/// [`INTRO_WORDS`]: only those lines can match [`INTRO`], and one pass finds them all.
fn intro_candidates(block: &str, count: usize) -> Vec<bool> {
    let mut out = vec![false; count];
    let (mut counted, mut line) = (0, 0);
    for m in INTRO_SEARCH.find_iter(block) {
        line += block.as_bytes()[counted..m.start()]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        counted = m.start();
        if let Some(c) = out.get_mut(line) {
            *c = true;
        }
    }
    out
}

/// Lines that start a new labelled section of a report rather than continue a reply.
fn starts_section(line: &str) -> bool {
    let l = line.trim_start().to_ascii_lowercase();
    [
        "remote system:",
        "reporting host:",
        "recipient address:",
        "original message",
        "giving up on",
        "status:",
        "action:",
        "final-recipient:",
        "original-recipient:",
        "remote-mta:",
        "last-attempt-date:",
        "this condition occurred",
        "no action is required",
        "i'm not going to try again",
    ]
    .iter()
    .any(|p| l.starts_with(p))
}

fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    hay.to_ascii_lowercase().find(&needle.to_ascii_lowercase())
}

fn push_words(out: &mut String, s: &str) {
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
}

/// Trims a reply: surrounding quotes, the "(in reply to ... command)" tail, mailto links.
pub fn clean(s: &str) -> Option<String> {
    let mut t = s.trim().to_string();
    if let Some(m) = IN_REPLY.find(&t) {
        let tail = t.get(m.end()..).unwrap_or("").trim().to_string();
        t.truncate(m.start());
        if !tail.is_empty() && t.trim().is_empty() {
            t = tail;
        }
    }
    let mut t = t.trim();
    // Exim's "SMTP error from remote mail server after RCPT TO:<...>:" and Postfix's wrapped "me:".
    // (The pattern is anchored at its literal start: only such a text can match.)
    let prefix = "smtp error from remote ";
    let may_match = t
        .as_bytes()
        .get(..prefix.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(prefix.as_bytes()));
    if let Some(m) = may_match.then(|| SMTP_ERROR_PREFIX.find(t)).flatten() {
        t = t.get(m.end()..).unwrap_or("");
    }
    // A reason quoted in parentheses by a log line keeps its closing one: drop it.
    if t.ends_with(')') && t.matches(')').count() > t.matches('(').count() {
        t = t.get(..t.len() - 1).unwrap_or("");
    }
    let t = t
        .trim()
        .trim_start_matches("me:")
        .trim()
        .trim_matches(|c| c == '\'' || c == '"')
        .trim_start_matches([':', ' '])
        .trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// Addresses that belong to the sender: the bounce's `To`, the returned `From` and `Return-Path`.
pub fn sender_addresses(mail: &Mail) -> Vec<String> {
    [
        mail.header("to"),
        mail.returned_header("from"),
        mail.returned_header("return-path"),
        mail.returned_header("sender"),
    ]
    .into_iter()
    .flatten()
    .flat_map(generic::addresses)
    .collect()
}

/// What the text says happened when it gives no code: delayed when it says so, failed otherwise.
pub fn action_in(text: &str) -> Option<Action> {
    let l = text.to_ascii_lowercase();
    let delayed = [
        "has been delayed",
        "delivery delayed",
        "will be retried",
        "will retry",
        "still trying",
        "not yet been delivered",
        "warning message only",
        "delivery is delayed",
        "temporarily deferred",
        "status=deferred",
    ];
    if delayed.iter().any(|k| l.contains(k)) {
        return Some(Action::Delayed);
    }
    // Everything else a bounce reports without a code is a failure.
    Some(Action::Failed)
}

/// Extracts recipients from text alone, configured by `rules`.
pub fn extract(mail: &Mail, rules: &Rules, format: &'static str) -> Extracted {
    let body = &mail.body;
    let (_, region) = region(body, rules);
    let exclude = sender_addresses(mail);
    let bl = blocks(region, &exclude);
    // The whole report's facts are read only when a recipient's block or the lack of blocks needs
    // them; otherwise only the hosts named before the first block are added.
    let whole = std::cell::OnceCell::new();
    let global = || whole.get_or_init(|| facts(region, None));
    let mut x = Extracted {
        format,
        ..Extracted::default()
    };
    let action = action_in(region);
    for b in &bl {
        let text = region.get(b.start..b.end).unwrap_or("");
        let f = facts(text, Some(&b.address));
        let mut r = recipient_from(&f, Some(b.address.clone()));
        if r.reply_code.is_empty() && r.status.is_none() && f.diagnostic.is_none() {
            fill_from(&mut r, global());
        }
        if r.action.is_none() && (action == Some(Action::Delayed) || (r.status.is_none() && r.reply_code.is_empty())) {
            r.action = action;
        }
        add_hosts(&mut x.tried, &f.hosts);
        x.recipients.push(r);
    }
    if bl.is_empty() && global().diagnostic.is_some() {
        let mut r = recipient_from(global(), None);
        // A lone reply's own code says failed or delayed; the wording decides only without one.
        if r.action.is_none() && (action == Some(Action::Delayed) || (r.status.is_none() && r.reply_code.is_empty())) {
            r.action = action;
        }
        x.recipients.push(r);
    }
    match (whole.get(), bl.first()) {
        (Some(g), _) => add_hosts(&mut x.tried, &g.hosts),
        (None, Some(b)) => add_hosts(&mut x.tried, &generic::hosts(region.get(..b.start).unwrap_or(""))),
        (None, None) => {}
    }
    dedup_hosts(&mut x.tried);
    x
}

/// A recipient from the facts of its block.
pub fn recipient_from(f: &Facts, address: Option<String>) -> Recipient {
    Recipient {
        address,
        status: f.status.clone(),
        reply_code: f.reply.clone().unwrap_or_default(),
        diagnostic: f.diagnostic.clone(),
        remote_mta: f.hosts.last().map(|h| h.host.clone()),
        command: f.command,
        ..Recipient::default()
    }
}

/// Fills what a recipient lacks from other facts (e.g. the whole report's).
pub fn fill_from(r: &mut Recipient, f: &Facts) {
    if r.diagnostic.is_none() {
        r.diagnostic = f.diagnostic.clone();
    }
    if r.reply_code.is_empty() {
        r.reply_code = f.reply.clone().unwrap_or_default();
    }
    if r.status.is_none() {
        r.status = f.status.clone();
    }
    if r.command.is_none() {
        r.command = f.command;
    }
    if r.remote_mta.is_none() {
        r.remote_mta = f.hosts.last().map(|h| h.host.clone());
    }
}

/// Adds hosts not yet listed.
/// Adds hosts to the tried list; call [`dedup_hosts`] once at the end.
pub fn add_hosts(tried: &mut Vec<TriedHost>, hosts: &[TriedHost]) {
    tried.extend(hosts.iter().cloned());
}

/// Keeps the first mention of each host (compared case-insensitively), in order; linear.
pub fn dedup_hosts(tried: &mut Vec<TriedHost>) {
    let mut seen = HashSet::new();
    tried.retain(|t| seen.insert(t.host.to_ascii_lowercase()));
}

/// Completes DSN recipients from the human text: a reply code, diagnostic, stage or host the
/// delivery-status part lacks is taken from that recipient's block of text.
pub fn complete(x: &mut Extracted, mail: &Mail, rules: &Rules) {
    let (_, region) = region(&mail.body, rules);
    let bl = blocks(region, &[]);
    let by_address: HashMap<String, &Block> = bl.iter().map(|b| (b.address.to_ascii_lowercase(), b)).collect();
    let single = x.recipients.len() == 1;
    for r in &mut x.recipients {
        let Some(a) = r.address.as_deref() else { continue };
        let (block, address) = match by_address.get(&a.to_ascii_lowercase()) {
            Some(b) => (region.get(b.start..b.end).unwrap_or(""), Some(a)),
            // One recipient whose address the text spells otherwise (an alias, a pipe): the whole text is its.
            None if single => (region, None),
            None => continue,
        };
        // Only what the recipient lacks is read from its text (a DSN's reply with a code is kept);
        // the hosts always are, for the path.
        let weak_diag = r.diagnostic.as_deref().is_none_or(|d| codes::find_reply(d).is_none());
        if weak_diag {
            let (diagnostic, reply, status) = reply_facts(block, address);
            if reply.is_some() {
                r.diagnostic = diagnostic;
                if r.reply_code.is_empty() {
                    r.reply_code = reply.unwrap_or_default();
                }
                r.status = codes::pick_status(r.status.as_deref(), status.as_deref());
            } else if r.diagnostic.is_none() {
                r.diagnostic = diagnostic;
            }
        }
        if let Some(s) = r.status.take() {
            r.status = Some(earlier_attempt_status(s, block));
        }
        if r.command.is_none() {
            r.command = command_in(block);
        }
        let hosts = generic::hosts(block);
        if r.remote_mta.is_none() {
            r.remote_mta = hosts.last().map(|h| h.host.clone());
        }
        add_hosts(&mut x.tried, &hosts);
    }
    dedup_hosts(&mut x.tried);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_transcript_reply_joined_onto_the_command_line_is_read() {
        // Re-wrapped: `>>> DATA <<< 550 …`, the reply's lines unmarked, the MTA's own summary
        // joined after it, then the reply to the next command.
        let block = "... while talking to mx.example.com.:\n>>> DATA <<< 550 5.7.1 Access denied,\nbanned sending IP [192.0.2.9]. 550 5.1.1\n<ola@example.com>... User unknown\n<<< 503 5.5.2 Need rcpt command\n";
        assert_eq!(
            diagnostic(block, None).as_deref(),
            Some("550 5.7.1 Access denied, banned sending IP [192.0.2.9].")
        );
        // The strict layout: a multi-line reply, then another reply of its own.
        let block = ">>> RCPT To:<a@example.com>\n<<< 550-5.7.1 first line\n<<< 550 5.7.1 second line\n550 5.1.1 <a@example.com>... User unknown\n";
        assert_eq!(
            diagnostic(block, None).as_deref(),
            Some("550-5.7.1 first line 550 5.7.1 second line")
        );
    }

    #[test]
    fn an_expiry_yields_to_the_earlier_attempt_s_status() {
        let block = "a@example.com\n1/12/2026 8:05 PM - Remote Server at mx.example.com returned '550 4.4.7 QUEUE.Expired; message expired'\n1/12/2026 7:58 PM - Remote Server at mx.example.com returned '441 4.4.1 Failed to connect'\n";
        assert_eq!(earlier_attempt_status("4.4.7".into(), block), "4.4.1");
        assert_eq!(earlier_attempt_status("5.1.1".into(), block), "5.1.1");
    }

    #[test]
    fn intro_end_is_where_the_whole_match_ends() {
        for l in [
            "host mx.example.com[192.0.2.1] said: 550 5.1.1 no",
            "status=bounced (host mx.example.net[192.0.2.9] said: 552 full (in reply to RCPT TO command))",
            "Remote Server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound'",
            "Diagnostic-Code: smtp; 550 no such user",
            "The response from the remote server was: 421 try later",
            "   Reason: mailbox unavailable",
            "nothing to see here",
            "",
        ] {
            assert_eq!(intro_end(l), INTRO.find(l).map(|m| m.end()), "{l}");
        }
    }

    #[test]
    fn splits_recipients_and_reads_replies() {
        let t = "The mail system\n\n<a@example.com>: host mx.example.com[192.0.2.1] said: 550 5.1.1 <a@example.com>:\n    Recipient address rejected: User unknown (in reply to RCPT TO command)\n\n<b@example.org>: host mx.example.org[192.0.2.2] said: 452 4.2.2 Mailbox full (in\n    reply to RCPT TO command)\n";
        let bl = blocks(t, &[]);
        assert_eq!(bl.len(), 2);
        let f = facts(&t[bl[0].start..bl[0].end], Some("a@example.com"));
        assert_eq!(f.reply.as_deref(), Some("550"));
        assert_eq!(f.status.as_deref(), Some("5.1.1"));
        assert_eq!(
            f.diagnostic.as_deref(),
            Some("550 5.1.1 <a@example.com>: Recipient address rejected: User unknown")
        );
        assert_eq!(f.command, Some(crate::model::Command::Rcpt));
        let g = facts(&t[bl[1].start..bl[1].end], Some("b@example.org"));
        assert_eq!(g.status.as_deref(), Some("4.2.2"));
        assert_eq!(g.hosts[0].host, "mx.example.org");
    }

    #[test]
    fn region_stops_at_returned_headers() {
        let t = "Unknown user: a@example.com\nOriginal message follows.\n\nFrom: b@example.org\n";
        let (_, r) = region(t, &DEFAULT);
        assert_eq!(r, "Unknown user: a@example.com\n");
    }
}
