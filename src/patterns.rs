//! Pattern sets for reply texts: many case-insensitive patterns, matched in linear time.
//!
//! Reply texts are matched as bytes with ASCII-only classes (`\b`, `\s`, `\w`) and ASCII case
//! folding. Unicode classes would make the lazy DFA give up on non-ASCII input and fall back to a
//! much slower engine; no pattern needs them.
//!
//! A [`Set`] answers the same questions as a `regex::bytes::RegexSet` built with those options
//! (which patterns match anywhere in a text), but much faster on texts it has not seen: a large
//! `RegexSet` searched for overlapping matches builds lazy-DFA states for every new text, and that
//! state building was most of the command-line tool's time. Instead, each pattern is split into
//! the branches of its top-level alternation, and each branch is reduced to the literals one of
//! which any match must contain (its prefixes or its suffixes, from `regex-syntax`). One
//! Aho-Corasick pass over the text finds which literals occur. A branch that is nothing but
//! literals (most are: `user unknown`, `mailbox (?:is )?full`) matches exactly when one of them
//! occurs; any other branch is confirmed with its own small regex, compiled the first time a text
//! needs it, and only when one of its literals occurs (or always, for the rare branch without
//! literals). The results are the same as the `RegexSet`'s (a test compares them).

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex::bytes::{RegexSet, RegexSetBuilder};
use regex_automata::{
    hybrid, meta,
    nfa::thompson::{self, WhichCaptures},
    util::syntax,
};
use regex_syntax::hir::literal::{ExtractKind, Extractor, Seq};
use std::sync::OnceLock;

/// How many bytes of each literal the Aho-Corasick automaton holds.
const HEAD_BYTES: usize = 4;

/// How many bytes of short texts a [`Set`] reads head by head before it builds its automaton.
const SHORT_READS: usize = 2048;

/// How much memory each lazy DFA may use before it clears its cache.
const DFA_CACHE_BYTES: usize = 32 << 20;

/// Compiles patterns into one [`Set`], case-insensitive, ASCII-only.
///
/// Every pattern is checked here (a syntax error is reported as `regex` reports it); the regexes
/// that confirm branches are compiled later, once, when a text first needs them.
pub fn set<I, S>(patterns: I) -> Result<Set, regex::Error>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let patterns: Vec<String> = patterns.into_iter().map(|p| p.as_ref().to_string()).collect();
    Set::new(&patterns)
}

/// The same patterns as one `regex::bytes::RegexSet` with the options [`set`] uses: the reference
/// that [`Set`] is tested against (and what it replaced).
pub fn regex_set<I, S>(patterns: I) -> Result<RegexSet, regex::Error>
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

/// One branch of a pattern's top-level alternation.
#[derive(Debug)]
struct Branch {
    /// The branch's own source text, a regex by itself.
    source: String,
    /// Whether a hit of one of its literals is a match (the branch is nothing but those literals).
    exact: bool,
    /// Whether a literal must occur before the regex is worth running.
    gated: bool,
    /// For an exact branch: whether a literal's hit must start / end at an ASCII word boundary
    /// (`\b` before / after it in the pattern).
    bounds: [bool; 2],
    /// For a gap branch (`left.{0,N}right`, exact): the longest gap and the right piece's word
    /// boundaries (`bounds` and the gated literals being the left piece's).
    gap: Option<(usize, [bool; 2])>,
    /// The confirming regex, compiled on first use: a forward lazy DFA (with its cache) when it
    /// builds, otherwise the `regex` engines.
    regex: OnceLock<Option<Confirm>>,
    /// The `regex` engines for a text the lazy DFA gives up on (never expected: no pattern needs
    /// Unicode word boundaries, and the cache never gives up).
    fallback: OnceLock<Option<meta::Regex>>,
}

/// A branch's confirming regex.
#[derive(Debug)]
enum Confirm {
    /// Only "is there a match" is asked, of short texts: a forward lazy DFA answers it, without
    /// the reverse automaton, prefilter and capture engines a `meta::Regex` builds (they cost more
    /// to build than they save here).
    Lazy(Box<(hybrid::dfa::DFA, std::sync::Mutex<hybrid::dfa::Cache>)>),
    /// The `regex` engines, for a branch the lazy DFA cannot take.
    Meta(meta::Regex),
}

/// The syntax options of every confirming regex (those of [`regex_set`]).
fn confirm_syntax() -> syntax::Config {
    syntax::Config::new().unicode(false).utf8(false).case_insensitive(true)
}

impl Branch {
    fn new(source: String, exact: bool, gated: bool, bounds: [bool; 2], gap: Option<(usize, [bool; 2])>) -> Branch {
        Branch {
            source,
            exact,
            gated,
            bounds,
            gap,
            regex: OnceLock::new(),
            fallback: OnceLock::new(),
        }
    }

    /// The branch's own regex with all of `regex`'s engines.
    fn meta(&self) -> Option<&meta::Regex> {
        self.fallback
            .get_or_init(|| {
                meta::Builder::new()
                    .configure(
                        meta::Config::new()
                            .auto_prefilter(false)
                            .which_captures(WhichCaptures::None)
                            .dfa_size_limit(Some(DFA_CACHE_BYTES))
                            .hybrid_cache_capacity(DFA_CACHE_BYTES),
                    )
                    .syntax(confirm_syntax())
                    .build(&self.source)
                    .ok()
            })
            .as_ref()
    }

    /// Runs the branch's own regex over `text`.
    fn is_match(&self, text: &[u8]) -> bool {
        let confirm = self.regex.get_or_init(|| {
            let lazy = hybrid::dfa::DFA::builder()
                .configure(hybrid::dfa::DFA::config().cache_capacity(DFA_CACHE_BYTES))
                .syntax(confirm_syntax())
                .thompson(thompson::Config::new().which_captures(WhichCaptures::None))
                .build(&self.source);
            match lazy {
                Ok(dfa) => {
                    let cache = std::sync::Mutex::new(dfa.create_cache());
                    Some(Confirm::Lazy(Box::new((dfa, cache))))
                }
                Err(_) => self.meta().cloned().map(Confirm::Meta),
            }
        });
        match confirm {
            Some(Confirm::Lazy(lazy)) => {
                let (dfa, cache) = &**lazy;
                let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
                match dfa.try_search_fwd(&mut cache, &regex_automata::Input::new(text).earliest(true)) {
                    Ok(m) => m.is_some(),
                    Err(_) => self.meta().is_some_and(|re| re.is_match(text)),
                }
            }
            Some(Confirm::Meta(re)) => re.is_match(text),
            None => false,
        }
    }
}

/// Case-insensitive patterns matched together; see the module documentation for how.
#[derive(Debug)]
pub struct Set {
    /// For each pattern, the range of its branches in `branches`.
    patterns: Vec<(u32, u32)>,
    branches: Vec<Branch>,
    /// The automaton of the first [`HEAD_BYTES`] bytes of every gating literal, once; `None` when
    /// no branch has one. Built on first use by a text past [`SHORT_READS`].
    heads: OnceLock<Option<AhoCorasick>>,
    /// Those heads, in the automaton's order, for the short texts read without it.
    head_list: Vec<Vec<u8>>,
    /// The head ids sorted by first byte, and where each first byte's run starts (257 offsets).
    by_first: OnceLock<(Vec<u32>, Vec<u32>)>,
    /// How many bytes of short texts this set has read without its automaton.
    short_read: std::sync::atomic::AtomicUsize,
    /// Every gating literal, lower-cased, once.
    literals: Vec<Vec<u8>>,
    /// For each head (by its Aho-Corasick pattern id), the literals that start with it, the
    /// branch each one gates, and whether it is the right piece of a gap branch.
    gates: Vec<Vec<(u32, u32, bool)>>,
    /// The pattern each branch belongs to.
    owner: Vec<u32>,
    /// The branches a literal hit does not settle (they run their regex), in order.
    inexact: Vec<u32>,
}

/// The literal hits of one text ([`Set::hits`]): for each branch whether it had one, and the
/// branches that did. Several questions about the same text ([`Set::first_match_in`],
/// [`Set::matches_in`]) share one search.
#[derive(Debug)]
pub struct Hits {
    hit: Vec<bool>,
    list: Vec<u32>,
}

