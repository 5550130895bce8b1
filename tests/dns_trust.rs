//! What makes a DoH answer believable, and the RFCs' exact rules, against the loopback DoH server
//! (scripts/doh-server.sh: unbound with tests/doh/zones.conf behind dnsdist, whose
//! tests/doh/liars.lua sends hostile answers for names with a "lie" label).

#[path = "doh/server.rs"]
mod server;

use bounce::dns::checks::{check_host_addrs, check_mx, check_ptr, HostStatus, MxStatus, PtrStatus};
use bounce::dns::dmarc::{check_dmarc, DmarcStatus};
use bounce::dns::dnsbl::{check_list, Dnsbl, DnsblStatus};
use bounce::dns::native::NativeTransport;
use bounce::dns::resolver::{DohResolver, Resolver};
use bounce::dns::spf::{check_spf, SpfProblem, SpfResult};
use bounce::dns::wire::{Lookup, RType, Rdata, Why};
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
