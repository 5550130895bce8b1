//! DNS wire format: building RFC 8484 queries and reading untrusted answers.
//!
//! The codec itself is the `simple-dns` crate (chosen over hickory-proto for size: about 23 KB
//! against 103 KB gzipped in a wasm build). This module only decides what an answer *means*:
//! every malformed, truncated, mismatched or looping answer becomes [`Lookup::Unknown`] with a
//! reason, never a panic.

use serde::Serialize;
use simple_dns::rdata::{RData, OPT};
use simple_dns::{Name, Packet, PacketFlag, Question, CLASS, QCLASS, QTYPE, RCODE, TYPE};
use std::net::{Ipv4Addr, Ipv6Addr};

/// Largest DoH answer body we read (RFC 8484 messages are at most 65535 bytes).
pub const MAX_ANSWER_BYTES: usize = 65_535;

/// How many CNAME links we follow inside one answer before calling it a loop.
const MAX_CNAME_CHAIN: usize = 12;

/// The record types the checks ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum RType {
    /// IPv4 address.
    A,
    /// IPv6 address.
    Aaaa,
    /// Reverse-DNS name.
    Ptr,
    /// Mail exchanger.
    Mx,
    /// Text (SPF, DMARC, DNSBL reasons).
    Txt,
}

impl RType {
    fn to_type(self) -> TYPE {
        match self {
            RType::A => TYPE::A,
            RType::Aaaa => TYPE::AAAA,
            RType::Ptr => TYPE::PTR,
            RType::Mx => TYPE::MX,
            RType::Txt => TYPE::TXT,
        }
    }

    /// The type's name as DNS tools write it (`A`, `AAAA`, `PTR`, `MX`, `TXT`).
    pub fn as_str(self) -> &'static str {
        match self {
            RType::A => "A",
            RType::Aaaa => "AAAA",
            RType::Ptr => "PTR",
            RType::Mx => "MX",
            RType::Txt => "TXT",
        }
    }
}

/// One record of the asked type, reduced to what the checks need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase", tag = "type", content = "value")]
pub enum Rdata {
    /// An IPv4 address.
    A(Ipv4Addr),
    /// An IPv6 address.
    Aaaa(Ipv6Addr),
    /// A host name (lower case, no trailing dot).
    Ptr(String),
    /// Preference and exchange host (lower case, no trailing dot; "" for a null MX).
    Mx(u16, String),
    /// The character-strings of one TXT record joined without separators (RFC 7208 3.3).
    Txt(String),
}

/// Why an answer could not be used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "detail")]
pub enum Why {
    /// No answer in time, even after the retry.
    Timeout,
    /// The resolver could not be reached (offline, refused connection, TLS failure...).
    Network(String),
    /// The resolver answered with this HTTP status instead of 200.
    Http(u16),
    /// The body was not `application/dns-message`.
    ContentType(String),
    /// The body was larger than a DNS message can be.
    Oversized,
    /// The body could not be read as a DNS message.
    Malformed(String),
    /// The answer was cut (TC flag) and is incomplete.
    Truncated,
    /// The resolver could not get an answer (SERVFAIL).
    #[serde(rename = "servfail")]
    ServFail,
    /// The resolver refused the query.
    Refused,
    /// Another DNS error code.
    Rcode(u16),
    /// The answer's CNAME records form a loop or a chain too long to follow.
    CnameLoop,
    /// The answer is for another question than the one asked.
    Mismatch,
    /// The name cannot be asked at all (too long, empty label...).
    BadName,
}

/// What one query found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "status")]
pub enum Lookup {
    /// Records of the asked type (after following CNAMEs).
    Found {
        /// The records, in answer order.
        records: Vec<Rdata>,
    },
    /// The name exists but has no record of this type.
    NoData,
    /// The name does not exist (NXDOMAIN).
    NxDomain,
    /// No usable answer; `why` says what went wrong.
    Unknown {
        /// The reason.
        why: Why,
    },
}

impl Lookup {
    /// The records when some were found, else an empty slice.
    pub fn records(&self) -> &[Rdata] {
        match self {
            Lookup::Found { records } => records,
            _ => &[],
        }
    }

    /// True for NXDOMAIN or NODATA: a definite "nothing here".
    pub fn is_empty_answer(&self) -> bool {
        matches!(self, Lookup::NoData | Lookup::NxDomain)
    }

