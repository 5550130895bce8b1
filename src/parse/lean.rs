//! Regexes for short texts (one reply, one line, a window of a few KB) or for lines a literal
//! search has already picked: built without a literal prefilter, which costs more to build than
//! it saves on such texts (the parser's case-insensitive patterns would otherwise spend most of
//! their compile time enumerating letter-case variants for it). The word searches that pick such
//! lines are here too.

use regex_automata::meta::{Config, Regex};
use regex_automata::util::captures::Captures;

/// Compiles a fixed pattern, with the same syntax and UTF-8 semantics as `regex::Regex`.
///
/// Panics on a bad pattern: the patterns are constants, and every one is built by the tests.
pub fn build(pattern: &str) -> Regex {
    Regex::builder()
        .configure(Config::new().auto_prefilter(false))
        .build(pattern)
        .expect("a fixed pattern compiles")
}

/// The text of group `group` in one match's captures.
pub fn group<'t>(caps: &Captures, text: &'t str, group: usize) -> Option<(&'t str, std::ops::Range<usize>)> {
    let span = caps.get_group(group)?;
    Some((text.get(span.range())?, span.range()))
}

/// The first match's group `group` in `text`.
pub fn first_group<'t>(re: &Regex, text: &'t str, group: usize) -> Option<&'t str> {
    let mut caps = re.create_captures();
    re.captures(text, &mut caps);
    self::group(&caps, text, group).map(|(t, _)| t)
}

/// An automaton finding any of the fixed `words` ASCII case-insensitively, built once by its
/// caller: the literal pass that picks the texts or lines a regex then reads.
pub fn words(words: &[&str]) -> aho_corasick::AhoCorasick {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        // Not a DFA: that took about 1.5 M instructions to build per list and process, more than it saved.
        .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
        .build(words)
        .expect("fixed words build")
}
