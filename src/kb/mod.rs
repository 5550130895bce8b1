//! The knowledge base: what a refusal means and what each party should do, kept as data.
//!
//! [`rules::RULES`] is a static table of [`Rule`]s. A rule matches a recipient when every criterion
//! it sets holds (enhanced status, reply code, reply-text pattern, failing SMTP stage, sending
//! format, or the classified reason for the generic per-reason rules). The reply-text patterns of all
//! rules form one linear-time `RegexSet`, run once over the diagnostic with case folded and
//! whitespace collapsed, so line wraps do not matter. The most specific match comes first.
//! Message ids are derived from the rule id (`rule-<id>-title`, `rule-<id>-what`); causes and fixes
//! name shared messages from `advice.ftl`. Generic meanings of reply codes and of the class, subject
//! and detail of an enhanced status code are in [`codes`].

pub mod codes;
pub mod decide;
#[cfg(not(target_arch = "wasm32"))]
pub(crate) mod decision_plan;
pub mod reasons;
pub mod rules;
#[cfg(not(target_arch = "wasm32"))]
pub(crate) mod text_plan;

use crate::model::{Command, Reason, Recipient};
use regex::Regex;
use std::sync::LazyLock;

pub use crate::model::Party;

/// Fix steps for one party: `(party, message ids of the steps in order)`.
pub type Fixes = (Party, &'static [&'static str]);

/// One knowledge-base entry. Unset criteria (empty lists, `None`) match anything; a rule sets at
/// least one criterion.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// Stable id; also the stem of its message ids (`rule-<id>-title`, `rule-<id>-what`).
    pub id: &'static str,
    /// The reason id (`reasons.md`) this rule stands for.
    pub reason: Reason,
    /// Who must act first.
    pub act: Party,
    /// Enhanced status codes: exact (`5.7.1`), any class (`X.7.1`) or a prefix ending in `*` (`5.7.6*`).
    pub status: &'static [&'static str],
    /// RFC 5321 reply codes (`554`).
    pub codes: &'static [&'static str],
    /// Reply-text pattern (`regex` syntax), matched case-insensitively on collapsed whitespace.
    pub text: Option<&'static str>,
    /// Failing SMTP stages.
    pub stages: &'static [Command],
    /// Sending formats (`Report::format`, e.g. `exchange`).
    pub formats: &'static [&'static str],
    /// For the generic per-reason rules: the classified reason this rule explains.
    pub on_reason: Option<Reason>,
    /// Message ids of the likely causes, most likely first.
    pub causes: &'static [&'static str],
    /// Fix steps per party, the acting party first.
    pub fixes: &'static [Fixes],
    /// Another rule id whose title and text this rule shares (e.g. the same refusal known by its
    /// code alone); `None` to use its own.
    pub msg: Option<&'static str>,
}

impl Rule {
    /// A rule with no criteria yet; add them with the builder methods.
    pub const fn new(id: &'static str, reason: Reason, act: Party) -> Rule {
        Rule {
            id,
            reason,
            act,
            status: &[],
            codes: &[],
            text: None,
            stages: &[],
            formats: &[],
            on_reason: None,
            causes: &[],
            fixes: &[],
            msg: None,
        }
    }

    /// Shares the title and text of another rule.
    pub const fn msg(mut self, id: &'static str) -> Rule {
        self.msg = Some(id);
        self
    }

    /// Sets the reply-text pattern.
    pub const fn text(mut self, pattern: &'static str) -> Rule {
        self.text = Some(pattern);
        self
    }