    /// The reason when the answer is unusable.
    pub fn why(&self) -> Option<&Why> {
        match self {
            Lookup::Unknown { why } => Some(why),
            _ => None,
        }
    }

    /// Shorthand for an unusable answer.
    pub fn unknown(why: Why) -> Lookup {
        Lookup::Unknown { why }
    }
}

/// Lower-cases a name and drops a trailing dot, so names compare as DNS compares them.
pub fn norm_name(name: &str) -> String {
    name.trim_end_matches('.').to_ascii_lowercase()
}

/// Builds an RFC 8484 query: id 0, recursion desired, one question, an EDNS0 OPT record.
///
/// Fails for names DNS cannot carry (labels over 63 bytes, names over 255 bytes, empty labels).
pub fn encode_query(name: &str, rtype: RType) -> Result<Vec<u8>, Why> {
    let name = name.trim_end_matches('.');
    if name.is_empty() || name.split('.').any(|l| l.is_empty() || l.len() > 63) || name.len() > 253 {
        return Err(Why::BadName);
    }
    let qname = Name::new(name).map_err(|_| Why::BadName)?;
    let mut p = Packet::new_query(0);
    p.set_flags(PacketFlag::RECURSION_DESIRED);
    p.questions.push(Question::new(
        qname,
        QTYPE::TYPE(rtype.to_type()),
        QCLASS::CLASS(CLASS::IN),
        false,
    ));
    *p.opt_mut() = Some(OPT {
        opt_codes: Vec::new(),
        udp_packet_size: 1232,
        version: 0,
    });
    p.build_bytes_vec().map_err(|_| Why::BadName)
}

/// True when `packet` is an answer to our query and nothing else: id 0 (as sent), QR set, opcode
/// QUERY, and exactly one question — `want` (compared as DNS compares names), `rtype`, class IN.
/// An answer without its question (a bare header saying NXDOMAIN) proves nothing.
fn answers_the_question(bytes: &[u8], packet: &Packet, want: &str, rtype: RType) -> bool {
    // Opcode: bits 3-6 of the third header byte (0 = QUERY).
    let opcode = (bytes[2] >> 3) & 0x0f;
    if packet.id() != 0 || !packet.has_flags(PacketFlag::RESPONSE) || opcode != 0 {
        return false;
    }
    match packet.questions.as_slice() {
        [q] => {
            norm_name(&q.qname.to_string()) == want
                && q.qtype == QTYPE::TYPE(rtype.to_type())
                && q.qclass == QCLASS::CLASS(CLASS::IN)
        }
        _ => false,
    }
}

/// Reads an answer to the question (`name`, `rtype`) from untrusted bytes.
///
/// Follows CNAME chains inside the answer (a loop or a chain over 12 links is
/// [`Why::CnameLoop`]). Believed only when it is a response to this very question (see
/// [`answers_the_question`]; otherwise [`Why::Mismatch`]) with an RCODE that means something
/// here: NOERROR, NXDOMAIN, SERVFAIL, REFUSED (any other is [`Why::Rcode`]).
pub fn decode_answer(bytes: &[u8], name: &str, rtype: RType) -> Lookup {
    if bytes.len() > MAX_ANSWER_BYTES {
        return Lookup::unknown(Why::Oversized);
    }
    if bytes.len() < 12 {
        return Lookup::unknown(Why::Malformed("shorter than a DNS header".into()));
    }
    let packet = match Packet::parse(bytes) {
        Ok(p) => p,
        Err(e) => return Lookup::unknown(Why::Malformed(e.to_string())),
    };
    let want = norm_name(name);
    if !answers_the_question(bytes, &packet, &want, rtype) {
        return Lookup::unknown(Why::Mismatch);
    }
    if packet.has_flags(PacketFlag::TRUNCATION) {
        return Lookup::unknown(Why::Truncated);
    }
    match packet.rcode() {
        RCODE::NoError => {}
        RCODE::NameError => return Lookup::NxDomain,
        RCODE::ServerFailure => return Lookup::unknown(Why::ServFail),
        RCODE::Refused => return Lookup::unknown(Why::Refused),
        // The header's own code (low 4 bits of byte 3), not the codec's enum value.
        _ => return Lookup::unknown(Why::Rcode(u16::from(bytes[3] & 0x0f))),
    }
    let mut current = want;
    let mut seen: Vec<String> = Vec::new();
    for _ in 0..MAX_CNAME_CHAIN {
        let mut records = Vec::new();
        let mut cname: Option<String> = None;
        for rr in &packet.answers {
            if rr.class != CLASS::IN || norm_name(&rr.name.to_string()) != current {
                continue;
            }
            match (&rr.rdata, rtype) {
                (RData::A(a), RType::A) => records.push(Rdata::A(Ipv4Addr::from(a.address))),
                (RData::AAAA(a), RType::Aaaa) => records.push(Rdata::Aaaa(Ipv6Addr::from(a.address))),
                (RData::PTR(p), RType::Ptr) => records.push(Rdata::Ptr(norm_name(&p.0.to_string()))),
                (RData::MX(m), RType::Mx) => records.push(Rdata::Mx(m.preference, norm_name(&m.exchange.to_string()))),
                (RData::TXT(t), RType::Txt) => {
                    // A TXT record that is not UTF-8 cannot be SPF, DMARC or a reason we can show.
                    if let Ok(s) = String::try_from(t.clone()) {
                        records.push(Rdata::Txt(s));
                    }
                }
                (RData::CNAME(c), _) => cname = Some(norm_name(&c.0.to_string())),
                _ => {}
            }
        }
        if !records.is_empty() {
            return Lookup::Found { records };
        }
        match cname {
            Some(next) => {
                seen.push(current);
                if seen.contains(&next) {
                    return Lookup::unknown(Why::CnameLoop);
                }
                current = next;
            }
            None => return Lookup::NoData,
        }
    }
    Lookup::unknown(Why::CnameLoop)
}

