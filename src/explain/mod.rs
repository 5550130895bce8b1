//! The human explanation of a report, fully localized: what happened, why, who must act and what to
//! do, per recipient. Built from the knowledge-base rules ([`crate::kb`]) and the Fluent messages of
//! one [`Localizer`]; facts (addresses, hosts, IPs, codes, list names, counts) are passed to the
//! messages as arguments. [`to_plain`] renders it for the CLI, [`to_markdown`] for a ticket.

use crate::i18n::Localizer;
use crate::kb::{self, Party, Rule};
use crate::model::{Action, Kind, Reason, Recipient, Report};
use serde::{Deserialize, Serialize};

/// The whole explanation of one report; every string is already localized.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Explanation {
    /// One line: what this report is and how it ended.
    pub headline: String,
    /// A few sentences: who wrote the report and how many recipients it covers.
    pub summary: String,
    /// One entry per recipient, in message order.
    pub recipients: Vec<RecipientExplanation>,
    /// Input problems, localized.
    pub warnings: Vec<String>,
    /// Localized section headings, so renderers need no texts of their own.
    pub labels: Labels,
}

/// Localized headings used by [`to_plain`] and [`to_markdown`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Labels {
    /// "Recipient".
    pub recipient: String,
    /// Shown instead of an address when the input has none.
    pub no_address: String,
    /// "Who must act".
    pub who_must_act: String,
    /// "Likely causes".
    pub causes: String,
    /// "What to do".
    pub fixes: String,
    /// "What the codes mean".
    pub codes: String,
    /// "Matched rules".
    pub rules: String,
    /// "Warnings".
    pub warnings: String,
}

/// The explanation for one recipient.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecipientExplanation {
    /// The recipient address, if the report names one.
    pub address: Option<String>,
    /// Short title of the most specific matching rule.
    pub title: String,
    /// What happened, with the facts found in the report.
    pub what_happened: String,
    /// True when retrying the same message will not help.
    pub permanent: bool,
    /// Localized sentence saying whether it is permanent or temporary and what that means.
    pub permanence: String,
    /// Who must act first.
    pub who_must_act: String,
    /// Likely causes, most likely first.
    pub causes: Vec<String>,
    /// Fix steps grouped by party, the acting party first.
    pub fixes: Vec<FixGroup>,
    /// Generic meaning of the reply code and of the enhanced status code's class, subject and detail.
    pub code_meaning: Vec<String>,
    /// Ids of the matched rules, most specific first.
    pub rule_ids: Vec<String>,
    /// What the DNS checks say about the reason now (confirmed / not reproducible), when they
    /// ran and bear on it; shown first. Set by [`add_dns_verdicts`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dns_verdict: Option<String>,
}

/// Steps for one party.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FixGroup {
    /// The party, localized.
    pub party: String,
    /// The steps, in order.
    pub steps: Vec<String>,
}

/// Every fixed message id the explanation itself uses, with the Fluent arguments it passes, so
/// tests can check that each exists in every locale and gets every argument it needs.
/// (Rule, advice and code messages are listed by [`crate::kb`].)
pub const MESSAGES: &[(&str, &[&str])] = &[
    ("label-recipient", &[]),
    ("label-no-address", &[]),
    ("label-who-must-act", &[]),
    ("label-causes", &[]),
    ("label-fixes", &[]),
    ("label-codes", &[]),
    ("label-rules", &[]),
    ("label-warnings", &[]),
    ("headline-not-a-bounce", &[]),
    ("headline-feedback", &[]),
    ("headline-auto-reply", &[]),
    ("headline-no-recipients", &[]),
    ("headline-failed", &["count"]),
    ("headline-delayed", &["count"]),
    ("headline-delivered", &["count"]),
    ("summary-kind-dsn", &[]),
    ("summary-kind-ndr-text", &[]),
    ("summary-kind-reply-line", &[]),
    ("summary-kind-feedback", &[]),
    ("summary-kind-auto-reply", &[]),
    ("summary-kind-not-a-bounce", &[]),
    ("summary-reporting-mta", &["host"]),
    ("summary-recipients", &["count"]),
    ("party-sender", &[]),
    ("party-sender-admin", &[]),
    ("party-recipient", &[]),
    ("party-recipient-admin", &[]),
    ("party-nobody", &[]),
    ("permanence-hard", &[]),
    ("permanence-soft", &[]),
    ("permanence-greylisted", &[]),
    ("permanence-delivered", &[]),
    ("permanence-not-a-failure", &[]),
    ("stage-conn", &[]),
    ("stage-helo", &[]),
    ("stage-ehlo", &[]),
    ("stage-mail", &[]),
    ("stage-rcpt", &[]),
    ("stage-data", &[]),
    ("stage-bdat", &[]),
    ("stage-starttls", &[]),
    ("stage-auth", &[]),
    ("fact-remote-stage", &["host", "stage"]),
    ("fact-remote", &["host"]),
    ("fact-stage", &["stage"]),
    ("fact-reply", &["text"]),
    ("fact-ip", &["ip"]),
    ("fact-list", &["list"]),
    ("fact-hop-ip", &["ip"]),
    ("rule-none-title", &[]),
    ("rule-none-what", &[]),
];

