//! Regexes for short texts (one reply, one line, a window of a few KB) or for lines a literal
//! search has already picked: built without a literal prefilter, which costs more to build than
//! it saves on such texts (the parser's case-insensitive patterns would otherwise spend most of
//! their compile time enumerating letter-case variants for it). The word searches that pick such
//! lines are here too.

use regex_automata::meta::{Config, Regex};
use regex_automata::util::captures::Captures;
use regex_automata::Span;

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

/// The non-ASCII characters a pattern names, as ranges (see [`named_chars`]).
type Named = Box<[(char, char)]>;

/// A fixed pattern built lazily in two forms that match alike on ASCII text: the full pattern
/// (as [`build`]), for texts with any non-ASCII character, and its ASCII restriction, for ASCII
/// texts. The restriction keeps only what can match ASCII text (classes cut to ASCII, non-ASCII
/// literals never match, Unicode word boundaries read as ASCII ones, which they equal there), so
/// its automaton is a fraction of the full one's size and build time; it has the same capture
/// groups. Most inputs are ASCII, and most processes never build the full form.
///
/// A text with non-ASCII characters is read with the restriction too when the pattern treats all
/// of its non-ASCII characters alike (see [`Text`]): the full form is built only for a text
/// holding a character the pattern names (a non-ASCII letter of its words, `ſ` or `K` folded to
/// `s` or `k`). A text holding some of those is read with the byte form (see [`byte_form`]),
/// where each named character is one byte of its own.
pub struct Twin {
    pattern: fn() -> String,
    ascii: std::sync::OnceLock<(Regex, Option<Named>)>,
    full: std::sync::OnceLock<Regex>,
    /// The full pattern's syntax, parsed once for the restricted forms.
    hir: std::sync::OnceLock<regex_syntax::hir::Hir>,
    /// The byte form and the named characters, in byte order (`None`: more than 128 of them).
    bytes: std::sync::OnceLock<Option<(Regex, Box<[char]>)>>,
}

impl Twin {
    pub const fn new(pattern: fn() -> String) -> Twin {
        Twin {
            pattern,
            ascii: std::sync::OnceLock::new(),
            full: std::sync::OnceLock::new(),
            hir: std::sync::OnceLock::new(),
            bytes: std::sync::OnceLock::new(),
        }
    }

    /// The form for a text: `ascii` says whether the text is all ASCII (`str::is_ascii`).
    pub fn get(&self, ascii: bool) -> &Regex {
        if ascii {
            &self.restricted().0
        } else {
            self.full.get_or_init(|| build(&(self.pattern)()))
        }
    }

    /// The ASCII restriction, with the non-ASCII characters that keep a text from being read
    /// through its stand-in (`None`: every non-ASCII text needs the full form).
    fn restricted(&self) -> &(Regex, Option<Named>) {
        self.ascii.get_or_init(|| {
            let hir = self.hir.get_or_init(|| parse(&(self.pattern)()));
            let named = named_chars(hir).map(Vec::into_boxed_slice);
            (build_hir(&restrict(hir.clone())), named)
        })
    }

    /// The byte form, built on first use (see [`byte_form`]).
    fn byte_form(&self) -> Option<&(Regex, Box<[char]>)> {
        self.bytes
            .get_or_init(|| {
                let named = self.restricted().1.as_deref()?;
                let mut set = std::collections::BTreeSet::new();
                for &(a, b) in named {
                    for c in a..=b {
                        set.insert(c);
                        if set.len() > 128 {
                            return None;
                        }
                    }
                }
                let chars: Vec<char> = set.into_iter().collect();
                let hir = self.hir.get_or_init(|| parse(&(self.pattern)()));
                Some((build_hir(&byte_form(hir.clone(), &chars)), chars.into_boxed_slice()))
            })
            .as_ref()
    }