    /// Sets the enhanced status codes.
    pub const fn status(mut self, s: &'static [&'static str]) -> Rule {
        self.status = s;
        self
    }

    /// Sets the reply codes.
    pub const fn codes(mut self, c: &'static [&'static str]) -> Rule {
        self.codes = c;
        self
    }

    /// Sets the failing stages.
    pub const fn stages(mut self, s: &'static [Command]) -> Rule {
        self.stages = s;
        self
    }

    /// Sets the sending formats.
    pub const fn formats(mut self, f: &'static [&'static str]) -> Rule {
        self.formats = f;
        self
    }

    /// Makes this the generic rule for a classified reason.
    pub const fn on_reason(mut self, r: Reason) -> Rule {
        self.on_reason = Some(r);
        self
    }

    /// Sets the ranked causes.
    pub const fn causes(mut self, c: &'static [&'static str]) -> Rule {
        self.causes = c;
        self
    }

    /// Sets the fixes per party.
    pub const fn fixes(mut self, f: &'static [Fixes]) -> Rule {
        self.fixes = f;
        self
    }

    /// Message id of the title.
    pub fn title_id(&self) -> String {
        format!("rule-{}-title", self.msg.unwrap_or(self.id))
    }

    /// Message id of the "what happened" text.
    pub fn what_id(&self) -> String {
        format!("rule-{}-what", self.msg.unwrap_or(self.id))
    }

    /// How specific the rule is: a text pattern counts most, then an exact detail code, a reply
    /// code, a stage and a format; generic per-reason rules count least.
    pub fn specificity(&self) -> u32 {
        let mut s = 0;
        if self.text.is_some() {
            s += 16;
        }
        if !self.status.is_empty() {
            s += if self.status.iter().all(|p| !p.contains(['X', '*'])) {
                8
            } else {
                6
            };
        }
        if !self.codes.is_empty() {
            s += 4;
        }
        if !self.stages.is_empty() {
            s += 2;
        }
        if !self.formats.is_empty() {
            s += 1;
        }
        s
    }

    /// Whether the non-text criteria hold for this recipient.
    fn matches_facts(&self, r: &Recipient, format: &str) -> bool {
        if !self.status.is_empty() {
            let Some(s) = r.status.as_deref() else { return false };
            if !self.status.iter().any(|p| status_matches(p, s)) {
                return false;
            }
        }
        if !self.codes.is_empty() && !self.codes.contains(&r.reply_code.as_str()) {
            return false;
        }
        if !self.stages.is_empty() && !r.command.is_some_and(|c| self.stages.contains(&c)) {
            return false;
        }
        if !self.formats.is_empty() && !self.formats.iter().any(|f| f.eq_ignore_ascii_case(format)) {
            return false;
        }
        if let Some(reason) = self.on_reason {
            if r.reason != reason {
                return false;
            }
        }
        true
    }
}

/// Whether status pattern `p` (`5.7.1`, `X.7.1`, `5.7.6*`) matches status code `s`.
pub fn status_matches(p: &str, s: &str) -> bool {
    let s = s.trim();
    let (p, prefix) = match p.strip_suffix('*') {
        Some(head) => (head, true),
        None => (p, false),
    };
    let (p, s_rest) = match p.strip_prefix("X.") {
        Some(rest) => (rest, s.get(2..).unwrap_or_default()),
        None => (p, s),
    };
    if prefix {
        s_rest.starts_with(p)
    } else {
        s_rest == p
    }
}

/// The reason classifier's reply-text patterns ([`reasons::text_patterns`]) with their reason and
/// whether each is exact, in the order they are tried.
pub static REASON_PATTERNS: LazyLock<Vec<(&'static str, Reason, bool)>> = LazyLock::new(reasons::text_patterns);

/// The reply-text patterns of the reason classifier ([`REASON_PATTERNS`], first) and of the rules
/// (after them, in rule order) as one set: one literal search of a diagnostic answers both
/// (`Set::first_match_in` / `Set::matches_in` on each one's range).
pub(crate) static TEXTS: LazyLock<Option<crate::patterns::Set>> = LazyLock::new(|| {
    let patterns = text_patterns();
    #[cfg(not(target_arch = "wasm32"))]
    let set = crate::patterns::set_with_plan(&patterns, &text_plan::TEXT_PLAN);
    // The browser's engine reads the patterns (once per page, in its worker) rather than carry
    // the plan in its wasm.
    #[cfg(target_arch = "wasm32")]
    let set = crate::patterns::set(&patterns);
    set.ok()
});

/// The patterns of [`TEXTS`], in order.
pub(crate) fn text_patterns() -> Vec<&'static str> {
    REASON_PATTERNS
        .iter()
        .map(|(p, _, _)| *p)
        .chain(text_rules().iter().map(|&i| rules::RULES[i].text.unwrap_or_default()))
        .collect()
}

