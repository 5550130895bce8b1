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
    let wanted = report
        .recipients
        .iter()
        .flat_map(|r| [r.address.as_deref(), r.remote_mta.as_deref()])
        .flatten();
    let index = TokenIndex::new(text, wanted);
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

/// The bytes an address-or-host-like token is made of.
const TOKEN_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    let extra = b"._%+-@!#$&'*/=?^`{|}~";
    let mut i = 0;
    while i < extra.len() {
        t[extra[i] as usize] = true;
        i += 1;
    }
    t
};

/// First offset of each wanted value (lower-cased) where it stands as a whole address-or-host-like
/// token (one containing `.` or `@`, also with its trailing dots cut), found in one pass.
///
/// Only the wanted values are indexed: a token is looked up only when its length and its first
/// and last bytes are those of some wanted value, so the pass allocates nothing per token.
struct TokenIndex {
    first: std::collections::HashMap<String, Option<usize>>,
}

/// How many bytes of text are lower-cased at a time for the search (then up to a non-token byte).
const LOWER_CHUNK: usize = 64 * 1024;

/// Up to this many distinct values are searched for directly; more are found by reading every token.
const SEARCH_MAX_VALUES: usize = 32;

/// A 12-bit digest of a token's length and first and last (lower-cased) bytes.
fn token_key(tok: &[u8]) -> usize {
    let (Some(&a), Some(&z)) = (tok.first(), tok.last()) else {
        return 0;
    };
    let (a, z) = (a.to_ascii_lowercase() as usize, z.to_ascii_lowercase() as usize);
    (tok.len().wrapping_mul(31) ^ a.wrapping_mul(7) ^ z.wrapping_mul(131)) & 0xfff
}

