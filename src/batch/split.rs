//! One text holding several reports one after another (pasted back to back, or saved to one
//! file without mbox `From ` lines) split into its reports, for the CLI and the web app's engine.
//!
//! A bounce carries the message it returns (its headers: `From:`, `Received:`, `Subject:`…)
//! and is often forwarded or quoted, so a text is split only on strong evidence, and left whole
//! otherwise:
//!
//! - a new top-level header block (a blank line, then at least three header fields, the first
//!   one a field that starts messages, two of them such fields, then a blank line) after a part
//!   that already holds delivery evidence, outside the previous message's MIME parts (after its
//!   closing boundary), not quoted and not right after a line that introduces an included
//!   message (`----- Original message -----`, `Begin forwarded message:`, `copy of the
//!   message`…), and itself holding delivery evidence before any further header block;
//! - or, in a text that is not a MIME message, a repeated notice introduction of a mail server
//!   or client (`This is the mail system at host`, `Delivery has failed to these recipients or
//!   groups:`…) when the text before it and the text from it on each hold delivery evidence of
//!   their own (not the same lines again: a notice written in two languages stays one) and no
//!   included message was introduced since the last split (a bounce returned inside a bounce,
//!   or forwarded below a separator line and `From:`, stays one).
//!
//! Delivery evidence is a line holding a reply code followed by an enhanced status code
//! (`550 5.1.1`, `550-5.7.1`, `550 #5.1.1`) or a DSN `Status: 4.x.x` / `5.x.x` field.

use std::ops::Range;

/// The fields a message's header block usually starts with.
const FIRST_FIELDS: &[&str] = &[
    "return-path",
    "received",
    "delivered-to",
    "x-original-to",
    "envelope-to",
    "from",
    "to",
    "date",
    "subject",
    "message-id",
    "mime-version",
    "dkim-signature",
    "arc-seal",
    "authentication-results",
    "x-received",
    "reply-to",
    "sender",
];

/// The first lines of the notices mail servers and clients write (lower case; a line starts
/// with one, after its indentation). A second `Some` phrase must also be on the line.
const INTROS: &[(&str, Option<&str>)] = &[
    ("this is the mail system at host", None),
    ("this message was created automatically by mail delivery software", None),
    ("hi. this is the qmail-send program", None),
    ("this is the qmail-send program", None),
    ("delivery has failed to these recipients or groups", None),
    ("your message to ", Some("delivered")),
    ("your message wasn't delivered to", None),
    ("your message was not delivered to", None),
    ("the original message was received at", None),
    ("this is an automatically generated delivery status notification", None),
    ("delivery to the following recipient failed", None),
    ("delivery to the following recipients failed", None),
    (
        "sorry, we were unable to deliver your message to the following address",
        None,
    ),
    (
        "your message did not reach some or all of the intended recipients",
        None,
    ),
];

/// The header fields a mail client shows above a message it displays, forwards or quotes.
const SHOWN: &[&str] = &["from", "sent", "to", "cc", "date", "subject"];

/// The first words of a greeting (`Hello Arie.`, `Dear team,`).
const GREETINGS: &[&[u8]] = &[b"hello", b"hi", b"hey", b"dear", b"witam"];

/// Closings on a line of their own.
const CLOSINGS: &[&str] = &[
    "regards",
    "best regards",
    "kind regards",
    "thanks",
    "thank you",
    "cheers",
    "sincerely",
    "pozdrawiam",
    "dziękuję",
];

/// Phrases of a line that introduces an included message (the returned original, a forward).
const INCLUDED: &[&str] = &[
    "original message",
    "forwarded message",
    "copy of the message",
    "copy of your message",
    "message follows",
    "returned message",
    "undelivered message",
    "below this line",
];

/// Phrases of a line that introduces the returned message's header fields only (Exchange's
/// `Original message headers:`): what follows its header block is not inside it.
const HEADERS_ONLY: &[&str] = &[
    "message headers",
    "original headers",
    "header of the original",
    "headers of the original",
];

