//! The analysis engine's answer to "explain this text": the core's `analyze` and `explain`, then
//! the view model ([`crate::view`], re-exported here: the one definition the engine and the page
//! share). It crosses to the page through `super::protocol` (serde-wasm-bindgen).
//!
//! The plain-text and Markdown forms the "Copy" button puts on the clipboard are made from the
//! explanation when the user asks (`explain::to_plain` / `explain::to_markdown`, pure
//! formatting), not per analysis; the core's JSON (the embed API's result) only when the request
//! asks for it.

pub use crate::view::*;

use crate::explain;
use crate::i18n::Localizer;
use serde::Serialize;

/// A value (e.g. the view model) as JSON with every non-ASCII character escaped (`\uXXXX`), the
/// form the engine once handed the view model to the page in (`examples/timing.rs` still
/// measures it). ASCII-only text becomes a JS string much faster than UTF-8 with a few
/// non-ASCII characters (the Fluent isolation marks around every argument) or a `Uint8Array`:
/// measured in Chromium for a 2.9 KB answer, about 2.5 µs against 6–8 µs and 7–11 µs. Any JSON
/// reader gives back the same value.
pub fn to_json<T: Serialize>(a: &T) -> String {
    let mut out = Vec::with_capacity(4096);
    let mut ser = serde_json::Serializer::with_formatter(&mut out, AsciiOnly);
    if a.serialize(&mut ser).is_err() {
        return String::new();
    }
    // Only ASCII was written.
    String::from_utf8(out).unwrap_or_default()
}

/// serde_json's compact format, with non-ASCII characters in strings written as `\uXXXX`
/// (UTF-16 code units, as JSON defines them).
struct AsciiOnly;

impl serde_json::ser::Formatter for AsciiOnly {
    fn write_string_fragment<W: ?Sized + std::io::Write>(&mut self, w: &mut W, fragment: &str) -> std::io::Result<()> {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        // Most fragments are all ASCII: `is_ascii` checks a word at a time (measured: a char by
        // char loop here took 6.7 % of the engine's time for the reply line in Chromium).
        if fragment.is_ascii() {
            return w.write_all(fragment.as_bytes());
        }
        let bytes = fragment.as_bytes();
        let mut run = 0;
        // The first byte ≥ 0x80 after a character boundary starts a character.
        while let Some(i) = bytes[run..].iter().position(|b| !b.is_ascii()).map(|o| run + o) {
            w.write_all(&bytes[run..i])?;
            let c = fragment[i..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER);
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                let u = *u as usize;
                w.write_all(&[
                    b'\\',
                    b'u',
                    HEX[u >> 12],
                    HEX[(u >> 8) & 15],
                    HEX[(u >> 4) & 15],
                    HEX[u & 15],
                ])?;
            }
            run = i + c.len_utf8();
        }
        w.write_all(&bytes[run..])
    }
}

/// Analyses `text` with the core and explains it in `loc`'s locale.
pub fn run(text: &str, loc: &Localizer) -> Analysis {
    run_with(text, loc, false)
}

/// [`run`], plus the core's JSON when `with_report` (the embed element reports it to its host).
pub fn run_with(text: &str, loc: &Localizer, with_report: bool) -> Analysis {
    let report = crate::analyze(text.as_bytes());
    let explanation = explain::explain(&report, loc);
    let mut a = build(&report, explanation, loc, text.len());
    if with_report {
        a.json = Some(serde_json::to_string(&report).unwrap_or_default());
    }
    a
}