    /// Runs `f` with the form and the haystack to read `t` with, and for a stand-in haystack the
    /// map of its offsets back to `t`'s text.
    fn with<R>(&self, t: &Text, f: impl FnOnce(&Regex, &[u8], Option<&[usize]>) -> R) -> R {
        if t.ascii {
            return f(self.get(true), t.text.as_bytes(), None);
        }
        let (re, named) = self.restricted();
        let Some(named) = named.as_deref() else {
            return f(self.get(false), t.text.as_bytes(), None);
        };
        let s = t.standin();
        let held: Vec<char> = s
            .chars
            .iter()
            .copied()
            .filter(|c| named.iter().any(|(a, b)| a <= c && c <= b))
            .collect();
        if held.is_empty() {
            return f(re, s.text.as_bytes(), Some(&s.at));
        }
        match self.byte_form() {
            Some((re, chars)) => {
                let (text, at) = t.byte_stand_in(chars);
                f(re, &text, Some(&at))
            }
            None => f(self.get(false), t.text.as_bytes(), None),
        }
    }

    /// Whether a text with non-ASCII characters none of which the pattern names is read with
    /// the ASCII restriction (see [`Text`]).
    #[cfg(test)]
    pub fn reads_stand_ins(&self) -> bool {
        self.restricted().1.is_some()
    }

    /// Every match in `t`, with its groups' spans in `t`'s text: what the full pattern's
    /// `captures_iter` finds there.
    pub fn captures(&self, t: &Text) -> Vec<Groups> {
        self.with(t, |re, hay, at| {
            let back = |s: Span| match at {
                Some(at) => Span::from(at[s.start]..at[s.end]),
                None => s,
            };
            re.captures_iter(hay)
                .map(|c| Groups((0..c.group_len()).map(|g| c.get_group(g).map(back)).collect()))
                .collect()
        })
    }

    /// The first match in `t`, as [`Twin::captures`] gives it.
    pub fn first(&self, t: &Text) -> Option<Groups> {
        self.with(t, |re, hay, at| {
            let mut c = re.create_captures();
            re.captures(hay, &mut c);
            let back = |s: Span| match at {
                Some(at) => Span::from(at[s.start]..at[s.end]),
                None => s,
            };
            c.is_match()
                .then(|| Groups((0..c.group_len()).map(|g| c.get_group(g).map(back)).collect()))
        })
    }

    /// The spans of every match in `t` (what the full pattern's `find_iter` finds there).
    pub fn find_spans(&self, t: &Text) -> Vec<Span> {
        self.with(t, |re, hay, at| {
            re.find_iter(hay)
                .map(|m| match at {
                    Some(at) => Span::from(at[m.start()]..at[m.end()]),
                    None => m.span(),
                })
                .collect()
        })
    }
}

/// One match's group spans (group 0 is the whole match).
pub struct Groups(Vec<Option<Span>>);

impl Groups {
    pub fn get_match(&self) -> Option<Span> {
        self.get_group(0)
    }

    pub fn get_group(&self, group: usize) -> Option<Span> {
        self.0.get(group).copied().flatten()
    }
}

/// The character a text's non-ASCII characters stand for when a [`Twin`]'s restriction reads
/// it: one that every class of the full pattern that holds all non-ASCII characters holds too
/// (`[^:\n]`, an address's `[^<>...]`) and that no other class or literal holds.
const STAND_IN: char = '~';

/// A text to run [`Twin`] patterns on. For a text with non-ASCII characters it holds, made once,
/// its stand-in: the text with each non-ASCII character replaced by [`STAND_IN`]. A pattern whose
/// classes each hold either all non-ASCII characters and the stand-in, or neither, except for
/// the characters it names, matches a text without those characters exactly where its ASCII
/// restriction matches the stand-in, character for character: the two texts are alike for every
/// class, literal and (ASCII) word boundary the pattern holds.
pub struct Text<'t> {
    text: &'t str,
    ascii: bool,
    standin: std::sync::OnceLock<StandIn>,
}

struct StandIn {
    text: String,
    /// For each byte of the stand-in text (and its end), the offset in the original text.
    at: Vec<usize>,
    /// The text's non-ASCII characters, sorted, once each.
    chars: Vec<char>,
}

