//! Fuzz target: Fluent message formatting with arbitrary arguments.
//!
//! Picks a compiled-in locale and one of its message ids, passes arbitrary
//! named arguments (numbers, plural-looking strings, markup, control
//! characters) to `Localizer::msg`, and also formats a message from arbitrary
//! FTL source through `Localizer::from_sources`. Must never panic.
#![no_main]

use bounce::i18n::{self, Localizer};
use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use std::collections::HashMap;

thread_local! {
    /// One localizer per compiled-in locale, with the ids of its messages.
    static LOCALES: Vec<(Localizer, Vec<String>)> = i18n::available_locales()
        .into_iter()
        .map(|l| {
            let ids = i18n::locale_sources(l)
                .unwrap_or(&[])
                .iter()
                .flat_map(|(_, src)| src.lines())
                .filter_map(|line| {
                    let (id, _) = line.split_once(" =")?;
                    (!id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
                        .then(|| id.to_string())
                })
                .collect();
            (Localizer::new(&[l]), ids)
        })
        .collect();
}

/// Argument names the messages use, plus room for arbitrary ones.
const ARG_NAMES: &[&str] = &[
    "count", "n", "host", "ip", "code", "status", "address", "domain", "limit", "size", "list", "reason", "delay",
    "minutes", "hours", "days", "name", "value", "zone", "url",
];

fn value(u: &mut Unstructured) -> Result<String> {
    Ok(match u.int_in_range(0..=4u8)? {
        0 => u.int_in_range(-5i64..=1_000_000)?.to_string(),
        1 => format!("{}.{}", u.int_in_range(0u32..=99)?, u.int_in_range(0u32..=99)?),
        2 => [
            "1", "2", "5", "22", "0", "-1", "1e3", "01", "NaN", "", "{ $x }", "<b>", "\u{202e}",
        ][u.choose_index(13)?]
        .to_string(),
        _ => u.arbitrary::<String>()?,
    })
}

fn run(data: &[u8]) -> Result<()> {
    let mut u = Unstructured::new(data);
    let pick = u.arbitrary::<u16>()? as usize;
    let idn = u.arbitrary::<u16>()? as usize;
    let mut args: HashMap<String, String> = HashMap::new();
    for _ in 0..u.int_in_range(0..=4u8)? {
        let name = if u.ratio(3, 4)? {
            ARG_NAMES[u.choose_index(ARG_NAMES.len())?].to_string()
        } else {
            u.arbitrary()?
        };
        args.insert(name, value(&mut u)?);
    }
    let arg_refs: Vec<(&str, String)> = args.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
    LOCALES.with(|locs| {
        let (loc, ids) = &locs[pick % locs.len()];
        if !ids.is_empty() {
            let out = loc.msg(&ids[idn % ids.len()], &arg_refs);
            assert!(!out.is_empty() || ids[idn % ids.len()].is_empty());
        }
        let _ = loc.take_errors();
    });
    let ftl: String = u.arbitrary()?;
    // fluent-syntax 0.12 overflows the stack on deep nesting and panics on `\u` + non-ASCII;
    // `from_sources` must refuse both before parsing (tests/hostile.rs has the two regressions).
    let id: String = u.arbitrary()?;
    if let Ok(loc) = Localizer::from_sources(["en", "pl", "xx", ""][pick % 4], &[ftl.as_str()]) {
        let _ = loc.msg(&id, &arg_refs);
        let _ = loc.take_errors();
    }
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    let _ = run(data);
});
