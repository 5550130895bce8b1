//! The DNS checks against a real DoH server on loopback (unbound + dnsdist with the zones in
//! `tests/doh/zones.conf`), started by `scripts/doh-server.sh` unless `BOUNCE_DOH_URL` names one.
//! Nothing here touches the internet.

use bounce::dns::checks::{check_host_addrs, check_mx, check_ptr, HostStatus, MxHost, MxStatus, PtrStatus};
use bounce::dns::dmarc::{check_dmarc, DmarcStatus, Policy, PolicyTag};
use bounce::dns::dnsbl::{check_list, Dnsbl, DnsblStatus, ListFamily};
use bounce::dns::native::NativeTransport;
use bounce::dns::resolver::{DohResolver, Resolver};
use bounce::dns::spf::{check_spf, SpfProblem, SpfResult};
use bounce::dns::wire::{Lookup, RType, Rdata, Why};
use bounce::dns::{self, Config, IpSource, SendingIp, Targets};
use bounce::i18n::Localizer;
use futures::executor::block_on;
use std::net::IpAddr;

#[path = "doh/server.rs"]
mod server;
use server::url;

fn resolver() -> DohResolver<NativeTransport> {
    DohResolver::new(url(), NativeTransport::new(), 3000)
}

fn ip(s: &str) -> IpAddr {
    s.parse().unwrap()
}

fn test_lists() -> Vec<Dnsbl> {
    let mut bl = Dnsbl::new("Test BL", "bl.test", "http://bl.test/lookup?ip={ip}");
    bl.ipv6 = true;
    let mut zen = Dnsbl::new(
        "Spamhaus ZEN (test)",
        "zen.spamhaus.test",
        "https://check.spamhaus.example/",
    );
    zen.family = ListFamily::Spamhaus;
    zen.ipv6 = true;
    vec![
        bl,
        zen,
        Dnsbl::new("Everything BL", "all.test", "http://all.test/"),
        Dnsbl::new("Silent BL", "dead.test", "http://dead.test/"),
        Dnsbl::new("Outside BL", "outside.test", "http://outside.test/"),
        Dnsbl::new("SORBS", "dnsbl.sorbs.net", "http://sorbs.example/"),
    ]
}

#[test]
fn server_answers_real_dns() {
    let r = resolver();
    let l = block_on(r.lookup("ready.doh.test", RType::A));
    assert_eq!(
        l,
        Lookup::Found {
            records: vec![Rdata::A("192.0.2.1".parse().unwrap())]
        }
    );
    assert_eq!(block_on(r.lookup("nothing.test", RType::A)), Lookup::NxDomain);
    assert_eq!(block_on(r.lookup("mail.good.test", RType::Txt)), Lookup::NoData);
}

#[test]
fn reverse_dns_outcomes() {
    let r = resolver();
    let c = block_on(check_ptr(&r, ip("192.0.2.10")));
    assert_eq!(
        c.status,
        PtrStatus::Confirmed {
            name: "mail.good.test".into(),
            generic: false
        }
    );
    assert_eq!(c.query, "10.2.0.192.in-addr.arpa");
    assert_eq!(block_on(check_ptr(&r, ip("192.0.2.20"))).status, PtrStatus::Missing);
    assert_eq!(
        block_on(check_ptr(&r, ip("192.0.2.30"))).status,
        PtrStatus::Mismatch {
            names: vec!["mail.mismatch.test".into()],
            resolves_to: vec!["192.0.2.99".into()],
            nonexistent: vec![]
        }
    );
    assert!(matches!(
        block_on(check_ptr(&r, ip("192.0.2.40"))).status,
        PtrStatus::Confirmed { generic: true, .. }
    ));
    let v6 = block_on(check_ptr(&r, ip("2001:db8::25")));
    assert_eq!(
        v6.status,
        PtrStatus::Confirmed {
            name: "mail6.good.test".into(),
            generic: false
        }
    );
    assert!(v6.query.ends_with(".8.b.d.0.1.0.0.2.ip6.arpa"));
}

