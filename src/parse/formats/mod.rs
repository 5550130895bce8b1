//! One module per family of bounce senders. Detection is ordered, most
//! specific first; the first format that recognises the input extracts it
//! alone (no merging of several formats' guesses).
//!
//! A module recognises its sender by headers and fixed phrases, then reads the
//! DSN part when there is one (`rfc3464::from_dsn`, completed from the text)
//! or the text alone (`text::extract` with the module's markers).

pub mod amazonses;
pub mod courier;
pub mod domino;
pub mod exchange;
pub mod exim;
pub mod ezweb;
pub mod fml;
pub mod gateway;
pub mod generic;
pub mod gmail;
pub mod googlegroups;
pub mod messagingserver;
pub mod mimecast;
pub mod opensmtpd;
pub mod postfix;
pub mod qmail;
pub mod rfc3464;
pub mod sendmail;
pub mod text;
pub mod yahoo;
pub mod zoho;

use super::hops::TriedHost;
use super::mime::Mail;
use crate::model::Recipient;

/// What a format module extracted from one bounce.
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    /// The format id, e.g. `postfix`.
    pub format: &'static str,
    /// The host that wrote the report.
    pub reporting_mta: Option<String>,
    /// Recipients in message order; `reason` and `hard` are left for `diagnose`.
    pub recipients: Vec<Recipient>,
    /// Remote hosts tried, in order.
    pub tried: Vec<TriedHost>,
    /// True when the recipients come from a delivery-status part.
    pub from_dsn: bool,
    /// The comments of DSN `Status` fields (`4.0.0 (host name lookup failure)`) by recipient
    /// address: a recipient's only words when its block has no `Diagnostic-Code`.
    pub status_notes: Vec<(String, String)>,
}

/// A format: its id and an extractor that returns `None` when the input is not of that format.
pub type Extractor = fn(&Mail) -> Option<Extracted>;

/// All formats, most specific first; `generic` is last and always answers.
pub const FORMATS: &[(&str, Extractor)] = &[
    ("exchange", exchange::extract),
    ("googlegroups", googlegroups::extract),
    ("gmail", gmail::extract),
    ("amazonses", amazonses::extract),
    ("mimecast", mimecast::extract),
    ("zoho", zoho::extract),
    ("ezweb", ezweb::extract),
    ("fml", fml::extract),
    ("yahoo", yahoo::extract),
    ("messagingserver", messagingserver::extract),
    ("domino", domino::extract),
    ("courier", courier::extract),
    ("opensmtpd", opensmtpd::extract),
    ("gateway", gateway::extract),
    ("qmail", qmail::extract),
    ("exim", exim::extract),
    ("postfix", postfix::extract),
    ("sendmail", sendmail::extract),
    ("rfc3464", rfc3464::extract),
    ("generic", generic::extract),
];

/// Runs the formats in order and returns the first answer.
pub fn extract(mail: &Mail) -> Extracted {
    for (_, f) in FORMATS {
        if let Some(mut x) = f(mail) {
            let notes = std::mem::take(&mut x.status_notes);
            for r in x.recipients.iter_mut().filter(|r| r.diagnostic.is_none()) {
                let address = r.address.as_deref().unwrap_or("");
                r.diagnostic = notes
                    .iter()
                    .find(|(a, _)| a.eq_ignore_ascii_case(address))
                    .map(|(_, note)| note.clone());
            }
            return x;
        }
    }
    Extracted {
        format: "generic",
        ..Extracted::default()
    }
}

/// The usual reading for a recognised sender: its DSN part completed from its text, or the text alone.
pub fn standard(mail: &Mail, rules: &text::Rules, format: &'static str) -> Extracted {
    let mut x = match rfc3464::from_dsn(mail) {
        Some(mut x) => {
            text::complete(&mut x, mail, rules);
            x
        }
        None => text::extract(mail, rules, format),
    };
    x.format = format;
    x
}