/// [`collapse`] with letters outside ASCII in lower case, as the patterns write them (they fold
/// ASCII case themselves): `Временная`, `Über` and `Échec` match like the words inside a sentence.
pub fn collapse_folded(text: &str) -> String {
    let collapsed = collapse(text);
    if collapsed.is_ascii() {
        return collapsed;
    }
    let mut out = String::with_capacity(collapsed.len());
    for c in collapsed.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Collapses whitespace runs to one space, so patterns survive line wraps.
pub fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Rule indexes of the rules that have a text pattern, in RegexSet order.
static TEXT_RULES: LazyLock<Vec<usize>> = LazyLock::new(|| {
    (0..rules::RULES.len())
        .filter(|&i| rules::RULES[i].text.is_some())
        .collect()
});

/// The rules that match one recipient, most specific first (ties keep table order).
pub fn matching(r: &Recipient, format: &str) -> Vec<&'static Rule> {
    matching_with(r, format, &text_hits(r))
}

/// Indexes (in [`rules::RULES`]) of the rules whose text pattern the recipient's diagnostic
/// matches: the part of [`matching`] that does not depend on the recipient's other facts.
pub fn text_hits(r: &Recipient) -> Vec<usize> {
    text_hits_collapsed(r.diagnostic.as_deref().map(collapse_folded).as_deref(), None)
}

/// The indexes of the rules with a text pattern, in order (their patterns follow the reason
/// classifier's in [`TEXTS`]).
pub(crate) fn text_rules() -> &'static [usize] {
    &TEXT_RULES
}

/// [`text_hits`] of a diagnostic already [`collapse`]d (`None`: the recipient has none), with its
/// literal hits in [`TEXTS`] when they were found already.
pub(crate) fn text_hits_collapsed(diagnostic: Option<&str>, hits: Option<&crate::patterns::Hits>) -> Vec<usize> {
    let (Some(d), Some(set)) = (diagnostic, TEXTS.as_ref()) else {
        return Vec::new();
    };
    let first = REASON_PATTERNS.len();
    set.with_hits(d.as_bytes(), hits, |h| {
        set.matches_in(h, d.as_bytes(), first..set.len())
    })
    .into_iter()
    .map(|k| TEXT_RULES[k - first])
    .collect()
}

/// [`matching`] with the text hits already found by [`text_hits`] (which do not change when
/// only the recipient's reason does).
pub fn matching_with(r: &Recipient, format: &str, text_hits: &[usize]) -> Vec<&'static Rule> {
    let mut hits: Vec<(usize, &'static Rule)> = rules::RULES
        .iter()
        .enumerate()
        .filter(|(i, rule)| (rule.text.is_none() || text_hits.contains(i)) && rule.matches_facts(r, format))
        .collect();
    hits.sort_by_key(|(i, rule)| (std::cmp::Reverse(rule.specificity()), *i));
    hits.into_iter().map(|(_, rule)| rule).collect()
}

/// Ids of the matching rules, most specific first (what `Recipient::rules` holds).
pub fn rule_ids(r: &Recipient, format: &str) -> Vec<String> {
    matching(r, format).iter().map(|rule| rule.id.to_string()).collect()
}

/// Looks a rule up by id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    rules::RULES.iter().find(|r| r.id == id)
}

/// The generic rule for a reason (every reason has one).
pub fn reason_rule(reason: Reason) -> Option<&'static Rule> {
    rules::RULES.iter().find(|r| r.on_reason == Some(reason))
}

