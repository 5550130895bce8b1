//! What makes a DoH answer believable, and the RFCs' exact rules, against the loopback DoH server
//! (scripts/doh-server.sh: unbound with tests/doh/zones.conf behind dnsdist, whose
//! tests/doh/liars.lua sends hostile answers for names with a "lie" label).

#[path = "doh/server.rs"]
mod server;

use bounce::dns::checks::{check_host_addrs, check_mx, check_ptr, HostStatus, MxStatus, PtrStatus};
use bounce::dns::dmarc::{check_dmarc, DmarcStatus, Policy, PolicyTag};
use bounce::dns::dnsbl::{check_list, Dnsbl, DnsblStatus};
use bounce::dns::native::NativeTransport;
use bounce::dns::resolver::{DohResolver, Resolver};
use bounce::dns::spf::{check_spf, SpfProblem, SpfResult};
use bounce::dns::wire::{Lookup, RType, Rdata, Why};
use bounce::i18n::Localizer;
use futures::executor::block_on;
use std::net::IpAddr;

fn resolver() -> DohResolver<NativeTransport> {
    DohResolver::new(server::url(), NativeTransport::new(), 3000)
}

fn ip(s: &str) -> IpAddr {
    s.parse().unwrap()
}

fn mismatch() -> Lookup {
    Lookup::unknown(Why::Mismatch)
}

// --- 2. An answer counts only if it answers exactly the question asked ----------------------

#[test]
fn answers_that_do_not_carry_the_question_asked_are_not_believed() {
    let r = resolver();
    // The control: an answer built by the same Lua code, to the question asked, is believed.
    assert_eq!(
        block_on(r.lookup("honest.lie.test", RType::A)),
        Lookup::Found {
            records: vec![Rdata::A("192.0.2.1".parse().unwrap())]
        }
    );
    for name in [
        "bare-nx.lie.test",
        "bare-nodata.lie.test",
        "wrong-id.lie.test",
        "no-qr.lie.test",
        "other-name.lie.test",
        "other-type.lie.test",
        "other-class.lie.test",
        "two-questions.lie.test",
        "opcode.lie.test",
    ] {
        for t in [RType::A, RType::Txt, RType::Mx] {
            assert_eq!(block_on(r.lookup(name, t)), mismatch(), "{name} {t:?}");
        }
    }
    assert_eq!(
        block_on(r.lookup("rcode.lie.test", RType::A)),
        Lookup::unknown(Why::Rcode(11))
    );
}

#[test]
fn a_bare_nxdomain_header_states_no_false_fact_in_any_check() {
    let r = resolver();
    // PTR of 192.0.2.66: the answer is a bare NXDOMAIN header.
    assert_eq!(
        block_on(check_ptr(&r, ip("192.0.2.66"))).status,
        PtrStatus::Unknown { why: Why::Mismatch }
    );
    // MX and addresses of a domain whose answers are bare headers.
    assert_eq!(
        block_on(check_mx(&r, "bare-nx.lie.test")).status,
        MxStatus::Unknown { why: Why::Mismatch }
    );
    assert_eq!(
        block_on(check_mx(&r, "bare-nodata.lie.test")).status,
        MxStatus::Unknown { why: Why::Mismatch }
    );
    assert_eq!(
        block_on(check_host_addrs(&r, "bare-nx.lie.test")).status,
        HostStatus::Unknown { why: Why::Mismatch }
    );
    // SPF: not "no SPF record" but could not be evaluated.
    let s = block_on(check_spf(&r, "alice@bare-nx.lie.test", ip("192.0.2.10")));
    assert_eq!(s.result, SpfResult::Temperror);
    assert_eq!(s.problem, Some(SpfProblem::Dns(Why::Mismatch)));
    // DMARC: not "no DMARC record".
    assert_eq!(
        block_on(check_dmarc(&r, "bare-nx.lie.test")).status,
        DmarcStatus::Unknown { why: Why::Mismatch }
    );
    // A list whose every answer is a bare header: unknown, not "not answering".
    let list = Dnsbl::new("Lying BL", "bare-nx.lie.test", "http://bl.test/");
    assert_eq!(
        block_on(check_list(&r, &list, ip("192.0.2.10"))).status,
        DnsblStatus::Unknown { why: Why::Mismatch }
    );
}

