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

/// A fixed pattern built lazily in two forms that match alike on ASCII text: the full pattern
/// (as [`build`]), for texts with any non-ASCII character, and its ASCII restriction, for ASCII
/// texts. The restriction keeps only what can match ASCII text (classes cut to ASCII, non-ASCII
/// literals never match, Unicode word boundaries read as ASCII ones, which they equal there), so
/// its automaton is a fraction of the full one's size and build time; it has the same capture
/// groups. Most inputs are ASCII, and most processes never build the full form.
pub struct Twin {
    pattern: fn() -> String,
    ascii: std::sync::OnceLock<Regex>,
    full: std::sync::OnceLock<Regex>,
}

impl Twin {
    pub const fn new(pattern: fn() -> String) -> Twin {
        Twin {
            pattern,
            ascii: std::sync::OnceLock::new(),
            full: std::sync::OnceLock::new(),
        }
    }

    /// The form for a text: `ascii` says whether the text is all ASCII (`str::is_ascii`).
    pub fn get(&self, ascii: bool) -> &Regex {
        if ascii {
            self.ascii.get_or_init(|| build_ascii(&(self.pattern)()))
        } else {
            self.full.get_or_init(|| build(&(self.pattern)()))
        }
    }
}

/// The ASCII restriction of a fixed pattern (see [`Twin`]). Panics on a bad pattern, like [`build`].
pub fn build_ascii(pattern: &str) -> Regex {
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .expect("a fixed pattern compiles");
    Regex::builder()
        .configure(Config::new().auto_prefilter(false))
        .build_from_hir(&ascii_hir(hir))
        .expect("a fixed pattern compiles")
}

fn ascii_hir(hir: regex_syntax::hir::Hir) -> regex_syntax::hir::Hir {
    use regex_syntax::hir::{Class, ClassBytes, ClassBytesRange, Hir, HirKind, Look};
    match hir.into_kind() {
        HirKind::Empty => Hir::empty(),
        HirKind::Literal(l) if l.0.is_ascii() => Hir::literal(l.0),
        HirKind::Literal(_) => Hir::fail(),
        HirKind::Class(Class::Unicode(c)) => {
            let ranges = c
                .ranges()
                .iter()
                .filter(|r| r.start().is_ascii())
                .map(|r| ClassBytesRange::new(r.start() as u8, u32::from(r.end()).min(0x7f) as u8));
            Hir::class(Class::Bytes(ClassBytes::new(ranges)))
        }
        HirKind::Class(c) => Hir::class(c),
        HirKind::Look(look) => Hir::look(match look {
            Look::WordUnicode => Look::WordAscii,
            Look::WordUnicodeNegate => Look::WordAsciiNegate,
            Look::WordStartUnicode => Look::WordStartAscii,
            Look::WordEndUnicode => Look::WordEndAscii,
            Look::WordStartHalfUnicode => Look::WordStartHalfAscii,
            Look::WordEndHalfUnicode => Look::WordEndHalfAscii,
            other => other,
        }),
        HirKind::Repetition(mut r) => {
            r.sub = Box::new(ascii_hir(*r.sub));
            Hir::repetition(r)
        }
        HirKind::Capture(mut c) => {
            c.sub = Box::new(ascii_hir(*c.sub));
            Hir::capture(c)
        }
        HirKind::Concat(v) => Hir::concat(v.into_iter().map(ascii_hir).collect()),
        HirKind::Alternation(v) => Hir::alternation(v.into_iter().map(ascii_hir).collect()),
    }
}
