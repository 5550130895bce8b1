//! Turns a [`DnsReport`] into evidence lines for the explanation, most relevant first.
//!
//! [`evidence_items`] gives message ids with arguments (messages in `i18n/<locale>/dns.ftl`), so
//! any face can localize them; [`evidence`] formats them with a [`Localizer`]. Problems that
//! match the bounce's reason come first (a listing for a "blocked" refusal), then a missing or
//! mismatched PTR, then other problems, then inconclusive checks, then plain facts.

use super::checks::{HostStatus, MxStatus, PtrStatus};
use super::dmarc::{DmarcStatus, Policy, PolicyTag};
use super::dnsbl::DnsblStatus;
use super::spf::{SpfProblem, SpfResult};
use super::wire::Why;
use super::{DnsReport, IpSource};
use crate::i18n::Localizer;
use serde::Serialize;

/// A message argument: plain text, or another message (e.g. the reason a lookup failed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Arg {
    /// Inserted as is.
    Text(String),
    /// Localized first, then inserted.
    Msg(String, Vec<(String, String)>),
}

/// One evidence line before localization.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EvidenceItem {
    /// Fluent message id (`dns-…`).
    pub id: String,
    /// Named arguments.
    pub args: Vec<(String, Arg)>,
    /// 0 = most relevant.
    pub rank: u8,
}

struct Items {
    out: Vec<EvidenceItem>,
}

impl Items {
    fn push(&mut self, rank: u8, id: &str, args: Vec<(&str, Arg)>) {
        self.out.push(EvidenceItem {
            id: id.to_string(),
            args: args.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
            rank,
        });
    }
}

fn t(s: impl Into<String>) -> Arg {
    Arg::Text(s.into())
}

/// The localizable text of a lookup failure.
fn why(w: &Why) -> Arg {
    let (id, args): (&str, Vec<(String, String)>) = match w {
        Why::Timeout => ("dns-why-timeout", vec![]),
        Why::Network(d) => ("dns-why-network", vec![("detail".into(), d.clone())]),
        Why::Http(s) => ("dns-why-http", vec![("status".into(), s.to_string())]),
        Why::ContentType(c) => ("dns-why-content-type", vec![("type".into(), c.clone())]),
        Why::Oversized => ("dns-why-oversized", vec![]),
        Why::Malformed(_) => ("dns-why-malformed", vec![]),
        Why::Truncated => ("dns-why-truncated", vec![]),
        Why::ServFail => ("dns-why-servfail", vec![]),
        Why::Refused => ("dns-why-refused", vec![]),
        Why::Rcode(c) => ("dns-why-rcode", vec![("code".into(), c.to_string())]),
        Why::CnameLoop => ("dns-why-cname-loop", vec![]),
        Why::Mismatch => ("dns-why-mismatch", vec![]),
        Why::BadName => ("dns-why-bad-name", vec![]),
    };
    Arg::Msg(id.to_string(), args)
}

fn spf_problem(p: &SpfProblem) -> Arg {
    let (id, args): (&str, Vec<(String, String)>) = match p {
        SpfProblem::NoRecord => ("dns-spf-problem-no-record", vec![]),
        SpfProblem::NoDomain => ("dns-spf-problem-no-domain", vec![]),
        SpfProblem::IncludeLoop(d) => ("dns-spf-problem-loop", vec![("target".into(), d.clone())]),
        SpfProblem::MultipleRecords => ("dns-spf-problem-multiple", vec![]),
        SpfProblem::Syntax(term) => ("dns-spf-problem-syntax", vec![("term".into(), term.clone())]),
        SpfProblem::TooManyLookups => ("dns-spf-problem-lookups", vec![]),
        SpfProblem::TooManyVoidLookups => ("dns-spf-problem-void", vec![]),
        SpfProblem::TooManyMx => ("dns-spf-problem-mx", vec![]),
        SpfProblem::TargetHasNoRecord(d) => ("dns-spf-problem-target", vec![("target".into(), d.clone())]),
        SpfProblem::TimeLimit(secs) => ("dns-spf-problem-time-limit", vec![("seconds".into(), secs.to_string())]),
        SpfProblem::Dns(w) => return why(w),
    };
    Arg::Msg(id.to_string(), args)
}

fn in_group(reason: Option<&str>, group: &[&str]) -> bool {
    reason.is_some_and(|r| group.contains(&r))
}