#[test]
fn blocklist_outcomes() {
    let r = resolver();
    let lists = test_lists();
    let listed = ip("192.0.2.20");
    let results: Vec<_> = lists.iter().map(|l| block_on(check_list(&r, l, listed))).collect();
    match &results[0].status {
        DnsblStatus::Listed { codes, reasons } => {
            assert_eq!(codes, &["127.0.0.2"]);
            assert_eq!(reasons.len(), 1);
            assert!(reasons[0].starts_with("Listed for sending spam"), "{reasons:?}");
        }
        other => panic!("expected a listing, got {other:?}"),
    }
    assert_eq!(results[0].delist_url, "http://bl.test/lookup?ip=192.0.2.20");
    assert_eq!(results[0].query, "20.2.0.192.bl.test");
    assert_eq!(results[1].status, DnsblStatus::PublicResolver);
    assert_eq!(results[2].status, DnsblStatus::ListsEverything);
    assert_eq!(results[3].status, DnsblStatus::NotAnswering);
    assert_eq!(
        results[4].status,
        DnsblStatus::BadAnswer {
            addr: "192.0.2.200".into()
        }
    );
    assert_eq!(results[5].status, DnsblStatus::DeadList);
    assert!(
        r.queries().iter().all(|q| !q.name.contains("sorbs")),
        "a dead list must never be queried: {:?}",
        r.queries()
    );

    let clean = block_on(check_list(&r, &lists[0], ip("192.0.2.10")));
    assert_eq!(clean.status, DnsblStatus::NotListed);

    let v6 = block_on(check_list(&r, &lists[0], ip("2001:db8::66")));
    assert!(matches!(&v6.status, DnsblStatus::Listed { codes, .. } if codes == &["127.0.0.3"]));
    let v6_generic = block_on(check_list(&r, &lists[2], ip("2001:db8::66")));
    assert_eq!(v6_generic.status, DnsblStatus::NoIpv6);
}

fn spf(sender: &str, addr: &str) -> bounce::dns::spf::SpfCheck {
    block_on(check_spf(&resolver(), sender, ip(addr)))
}

fn last_term(c: &bounce::dns::spf::SpfCheck) -> (String, String) {
    let s = c.chain.last().expect("a chain");
    (s.domain.clone(), s.term.clone())
}

#[test]
fn spf_basic_results() {
    let c = spf("alice@pass.test", "192.0.2.10");
    assert_eq!(c.result, SpfResult::Pass);
    assert_eq!(c.record.as_deref(), Some("v=spf1 ip4:192.0.2.0/28 -all"));
    assert_eq!(last_term(&c), ("pass.test".into(), "ip4:192.0.2.0/28".into()));

    let c = spf("alice@fail.test", "192.0.2.10");
    assert_eq!(c.result, SpfResult::Fail);
    assert_eq!(last_term(&c), ("fail.test".into(), "-all".into()));

    let c = spf("alice@softfail.test", "192.0.2.10");
    assert_eq!(c.result, SpfResult::Softfail);
    assert_eq!(last_term(&c).1, "~all");
    assert_eq!(c.lookups, 1);

    let c = spf("alice@neutral.test", "192.0.2.10");
    assert_eq!(c.result, SpfResult::Neutral);
    assert_eq!(last_term(&c).1, "?all");

    assert_eq!(spf("alice@nothing.test", "192.0.2.10").result, SpfResult::None);
    let t = spf("alice@servfail.test", "192.0.2.10");
    assert_eq!(t.result, SpfResult::Temperror);
    assert_eq!(t.problem, Some(SpfProblem::Dns(Why::ServFail)));
}

