//! Applies the decision rules of [`crate::kb::decide`] to a diagnosed report: per recipient
//! `final`, `who_must_act`, the ranked causes and fixes (and the links that are the fix), and the
//! report's `sender_ip`. The explanation renders these fields and nothing else, so the text and
//! the JSON cannot disagree.

use crate::kb::decide::{self as d, Decision, Side, When};
use crate::kb::{self, Party, Rule};
use crate::model::{Action, FixSteps, HopRole, Kind, Reason, Recipient, Report};
use aho_corasick::AhoCorasick;
use regex::Regex;
use std::net::IpAddr;
use std::sync::LazyLock;

/// Fix steps per party, in order, while they are being decided.
type Groups = Vec<(Party, Vec<&'static str>)>;

/// Most causes kept per recipient.
const MAX_CAUSES: usize = 6;

/// How much of the input the notice's words are read from.
const NOTICE_WINDOW: usize = 64 * 1024;

/// How much of the input is searched for an email service's markers (the returned headers).
const SERVICE_WINDOW: usize = 256 * 1024;

/// The word lists searched in one pass, tagged.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Tag {
    GiveUp,
    Delay,
    Failed,
    Remote,
    Own,
    Forwarding,
    Marker,
    /// An email service's marker: index into [`d::EMAIL_SERVICES`].
    Service(usize),
}

/// Builds a case-sensitive automaton (the words are lower case; the text is searched lower-cased)
/// of tagged word lists.
fn tagged(lists: &[(&[&str], Tag)], kind: aho_corasick::AhoCorasickKind) -> Option<(AhoCorasick, Vec<Tag>)> {
    let mut words = Vec::new();
    let mut tags = Vec::new();
    for (list, tag) in lists {
        for w in *list {
            words.push(*w);
            tags.push(*tag);
        }
    }
    Some((tagged_automaton(&words, kind)?, tags))
}

/// The automaton of [`tagged`] and [`Words`]: case-sensitive, non-overlapping, leftmost-longest.
fn tagged_automaton(words: &[&str], kind: aho_corasick::AhoCorasickKind) -> Option<AhoCorasick> {
    AhoCorasick::builder()
        .kind(Some(kind))
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .build(words)
        .ok()
}

/// The automaton kind for the notice's words: a DFA would scan faster, but building it costs
/// more than the scans of a typical run save (measured: 10 M instructions per process).
const NOTICE_KIND: aho_corasick::AhoCorasickKind = aho_corasick::AhoCorasickKind::NoncontiguousNFA;

/// The notice's word lists, tagged.
const NOTICE_LISTS: &[(&[&str], Tag)] = &[
    (d::GIVE_UP_WORDS, Tag::GiveUp),
    (d::DELAY_WORDS, Tag::Delay),
    (d::FAILED_WORDS, Tag::Failed),
    (d::REMOTE_WORDS, Tag::Remote),
    (d::OWN_SIDE_WORDS, Tag::Own),
];

/// The notice's words, read up to the returned message.
static NOTICE_WORDS: LazyLock<Words> = LazyLock::new(|| Words::new(NOTICE_LISTS, NOTICE_KIND));

/// How many bytes of short texts a [`Words`] reads word by word before it builds its automaton.
const SHORT_READS: usize = 2048;

