//! Fuzz target: decoding untrusted DoH answers (`dns::wire::decode_answer` and
//! `dns::resolver::read_reply`). Every malformed answer must become a lookup
//! result, never a panic, and the result must serialise.
#![no_main]

use bounce::dns::resolver::{read_reply, HttpReply};
use bounce::dns::wire::{decode_answer, RType};
use libfuzzer_sys::fuzz_target;

const NAMES: &[&str] = &[
    "example.com",
    "mx.example.net",
    "4.3.2.1.zen.example.org",
    "_dmarc.example.com",
    "",
    ".",
];
const TYPES: &[RType] = &[RType::A, RType::Aaaa, RType::Ptr, RType::Mx, RType::Txt];

fuzz_target!(|data: &[u8]| {
    let (sel, body) = data.split_first().map_or((0u8, &[][..]), |(s, b)| (*s, b));
    let name = NAMES[(sel & 0x07) as usize % NAMES.len()];
    let rtype = TYPES[(sel >> 3) as usize % TYPES.len()];
    let lookup = decode_answer(body, name, rtype);
    serde_json::to_string(&lookup).expect("lookup serialises");
    if sel & 0x80 != 0 {
        let reply = HttpReply {
            status: 200,
            content_type: Some("application/dns-message".to_string()),
            body: body.to_vec(),
        };
        assert_eq!(read_reply(&reply, name, rtype), lookup);
    }
});