#[test]
fn spf_errors_and_limits() {
    let c = spf("alice@permerror.test", "192.0.2.10");
    assert_eq!(c.result, SpfResult::Permerror);
    assert_eq!(c.problem, Some(SpfProblem::Syntax("ip4:192.0.2.300".into())));

    assert_eq!(
        spf("a@twice.test", "192.0.2.10").problem,
        Some(SpfProblem::MultipleRecords)
    );

    let c = spf("a@noinclude.test", "192.0.2.10");
    assert_eq!(c.result, SpfResult::Permerror);
    assert_eq!(c.problem, Some(SpfProblem::TargetHasNoRecord("nospf.test".into())));

    let c = spf("a@lookups.test", "192.0.2.10");
    assert_eq!(c.result, SpfResult::Permerror);
    assert_eq!(c.problem, Some(SpfProblem::TooManyLookups));
    assert_eq!(
        last_term(&c),
        ("lookups.test".into(), "include:s11.lookups.test".into())
    );
    assert_eq!(c.lookups, 11);
    // The same record decides for an address the first includes cover, before the limit.
    assert_eq!(spf("a@lookups.test", "198.51.100.3").result, SpfResult::Pass);

    let c = spf("a@void.test", "192.0.2.10");
    assert_eq!(c.result, SpfResult::Permerror);
    assert_eq!(c.problem, Some(SpfProblem::TooManyVoidLookups));
    assert_eq!(c.void_lookups, 3);
    assert_eq!(last_term(&c).1, "a:n3.void.test");
}

#[test]
fn spf_every_mechanism() {
    let c = spf("a@redirect.test", "192.0.2.10");
    assert_eq!(c.result, SpfResult::Pass);
    let terms: Vec<_> = c.chain.iter().map(|s| (s.domain.as_str(), s.term.as_str())).collect();
    assert_eq!(
        terms,
        [
            ("redirect.test", "redirect=pass.test"),
            ("pass.test", "ip4:192.0.2.0/28")
        ]
    );

    let c = spf("a@include.test", "192.0.2.10");
    assert_eq!(c.result, SpfResult::Pass);
    let terms: Vec<_> = c.chain.iter().map(|s| s.term.as_str()).collect();
    assert_eq!(terms, ["include:_spf.provider.test", "ip4:192.0.2.0/24"]);
    // Not covered by the include: the outer -all decides.
    let c = spf("a@include.test", "198.51.100.1");
    assert_eq!(c.result, SpfResult::Fail);
    assert_eq!(last_term(&c), ("include.test".into(), "-all".into()));

    assert_eq!(last_term(&spf("a@mx.test", "192.0.2.10")).1, "mx");
    assert_eq!(spf("a@mx.test", "192.0.2.11").result, SpfResult::Fail);
    let c = spf("a@ptr.test", "192.0.2.10");
    assert_eq!((c.result, last_term(&c).1), (SpfResult::Pass, "ptr:good.test".into()));
    assert_eq!(spf("a@ptr.test", "192.0.2.30").result, SpfResult::Fail);
    let c = spf("alice@exists.test", "192.0.2.10");
    assert_eq!(c.result, SpfResult::Pass, "{c:?}");
    assert_eq!(spf("bob@exists.test", "192.0.2.10").result, SpfResult::Fail);
    assert_eq!(spf("a@ip6.test", "2001:db8::25").result, SpfResult::Pass);
    assert_eq!(spf("a@ip6.test", "192.0.2.10").result, SpfResult::Fail);
}