// --- 3. An IPv4-mapped IPv6 sending IP is the IPv4 host ------------------------------------

fn bl_test() -> Dnsbl {
    Dnsbl::new("Test BL", "bl.test", "http://bl.test/lookup?ip={ip}")
}

#[test]
fn a_mapped_sending_ip_is_checked_as_ipv4() {
    use bounce::dns::{report_ip, run_targets, targets, Config, IpSource};
    use bounce::model::{Hop, HopRole, Original, Recipient, Report};
    let report = Report {
        recipients: vec![Recipient {
            address: Some("bob@good.test".into()),
            diagnostic: Some("554 5.7.1 Client host [IPv6:::ffff:192.0.2.12] blocked using bl.test".into()),
            ..Default::default()
        }],
        original: Some(Original {
            from: Some("Alice <alice@mapped.test>".into()),
            ..Default::default()
        }),
        ..Default::default()
    };
    let t = targets(&report);
    let sending = t.ip.clone().expect("a sending IP");
    assert_eq!(
        (sending.ip.as_str(), sending.source),
        ("192.0.2.12", IpSource::Diagnostic)
    );
    // The same address on the path, when the reply quotes none.
    let mut from_hops = report.clone();
    from_hops.recipients[0].diagnostic = Some("550 5.7.1 rejected".into());
    from_hops.hops = vec![Hop {
        from: None,
        by: None,
        ip: Some("[::ffff:192.0.2.12]".into()),
        date: None,
        delay_s: None,
        role: HopRole::Relay,
    }];
    assert_eq!(targets(&from_hops).ip.unwrap().ip, "192.0.2.12");
    assert_eq!(report_ip("::FFFF:c000:20c"), Some(ip("192.0.2.12")));
    assert_eq!(report_ip("2001:db8::25"), Some(ip("2001:db8::25")));

    let r = resolver();
    let mut cfg = Config::with_resolver(server::url());
    cfg.lists = vec![bl_test()];
    let d = block_on(run_targets(&r, server::url(), t, &cfg));
    let ptr = d.ptr.expect("a PTR check");
    assert_eq!(ptr.query, "12.2.0.192.in-addr.arpa");
    assert_eq!(
        ptr.status,
        PtrStatus::Confirmed {
            name: "mapped.good.test".into(),
            generic: false
        }
    );
    let spf = d.spf.expect("an SPF check");
    assert_eq!((spf.ip.as_str(), spf.result), ("192.0.2.12", SpfResult::Pass));
    assert_eq!(d.dnsbl[0].query, "12.2.0.192.bl.test");
    assert!(
        matches!(d.dnsbl[0].status, DnsblStatus::Listed { .. }),
        "{:?}",
        d.dnsbl[0]
    );
    assert!(
        d.queries.iter().all(|q| !q.name.contains("ip6.arpa")),
        "{:?}",
        d.queries
    );

    // Each check maps it too when called with the IPv6 form.
    let mapped = ip("::ffff:192.0.2.12");
    assert!(matches!(
        block_on(check_ptr(&r, mapped)).status,
        PtrStatus::Confirmed { .. }
    ));
    assert_eq!(block_on(check_spf(&r, "a@mapped.test", mapped)).result, SpfResult::Pass);
    assert!(matches!(
        block_on(check_list(&r, &bl_test(), mapped)).status,
        DnsblStatus::Listed { .. }
    ));
}

// --- 4. DMARC: RFC 7489 6.3 / 6.6.3, and the policy that applies ----------------------------

fn dmarc_found(domain: &str) -> (Policy, PolicyTag) {
    match block_on(check_dmarc(&resolver(), domain)).status {
        DmarcStatus::Found { policy, tag, .. } => (policy, tag),
        other => panic!("{domain}: expected a policy, got {other:?}"),
    }
}

/// The DMARC evidence line for `domain` in `lang`.
fn dmarc_line(domain: &str, lang: &str) -> String {
    let d = bounce::dns::DnsReport {
        dmarc: Some(block_on(check_dmarc(&resolver(), domain))),
        ..Default::default()
    };
    let loc = Localizer::new(&[lang]);
    let lines = bounce::dns::evidence(&d, &loc);
    assert_eq!(loc.take_errors(), Vec::<String>::new());
    lines.into_iter().find(|l| l.contains("DMARC")).expect("a DMARC line")
}