impl Set {
    fn new(patterns: &[String]) -> Result<Set, regex::Error> {
        let mut set = Set {
            patterns: Vec::with_capacity(patterns.len()),
            branches: Vec::new(),
            heads: OnceLock::new(),
            head_list: Vec::new(),
            by_first: OnceLock::new(),
            short_read: std::sync::atomic::AtomicUsize::new(0),
            literals: Vec::new(),
            gates: Vec::new(),
            owner: Vec::new(),
            inexact: Vec::new(),
        };
        let mut literal_ids: std::collections::HashMap<Vec<u8>, u32> = std::collections::HashMap::new();
        let mut head_ids: std::collections::HashMap<Vec<u8>, u32> = std::collections::HashMap::new();
        let mut heads: Vec<Vec<u8>> = Vec::new();
        for pattern in patterns {
            let Some(branches) = branches(pattern) else {
                // Not a pattern `regex` accepts: let it say why.
                return Err(regex_set([pattern])
                    .err()
                    .unwrap_or_else(|| regex::Error::Syntax(pattern.clone())));
            };
            let first = set.branches.len() as u32;
            for (source, lits) in branches {
                let index = set.branches.len() as u32;
                let (exact, gated, bounds) = match &lits {
                    Some((_, exact, bounds, _)) => (*exact, true, *bounds),
                    None => (false, false, [false; 2]),
                };
                let (lits, gap) = match lits {
                    Some((left, _, _, Some(g))) => {
                        let pieces = left.into_iter().map(|l| (l, false));
                        let right = g.right.into_iter().map(|l| (l, true));
                        (pieces.chain(right).collect(), Some((g.max, g.right_bounds)))
                    }
                    Some((l, ..)) => (l.into_iter().map(|l| (l, false)).collect(), None),
                    None => (Vec::new(), None),
                };
                for (lit, right) in lits {
                    let lower = lit.to_ascii_lowercase();
                    let head = lower[..lower.len().min(HEAD_BYTES)].to_vec();
                    let literal = *literal_ids.entry(lower.clone()).or_insert_with(|| {
                        set.literals.push(lower);
                        (set.literals.len() - 1) as u32
                    });
                    let head = *head_ids.entry(head.clone()).or_insert_with(|| {
                        heads.push(head);
                        set.gates.push(Vec::new());
                        (heads.len() - 1) as u32
                    });
                    let gate = &mut set.gates[head as usize];
                    if !gate.contains(&(literal, index, right)) {
                        gate.push((literal, index, right));
                    }
                }
                if !exact {
                    set.inexact.push(index);
                }
                set.owner.push(set.patterns.len() as u32);
                set.branches.push(Branch::new(source, exact, gated, bounds, gap));
            }
            set.patterns.push((first, set.branches.len() as u32));
        }
        set.heads = OnceLock::from(heads_automaton(&heads)?);
        set.head_list = heads;
        Ok(set)
    }

    /// The set a [`Plan`] describes: no pattern is read, only the heads' automaton is built.
    /// `None` when the plan is not one [`Set::new`] could have made.
    fn from_plan(plan: &Plan) -> Option<Set> {
        let mut set = Set {
            patterns: Vec::with_capacity(plan.patterns.len()),
            branches: Vec::with_capacity(plan.branches.len()),
            heads: OnceLock::new(),
            head_list: Vec::new(),
            by_first: OnceLock::new(),
            short_read: std::sync::atomic::AtomicUsize::new(0),
            literals: plan.literals.iter().map(|l| l.to_vec()).collect(),
            gates: plan.gates.iter().map(|g| g.to_vec()).collect(),
            owner: Vec::with_capacity(plan.branches.len()),
            inexact: Vec::new(),
        };
        for (i, b) in plan.branches.iter().enumerate() {
            let i = i as u32;
            if b.pattern as usize == set.patterns.len() {
                set.patterns.push((i, i + 1));
            } else if b.pattern as usize + 1 == set.patterns.len() {
                set.patterns.last_mut()?.1 = i + 1;
            } else {
                return None;
            }
            if !b.exact {
                set.inexact.push(i);
            }
            set.owner.push(b.pattern);
            set.branches
                .push(Branch::new(b.source.to_string(), b.exact, b.gated, b.bounds, b.gap));
        }
        let valid = |&(literal, branch, _): &(u32, u32, bool)| {
            (literal as usize) < set.literals.len() && (branch as usize) < set.branches.len()
        };
        if set.patterns.len() != plan.patterns.len() || !set.gates.iter().flatten().all(valid) {
            return None;
        }
        let heads: Option<Vec<&[u8]>> = set
            .gates
            .iter()
            .map(|g| Some(head(&set.literals[g.first()?.0 as usize])))
            .collect();
        set.head_list = heads?.into_iter().map(<[u8]>::to_vec).collect();
        Some(set)
    }

    /// The number of patterns.
    pub fn len(&self) -> usize {
        self.patterns.len()
    }

    /// Whether the set has no patterns.
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// For each branch, whether one of its literals occurs in `text` (at its word boundaries; for a
    /// gap branch, both pieces close enough), and the list of those that do.
    fn candidates(&self, text: &[u8]) -> Hits {
        let mut hits = Hits {
            hit: vec![false; self.branches.len()],
            list: Vec::new(),
        };
        let lower = text.to_ascii_lowercase();
        let hit = &mut hits.hit;
        // Gap branches' piece hits: (branch, is the right piece, left piece's end / right's start).
        let mut pieces: Vec<(u32, bool, usize)> = Vec::new();
        // Every occurrence of every head, as the automaton's overlapping search finds them (the
        // order of the occurrences does not change what they mark).
        let found = if self.read_short(lower.len()) {
            self.head_hits_short(&lower)
        } else {
            match self.head_hits_automaton(&lower) {
                Some(found) => found,
                None => return hits,
            }
        };
        for (head, at) in found {
            let rest = &lower[at..];
            for &(literal, branch, right) in &self.gates[head as usize] {
                let lit = &self.literals[literal as usize];
                let b = &self.branches[branch as usize];
                if hit[branch as usize] || !rest.starts_with(lit) {
                    continue;
                }
                match b.gap {
                    None if at_bounds(&lower, at, lit, b.bounds) => {
                        hit[branch as usize] = true;
                        hits.list.push(branch);
                    }
                    Some(_) if !right && at_bounds(&lower, at, lit, b.bounds) => {
                        pieces.push((branch, false, at + lit.len()))
                    }
                    Some((_, right_bounds)) if right && at_bounds(&lower, at, lit, right_bounds) => {
                        pieces.push((branch, true, at))
                    }
                    _ => {}
                }
            }
        }
        if !pieces.is_empty() {
            self.join_pieces(&mut pieces, &lower, &mut hits);
        }
        hits
    }

    /// Every occurrence of every head in `lower` (head id, start), found head by head.
    fn head_hits_short(&self, lower: &[u8]) -> Vec<(u32, usize)> {
        let (ids, starts) = self.by_first.get_or_init(|| {
            let mut ids: Vec<u32> = (0..self.head_list.len() as u32).collect();
            ids.sort_by_key(|&i| self.head_list[i as usize].first().copied());
            let mut starts = vec![0u32; 257];
            for &i in &ids {
                if let Some(&b) = self.head_list[i as usize].first() {
                    starts[usize::from(b) + 1] += 1;
                }
            }
            for b in 0..256 {
                starts[b + 1] += starts[b];
            }
            (ids, starts)
        });
        let mut found = Vec::new();
        for at in 0..lower.len() {
            let b = usize::from(lower[at]);
            for &i in &ids[starts[b] as usize..starts[b + 1] as usize] {
                if lower[at..].starts_with(&self.head_list[i as usize]) {
                    found.push((i, at));
                }
            }
        }
        found
    }

    /// [`Set::head_hits_short`] with the automaton (`None` when there is none).
    fn head_hits_automaton(&self, lower: &[u8]) -> Option<Vec<(u32, usize)>> {
        let ac = self
            .heads
            .get_or_init(|| heads_automaton(&self.head_list).ok().flatten())
            .as_ref()?;
        Some(
            ac.find_overlapping_iter(lower)
                .map(|m| (m.pattern().as_u32(), m.start()))
                .collect(),
        )
    }

    /// Whether a text of `len` bytes is read without the heads' automaton: while it is not built
    /// and this set has read less than [`SHORT_READS`] bytes so (a few short replies cost less
    /// to read head by head than the automaton costs to build).
    fn read_short(&self, len: usize) -> bool {
        use std::sync::atomic::Ordering::Relaxed;
        self.heads.get().is_none()
            && self.short_read.load(Relaxed) + len <= SHORT_READS
            && self.short_read.fetch_add(len, Relaxed) + len <= SHORT_READS
    }

    /// Marks the gap branches whose left piece ends at most their gap's length before their right
    /// piece starts, with no line break between (what `.{0,N}` matches).
    fn join_pieces(&self, pieces: &mut [(u32, bool, usize)], lower: &[u8], hits: &mut Hits) {
        pieces.sort_unstable();
        for group in pieces.chunk_by(|a, b| a.0 == b.0) {
            let branch = group[0].0 as usize;
            let Some((max, _)) = self.branches[branch].gap else {
                continue;
            };
            let split = group.partition_point(|p| !p.1);
            let (lefts, rights) = group.split_at(split);
            // Both sorted by position: for each left end, the first right start at or after it
            // is the one to try (a later one is only farther).
            let mut k = 0;
            for &(_, _, end) in lefts {
                while k < rights.len() && rights[k].2 < end {
                    k += 1;
                }
                let Some(&(_, _, start)) = rights.get(k) else { break };
                if start - end <= max && !lower[end..start].contains(&b'\n') {
                    hits.hit[branch] = true;
                    hits.list.push(branch as u32);
                    break;
                }
            }
        }
    }

