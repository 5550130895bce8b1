//! Evidence joins the verdict: does a DNS check confirm, now, the reason a recipient was refused?
//!
//! For a blocklist refusal (`blocked`, `badreputation`) the blocklists, for a reverse-DNS refusal
//! (`requireptr`) the PTR check, for an authentication refusal (`authfailure`) the SPF
//! evaluation. The verdict is `confirmed` (the check finds the problem now), `not_reproducible`
//! (the check finds it fixed now: probably delisted or fixed since, resend) or `inconclusive`
//! (the check gave no usable answer). Other reasons get no verdict.

use super::checks::PtrStatus;
use super::dnsbl::DnsblStatus;
use super::evidence::{format_item, Arg, EvidenceItem};
use super::spf::{SpfProblem, SpfResult};
use super::DnsReport;
use crate::i18n::Localizer;
use serde::Serialize;

/// The check a verdict rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VerdictCheck {
    /// The blocklists.
    Dnsbl,
    /// Reverse DNS of the sending IP.
    Ptr,
    /// SPF of the sender's domain for the sending IP.
    Spf,
}

/// What the check says about the refusal's reason now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The problem the refusal names is there now.
    Confirmed,
    /// The problem is not there now: probably fixed or delisted since; resend.
    NotReproducible,
    /// The check gave no usable answer.
    Inconclusive,
}

/// One recipient's `dns_verdict`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DnsVerdict {
    /// The check it rests on.
    pub check: VerdictCheck,
    /// What it says.
    pub verdict: Verdict,
    /// The facts behind it: the lists that list the address (or were asked), the PTR name, or
    /// the SPF result.
    pub facts: Vec<String>,
    /// The sentence to show first, before localization.
    #[serde(skip)]
    pub item: EvidenceItem,
}

impl DnsVerdict {
    /// The sentence in the localizer's language.
    pub fn line(&self, loc: &Localizer) -> String {
        format_item(&self.item, loc)
    }
}

fn verdict(
    check: VerdictCheck,
    verdict: Verdict,
    facts: Vec<String>,
    id: &str,
    args: Vec<(&str, String)>,
) -> DnsVerdict {
    DnsVerdict {
        check,
        verdict,
        facts,
        item: EvidenceItem {
            id: id.to_string(),
            args: args.into_iter().map(|(k, v)| (k.to_string(), Arg::Text(v))).collect(),
            rank: 0,
        },
    }
}

/// The verdict for a recipient refused for `reason` (a reason id), or `None` when no check
/// bears on that reason or the check did not run.
pub fn verdict_for(reason: &str, d: &DnsReport) -> Option<DnsVerdict> {
    if d.resolver_unreachable {
        return None;
    }
    let ip = d.targets.ip.as_ref().map(|i| i.ip.clone()).unwrap_or_default();
    match reason {
        "blocked" | "badreputation" => {
            if d.dnsbl.is_empty() {
                return None;
            }
            let listed: Vec<String> = d
                .dnsbl
                .iter()
                .filter(|c| matches!(c.status, DnsblStatus::Listed { .. }))
                .map(|c| c.list.clone())
                .collect();
            let clean: Vec<String> = d
                .dnsbl
                .iter()
                .filter(|c| c.status == DnsblStatus::NotListed)
                .map(|c| c.list.clone())
                .collect();
            Some(if !listed.is_empty() {
                let lists = listed.join(", ");
                verdict(
                    VerdictCheck::Dnsbl,
                    Verdict::Confirmed,
                    listed,
                    "dns-verdict-dnsbl-confirmed",
                    vec![("ip", ip), ("lists", lists)],
                )
            } else if !clean.is_empty() {
                let (count, lists) = (clean.len().to_string(), clean.join(", "));
                verdict(
                    VerdictCheck::Dnsbl,
                    Verdict::NotReproducible,
                    clean,
                    "dns-verdict-dnsbl-clear",
                    vec![("ip", ip), ("count", count), ("lists", lists)],
                )
            } else {
                verdict(
                    VerdictCheck::Dnsbl,
                    Verdict::Inconclusive,
                    Vec::new(),
                    "dns-verdict-dnsbl-unknown",
                    vec![("ip", ip)],
                )
            })
        }
        "requireptr" => {
            let p = d.ptr.as_ref()?;
            Some(match &p.status {
                PtrStatus::Confirmed { name, generic: false } => verdict(
                    VerdictCheck::Ptr,
                    Verdict::NotReproducible,
                    vec![name.clone()],
                    "dns-verdict-ptr-clear",
                    vec![("ip", p.ip.clone()), ("name", name.clone())],
                ),
                PtrStatus::Confirmed { name, generic: true } => verdict(
                    VerdictCheck::Ptr,
                    Verdict::Confirmed,
                    vec![name.clone()],
                    "dns-verdict-ptr-confirmed",
                    vec![("ip", p.ip.clone())],
                ),
                PtrStatus::Missing | PtrStatus::Mismatch { .. } => verdict(
                    VerdictCheck::Ptr,
                    Verdict::Confirmed,
                    Vec::new(),
                    "dns-verdict-ptr-confirmed",
                    vec![("ip", p.ip.clone())],
                ),
                PtrStatus::Unknown { .. } => verdict(
                    VerdictCheck::Ptr,
                    Verdict::Inconclusive,
                    Vec::new(),
                    "dns-verdict-ptr-unknown",
                    vec![("ip", p.ip.clone())],
                ),
            })
        }
        "authfailure" => {
            let s = d.spf.as_ref()?;
            let args = vec![
                ("domain", s.domain.clone()),
                ("ip", s.ip.clone()),
                ("result", s.result.as_str().to_string()),
            ];
            let facts = vec![s.result.as_str().to_string()];
            Some(match s.result {
                SpfResult::Pass => verdict(
                    VerdictCheck::Spf,
                    Verdict::NotReproducible,
                    facts,
                    "dns-verdict-spf-clear",
                    args,
                ),
                SpfResult::Temperror => verdict(
                    VerdictCheck::Spf,
                    Verdict::Inconclusive,
                    facts,
                    "dns-verdict-spf-unknown",
                    args,
                ),
                SpfResult::None if s.problem == Some(SpfProblem::NoDomain) => verdict(
                    VerdictCheck::Spf,
                    Verdict::Confirmed,
                    facts,
                    "dns-verdict-spf-no-domain",
                    args,
                ),
                _ => verdict(
                    VerdictCheck::Spf,
                    Verdict::Confirmed,
                    facts,
                    "dns-verdict-spf-confirmed",
                    args,
                ),
            })
        }
        _ => None,
    }
}