/// Tagged word lists searched like [`tagged`]'s automaton (non-overlapping, leftmost-longest) in
/// lower-cased text. The automaton is built when a text would take the words' short reads past
/// [`SHORT_READS`] bytes; until then texts are read word by word, which for a few short texts
/// (one pasted reply) costs less than building it.
struct Words {
    kind: aho_corasick::AhoCorasickKind,
    /// The words with their tags, in the automaton's order.
    words: Vec<(&'static str, Tag)>,
    ac: std::sync::OnceLock<Option<(AhoCorasick, Vec<Tag>)>>,
    /// The word ids sorted by first byte, and where each first byte's run starts (257 offsets).
    by_first: std::sync::OnceLock<(Vec<u32>, Vec<u32>)>,
    short_read: std::sync::atomic::AtomicUsize,
}

impl Words {
    fn new(lists: &[(&[&'static str], Tag)], kind: aho_corasick::AhoCorasickKind) -> Words {
        let words = lists
            .iter()
            .flat_map(|(list, tag)| list.iter().map(move |w| (*w, *tag)))
            .collect();
        Words::of(words, kind)
    }

    fn of(words: Vec<(&'static str, Tag)>, kind: aho_corasick::AhoCorasickKind) -> Words {
        Words {
            kind,
            words,
            ac: std::sync::OnceLock::new(),
            by_first: std::sync::OnceLock::new(),
            short_read: std::sync::atomic::AtomicUsize::new(0),
        }
    }

    /// The matches in `hay` (at most `limit`): each word's tag and where it stands.
    fn find(&self, hay: &str, limit: usize) -> Vec<(Tag, std::ops::Range<usize>)> {
        use std::sync::atomic::Ordering::Relaxed;
        let short = self.ac.get().is_none()
            && !self.words.iter().any(|(w, _)| w.is_empty())
            && self.short_read.load(Relaxed) + hay.len() <= SHORT_READS
            && self.short_read.fetch_add(hay.len(), Relaxed) + hay.len() <= SHORT_READS;
        if short {
            self.find_short(hay, limit)
        } else {
            self.find_automaton(hay, limit)
        }
    }

    /// [`Words::find`] with the automaton.
    fn find_automaton(&self, hay: &str, limit: usize) -> Vec<(Tag, std::ops::Range<usize>)> {
        let Some((ac, tags)) = self.ac.get_or_init(|| {
            let words: Vec<&str> = self.words.iter().map(|(w, _)| *w).collect();
            let tags = self.words.iter().map(|(_, t)| *t).collect();
            Some((tagged_automaton(&words, self.kind)?, tags))
        }) else {
            return Vec::new();
        };
        ac.find_iter(hay)
            .take(limit)
            .map(|m| (tags[m.pattern().as_usize()], m.range()))
            .collect()
    }

    /// [`Words::find`] word by word.
    fn find_short(&self, hay: &str, limit: usize) -> Vec<(Tag, std::ops::Range<usize>)> {
        let (ids, starts) = self.by_first.get_or_init(|| {
            let first = |i: u32| self.words[i as usize].0.as_bytes()[0];
            let mut ids: Vec<u32> = (0..self.words.len() as u32).collect();
            ids.sort_by_key(|&i| first(i));
            let mut starts = vec![0u32; 257];
            for &i in &ids {
                starts[usize::from(first(i)) + 1] += 1;
            }
            for b in 0..256 {
                starts[b + 1] += starts[b];
            }
            (ids, starts)
        });
        let hay = hay.as_bytes();
        let mut out = Vec::new();
        let mut at = 0;
        while at < hay.len() && out.len() < limit {
            let b = usize::from(hay[at]);
            // The longest word starting here; of equal ones, the first in the lists.
            let mut best: Option<(u32, usize)> = None;
            for &i in &ids[starts[b] as usize..starts[b + 1] as usize] {
                let w = self.words[i as usize].0.as_bytes();
                let better = best.is_none_or(|(j, len)| w.len() > len || (w.len() == len && i < j));
                if better && hay[at..].starts_with(w) {
                    best = Some((i, w.len()));
                }
            }
            match best {
                Some((i, len)) => {
                    out.push((self.words[i as usize].1, at..at + len));
                    at += len;
                }
                None => at += 1,
            }
        }
        out
    }
}

/// The same words as a DFA, for a process that reads many notices: it costs about 8 M
/// instructions more to build than the NFA and scans a notice in less than half the
/// instructions (about 19 against 43 per byte), so it pays after a few hundred KB. The same
/// words and match kind: the same matches.
static NOTICE_WORDS_DFA: LazyLock<Option<(AhoCorasick, Vec<Tag>)>> =
    LazyLock::new(|| tagged(NOTICE_LISTS, aho_corasick::AhoCorasickKind::DFA));

/// How many bytes of notice text this process has read with [`NOTICE_WORDS`].
static NOTICE_READ: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// After this many bytes of notice text, notices are read with [`NOTICE_WORDS_DFA`].
const NOTICE_DFA_AFTER: usize = 128 * 1024;

/// Where the returned message starts.
static MARKERS: LazyLock<Words> = LazyLock::new(|| {
    Words::new(
        &[(d::RETURNED_MESSAGE_MARKERS, Tag::Marker)],
        aho_corasick::AhoCorasickKind::NoncontiguousNFA,
    )
});

/// Forwarding and email-service markers, read in the returned headers too.
static HEADER_WORDS: LazyLock<Words> = LazyLock::new(|| {
    // The service markers follow the forwarding words, in table order.
    let words = d::FORWARDING_WORDS
        .iter()
        .map(|w| (*w, Tag::Forwarding))
        .chain(
            d::EMAIL_SERVICES
                .iter()
                .enumerate()
                .map(|(i, (m, _))| (*m, Tag::Service(i))),
        )
        .collect();
    Words::of(words, aho_corasick::AhoCorasickKind::NoncontiguousNFA)
});

static OWN_REPLIES: LazyLock<Option<crate::patterns::Set>> =
    LazyLock::new(|| crate::patterns::set(d::OWN_SIDE_REPLIES).ok());

/// The decisions that have a reply pattern, as one set (index into the set -> index into
/// [`d::DECISIONS`]).
static DECISION_TEXTS: LazyLock<Option<(crate::patterns::Set, Vec<usize>)>> = LazyLock::new(|| {
    let idx: Vec<usize> = (0..d::DECISIONS.len())
        .filter(|&i| d::DECISIONS[i].text.is_some())
        .collect();
    let patterns = decision_patterns();
    // Natively from a plan made ahead of time (as `kb::TEXTS`); the browser's engine reads them.
    #[cfg(not(target_arch = "wasm32"))]
    let set = crate::patterns::set_with_plan(&patterns, &crate::kb::decision_plan::DECISION_PLAN);
    #[cfg(target_arch = "wasm32")]
    let set = crate::patterns::set(&patterns);
    Some((set.ok()?, idx))
});

/// The reply patterns of the decisions that have one, in table order ([`DECISION_TEXTS`]).
pub(crate) fn decision_patterns() -> Vec<&'static str> {
    d::DECISIONS.iter().filter_map(|dec| dec.text).collect()
}

static URL: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(r"(?i)(?-u:\b)https?://[^ \t\r\n<>'\x22)\]]+").ok());

/// What the notice around the recipients says, read once per report.
#[derive(Default)]
struct Notice {
    give_up: bool,
    delay: bool,
    failed: bool,
    remote: bool,
    own: bool,
    forwarding: bool,
    delay_subject: bool,
    service: Option<&'static str>,
    /// The first email service marker in the input.
    text_service: Option<&'static str>,
    generic_ptr: bool,
    /// Final-Recipient addresses whose Original-Recipient differs (lower case).
    forwarded: Vec<String>,
}

fn window(text: &str, max: usize) -> &str {
    let mut cut = text.len().min(max);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    &text[..cut]
}

impl Notice {
    fn read(text: &str, report: &Report, sender_ip: Option<&str>) -> Notice {
        let mut n = Notice::default();
        let win = window(text, NOTICE_WINDOW);
        // One pass: the notice's words up to the returned message; forwarding and email-service
        // markers in the returned headers too.
        // The words are lower case: search a lower-cased copy (a case-sensitive automaton with
        // a prefilter is several times faster than a case-insensitive one).
        let lower = window(text, SERVICE_WINDOW).to_ascii_lowercase();
        let notice_end = MARKERS
            .find(&lower, 1)
            .first()
            .map_or(lower.len(), |(_, m)| m.start)
            .min(win.len());
        let tags_in = |set: &Option<(AhoCorasick, Vec<Tag>)>, hay: &str| -> Vec<Tag> {
            // Non-overlapping, longest first: a word inside a longer one of another list
            // ("could not be delivered" in "could not be delivered within") gives way to it.
            set.as_ref()
                .map(|(ac, tags)| ac.find_iter(hay).map(|m| tags[m.pattern().as_usize()]).collect())
                .unwrap_or_default()
        };
        let notice = lower.get(..notice_end).unwrap_or("");
        let read = NOTICE_READ.fetch_add(notice.len(), std::sync::atomic::Ordering::Relaxed);
        let tags = if read >= NOTICE_DFA_AFTER {
            tags_in(&NOTICE_WORDS_DFA, notice)
        } else {
            NOTICE_WORDS
                .find(notice, usize::MAX)
                .into_iter()
                .map(|(t, _)| t)
                .collect()
        };
        for tag in tags {
            match tag {
                Tag::GiveUp => n.give_up = true,
                Tag::Delay => n.delay = true,
                Tag::Failed => n.failed = true,
                Tag::Remote => n.remote = true,
                Tag::Own => n.own = true,
                _ => {}
            }
        }
        for (tag, _) in HEADER_WORDS.find(&lower, usize::MAX) {
            match tag {
                Tag::Forwarding => n.forwarding = true,
                Tag::Service(i) => {
                    n.text_service = n.text_service.or(Some(d::EMAIL_SERVICES[i].1));
                }
                _ => {}
            }
        }
        if let Some(s) = report.subject.as_deref() {
            let s = s.to_lowercase();
            n.delay_subject = d::DELAY_SUBJECTS.iter().any(|w| s.contains(w));
        }
        n.service = service(report).or(n.text_service);
        // The last host before the remote servers is the one whose name they saw.
        n.generic_ptr = report
            .hops
            .iter()
            .rev()
            .filter(|h| h.role != HopRole::Remote)
            .find_map(|h| h.from.as_deref())
            .is_some_and(looks_generic)
            || report
                .recipients
                .iter()
                .filter_map(|r| r.diagnostic.as_deref())
                .any(generic_name_in_reply)
            || sender_ip.is_some_and(|ip| generic_name_for(window(text, SERVICE_WINDOW), ip));
        n.forwarded = forwarded(win);
        // The returned message's own header block, where a re-submission shows.
        if let Some((_, m)) = MARKERS.find(&lower, 1).first() {
            let returned = &lower[m.end..];
            n.forwarding |= resubmitted(window(returned, RETURNED_HEADERS_WINDOW), report);
        }
        n
    }
}

/// How far into the returned message its headers are read for a re-submission.
const RETURNED_HEADERS_WINDOW: usize = 16 * 1024;

/// Whether the returned message was delivered to another address than a failed recipient and sent
/// on from there ([`d::ENVELOPE_RECIPIENT_HEADERS`], `Received: … for <address>`). `returned` is
/// lower case.
fn resubmitted(returned: &str, report: &Report) -> bool {
    let failed: Vec<String> = report
        .recipients
        .iter()
        .filter_map(|r| r.address.as_deref())
        .map(str::to_ascii_lowercase)
        .collect();
    if failed.is_empty() {
        return false;
    }
    let other = |a: &str| {
        let a = a.trim().trim_matches(['<', '>', ';', ',']).trim();
        a.contains('@') && !failed.iter().any(|f| f == a)
    };
    // Received clauses: `for <a@example>` (the envelope recipient of that hop).
    let in_received = returned.match_indices("for <").any(|(i, _)| {
        returned[i + 5..]
            .split('>')
            .next()
            .is_some_and(|a| a.len() < 256 && other(a))
    });
    in_received
        || returned.lines().any(|l| {
            d::ENVELOPE_RECIPIENT_HEADERS
                .iter()
                .any(|h| l.strip_prefix(h).is_some_and(other))
        })
}

/// The email service the message left through, from the hops' names (or the report's format).
fn service(report: &Report) -> Option<&'static str> {
    let hop_names = report
        .hops
        .iter()
        .filter(|h| h.role != HopRole::Remote)
        .flat_map(|h| [h.from.as_deref(), h.by.as_deref()])
        .flatten();
    for name in hop_names {
        let l = name.to_ascii_lowercase();
        if let Some((_, s)) = d::EMAIL_SERVICES.iter().find(|(m, _)| l.contains(m)) {
            return Some(s);
        }
    }
    (report.format == "amazonses").then_some("Amazon SES")
}

/// Whether a host name looks like a generic or dynamic (home connection) PTR name.
pub fn looks_generic(name: &str) -> bool {
    let l = name.to_ascii_lowercase();
    let l = l.trim_matches(|c: char| c == '[' || c == ']' || c == '(' || c == ')');
    if l.parse::<IpAddr>().is_ok() || !l.contains('.') {
        return false;
    }
    if d::GENERIC_PTR_WORDS.iter().any(|w| l.contains(w)) {
        return true;
    }
    // Four groups of digits in the first label (an address written out): 203-0-113-5.isp.example.
    let first = l.split('.').next().unwrap_or("");
    first
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .count()
        >= 4
}

/// A generic host name the reply quotes for the client ("Client host rejected: ... dsl-..").
fn generic_name_in_reply(diag: &str) -> bool {
    let l = diag.to_ascii_lowercase();
    ["client host ", "reverse hostname ", "hostname ", "helo "]
        .iter()
        .any(|k| {
            l.match_indices(k).any(|(i, _)| {
                l[i + k.len()..]
                    .split(|c: char| c.is_whitespace() || c == '[' || c == ']' || c == ',' || c == ';')
                    .find(|t| !t.is_empty())
                    .is_some_and(looks_generic)
            })
        })
}

/// Whether a Received header names the sending IP with a generic name: `(dsl-1-2-3-4.isp [ip])`.
fn generic_name_for(text: &str, ip: &str) -> bool {
    let needle = format!("[{ip}]");
    text.match_indices(&needle).take(50).any(|(i, _)| {
        let before = text[..i].trim_end();
        let name = before
            .rsplit(|c: char| c.is_whitespace() || c == '(')
            .next()
            .unwrap_or("");
        looks_generic(name)
    })
}

/// Final-Recipient addresses whose block's Original-Recipient names another address.
fn forwarded(win: &str) -> Vec<String> {
    let mut out = Vec::new();
    let (mut fin, mut orig): (Option<String>, Option<String>) = (None, None);
    let mut flush = |fin: &mut Option<String>, orig: &mut Option<String>| {
        if let (Some(f), Some(o)) = (fin.take(), orig.take()) {
            if f != o && !o.is_empty() && !f.is_empty() {
                out.push(f);
            }
        }
    };
    // Lines found with memchr (`str::lines` costs more per line, and most lines are skipped); a
    // final empty piece only flushes again.
    let mut from = 0;
    let ends = memchr::memchr_iter(b'\n', win.as_bytes()).chain([win.len()]);
    for end in ends {
        let line = win.get(from..end).unwrap_or("");
        from = end + 1;
        // Most lines start with another letter: skip them before trimming.
        match line
            .bytes()
            .find(|b| !matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' '))
        {
            Some(b) if b.is_ascii() && !matches!(b.to_ascii_lowercase(), b'f' | b'o') => continue,
            _ => {}
        }
        let t = line.trim();
        if !t.is_empty() && !t.as_bytes()[0].eq_ignore_ascii_case(&b'f') && !t.as_bytes()[0].eq_ignore_ascii_case(&b'o')
        {
            continue;
        }
        let l = t.to_ascii_lowercase();
        if l.is_empty() {
            flush(&mut fin, &mut orig);
            continue;
        }
        let addr = |v: &str| {
            let v = v.trim();
            let v = v.split_once(';').map_or(v, |(_, a)| a);
            v.trim().trim_matches(['<', '>']).to_string()
        };
        if let Some(v) = l.strip_prefix("final-recipient:") {
            if fin.is_some() {
                flush(&mut fin, &mut orig);
            }
            fin = Some(addr(v));
        } else if let Some(v) = l.strip_prefix("original-recipient:") {
            orig = Some(addr(v));
        }
    }
    flush(&mut fin, &mut orig);
    out
}

/// The IP the report attributes to the sending side: one the reply names as the client's, or
/// the last public hop before the remote servers. Never a remote server's address.
pub fn sender_ip(report: &Report) -> Option<String> {
    let remote: std::collections::HashSet<String> = remote_ips(report).into_iter().collect();
    let mut best: Option<(u8, String)> = None;
    for d in report.recipients.iter().filter_map(|r| r.diagnostic.as_deref()) {
        let l = d.to_ascii_lowercase();
        // Where "listed" or "blocked" first occurs: an address after it is the client's, weakly.
        let list_word = [l.find("listed"), l.find("blocked")].into_iter().flatten().min();
        for (s, e) in ipv4_spans(&l) {
            let Some(rank) = client_rank(&l, s, e, list_word) else {
                continue;
            };
            if best.as_ref().is_none_or(|(b, _)| rank < *b) && usable(&l[s..e], &remote) {
                best = Some((rank, l[s..e].to_string()));
            }
        }
    }
    if let Some((_, ip)) = best {
        return Some(ip);
    }
    report
        .hops
        .iter()
        .rev()
        .filter(|h| h.role != HopRole::Remote)
        .filter_map(|h| h.ip.as_deref())
        .map(|ip| ip.trim_matches(['[', ']']))
        .find(|ip| usable(ip, &remote))
        .map(str::to_string)
}

/// Dotted-quad IPv4 addresses in the text, as byte ranges (not part of a longer dotted number).
fn ipv4_spans(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let boundary = i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'.');
        match (boundary && b[i].is_ascii_digit()).then(|| ipv4_at(b, i)).flatten() {
            Some(end) => {
                out.push((i, end));
                i = end;
            }
            None => i += 1,
        }
    }
    out
}