const BLOCK_REASONS: &[&str] = &["blocked", "badreputation", "rejected", "spamdetected", "requireptr"];
const AUTH_REASONS: &[&str] = &["authfailure", "securityerror", "policyviolation", "rejected"];
const HOST_REASONS: &[&str] = &["hostunknown", "userunknown", "notaccept", "networkerror", "norelaying"];

/// The evidence lines as message ids and arguments, most relevant first.
pub fn evidence_items(d: &DnsReport) -> Vec<EvidenceItem> {
    let mut it = Items { out: Vec::new() };
    let reason = d.targets.reason.as_deref();
    if d.resolver_unreachable {
        it.push(0, "dns-resolver-unreachable", vec![("resolver", t(&d.resolver))]);
        return it.out;
    }
    let problem_rank = |group: &[&str]| if in_group(reason, group) { 0 } else { 2 };

    match &d.targets.ip {
        None => it.push(3, "dns-no-sending-ip", vec![]),
        Some(ip) if ip.source == IpSource::Hops => it.push(3, "dns-ip-from-path", vec![("ip", t(&ip.ip))]),
        Some(_) => {}
    }

    if let Some(p) = &d.ptr {
        let ip = || ("ip", t(&p.ip));
        let ptr_rank = if reason == Some("requireptr") { 0 } else { 1 };
        match &p.status {
            PtrStatus::Confirmed { name, generic: false } => {
                it.push(4, "dns-ptr-confirmed", vec![ip(), ("name", t(name))])
            }
            PtrStatus::Confirmed { name, generic: true } => {
                it.push(ptr_rank, "dns-ptr-generic", vec![ip(), ("name", t(name))])
            }
            PtrStatus::Missing => it.push(ptr_rank, "dns-ptr-missing", vec![ip()]),
            PtrStatus::Mismatch {
                names,
                resolves_to,
                nonexistent,
            } => {
                let names_arg = || ("names", t(names.join(", ")));
                let count = ("count", t(names.len().to_string()));
                if !resolves_to.is_empty() {
                    it.push(
                        ptr_rank,
                        "dns-ptr-mismatch",
                        vec![ip(), names_arg(), ("addrs", t(resolves_to.join(", ")))],
                    );
                } else if nonexistent.len() == names.len() {
                    // The name the PTR record gives does not exist at all.
                    it.push(ptr_rank, "dns-ptr-name-nonexistent", vec![ip(), names_arg(), count]);
                } else {
                    it.push(ptr_rank, "dns-ptr-name-no-address", vec![ip(), names_arg(), count]);
                }
            }
            PtrStatus::Unknown { why: w } => it.push(3, "dns-ptr-unknown", vec![ip(), ("why", why(w))]),
        }
    }

    let ip = d.targets.ip.as_ref().map(|i| i.ip.clone()).unwrap_or_default();
    let mut clean: Vec<String> = Vec::new();
    let mut silent: Vec<String> = Vec::new();
    for c in &d.dnsbl {
        let list = || ("list", t(&c.list));
        let url = || ("url", t(&c.delist_url));
        match &c.status {
            DnsblStatus::Listed { codes, reasons } => {
                it.push(
                    problem_rank(BLOCK_REASONS),
                    "dns-dnsbl-listed",
                    vec![("ip", t(&ip)), list(), ("codes", t(codes.join(", "))), url()],
                );
                for r in reasons {
                    it.push(
                        problem_rank(BLOCK_REASONS),
                        "dns-dnsbl-reason",
                        vec![list(), ("reason", t(r))],
                    );
                }
            }
            DnsblStatus::NotListed => clean.push(c.list.clone()),
            DnsblStatus::PublicResolver => it.push(3, "dns-dnsbl-public-resolver", vec![list(), url()]),
            DnsblStatus::RateLimited => it.push(3, "dns-dnsbl-rate-limited", vec![list(), url()]),
            DnsblStatus::ListError { code } => it.push(3, "dns-dnsbl-list-error", vec![list(), ("code", t(code))]),
            DnsblStatus::ListsEverything => it.push(3, "dns-dnsbl-lists-everything", vec![list()]),
            DnsblStatus::NotAnswering => silent.push(c.list.clone()),
            DnsblStatus::UnverifiedListing { codes } => it.push(
                3,
                "dns-dnsbl-unverified",
                vec![("ip", t(&ip)), list(), ("codes", t(codes.join(", "))), url()],
            ),
            DnsblStatus::BadAnswer { addr } => it.push(3, "dns-dnsbl-bad-answer", vec![list(), ("addr", t(addr))]),
            DnsblStatus::NoIpv6 => {}
            DnsblStatus::DeadList => it.push(5, "dns-dnsbl-dead", vec![list()]),
            DnsblStatus::Unknown { why: w } => it.push(3, "dns-dnsbl-unknown", vec![list(), ("why", why(w))]),
        }
    }
    if !silent.is_empty() {
        it.push(
            3,
            "dns-dnsbl-not-answering",
            vec![("count", t(silent.len().to_string())), ("lists", t(silent.join(", ")))],
        );
    }
    if !clean.is_empty() {
        it.push(
            4,
            "dns-dnsbl-clean",
            vec![
                ("ip", t(&ip)),
                ("count", t(clean.len().to_string())),
                ("lists", t(clean.join(", "))),
            ],
        );
    }

    let mut spf_failed = false;
    if let Some(s) = &d.spf {
        let last = s.chain.last();
        let at = last.map(|x| x.domain.clone()).unwrap_or_else(|| s.domain.clone());
        let term = last.map(|x| x.term.clone()).unwrap_or_default();
        let record = s.record.clone().unwrap_or_default();
        let fix = if s.ip.contains(':') {
            format!("ip6:{}", s.ip)
        } else {
            format!("ip4:{}", s.ip)
        };
        let base = || vec![("domain", t(&s.domain)), ("ip", t(&s.ip))];
        let auth = problem_rank(AUTH_REASONS);
        match s.result {
            SpfResult::Pass => {
                let mut a = base();
                a.extend([("term", t(&term)), ("at", t(&at))]);
                it.push(4, "dns-spf-pass", a);
            }
            SpfResult::Fail | SpfResult::Softfail => {
                spf_failed = true;
                let mut a = base();
                a.extend([
                    ("record", t(&record)),
                    ("term", t(&term)),
                    ("at", t(&at)),
                    ("fix", t(&fix)),
                ]);
                let id = if s.result == SpfResult::Fail {
                    "dns-spf-fail"
                } else {
                    "dns-spf-softfail"
                };
                it.push(auth, id, a);
            }
            SpfResult::Neutral => {
                spf_failed = true;
                let mut a = base();
                a.extend([("record", t(&record)), ("fix", t(&fix))]);
                if term.is_empty() {
                    it.push(auth, "dns-spf-neutral-default", a);
                } else {
                    a.extend([("term", t(&term)), ("at", t(&at))]);
                    it.push(auth, "dns-spf-neutral", a);
                }
            }
            SpfResult::None if s.problem == Some(SpfProblem::NoDomain) => {
                // Not a missing record: the domain itself is missing.
                spf_failed = true;
                it.push(auth, "dns-spf-no-domain", vec![("domain", t(&s.domain))]);
            }
            SpfResult::None => {
                spf_failed = true;
                it.push(auth, "dns-spf-none", vec![("domain", t(&s.domain)), ("fix", t(&fix))]);
            }
            SpfResult::Permerror => {
                spf_failed = true;
                let p = s.problem.as_ref().map(spf_problem).unwrap_or_else(|| t("-"));
                let mut a = base();
                a.extend([
                    ("record", t(&record)),
                    ("problem", p),
                    ("term", t(&term)),
                    ("at", t(&at)),
                ]);
                it.push(auth, "dns-spf-permerror", a);
            }
            SpfResult::Temperror => {
                let w = match &s.problem {
                    Some(p @ SpfProblem::TimeLimit(_)) => spf_problem(p),
                    Some(SpfProblem::Dns(w)) => why(w),
                    _ => why(&Why::ServFail),
                };
                it.push(3, "dns-spf-temperror", vec![("domain", t(&s.domain)), ("why", w)]);
            }
        }
    }

    if let Some(m) = &d.dmarc {
        let dom = || ("domain", t(&m.domain));
        match &m.status {
            DmarcStatus::Found {
                record_domain,
                policy,
                tag,
                testing,
                ..
            } => {
                // The tag whose policy applies to this domain: sp= for a subdomain, np= for a
                // subdomain that does not exist, else p=.
                let tag = match tag {
                    PolicyTag::P => "p",
                    PolicyTag::Sp => "sp",
                    PolicyTag::Np => "np",
                };
                let rank = if spf_failed && *policy != Policy::None {
                    problem_rank(AUTH_REASONS)
                } else {
                    4
                };
                it.push(
                    rank,
                    "dns-dmarc-policy",
                    vec![
                        dom(),
                        ("policy", t(policy.as_str())),
                        ("tag", t(tag)),
                        ("at", t(format!("_dmarc.{record_domain}"))),
                    ],
                );
                if spf_failed && *policy != Policy::None {
                    it.push(
                        rank,
                        "dns-dmarc-spf-consequence",
                        vec![dom(), ("policy", t(policy.as_str())), ("tag", t(tag))],
                    );
                }
                if *testing {
                    it.push(4, "dns-dmarc-testing", vec![dom()]);
                }
            }
            DmarcStatus::NoPolicy { record_domain, .. } => it.push(
                4,
                "dns-dmarc-no-policy",
                vec![dom(), ("at", t(format!("_dmarc.{record_domain}")))],
            ),
            DmarcStatus::Missing => it.push(4, "dns-dmarc-missing", vec![dom()]),
            DmarcStatus::Unknown { why: w } => it.push(3, "dns-dmarc-unknown", vec![dom(), ("why", why(w))]),
        }
        if m.org_domain != m.domain {
            it.push(5, "dns-dmarc-org", vec![dom(), ("org", t(&m.org_domain))]);
        }
    }

    let host_rank = if in_group(reason, HOST_REASONS) { 0 } else { 1 };
    for m in &d.mx {
        let dom = || ("domain", t(&m.domain));
        match &m.status {
            MxStatus::Mx { hosts } => {
                let list: Vec<String> = hosts.iter().map(|m| format!("{} ({})", m.host, m.preference)).collect();
                it.push(
                    4,
                    "dns-mx-list",
                    vec![
                        dom(),
                        ("count", t(hosts.len().to_string())),
                        ("hosts", t(list.join(", "))),
                    ],
                );
            }
            MxStatus::NullMx => it.push(host_rank, "dns-mx-null", vec![dom()]),
            MxStatus::Implicit { addrs } => it.push(4, "dns-mx-implicit", vec![dom(), ("addrs", t(addrs.join(", ")))]),
            MxStatus::NoMail => it.push(host_rank, "dns-mx-nomail", vec![dom()]),
            MxStatus::NoDomain => it.push(host_rank, "dns-mx-nodomain", vec![dom()]),
            MxStatus::Unknown { why: w } => it.push(3, "dns-mx-unknown", vec![dom(), ("why", why(w))]),
        }
    }
    for h in &d.hosts {
        let host = || ("host", t(&h.host));
        match &h.status {
            HostStatus::Resolves { a, aaaa } => {
                let all: Vec<String> = a.iter().chain(aaaa).cloned().collect();
                it.push(5, "dns-host-resolves", vec![host(), ("addrs", t(all.join(", ")))]);
            }
            HostStatus::NoAddress => it.push(host_rank + 1, "dns-host-noaddress", vec![host()]),
            HostStatus::NoDomain => it.push(host_rank + 1, "dns-host-nodomain", vec![host()]),
            HostStatus::Unknown { why: w } => it.push(3, "dns-host-unknown", vec![host(), ("why", why(w))]),
        }
    }
    let mut out = it.out;
    out.sort_by_key(|i| i.rank);
    out
}