    /// Whether branch `b`, which a literal hit does not settle, matches: only when one of its
    /// literals occurred (or it has none) is its regex run.
    fn inexact_matches(&self, b: u32, hits: &Hits, text: &[u8]) -> bool {
        let branch = &self.branches[b as usize];
        (hits.hit[b as usize] || !branch.gated) && branch.is_match(text)
    }

    /// The literal hits of `text`, for [`Set::first_match_in`] and [`Set::matches_in`].
    pub fn hits(&self, text: &[u8]) -> Hits {
        self.candidates(text)
    }

    /// Runs `f` with the literal hits of `text`: `known` when the caller found them already,
    /// else found now (callers that share one text's hits between tables need not search twice).
    pub fn with_hits<R>(&self, text: &[u8], known: Option<&Hits>, f: impl FnOnce(&Hits) -> R) -> R {
        match known {
            Some(h) => f(h),
            None => f(&self.hits(text)),
        }
    }

    /// The lowest-numbered pattern that matches anywhere in `text`
    /// (`RegexSet::matches(text).iter().next()`).
    pub fn first_match(&self, text: &[u8]) -> Option<usize> {
        self.first_match_in(&self.hits(text), text, 0..self.patterns.len())
    }

    /// [`Set::first_match`] among the patterns in `range` only, with the hits [`Set::hits`] found
    /// in the same `text`: what a set of only those patterns would answer (plus `range.start`).
    pub fn first_match_in(&self, hits: &Hits, text: &[u8], range: std::ops::Range<usize>) -> Option<usize> {
        let inside = |p: u32| range.contains(&(p as usize));
        // A pattern with an exact literal hit bounds the answer, so no regex after it need run;
        // before it, the inexact branches in order (the patterns' order) decide.
        let bound = hits
            .list
            .iter()
            .filter(|&&b| self.branches[b as usize].exact)
            .map(|&b| self.owner[b as usize])
            .filter(|&p| inside(p))
            .min();
        for &b in &self.inexact {
            let p = self.owner[b as usize];
            if bound.is_some_and(|bound| p >= bound) || p as usize >= range.end {
                break;
            }
            if inside(p) && self.inexact_matches(b, hits, text) {
                return Some(p as usize);
            }
        }
        bound.map(|p| p as usize)
    }

    /// Every pattern that matches anywhere in `text`, in ascending order (`RegexSet::matches`).
    pub fn matches(&self, text: &[u8]) -> Vec<usize> {
        self.matches_in(&self.hits(text), text, 0..self.patterns.len())
    }

    /// [`Set::matches`] among the patterns in `range` only, with the hits [`Set::hits`] found in
    /// the same `text`.
    pub fn matches_in(&self, hits: &Hits, text: &[u8], range: std::ops::Range<usize>) -> Vec<usize> {
        let range = range.start.min(self.patterns.len())..range.end.min(self.patterns.len());
        let mut matched = vec![false; self.patterns.len()];
        for &b in &hits.list {
            if self.branches[b as usize].exact {
                matched[self.owner[b as usize] as usize] = true;
            }
        }
        // A pattern already matched runs no regex.
        for &b in &self.inexact {
            let p = self.owner[b as usize] as usize;
            if range.contains(&p) && !matched[p] && self.inexact_matches(b, hits, text) {
                matched[p] = true;
            }
        }
        range.filter(|&p| matched[p]).collect()
    }

    /// Whether any pattern matches anywhere in `text`.
    pub fn is_match(&self, text: &[u8]) -> bool {
        self.first_match(text).is_some()
    }
}

/// The automaton finding the heads (`None` when there are none). Searched in the lower-cased
/// text: cheaper to build than an ASCII case-insensitive automaton, which doubles the
/// transitions. Short heads keep the automaton small (built once per process); a head's hit is
/// checked against its whole literals.
fn heads_automaton<H: AsRef<[u8]>>(heads: &[H]) -> Result<Option<AhoCorasick>, regex::Error> {
    if heads.is_empty() {
        return Ok(None);
    }
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::Standard)
        .kind(Some(AhoCorasickKind::NoncontiguousNFA))
        .build(heads)
        .map(Some)
        .map_err(|e| regex::Error::Syntax(e.to_string()))
}

/// The first [`HEAD_BYTES`] bytes of a literal, which the automaton looks for.
fn head(literal: &[u8]) -> &[u8] {
    &literal[..literal.len().min(HEAD_BYTES)]
}

/// A [`Set`] read ahead of time: what [`Set::new`] finds in the patterns (their branches, each
/// branch's gating literals, word boundaries and gaps), written out as Rust source by a test
/// (`plans_are_current`, which also fails when a checked-in plan no longer matches its
/// patterns). Reading the patterns was most of a process's start-up; with a plan only the
/// literal automaton is built. [`set_with_plan`] falls back to reading the patterns when they
/// are not the plan's.
#[derive(Debug)]
pub struct Plan {
    /// The patterns the plan was made from, in order.
    pub patterns: &'static [&'static str],
    /// Every branch of every pattern, in order.
    pub branches: &'static [PlanBranch],
    /// Every gating literal, lower-cased, once.
    pub literals: &'static [&'static [u8]],
    /// For each head (a literal's first bytes, in the automaton's order), the literals that
    /// start with it, the branch each one gates and whether it is a gap's right piece.
    pub gates: &'static [&'static [(u32, u32, bool)]],
}

/// One branch of a [`Plan`].
#[derive(Debug)]
pub struct PlanBranch {
    /// The index of its pattern.
    pub pattern: u32,
    /// Its own source text.
    pub source: &'static str,
    /// Whether a literal hit is a match.
    pub exact: bool,
    /// Whether a literal must occur before its regex is worth running.
    pub gated: bool,
    /// Word boundaries at the start / end of an exact branch's literals.
    pub bounds: [bool; 2],
    /// A gap branch's longest gap and its right piece's word boundaries.
    pub gap: Option<(usize, [bool; 2])>,
}

/// [`set`] from a plan made ahead of time when `patterns` are exactly the plan's (then no
/// pattern is read), from the patterns otherwise.
pub fn set_with_plan(patterns: &[&str], plan: &Plan) -> Result<Set, regex::Error> {
    if plan.patterns == patterns {
        if let Some(set) = Set::from_plan(plan) {
            return Ok(set);
        }
    }
    set(patterns)
}

/// Whether `lit`, found at `at` in `text`, stands at an ASCII word boundary on each side that
/// `bounds` asks for (as `\b` means with Unicode off: a change between `[0-9A-Za-z_]` and the rest).
fn at_bounds(text: &[u8], at: usize, lit: &[u8], bounds: [bool; 2]) -> bool {
    let word = |b: Option<&u8>| b.is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'_');
    let end = at + lit.len();
    (!bounds[0] || word(at.checked_sub(1).and_then(|i| text.get(i))) != word(lit.first()))
        && (!bounds[1] || word(lit.last()) != word(text.get(end)))
}

/// The gating literals of a branch, whether a literal hit is a match (exact), and for an exact
/// branch whether its hit must stand at a word boundary at its start / end.
type Gate = (Vec<Vec<u8>>, bool, [bool; 2], Option<GapPlan>);

/// The right half of a gap branch (`left.{0,N}right`, both plain): the right piece's strings,
/// its word boundaries and the gap's longest length `N`.
#[derive(Debug, Clone, PartialEq)]
struct GapPlan {
    right: Vec<Vec<u8>>,
    right_bounds: [bool; 2],
    max: usize,
}

/// A branch's source and its gating literals: `Some((literals, exact, bounds))` when every match contains
/// one of `literals` (none empty), with `exact` when a literal hit is itself a match.
type BranchPlan = (String, Option<Gate>);

/// Splits `pattern` into its top-level alternation's branches and finds each one's literals;
/// `None` when the pattern does not parse.
fn branches(pattern: &str) -> Option<Vec<BranchPlan>> {
    if let Some(plain) = plain_branches(pattern) {
        return Some(plain);
    }
    // Branches each plain or a plain gap (`left.{0,N}right`) need no syntax tree; any other
    // branch is parsed alone, which costs a fraction of parsing (and freeing) the whole pattern.
    // Inline flags would carry over from one branch to the next, so such a pattern is read whole.
    // A `|` inside a class that the simple split misjudges leaves a part with an unclosed class,
    // which does not parse: then the whole pattern is read below.
    if let Some(parts) = top_level_branches(pattern).filter(|_| !has_inline_flags(pattern)) {
        let read: Option<Vec<BranchPlan>> = parts
            .iter()
            .map(|p| single_plain(p).or_else(|| gap_branch(p)).or_else(|| parsed_branch(p)))
            .collect();
        if read.is_some() {
            return read;
        }
    }
    branches_whole(pattern)
}