/// The end of a dotted-quad IPv4 address starting at `i`, if one does.
fn ipv4_at(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i;
    for group in 0..4 {
        let start = j;
        while j < b.len() && b[j].is_ascii_digit() && j - start < 3 {
            j += 1;
        }
        let digits = b.get(start..j)?;
        let value = digits.iter().fold(0u32, |v, d| v * 10 + u32::from(d - b'0'));
        if digits.is_empty() || value > 255 || (digits.len() > 1 && digits[0] == b'0') {
            return None;
        }
        if group < 3 {
            if b.get(j) != Some(&b'.') {
                return None;
            }
            j += 1;
        }
    }
    let more = b.get(j).is_some_and(|c| c.is_ascii_alphanumeric())
        || (b.get(j) == Some(&b'.') && b.get(j + 1).is_some_and(|c| c.is_ascii_digit()));
    (!more).then_some(j)
}

/// How surely the (lower-case) reply attributes the address at `s..e` to the sending client,
/// 0 most: "Client host [ip]", Gmail's "4.7.0 [ip]", "Messages from ip", "your IP ip",
/// "IP ip", "ip is blocked/listed", "from ip", an address after "listed" or "blocked".
fn client_rank(l: &str, s: usize, e: usize, list_word: Option<usize>) -> Option<u8> {
    let raw_before = &l[..s];
    let bracketed = raw_before.ends_with('[');
    let before = raw_before.trim_end_matches(['[', '(']).trim_end();
    let word_end = |t: &str, w: &str| {
        t.strip_suffix(w)
            .is_some_and(|rest| !rest.ends_with(|c: char| c.is_ascii_alphanumeric()))
    };
    // Postfix's reject_unknown_(reverse_)client_hostname: "cannot find your reverse hostname, [ip]".
    if before.ends_with("client host") || (bracketed && before.ends_with("hostname,")) {
        return Some(0);
    }
    if bracketed {
        let status = before.rsplit(' ').next().unwrap_or("");
        let parts: Vec<&str> = status.split('.').collect();
        if parts.len() == 3
            && matches!(parts[0], "4" | "5")
            && parts[1..]
                .iter()
                .all(|p| (1..=3).contains(&p.len()) && p.bytes().all(|c| c.is_ascii_digit()))
        {
            return Some(1);
        }
    }
    if before.ends_with("message from") || before.ends_with("messages from") {
        return Some(2);
    }
    let b = before.trim_end_matches(':').trim_end();
    let b = b.strip_suffix(" is").unwrap_or(b);
    let b = b.strip_suffix(" address").unwrap_or(b);
    if [
        "your ip",
        "sending ip",
        "sender ip",
        "client ip",
        "connecting ip",
        "source ip",
    ]
    .iter()
    .any(|w| b.ends_with(w))
    {
        return Some(3);
    }
    if word_end(b, "ip") {
        return Some(4);
    }
    let after = l[e..].trim_start_matches([']', ')']).trim_start();
    let after = ["is ", "has been ", "was "]
        .iter()
        .find_map(|p| after.strip_prefix(p))
        .unwrap_or(after);
    if ["blocked", "listed", "blacklisted", "banned", "rejected", "not allowed"]
        .iter()
        .any(|w| after.starts_with(w))
    {
        return Some(5);
    }
    if ["from", "client", "connection from"]
        .iter()
        .any(|w| word_end(before, w))
    {
        return Some(6);
    }
    if list_word.is_some_and(|w| w + "listed".len() <= s) {
        return Some(7);
    }
    None
}

