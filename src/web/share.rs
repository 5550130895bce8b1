//! Sharing without a server: the text travels in the link's fragment (`#text=…`), which
//! browsers never send to any server; and "redact", which masks addresses, IP addresses and
//! host names before copying or sharing.
//!
//! Redaction replaces each distinct value with a stable placeholder from the documentation
//! ranges (`user1@example.invalid`, `host1.example.invalid`, `192.0.2.1`), so the masked text
//! still reads — and still analyses — like a bounce.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use regex::Regex;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The fragment key holding the shared text.
pub const FRAGMENT_KEY: &str = "text=";

/// Texts longer than this (bytes) are not put in a link (browsers cap URL length).
pub const MAX_SHARE_BYTES: usize = 48 * 1024;

/// The fragment (without `#`) carrying `text`.
pub fn encode_fragment(text: &str) -> String {
    format!("{FRAGMENT_KEY}{}", URL_SAFE_NO_PAD.encode(text.as_bytes()))
}

/// The text carried by a fragment (with or without the leading `#`), if any.
pub fn decode_fragment(fragment: &str) -> Option<String> {
    let data = fragment.trim_start_matches('#').strip_prefix(FRAGMENT_KEY)?;
    let bytes = URL_SAFE_NO_PAD.decode(data.trim_end_matches('=')).ok()?;
    Some(String::from_utf8_lossy(&bytes).into_owned())
}

fn patterns() -> &'static [(Regex, Kind)] {
    static P: OnceLock<Vec<(Regex, Kind)>> = OnceLock::new();
    P.get_or_init(|| {
        [
            (r"[A-Za-z0-9._%+=-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+", Kind::Address),
            (r"\b(?:\d{1,3}\.){3}\d{1,3}\b", Kind::Ip),
            (r"(?i)\b[0-9a-f]{1,4}(?::[0-9a-f]{0,4}){2,7}\b", Kind::Ip6),
            (
                r"(?i)\b(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}\b",
                Kind::Host,
            ),
        ]
        .into_iter()
        .filter_map(|(p, k)| Regex::new(p).ok().map(|r| (r, k)))
        .collect()
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    Address,
    Ip,
    Ip6,
    Host,
}

/// Masks e-mail addresses, IPv4/IPv6 addresses and host names in `text`; the same value gets
/// the same placeholder everywhere.
pub fn redact(text: &str) -> String {
    let mut seen: HashMap<(Kind, String), String> = HashMap::new();
    let mut counts: HashMap<Kind, usize> = HashMap::new();
    let mut out = text.to_string();
    for (re, kind) in patterns() {
        let mut next = String::with_capacity(out.len());
        let mut last = 0;
        for m in re.find_iter(&out) {
            let value = m.as_str();
            // Times like 09:14:07 look like IPv6; a real IPv6 address has hex letters or "::".
            if *kind == Kind::Ip6 && !(value.contains("::") || value.bytes().any(|b| b.is_ascii_alphabetic())) {
                continue;
            }
            if value.ends_with(".invalid") || value.starts_with("192.0.2.") {
                continue;
            }
            let key = (*kind, value.to_ascii_lowercase());
            let placeholder = seen
                .entry(key)
                .or_insert_with(|| {
                    let n = counts.entry(*kind).or_insert(0);
                    *n += 1;
                    match kind {
                        Kind::Address => format!("user{n}@example.invalid"),
                        Kind::Ip => format!("192.0.2.{}", (*n).min(254)),
                        Kind::Ip6 => format!("2001:db8::{n:x}"),
                        Kind::Host => format!("host{n}.example.invalid"),
                    }
                })
                .clone();
            next.push_str(&out[last..m.start()]);
            next.push_str(&placeholder);
            last = m.end();
        }
        next.push_str(&out[last..]);
        out = next;
    }
    out
}
