//! Fuzz target: the free-text extractors, both through the format registry on
//! `mime::read` output and the generic helpers called directly on the text.
#![no_main]

use bounce::parse::formats::{self, generic};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = bounce::input::Input::new(data);
    let mail = bounce::parse::mime::read(&input.bytes, &input.text);
    let x = formats::extract(&mail);
    assert!(!x.format.is_empty(), "a format always answers");
    let text = input.text.as_str();
    let _ = generic::codes_in(text);
    let addrs = generic::addresses(text);
    for a in &addrs {
        assert!(text.contains(a.as_str()), "address {a:?} not from the text");
    }
    let _ = generic::command_near(text, addrs.first().map(String::as_str));
    let _ = generic::hosts(text);
    let _ = generic::first_reply(text);
});