/// Every phrase the formats look for with [`body_has`], lower-case: the body is searched for all of
/// them in one pass. (A phrase missing here still works, by a search of its own.)
const DETECT: &[&str] = &[
    "running the courier mail server",
    "courier mail server at",
    "------- failure reasons",
    "domino directory",
    "lotus domino",
    "was not delivered to:",
    "because:",
    "diagnostic information for administrators",
    "generating server:",
    "did not reach the following recipient",
    "msexch:",
    "remote server returned '",
    "this message was created automatically by mail delivery software",
    "smtp error from remote mail server after",
    "delivery to the following recipient failed",
    "delivery to the following recipient has been delayed",
    "the response from the remote server was:",
    "the error that the other server returned was:",
    "technical details of permanent failure",
    "technical details of temporary failure",
    "** message not delivered **",
    "** address not found **",
    "the response was:",
    "groups.google.com",
    "google groups",
    "this report relates to a message you sent",
    "the problem appears to be :",
    "mimecast",
    "this is the mailer-daemon, please do not reply",
    "an error has occurred while attempting to deliver a message for",
    "this is the mail system at host",
    "the postfix program",
    "x-postfix-queue-id",
    "this is the postfix program",
    "this is the qmail-send program",
    "qmail-send program at",
    "--- below this line is a copy of the message",
    "----- transcript of session follows -----",
    "the original message was received at",
    "following addresses had permanent fatal errors",
    "----- the following addresses had",
    "sorry, we were unable to deliver your message to the following address",
];

/// The automaton finding the longest [`DETECT`] phrase at the leftmost position, in lower-cased text.
static DETECT_SEARCH: std::sync::LazyLock<aho_corasick::AhoCorasick> = std::sync::LazyLock::new(|| {
    aho_corasick::AhoCorasick::builder()
        // Not a DFA: that took 5.4 M instructions to build per process, more than its faster search saved.
        .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .build(DETECT)
        .expect("fixed phrases build")
});

/// For each [`DETECT`] phrase, a bit for each phrase it contains (itself included): finding it
/// finds them. Worked out by the compiler, so no process spends time on it.
const DETECT_CONTAINS: [u64; DETECT.len()] = {
    assert!(DETECT.len() <= 64, "one bit per phrase");
    let mut out = [0u64; DETECT.len()];
    let mut i = 0;
    while i < DETECT.len() {
        let mut j = 0;
        while j < DETECT.len() {
            if const_contains(DETECT[i].as_bytes(), DETECT[j].as_bytes()) {
                out[i] |= 1 << j;
            }
            j += 1;
        }
        i += 1;
    }
    out
};

/// `hay` contains `needle`, usable in constants.
const fn const_contains(hay: &[u8], needle: &[u8]) -> bool {
    let mut at = 0;
    while at + needle.len() <= hay.len() {
        let mut k = 0;
        while k < needle.len() && hay[at + k] == needle[k] {
            k += 1;
        }
        if k == needle.len() {
            return true;
        }
        at += 1;
    }
    false
}

/// The part of the body the detection phrases are looked for in.
const DETECT_WINDOW: usize = 65536;

/// Which [`DETECT`] phrases occur in `lower` (lower-case text). A leftmost-longest search resumed
/// one byte after each match start finds every starting position; the phrases inside the longest
/// one at a position are implied by it. Exact, and it keeps the automaton's fast skip between matches
/// (an overlapping search cannot use it).
fn detect_phrases(lower: &[u8]) -> Vec<bool> {
    let mut found = vec![false; DETECT.len()];
    let mut at = 0;
    while let Some(m) = DETECT_SEARCH.find(aho_corasick::Input::new(lower).range(at..)) {
        let inside = DETECT_CONTAINS[m.pattern().as_usize()];
        for (j, f) in found.iter_mut().enumerate() {
            *f |= inside >> j & 1 == 1;
        }
        at = m.start() + 1;
    }
    found
}

/// True when the lower-cased body contains any of the phrases (searched in its first 64 KiB).
pub fn body_has(mail: &Mail, phrases: &[&str]) -> bool {
    let window = &mail.body.as_bytes()[..mail.body.len().min(DETECT_WINDOW)];
    // The phrases are lower-case: a lower-cased copy is searched by a plain automaton.
    let found = mail
        .phrases_found
        .get_or_init(|| detect_phrases(&window.to_ascii_lowercase()));
    phrases.iter().any(|p| match DETECT.iter().position(|d| d == p) {
        Some(i) => found[i],
        None => {
            let lower = String::from_utf8_lossy(window).to_ascii_lowercase();
            lower.contains(p)
        }
    })
}