/// The byte ranges of the reports `raw` holds, in order: one range, the whole of it, unless
/// there is strong evidence of several (see the module's documentation). The ranges cover
/// `raw` without a gap. Never panics; linear in the input.
pub fn split_reports(raw: &[u8]) -> Vec<Range<usize>> {
    #[allow(clippy::single_range_in_vec_init)] // one part: the whole input
    let whole = vec![0..raw.len()];
    if raw.len() > crate::input::MAX_INPUT_BYTES || crate::parse::msg::is_cfb(raw) {
        return whole;
    }
    let t = Text::new(raw);
    let mut starts = vec![0usize];
    // Rule 1: top-level header blocks. The first message starts at the first line that is not
    // blank, after an mbox `From ` line.
    let blocks = t.header_blocks();
    let mut cur = t.message_start(0);
    let mut region_end = t.mime_end(cur);
    for (k, &c) in blocks.iter().enumerate() {
        if c <= cur || c < region_end {
            continue;
        }
        let next = blocks.get(k + 1).copied().unwrap_or(t.lines.len());
        if !t.after_introduction(c, region_end) || !t.evidence(cur, c) || !t.evidence(c, next) {
            continue;
        }
        starts.push(c);
        cur = c;
        region_end = t.mime_end(cur);
    }
    // Rule 2: repeated notice introductions, within each part that is not a MIME message.
    let mut all = Vec::new();
    for (i, &s) in starts.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(t.lines.len());
        all.push(s);
        if t.boundary(t.message_start(s)).is_some() {
            continue;
        }
        let mut cur = s;
        let mut included = false;
        for l in s..end {
            if l > s && t.is_intro(l) && !included {
                let at = t.title_before(l, cur);
                let next = (l + 1..end).find(|&i| t.is_intro(i)).unwrap_or(end);
                if at > cur
                    && t.evidence(cur, at)
                    && t.evidence(l, end)
                    && !t.repeats(cur, at, l, next)
                    && !t.personal_note(cur, at)
                {
                    all.push(at);
                    cur = at;
                    continue;
                }
            }
            if (t.introduces(l, INCLUDED) && !t.introduces(l, HEADERS_ONLY)) || t.forward_separator(l) {
                included = true;
            }
        }
    }
    if all.len() == 1 {
        return whole;
    }
    let mut out = Vec::with_capacity(all.len());
    for (i, &l) in all.iter().enumerate() {
        let start = t.lines[l].start;
        let end = all.get(i + 1).map_or(raw.len(), |&n| t.lines[n].start);
        out.push(start..end);
    }
    out
}

/// One line: where it starts and where its content ends (before the line break).
#[derive(Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
}

/// The input cut into lines (at LF, CRLF or a lone CR), with the lines that hold delivery
/// evidence.
struct Text<'a> {
    raw: &'a [u8],
    lines: Vec<Line>,
    /// Indices of the lines with delivery evidence, in order.
    evidence: Vec<usize>,
}

impl<'a> Text<'a> {
    fn new(raw: &'a [u8]) -> Text<'a> {
        let mut lines = Vec::new();
        let mut start = 0;
        for i in memchr::memchr2_iter(b'\n', b'\r', raw) {
            if i < start {
                // The LF of a CRLF, already taken.
                continue;
            }
            lines.push(Line { start, end: i });
            start = if raw[i] == b'\r' && raw.get(i + 1) == Some(&b'\n') {
                i + 2
            } else {
                i + 1
            };
        }
        if start < raw.len() {
            lines.push(Line { start, end: raw.len() });
        }
        let mut t = Text {
            raw,
            lines,
            evidence: Vec::new(),
        };
        t.evidence = (0..t.lines.len())
            .filter(|&l| has_evidence(t.line(l)) || wrapped_evidence(t.line(l), t.line(l + 1)))
            .collect();
        t
    }

    fn line(&self, l: usize) -> &'a [u8] {
        self.lines.get(l).map_or(&[], |x| &self.raw[x.start..x.end])
    }

    fn blank(&self, l: usize) -> bool {
        self.line(l).iter().all(|b| b.is_ascii_whitespace())
    }

    /// True when a line in `from..to` holds delivery evidence.
    fn evidence(&self, from: usize, to: usize) -> bool {
        let i = self.evidence.partition_point(|&l| l < from);
        self.evidence.get(i).is_some_and(|&l| l < to)
    }

