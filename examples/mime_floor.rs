//! The floor under `bounce explain`'s speed: only the MIME parsing every analysis starts with
//! (mail-parser, configured as `parse::mime` configures it), over the files given, on one thread.
//!
//! `scripts/compare.sh` runs it beside bounce and sisimai: sisimai's time divided by this one is
//! the largest ratio any program that reads its input with mail-parser can reach on the machine,
//! before it has looked at a single reply code.
//!
//!     cargo run --release --example mime_floor -- FILE...
//!
//! It prints one JSON line per file (`source` and the number of MIME parts), so the script can
//! check that it read every file.

use std::io::Write;

fn main() {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for path in std::env::args().skip(1) {
        let parts = std::fs::read(&path)
            .ok()
            .and_then(|bytes| {
                mail_parser::MessageParser::default()
                    .parse(&bytes[..])
                    .map(|m| m.parts.len())
            })
            .unwrap_or(0);
        let line = serde_json::json!({ "source": path, "parts": parts });
        if writeln!(out, "{line}").is_err() {
            return;
        }
    }
}
