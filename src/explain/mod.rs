//! The human explanation of a report, fully localized: what happened, why, who must act and what to
//! do, per recipient. Built from the knowledge-base rules ([`crate::kb`]) and the Fluent messages of
//! one [`Localizer`]; facts (addresses, hosts, IPs, codes, list names, counts) are passed to the
//! messages as arguments. [`to_plain`] renders it for the CLI, [`to_markdown`] for a ticket.

use crate::diagnose::decide;
use crate::i18n::Localizer;
use crate::kb::{self, Party};
use crate::model::{Action, HopRole, Kind, Reason, Recipient, Report};
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
    /// True when the message came back and will not be retried (the report's `final`).
    pub is_final: bool,
    /// Localized sentence saying whether it is over or still retried, and what that means.
    pub permanence: String,
    /// Who must act first.
    pub who_must_act: String,
    /// Who must act first, as the report's `who_must_act` id.
    pub act: Party,
    /// Likely causes, most likely first.
    pub causes: Vec<String>,
    /// The causes' message ids (the report's `causes`), in the same order.
    pub cause_ids: Vec<String>,
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
    /// The party, as in the report's `fixes`.
    pub party_id: Party,
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
    ("fact-sender-ip-path", &["ip"]),
    ("permanence-final-soft", &[]),
    ("decision-retrying-unreachable-title", &[]),
    ("decision-retrying-unreachable-what", &[]),
    ("rule-none-title", &[]),
    ("rule-none-what", &[]),
];

/// Explains a report in the localizer's language.
pub fn explain(report: &Report, loc: &Localizer) -> Explanation {
    // A report made by `analyze` carries its decisions; one built by hand gets them here, from its
    // facts alone (no notice text).
    let decided;
    let report = if report.recipients.iter().any(decide::undecided) {
        let mut r = report.clone();
        decide::decide("", &mut r);
        decided = r;
        &decided
    } else {
        report
    };
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
    let delivered_or = |r: &Recipient| r.reason == Reason::Delivered || r.action == Some(Action::Delivered);
    let hard = count(&|r| r.is_final && !delivered_or(r));
    let soft = count(&|r| !r.is_final && !delivered_or(r));
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

fn explain_recipient(report: &Report, r: &Recipient, loc: &Localizer) -> RecipientExplanation {
    let rules = decide::rules_for(report, r);
    let top = rules.first().copied();
    let greylisted = rules.iter().any(|rule| rule.id == "greylisting");
    let retrying = top.filter(|_| !r.is_final).and_then(|t| {
        kb::decide::RETRYING_TITLES
            .iter()
            .find(|(reason, _, _)| *reason == t.reason)
    });
    let (title, what) = match (retrying, top) {
        (Some((_, title, what)), _) => (loc.msg(title, &[]), loc.msg(what, &[])),
        (None, Some(rule)) => (loc.msg(&rule.title_id(), &[]), loc.msg(&rule.what_id(), &[])),
        (None, None) => (loc.msg("rule-none-title", &[]), loc.msg("rule-none-what", &[])),
    };
    let mut what_parts = vec![what];
    what_parts.extend(facts(report, r, loc));

    // Causes and fixes are the decisions stored in the report (`diagnose::decide`), rendered.
    let causes: Vec<String> = r.causes.iter().map(|id| loc.msg(id, &[])).collect();
    let fixes = r
        .fixes
        .iter()
        .map(|g| FixGroup {
            party: loc.msg(&format!("party-{}", g.party.as_str()), &[]),
            party_id: g.party,
            steps: g
                .steps
                .iter()
                .flat_map(|s| -> Vec<String> {
                    if s == kb::decide::FIX_LINK {
                        r.links.iter().map(|l| loc.msg(s, &[("link", l.clone())])).collect()
                    } else {
                        vec![loc.msg(s, &[])]
                    }
                })
                .collect(),
        })
        .collect();

    let delivered = r.reason == Reason::Delivered || r.action == Some(Action::Delivered);
    let permanence_id = if delivered {
        "permanence-delivered"
    } else if matches!(r.reason, Reason::Feedback | Reason::Vacation)
        || matches!(report.kind, Kind::Feedback | Kind::AutoReply | Kind::NotABounce)
    {
        "permanence-not-a-failure"
    } else if !r.is_final && greylisted {
        "permanence-greylisted"
    } else if !r.is_final {
        "permanence-soft"
    } else if r.hard {
        "permanence-hard"
    } else {
        "permanence-final-soft"
    };

    RecipientExplanation {
        address: r.address.clone(),
        title,
        what_happened: what_parts.join(" "),
        permanent: r.hard,
        is_final: r.is_final,
        permanence: loc.msg(permanence_id, &[]),
        who_must_act: loc.msg(&format!("party-{}", r.who_must_act.as_str()), &[]),
        act: r.who_must_act,
        causes,
        cause_ids: r.causes.clone(),
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

/// Reasons whose reply may name a block list.
const LIST_REASONS: &[Reason] = &[
    Reason::Blocked,
    Reason::BadReputation,
    Reason::RequirePtr,
    Reason::Rejected,
    Reason::SpamDetected,
    Reason::SecurityError,
    Reason::PolicyViolation,
];

/// Sentences stating the facts found for a recipient: the refusing host (never the sender's own
/// reporting server when the refusal came from further on), the stage, the server's reply
/// without the mail program's wrapper words, the sending IP address the report attributes to
/// the sender, and the block list the reply names (not on an SPF/DKIM/DMARC refusal).
fn facts(report: &Report, r: &Recipient, loc: &Localizer) -> Vec<String> {
    let mut out = Vec::new();
    let remote = r
        .remote_mta
        .as_deref()
        .filter(|h| !h.is_empty())
        .filter(|h| !decide::is_reporter_of_remote_refusal(report, r, h));
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
        out.push(loc.msg("fact-reply", &[("text", decide::quoted_reply(d))]));
        if let Some(ip) = report.sender_ip.as_deref() {
            if d.contains(ip) {
                out.push(loc.msg("fact-ip", &[("ip", ip.to_string())]));
            } else if kb::decide::CONNECTION_REASONS.contains(&r.reason) {
                out.push(loc.msg("fact-sender-ip-path", &[("ip", ip.to_string())]));
            }
        }
        if LIST_REASONS.contains(&r.reason) {
            if let Some(list) = kb::block_list(d) {
                out.push(loc.msg("fact-list", &[("list", list)]));
            }
        }
    }
    if let Some(hop) = report.failing_hop.and_then(|i| report.hops.get(i)) {
        if let (Some(ip), None, HopRole::Remote) = (hop.ip.as_deref(), remote, hop.role) {
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