/// True when the top-level header holds any of the lower-case fragments.
pub fn header_has(mail: &Mail, name: &str, fragments: &[&str]) -> bool {
    mail.headers.iter().filter(|(n, _)| n == name).any(|(_, v)| {
        let l = v.to_ascii_lowercase();
        fragments.iter().any(|f| l.contains(f))
    })
}

/// True when the top-level header exists.
pub fn has_header(mail: &Mail, name: &str) -> bool {
    mail.headers.iter().any(|(n, _)| n == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_is_ordered_and_generic_answers_last() {
        let ids: Vec<&str> = FORMATS.iter().map(|(id, _)| *id).collect();
        assert_eq!(ids.last(), Some(&"generic"));
        assert_eq!(ids[ids.len() - 2], "rfc3464");
        let mut unique = ids.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), ids.len(), "duplicate format ids");
        // Nothing recognisable still gets an answer, from the last format.
        assert_eq!(extract(&Mail::default()).format, "generic");
    }

    #[test]
    fn detection_phrases_are_lower_case_and_found_in_any_case() {
        for p in DETECT {
            assert_eq!(*p, p.to_lowercase(), "{p}");
        }
        let mail = Mail {
            body: "Hello\nThis is the MAIL SYSTEM at host mx.example.org.\n".into(),
            ..Mail::default()
        };
        assert!(body_has(&mail, &["this is the mail system at host"]));
        assert!(!body_has(&mail, &["the postfix program", "lotus domino"]));
        // A phrase outside the list is searched on its own.
        assert!(body_has(&mail, &["hello"]));
        // Only the first 64 KiB count.
        let far = Mail {
            body: format!("{}\nlotus domino\n", "x".repeat(DETECT_WINDOW)),
            ..Mail::default()
        };
        assert!(!body_has(&far, &["lotus domino"]));
    }

    #[test]
    fn the_containment_table_agrees_with_str_contains() {
        for (i, outer) in DETECT.iter().enumerate() {
            for (j, inner) in DETECT.iter().enumerate() {
                assert_eq!(
                    DETECT_CONTAINS[i] >> j & 1 == 1,
                    outer.contains(inner),
                    "{outer} / {inner}"
                );
            }
        }
        assert!(const_contains(b"abc", b""));
        assert!(!const_contains(b"ab", b"abc"));
    }

    #[test]
    fn detection_finds_every_phrase_as_an_overlapping_search_does() {
        let overlapping = aho_corasick::AhoCorasick::new(DETECT).expect("fixed phrases build");
        // Phrases inside others, phrases sharing a prefix, and phrases glued end to start.
        let mut texts: Vec<String> = vec![
            "this is the postfix program at host x".into(),
            "the postfix programthe postfix program".into(),
            "google groupsgroups.google.comimecast".into(),
            "technical details of permanent failuretechnical details of temporary failure".into(),
            String::new(),
        ];
        // Every pair of phrases, glued with one shared byte where they can share one.
        for a in DETECT {
            for b in DETECT {
                texts.push(format!("{a}{b}"));
                if a.as_bytes().last() == b.as_bytes().first() {
                    texts.push(format!("{a}{}", &b[1..]));
                }
            }
        }
        for t in &texts {
            let mut expected = vec![false; DETECT.len()];
            for m in overlapping.find_overlapping_iter(t) {
                expected[m.pattern().as_usize()] = true;
            }
            assert_eq!(detect_phrases(t.as_bytes()), expected, "{t}");
        }
    }

    #[test]
    fn the_first_matching_format_wins() {
        // Exchange text that also quotes a Postfix-like "said:" reply is Exchange's.
        let mail = Mail {
            body: "Diagnostic information for administrators:\n\nGenerating server: ex.example.com\n\na@example.com\nRemote Server returned '550 5.1.1 said: no such user'\n".into(),
            ..Mail::default()
        };
        let x = extract(&mail);
        assert_eq!(x.format, "exchange");
        assert_eq!(x.recipients.len(), 1);
        assert_eq!(x.recipients[0].status.as_deref(), Some("5.1.1"));
    }
}