/// The verdict for each recipient of `report`, in recipient order.
pub fn verdicts(report: &crate::model::Report, d: &DnsReport) -> Vec<Option<DnsVerdict>> {
    report
        .recipients
        .iter()
        .map(|r| verdict_for(r.reason.as_str(), d))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dns::checks::PtrCheck;
    use crate::dns::dnsbl::DnsblCheck;
    use crate::dns::spf::SpfCheck;
    use crate::dns::wire::Why;

    fn report(list: DnsblStatus, ptr: PtrStatus, spf: SpfResult, problem: Option<SpfProblem>) -> DnsReport {
        DnsReport {
            dnsbl: vec![DnsblCheck {
                list: "L".into(),
                zone: "l.test".into(),
                query: "q".into(),
                delist_url: "https://l.test/".into(),
                status: list,
            }],
            ptr: Some(PtrCheck {
                ip: "192.0.2.1".into(),
                query: "1.2.0.192.in-addr.arpa".into(),
                status: ptr,
            }),
            spf: Some(SpfCheck {
                domain: "s.test".into(),
                ip: "192.0.2.1".into(),
                record: None,
                result: spf,
                chain: vec![],
                problem,
                lookups: 0,
                void_lookups: 0,
            }),
            ..Default::default()
        }
    }

    #[test]
    fn every_verdict_and_its_sentence_in_every_locale() {
        let unknown = || PtrStatus::Unknown { why: Why::Timeout };
        let cases = [
            (
                report(DnsblStatus::NotAnswering, unknown(), SpfResult::Temperror, None),
                [Verdict::Inconclusive; 3],
            ),
            (
                report(
                    DnsblStatus::NotListed,
                    PtrStatus::Confirmed {
                        name: "m.test".into(),
                        generic: false,
                    },
                    SpfResult::Pass,
                    None,
                ),
                [Verdict::NotReproducible; 3],
            ),
            (
                report(
                    DnsblStatus::Listed {
                        codes: vec!["127.0.0.2".into()],
                        reasons: vec![],
                    },
                    PtrStatus::Missing,
                    SpfResult::None,
                    Some(SpfProblem::NoDomain),
                ),
                [Verdict::Confirmed; 3],
            ),
        ];
        for lang in crate::i18n::available_locales() {
            let loc = Localizer::new(&[lang]);
            for (d, want) in &cases {
                for (reason, want) in ["blocked", "requireptr", "authfailure"].iter().zip(want) {
                    let v = verdict_for(reason, d).expect("a verdict");
                    assert_eq!(v.verdict, *want, "{reason}");
                    // A message that is missing comes out as its id: the line must be a sentence.
                    assert!(v.line(&loc).contains(' '), "{lang} {reason}");
                }
            }
            assert_eq!(loc.take_errors(), Vec::<String>::new(), "{lang}");
        }
        assert!(verdict_for("mailboxfull", &cases[0].0).is_none());
        let mut down = cases[0].0.clone();
        down.resolver_unreachable = true;
        assert!(verdict_for("blocked", &down).is_none());
    }
}