/// A branch read by `regex-syntax` (its strings when it has only literals, groups, `?` and
/// alternations, else the literals its matches contain); `None` when it does not parse alone.
fn parsed_branch(source: &str) -> Option<BranchPlan> {
    let ast = regex_syntax::ast::parse::Parser::new().parse(source).ok()?;
    if let Some(words) = expand(&ast).filter(|w| w.iter().all(|w| !w.is_empty())) {
        return Some((source.to_string(), Some((words, true, [false; 2], None))));
    }
    let hir = regex_syntax::hir::translate::TranslatorBuilder::new()
        .unicode(false)
        .utf8(false)
        .case_insensitive(false)
        .build()
        .translate(source, &ast)
        .ok()?;
    Some((source.to_string(), gate(&hir)))
}

/// [`branches`] from the syntax tree of the whole pattern (the reading every pattern once had;
/// now only for patterns with inline flags or a split the simple reading cannot make).
fn branches_whole(pattern: &str) -> Option<Vec<BranchPlan>> {
    use regex_syntax::ast::{parse::Parser, Ast};
    let ast = Parser::new().parse(pattern).ok()?;
    let mut translator = regex_syntax::hir::translate::TranslatorBuilder::new()
        .unicode(false)
        .utf8(false)
        .case_insensitive(false)
        .build();
    // Inline flags (`(?i)`, `(?-u)`) would carry over from one branch to the next: keep such a
    // pattern whole.
    let parts: Vec<(&Ast, &str)> = match &ast {
        Ast::Alternation(alt) if !has_inline_flags(pattern) => alt
            .asts
            .iter()
            .map(|a| (a, &pattern[a.span().start.offset..a.span().end.offset]))
            .collect(),
        _ => vec![(&ast, pattern)],
    };
    parts
        .into_iter()
        .map(|(part, source)| {
            // Most branches are plain words: read them directly, or take their strings from the
            // syntax tree.
            if let Some(plain) = single_plain(source).or_else(|| gap_branch(source)) {
                return Some(plain);
            }
            if let Some(words) = expand(part).filter(|w| w.iter().all(|w| !w.is_empty())) {
                return Some((source.to_string(), Some((words, true, [false; 2], None))));
            }
            let hir = translator.translate(pattern, part).ok()?;
            Some((source.to_string(), gate(&hir)))
        })
        .collect()
}

/// The branches of a pattern written with nothing but ASCII letters and punctuation, escaped
/// punctuation, classes of letters, digits, space and `-` (`[sz]`), `(?:...)` groups, `|`, `?`
/// and `\b` at a branch's start or end (most reply-text patterns are), each with every string it
/// matches and its word boundaries; `None` for any other pattern, which `regex-syntax` then
/// parses. Saves parsing most patterns at start-up, and a branch like `\bspam\b` needs no regex:
/// its literal hits are checked at the boundaries. A test checks the reading agrees with
/// [`expand`] on the real tables, and another that the sets agree with a `RegexSet`.
fn plain_branches(pattern: &str) -> Option<Vec<BranchPlan>> {
    let bytes = pattern.as_bytes();
    let mut at = 0;
    let mut out = Vec::new();
    loop {
        let start = at;
        let lead = bytes[at..].starts_with(br"\b");
        if lead {
            at += 2;
        }
        let words = plain_alternation(bytes, &mut at, false)?;
        let trail = bytes[at..].starts_with(br"\b");
        if trail {
            at += 2;
        }
        if words.is_empty() || words.iter().any(|w| w.is_empty()) {
            return None;
        }
        out.push((pattern[start..at].to_string(), Some((words, true, [lead, trail], None))));
        match bytes.get(at) {
            None => return Some(out),
            Some(b'|') => at += 1,
            Some(_) => return None,
        }
    }
}

/// A branch read by [`plain_branches`] when `source` is exactly one.
fn single_plain(source: &str) -> Option<BranchPlan> {
    plain_branches(source).filter(|p| p.len() == 1)?.pop()
}

