//! Source spans: where each reported fact stands in the input exactly as given.
//!
//! Facts may come from decoded MIME parts, so they are located afterwards in
//! the input text (whose byte offsets equal the input's, see `input`).

use crate::model::{Report, Span, SpanKind};

/// Finds each recipient's address, reply code, status, remote host and diagnostic in the text.
pub fn locate(text: &str, report: &mut Report) {
    let mut spans = Vec::new();
    for (i, r) in report.recipients.iter().enumerate() {
        let rec = Some(i);
        let diag = r.diagnostic.as_deref().and_then(|d| find_diagnostic(text, d));
        if let Some((s, e)) = diag {
            spans.push(Span {
                start: s,
                end: e,
                what: SpanKind::Diagnostic,
                recipient: rec,
            });
        }
        // Codes are looked for inside the diagnostic first, so the highlight is the one that matters.
        let within = diag.unwrap_or((0, text.len()));
        if !r.reply_code.is_empty() {
            if let Some(s) =
                find_token(text, &r.reply_code, within).or_else(|| find_token(text, &r.reply_code, (0, text.len())))
            {
                spans.push(Span {
                    start: s,
                    end: s + r.reply_code.len(),
                    what: SpanKind::ReplyCode,
                    recipient: rec,
                });
            }
        }
        if let Some(st) = r.status.as_deref() {
            if let Some(s) = find_token(text, st, within).or_else(|| find_token(text, st, (0, text.len()))) {
                spans.push(Span {
                    start: s,
                    end: s + st.len(),
                    what: SpanKind::Status,
                    recipient: rec,
                });
            }
        }
        if let Some(a) = r.address.as_deref() {
            if let Some(s) = find_ci(text, a, 0) {
                spans.push(Span {
                    start: s,
                    end: s + a.len(),
                    what: SpanKind::Recipient,
                    recipient: rec,
                });
            }
        }
        if let Some(h) = r.remote_mta.as_deref() {
            if let Some(s) = find_ci(text, h, 0) {
                spans.push(Span {
                    start: s,
                    end: s + h.len(),
                    what: SpanKind::RemoteMta,
                    recipient: rec,
                });
            }
        }
    }
    spans.sort_by_key(|s| (s.start, s.end));
    spans.dedup_by(|a, b| a.start == b.start && a.end == b.end && a.what == b.what);
    report.spans = spans;
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
fn find_diagnostic(text: &str, diag: &str) -> Option<(usize, usize)> {
    let words: Vec<&str> = diag.split_whitespace().collect();
    let first = *words.first()?;
    let bytes = text.as_bytes();
    let mut from = 0;
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
        assert_eq!(find_diagnostic(t, "550 5.1.1 no such user here"), Some((6, t.len())));
        assert_eq!(find_token("a 5.1.10 b 5.1.1", "5.1.1", (0, 16)), Some(11));
    }
}
