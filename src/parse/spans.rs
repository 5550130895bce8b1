//! Source spans: where each reported fact stands in the input exactly as given.
//!
//! Facts may come from decoded MIME parts, so they are located afterwards in
//! the input text (whose byte offsets equal the input's, see `input`).

use crate::model::{Report, Span, SpanKind};

/// Finds each recipient's address, reply code, status, remote host and diagnostic in the text.
///
/// Linear in the input: addresses and host names are looked up in a token index built in one
/// pass, and diagnostics are searched from where the previous recipient's was found.
pub fn locate(text: &str, report: &mut Report) {
    let index = TokenIndex::new(text);
    let mut spans = Vec::new();
    let mut cursor = 0;
    for (i, r) in report.recipients.iter().enumerate() {
        let rec = Some(i);
        let mut push = |start: usize, end: usize, what: SpanKind| {
            spans.push(Span {
                start,
                end,
                what,
                recipient: rec,
            })
        };
        let diag = r
            .diagnostic
            .as_deref()
            .and_then(|d| find_diagnostic(text, d, cursor).or_else(|| find_diagnostic(text, d, 0)));
        if let Some((s, e)) = diag {
            push(s, e, SpanKind::Diagnostic);
            cursor = e;
        }
        // Codes are looked for inside the diagnostic first, so the highlight is the one that matters.
        let within = diag.unwrap_or((0, text.len()));
        for (code, what) in [
            (Some(r.reply_code.as_str()), SpanKind::ReplyCode),
            (r.status.as_deref(), SpanKind::Status),
        ] {
            let Some(code) = code.filter(|c| !c.is_empty()) else {
                continue;
            };
            if let Some(s) = find_token(text, code, within).or_else(|| find_token(text, code, (0, text.len()))) {
                push(s, s + code.len(), what);
            }
        }
        for (value, what) in [
            (r.address.as_deref(), SpanKind::Recipient),
            (r.remote_mta.as_deref(), SpanKind::RemoteMta),
        ] {
            if let Some(v) = value {
                if let Some(s) = index.find(text, v) {
                    push(s, s + v.len(), what);
                }
            }
        }
    }
    spans.sort_by_key(|s| (s.start, s.end));
    spans.dedup_by(|a, b| a.start == b.start && a.end == b.end && a.what == b.what);
    report.spans = spans;
}

/// Inputs up to this size are also scanned directly for a value the token index lacks.
const SCAN_FALLBACK_MAX: usize = 64 * 1024;

/// First offset of every address-or-host-like token (lower-cased), built in one pass.
struct TokenIndex {
    first: std::collections::HashMap<String, usize>,
}

impl TokenIndex {
    fn new(text: &str) -> TokenIndex {
        let is_tok = |b: u8| b.is_ascii_alphanumeric() || b"._%+-@!#$&'*/=?^`{|}~".contains(&b);
        let bytes = text.as_bytes();
        let mut first = std::collections::HashMap::new();
        let mut i = 0;
        while i < bytes.len() {
            if !is_tok(bytes[i]) {
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() && is_tok(bytes[i]) {
                i += 1;
            }
            let tok = &text[start..i];
            if tok.contains('.') || tok.contains('@') {
                first.entry(tok.to_ascii_lowercase()).or_insert(start);
                let trimmed = tok.trim_end_matches('.');
                if trimmed.len() != tok.len() {
                    first.entry(trimmed.to_ascii_lowercase()).or_insert(start);
                }
            }
        }
        TokenIndex { first }
    }

    /// Where `value` first stands as a whole token, or (for small inputs) anywhere.
    fn find(&self, text: &str, value: &str) -> Option<usize> {
        self.first.get(&value.to_ascii_lowercase()).copied().or_else(|| {
            if text.len() <= SCAN_FALLBACK_MAX {
                find_ci(text, value, 0)
            } else {
                None
            }
        })
    }
}

/// The first place `needle` stands as a whole token within `range`.
fn find_token(text: &str, needle: &str, range: (usize, usize)) -> Option<usize> {
    let hay = text.get(range.0..range.1)?;
    let bytes = hay.as_bytes();
    let mut from = 0;
    while let Some(p) = hay.get(from..)?.find(needle) {
        let s = from + p;
        let e = s + needle.len();
        let before_ok = s == 0 || !(bytes[s - 1].is_ascii_alphanumeric() || bytes[s - 1] == b'.');
        let after_ok = e >= bytes.len()
            || !(bytes[e].is_ascii_digit() || (bytes[e] == b'.' && bytes.get(e + 1).is_some_and(u8::is_ascii_digit)));
        if before_ok && after_ok {
            return Some(range.0 + s);
        }
        from = s + 1;
        while from < hay.len() && !hay.is_char_boundary(from) {
            from += 1;
        }
    }
    None
}

/// Case-insensitive ASCII search from `from`.
fn find_ci(text: &str, needle: &str, from: usize) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    let h = text.as_bytes();
    let n = needle.as_bytes();
    if n.len() > h.len() {
        return None;
    }
    (from..=h.len() - n.len()).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// Locates an unfolded diagnostic in text that may wrap it over several lines:
/// matches word by word, allowing any whitespace between words.
fn find_diagnostic(text: &str, diag: &str, from: usize) -> Option<(usize, usize)> {
    let words: Vec<&str> = diag.split_whitespace().collect();
    let first = *words.first()?;
    let bytes = text.as_bytes();
    let mut from = from;
    let mut tries = 0;
    while let Some(p) = text.get(from..).and_then(|t| t.find(first)) {
        tries += 1;
        if tries > 64 {
            return None;
        }
        let start = from + p;
        let mut pos = start + first.len();
        let mut ok = true;
        for w in &words[1..] {
            let mut q = pos;
            while q < bytes.len() && (bytes[q].is_ascii_whitespace() || bytes[q] == b'>' || bytes[q] == b'=') {
                q += 1;
            }
            if q == pos || !text.get(q..).is_some_and(|t| t.starts_with(w)) {
                ok = false;
                break;
            }
            pos = q + w.len();
        }
        if ok {
            return Some((start, pos));
        }
        from = start + first.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_wrapped_diagnostic() {
        let t = "said: 550 5.1.1 no such\r\n    user here";
        assert_eq!(find_diagnostic(t, "550 5.1.1 no such user here", 0), Some((6, t.len())));
        assert_eq!(find_token("a 5.1.10 b 5.1.1", "5.1.1", (0, 16)), Some(11));
    }
}