/// Splits a pattern at its top-level `|`s (outside groups, classes and escapes); `None` when its
/// parentheses do not balance. Parts that the plain readers then reject send the whole pattern to
/// `regex-syntax`, so a class this simple reading misjudges costs time, not correctness.
fn top_level_branches(pattern: &str) -> Option<Vec<&str>> {
    let bytes = pattern.as_bytes();
    let (mut depth, mut start, mut i) = (0usize, 0, 0);
    let mut parts = Vec::new();
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'[' => {
                i += bytes[i..].iter().position(|&b| b == b']')?;
            }
            b'(' => depth += 1,
            b')' => depth = depth.checked_sub(1)?,
            b'|' if depth == 0 => {
                parts.push(&pattern[start..i]);
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    if depth != 0 {
        return None;
    }
    parts.push(pattern.get(start..)?);
    Some(parts)
}

/// A branch `left.{0,N}right` whose two pieces are each plain (see [`plain_branches`]): exact,
/// matched by finding the pieces' literals close enough together, without a regex.
fn gap_branch(source: &str) -> Option<BranchPlan> {
    let dot = source.find(".{0,")?;
    if dot == 0 || source[..dot].ends_with('\\') {
        return None;
    }
    let rest = &source[dot + 4..];
    let close = rest.find('}')?;
    let digits = &rest[..close];
    if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let max: usize = digits.parse().ok()?;
    let right_source = &rest[close + 1..];
    if right_source.starts_with(['?', '*', '+', '{']) {
        return None;
    }
    let (_, left) = single_plain(&source[..dot])?;
    let (_, right) = single_plain(right_source)?;
    let (left, _, left_bounds, _) = left?;
    let (right, _, right_bounds, _) = right?;
    let gap = GapPlan {
        right,
        right_bounds,
        max,
    };
    Some((source.to_string(), Some((left, true, left_bounds, Some(gap)))))
}

/// Escaped punctuation the plain reading accepts (each means the byte itself).
const ESCAPABLE: &[u8] = b".+*?()|[]{}^$\\-/";

/// Strings of one concatenation at `bytes[*at..]` (a whole alternation when `nested`, up to its
/// closing parenthesis, which is consumed); stops before a top-level `|` or a top-level `\b`
/// that ends the branch.
fn plain_alternation(bytes: &[u8], at: &mut usize, nested: bool) -> Option<Vec<Vec<u8>>> {
    let mut all: Vec<Vec<u8>> = Vec::new();
    loop {
        let mut words: Vec<Vec<u8>> = vec![Vec::new()];
        while let Some(&c) = bytes.get(*at) {
            // One byte: a letter or an escaped punctuation mark.
            let single = match c {
                b'|' | b')' => break,
                b'\\' => {
                    let e = *bytes.get(*at + 1)?;
                    if e == b'b' && !nested && matches!(bytes.get(*at + 2), None | Some(b'|')) {
                        break;
                    }
                    if !ESCAPABLE.contains(&e) {
                        return None;
                    }
                    Some((e, 2))
                }
                b'(' | b'[' => None,
                b'.' | b'+' | b'*' | b'?' | b']' | b'{' | b'}' | b'^' | b'$' | b'#' => return None,
                c if c.is_ascii() && !c.is_ascii_control() => Some((c, 1)),
                _ => return None,
            };
            if let Some((byte, len)) = single {
                if !matches!(bytes.get(*at + len), Some(b'?' | b'*' | b'+' | b'{')) {
                    // The common case, a letter: append in place.
                    *at += len;
                    words.iter_mut().for_each(|h| h.push(byte));
                    continue;
                }
            }
            let mut atom: Vec<Vec<u8>> = match (c, single) {
                (_, Some((byte, len))) => {
                    *at += len;
                    vec![vec![byte]]
                }
                (b'(', _) => {
                    if !bytes[*at..].starts_with(b"(?:") {
                        return None;
                    }
                    *at += 3;
                    plain_alternation(bytes, at, true)?
                }
                _ => {
                    // `[...]`: letters, digits, spaces, and `-` first or last (a range otherwise).
                    let inner_start = *at + 1;
                    let close = inner_start + bytes.get(inner_start..)?.iter().position(|&b| b == b']')?;
                    let inner = &bytes[inner_start..close];
                    let last = inner.len().checked_sub(1)?;
                    let plain = |(i, &b): (usize, &u8)| {
                        b.is_ascii_alphanumeric() || b == b' ' || (b == b'-' && (i == 0 || i == last))
                    };
                    if !inner.iter().enumerate().all(plain) {
                        return None;
                    }
                    *at = close + 1;
                    inner.iter().map(|&b| vec![b]).collect()
                }
            };
            match bytes.get(*at) {
                Some(b'?') if bytes.get(*at + 1) != Some(&b'?') => {
                    *at += 1;
                    atom.push(Vec::new());
                }
                Some(b'?' | b'*' | b'+' | b'{') => return None,
                _ => {}
            }
            if let [single] = atom.as_slice() {
                // A group with one string: append in place.
                words.iter_mut().for_each(|h| h.extend_from_slice(single));
                continue;
            }
            if words.len() * atom.len() > MAX_EXPANSION {
                return None;
            }
            words = words
                .iter()
                .flat_map(|h| atom.iter().map(move |t| [h.as_slice(), t].concat()))
                .collect();
        }
        all.extend(words);
        if all.len() > MAX_EXPANSION {
            return None;
        }
        match bytes.get(*at) {
            Some(b'|') if nested => *at += 1,
            Some(b')') if nested => {
                *at += 1;
                return Some(all);
            }
            None if nested => return None,
            Some(b')') => return None,
            _ => return Some(all),
        }
    }
}

/// At most this many strings come out of [`expand`].
const MAX_EXPANSION: usize = 64;

/// Every string `ast` matches (case-sensitively) when it is made of nothing but ASCII literals,
/// groups without flags, `?` and alternations (`mailbox (?:is )?full`); `None` for anything else
/// (classes, `.`, assertions, other repetitions) or past [`MAX_EXPANSION`] strings.
fn expand(ast: &regex_syntax::ast::Ast) -> Option<Vec<Vec<u8>>> {
    use regex_syntax::ast::{Ast, GroupKind, RepetitionKind};
    let out = match ast {
        Ast::Empty(_) => vec![Vec::new()],
        Ast::Literal(l) => vec![vec![u8::try_from(l.c).ok().filter(u8::is_ascii)?]],
        Ast::Group(g) => match &g.kind {
            GroupKind::NonCapturing(flags) if !flags.items.is_empty() => return None,
            _ => expand(&g.ast)?,
        },
        Ast::Repetition(r) if r.op.kind == RepetitionKind::ZeroOrOne => {
            let mut v = expand(&r.ast)?;
            v.push(Vec::new());
            v
        }
        Ast::Alternation(alt) => {
            let mut v = Vec::new();
            for a in &alt.asts {
                v.extend(expand(a)?);
            }
            v
        }
        Ast::Concat(c) => {
            let mut v = vec![Vec::new()];
            for a in &c.asts {
                if let Ast::Literal(l) = a {
                    // The common case, a run of letters: append in place.
                    let byte = u8::try_from(l.c).ok().filter(u8::is_ascii)?;
                    v.iter_mut().for_each(|head| head.push(byte));
                    continue;
                }
                let tails = expand(a)?;
                if v.len() * tails.len() > MAX_EXPANSION {
                    return None;
                }
                v = v
                    .iter()
                    .flat_map(|head| tails.iter().map(move |t| [head.as_slice(), t].concat()))
                    .collect();
            }
            v
        }
        _ => return None,
    };
    (out.len() <= MAX_EXPANSION).then_some(out)
}

/// Whether the pattern sets flags inline (any `(?` group that is not `(?:`).
fn has_inline_flags(pattern: &str) -> bool {
    pattern
        .match_indices("(?")
        .any(|(i, _)| !pattern[i + 2..].starts_with(':'))
}

/// The literals one of which every match of `hir` contains, and whether they are exact.
fn gate(hir: &regex_syntax::hir::Hir) -> Option<Gate> {
    let usable = |seq: &Seq| -> Option<usize> {
        let lits = seq.literals()?;
        (!lits.is_empty() && lits.iter().all(|l| !l.is_empty())).then(|| seq.min_literal_len().unwrap_or(0))
    };
    let prefixes = Extractor::new().kind(ExtractKind::Prefix).extract(hir);
    let no_look = hir.properties().look_set().is_empty();
    if no_look && prefixes.is_exact() && usable(&prefixes).is_some() {
        let lits = prefixes.literals()?.iter().map(|l| l.as_bytes().to_vec()).collect();
        return Some((lits, true, [false; 2], None));
    }
    let suffixes = Extractor::new().kind(ExtractKind::Suffix).extract(hir);
    let best = match (usable(&prefixes), usable(&suffixes)) {
        (Some(p), Some(s)) if s > p => &suffixes,
        (Some(_), _) => &prefixes,
        (None, Some(_)) => &suffixes,
        (None, None) => return None,
    };
    let lits = best.literals()?.iter().map(|l| l.as_bytes().to_vec()).collect();
    Some((lits, false, [false; 2], None))
}

/// The start of the first line at or after byte `from` whose text, trimmed and with ASCII letters
/// lower-cased, contains one of `markers`; `None` when no line does or `from` is not a character
/// boundary of `text`.
///
/// The same answer as testing line by line, but in one case-insensitive Aho-Corasick pass over the
/// text instead of a lower-cased copy of every line searched for every marker.
pub fn line_with_any(text: &str, from: usize, markers: &[&str]) -> Option<usize> {
    let rest = text.get(from..)?;
    let Some(ac) = searcher(markers) else {
        let mut pos = from;
        for line in rest.split_inclusive('\n') {
            let l = line.trim().to_ascii_lowercase();
            if !l.is_empty() && markers.iter().any(|m| l.contains(m)) {
                return Some(pos);
            }
            pos += line.len();
        }
        return None;
    };
    // No line-crossing match is possible, so the first hit's line is the answer. The markers are
    // lower-case: searched in a lower-cased copy (same offsets), a plain automaton does, cheaper
    // to build and to run than an ASCII case-insensitive one.
    // The copy is made a piece at a time, each piece ending at a line end, so a long text is
    // never copied whole.
    let bytes = rest.as_bytes();
    let mut lower = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let mut end = (at + LOWER_CHUNK).min(bytes.len());
        end += bytes[end..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len() - end, |i| i + 1);
        lower.clear();
        lower.extend(bytes[at..end].iter().map(u8::to_ascii_lowercase));
        let hit = match &*ac {
            Finder::Packed(p) => p.find(&lower).map(|m| m.start()),
            Finder::Automaton(a) => a.find(&lower).map(|m| m.start()),
        };
        if let Some(start) = hit.map(|s| at + s) {
            return Some(from + rest[..start].rfind('\n').map_or(0, |i| i + 1));
        }
        at = end;
    }
    None
}

/// How many bytes of text are lower-cased at a time for a search (then up to the line's end).
const LOWER_CHUNK: usize = 64 * 1024;

/// What finds a marker list's leftmost hit.
enum Finder {
    /// A SIMD literal searcher (up to 64 markers where the CPU has it): next to nothing to build.
    Packed(aho_corasick::packed::Searcher),
    /// An Aho-Corasick automaton, for any other list.
    Automaton(AhoCorasick),
}

/// A marker list seen before, with its automaton.
struct Searcher {
    /// Where each marker's text was (the formats pass static lists: the same addresses each time).
    at: Vec<(usize, usize)>,
    /// The markers themselves.
    markers: Vec<String>,
    /// The searcher, or `None` when a marker needs the line-by-line path.
    ac: Option<std::sync::Arc<Finder>>,
}

/// Automata for marker lists, built once per list (the formats pass a handful of fixed lists,
/// many times each).
static SEARCHERS: std::sync::Mutex<Vec<Searcher>> = std::sync::Mutex::new(Vec::new());

/// At most this many marker lists are kept in [`SEARCHERS`].
const MAX_SEARCHERS: usize = 64;

