//! Fuzz target: the whole analysis on arbitrary bytes.
//!
//! Checks what must hold for every input: no panic, spans inside the input and
//! on character boundaries of its text, and the report serialises to JSON.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let report = bounce::analyze(data);
    let text = bounce::input::Input::new(data).text;
    for s in &report.spans {
        assert!(
            s.start <= s.end && s.end <= text.len(),
            "span {s:?} outside input of {}",
            text.len()
        );
        assert!(
            text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
            "span {s:?} splits a char"
        );
    }
    if let Some(h) = report.failing_hop {
        assert!(h < report.hops.len(), "failing_hop {h} >= {} hops", report.hops.len());
    }
    serde_json::to_string(&report).expect("report serialises");
});