impl TokenIndex {
    fn new<'a>(text: &str, wanted: impl Iterator<Item = &'a str>) -> TokenIndex {
        let mut first = std::collections::HashMap::new();
        let mut filter = [0u64; 64];
        for w in wanted {
            if !w.bytes().all(|b| TOKEN_BYTE[b as usize]) {
                continue;
            }
            let k = token_key(w.as_bytes());
            filter[k >> 6] |= 1 << (k & 63);
            first.entry(w.to_ascii_lowercase()).or_insert(None);
        }
        if first.is_empty() {
            return TokenIndex { first };
        }
        let first = if first.len() <= SEARCH_MAX_VALUES && !first.contains_key("") {
            match TokenIndex::by_search(text, first) {
                Ok(index) => return index,
                Err(first) => first,
            }
        } else {
            first
        };
        let mut index = TokenIndex { first };
        let mut pending = index.first.len();
        let mut lower = String::new();
        let mut lookup = |tok: &str, start: usize, pending: &mut usize| {
            let k = token_key(tok.as_bytes());
            if filter[k >> 6] & (1 << (k & 63)) == 0 {
                return;
            }
            lower.clear();
            lower.push_str(tok);
            lower.make_ascii_lowercase();
            if let Some(slot @ None) = index.first.get_mut(lower.as_str()) {
                *slot = Some(start);
                *pending -= 1;
            }
        };
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() && pending > 0 {
            if !TOKEN_BYTE[bytes[i] as usize] {
                i += 1;
                continue;
            }
            let start = i;
            let mut dotted = false;
            while i < bytes.len() && TOKEN_BYTE[bytes[i] as usize] {
                dotted |= bytes[i] == b'.' || bytes[i] == b'@';
                i += 1;
            }
            if !dotted {
                continue;
            }
            let tok = &text[start..i];
            lookup(tok, start, &mut pending);
            let trimmed = tok.trim_end_matches('.');
            if trimmed.len() != tok.len() {
                lookup(trimmed, start, &mut pending);
            }
        }
        index
    }

    /// The same index, reading only the tokens where a wanted value starts: the values are found
    /// by a SIMD literal search (`aho_corasick::packed`) in a lower-cased copy of the text; `Err`
    /// hands the values back when no such searcher can be built (then every token is read).
    fn by_search(
        text: &str,
        first: std::collections::HashMap<String, Option<usize>>,
    ) -> Result<TokenIndex, std::collections::HashMap<String, Option<usize>>> {
        let Some(searcher) = aho_corasick::packed::Searcher::new(first.keys()) else {
            return Err(first);
        };
        let mut index = TokenIndex { first };
        let mut pending = index.first.len();
        // Lower-cased a piece at a time (a long text is never copied whole), each piece ending
        // after a byte no token has, so no hit or token crosses from one piece to the next.
        let bytes = text.as_bytes();
        let mut lower = Vec::new();
        let mut at = 0;
        'pieces: while at < bytes.len() {
            let mut cut = (at + LOWER_CHUNK).min(bytes.len());
            cut += bytes[cut..]
                .iter()
                .position(|&b| !TOKEN_BYTE[b as usize])
                .map_or(bytes.len() - cut, |i| i + 1);
            lower.clear();
            lower.extend(bytes[at..cut].iter().map(u8::to_ascii_lowercase));
            for m in searcher.find_iter(&lower) {
                let start = at + m.start();
                if start > 0 && TOKEN_BYTE[bytes[start - 1] as usize] {
                    continue;
                }
                // A value is made of token bytes, so its hit lies in one token: read that token.
                let mut end = at + m.end();
                while end < cut && TOKEN_BYTE[bytes[end] as usize] {
                    end += 1;
                }
                let Ok(tok) = std::str::from_utf8(&lower[start - at..end - at]) else {
                    continue;
                };
                if !tok.contains(['.', '@']) {
                    continue;
                }
                let trimmed = tok.trim_end_matches('.');
                for t in [tok, trimmed] {
                    if let Some(slot @ None) = index.first.get_mut(t) {
                        *slot = Some(start);
                        pending -= 1;
                    }
                }
                if pending == 0 {
                    break 'pieces;
                }
            }
            at = cut;
        }
        Ok(index)
    }

    /// Where `value` first stands as a whole token, or (for small inputs) anywhere.
    fn find(&self, text: &str, value: &str) -> Option<usize> {
        self.first
            .get(&value.to_ascii_lowercase())
            .copied()
            .flatten()
            .or_else(|| {
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

    /// Searching for the values and reading every token find the same places.
    #[test]
    fn token_search_agrees_with_reading_every_token() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut texts: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| String::from_utf8_lossy(&std::fs::read(e.unwrap().path()).unwrap()).into_owned())
            .collect();
        texts.push("a.b.. A.B. x@y x@y.. ..x.y x.y...z a.b host.example. host.example".into());
        // Long texts are lower-cased a piece at a time: tokens across and after a piece's end.
        for pad in [LOWER_CHUNK - 9, LOWER_CHUNK - 4, LOWER_CHUNK, 2 * LOWER_CHUNK + 1] {
            texts.push(format!(
                "{} Bob@Example.COM x.y.z. Bob@Example.COM.",
                "é ab".repeat(pad / 5)
            ));
        }
        let (mut compared, mut searched) = (0, 0);
        for text in &texts {
            let tokens: Vec<&str> = text
                .split(|c: char| !c.is_ascii() || !TOKEN_BYTE[c as usize])
                .filter(|t| t.contains(['.', '@']))
                .collect();
            for chunk in tokens.chunks(4) {
                let mut wanted: Vec<String> = Vec::new();
                for t in chunk {
                    wanted.push(t.to_string());
                    wanted.push(t.to_ascii_uppercase());
                    wanted.push(t.trim_end_matches('.').to_string());
                    wanted.push(format!("{t}."));
                    wanted.push(t[1..].to_string());
                    wanted.push(t[..t.len() - 1].to_string());
                }
                wanted.retain(|w| !w.is_empty());
                let first: std::collections::HashMap<String, Option<usize>> =
                    wanted.iter().map(|w| (w.to_ascii_lowercase(), None)).collect();
                // The reading path: too many values for the search.
                let mut many = first.clone();
                for i in 0..SEARCH_MAX_VALUES {
                    many.insert(format!("absent{i}.invalid"), None);
                }
                let mut read = TokenIndex::new(text, many.keys().map(String::as_str)).first;
                read.retain(|k, _| first.contains_key(k));
                if let Ok(search) = TokenIndex::by_search(text, first) {
                    assert_eq!(search.first, read, "{wanted:?}");
                    searched += 1;
                }
                compared += 1;
            }
        }
        assert!(compared > 100 && searched * 2 > compared, "{searched} of {compared}");
    }

    #[test]
    fn token_index_finds_only_wanted_whole_tokens() {
        let t = "see x.example.org and Bob@Example.COM, then mx.example.org. and bob@example.com";
        let idx = TokenIndex::new(
            t,
            ["bob@example.com", "MX.example.org", "example.org", "nowhere.test"].into_iter(),
        );
        assert_eq!(idx.find(t, "BOB@example.com"), Some(22));
        assert_eq!(idx.find(t, "mx.example.org"), Some(44));
        // Only whole tokens: `example.org` inside `x.example.org` is not indexed, but the small-input
        // scan still finds it.
        assert_eq!(idx.first.get("example.org"), Some(&None));
        assert_eq!(idx.find(t, "example.org"), Some(6));
        assert_eq!(idx.find(t, "nowhere.test"), None);
    }
}