impl<'t> Text<'t> {
    pub fn new(text: &'t str) -> Text<'t> {
        Text {
            text,
            ascii: text.is_ascii(),
            standin: std::sync::OnceLock::new(),
        }
    }

    pub fn is_ascii(&self) -> bool {
        self.ascii
    }

    /// The text for a byte form naming `chars` (sorted): the `i`th of them as byte `0x80 + i`,
    /// every other non-ASCII character as [`STAND_IN`], one byte per character; and for each
    /// byte (and the end) the offset in the original text.
    fn byte_stand_in(&self, chars: &[char]) -> (Vec<u8>, Vec<usize>) {
        let mut text = Vec::with_capacity(self.text.len());
        let mut at = Vec::with_capacity(self.text.len() + 1);
        for (i, c) in self.text.char_indices() {
            text.push(match chars.binary_search(&c) {
                _ if c.is_ascii() => c as u8,
                Ok(k) => 0x80 + k as u8,
                Err(_) => STAND_IN as u8,
            });
            at.push(i);
        }
        at.push(self.text.len());
        (text, at)
    }

    fn standin(&self) -> &StandIn {
        self.standin.get_or_init(|| {
            let mut s = StandIn {
                text: String::with_capacity(self.text.len()),
                at: Vec::with_capacity(self.text.len() + 1),
                chars: Vec::new(),
            };
            for (i, c) in self.text.char_indices() {
                if c.is_ascii() {
                    s.text.push(c);
                } else {
                    s.text.push(STAND_IN);
                    s.chars.push(c);
                }
                s.at.push(i);
            }
            s.at.push(self.text.len());
            s.chars.sort_unstable();
            s.chars.dedup();
            s
        })
    }
}

/// The non-ASCII characters a full pattern names (in a literal, or in a class that does not hold
/// them all), or `None` when it does not treat the others alike (a Unicode word boundary, a class
/// holding all non-ASCII characters but not [`STAND_IN`], or one holding [`STAND_IN`] but not
/// all of them).
fn named_chars(hir: &regex_syntax::hir::Hir) -> Option<Vec<(char, char)>> {
    use regex_syntax::hir::{Class, ClassUnicode, ClassUnicodeRange, HirKind, Look};
    let mut named = Vec::new();
    let mut todo = vec![hir];
    while let Some(h) = todo.pop() {
        match h.kind() {
            HirKind::Empty => {}
            HirKind::Literal(l) => {
                for c in std::str::from_utf8(&l.0).ok()?.chars() {
                    if c == STAND_IN {
                        return None;
                    }
                    if !c.is_ascii() {
                        named.push((c, c));
                    }
                }
            }
            HirKind::Class(Class::Unicode(c)) => {
                let holds = c.ranges().iter().any(|r| r.start() <= STAND_IN && STAND_IN <= r.end());
                let mut rest = ClassUnicode::new([ClassUnicodeRange::new('\u{80}', '\u{10FFFF}')]);
                rest.difference(c);
                let all = rest.ranges().is_empty();
                let mut non_ascii = c.clone();
                non_ascii.intersect(&ClassUnicode::new([ClassUnicodeRange::new('\u{80}', '\u{10FFFF}')]));
                if all != holds {
                    return None;
                }
                if !all {
                    named.extend(non_ascii.ranges().iter().map(|r| (r.start(), r.end())));
                }
            }
            HirKind::Class(Class::Bytes(c)) => {
                if c.ranges()
                    .iter()
                    .any(|r| r.end() > 0x7f || (r.start() <= b'~' && b'~' <= r.end()))
                {
                    return None;
                }
            }
            HirKind::Look(look) => {
                if matches!(
                    look,
                    Look::WordUnicode
                        | Look::WordUnicodeNegate
                        | Look::WordStartUnicode
                        | Look::WordEndUnicode
                        | Look::WordStartHalfUnicode
                        | Look::WordEndHalfUnicode
                ) {
                    return None;
                }
            }
            HirKind::Repetition(r) => todo.push(&r.sub),
            HirKind::Capture(c) => todo.push(&c.sub),
            HirKind::Concat(v) | HirKind::Alternation(v) => todo.extend(v.iter()),
        }
    }
    Some(named)
}

/// The ASCII restriction of a fixed pattern (see [`Twin`]). Panics on a bad pattern, like [`build`].
pub fn build_ascii(pattern: &str) -> Regex {
    build_hir(&restrict(parse(pattern)))
}

fn parse(pattern: &str) -> regex_syntax::hir::Hir {
    regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .expect("a fixed pattern compiles")
}

fn build_hir(hir: &regex_syntax::hir::Hir) -> Regex {
    Regex::builder()
        .configure(Config::new().auto_prefilter(false))
        .build_from_hir(hir)
        .expect("a fixed pattern compiles")
}

/// The restriction of a pattern to ASCII text: classes cut to ASCII byte classes, literals
/// with other characters never match, Unicode word boundaries read as ASCII ones.
fn restrict(hir: regex_syntax::hir::Hir) -> regex_syntax::hir::Hir {
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
            r.sub = Box::new(restrict(*r.sub));
            Hir::repetition(r)
        }
        HirKind::Capture(mut c) => {
            c.sub = Box::new(restrict(*c.sub));
            Hir::capture(c)
        }
        HirKind::Concat(v) => Hir::concat(v.into_iter().map(restrict).collect()),
        HirKind::Alternation(v) => Hir::alternation(v.into_iter().map(restrict).collect()),
    }
}

