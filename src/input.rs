//! Turning the bytes a user gave into text every later step can read.
//!
//! The text keeps the byte offsets of the input exactly: a lone CR becomes LF
//! and each byte that is not valid UTF-8 becomes `?`, one byte for one, so
//! source spans found in the text point at the same bytes of the original.
//! An Outlook `.msg` file (Compound File Binary) is the exception: it is rendered as a message
//! first (`parse::msg`), and the text is that rendering (`rendered` is true).

use crate::model::Warning;

/// The largest input analysed, in bytes (32 MiB). Past it the input is cut
/// there and a `warn-input-truncated` warning says so.
pub const MAX_INPUT_BYTES: usize = 32 * 1024 * 1024;

/// The input, ready for parsing.
#[derive(Debug, Clone)]
pub struct Input {
    /// The bytes with lone CRs turned into LF (same length as the original, up to the limit).
    pub bytes: Vec<u8>,
    /// The same bytes as UTF-8 text, invalid sequences replaced byte for byte.
    pub text: String,
    /// Problems found while reading.
    pub warnings: Vec<Warning>,
    /// True when the text is a rendering of the input (an Outlook `.msg`), not the input itself.
    pub rendered: bool,
}

impl Input {
    /// Prepares raw bytes, enforcing [`MAX_INPUT_BYTES`].
    pub fn new(raw: &[u8]) -> Input {
        if crate::parse::msg::is_cfb(raw) {
            let msg = crate::parse::msg::render(raw);
            let mut input = Input::new(&msg.bytes);
            input.warnings.splice(0..0, msg.warnings);
            if raw.len() > MAX_INPUT_BYTES {
                // A container cut by the reader (the CLI reads at most the limit + 1 byte).
                input.warnings.insert(
                    0,
                    Warning::new("warn-input-truncated")
                        .arg("limit", MAX_INPUT_BYTES)
                        .arg("size", raw.len()),
                );
            }
            input.rendered = true;
            return input;
        }
        let mut warnings = Vec::new();
        let raw = if raw.len() > MAX_INPUT_BYTES {
            warnings.push(
                Warning::new("warn-input-truncated")
                    .arg("limit", MAX_INPUT_BYTES)
                    .arg("size", raw.len()),
            );
            &raw[..MAX_INPUT_BYTES]
        } else {
            raw
        };
        let mut bytes = raw.to_vec();
        let mut text = match std::str::from_utf8(raw) {
            Ok(s) => s.to_string(),
            Err(_) => {
                let mut clean = bytes.clone();
                replace_invalid_utf8(&mut clean);
                String::from_utf8(clean).unwrap_or_default()
            }
        };
        // Lone CRs become LF in both. A CR is never part of an invalid sequence, so the text has
        // its CRs where the bytes do; a SIMD search finds them (and the NULs), not a walk byte by
        // byte.
        let lone: Vec<usize> = memchr::memchr_iter(b'\r', raw)
            .filter(|&i| raw.get(i + 1) != Some(&b'\n'))
            .collect();
        for i in lone {
            bytes[i] = b'\n';
            text.replace_range(i..i + 1, "\n");
        }
        if memchr::memchr(0, raw).is_some() {
            warnings.push(Warning::new("warn-input-nul-bytes"));
        }
        Input {
            bytes,
            text,
            warnings,
            rendered: false,
        }
    }
}

/// Overwrites every byte that is not part of a valid UTF-8 sequence with `?`.
fn replace_invalid_utf8(buf: &mut [u8]) {
    let mut pos = 0;
    while pos < buf.len() {
        match std::str::from_utf8(&buf[pos..]) {
            Ok(_) => break,
            Err(e) => {
                let bad_start = pos + e.valid_up_to();
                let bad_len = e.error_len().unwrap_or(buf.len() - bad_start);
                for b in &mut buf[bad_start..bad_start + bad_len] {
                    *b = b'?';
                }
                pos = bad_start + bad_len;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_offsets_for_cr_and_invalid_bytes() {
        let raw = b"a\rb\r\nc\xffd\xe2\x82";
        let inp = Input::new(raw);
        assert_eq!(inp.text.len(), raw.len());
        assert_eq!(inp.text, "a\nb\r\nc?d??");
    }

    #[test]
    fn every_lone_cr_becomes_lf_around_invalid_bytes() {
        // The byte-by-byte definition the search must agree with.
        let reference = |raw: &[u8]| -> Vec<u8> {
            let mut b = raw.to_vec();
            for i in 0..b.len() {
                if b[i] == b'\r' && b.get(i + 1) != Some(&b'\n') {
                    b[i] = b'\n';
                }
            }
            b
        };
        let pieces: [&[u8]; 9] = [
            b"\r",
            b"\n",
            b"a",
            b"\xff",
            b"\xe2\x82",
            b"\xc5\xbc",
            b"\r\n",
            b"\0",
            b"\xe2",
        ];
        let mut tried = 0;
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    for d in pieces {
                        let raw = [a, b, c, d].concat();
                        let inp = Input::new(&raw);
                        assert_eq!(inp.bytes, reference(&raw), "{raw:?}");
                        let mut text = reference(&raw);
                        replace_invalid_utf8(&mut text);
                        assert_eq!(inp.text.as_bytes(), text, "{raw:?}");
                        assert_eq!(inp.warnings.len(), usize::from(raw.contains(&0)));
                        tried += 1;
                    }
                }
            }
        }
        assert_eq!(tried, 6561);
    }

    #[test]
    fn truncates_past_the_limit() {
        let raw = vec![b'a'; MAX_INPUT_BYTES + 10];
        let inp = Input::new(&raw);
        assert_eq!(inp.bytes.len(), MAX_INPUT_BYTES);
        assert_eq!(inp.warnings[0].id, "warn-input-truncated");
    }
}