/// The (cached) automaton finding any of `markers` (all lower-case) in lower-cased text; `None`
/// when the list must be searched line by line.
fn searcher(markers: &[&str]) -> Option<std::sync::Arc<Finder>> {
    let mut cache = SEARCHERS.lock().unwrap_or_else(|e| e.into_inner());
    let same_place = |s: &Searcher| {
        s.at.len() == markers.len()
            && s.at
                .iter()
                .zip(markers)
                .all(|(&(p, n), m)| p == m.as_ptr() as usize && n == m.len())
    };
    let same_text = |s: &Searcher| s.markers.iter().map(String::as_str).eq(markers.iter().copied());
    // The same addresses say where to look; the text decides (a freed marker's address may be reused).
    let found = cache.iter().find(|s| same_place(s)).filter(|s| same_text(s));
    if let Some(s) = found.or_else(|| cache.iter().find(|s| same_text(s))) {
        return s.ac.clone();
    }
    // A marker that is empty, spans lines or starts or ends with white space can depend on the
    // trimming, and one with upper-case letters never matches a lower-cased line: those take the
    // line-by-line path.
    let plain = |m: &&str| {
        !m.contains('\n')
            && !m.bytes().any(|b| b.is_ascii_uppercase())
            && m.chars().next().is_some_and(|c| !c.is_whitespace())
            && m.chars().next_back().is_some_and(|c| !c.is_whitespace())
    };
    let ac = markers.iter().all(plain).then(|| {
        // Leftmost-first, like the automaton: the leftmost hit is in the first line with any.
        // Shared by `Arc` (a packed searcher's clone copies its tables).
        let finder = aho_corasick::packed::Searcher::new(markers)
            .map(Finder::Packed)
            .unwrap_or_else(|| {
                Finder::Automaton(
                    AhoCorasickBuilder::new()
                        .match_kind(MatchKind::LeftmostFirst)
                        // A DFA would search a little faster but costs ~2M instructions to build per list.
                        .kind(Some(AhoCorasickKind::ContiguousNFA))
                        .build(markers)
                        .expect("a few short markers always build"),
                )
            });
        std::sync::Arc::new(finder)
    });
    if cache.len() < MAX_SEARCHERS {
        cache.push(Searcher {
            at: markers.iter().map(|m| (m.as_ptr() as usize, m.len())).collect(),
            markers: markers.iter().map(|m| m.to_string()).collect(),
            ac: ac.clone(),
        });
    }
    ac
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_texts_find_the_heads_the_automaton_finds() {
        let texts = [
            "550 5.1.1 user unknown",
            "Mailbox FULL; quota exceeded — Zażółć 552 5.2.2 over quota, no such user here",
            "",
            "x",
            "The recipient's mailbox is full and can't accept messages now. relay access denied",
        ];
        let mut all: Vec<String> = texts.iter().map(|t| t.to_string()).collect();
        for dir in ["tests/fixtures", "tests/unseen"] {
            for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                if let Ok(t) = std::fs::read_to_string(e.path()) {
                    all.push(t.chars().take(3000).collect());
                }
            }
        }
        for set in [
            crate::kb::TEXTS.as_ref(),
            set(["mailbox (?:is )?full", r"\bno such user\b"]).ok().as_ref(),
        ] {
            let set = set.expect("the set builds");
            for t in &all {
                let lower = t.as_bytes().to_ascii_lowercase();
                let mut short = set.head_hits_short(&lower);
                let mut auto = set.head_hits_automaton(&lower).unwrap_or_default();
                short.sort_unstable();
                auto.sort_unstable();
                assert_eq!(short, auto, "{t:?}");
            }
        }
    }

    #[test]
    fn matches_across_case_and_non_ascii_text() {
        let s = set([r"\bno such user\b", r"mailbox\s+full"]).unwrap();
        assert_eq!(
            s.matches("Zażółć: NO SUCH USER here; Mailbox  FULL".as_bytes()),
            vec![0, 1]
        );
        assert!(s.matches("nosuchuser".as_bytes()).is_empty());
        assert_eq!(s.first_match(b"mailbox\tfull"), Some(1));
    }

    #[test]
    fn branches_are_literals_or_gated_regexes() {
        let b = branches(r"user unknown|mailbox (?:is )?full|\bspam\b|(?:^|\s)[a-z]+ does not exist|.+").unwrap();
        let plans: Vec<(&str, Option<bool>)> = b.iter().map(|(s, g)| (s.as_str(), g.as_ref().map(|g| g.1))).collect();
        assert_eq!(
            plans,
            vec![
                ("user unknown", Some(true)),
                ("mailbox (?:is )?full", Some(true)),
                (r"\bspam\b", Some(true)),
                (r"(?:^|\s)[a-z]+ does not exist", Some(false)),
                (".+", None),
            ]
        );
        assert_eq!(
            b[1].1.as_ref().unwrap().0,
            vec![b"mailbox is full".to_vec(), b"mailbox full".to_vec()]
        );
        assert_eq!(b[2].1.as_ref().unwrap().2, [true, true]);
        assert_eq!(b[3].1.as_ref().unwrap().0, vec![b" does not exist".to_vec()]);
    }

    #[test]
    fn plain_branches_expand_to_their_strings() {
        let ast = |p: &str| regex_syntax::ast::parse::Parser::new().parse(p).unwrap();
        let words =
            |p: &str| expand(&ast(p)).map(|v| v.into_iter().map(|w| String::from_utf8(w).unwrap()).collect::<Vec<_>>());
        assert_eq!(words(r"user'?s? (?:disk )?quota").unwrap().len(), 8);
        assert_eq!(words(r"a(?:b|c\.)?").unwrap(), vec!["ab", "ac.", "a"]);
        for not_plain in [
            r"a+",
            r"\bspam\b",
            r"[ab]c",
            r"a.c",
            r"(?i:a)",
            r"caf\xe9",
            r"(?:a|b|c|d){1,9}",
        ] {
            assert_eq!(words(not_plain), None, "{not_plain}");
        }
        assert_eq!(words(&"(?:a|b)".repeat(7)), None, "too many strings");
    }

    #[test]
    fn plain_patterns_are_read_without_regex_syntax() {
        let b = plain_branches(r"no such (?:user|mailbox)|mailbox (?:is )?full|a\.b").unwrap();
        let words: Vec<Vec<&[u8]>> = b
            .iter()
            .map(|(_, g)| g.as_ref().unwrap().0.iter().map(|w| w.as_slice()).collect())
            .collect();
        assert_eq!(
            words,
            vec![
                vec![&b"no such user"[..], b"no such mailbox"],
                vec![b"mailbox is full", b"mailbox full"],
                vec![b"a.b"]
            ]
        );
        assert_eq!(b[1].0, "mailbox (?:is )?full");
        // Every escape the plain reading accepts is one `regex` accepts, meaning the same byte.
        let escaped = r"\.\+\*\?\(\)\|\[\]\{\}\^\$\\\-\/";
        let read = plain_branches(escaped).unwrap();
        assert_eq!(read[0].1.as_ref().unwrap().0, vec![br".+*?()|[]{}^$\-/".to_vec()]);
        assert!(regex_set([escaped]).unwrap().is_match(br".+*?()|[]{}^$\-/"));
        let b = plain_branches(r"\bspam\b|gr[ae]y[- ]?list|\b(?:xbl|css)").unwrap();
        assert_eq!(
            b[0].1.as_ref().unwrap(),
            &(vec![b"spam".to_vec()], true, [true, true], None)
        );
        assert_eq!(b[0].0, r"\bspam\b");
        assert_eq!(b[1].1.as_ref().unwrap().0.len(), 6);
        assert_eq!(b[1].1.as_ref().unwrap().2, [false, false]);
        assert_eq!(b[2].1.as_ref().unwrap().2, [true, false]);
        for other in [
            r"a+",
            r"a\bb",
            r"(?:\bspam)",
            r"\b",
            r"(a|b)",
            r"(?:a|b",
            r"a)",
            r"a??",
            r"x.y",
            r"[a-c]",
            r"[^ab]",
            r"[]",
            r"[a.]",
            r"[ab",
            r"a|",
            r"(?i)a",
            r"caf\xe9",
            "é",
        ] {
            assert!(plain_branches(other).is_none(), "{other}");
        }
    }

    #[test]
    fn gap_branches_are_read_and_matched_without_a_regex() {
        let b = branches(r"client host .{0,8}blocked|\bspf\b.{0,3}\b(?:fail|check)|a\.{0,3}b|x.{0,2}?y").unwrap();
        let gap = |i: usize| b[i].1.as_ref().unwrap().3.clone();
        assert_eq!(b[0].1.as_ref().unwrap().0, vec![b"client host ".to_vec()]);
        assert_eq!(gap(0).unwrap().max, 8);
        assert_eq!(gap(1).unwrap().right, vec![b"fail".to_vec(), b"check".to_vec()]);
        assert_eq!(gap(1).unwrap().right_bounds, [true, false]);
        assert_eq!(b[1].1.as_ref().unwrap().2, [true, true]);
        // `\.{0,3}` repeats an escaped dot, and a lazy gap is left to the regex.
        assert!(gap(2).is_none());
        assert!(gap(3).is_none());
        assert_eq!(
            top_level_branches(r"a|(?:b|c)|[|]|\|d"),
            Some(vec!["a", "(?:b|c)", "[|]", r"\|d"])
        );
        assert_eq!(top_level_branches(r"a)|b"), None);
        let patterns = [r"client host .{0,8}blocked", r"\bspf\b.{0,3}\b(?:fail|check)"];
        let s = set(patterns).unwrap();
        assert!(s.branches.iter().all(|b| b.exact && b.gap.is_some()));
        let reference = regex_set(patterns).unwrap();
        for t in [
            &b"Client host 12345678blocked"[..],
            b"client host 123456789blocked",
            b"client host 1234\n5678blocked",
            b"client host blocked",
            b"blocked client host",
            b"spf   fail",
            b"spf    fail",
            b"spfx fail",
            b"spf xfail",
            b"SPF check, spf failed",
            b"spf spf  check",
        ] {
            let want: Vec<usize> = reference.matches(t).iter().collect();
            assert_eq!(s.matches(t), want, "{:?}", String::from_utf8_lossy(t));
        }
    }

    #[test]
    fn exact_hits_bound_the_regexes_run() {
        let patterns = [r"a\S*z", "bee", r"c\S*z|dee", r"e\S*z"];
        let reference = regex_set(patterns).unwrap();
        for t in [
            &b"a1z bee c2z"[..],
            b"bee c2z",
            b"c2z",
            b"dee a1z",
            b"x",
            b"e5z bee",
            b"e5z c5z",
            b"dee",
            b"a b c",
        ] {
            let s = set(patterns).unwrap();
            let want: Vec<usize> = reference.matches(t).iter().collect();
            assert_eq!(s.first_match(t), want.first().copied(), "{t:?}");
            assert_eq!(s.matches(t), want, "{t:?}");
        }
        let s = set(patterns).unwrap();
        assert!(s.branches.iter().map(|b| b.exact).eq([false, true, false, true, false]));
        assert_eq!(s.first_match(b"a bee e5z c5z"), Some(1));
        // Only the regex before the exact hit ran (its literal `a` occurs).
        let ran = || s.branches.iter().map(|b| b.regex.get().is_some()).collect::<Vec<_>>();
        assert_eq!(ran(), [true, false, false, false, false]);
        assert_eq!(s.matches(b"dee c5z e5z"), vec![2, 3]);
        // Pattern 2 was matched by its literal: its regex branch did not run.
        assert_eq!(ran(), [true, false, false, false, true]);
    }

    #[test]
    fn inline_flags_keep_a_pattern_whole() {
        let b = branches(r"(?-i)abc|def").unwrap();
        assert_eq!(b.len(), 1);
        let s = set([r"a(?i)b|c"]).unwrap();
        assert_eq!(s.matches(b"xCx"), vec![0]);
    }

    #[test]
    fn a_bad_pattern_is_an_error() {
        assert!(set([r"ok", r"(unclosed"]).is_err());
        assert!(set([r"caf\xff"]).is_ok());
    }

    /// The line-by-line definition [`line_with_any`] must agree with.
    fn line_with_any_by_lines(text: &str, from: usize, markers: &[&str]) -> Option<usize> {
        let mut pos = from;
        for line in text.get(from..)?.split_inclusive('\n') {
            let l = line.trim().to_ascii_lowercase();
            if !l.is_empty() && markers.iter().any(|m| l.contains(m)) {
                return Some(pos);
            }
            pos += line.len();
        }
        None
    }

    #[test]
    fn line_with_any_agrees_with_the_line_by_line_search() {
        let text = "Hello\r\n  This is the MAILER-DAEMON\n\n--- Below this line ---\r\nżółć: failed\n  \nend";
        let marker_sets: &[&[&str]] = &[
            &["mailer-daemon"],
            &["below this line", "failed"],
            &["failed", "below this line"],
            &["żółć"],
            &["hello", "end"],
            &["nothing"],
            &["MAILER"],
            &["daemon\n"],
            &[" below"],
            &[""],
            &["d"],
            &[],
        ];
        for markers in marker_sets {
            for from in 0..=text.len() + 1 {
                assert_eq!(
                    line_with_any(text, from, markers),
                    line_with_any_by_lines(text, from, markers),
                    "{markers:?} from {from}"
                );
            }
        }
        assert_eq!(line_with_any(text, 0, &["failed"]), Some(text.find("żółć").unwrap()));
        // Long texts are lower-cased a piece at a time: hits across and after a piece's end.
        for pad in [LOWER_CHUNK - 20, LOWER_CHUNK - 3, LOWER_CHUNK, 3 * LOWER_CHUNK + 7] {
            let long = format!("{}\nno\nx Mailer-Daemon here\nend FAILED", "é a".repeat(pad / 4));
            for markers in [&["mailer-daemon"][..], &["failed"], &["nothing"], &["a"]] {
                for from in [0, 1, long.len() / 2, long.len() - 3] {
                    assert_eq!(
                        line_with_any(&long, from, markers),
                        line_with_any_by_lines(&long, from, markers),
                        "{markers:?} {pad} {from}"
                    );
                }
            }
        }
    }

    #[test]
    fn word_boundaries_are_checked_not_assumed() {
        let s = set([r"\bspam\b", r"\brbl\b|spamhaus"]).unwrap();
        assert_eq!(s.branches[0].bounds, [true, true]);
        assert!(s.branches[0].exact);
        assert_eq!(s.matches(b"antispamming"), Vec::<usize>::new());
        assert_eq!(s.matches(b"anti-spam_ spam."), vec![0]);
        assert_eq!(s.matches(b"spam"), vec![0]);
        assert_eq!(s.matches(b"spam9 xspam"), Vec::<usize>::new());
        assert_eq!(s.matches(b"listed by SPAM rbl"), vec![0, 1]);
        assert_eq!(s.first_match(b"rbls and SpamHaus"), Some(1));
        // A literal that starts or ends with a non-word byte: the boundary is on the other side.
        let s = set([r"\b-x\b", r"\bx-\b"]).unwrap();
        assert_eq!(s.matches(b"a-x"), vec![0]);
        assert_eq!(s.matches(b" -x"), Vec::<usize>::new());
        assert_eq!(s.matches(b"x-a"), vec![1]);
        assert_eq!(s.matches(b"x- "), Vec::<usize>::new());
        for t in [&b"a-x"[..], b" -x", b"x-a", b"x- ", b"-x-"] {
            let want: Vec<usize> = regex_set([r"\b-x\b", r"\bx-\b"]).unwrap().matches(t).iter().collect();
            assert_eq!(s.matches(t), want, "{:?}", t);
        }
    }
}

