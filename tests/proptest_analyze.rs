//! Property tests: `bounce::analyze` on random bytes, random text, text made of
//! bounce vocabulary, and mutated bounce skeletons (DSN multipart, Postfix text,
//! reply lines) with random line ends, truncation and byte flips.
//!
//! For every input: no panic; every span lies within the input, on char
//! boundaries, and names an existing recipient; every reason serialises to an
//! id of the fixed vocabulary; status and reply codes are well formed; a
//! failing hop exists; the report serialises to JSON. Plain-text inputs must
//! not get codes that are not in the text.

#[path = "../benches/support/gen.rs"]
mod gen;

use bounce::model::{Reason, Report};
use proptest::prelude::*;

/// Checks every property of one analysis.
fn check(input: &[u8]) -> Result<(), TestCaseError> {
    let report: Report = bounce::analyze(input);
    let inp = bounce::input::Input::new(input);
    let text = inp.text.as_str();
    prop_assert_eq!(text.len(), input.len().min(bounce::input::MAX_INPUT_BYTES));
    for s in &report.spans {
        prop_assert!(
            s.start <= s.end && s.end <= text.len(),
            "span {:?} outside {} bytes",
            s,
            text.len()
        );
        prop_assert!(
            text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
            "span {:?} splits a char",
            s
        );
        if let Some(i) = s.recipient {
            prop_assert!(i < report.recipients.len(), "span {:?} names a missing recipient", s);
        }
    }
    if let Some(h) = report.failing_hop {
        prop_assert!(h < report.hops.len(), "failing_hop {} of {} hops", h, report.hops.len());
    }
    let plain = !bounce::parse::mime::starts_with_header(text);
    for r in &report.recipients {
        prop_assert!(Reason::ALL.contains(&r.reason));
        prop_assert_eq!(Reason::from_id(r.reason.as_str()), Some(r.reason));
        prop_assert!(
            r.reply_code.is_empty() || (r.reply_code.len() == 3 && r.reply_code.bytes().all(|b| b.is_ascii_digit())),
            "reply code {:?}",
            r.reply_code
        );
        if let Some(st) = r.status.as_deref() {
            prop_assert!(bounce::parse::codes::is_valid_status(st), "status {:?}", st);
        }
        if plain {
            prop_assert!(
                text.contains(r.reply_code.as_str()),
                "reply code {:?} not in the text",
                r.reply_code
            );
            if let Some(st) = r.status.as_deref() {
                prop_assert!(text.contains(st), "status {:?} not in the text", st);
            }
        }
    }
    let json = serde_json::to_value(&report).map_err(|e| TestCaseError::fail(e.to_string()))?;
    for r in json["recipients"].as_array().into_iter().flatten() {
        let id = r["reason"].as_str().unwrap_or("");
        prop_assert!(Reason::from_id(id).is_some(), "reason {:?} not in the vocabulary", id);
    }
    Ok(())
}

/// Pieces bounces are made of, to build text that reaches the parsers' inner paths.
const VOCAB: &[&str] = &[
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    " ",
    "\t",
    ":",
    ";",
    "<",
    ">",
    "@",
    "[",
    "]",
    "(",
    ")",
    "'",
    "\"",
    "-",
    "--",
    ".",
    "550",
    "554",
    "452",
    "421",
    "250",
    "5.1.1",
    "4.2.2",
    "5.7.1",
    "5.0.0",
    "5.7.26",
    "550-5.7.1",
    "550 5.1.1",
    "user@example.com",
    "mx.example.net",
    "192.0.2.1",
    "2001:db8::1",
    "From: ",
    "To: ",
    "Subject: ",
    "Received: from a by b; ",
    "Mon, 16 Nov 2026 10:15:02 +0100",
    "MIME-Version: 1.0\n",
    "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\n",
    "Content-Type: message/delivery-status\n",
    "Content-Type: text/rfc822-headers\n",
    "Content-Type: message/rfc822\n",
    "Content-Type: message/feedback-report\n",
    "Content-Transfer-Encoding: base64\n",
    "Content-Transfer-Encoding: quoted-printable\n",
    "--b\n",
    "--b--\n",
    "=?UTF-8?B?xIU=?=",
    "=?iso-8859-2?Q?=B1?=",
    "Reporting-MTA: dns; ",
    "Final-Recipient: rfc822; ",
    "Original-Recipient: ",
    "Action: failed",
    "Action: delayed",
    "Status: ",
    "Remote-MTA: dns; ",
    "Diagnostic-Code: smtp; ",
    "Feedback-Type: abuse",
    "Auto-Submitted: auto-replied",
    "host ",
    " said: ",
    "(in reply to RCPT TO command)",
    "while talking to ",
    "Remote Server returned '",
    "Generating server: ",
    "Remote host said: ",
    "after RCPT TO",
    "User unknown",
    "mailbox full",
    "blocked",
    "Zażółć",
    "ł",
    "€",
    "\u{0}",
    "\u{feff}",
];

fn vocab_text() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(prop::sample::select(VOCAB), 0..120).prop_map(|v| v.concat().into_bytes())
}