/// The byte form of a pattern whose named characters are `chars` (sorted, at most 128; see
/// [`named_chars`]): it reads the text [`Text`] makes for it, where the `i`th named character is
/// byte `0x80 + i` and every other non-ASCII character is [`STAND_IN`]. Literals and classes
/// keep their ASCII part and hold a named character's byte where they held the character; a
/// class that held every non-ASCII character holds every byte from 0x80 (it holds the stand-in
/// too). Character for character, the two texts are alike for the two patterns, and a class
/// that holds every non-ASCII character stays one byte range, not the UTF-8 automaton of all of
/// Unicode.
fn byte_form(hir: regex_syntax::hir::Hir, chars: &[char]) -> regex_syntax::hir::Hir {
    use regex_syntax::hir::{Class, ClassBytes, ClassBytesRange, Hir, HirKind};
    let byte = |c: char| -> Option<u8> {
        if c.is_ascii() {
            Some(c as u8)
        } else {
            chars.binary_search(&c).ok().map(|k| 0x80 + k as u8)
        }
    };
    match hir.into_kind() {
        HirKind::Empty => Hir::empty(),
        HirKind::Literal(l) => {
            match std::str::from_utf8(&l.0).map(|t| t.chars().map(byte).collect::<Option<Vec<u8>>>()) {
                Ok(Some(bytes)) => Hir::literal(bytes),
                _ => Hir::fail(),
            }
        }
        HirKind::Class(Class::Unicode(c)) => {
            let all = c.ranges().iter().any(|r| r.start() <= STAND_IN && STAND_IN <= r.end());
            let mut ranges: Vec<ClassBytesRange> = c
                .ranges()
                .iter()
                .filter(|r| r.start().is_ascii())
                .map(|r| ClassBytesRange::new(r.start() as u8, u32::from(r.end()).min(0x7f) as u8))
                .collect();
            if all {
                ranges.push(ClassBytesRange::new(0x80, 0xff));
            } else {
                for r in c.ranges().iter().filter(|r| !r.end().is_ascii()) {
                    // The named characters in the range: a run of `chars` (sorted).
                    let from = chars.partition_point(|&ch| ch < r.start());
                    let to = chars.partition_point(|&ch| ch <= r.end());
                    for k in from..to {
                        let b = 0x80 + k as u8;
                        ranges.push(ClassBytesRange::new(b, b));
                    }
                }
            }
            Hir::class(Class::Bytes(ClassBytes::new(ranges)))
        }
        HirKind::Class(c) => Hir::class(c),
        HirKind::Look(look) => Hir::look(look),
        HirKind::Repetition(mut r) => {
            r.sub = Box::new(byte_form(*r.sub, chars));
            Hir::repetition(r)
        }
        HirKind::Capture(mut c) => {
            c.sub = Box::new(byte_form(*c.sub, chars));
            Hir::capture(c)
        }
        HirKind::Concat(v) => Hir::concat(v.into_iter().map(|h| byte_form(h, chars)).collect()),
        HirKind::Alternation(v) => Hir::alternation(v.into_iter().map(|h| byte_form(h, chars)).collect()),
    }
}