#[cfg(test)]
mod plans {
    //! The plans checked in for the analysis's pattern sets are what reading their patterns gives.
    use super::*;

    /// A byte string as a Rust literal.
    fn bytes_literal(b: &[u8]) -> String {
        let escaped: String = b
            .iter()
            .flat_map(|&c| std::ascii::escape_default(c))
            .map(char::from)
            .collect();
        format!("b\"{escaped}\"")
    }

    /// The Rust source of a plan of `set` (made from `patterns`), which `name` holds.
    fn render(set: &Set, patterns: &[&str], name: &str, from: &str) -> String {
        let mut out = format!(
            "//! What `patterns::Set::new` reads in {from}, made ahead of time (see `patterns::Plan`).\n\
             //! Generated: `BOUNCE_WRITE_PLANS=1 cargo test --lib patterns::plans` writes it again.\n\n\
             use crate::patterns::{{Plan, PlanBranch}};\n\n\
             /// The plan of {from}.\n\
             pub(crate) static {name}: Plan = Plan {{\n    patterns: &[\n"
        );
        for p in patterns {
            out.push_str(&format!("        {p:?},\n"));
        }
        out.push_str("    ],\n    branches: &[\n");
        for (b, &owner) in set.branches.iter().zip(&set.owner) {
            out.push_str(&format!(
                "        PlanBranch {{ pattern: {owner}, source: {:?}, exact: {}, gated: {}, bounds: {:?}, gap: {:?} }},\n",
                b.source, b.exact, b.gated, b.bounds, b.gap
            ));
        }
        out.push_str("    ],\n    literals: &[\n");
        for l in &set.literals {
            out.push_str(&format!("        {},\n", bytes_literal(l)));
        }
        out.push_str("    ],\n    gates: &[\n");
        for g in &set.gates {
            let items: Vec<String> = g.iter().map(|(l, b, r)| format!("({l}, {b}, {r})")).collect();
            out.push_str(&format!("        &[{}],\n", items.join(", ")));
        }
        out.push_str("    ],\n};\n");
        out
    }

    #[test]
    fn plans_are_current() {
        current(
            "src/kb/text_plan.rs",
            &crate::kb::text_patterns(),
            &crate::kb::text_plan::TEXT_PLAN,
            "TEXT_PLAN",
            "`kb::TEXTS` (the reason classifier's and the knowledge base's reply-text patterns)",
        );
        current(
            "src/kb/decision_plan.rs",
            &crate::diagnose::decide::decision_patterns(),
            &crate::kb::decision_plan::DECISION_PLAN,
            "DECISION_PLAN",
            "the reply patterns of `kb::decide::DECISIONS`",
        );
    }

    /// Checks (and with `BOUNCE_WRITE_PLANS` set, writes) the plan at `path`.
    fn current(path: &str, patterns: &[&str], plan: &Plan, name: &str, from: &str) {
        let fresh = render(&set(patterns).unwrap(), patterns, name, from);
        if std::env::var_os("BOUNCE_WRITE_PLANS").is_some() {
            std::fs::write(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path), &fresh).unwrap();
        }
        // The set built from the compiled plan is the one reading the patterns builds (the file's
        // layout may change, e.g. by rustfmt; what it holds may not).
        let planned = Set::from_plan(plan).map(|p| render(&p, plan.patterns, name, from));
        assert!(
            planned.as_ref() == Some(&fresh),
            "{path} does not match its patterns: `BOUNCE_WRITE_PLANS=1 cargo test --lib patterns::plans` writes it again"
        );
        assert!(set_with_plan(patterns, plan).is_ok());
    }

    #[test]
    fn a_plan_for_other_patterns_is_not_used() {
        let plan = &crate::kb::text_plan::TEXT_PLAN;
        let s = set_with_plan(&["alpha", r"\bbeta\b|gam+a"], plan).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s.matches(b"a beta, gammma"), vec![1]);
        assert_eq!(s.matches(b"alphabet"), vec![0]);
        // A plan that does not hold together is refused, not trusted.
        static BROKEN: Plan = Plan {
            patterns: &["ab"],
            branches: &[PlanBranch {
                pattern: 0,
                source: "ab",
                exact: true,
                gated: true,
                bounds: [false; 2],
                gap: None,
            }],
            literals: &[b"ab"],
            gates: &[&[(3, 0, false)]],
        };
        assert!(Set::from_plan(&BROKEN).is_none());
        assert_eq!(set_with_plan(&["ab"], &BROKEN).unwrap().matches(b"xaby"), vec![0]);
    }
}