fn format_arg(loc: &Localizer, a: &Arg) -> String {
    match a {
        Arg::Text(s) => s.clone(),
        Arg::Msg(id, args) => {
            let args: Vec<(&str, String)> = args.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
            loc.msg(id, &args)
        }
    }
}

/// Formats one evidence item in the localizer's language.
pub fn format_item(item: &EvidenceItem, loc: &Localizer) -> String {
    let args: Vec<(&str, String)> = item
        .args
        .iter()
        .map(|(k, v)| (k.as_str(), format_arg(loc, v)))
        .collect();
    loc.msg(&item.id, &args)
}

/// The evidence as localized lines, most relevant first.
pub fn evidence(d: &DnsReport, loc: &Localizer) -> Vec<String> {
    evidence_items(d).iter().map(|i| format_item(i, loc)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dns::checks::{HostCheck, MxCheck, MxHost, PtrCheck};
    use crate::dns::dmarc::DmarcCheck;
    use crate::dns::dnsbl::DnsblCheck;
    use crate::dns::spf::{SpfCheck, SpfStep};
    use crate::dns::{SendingIp, Targets};

    fn why_all() -> Vec<Why> {
        vec![
            Why::Timeout,
            Why::Network("refused".into()),
            Why::Http(503),
            Why::ContentType("text/html".into()),
            Why::Oversized,
            Why::Malformed("x".into()),
            Why::Truncated,
            Why::ServFail,
            Why::Refused,
            Why::Rcode(4),
            Why::CnameLoop,
            Why::Mismatch,
            Why::BadName,
        ]
    }

    /// Reports that together hold every status of every check.
    fn every_variant() -> Vec<DnsReport> {
        let ip = "192.0.2.20".to_string();
        let base = DnsReport {
            resolver: "https://r.test/q".into(),
            targets: Targets {
                ip: Some(SendingIp {
                    ip: ip.clone(),
                    source: IpSource::Hops,
                }),
                sender: Some("a@s.test".into()),
                recipient_domains: vec![],
                hosts: vec![],
                reason: Some("blocked".into()),
                reasons: vec!["blocked".into()],
            },
            ..Default::default()
        };
        let mut out = Vec::new();
        let ptrs = [
            PtrStatus::Confirmed {
                name: "m.test".into(),
                generic: false,
            },
            PtrStatus::Confirmed {
                name: "1-2-3-4.pool.test".into(),
                generic: true,
            },
            PtrStatus::Missing,
            PtrStatus::Mismatch {
                names: vec!["m.test".into()],
                resolves_to: vec![],
                nonexistent: vec!["m.test".into()],
            },
            PtrStatus::Mismatch {
                names: vec!["m.test".into()],
                resolves_to: vec![],
                nonexistent: vec![],
            },
            PtrStatus::Mismatch {
                names: vec!["m.test".into()],
                resolves_to: vec!["192.0.2.1".into()],
                nonexistent: vec![],
            },
        ];
        let dnsbl = [
            DnsblStatus::Listed {
                codes: vec!["127.0.0.2".into()],
                reasons: vec!["spam".into()],
            },
            DnsblStatus::NotListed,
            DnsblStatus::PublicResolver,
            DnsblStatus::RateLimited,
            DnsblStatus::ListError {
                code: "127.255.255.252".into(),
            },
            DnsblStatus::ListsEverything,
            DnsblStatus::NotAnswering,
            DnsblStatus::NotAnswering,
            DnsblStatus::UnverifiedListing {
                codes: vec!["127.0.0.2".into()],
            },
            DnsblStatus::BadAnswer {
                addr: "192.0.2.1".into(),
            },
            DnsblStatus::NoIpv6,
            DnsblStatus::DeadList,
        ];
        let problems = [
            SpfProblem::NoRecord,
            SpfProblem::IncludeLoop("s.test".into()),
            SpfProblem::MultipleRecords,
            SpfProblem::Syntax("ip4:x".into()),
            SpfProblem::TooManyLookups,
            SpfProblem::TooManyVoidLookups,
            SpfProblem::TooManyMx,
            SpfProblem::TargetHasNoRecord("t.test".into()),
            SpfProblem::Dns(Why::Timeout),
            SpfProblem::TimeLimit(20),
        ];
        let spf = |result, term: &str, problem| SpfCheck {
            domain: "s.test".into(),
            ip: ip.clone(),
            record: Some("v=spf1 -all".into()),
            result,
            chain: vec![SpfStep {
                domain: "s.test".into(),
                term: term.into(),
            }],
            problem,
            lookups: 0,
            void_lookups: 0,
        };
        let mut spfs: Vec<SpfCheck> = [
            SpfResult::Pass,
            SpfResult::Fail,
            SpfResult::Softfail,
            SpfResult::Neutral,
            SpfResult::None,
            SpfResult::Temperror,
        ]
        .into_iter()
        .map(|r| spf(r, "-all", None))
        .collect();
        spfs.push(spf(SpfResult::Neutral, "", None));
        spfs.push(spf(SpfResult::None, "", Some(SpfProblem::NoDomain)));
        spfs.extend(
            problems
                .into_iter()
                .map(|p| spf(SpfResult::Permerror, "include:t.test", Some(p))),
        );
        let dmarcs = [
            DmarcStatus::Found {
                record_domain: "s.test".into(),
                record: "v=DMARC1; p=reject".into(),
                policy: Policy::Reject,
                tag: PolicyTag::P,
                testing: true,
            },
            DmarcStatus::Found {
                record_domain: "s.test".into(),
                record: "v=DMARC1; p=quarantine".into(),
                policy: Policy::Quarantine,
                tag: PolicyTag::Sp,
                testing: false,
            },
            DmarcStatus::Found {
                record_domain: "s.test".into(),
                record: "v=DMARC1; p=none; np=reject".into(),
                policy: Policy::Reject,
                tag: PolicyTag::Np,
                testing: false,
            },
            DmarcStatus::NoPolicy {
                record_domain: "s.test".into(),
                record: "v=DMARC1; p=bogus".into(),
            },
            DmarcStatus::Missing,
        ];
        let mxs = [
            MxStatus::Mx {
                hosts: vec![MxHost {
                    preference: 10,
                    host: "mx.r.test".into(),
                }],
            },
            MxStatus::NullMx,
            MxStatus::Implicit {
                addrs: vec!["192.0.2.5".into()],
            },
            MxStatus::NoMail,
            MxStatus::NoDomain,
        ];
        let hosts = [
            HostStatus::Resolves {
                a: vec!["192.0.2.5".into()],
                aaaa: vec![],
            },
            HostStatus::NoAddress,
            HostStatus::NoDomain,
        ];
        let n = [
            ptrs.len(),
            spfs.len(),
            dmarcs.len(),
            mxs.len(),
            hosts.len(),
            why_all().len(),
        ]
        .into_iter()
        .max()
        .unwrap();
        for i in 0..n {
            let mut d = base.clone();
            let w = why_all()[i % why_all().len()].clone();
            d.ptr = Some(PtrCheck {
                ip: ip.clone(),
                query: "20.2.0.192.in-addr.arpa".into(),
                status: if i < ptrs.len() {
                    ptrs[i].clone()
                } else {
                    PtrStatus::Unknown { why: w.clone() }
                },
            });
            d.dnsbl = dnsbl
                .iter()
                .cloned()
                .chain([DnsblStatus::Unknown { why: w.clone() }])
                .map(|status| DnsblCheck {
                    list: "L".into(),
                    zone: "l.test".into(),
                    query: "q".into(),
                    delist_url: "https://l.test/".into(),
                    status,
                })
                .collect();
            d.spf = Some(spfs[i % spfs.len()].clone());
            d.dmarc = Some(DmarcCheck {
                domain: "a.s.test".into(),
                org_domain: "s.test".into(),
                walk: vec![],
                status: if i < dmarcs.len() {
                    dmarcs[i].clone()
                } else {
                    DmarcStatus::Unknown { why: w.clone() }
                },
            });
            d.mx = vec![MxCheck {
                domain: "r.test".into(),
                status: if i < mxs.len() {
                    mxs[i].clone()
                } else {
                    MxStatus::Unknown { why: w.clone() }
                },
            }];
            d.hosts = vec![HostCheck {
                host: "mx.r.test".into(),
                status: if i < hosts.len() {
                    hosts[i].clone()
                } else {
                    HostStatus::Unknown { why: w.clone() }
                },
            }];
            out.push(d);
        }
        let mut none = base.clone();
        none.targets.ip = None;
        out.push(none);
        let mut down = base;
        down.resolver_unreachable = true;
        out.push(down);
        out
    }

    #[test]
    fn every_evidence_message_exists_in_every_locale() {
        for lang in crate::i18n::available_locales() {
            let loc = Localizer::new(&[lang]);
            for d in every_variant() {
                for (item, line) in evidence_items(&d).iter().zip(evidence(&d, &loc)) {
                    assert!(!line.contains("dns-"), "{lang}: {} gave {line:?}", item.id);
                }
            }
            assert_eq!(loc.take_errors(), Vec::<String>::new(), "{lang}");
        }
    }

    #[test]
    fn listings_come_first_for_a_blocked_refusal_and_ptr_first_otherwise() {
        let d = &every_variant()[2];
        let items = evidence_items(d);
        assert_eq!(items[0].id, "dns-dnsbl-listed");
        let mut other = d.clone();
        other.targets.reason = Some("mailboxfull".into());
        assert_eq!(evidence_items(&other)[0].id, "dns-ptr-missing");
        let ranks: Vec<u8> = items.iter().map(|i| i.rank).collect();
        assert!(ranks.windows(2).all(|w| w[0] <= w[1]));
    }
}
