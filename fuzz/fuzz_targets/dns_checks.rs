//! Fuzz target: arbitrary bytes as the DoH answers to every DNS check.
//!
//! A resolver that answers each query, in the order the checks ask, with the next piece of the
//! input: either raw bytes as the HTTP body, or an answer section (raw bytes) behind a header and
//! question that match the query, so the fuzzer also gets past the question check into the
//! records. The whole run (`dns::run_targets`: PTR, blocklists, SPF, DMARC, MX, hosts), its
//! evidence in every locale, its verdict (dns::verdict) and its JSON must never panic.
#![no_main]

use bounce::dns::resolver::{read_reply, HttpReply, Resolver};
use bounce::dns::wire::{Lookup, RType};
use bounce::dns::{self, Config, IpSource, SendingIp, Targets};
use bounce::i18n::Localizer;
use futures::future::{FutureExt, LocalBoxFuture};
use libfuzzer_sys::fuzz_target;
use std::cell::RefCell;

struct Answers {
    data: RefCell<(Vec<u8>, usize)>,
}

impl Answers {
    /// The next `n` bytes of the input (fewer at its end).
    fn take(&self, n: usize) -> Vec<u8> {
        let mut d = self.data.borrow_mut();
        let (buf, pos) = &mut *d;
        let end = (*pos + n).min(buf.len());
        let out = buf[*pos..end].to_vec();
        *pos = end;
        out
    }
}

fn qtype(t: RType) -> u16 {
    match t {
        RType::A => 1,
        RType::Aaaa => 28,
        RType::Ptr => 12,
        RType::Mx => 15,
        RType::Txt => 16,
    }
}

/// A header (id 0, QR, RD, RA, the given RCODE and answer count) and the question asked.
fn framed(name: &str, t: RType, rcode: u8, ancount: u8, answers: &[u8]) -> Vec<u8> {
    let mut out = vec![0, 0, 0x81, 0x80 | (rcode & 0x0f), 0, 1, 0, ancount, 0, 0, 0, 0];
    for label in name.trim_end_matches('.').split('.') {
        out.push(label.len().min(63) as u8);
        out.extend(label.bytes().take(63));
    }
    out.push(0);
    out.extend(qtype(t).to_be_bytes());
    out.extend([0, 1]);
    out.extend(answers);
    out
}

impl Resolver for Answers {
    fn lookup(&self, name: &str, rtype: RType) -> LocalBoxFuture<'static, Lookup> {
        let head = self.take(3);
        let (mode, len) = match head.as_slice() {
            [m, a, b] => (*m, usize::from(u16::from_be_bytes([*a, *b])) % 1024),
            // Out of input: the resolver stops answering.
            _ => return futures::future::ready(Lookup::unknown(dns::wire::Why::Timeout)).boxed_local(),
        };
        let chunk = self.take(len);
        let body = if mode & 1 == 0 {
            chunk
        } else {
            framed(name, rtype, (mode >> 1) & 0x0f, mode >> 5, &chunk)
        };
        let reply = HttpReply {
            status: 200,
            content_type: Some("application/dns-message".into()),
            body,
        };
        futures::future::ready(read_reply(&reply, name, rtype)).boxed_local()
    }
}

const IPS: &[&str] = &["192.0.2.20", "2001:db8::25", "::ffff:192.0.2.12"];

thread_local! {
    static LOCALES: Vec<Localizer> = bounce::i18n::available_locales()
        .into_iter()
        .map(|l| Localizer::new(&[l]))
        .collect();
}

fuzz_target!(|data: &[u8]| {
    let Some((&sel, rest)) = data.split_first() else { return };
    let r = Answers {
        data: RefCell::new((rest.to_vec(), 0)),
    };
    let reasons = ["blocked", "requireptr", "authfailure", "hostunknown", "mailboxfull"];
    let t = Targets {
        ip: Some(SendingIp {
            ip: IPS[usize::from(sel & 3) % IPS.len()].into(),
            source: if sel & 4 == 0 { IpSource::Diagnostic } else { IpSource::Hops },
        }),
        sender: Some("alice@a.b.sender.test".into()),
        recipient_domains: vec!["rcpt.test".into()],
        hosts: vec!["mx.rcpt.test".into()],
        reason: Some(reasons[usize::from(sel >> 3) % reasons.len()].into()),
        reasons: reasons.iter().map(|r| r.to_string()).collect(),
    };
    let cfg = Config::default();
    let report = futures::executor::block_on(dns::run_targets(&r, "https://r.test/dns-query", t, &cfg));
    serde_json::to_string(&report).expect("the report serialises");
    let verdicts: Vec<_> = report
        .targets
        .reasons
        .iter()
        .map(|r| dns::verdict::verdict_for(r, &report))
        .collect();
    serde_json::to_string(&verdicts).expect("the verdicts serialise");
    LOCALES.with(|locales| {
        for loc in locales {
            for line in dns::evidence(&report, loc) {
                assert!(!line.is_empty());
            }
            for v in verdicts.iter().flatten() {
                assert!(!v.line(loc).is_empty());
            }
        }
    });
});