#[test]
fn dmarc_outcomes() {
    let r = resolver();
    let c = block_on(check_dmarc(&r, "fail.test"));
    assert!(
        matches!(
            c.status,
            DmarcStatus::Found {
                policy: Policy::Reject,
                tag: PolicyTag::P,
                ..
            }
        ),
        "{c:?}"
    );
    assert_eq!(c.org_domain, "fail.test");
    let c = block_on(check_dmarc(&r, "pass.test"));
    assert!(matches!(
        c.status,
        DmarcStatus::Found {
            policy: Policy::None,
            ..
        }
    ));
    let c = block_on(check_dmarc(&r, "neutral.test"));
    assert_eq!(c.status, DmarcStatus::Missing);
    assert_eq!(c.walk, ["_dmarc.neutral.test", "_dmarc.test"]);
    // Tree walk: a.b.org.test inherits sp= from _dmarc.org.test.
    let c = block_on(check_dmarc(&r, "a.b.org.test"));
    match &c.status {
        DmarcStatus::Found {
            record_domain,
            policy,
            tag,
            ..
        } => {
            assert_eq!(record_domain, "org.test");
            assert_eq!((*policy, *tag), (Policy::Reject, PolicyTag::Sp));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(c.org_domain, "org.test");
    // psd=y: the Organizational Domain is the name just below the public suffix.
    let c = block_on(check_dmarc(&r, "shop.example.psd.test"));
    assert_eq!(c.org_domain, "example.psd.test");
    assert!(matches!(&c.status, DmarcStatus::Found { record_domain, .. } if record_domain == "psd.test"));
    // psd=n stops the walk: brand.test is the Organizational Domain; the policy is the nearest record's.
    let c = block_on(check_dmarc(&r, "mail.brand.test"));
    assert_eq!(c.org_domain, "brand.test");
    assert!(
        matches!(
            c.status,
            DmarcStatus::Found {
                policy: Policy::None,
                tag: PolicyTag::P,
                ..
            }
        ),
        "{c:?}"
    );
    assert_eq!(block_on(check_dmarc(&r, "twodmarc.test")).status, DmarcStatus::Missing);
    // A subdomain that does not exist gets np=.
    let c = block_on(check_dmarc(&r, "nothere.org.test"));
    assert!(
        matches!(
            c.status,
            DmarcStatus::Found {
                policy: Policy::None,
                tag: PolicyTag::Np,
                ..
            }
        ),
        "{c:?}"
    );
}

#[test]
fn mx_and_host_outcomes() {
    let r = resolver();
    assert_eq!(block_on(check_mx(&r, "nullmx.test")).status, MxStatus::NullMx);
    assert_eq!(
        block_on(check_mx(&r, "good.test")).status,
        MxStatus::Mx {
            hosts: vec![
                MxHost {
                    preference: 10,
                    host: "mail.good.test".into()
                },
                MxHost {
                    preference: 20,
                    host: "mail6.good.test".into()
                }
            ]
        }
    );
    assert_eq!(block_on(check_mx(&r, "nosuch.test")).status, MxStatus::NoDomain);
    assert_eq!(
        block_on(check_mx(&r, "implicit.test")).status,
        MxStatus::Implicit {
            addrs: vec!["192.0.2.77".into()]
        }
    );
    assert_eq!(block_on(check_mx(&r, "nomail.test")).status, MxStatus::NoMail);
    assert_eq!(
        block_on(check_host_addrs(&r, "mail6.good.test")).status,
        HostStatus::Resolves {
            a: vec![],
            aaaa: vec!["2001:db8::25".into()]
        }
    );
    assert_eq!(block_on(check_host_addrs(&r, "gone.test")).status, HostStatus::NoDomain);
    assert_eq!(
        block_on(check_host_addrs(&r, "loop.test")).status,
        HostStatus::Unknown { why: Why::CnameLoop }
    );
}

#[test]
fn failure_answers_are_unknown_with_a_reason() {
    let r = resolver();
    assert_eq!(
        block_on(r.lookup("servfail.test", RType::A)),
        Lookup::unknown(Why::ServFail)
    );
    assert_eq!(
        block_on(r.lookup("refused.test", RType::A)),
        Lookup::unknown(Why::Refused)
    );
    assert_eq!(
        block_on(r.lookup("loop.test", RType::Txt)),
        Lookup::unknown(Why::CnameLoop)
    );
    // A wrong path on the real server is an HTTP error, not an answer.
    let wrong = DohResolver::new(&url().replace("/dns-query", "/nope"), NativeTransport::new(), 3000);
    assert!(matches!(
        block_on(wrong.lookup("ready.doh.test", RType::A)),
        Lookup::Unknown { why: Why::Http(_) }
    ));
}

fn blocked_targets() -> Targets {
    Targets {
        ip: Some(SendingIp {
            ip: "192.0.2.20".into(),
            source: IpSource::Diagnostic,
        }),
        sender: Some("alice@fail.test".into()),
        recipient_domains: vec!["nullmx.test".into()],
        hosts: vec!["mail.good.test".into()],
        reason: Some("blocked".into()),
        reasons: vec!["blocked".into()],
    }
}

#[test]
fn full_run_and_evidence_in_both_languages() {
    let cfg = Config {
        resolver_url: url().to_string(),
        lists: test_lists(),
        timeout_ms: 3000,
    };
    let r = resolver();
    let d = block_on(dns::run_targets(&r, url(), blocked_targets(), &cfg));
    assert!(!d.resolver_unreachable);
    assert_eq!(d.ptr.as_ref().unwrap().status, PtrStatus::Missing);
    assert_eq!(d.spf.as_ref().unwrap().result, SpfResult::Fail);
    assert_eq!(d.mx[0].status, MxStatus::NullMx);
    assert!(d.queries.len() > 10);
    let json = serde_json::to_value(&d).unwrap();
    assert_eq!(json["dnsbl"][0]["status"], "listed");
    assert_eq!(json["spf"]["result"], "fail");
    assert_eq!(json["ptr"]["status"], "missing");
    assert_eq!(json["mx"][0]["status"], "null_mx");

    let en = Localizer::new(&["en"]);
    let lines = dns::evidence(&d, &en);
    assert!(
        lines[0].starts_with("Confirmed: your server's IP 192.0.2.20 is listed on Test BL")
            && lines[0].contains("http://bl.test/lookup?ip=192.0.2.20"),
        "{lines:#?}"
    );
    assert!(lines.iter().any(|l| l.contains("no PTR record")), "{lines:#?}");
    assert!(
        lines
            .iter()
            .any(|l| l.contains("\"-all\"") && l.contains("ip4:192.0.2.20")),
        "{lines:#?}"
    );
    assert!(lines.iter().any(|l| l.contains("null MX")), "{lines:#?}");
    assert!(lines.iter().any(|l| l.contains("public resolver")), "{lines:#?}");
    assert!(en.take_errors().is_empty());

    let pl = Localizer::new(&["pl"]);
    let lines = dns::evidence(&d, &pl);
    assert!(
        lines[0].starts_with("Potwierdzone: adres IP Twojego serwera 192.0.2.20 jest na czarnej liście"),
        "{lines:#?}"
    );
    assert!(lines.iter().any(|l| l.contains("rekordu PTR")), "{lines:#?}");
    assert!(pl.take_errors().is_empty());

    // For a refusal about reverse DNS, the missing PTR comes first.
    let mut t = blocked_targets();
    t.reason = Some("requireptr".into());
    t.ip.as_mut().unwrap().ip = "192.0.2.30".into();
    let d = block_on(dns::run_targets(&resolver(), url(), t, &cfg));
    let lines = dns::evidence(&d, &en);
    assert!(lines[0].starts_with("Reverse DNS does not match"), "{lines:#?}");
}

#[test]
fn unreachable_resolver_is_said_clearly() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let dead = format!("http://127.0.0.1:{port}/dns-query");
    let cfg = Config {
        resolver_url: dead.clone(),
        lists: test_lists(),
        timeout_ms: 1000,
    };
    let r = DohResolver::new(&dead, NativeTransport::new(), 1000);
    let d = block_on(dns::run_targets(&r, &dead, blocked_targets(), &cfg));
    assert!(d.resolver_unreachable);
    let lines = dns::evidence(&d, &Localizer::new(&["en"]));
    assert_eq!(lines.len(), 1);
    assert!(lines[0].contains(&dead));
}