#[cfg(test)]
mod tests {
    use super::*;
    use simple_dns::rdata::{A, CNAME, TXT};
    use simple_dns::ResourceRecord;

    fn reply(name: &str, rtype: TYPE, answers: Vec<ResourceRecord<'static>>, rcode: RCODE) -> Vec<u8> {
        let mut p = Packet::new_reply(0);
        p.questions.push(Question::new(
            Name::new_unchecked(name).into_owned(),
            QTYPE::TYPE(rtype),
            QCLASS::CLASS(CLASS::IN),
            false,
        ));
        p.answers = answers;
        *p.rcode_mut() = rcode;
        p.build_bytes_vec().unwrap()
    }

    fn rr(name: &'static str, data: RData<'static>) -> ResourceRecord<'static> {
        ResourceRecord::new(Name::new_unchecked(name), CLASS::IN, 300, data)
    }

    #[test]
    fn query_has_id_zero_rd_and_edns() {
        let q = encode_query("example.test", RType::Txt).unwrap();
        assert_eq!(&q[0..2], &[0, 0]);
        let p = Packet::parse(&q).unwrap();
        assert!(p.has_flags(PacketFlag::RECURSION_DESIRED));
        assert!(p.opt().is_some());
        assert_eq!(p.questions[0].qname.to_string(), "example.test");
        assert_eq!(encode_query("a..b", RType::A), Err(Why::BadName));
        assert_eq!(encode_query(&"x".repeat(64), RType::A), Err(Why::BadName));
    }

    #[test]
    fn reads_records_and_follows_cname() {
        let b = reply(
            "www.example.test",
            TYPE::A,
            vec![
                rr(
                    "www.example.test",
                    RData::CNAME(CNAME(Name::new_unchecked("host.example.test"))),
                ),
                rr("host.example.test", RData::A(A { address: 0xC000_020A })),
            ],
            RCODE::NoError,
        );
        assert_eq!(
            decode_answer(&b, "WWW.example.test.", RType::A),
            Lookup::Found {
                records: vec![Rdata::A(Ipv4Addr::new(192, 0, 2, 10))]
            }
        );
    }

    #[test]
    fn cname_loop_is_unknown() {
        let b = reply(
            "a.example.test",
            TYPE::A,
            vec![
                rr(
                    "a.example.test",
                    RData::CNAME(CNAME(Name::new_unchecked("b.example.test"))),
                ),
                rr(
                    "b.example.test",
                    RData::CNAME(CNAME(Name::new_unchecked("a.example.test"))),
                ),
            ],
            RCODE::NoError,
        );
        assert_eq!(
            decode_answer(&b, "a.example.test", RType::A),
            Lookup::unknown(Why::CnameLoop)
        );
    }

    #[test]
    fn rcodes_and_mismatch() {
        let nx = reply("x.test", TYPE::A, vec![], RCODE::NameError);
        assert_eq!(decode_answer(&nx, "x.test", RType::A), Lookup::NxDomain);
        let sf = reply("x.test", TYPE::A, vec![], RCODE::ServerFailure);
        assert_eq!(decode_answer(&sf, "x.test", RType::A), Lookup::unknown(Why::ServFail));
        let ok = reply("x.test", TYPE::A, vec![], RCODE::NoError);
        assert_eq!(decode_answer(&ok, "x.test", RType::A), Lookup::NoData);
        assert_eq!(decode_answer(&ok, "y.test", RType::A), Lookup::unknown(Why::Mismatch));
        assert_eq!(decode_answer(&ok, "x.test", RType::Txt), Lookup::unknown(Why::Mismatch));
    }

    #[test]
    fn only_an_answer_to_our_very_question_is_believed() {
        let nx = reply("x.test", TYPE::A, vec![], RCODE::NameError);
        // The header alone (QDCOUNT 0, NXDOMAIN): proves nothing.
        let mut bare = nx[..12].to_vec();
        bare[4] = 0;
        bare[5] = 0;
        assert_eq!(decode_answer(&bare, "x.test", RType::A), Lookup::unknown(Why::Mismatch));
        let mut id = nx.clone();
        id[1] = 7;
        assert_eq!(decode_answer(&id, "x.test", RType::A), Lookup::unknown(Why::Mismatch));
        let mut no_qr = nx.clone();
        no_qr[2] &= 0x7f;
        assert_eq!(
            decode_answer(&no_qr, "x.test", RType::A),
            Lookup::unknown(Why::Mismatch)
        );
        let mut opcode = nx.clone();
        opcode[2] |= 2 << 3;
        assert_eq!(
            decode_answer(&opcode, "x.test", RType::A),
            Lookup::unknown(Why::Mismatch)
        );
        let mut class = nx.clone();
        let n = class.len();
        class[n - 1] = 3; // CH
        assert_eq!(
            decode_answer(&class, "x.test", RType::A),
            Lookup::unknown(Why::Mismatch)
        );
        assert_eq!(decode_answer(&nx, "X.Test.", RType::A), Lookup::NxDomain);
    }

    #[test]
    fn txt_strings_are_joined_and_damage_is_unknown() {
        let txt = TXT::new()
            .with_string("v=spf1 ip4:192.0.2.0/24")
            .unwrap()
            .with_string(" -all")
            .unwrap();
        let b = reply("s.test", TYPE::TXT, vec![rr("s.test", RData::TXT(txt))], RCODE::NoError);
        assert_eq!(
            decode_answer(&b, "s.test", RType::Txt).records(),
            &[Rdata::Txt("v=spf1 ip4:192.0.2.0/24 -all".into())]
        );
        assert!(matches!(
            decode_answer(&b[..b.len() - 3], "s.test", RType::Txt),
            Lookup::Unknown { .. }
        ));
        assert!(matches!(
            decode_answer(b"<html>", "s.test", RType::Txt),
            Lookup::Unknown { .. }
        ));
        let mut tc = b.clone();
        tc[2] |= 0x02;
        assert_eq!(
            decode_answer(&tc, "s.test", RType::Txt),
            Lookup::unknown(Why::Truncated)
        );
        assert_eq!(
            decode_answer(&vec![0u8; 70_000], "s.test", RType::Txt),
            Lookup::unknown(Why::Oversized)
        );
    }

    proptest::proptest! {
        #[test]
        fn decoding_never_panics(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..600)) {
            let _ = decode_answer(&bytes, "example.test", RType::Txt);
            let _ = decode_answer(&bytes, "example.test", RType::Mx);
        }

        #[test]
        fn damaged_real_answers_never_panic(cut in 0usize..200, flip in 0usize..200, bit in 0u8..8) {
            let txt = TXT::new().with_string("v=spf1 include:_spf.example.test ~all").unwrap();
            let mut b = reply("s.test", TYPE::TXT, vec![rr("s.test", RData::TXT(txt))], RCODE::NoError);
            if flip < b.len() { b[flip] ^= 1 << bit; }
            b.truncate(cut.max(1));
            let _ = decode_answer(&b, "s.test", RType::Txt);
        }
    }
}