/// Most causes shown per recipient.
const MAX_CAUSES: usize = 6;

/// Explains a report in the localizer's language.
pub fn explain(report: &Report, loc: &Localizer) -> Explanation {
    let recipients: Vec<RecipientExplanation> = report
        .recipients
        .iter()
        .map(|r| explain_recipient(report, r, loc))
        .collect();
    Explanation {
        headline: headline(report, loc),
        summary: summary(report, loc),
        recipients,
        warnings: report
            .warnings
            .iter()
            .map(|w| {
                let args: Vec<(&str, String)> = w.args.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
                loc.msg(&w.id, &args)
            })
            .collect(),
        labels: Labels {
            recipient: loc.msg("label-recipient", &[]),
            no_address: loc.msg("label-no-address", &[]),
            who_must_act: loc.msg("label-who-must-act", &[]),
            causes: loc.msg("label-causes", &[]),
            fixes: loc.msg("label-fixes", &[]),
            codes: loc.msg("label-codes", &[]),
            rules: loc.msg("label-rules", &[]),
            warnings: loc.msg("label-warnings", &[]),
        },
    }
}

fn headline(report: &Report, loc: &Localizer) -> String {
    let count = |f: &dyn Fn(&Recipient) -> bool| report.recipients.iter().filter(|r| f(r)).count();
    match report.kind {
        Kind::NotABounce => return loc.msg("headline-not-a-bounce", &[]),
        Kind::Feedback => return loc.msg("headline-feedback", &[]),
        Kind::AutoReply => return loc.msg("headline-auto-reply", &[]),
        _ => {}
    }
    let delivered = count(&|r| r.reason == Reason::Delivered || r.action == Some(Action::Delivered));
    let hard = count(&|r| r.hard && r.reason != Reason::Delivered);
    let soft = report.recipients.len() - delivered - hard;
    if report.recipients.is_empty() {
        loc.msg("headline-no-recipients", &[])
    } else if hard > 0 && soft > 0 {
        let failed = loc.msg("headline-failed", &[("count", hard.to_string())]);
        format!(
            "{failed} {}",
            loc.msg("headline-delayed", &[("count", soft.to_string())])
        )
    } else if hard > 0 {
        loc.msg("headline-failed", &[("count", hard.to_string())])
    } else if soft > 0 {
        loc.msg("headline-delayed", &[("count", soft.to_string())])
    } else {
        loc.msg("headline-delivered", &[("count", delivered.to_string())])
    }
}

fn summary(report: &Report, loc: &Localizer) -> String {
    let kind = match report.kind {
        Kind::Dsn => "summary-kind-dsn",
        Kind::NdrText => "summary-kind-ndr-text",
        Kind::ReplyLine => "summary-kind-reply-line",
        Kind::Feedback => "summary-kind-feedback",
        Kind::AutoReply => "summary-kind-auto-reply",
        Kind::NotABounce => "summary-kind-not-a-bounce",
    };
    let mut parts = vec![loc.msg(kind, &[])];
    if let Some(host) = report.reporting_mta.as_deref().filter(|h| !h.is_empty()) {
        parts.push(loc.msg("summary-reporting-mta", &[("host", host.to_string())]));
    }
    if !report.recipients.is_empty() {
        parts.push(loc.msg("summary-recipients", &[("count", report.recipients.len().to_string())]));
    }
    parts.join(" ")
}