#[test]
fn dmarc_records_are_read_as_the_rfc_says() {
    assert_eq!(dmarc_found("noeq.test"), (Policy::Reject, PolicyTag::P));
    assert_eq!(
        block_on(check_dmarc(&resolver(), "badp.test")).status,
        DmarcStatus::NoPolicy {
            record_domain: "badp.test".into(),
            record: "v=DMARC1; p=block".into()
        }
    );
    assert_eq!(dmarc_found("badprua.test"), (Policy::None, PolicyTag::P));
    assert_eq!(dmarc_found("sub.badsp.test"), (Policy::Reject, PolicyTag::P));
    assert!(dmarc_line("badp.test", "en").contains("no DMARC policy applies"));
    assert!(dmarc_line("badp.test", "pl").contains("żadna polityka DMARC nie dotyczy"));
}

#[test]
fn the_explanation_names_the_policy_that_applies() {
    assert_eq!(dmarc_found("three.test"), (Policy::None, PolicyTag::P));
    assert_eq!(dmarc_found("mail.three.test"), (Policy::Quarantine, PolicyTag::Sp));
    assert_eq!(dmarc_found("ghost.three.test"), (Policy::Reject, PolicyTag::Np));
    let own = dmarc_line("three.test", "en");
    assert!(own.contains("(p=none)") && own.contains("only reported"), "{own}");
    let sub = dmarc_line("mail.three.test", "en");
    assert!(
        sub.contains("(sp=quarantine)") && sub.contains("sp= tag applies to subdomains"),
        "{sub}"
    );
    let ghost = dmarc_line("ghost.three.test", "en");
    assert!(
        ghost.contains("(np=reject)") && !ghost.contains("(p=reject)"),
        "{ghost}"
    );
    assert!(ghost.contains("do not exist"), "{ghost}");
    let ghost_pl = dmarc_line("ghost.three.test", "pl");
    assert!(
        ghost_pl.contains("(np=reject)") && ghost_pl.contains("nieistniejących domen podrzędnych"),
        "{ghost_pl}"
    );
}

// --- 5. SPF has an overall time limit -------------------------------------------------------

#[test]
fn a_slow_spf_evaluation_is_stopped_at_its_time_limit() {
    use bounce::dns::spf::check_spf_within;
    let r = resolver();
    // Ten lookups of 0.3 s each cannot finish within 1 s.
    let c = block_on(check_spf_within(&r, "alice@slow.test", ip("192.0.2.10"), 1000));
    assert_eq!(c.result, SpfResult::Temperror);
    assert_eq!(c.problem, Some(SpfProblem::TimeLimit(1)));
    assert!(c.lookups < 9, "{c:?}");
    let d = bounce::dns::DnsReport {
        spf: Some(c),
        ..Default::default()
    };
    for (lang, want) in [("en", "longer than 1 second "), ("pl", "dłużej niż 1 s")] {
        let loc = Localizer::new(&[lang]);
        let lines = bounce::dns::evidence(&d, &loc);
        assert!(
            lines.iter().any(|l| l.contains("temperror") && l.contains(want)),
            "{lines:?}"
        );
    }
    // The same chain, given the default limit, is evaluated to the end (a fresh resolver: no cache).
    let c = block_on(check_spf(&resolver(), "alice@slow.test", ip("192.0.2.10")));
    assert_eq!(c.result, SpfResult::Pass, "{c:?}");
    assert_eq!(c.lookups, 9);
}

// --- 6. Each message says what is true ------------------------------------------------------

/// The evidence of `d` in English and Polish.
fn lines(d: &bounce::dns::DnsReport) -> (String, String) {
    let text = |lang: &str| {
        let loc = Localizer::new(&[lang]);
        let out = bounce::dns::evidence(d, &loc).join("\n");
        assert_eq!(loc.take_errors(), Vec::<String>::new());
        out
    };
    (text("en"), text("pl"))
}