/// Whether the text holds a dotted-quad IPv4 address.
#[cfg(test)]
fn has_ipv4(text: &str) -> bool {
    !ipv4_spans(text).is_empty()
}

/// The addresses of the remote servers: the remote hops', and any written right after a remote
/// host's name in a reply ("mx.example.org[203.0.113.5]").
pub fn remote_ips(report: &Report) -> Vec<String> {
    let mut out: Vec<String> = report
        .hops
        .iter()
        .filter(|h| h.role == HopRole::Remote)
        .filter_map(|h| h.ip.as_deref())
        .map(|ip| ip.trim_matches(['[', ']']).to_string())
        .collect();
    // A hop sent by the refusing host carries that host's address.
    let refusing: std::collections::HashSet<String> = report
        .recipients
        .iter()
        .filter_map(|r| r.remote_mta.as_deref())
        .map(|m| m.trim().to_ascii_lowercase())
        .collect();
    for h in &report.hops {
        let (Some(from), Some(ip)) = (h.from.as_deref(), h.ip.as_deref()) else {
            continue;
        };
        if refusing.contains(&from.trim().to_ascii_lowercase()) {
            out.push(ip.trim_matches(['[', ']']).to_string());
        }
    }
    out.sort();
    out.dedup();
    for r in &report.recipients {
        let (Some(dg), Some(host)) = (r.diagnostic.as_deref(), r.remote_mta.as_deref()) else {
            continue;
        };
        let l = dg.to_ascii_lowercase();
        let host = host.to_ascii_lowercase();
        if host.is_empty() {
            continue;
        }
        for (i, _) in l.match_indices(host.as_str()).take(16) {
            let rest = l[i + host.len()..].trim_start_matches([' ', '[', '(']);
            if let Some(end) = rest
                .as_bytes()
                .first()
                .filter(|c| c.is_ascii_digit())
                .and_then(|_| ipv4_at(rest.as_bytes(), 0))
            {
                out.push(rest[..end].to_string());
            }
        }
    }
    out
}

