//! Fuzz target: the RFC 3464 delivery-status field parser on arbitrary text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let fields = bounce::parse::dsn::parse(&text);
    for block in fields.recipients.iter().chain(std::iter::once(&fields.message)) {
        for (name, value) in block {
            assert!(!name.is_empty(), "empty field name");
            assert_eq!(name, &name.to_ascii_lowercase(), "field names are lower-cased");
            let _ = bounce::parse::dsn::typed_value(value);
        }
        let _ = bounce::parse::dsn::field(block, "final-recipient");
    }
});