    /// The header field name of line `l` (lower case), when it is a field's first line.
    fn field(&self, l: usize) -> Option<String> {
        let line = self.line(l);
        let colon = line.iter().position(|&b| b == b':')?;
        let name = &line[..colon];
        let ok = !name.is_empty()
            && name
                .iter()
                .all(|&b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        ok.then(|| String::from_utf8_lossy(name).to_ascii_lowercase())
    }

    /// The header block starting at line `l`, if one does: `(fields, first-fields, end)`, `end`
    /// being the blank line that ends it.
    fn header_block(&self, l: usize) -> Option<(usize, usize, usize)> {
        let first = self.field(l)?;
        if !FIRST_FIELDS.contains(&first.as_str()) {
            return None;
        }
        let (mut fields, mut firsts) = (0, 0);
        let mut i = l;
        while i < self.lines.len() {
            if self.blank(i) {
                return Some((fields, firsts, i));
            }
            let line = self.line(i);
            if i > l && matches!(line.first(), Some(b' ' | b'\t')) {
                i += 1;
                continue;
            }
            let name = self.field(i)?;
            fields += 1;
            if FIRST_FIELDS.contains(&name.as_str()) {
                firsts += 1;
            }
            i += 1;
        }
        None
    }

    /// Where the message starting at line `l` has its first line: after blank lines and an
    /// mbox `From ` line.
    fn message_start(&self, l: usize) -> usize {
        let mut l = l;
        while l < self.lines.len() && self.blank(l) {
            l += 1;
        }
        if self.line(l).starts_with(b"From ") {
            l += 1;
        }
        l
    }

    /// The lines where a message's header block starts: the text's first line when it is one,
    /// and every block after a blank line with at least three fields, two of them fields that
    /// start messages, followed by more text. Quoted lines (`>`) start none.
    fn header_blocks(&self) -> Vec<usize> {
        let mut out = Vec::new();
        let first = self.message_start(0);
        let mut l = first;
        while l < self.lines.len() {
            // After a blank line, or right after a closing MIME boundary (`--b--`).
            let after_blank = l == first || self.blank(l - 1) || {
                let p = self.line(l - 1).trim_ascii_end();
                p.len() > 4 && p.starts_with(b"--") && p.ends_with(b"--")
            };
            if after_blank && !self.blank(l) {
                if let Some((fields, firsts, end)) = self.header_block(l) {
                    if (l == first || (fields >= 3 && firsts >= 2)) && end + 1 < self.lines.len() {
                        out.push(l);
                        l = end + 1;
                        continue;
                    }
                }
            }
            l += 1;
        }
        out
    }

    /// The MIME boundary of the multipart message whose header block starts at line `l`.
    fn boundary(&self, l: usize) -> Option<Vec<u8>> {
        self.field(l)?;
        let end = (l..self.lines.len()).find(|&i| self.blank(i))?;
        let mut in_type = false;
        for i in l..end {
            let line = self.line(i);
            if !matches!(line.first(), Some(b' ' | b'\t')) {
                in_type = self.field(i).as_deref() == Some("content-type");
            }
            if !in_type {
                continue;
            }
            let lower = line.to_ascii_lowercase();
            let Some(at) = find(&lower, b"boundary=") else {
                continue;
            };
            let v = &line[at + 9..];
            let v = match v.first() {
                Some(b'"') => v[1..].split(|&b| b == b'"').next().unwrap_or(&[]),
                _ => v.split(|&b| b == b';' || b.is_ascii_whitespace()).next().unwrap_or(&[]),
            };
            return (!v.is_empty()).then(|| v.to_vec());
        }
        None
    }

    /// The first line after the MIME parts of the message starting at line `l` (its closing
    /// boundary line), or `l` when it is not a multipart message; the text's end when the
    /// closing boundary is missing (everything after is inside the message).
    fn mime_end(&self, l: usize) -> usize {
        let Some(b) = self.boundary(l) else {
            return l;
        };
        let mut close = b"--".to_vec();
        close.extend_from_slice(&b);
        close.extend_from_slice(b"--");
        (l..self.lines.len())
            .find(|&i| self.line(i).trim_ascii_end() == close.as_slice())
            .map_or(self.lines.len(), |i| i + 1)
    }

    /// True unless the last line before `l` that is not blank introduces an included message
    /// (it ends with `:`, is a separator line, or names an original or forwarded message), or
    /// is quoted; the previous message's closing boundary (the line before `region_end`) is fine.
    fn after_introduction(&self, l: usize, region_end: usize) -> bool {
        let Some(p) = (0..l).rev().find(|&i| !self.blank(i)) else {
            return true;
        };
        if region_end > 0 && p + 1 == region_end {
            return true;
        }
        let line = self.line(p).trim_ascii();
        !(line.ends_with(b":") || line.starts_with(b">") || is_separator(line) || self.introduces_included(p))
    }

    /// True when line `l` introduces an included message, or the header fields of one.
    fn introduces_included(&self, l: usize) -> bool {
        self.introduces(l, INCLUDED) || self.introduces(l, HEADERS_ONLY)
    }

    /// True when line `l` introduces something (it ends with `:`, starts with a separator or
    /// says a message follows) and holds one of `phrases`.
    fn introduces(&self, l: usize, phrases: &[&str]) -> bool {
        let line = self.line(l).trim_ascii();
        if line.len() > 200 {
            return false;
        }
        let lower = line.to_ascii_lowercase();
        let marked = line.ends_with(b":")
            || line.iter().take_while(|b| b"-_=*".contains(b)).count() >= 2
            || find(&lower, b"message follows").is_some();
        marked && phrases.iter().any(|p| find(&lower, p.as_bytes()).is_some())
    }

    /// True when a person's words (a greeting or a closing on a line of its own) stand between
    /// the last delivery evidence in `from..to` and `to`: the notice after them is inside a
    /// message someone wrote (a bounce they forwarded, returned with their message), not pasted.
    fn personal_note(&self, from: usize, to: usize) -> bool {
        let i = self.evidence.partition_point(|&l| l < to);
        let after = self.evidence[..i].last().map_or(from, |&l| l + 1).max(from);
        (after..to).any(|l| {
            let line = self.line(l).trim_ascii();
            if line.len() > 60 {
                return false;
            }
            let lower = line.to_ascii_lowercase();
            let word = lower.split(|b| !b.is_ascii_alphabetic()).next().unwrap_or(&[]);
            let mut rest = &lower[..];
            while let [head @ .., b',' | b'.' | b'!'] = rest {
                rest = head;
            }
            GREETINGS.contains(&word) || CLOSINGS.iter().any(|c| rest == c.as_bytes())
        })
    }

    /// True when every evidence line in `from..to` is also in `before..at`: the same notice
    /// again (a server writing it in two languages, with the same reply), not another report.
    /// (At most the last 16 evidence lines before `at` and the first 16 from `from` are
    /// compared, so a text of thousands of notices costs linear time.)
    fn repeats(&self, before: usize, at: usize, from: usize, to: usize) -> bool {
        const MAX: usize = 16;
        let lines = |a: usize, b: usize| -> &[usize] {
            let i = self.evidence.partition_point(|&l| l < a);
            let j = self.evidence.partition_point(|&l| l < b).max(i);
            &self.evidence[i..j]
        };
        let earlier = lines(before, at);
        let earlier: Vec<&[u8]> = earlier[earlier.len().saturating_sub(MAX)..]
            .iter()
            .map(|&l| self.line(l).trim_ascii())
            .collect();
        lines(from, to)
            .iter()
            .take(MAX)
            .all(|&l| earlier.contains(&self.line(l).trim_ascii()))
    }

    /// True when line `l` is a separator line followed by the header lines a mail client puts
    /// above a forwarded or quoted message (Outlook's line of underscores, then `From:`).
    fn forward_separator(&self, l: usize) -> bool {
        if !is_separator(self.line(l).trim_ascii()) {
            return false;
        }
        let next = (l + 1..self.lines.len()).find(|&i| !self.blank(i));
        next.and_then(|n| self.field(n))
            .is_some_and(|f| SHOWN.contains(&f.as_str()))
    }

    /// True when line `l` starts a server's or client's notice.
    fn is_intro(&self, l: usize) -> bool {
        let line = self.line(l).trim_ascii_start();
        if line.len() > 300 {
            return false;
        }
        let lower = line.to_ascii_lowercase();
        INTROS.iter().any(|(p, also)| {
            lower.starts_with(p.as_bytes()) && also.is_none_or(|a| find(&lower, a.as_bytes()).is_some())
        })
    }

    /// Where the notice introduced at line `l` starts: `l`, or the paragraph just before it
    /// (after `cur`) when that is its title (one short line) or the header lines a mail client
    /// shows above a message (`From:`, `Sent:`, `To:`, `Subject:`…), without evidence.
    fn title_before(&self, l: usize, cur: usize) -> usize {
        let mut p = l;
        while p > cur && self.blank(p - 1) {
            p -= 1;
        }
        let mut s = p;
        while s > cur && !self.blank(s - 1) {
            s -= 1;
        }
        if s == p || s == cur || p - s > 8 || self.evidence(s, p) {
            return l;
        }
        let headers = (s..p).all(|i| self.field(i).is_some_and(|f| SHOWN.contains(&f.as_str())));
        let title = p - s == 1 && {
            let line = self.line(s).trim_ascii();
            line.len() <= 60 && !line.contains(&b':') && !line.contains(&b'@')
        };
        if headers || title {
            s
        } else {
            l
        }
    }
}

/// A line of only `-`, `_`, `=`, `*` or `~` (and spaces), at least three of them.
fn is_separator(line: &[u8]) -> bool {
    line.iter().filter(|b| !b.is_ascii_whitespace()).count() >= 3 && line.iter().all(|b| b" \t-_=*~".contains(b))
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

/// True when the line holds a reply code followed by an enhanced status code (`550 5.1.1`,
/// `451-4.7.1`, `550 #5.1.1`), or is a DSN `Status:` field with a 4.x.x or 5.x.x code.
fn has_evidence(line: &[u8]) -> bool {
    let t = line.trim_ascii_start();
    if t.len() > 7 && t[..7].eq_ignore_ascii_case(b"status:") {
        let v = t[7..].trim_ascii_start();
        if matches!(v.first(), Some(b'4' | b'5')) && status_len(v) > 0 {
            return true;
        }
    }
    for i in memchr::memchr2_iter(b'4', b'5', line) {
        if i + 3 >= line.len() {
            break;
        }
        let at_token = i == 0 || !line[i - 1].is_ascii_alphanumeric() && line[i - 1] != b'.';
        if at_token
            && matches!(line[i], b'4' | b'5')
            && line[i + 1].is_ascii_digit()
            && line[i + 2].is_ascii_digit()
            && matches!(line[i + 3], b' ' | b'-')
        {
            let mut rest = &line[i + 4..];
            if rest.first() == Some(&b'#') {
                rest = &rest[1..];
            }
            if rest.first() == Some(&line[i]) && status_len(rest) > 0 {
                return true;
            }
        }
    }
    false
}

/// True when `line` ends with a reply code and `next` starts with an enhanced status code of
/// the same class (a reply wrapped between the two: `said: 550` / `    5.1.1 <a@b>: …`).
fn wrapped_evidence(line: &[u8], next: &[u8]) -> bool {
    let line = line.trim_ascii_end();
    let n = line.len();
    if n < 3 || !matches!(line[n - 3], b'4' | b'5') || !line[n - 2..].iter().all(u8::is_ascii_digit) {
        return false;
    }
    if n > 3 && (line[n - 4].is_ascii_alphanumeric() || line[n - 4] == b'.') {
        return false;
    }
    let next = next.trim_ascii_start();
    let next = next.strip_prefix(b"#").unwrap_or(next);
    next.first() == Some(&line[n - 3]) && status_len(next) > 0
}

/// The length of the enhanced status code (`d.ddd.ddd`) `s` starts with, 0 when none.
fn status_len(s: &[u8]) -> usize {
    let digits = |s: &[u8], max: usize| {
        let n = s.iter().take_while(|b| b.is_ascii_digit()).count();
        (1..=max).contains(&n).then_some(n)
    };
    let Some(a) = digits(s, 1) else { return 0 };
    if s.get(a) != Some(&b'.') {
        return 0;
    }
    let Some(b) = digits(&s[a + 1..], 3) else { return 0 };
    let at = a + 1 + b;
    if s.get(at) != Some(&b'.') {
        return 0;
    }
    let Some(c) = digits(&s[at + 1..], 3) else { return 0 };
    let end = at + 1 + c;
    if s.get(end)
        .is_some_and(|b| b.is_ascii_digit() || *b == b'.' && s.get(end + 1).is_some_and(u8::is_ascii_digit))
    {
        return 0;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(text: &str) -> Vec<&str> {
        split_reports(text.as_bytes()).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn evidence_is_a_reply_code_with_an_enhanced_status_or_a_dsn_status() {
        assert!(has_evidence(b"said: 550 5.1.1 <a@b>: User unknown"));
        assert!(has_evidence(b"550-5.7.1 blocked"));
        assert!(has_evidence(b"Remote Server returned '550 #5.1.1 not found'"));
        assert!(has_evidence(b"Status: 4.4.1"));
        assert!(!has_evidence(b"Status: 2.0.0"));
        assert!(!has_evidence(b"We have 450 people and version 4.2.1"));
        assert!(!has_evidence(b"550 User unknown"));
        assert!(!has_evidence(b"1550 5.1.1"));
        assert!(!has_evidence(b"550 5.1.1.4"));
        assert!(wrapped_evidence(
            b"host mx[192.0.2.1] said: 550",
            b"    5.1.1 <a@b>: unknown"
        ));
        assert!(!wrapped_evidence(b"version 2.550", b"5.1.1"));
        assert!(!wrapped_evidence(b"said: 550", b"4.2.2 full"));
    }

    const PLAIN_A: &str = "This is the mail system at host mx.a.example.\n\nI'm sorry to have to inform you that your message could not be delivered.\n\n<ala@b.example>: host mx.b.example[192.0.2.1] said: 550 5.1.1 User unknown\n";
    const PLAIN_B: &str = "This is the mail system at host mx.a.example.\n\n<ola@c.example>: host mx.c.example[192.0.2.2] said: 452 4.2.2 Mailbox full\n";

    #[test]
    fn repeated_notices_each_with_their_evidence_are_split() {
        let text = format!("{PLAIN_A}\n{PLAIN_B}");
        assert_eq!(parts(&text), [format!("{PLAIN_A}\n").as_str(), PLAIN_B]);
        // A title line above the second notice goes with it.
        let text = format!("{PLAIN_A}\nAddress not found\n\n{PLAIN_B}");
        assert_eq!(parts(&text)[1], format!("Address not found\n\n{PLAIN_B}"));
        // Notices inside a person's message (a greeting or a closing between them): one report.
        let text = format!("{PLAIN_A}\nHello Ola,\n\ncould you look at this one?\n\nBest regards.\n\n{PLAIN_B}");
        assert_eq!(parts(&text).len(), 1);
        // The same notice again (a server's second language): one report.
        let text = format!("{PLAIN_A}\n{PLAIN_A}");
        assert_eq!(parts(&text).len(), 1);
        // The same introduction without evidence after it: one report.
        let text = format!("{PLAIN_A}\nThis is the mail system at host mx.a.example.\n\nthanks\n");
        assert_eq!(parts(&text).len(), 1);
    }

    #[test]
    fn a_notice_returned_inside_a_notice_is_not_split() {
        let text = format!("{PLAIN_A}\n--- Below this line is a copy of the message.\n\nSubject: hi\n\n{PLAIN_B}");
        assert_eq!(parts(&text).len(), 1);
    }

    const MIME_A: &str = "Return-Path: <>\nReceived: from mx.a.example\nFrom: MAILER-DAEMON@a.example\nSubject: Undelivered Mail Returned to Sender\nContent-Type: multipart/report; report-type=delivery-status;\n\tboundary=\"XYZ\"\n\n--XYZ\nContent-Type: text/plain\n\n<ala@b.example>: 550 5.1.1 unknown\n\n--XYZ\nContent-Type: message/rfc822\n\nReturn-Path: <me@a.example>\nReceived: from pc\nFrom: me@a.example\nSubject: hello\n\nStatus: 5.1.1 in the body\n--XYZ--\n";
    const RFC_B: &str = "Return-Path: <>\nReceived: from mx.a.example\nFrom: Mail Delivery System <MAILER-DAEMON@a.example>\nSubject: Mail delivery failed\n\nThis message was created automatically by mail delivery software.\n\n  ola@c.example\n    host mx.c.example [192.0.2.2]\n    SMTP error from remote mail server after RCPT TO:<ola@c.example>:\n    550 5.7.1 blocked\n";

    #[test]
    fn messages_back_to_back_are_split_after_the_closing_boundary() {
        let text = format!("{MIME_A}\n{RFC_B}");
        assert_eq!(parts(&text), [format!("{MIME_A}\n").as_str(), RFC_B]);
        // Without a blank line after the closing boundary.
        let text = format!("{MIME_A}{RFC_B}\n{MIME_A}");
        assert_eq!(parts(&text), [MIME_A, format!("{RFC_B}\n").as_str(), MIME_A]);
        // No closing boundary: all of it is inside the first message.
        let open = MIME_A.replace("--XYZ--", "--XYZ");
        assert_eq!(parts(&format!("{open}\n{RFC_B}")).len(), 1);
    }

    #[test]
    fn a_forwarded_or_returned_header_block_is_not_a_new_message() {
        for intro in [
            "---------- Forwarded message ---------",
            "-----Original Message-----",
            "Begin forwarded message:",
            "------ This is a copy of the message, including all the headers. ------",
        ] {
            let text = format!("{RFC_B}\n{intro}\n{RFC_B}");
            assert_eq!(parts(&text).len(), 1, "{intro}");
            // As a mail client shows a forwarded or quoted message.
            let body = &RFC_B[RFC_B.find("\n\n").unwrap()..];
            let shown =
                format!("{RFC_B}\n{intro}\nFrom: Mail Delivery System\nSent: Monday\nSubject: Undeliverable\n{body}");
            assert_eq!(parts(&shown).len(), 1, "{intro}");
        }
        // Outlook's forward: a line of underscores, then the forwarded message's fields.
        let body = &RFC_B[RFC_B.find("\n\n").unwrap()..];
        let text =
            format!("{RFC_B}\n________________________________\nFrom: Mail Delivery System\nSent: Monday\n{body}");
        assert_eq!(parts(&text).len(), 1);
        // Quoted: not a header block.
        let quoted: String = RFC_B.lines().map(|l| format!("> {l}\n")).collect();
        assert_eq!(parts(&format!("{RFC_B}\n{quoted}")).len(), 1);
        // A returned message without delivery evidence of its own.
        let text =
            format!("{RFC_B}\nReturn-Path: <me@a.example>\nFrom: me@a.example\nSubject: hello\n\nSee you at 5.\n");
        assert_eq!(parts(&text).len(), 1);
    }

    #[test]
    fn thousands_of_notices_take_linear_time() {
        // The same notice 20,000 times (each a repeat of the first), then other ones.
        // (A quadratic pass would not finish.)
        let same = PLAIN_A.repeat(20_000);
        assert_eq!(parts(&same).len(), 1);
        let mixed = format!("{PLAIN_A}\n{PLAIN_B}\n").repeat(5_000);
        assert_eq!(parts(&mixed).len(), 10_000);
    }

    #[test]
    fn odd_inputs_stay_whole() {
        for text in ["", "\n", "\r\r\r", "From: a\n", ":\n\n:\n", "550 5.1.1\n\n550 5.1.1\n"] {
            assert_eq!(split_reports(text.as_bytes()), vec![0..text.len()], "{text:?}");
        }
        // Lone CRs end lines too.
        let text = format!("{PLAIN_A}\n{PLAIN_B}").replace('\n', "\r");
        assert_eq!(parts(&text).len(), 2);
    }
}