fn usable(ip: &str, remote: &std::collections::HashSet<String>) -> bool {
    let Ok(addr) = ip.parse::<IpAddr>() else { return false };
    crate::dns::is_public(addr) && !remote.contains(ip)
}

/// The refusing side for one recipient.
fn side(report: &Report, r: &Recipient, n: &Notice) -> Side {
    let diag = r.diagnostic.as_deref().unwrap_or("").to_ascii_lowercase();
    if r.command == Some(crate::model::Command::Auth)
        || OWN_REPLIES.as_ref().is_some_and(|s| s.is_match(diag.as_bytes()))
        || (n.own && !n.remote && r.remote_mta.is_none())
    {
        return Side::Own;
    }
    let reporter_refused = matches!(
        (r.remote_mta.as_deref(), report.reporting_mta.as_deref()),
        (Some(a), Some(b)) if a.eq_ignore_ascii_case(b)
    );
    if n.remote || (r.remote_mta.is_some() && !reporter_refused) {
        return Side::Remote;
    }
    if n.own {
        return Side::Own;
    }
    Side::Unknown
}

/// Whether `host`, named as the refusing host, is only the sender's own reporting server while the
/// refusal came from further on (its own refusals are logins, identities and quotas).
pub fn is_reporter_of_remote_refusal(report: &Report, r: &Recipient, host: &str) -> bool {
    let own = r.command == Some(crate::model::Command::Auth)
        || OWN_REPLIES
            .as_ref()
            .is_some_and(|s| s.is_match(r.diagnostic.as_deref().unwrap_or("").as_bytes()));
    !own && report
        .reporting_mta
        .as_deref()
        .is_some_and(|rep| rep.trim().eq_ignore_ascii_case(host.trim()))
}

/// Whether the report is final for this recipient.
fn finality(report: &Report, r: &Recipient, n: &Notice) -> bool {
    if matches!(report.kind, Kind::Feedback | Kind::AutoReply | Kind::NotABounce)
        || r.reason == Reason::Delivered
        || r.action == Some(Action::Delivered)
    {
        return true;
    }
    if report.kind == Kind::Dsn {
        if let Some(a) = r.action {
            return a != Action::Delayed;
        }
    }
    if n.give_up {
        return true;
    }
    // Delay wording wins over a reason that says "expired" (classifiers give a delay warning
    // about a long queue that reason too).
    if n.delay || n.delay_subject {
        return false;
    }
    if r.reason == Reason::Expired {
        return true;
    }
    if report.kind == Kind::NdrText && n.failed {
        return true;
    }
    let class = r
        .status
        .as_deref()
        .and_then(|s| s.trim().chars().next())
        .or_else(|| r.reply_code.chars().next());
    class != Some('4')
}

/// Damerau-free edit distance (insert, delete, substitute, swap of neighbours) up to `max`.
fn close(a: &str, b: &str, max: usize) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > max || a.len() > 64 || b.len() > 64 {
        return false;
    }
    let mut prev2: Vec<usize> = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                cur[j] = cur[j].min(prev2[j - 2] + 1);
            }
        }
        prev2 = std::mem::replace(&mut prev, cur);
    }
    prev[b.len()] <= max
}

/// The well-known provider a recipient domain misspells, if it is one.
pub fn typo_of(address: &str) -> Option<&'static str> {
    let domain = address
        .rsplit_once('@')?
        .1
        .trim()
        .trim_end_matches('>')
        .to_ascii_lowercase();
    if d::WELL_KNOWN_DOMAINS.contains(&domain.as_str()) {
        return None;
    }
    d::WELL_KNOWN_DOMAINS.iter().copied().find(|w| {
        let max = if w.len() >= 8 { 2 } else { 1 };
        close(&domain, w, max)
    })
}