#[cfg(test)]
mod same_as_regex_set {
    //! The tables the analysis uses, matched by [`Set`] and by a `RegexSet`, must agree on every text.
    use super::*;

    fn tables() -> Vec<(&'static str, Vec<&'static str>)> {
        vec![
            (
                "reason",
                crate::kb::REASON_PATTERNS.iter().map(|(p, _, _)| *p).collect(),
            ),
            ("kb", crate::kb::rules::RULES.iter().filter_map(|r| r.text).collect()),
            ("block lists", crate::kb::BLOCK_LISTS.iter().map(|(p, _)| *p).collect()),
        ]
    }

    /// Texts to try: every line of every fixture (whitespace collapsed, as the callers do), and
    /// every gating literal of every table in contexts that do and do not satisfy word boundaries
    /// and anchors, in changed case, and cut short by one byte.
    fn texts() -> Vec<Vec<u8>> {
        let mut out: Vec<Vec<u8>> = Vec::new();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut n = 0;
        for entry in std::fs::read_dir(&dir).expect("tests/fixtures") {
            let bytes = std::fs::read(entry.unwrap().path()).unwrap();
            n += 1;
            let text = String::from_utf8_lossy(&bytes).into_owned();
            for line in text.lines() {
                out.push(line.split_whitespace().collect::<Vec<_>>().join(" ").into_bytes());
            }
            out.push(text.split_whitespace().collect::<Vec<_>>().join(" ").into_bytes());
        }
        assert!(n > 20, "fixtures found: {n}");
        for (_, patterns) in tables() {
            for p in patterns {
                for (source, gate) in branches(p).unwrap() {
                    // Gap branches: their pieces at, just within and just past the gap, across a
                    // line break, and at word boundaries or not.
                    if let Some((_, Some((lefts, _, _, Some(gap))))) = gap_branch(&source) {
                        for l in lefts.iter().take(3) {
                            for r in gap.right.iter().take(3) {
                                let n = gap.max;
                                let fills = [
                                    String::new(),
                                    " ".repeat(n),
                                    "x".repeat(n + 1),
                                    format!("{}\n", " ".repeat(n.saturating_sub(1))),
                                    "_".to_string(),
                                ];
                                for fill in fills {
                                    for (a, b) in [("", ""), ("9", "_"), (" ", " ")] {
                                        out.push([a.as_bytes(), l, fill.as_bytes(), r, b.as_bytes()].concat());
                                        out.push([r.as_slice(), b" ", l, fill.as_bytes(), r].concat());
                                    }
                                }
                            }
                        }
                    }
                    for lit in gate.map(|g| g.0).unwrap_or_default() {
                        let mut cut = lit.clone();
                        cut.pop();
                        let upper = lit.to_ascii_uppercase();
                        for body in [&lit, &upper, &cut] {
                            for (a, b) in [("", ""), ("x", "x"), (" ", " "), ("550 ", "."), ("ż", "\n"), ("9", "_")] {
                                out.push([a.as_bytes(), body, b.as_bytes()].concat());
                            }
                        }
                    }
                }
            }
        }
        out
    }

    #[test]
    fn every_branch_of_the_real_tables_compiles() {
        for (name, patterns) in tables() {
            let s = set(&patterns).unwrap();
            for b in &s.branches {
                assert!(
                    b.is_match(b"") || matches!(b.regex.get().unwrap(), Some(Confirm::Lazy(..))),
                    "{name}: {}",
                    b.source
                );
            }
        }
    }

    #[test]
    fn plain_reading_agrees_with_regex_syntax_on_the_real_tables() {
        let mut plain = 0;
        for (name, patterns) in tables() {
            for p in patterns {
                let Some(fast) = plain_branches(p) else { continue };
                plain += 1;
                let ast = regex_syntax::ast::parse::Parser::new().parse(p).unwrap();
                let parts: Vec<&regex_syntax::ast::Ast> = match &ast {
                    regex_syntax::ast::Ast::Alternation(alt) => alt.asts.iter().collect(),
                    other => vec![other],
                };
                assert_eq!(fast.len(), parts.len(), "{name}: {p}");
                for ((source, gate), part) in fast.iter().zip(parts) {
                    assert_eq!(*source, p[part.span().start.offset..part.span().end.offset]);
                    if gate.as_ref().unwrap().2 != [false; 2] || source.contains('[') {
                        // Word boundaries and classes: `expand` reads neither; the sets are
                        // compared with a `RegexSet` below.
                        continue;
                    }
                    let mut want = expand(part).unwrap_or_else(|| panic!("{name}: {source}"));
                    let mut got = gate.as_ref().unwrap().0.clone();
                    want.sort();
                    want.dedup();
                    got.sort();
                    got.dedup();
                    assert_eq!(got, want, "{name}: {source}");
                    assert_eq!(*source, p[part.span().start.offset..part.span().end.offset]);
                }
            }
        }
        assert!(plain > 60, "{plain} patterns read without regex-syntax");
    }

    #[test]
    fn branches_read_alone_agree_with_the_whole_patterns_syntax_tree() {
        let mut alone = 0;
        for (name, patterns) in tables() {
            for p in patterns {
                let whole = branches_whole(p).unwrap_or_else(|| panic!("{name}: {p}"));
                assert_eq!(branches(p).unwrap(), whole, "{name}: {p}");
                alone += usize::from(plain_branches(p).is_none());
            }
        }
        assert!(alone > 10, "{alone} patterns with a branch parsed alone");
        // A `|` in a class the simple split misjudges: the whole pattern decides.
        for p in [r"[]a|b]x", r"[\]|c]x", r"[a[b]|c]x", r"[^]|a]x|\d"] {
            assert_eq!(branches(p), branches_whole(p), "{p}");
            assert_eq!(branches(p).unwrap().len(), 1 + usize::from(p.ends_with("d")), "{p}");
        }
    }

    #[test]
    fn one_set_answers_for_both_tables_as_two_sets_would() {
        // The analysis searches the reason and the knowledge-base patterns as one set
        // (`kb::TEXTS`); each range must answer as that table's own set does.
        let tables = tables();
        let (reason, kb) = (&tables[0].1, &tables[1].1);
        let both: Vec<&str> = reason.iter().chain(kb).copied().collect();
        assert_eq!(both, crate::kb::text_patterns());
        let (one, r, k) = (set(&both).unwrap(), set(reason).unwrap(), set(kb).unwrap());
        let texts = texts();
        let mut hits = 0;
        for t in &texts {
            let found = one.hits(t);
            let first = one.first_match_in(&found, t, 0..reason.len());
            assert_eq!(first, r.first_match(t), "{:?}", String::from_utf8_lossy(t));
            let all: Vec<usize> = one
                .matches_in(&found, t, reason.len()..both.len())
                .into_iter()
                .map(|p| p - reason.len())
                .collect();
            assert_eq!(all, k.matches(t), "{:?}", String::from_utf8_lossy(t));
            hits += usize::from(first.is_some()) + all.len();
        }
        assert!(hits > 10_000, "{hits} matches");
        // A range inside one table: the patterns before it do not bound it.
        let found = one.hits(b"user unknown, mailbox full");
        let all = one.matches_in(&found, b"user unknown, mailbox full", 0..both.len());
        let later = all[1];
        assert_eq!(
            one.first_match_in(&found, b"user unknown, mailbox full", later..both.len()),
            Some(later)
        );
    }

    #[test]
    fn set_and_regex_set_agree_on_the_real_tables() {
        let texts = texts();
        assert!(texts.len() > 5000, "{}", texts.len());
        for (name, patterns) in tables() {
            let fast = set(&patterns).unwrap();
            let reference = regex_set(&patterns).unwrap();
            assert_eq!(fast.len(), reference.len());
            for t in &texts {
                let want: Vec<usize> = reference.matches(t).iter().collect();
                assert_eq!(fast.matches(t), want, "{name}: {:?}", String::from_utf8_lossy(t));
                assert_eq!(
                    fast.first_match(t),
                    want.first().copied(),
                    "{name}: {:?}",
                    String::from_utf8_lossy(t)
                );
            }
        }
    }
}