/// The rules for a recipient: those the diagnosis recorded, or a fresh match when it recorded none.
fn rules_for(report: &Report, r: &Recipient) -> Vec<&'static Rule> {
    let recorded: Vec<&'static Rule> = r.rules.iter().filter_map(|id| kb::rule(id)).collect();
    if !recorded.is_empty() {
        return recorded;
    }
    let mut found = kb::matching(r, &report.format);
    if found.is_empty() {
        found.extend(kb::reason_rule(r.reason));
    }
    found
}

fn explain_recipient(report: &Report, r: &Recipient, loc: &Localizer) -> RecipientExplanation {
    let rules = rules_for(report, r);
    let top = rules.first().copied();
    // Advice comes from the top rule and the other specific matches that agree with its reason;
    // a generic per-reason rule only advises when nothing more specific matched.
    let advising: Vec<&'static Rule> = rules
        .iter()
        .copied()
        .enumerate()
        .filter(|(i, rule)| *i == 0 || (rule.on_reason.is_none() && top.is_none_or(|t| t.reason == rule.reason)))
        .map(|(_, rule)| rule)
        .collect();
    let greylisted = rules.iter().any(|rule| rule.id == "greylisting");
    let (title, what) = match top {
        Some(rule) => (loc.msg(&rule.title_id(), &[]), loc.msg(&rule.what_id(), &[])),
        None => (loc.msg("rule-none-title", &[]), loc.msg("rule-none-what", &[])),
    };
    let mut what_parts = vec![what];
    what_parts.extend(facts(report, r, loc));

    let mut causes: Vec<String> = Vec::new();
    for rule in &advising {
        for id in rule.causes {
            let text = loc.msg(id, &[]);
            if !causes.contains(&text) && causes.len() < MAX_CAUSES {
                causes.push(text);
            }
        }
    }

    let mut groups: Vec<(Party, Vec<&'static str>)> = Vec::new();
    for rule in &advising {
        for (party, steps) in rule.fixes {
            let slot = match groups.iter().position(|(p, _)| p == party) {
                Some(i) => i,
                None => {
                    groups.push((*party, Vec::new()));
                    groups.len() - 1
                }
            };
            for s in *steps {
                if !groups[slot].1.contains(s) {
                    groups[slot].1.push(s);
                }
            }
        }
    }
    if let Some(rule) = top {
        // The acting party's steps first.
        groups.sort_by_key(|(p, _)| *p != rule.act);
    }
    let fixes = groups
        .into_iter()
        .map(|(party, steps)| FixGroup {
            party: loc.msg(&format!("party-{}", party.as_str()), &[]),
            steps: steps.iter().map(|s| loc.msg(s, &[])).collect(),
        })
        .collect();

    let permanence_id = if r.reason == Reason::Delivered || r.action == Some(Action::Delivered) {
        "permanence-delivered"
    } else if matches!(r.reason, Reason::Feedback | Reason::Vacation) {
        "permanence-not-a-failure"
    } else if greylisted {
        "permanence-greylisted"
    } else if r.hard {
        "permanence-hard"
    } else {
        "permanence-soft"
    };
    let act = top.map(|rule| rule.act).unwrap_or(Party::SenderAdmin);
    let act = if greylisted { Party::Nobody } else { act };

    RecipientExplanation {
        address: r.address.clone(),
        title,
        what_happened: what_parts.join(" "),
        permanent: r.hard,
        permanence: loc.msg(permanence_id, &[]),
        who_must_act: loc.msg(&format!("party-{}", act.as_str()), &[]),
        causes,
        fixes,
        code_meaning: kb::codes::meanings(&r.reply_code, r.status.as_deref())
            .into_iter()
            .map(|(id, args)| loc.msg(&id, &args))
            .collect(),
        rule_ids: rules.iter().map(|rule| rule.id.to_string()).collect(),
        dns_verdict: None,
    }
}

/// Puts each recipient's DNS verdict line (in recipient order, `None` for none) into the
/// explanation, where the renderers show it first.
pub fn add_dns_verdicts(e: &mut Explanation, lines: &[Option<String>]) {
    for (r, line) in e.recipients.iter_mut().zip(lines) {
        r.dns_verdict = line.clone();
    }
}

/// Sentences stating the facts found for a recipient: the refusing host, the stage, the reply, the
/// IP address and the block list named in it.
fn facts(report: &Report, r: &Recipient, loc: &Localizer) -> Vec<String> {
    let mut out = Vec::new();
    let remote = r.remote_mta.as_deref().filter(|h| !h.is_empty());
    match (remote, r.command) {
        (Some(host), Some(cmd)) => out.push(loc.msg(
            "fact-remote-stage",
            &[("host", host.to_string()), ("stage", loc.msg(&stage_id(cmd), &[]))],
        )),
        (Some(host), None) => out.push(loc.msg("fact-remote", &[("host", host.to_string())])),
        (None, Some(cmd)) => out.push(loc.msg("fact-stage", &[("stage", loc.msg(&stage_id(cmd), &[]))])),
        (None, None) => {}
    }
    if let Some(d) = r.diagnostic.as_deref().filter(|d| !d.trim().is_empty()) {
        out.push(loc.msg("fact-reply", &[("text", kb::collapse(d))]));
        if let Some(ip) = kb::ip_in(d) {
            out.push(loc.msg("fact-ip", &[("ip", ip)]));
        }
        if let Some(list) = kb::block_list(d) {
            out.push(loc.msg("fact-list", &[("list", list)]));
        }
    }
    if let Some(hop) = report.failing_hop.and_then(|i| report.hops.get(i)) {
        if let (Some(ip), None) = (hop.ip.as_deref(), remote) {
            out.push(loc.msg("fact-hop-ip", &[("ip", ip.to_string())]));
        }
    }
    out
}

fn stage_id(c: crate::model::Command) -> String {
    format!("stage-{}", c.as_str().to_ascii_lowercase())
}

/// Plain-text rendering for a terminal.
pub fn to_plain(e: &Explanation) -> String {
    let mut s = String::new();
    s.push_str(&e.headline);
    s.push('\n');
    s.push_str(&e.summary);
    s.push('\n');
    for r in &e.recipients {
        s.push('\n');
        s.push_str(&format!(
            "{}: {}\n",
            e.labels.recipient,
            r.address.as_deref().unwrap_or(&e.labels.no_address)
        ));
        if let Some(v) = &r.dns_verdict {
            s.push_str(&format!("  {v}\n"));
        }
        s.push_str(&format!("  {}\n", r.title));
        s.push_str(&format!("  {}\n", r.what_happened));
        s.push_str(&format!("  {}\n", r.permanence));
        s.push_str(&format!("  {}: {}\n", e.labels.who_must_act, r.who_must_act));
        if !r.causes.is_empty() {
            s.push_str(&format!("  {}:\n", e.labels.causes));
            for (i, c) in r.causes.iter().enumerate() {
                s.push_str(&format!("    {}. {}\n", i + 1, c));
            }
        }
        if !r.fixes.is_empty() {
            s.push_str(&format!("  {}:\n", e.labels.fixes));
            for g in &r.fixes {
                s.push_str(&format!("    {}:\n", g.party));
                for step in &g.steps {
                    s.push_str(&format!("      - {step}\n"));
                }
            }
        }
        if !r.code_meaning.is_empty() {
            s.push_str(&format!("  {}:\n", e.labels.codes));
            for c in &r.code_meaning {
                s.push_str(&format!("    - {c}\n"));
            }
        }
        if !r.rule_ids.is_empty() {
            s.push_str(&format!("  {}: {}\n", e.labels.rules, r.rule_ids.join(", ")));
        }
    }
    if !e.warnings.is_empty() {
        s.push_str(&format!("\n{}:\n", e.labels.warnings));
        for w in &e.warnings {
            s.push_str(&format!("  - {w}\n"));
        }
    }
    s
}

/// Escapes text for Markdown so pasted content stays text (no links, emphasis or HTML).
fn md(text: &str) -> String {
    // Every character to escape is ASCII, so the text is cut only at ASCII bytes (char boundaries)
    // and the runs between them are copied whole.
    let special = |b: u8| {
        matches!(
            b,
            b'\\'
                | b'`'
                | b'*'
                | b'_'
                | b'{'
                | b'}'
                | b'['
                | b']'
                | b'('
                | b')'
                | b'#'
                | b'+'
                | b'-'
                | b'.'
                | b'!'
                | b'|'
                | b'<'
                | b'>'
        )
    };
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut run = 0;
    for (i, b) in text.bytes().enumerate() {
        if special(b) {
            out.push_str(&text[run..i]);
            out.push('\\');
            run = i;
        }
    }
    out.push_str(&text[run..]);
    out
}

/// Markdown rendering, e.g. to paste into a support ticket.
pub fn to_markdown(e: &Explanation) -> String {
    let mut s = format!("## {}\n\n{}\n", md(&e.headline), md(&e.summary));
    for r in &e.recipients {
        let addr = r.address.as_deref().unwrap_or(&e.labels.no_address);
        s.push_str(&format!("\n### {}: {}\n\n", md(&e.labels.recipient), md(addr)));
        if let Some(v) = &r.dns_verdict {
            s.push_str(&format!("> {}\n\n", md(v)));
        }
        s.push_str(&format!(
            "**{}**\n\n{}\n\n{}\n\n",
            md(&r.title),
            md(&r.what_happened),
            md(&r.permanence)
        ));
        s.push_str(&format!(
            "**{}:** {}\n",
            md(&e.labels.who_must_act),
            md(&r.who_must_act)
        ));
        if !r.causes.is_empty() {
            s.push_str(&format!("\n**{}**\n\n", md(&e.labels.causes)));
            for (i, c) in r.causes.iter().enumerate() {
                s.push_str(&format!("{}. {}\n", i + 1, md(c)));
            }
        }
        if !r.fixes.is_empty() {
            s.push_str(&format!("\n**{}**\n\n", md(&e.labels.fixes)));
            for g in &r.fixes {
                s.push_str(&format!("- {}\n", md(&g.party)));
                for step in &g.steps {
                    s.push_str(&format!("  - {}\n", md(step)));
                }
            }
        }
        if !r.code_meaning.is_empty() {
            s.push_str(&format!("\n**{}**\n\n", md(&e.labels.codes)));
            for c in &r.code_meaning {
                s.push_str(&format!("- {}\n", md(c)));
            }
        }
        if !r.rule_ids.is_empty() {
            let ids: Vec<String> = r.rule_ids.iter().map(|i| format!("`{i}`")).collect();
            s.push_str(&format!("\n{}: {}\n", md(&e.labels.rules), ids.join(", ")));
        }
    }
    if !e.warnings.is_empty() {
        s.push_str(&format!("\n**{}**\n\n", md(&e.labels.warnings)));
        for w in &e.warnings {
            s.push_str(&format!("- {}\n", md(w)));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::md;

    #[test]
    fn markdown_escaping_marks_every_special_character_and_keeps_the_rest() {
        assert_eq!(md(""), "");
        assert_eq!(md("plain words"), "plain words");
        assert_eq!(
            md("550 5.1.1 <a_b@example.com>: [x](y) *z* #1 |t| `c` {d} + - ! \\"),
            "550 5\\.1\\.1 \\<a\\_b@example\\.com\\>: \\[x\\]\\(y\\) \\*z\\* \\#1 \\|t\\| \\`c\\` \\{d\\} \\+ \\- \\! \\\\"
        );
        // Non-ASCII text next to escapes stays whole.
        assert_eq!(md("Skrzynka pełna.łę"), "Skrzynka pełna\\.łę");
        assert_eq!(md("ß<日本>"), "ß\\<日本\\>");
        // The same as escaping character by character, over every ASCII character and some others.
        let all: String = (0u8..128).map(char::from).chain("ąćęłńóśźż€😀".chars()).collect();
        let mut by_char = String::new();
        for ch in all.chars() {
            if "\\`*_{}[]()#+-.!|<>".contains(ch) {
                by_char.push('\\');
            }
            by_char.push(ch);
        }
        assert_eq!(md(&all), by_char);
    }
}