#[test]
fn a_ptr_name_that_does_not_exist_is_said_so() {
    let r = resolver();
    let ghost = block_on(check_ptr(&r, ip("192.0.2.13")));
    assert_eq!(
        ghost.status,
        PtrStatus::Mismatch {
            names: vec!["ghost.good.test".into()],
            resolves_to: vec![],
            nonexistent: vec!["ghost.good.test".into()],
        }
    );
    let (en, pl) = lines(&bounce::dns::DnsReport {
        ptr: Some(ghost),
        ..Default::default()
    });
    assert!(
        en.contains("ghost.good.test, but that name does not exist in DNS"),
        "{en}"
    );
    assert!(!en.contains("resolves to -"), "{en}");
    assert!(pl.contains("ghost.good.test, ale ta nazwa nie istnieje w DNS"), "{pl}");

    let noaddr = block_on(check_ptr(&r, ip("192.0.2.14")));
    assert!(
        matches!(&noaddr.status, PtrStatus::Mismatch { nonexistent, resolves_to, .. } if nonexistent.is_empty() && resolves_to.is_empty()),
        "{noaddr:?}"
    );
    let (en, pl) = lines(&bounce::dns::DnsReport {
        ptr: Some(noaddr),
        ..Default::default()
    });
    assert!(en.contains("noaddr.good.test, but that name has no address"), "{en}");
    assert!(pl.contains("ta nazwa nie ma adresu"), "{pl}");
}

#[test]
fn a_list_that_says_listed_is_not_called_silent() {
    let r = resolver();
    let list = Dnsbl::new("Half BL", "halfdead.test", "http://halfdead.test/?{ip}");
    let c = block_on(check_list(&r, &list, ip("192.0.2.13")));
    assert_eq!(
        c.status,
        DnsblStatus::UnverifiedListing {
            codes: vec!["127.0.0.2".into()]
        }
    );
    let d = bounce::dns::DnsReport {
        targets: bounce::dns::Targets {
            ip: Some(bounce::dns::SendingIp {
                ip: "192.0.2.13".into(),
                source: bounce::dns::IpSource::Diagnostic,
            }),
            ..Default::default()
        },
        dnsbl: vec![c],
        ..Default::default()
    };
    let (en, pl) = lines(&d);
    assert!(
        en.contains("Half BL answered that 192.0.2.13 is listed (code 127.0.0.2)"),
        "{en}"
    );
    assert!(en.contains("not confirmed") && !en.contains("silence"), "{en}");
    assert!(
        pl.contains("odpowiedziała, że 192.0.2.13 jest na liście") && !pl.contains("milczenia"),
        "{pl}"
    );
}

#[test]
fn a_sender_domain_that_does_not_exist_is_not_told_to_publish_spf() {
    let r = resolver();
    let s = block_on(check_spf(&r, "alice@nosuchdomain.test", ip("192.0.2.10")));
    assert_eq!(
        (s.result, s.problem.clone()),
        (SpfResult::None, Some(SpfProblem::NoDomain))
    );
    let (en, pl) = lines(&bounce::dns::DnsReport {
        spf: Some(s),
        ..Default::default()
    });
    assert!(en.contains("nosuchdomain.test does not exist in DNS"), "{en}");
    assert!(!en.contains("Publish one"), "{en}");
    assert!(
        pl.contains("nosuchdomain.test nie istnieje w DNS") && !pl.contains("Opublikuj"),
        "{pl}"
    );
    // A domain that exists without SPF is still told to publish one.
    let s = block_on(check_spf(&r, "alice@nospf.test", ip("192.0.2.10")));
    assert_eq!((s.result, s.problem), (SpfResult::None, Some(SpfProblem::NoRecord)));
}

#[test]
fn an_include_loop_is_called_a_loop() {
    let r = resolver();
    let s = block_on(check_spf(&r, "alice@loop1.spf.test", ip("192.0.2.10")));
    assert_eq!(s.result, SpfResult::Permerror);
    assert_eq!(s.problem, Some(SpfProblem::IncludeLoop("loop1.spf.test".into())));
    assert_eq!(s.lookups, 2);
    let (en, pl) = lines(&bounce::dns::DnsReport {
        spf: Some(s),
        ..Default::default()
    });
    assert!(
        en.contains("leads back to loop1.spf.test") && en.contains("(a loop)"),
        "{en}"
    );
    assert!(!en.contains("flatten"), "{en}");
    assert!(
        pl.contains("prowadzi z powrotem do loop1.spf.test") && !pl.contains("spłaszcz"),
        "{pl}"
    );
}