/// The advice of the matched knowledge-base rules: (who acts, causes, fixes).
fn rule_advice(report: &Report, r: &Recipient) -> (Party, Vec<&'static str>, Groups) {
    let rules = rules_for(report, r);
    let top = rules.first().copied();
    // Advice comes from the top rule and the other specific matches that agree with its reason;
    // a generic per-reason rule only advises when nothing more specific matched.
    let advising: Vec<&'static Rule> = rules
        .iter()
        .copied()
        .enumerate()
        .filter(|(i, rule)| *i == 0 || (rule.on_reason.is_none() && top.is_none_or(|t| t.reason == rule.reason)))
        .map(|(_, rule)| rule)
        .collect();
    let mut causes: Vec<&'static str> = Vec::new();
    for rule in &advising {
        for id in rule.causes {
            if !causes.contains(id) {
                causes.push(id);
            }
        }
    }
    let mut groups: Vec<(Party, Vec<&'static str>)> = Vec::new();
    for rule in &advising {
        add_groups(&mut groups, rule.fixes);
    }
    let greylisted = rules.iter().any(|rule| rule.id == "greylisting");
    let act = if greylisted {
        Party::Nobody
    } else {
        top.map(|rule| rule.act).unwrap_or(Party::SenderAdmin)
    };
    (act, causes, groups)
}

fn add_groups(groups: &mut Vec<(Party, Vec<&'static str>)>, fixes: &[kb::Fixes]) {
    for (party, steps) in fixes {
        let slot = match groups.iter().position(|(p, _)| p == party) {
            Some(i) => i,
            None => {
                groups.push((*party, Vec::new()));
                groups.len() - 1
            }
        };
        for s in *steps {
            if !groups[slot].1.contains(s) {
                groups[slot].1.push(s);
            }
        }
    }
}

/// The rules for a recipient: those the diagnosis recorded, or a fresh match when it recorded none.
pub fn rules_for(report: &Report, r: &Recipient) -> Vec<&'static Rule> {
    let recorded: Vec<&'static Rule> = r.rules.iter().filter_map(|id| kb::rule(id)).collect();
    if !recorded.is_empty() {
        return recorded;
    }
    let mut found = kb::matching(r, &report.format);
    if found.is_empty() {
        found.extend(kb::reason_rule(r.reason));
    }
    found
}

/// The first specific-beats-generic decision for this recipient.
fn decision(r: &Recipient, side: Side, is_final: bool) -> Option<&'static Decision> {
    if let Some(a) = r.address.as_deref() {
        if d::TYPO_REASONS.contains(&r.reason) && typo_of(a).is_some() {
            return Some(&d::TYPO_DOMAIN);
        }
    }
    // The patterns are lower case: match the collapsed reply folded to ASCII lower case.
    let diag = r
        .diagnostic
        .as_deref()
        .map(kb::collapse)
        .unwrap_or_default()
        .to_ascii_lowercase();
    let hits: Vec<usize> = match DECISION_TEXTS.as_ref() {
        Some((set, idx)) if !diag.is_empty() => set.matches(diag.as_bytes()).into_iter().map(|k| idx[k]).collect(),
        _ => Vec::new(),
    };
    d::DECISIONS.iter().enumerate().find_map(|(i, dec)| {
        let text_ok = dec.text.is_none() || hits.contains(&i);
        let reason_ok = dec.reasons.is_empty() || dec.reasons.contains(&r.reason);
        let side_ok = match dec.side {
            When::Any => true,
            When::Own => side == Side::Own,
            When::NotOwn => side != Side::Own,
            When::Remote => side == Side::Remote,
        };
        let final_ok = dec.finality.is_none_or(|f| f == is_final);
        (text_ok && reason_ok && side_ok && final_ok).then_some(dec)
    })
}

/// Links in the reply that are the fix (delisting, reset or lookup pages).
pub fn fix_links(diag: &str) -> Vec<String> {
    if !diag.as_bytes().windows(4).any(|w| w.eq_ignore_ascii_case(b"http")) {
        return Vec::new();
    }
    let Some(re) = URL.as_ref() else { return Vec::new() };
    let mut out: Vec<String> = Vec::new();
    for m in re.find_iter(diag) {
        let url = m.as_str().trim_end_matches(['.', ',', ';', ':', '\'']);
        let l = url.to_ascii_lowercase();
        if d::FIX_LINK_WORDS.iter().any(|w| l.contains(w)) && !out.iter().any(|u| u == url) && out.len() < 3 {
            out.push(url.to_string());
        }
    }
    out
}

/// Whether a recipient still lacks its decisions (a report built by hand, not by
/// [`crate::analyze`]): every decided recipient has at least one fix group.
pub fn undecided(r: &Recipient) -> bool {
    r.fixes.is_empty()
}

/// Fills `sender_ip` and, per recipient, `final`, `who_must_act`, `causes`, `fixes` and `links`
/// (and corrects `hard` where the reply's words decide it). `text` is the input as analysed.
pub fn decide(text: &str, report: &mut Report) {
    report.sender_ip = sender_ip(report);
    let notice = Notice::read(text, report, report.sender_ip.as_deref());
    let decided: Vec<Recipient> = report
        .recipients
        .iter()
        .map(|r| decide_recipient(report, r, &notice))
        .collect();
    report.recipients = decided;
}