/// Known block lists: (pattern in the reply text, display name), checked in order.
pub static BLOCK_LISTS: &[(&str, &str)] = &[
    (r"spamhaus\.org|spamhaus", "Spamhaus"),
    (r"barracudacentral\.org|barracuda", "Barracuda"),
    (r"spamcop\.net|spamcop", "SpamCop"),
    (r"uceprotect", "UCEPROTECT"),
    (r"sorbs\.net|\bsorbs\b", "SORBS"),
    (r"psbl\.surriel\.com|\bpsbl\b", "PSBL"),
    (r"mailspike", "Mailspike"),
    (r"senderscore|return path", "Sender Score"),
    (r"ipremoval\.sms\.symantec|symantec|brightmail", "Symantec"),
    (r"\bS3150\b|\bS3140\b|outlook\.com|microsoft", "Microsoft"),
];

static LIST_SET: LazyLock<Option<crate::patterns::Set>> =
    LazyLock::new(|| crate::patterns::set(BLOCK_LISTS.iter().map(|(p, _)| *p)).ok());

static ZONE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:blocked|listed)\s+(?:using|in|on|at|by)\s+([a-z0-9-]+(?:\.[a-z0-9-]+)+)").ok()
});

static IPV4: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"\b((?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3})\b").ok()
});

/// The block list the reply names: a DNSBL zone after "blocked using" (Postfix and others), or a
/// known list's name.
pub fn block_list(diagnostic: &str) -> Option<String> {
    let text = collapse(diagnostic);
    if let Some(c) = ZONE.as_ref().and_then(|z| z.captures(&text)) {
        let zone = c[1].trim_end_matches('.').to_ascii_lowercase();
        if !zone.chars().all(|ch| ch.is_ascii_digit() || ch == '.') {
            return Some(zone);
        }
    }
    let set = LIST_SET.as_ref()?;
    set.first_match(text.as_bytes()).map(|i| BLOCK_LISTS[i].1.to_string())
}

/// The first IPv4 address the reply names (usually the sender's), if any.
pub fn ip_in(diagnostic: &str) -> Option<String> {
    IPV4.as_ref()?.captures(diagnostic).map(|c| c[1].to_string())
}

/// Every message id the knowledge base can ask for, with the Fluent arguments it passes: rule
/// titles and texts, causes, fixes, party names and the generic code meanings. Tests use it to
/// check that each id exists in every locale and that no message is left unused.
pub fn message_ids() -> Vec<(String, Vec<&'static str>)> {
    let mut out: Vec<(String, Vec<&'static str>)> = Vec::new();
    let mut push = |id: String, args: Vec<&'static str>| {
        if !out.iter().any(|(i, _)| *i == id) {
            out.push((id, args));
        }
    };
    for rule in rules::RULES {
        push(rule.title_id(), vec![]);
        push(rule.what_id(), vec![]);
        for c in rule.causes {
            push(c.to_string(), vec![]);
        }
        for (_, steps) in rule.fixes {
            for s in *steps {
                push(s.to_string(), vec![]);
            }
        }
    }
    for p in Party::ALL {
        push(format!("party-{}", p.as_str()), vec![]);
    }
    for c in codes::REPLY_CODES {
        push(format!("reply-{c}"), vec!["code"]);
    }
    for c in ["2", "3", "4", "5"] {
        push(format!("reply-class-{c}"), vec!["code"]);
    }
    for c in codes::STATUS_CLASSES {
        push(format!("status-class-{c}"), vec!["status"]);
    }
    for s in codes::STATUS_SUBJECTS {
        push(format!("status-subject-{s}"), vec!["status"]);
    }
    for d in codes::STATUS_DETAILS {
        push(format!("status-{}", d.replace('.', "-")), vec!["status"]);
    }
    push("status-detail-unregistered".to_string(), vec!["status"]);
    for id in decide::message_ids() {
        let args = if id == decide::FIX_LINK { vec!["link"] } else { vec![] };
        push(id.to_string(), args);
    }
    out
}