/// A realistic skeleton: DSN multipart, Postfix text, a reply line, a nested or mixed-charset message.
fn skeleton() -> impl Strategy<Value = Vec<u8>> {
    let eol = prop::sample::select(vec![gen::Eol::Lf, gen::Eol::CrLf, gen::Eol::Cr]);
    (0usize..7, 0usize..5, 0usize..gen::REPLY_LINES.len(), eol).prop_map(|(kind, n, line, eol)| {
        let text = match kind {
            0 => gen::dsn(&(0..n.max(1)).map(gen::Rcpt::nth).collect::<Vec<_>>(), None),
            1 => gen::typical(),
            2 => gen::postfix_text(&gen::Rcpt::nth(n)),
            3 => gen::REPLY_LINES[line].to_string(),
            4 => gen::nested_multipart(n * 3),
            5 => gen::encoded_words(n * 4 + 1),
            _ => return gen::mixed_charsets(),
        };
        gen::with_eol(&text, eol).into_bytes()
    })
}

/// One edit applied to a skeleton.
#[derive(Debug, Clone)]
enum Mutation {
    /// Keep only the first part (position as a fraction of the length, in 1/1000).
    Truncate(u16),
    /// XOR one byte.
    Flip(u16, u8),
    /// Insert bytes.
    Insert(u16, Vec<u8>),
    /// Delete a range.
    Delete(u16, u16),
    /// Copy a range to another place.
    Duplicate(u16, u16, u16),
    /// Change every line end from this point on.
    LineEnds(u16, u8),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (0u16..1000).prop_map(Mutation::Truncate),
        (0u16..1000, 1u8..=255).prop_map(|(p, x)| Mutation::Flip(p, x)),
        (0u16..1000, prop::collection::vec(any::<u8>(), 1..16)).prop_map(|(p, b)| Mutation::Insert(p, b)),
        (0u16..1000, 1u16..200).prop_map(|(p, n)| Mutation::Delete(p, n)),
        (0u16..1000, 1u16..400, 0u16..1000).prop_map(|(p, n, to)| Mutation::Duplicate(p, n, to)),
        (0u16..1000, 0u8..3).prop_map(|(p, e)| Mutation::LineEnds(p, e)),
    ]
}

fn at(v: &[u8], p: u16) -> usize {
    v.len() * p as usize / 1000
}

fn apply(mut v: Vec<u8>, muts: &[Mutation]) -> Vec<u8> {
    for m in muts {
        match m {
            Mutation::Truncate(p) => v.truncate(at(&v, *p)),
            Mutation::Flip(p, x) => {
                let i = at(&v, *p);
                if let Some(b) = v.get_mut(i) {
                    *b ^= x;
                }
            }
            Mutation::Insert(p, b) => {
                let i = at(&v, *p);
                v.splice(i..i, b.iter().copied());
            }
            Mutation::Delete(p, n) => {
                let i = at(&v, *p);
                let e = (i + *n as usize).min(v.len());
                v.drain(i..e);
            }
            Mutation::Duplicate(p, n, to) => {
                let i = at(&v, *p);
                let e = (i + *n as usize).min(v.len());
                let piece = v[i..e].to_vec();
                let t = at(&v, *to);
                v.splice(t..t, piece);
            }
            Mutation::LineEnds(p, e) => {
                let i = at(&v, *p);
                let eol: &[u8] = match e {
                    0 => b"\n",
                    1 => b"\r\n",
                    _ => b"\r",
                };
                let mut out = v[..i].to_vec();
                for line in v[i..].split(|&b| b == b'\n') {
                    out.extend_from_slice(line.strip_suffix(b"\r").unwrap_or(line));
                    out.extend_from_slice(eol);
                }
                v = out;
            }
        }
    }
    v
}

/// Cases per property: `PROPTEST_CASES` when set, else 256.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256)
}

proptest! {
    // 256 cases per property keeps the debug-build run at a few seconds; PROPTEST_CASES asks for more.
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes(input in prop::collection::vec(any::<u8>(), 0..2048)) {
        check(&input)?;
    }

    #[test]
    fn random_text(input in ".{0,400}") {
        check(input.as_bytes())?;
    }

    #[test]
    fn bounce_vocabulary(input in vocab_text()) {
        check(&input)?;
    }

    #[test]
    fn skeletons_unchanged_have_a_recipient(input in skeleton()) {
        check(&input)?;
        let r = bounce::analyze(&input);
        prop_assert!(!r.recipients.is_empty(), "no recipient in {:?}", String::from_utf8_lossy(&input));
    }

    #[test]
    fn mutated_skeletons(input in skeleton(), muts in prop::collection::vec(mutation(), 1..6)) {
        check(&apply(input, &muts))?;
    }
}

#[test]
fn mutations_do_what_they_say() {
    let v = b"ab\ncd\n".to_vec();
    assert_eq!(apply(v.clone(), &[Mutation::Truncate(500)]), b"ab\n");
    assert_eq!(apply(v.clone(), &[Mutation::Flip(0, 0x20)]), b"Ab\ncd\n");
    assert_eq!(apply(v.clone(), &[Mutation::LineEnds(0, 1)]), b"ab\r\ncd\r\n\r\n");
    assert_eq!(apply(v.clone(), &[Mutation::Duplicate(0, 3, 1000)]), b"ab\ncd\nab\n");
    assert_eq!(apply(v, &[Mutation::Delete(0, 3)]), b"cd\n");
}