fn decide_recipient(report: &Report, r: &Recipient, n: &Notice) -> Recipient {
    let mut out = r.clone();
    out.is_final = finality(report, r, n);
    let failure = !matches!(report.kind, Kind::Feedback | Kind::AutoReply | Kind::NotABounce)
        && r.reason != Reason::Delivered
        && r.action != Some(Action::Delivered);
    let (mut act, mut causes, mut groups) = rule_advice(report, r);
    if !failure {
        if r.reason == Reason::Delivered || r.action == Some(Action::Delivered) {
            act = Party::Nobody;
            causes.clear();
            groups = vec![(Party::Nobody, vec!["fix-nothing"])];
        }
        if groups.is_empty() {
            groups.push((Party::Nobody, vec!["fix-nothing"]));
        }
        finish(&mut out, act, causes, groups);
        return out;
    }
    let side = side(report, r, n);
    let top_generic = rules_for(report, r).first().is_none_or(|rule| rule.on_reason.is_some());
    let mut dec = decision(r, side, out.is_final);
    if let Some(h) = dec.and_then(|dec| dec.hard) {
        // A temporary refusal (4xx, 4.x.x) is never hard, whatever the wording.
        let temporary = r
            .status
            .as_deref()
            .map_or(r.reply_code.starts_with('4'), |s| s.starts_with('4'));
        out.hard = h && !temporary;
    }
    if dec.is_some_and(|dec| dec.weak && !top_generic) {
        dec = None;
    }
    if let Some(dec) = dec {
        act = dec.act;
        causes = dec.causes.to_vec();
        groups.clear();
        add_groups(&mut groups, dec.fixes);
    }
    // Evidence already parsed re-ranks the causes.
    let address = r.address.as_deref().unwrap_or("").to_ascii_lowercase();
    let forwarded = n.forwarding || (!address.is_empty() && n.forwarded.contains(&address));
    if forwarded && dec.is_none() && d::FORWARDING_REASONS.contains(&r.reason) {
        causes.retain(|c| *c != "cause-forwarding");
        causes.insert(0, "cause-forwarding");
        groups.insert(0, (Party::RecipientAdmin, vec!["fix-forwarding-srs"]));
        act = Party::RecipientAdmin;
    }
    let connection = d::CONNECTION_REASONS.contains(&r.reason);
    if n.service.is_some() {
        let had_own = causes.iter().any(|c| d::OWN_CONNECTION_ADVICE.contains(c));
        causes.retain(|c| !d::OWN_CONNECTION_ADVICE.contains(c));
        for (_, steps) in groups.iter_mut() {
            steps.retain(|s| !d::OWN_CONNECTION_ADVICE.contains(s));
        }
        if had_own || (connection && dec.is_none()) {
            causes.insert(0, "cause-shared-service-ip");
            put_first(&mut groups, Party::SenderAdmin, "fix-contact-service-support");
            act = Party::SenderAdmin;
        }
    } else if n.generic_ptr && connection && dec.is_none() {
        causes.retain(|c| *c != "cause-home-isp" && *c != "cause-generic-ptr");
        causes.insert(0, "cause-generic-ptr");
        causes.insert(0, "cause-home-isp");
        put_first(&mut groups, Party::SenderAdmin, "fix-use-org-server");
        act = Party::SenderAdmin;
    }
    out.links = r.diagnostic.as_deref().map(fix_links).unwrap_or_default();
    if !out.links.is_empty() {
        let party = if act == Party::Nobody { Party::SenderAdmin } else { act };
        put_first(&mut groups, party, d::FIX_LINK);
    }
    // Finality: a report that came back never says "waiting is enough"; a delay warning never
    // says "send it again".
    if out.is_final {
        groups.retain(|(p, _)| *p != Party::Nobody);
        if act == Party::Nobody {
            act = groups.first().map(|(p, _)| *p).unwrap_or(Party::Sender);
        }
        if !out.hard {
            let any_resend = groups
                .iter()
                .any(|(_, s)| s.iter().any(|x| d::RESEND_FIXES.contains(x)));
            if !any_resend {
                add_groups(&mut groups, &[(Party::Sender, &["fix-resend-after-fix"])]);
            }
        }
    } else {
        if dec.is_none() && matches!(r.reason, Reason::OnHold | Reason::Undefined) {
            // Nothing says more than "temporary": the server retries; waiting is the fix.
            act = Party::Nobody;
        }
        for (_, steps) in groups.iter_mut() {
            steps.retain(|s| !d::RESEND_FIXES.contains(s));
        }
        groups.retain(|(_, s)| !s.is_empty());
        if !groups.iter().any(|(p, _)| *p == Party::Nobody) {
            add_groups(&mut groups, &[d::WAIT]);
        }
    }
    if causes.is_empty() {
        causes.push("cause-unclear");
    }
    if groups.is_empty() {
        groups.push((Party::Sender, vec!["fix-forward-to-admin"]));
    }
    finish(&mut out, act, causes, groups);
    out
}

