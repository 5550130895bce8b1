//! SMTP reply codes (RFC 5321) and enhanced status codes (RFC 3463) found in text.
//!
//! All patterns are linear-time (`regex`); they are compiled once.

use super::lean;
use regex_automata::meta::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// A code found in a text, with its byte range in that text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The code as written, e.g. `550` or `5.7.1`.
    pub code: String,
    /// Where it is in the text searched.
    pub range: Range<usize>,
}

static STATUS: LazyLock<Regex> =
    LazyLock::new(|| lean::build(r"(?:^|[^0-9A-Za-z.])([245]\.[0-9]{1,3}\.[0-9]{1,3})(?:$|[^0-9.]|\.[^0-9])"));

static REPLY: LazyLock<Regex> =
    LazyLock::new(|| lean::build(r"(?:^|[^0-9A-Za-z.#:/-])([245][0-5][0-9])(?:[ \-]|$|\]|'|,|\)|:\s)"));

static REPLY_STATUS: LazyLock<Regex> = LazyLock::new(|| {
    lean::build(
        r"(?:^|[^0-9A-Za-z.#:/-])([245][0-5][0-9])[ \-']+#?([245]\.[0-9]{1,3}\.[0-9]{1,3})(?:$|[^0-9.]|\.[^0-9])",
    )
});

/// True for an enhanced status code RFC 3463 allows: class 2, 4 or 5; subject 0–7.
pub fn is_valid_status(s: &str) -> bool {
    let mut it = s.split('.');
    let (Some(c), Some(sub), Some(d), None) = (it.next(), it.next(), it.next(), it.next()) else {
        return false;
    };
    matches!(c, "2" | "4" | "5")
        && sub.parse::<u16>().is_ok_and(|n| n <= 7)
        && sub.len() <= 3
        && d.len() <= 3
        && d.parse::<u16>().is_ok()
}

/// True when the text has a class digit followed by a dot and a digit (`5.1`): every status code
/// does, and most lines do not, so the regex runs only where it can match.
fn may_hold_status(text: &str) -> bool {
    text.as_bytes()
        .windows(3)
        .any(|w| matches!(w[0], b'2' | b'4' | b'5') && w[1] == b'.' && w[2].is_ascii_digit())
}

/// True when the text has three digits in a row that can start a reply code (`[245][0-5][0-9]`).
fn may_hold_reply(text: &str) -> bool {
    text.as_bytes()
        .windows(3)
        .any(|w| matches!(w[0], b'2' | b'4' | b'5') && matches!(w[1], b'0'..=b'5') && w[2].is_ascii_digit())
}

/// The first enhanced status code in the text.
pub fn find_status(text: &str) -> Option<Found> {
    if !may_hold_status(text) {
        return None;
    }
    STATUS.captures_iter(text).find_map(|c| {
        let (code, range) = lean::group(&c, text, 1)?;
        is_valid_status(code).then(|| Found {
            code: code.to_string(),
            range,
        })
    })
}

/// The first reply code in the text that stands where a reply code stands
/// (at a line start, after a quote or colon, or followed by an enhanced code).
pub fn find_reply(text: &str) -> Option<Found> {
    if !may_hold_reply(text) {
        return None;
    }
    if let Some((r, _)) = find_reply_status(text) {
        return Some(r);
    }
    REPLY.captures_iter(text).find_map(|c| {
        let (code, range) = lean::group(&c, text, 1)?;
        Some(Found {
            code: code.to_string(),
            range,
        })
    })
}

/// The first reply code immediately followed by an enhanced status code (`550 5.1.1`, `550-5.7.26`).
pub fn find_reply_status(text: &str) -> Option<(Found, Found)> {
    if !may_hold_reply(text) || !may_hold_status(text) {
        return None;
    }
    REPLY_STATUS.captures_iter(text).find_map(|c| {
        let (r, r_range) = lean::group(&c, text, 1)?;
        let (s, s_range) = lean::group(&c, text, 2)?;
        if !is_valid_status(s) {
            return None;
        }
        Some((
            Found {
                code: r.to_string(),
                range: r_range,
            },
            Found {
                code: s.to_string(),
                range: s_range,
            },
        ))
    })
}

/// How specific a status code is: 0 for X.0.0, 1 for X.Y.0, 2 for X.Y.Z.
pub fn specificity(status: &str) -> u8 {
    let mut it = status.split('.').skip(1);
    let sub = it.next().unwrap_or("0");
    let det = it.next().unwrap_or("0");
    match (sub == "0", det == "0") {
        (true, true) => 0,
        (false, true) | (true, false) => 1,
        (false, false) => 2,
    }
}

/// Picks between the DSN `Status` field and the code in the reply text:
/// the more specific wins, the field on a tie. The classes must agree for the text code to win,
/// except after an expiry (X.4.7: the queue gave up), where the reply's temporary status names what
/// failed.
pub fn pick_status(field: Option<&str>, in_text: Option<&str>) -> Option<String> {
    match (
        field.filter(|s| is_valid_status(s)),
        in_text.filter(|s| is_valid_status(s)),
    ) {
        (Some(f), Some(t)) => {
            let after_expiry = f.ends_with(".4.7") && !t.ends_with(".4.7") && (t[..1] == f[..1] || t.starts_with('4'));
            if after_expiry || (t[..1] == f[..1] && specificity(t) > specificity(f)) {
                Some(t.to_string())
            } else {
                Some(f.to_string())
            }
        }
        (Some(f), None) => Some(f.to_string()),
        (None, Some(t)) => Some(t.to_string()),
        (None, None) => None,
    }
}

/// Picks the status for a reply: a status written right after the reply code (`550 5.7.1`) is the
/// remote server's own and wins over the DSN `Status` field unless it is less specific; otherwise
/// [`pick_status`] decides.
pub fn pick_status_for_reply(field: Option<&str>, reply: &str) -> Option<String> {
    let field = field.filter(|s| is_valid_status(s));
    if let Some((_, s)) = find_reply_status(reply) {
        return match field {
            Some(f) if specificity(f) > specificity(&s.code) => Some(f.to_string()),
            _ => Some(s.code),
        };
    }
    pick_status(field, find_status(reply).map(|f| f.code).as_deref())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_reply_and_status() {
        let t = "host mx.example.com[192.0.2.1] said: 550 5.1.1 <a@b.c>: no";
        assert_eq!(find_reply(t).unwrap().code, "550");
        assert_eq!(find_status(t).unwrap().code, "5.1.1");
        assert!(find_status("version 10.5.1.2 and 192.0.2.1").is_none());
        assert_eq!(
            find_reply_status("550-5.7.26 Unauthenticated").unwrap().1.code,
            "5.7.26"
        );
    }

    #[test]
    fn more_specific_status_wins() {
        // An expiry names no failure: the reply's temporary status does.
        assert_eq!(pick_status(Some("4.4.7"), Some("4.4.2")).as_deref(), Some("4.4.2"));
        assert_eq!(pick_status(Some("5.4.7"), Some("4.4.1")).as_deref(), Some("4.4.1"));
        assert_eq!(pick_status(Some("5.4.7"), Some("4.4.7")).as_deref(), Some("5.4.7"));
        assert_eq!(pick_status(Some("5.0.0"), Some("5.7.1")).as_deref(), Some("5.7.1"));
        assert_eq!(pick_status(Some("5.1.1"), Some("5.7.1")).as_deref(), Some("5.1.1"));
        assert_eq!(pick_status(Some("4.0.0"), Some("5.7.1")).as_deref(), Some("4.0.0"));
    }
}
