//! Pattern sets for reply texts: many case-insensitive patterns matched in one
//! linear-time pass.
//!
//! Reply texts are matched as bytes with ASCII-only classes (`\b`, `\s`, `\w`)
//! and ASCII case folding. Unicode classes would make the lazy DFA give up on
//! non-ASCII input and fall back to a much slower engine; no pattern needs them.

use regex::bytes::{RegexSet, RegexSetBuilder};

/// How much memory each set's lazy DFA may use before it clears its cache.
const DFA_CACHE_BYTES: usize = 32 << 20;

/// Compiles patterns into one set, case-insensitive, ASCII-only.
pub fn set<I, S>(patterns: I) -> Result<RegexSet, regex::Error>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    RegexSetBuilder::new(patterns)
        .unicode(false)
        .case_insensitive(true)
        .dfa_size_limit(DFA_CACHE_BYTES)
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_across_case_and_non_ascii_text() {
        let s = set([r"\bno such user\b", r"mailbox\s+full"]).unwrap();
        let hits: Vec<usize> = s
            .matches("Zażółć: NO SUCH USER here; Mailbox  FULL".as_bytes())
            .iter()
            .collect();
        assert_eq!(hits, vec![0, 1]);
        assert!(s.matches("nosuchuser".as_bytes()).iter().next().is_none());
    }
}