/// Puts `step` first in `party`'s group, and that group first.
fn put_first(groups: &mut Vec<(Party, Vec<&'static str>)>, party: Party, step: &'static str) {
    let i = match groups.iter().position(|(p, _)| *p == party) {
        Some(i) => i,
        None => {
            groups.push((party, Vec::new()));
            groups.len() - 1
        }
    };
    let mut g = groups.remove(i);
    g.1.retain(|s| *s != step);
    g.1.insert(0, step);
    groups.insert(0, g);
}

/// Stores the decision: the acting party's group first (or, when it has none, the first
/// group's party acts), causes capped.
fn finish(
    out: &mut Recipient,
    mut act: Party,
    mut causes: Vec<&'static str>,
    mut groups: Vec<(Party, Vec<&'static str>)>,
) {
    let mut seen: Vec<&'static str> = Vec::new();
    causes.retain(|c| {
        let keep = !seen.contains(c);
        seen.push(c);
        keep
    });
    causes.truncate(MAX_CAUSES);
    groups.retain(|(_, s)| !s.is_empty());
    match groups.iter().position(|(p, _)| *p == act) {
        Some(i) => {
            let g = groups.remove(i);
            groups.insert(0, g);
        }
        None => {
            if let Some((p, _)) = groups.first() {
                act = *p;
            }
        }
    }
    out.who_must_act = act;
    out.causes = causes.iter().map(|c| c.to_string()).collect();
    out.fixes = groups
        .into_iter()
        .map(|(party, steps)| FixSteps {
            party,
            steps: steps.iter().map(|s| s.to_string()).collect(),
        })
        .collect();
}

/// The reply as the server gave it, without the mail program's wrapper words ("Remote Server
/// returned '…'", "Server Response: '…', Port: 587", "The server response was: …").
pub fn quoted_reply(diag: &str) -> String {
    let text = kb::collapse(diag);
    let lower = text.to_ascii_lowercase();
    // The first wrapper that is followed by a reply code.
    let mut best: Option<usize> = None;
    for w in d::REPLY_WRAPPERS {
        let mut from = 0;
        while let Some(i) = lower.get(from..).and_then(|l| l.find(w)).map(|i| from + i) {
            let after = i + w.len();
            let rest = text[after..].trim_start_matches([' ', ':']);
            let code = rest.trim_start_matches(['\'', '"', '‘', '“']);
            if code.starts_with(|c: char| c.is_ascii_digit()) {
                let start = text.len() - rest.len();
                if best.is_none_or(|b| start < b) {
                    best = Some(start);
                }
                break;
            }
            from = after;
        }
    }
    let Some(start) = best else { return text };
    let rest = &text[start..];
    let mut chars = rest.chars();
    let out = match chars.next() {
        Some(q @ ('\'' | '"' | '‘' | '“')) => {
            let close = match q {
                '‘' => '’',
                '“' => '”',
                other => other,
            };
            let body = chars.as_str();
            // The closing quote is one not followed by a letter (an apostrophe inside a word is not).
            let end = body
                .char_indices()
                .find(|(i, c)| {
                    *c == close
                        && !body[i + c.len_utf8()..]
                            .chars()
                            .next()
                            .is_some_and(|n| n.is_alphabetic())
                })
                .map_or(body.len(), |(i, _)| i);
            &body[..end]
        }
        _ => rest,
    };
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_texts_find_the_words_the_automaton_finds() {
        let mut all: Vec<String> = vec![
            "could not be delivered within 3 days; delivery has been delayed".into(),
            "".into(),
            "------ this is a copy of the message, including all the headers. ------\nreceived: from x".into(),
        ];
        for dir in ["tests/fixtures", "tests/unseen", "tests/decisions"] {
            for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                if let Ok(t) = std::fs::read_to_string(e.path()) {
                    all.push(t.to_ascii_lowercase());
                }
            }
        }
        for words in [&*NOTICE_WORDS, &*MARKERS, &*HEADER_WORDS] {
            for t in &all {
                let key = |v: Vec<(Tag, std::ops::Range<usize>)>| -> Vec<(String, std::ops::Range<usize>)> {
                    v.into_iter().map(|(t, r)| (format!("{:?}", tag_id(t)), r)).collect()
                };
                assert_eq!(
                    key(words.find_short(t, usize::MAX)),
                    key(words.find_automaton(t, usize::MAX)),
                    "{t:?}"
                );
                assert_eq!(key(words.find_short(t, 1)), key(words.find_automaton(t, 1)));
            }
        }
    }

    /// A tag as a comparable value.
    fn tag_id(t: Tag) -> (u8, usize) {
        match t {
            Tag::GiveUp => (0, 0),
            Tag::Delay => (1, 0),
            Tag::Failed => (2, 0),
            Tag::Remote => (3, 0),
            Tag::Own => (4, 0),
            Tag::Forwarding => (5, 0),
            Tag::Marker => (6, 0),
            Tag::Service(i) => (7, i),
        }
    }

    #[test]
    fn wrapper_words_are_dropped_from_the_quoted_reply() {
        assert_eq!(
            quoted_reply("Remote Server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found'"),
            "550 5.1.1 RESOLVER.ADR.RecipNotFound; not found"
        );
        assert_eq!(
            quoted_reply("The error that the other server returned was: 550 No such user"),
            "550 No such user"
        );
        assert_eq!(quoted_reply("smtp; 554 5.7.1 Rejected"), "554 5.7.1 Rejected");
        assert_eq!(
            quoted_reply("Server Response: '554 5.7.1 <a@example.net>: Relay access denied' Port: 587, Secure(SSL): No, Server Error: 554"),
            "554 5.7.1 <a@example.net>: Relay access denied"
        );
        assert_eq!(
            quoted_reply("Remote Server returned '550 5.7.1 The recipient doesn't accept mail'"),
            "550 5.7.1 The recipient doesn't accept mail"
        );
        // Words that are not a wrapper, or a wrapper not followed by a code, stay.
        assert_eq!(quoted_reply("550 Error: no such user"), "550 Error: no such user");
        assert_eq!(quoted_reply("Server response: unknown"), "Server response: unknown");
    }

    #[test]
    fn typo_domains_of_well_known_providers() {
        assert_eq!(typo_of("a@gmial.com"), Some("gmail.com"));
        assert_eq!(typo_of("a@gmail.con"), Some("gmail.com"));
        assert_eq!(typo_of("a@hotmial.com"), Some("hotmail.com"));
        assert_eq!(typo_of("a@wp.pl"), None);
        assert_eq!(typo_of("a@gmail.com"), None);
        assert_eq!(typo_of("a@example.com"), None);
        assert_eq!(typo_of("no-at-sign"), None);
    }

    #[test]
    fn client_addresses_in_replies() {
        let ip = |d: &str| {
            let r = Report {
                recipients: vec![Recipient {
                    diagnostic: Some(d.to_string()),
                    ..Recipient::default()
                }],
                ..Report::default()
            };
            sender_ip(&r)
        };
        let client = "554 5.7.1 Service unavailable; Client host [198.51.100.7] blocked using zen.spamhaus.org";
        assert_eq!(ip(client).as_deref(), Some("198.51.100.7"));
        assert_eq!(
            ip("421 4.7.0 [192.0.2.200] Our system has detected an unusual rate").as_deref(),
            Some("192.0.2.200")
        );
        assert_eq!(
            ip("421 4.7.0 [TSS04] Messages from 192.0.2.25 temporarily deferred").as_deref(),
            Some("192.0.2.25")
        );
        assert_eq!(
            ip("550 Your IP address is 192.0.2.26, listed").as_deref(),
            Some("192.0.2.26")
        );
        assert_eq!(ip("550 192.0.2.27 is blocked").as_deref(), Some("192.0.2.27"));
        // The remote server's own address first, then the client's in Postfix's hostname check.
        assert_eq!(
            ip("450 4.7.1 mx 192.0.2.90 says: Client host rejected: cannot find your reverse hostname, [192.0.2.29]")
                .as_deref(),
            Some("192.0.2.29")
        );
        assert_eq!(
            ip("550 blocked, see the list entry for 192.0.2.28").as_deref(),
            Some("192.0.2.28")
        );
        // A private address, or one the reply does not tie to the client, is not taken.
        assert_eq!(ip("554 Client host [10.1.2.3] blocked"), None);
        assert_eq!(ip("550 5.1.1 user unknown at 192.0.2.29"), None);
        // The client's address wins over an earlier, weaker one.
        assert_eq!(
            ip("550 from 192.0.2.30: client host [192.0.2.31] rejected").as_deref(),
            Some("192.0.2.31")
        );
    }

    #[test]
    fn ipv4_shapes() {
        assert_eq!(ipv4_spans("a 1.2.3.4 b"), vec![(2, 9)]);
        assert!(ipv4_spans("1.2.3.4.5").is_empty());
        assert!(ipv4_spans("256.1.1.1").is_empty());
        assert!(ipv4_spans("v1.2.3.4").is_empty());

        assert!(has_ipv4("client host [192.0.2.1] blocked"));
        assert!(has_ipv4("1.2.3.4"));
        assert!(!has_ipv4("550 5.7.1 rejected"));
        assert!(!has_ipv4("version 1.2.3 and 4"));
        assert!(!has_ipv4(""));
    }

    #[test]
    fn generic_names() {
        assert!(looks_generic("dsl-203-0-113-5.isp.example"));
        assert!(looks_generic("203-0-113-5.static.example.net"));
        assert!(looks_generic("host.dynamic.example.net"));
        assert!(!looks_generic("mail.example.com"));
        assert!(!looks_generic("203.0.113.5"));
    }

    #[test]
    fn links_that_are_the_fix() {
        assert_eq!(
            fix_links("550 5.7.1 blocked, see https://sender.example.net/delist?ip=192.0.2.1. Thanks"),
            vec!["https://sender.example.net/delist?ip=192.0.2.1".to_string()]
        );
        assert!(fix_links("550 see http://example.com/about").is_empty());
    }
}
