//! Turning the bytes a user gave into text every later step can read.
//!
//! The text keeps the byte offsets of the input exactly: a lone CR becomes LF
//! and each byte that is not valid UTF-8 becomes `?`, one byte for one, so
//! source spans found in the text point at the same bytes of the original.

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
}

impl Input {
    /// Prepares raw bytes, enforcing [`MAX_INPUT_BYTES`].
    pub fn new(raw: &[u8]) -> Input {
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
        // Most inputs have no CR at all (a fast search says so); CRLF ones are walked pairwise.
        if bytes.contains(&b'\r') {
            let n = bytes.len();
            for i in 0..n {
                if bytes[i] == b'\r' && (i + 1 == n || bytes[i + 1] != b'\n') {
                    bytes[i] = b'\n';
                }
            }
        }
        let text = match std::str::from_utf8(&bytes) {
            Ok(s) => s.to_string(),
            Err(_) => {
                let mut clean = bytes.clone();
                replace_invalid_utf8(&mut clean);
                String::from_utf8(clean).unwrap_or_default()
            }
        };
        if bytes.contains(&0) {
            warnings.push(Warning::new("warn-input-nul-bytes"));
        }
        Input { bytes, text, warnings }
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
    fn truncates_past_the_limit() {
        let raw = vec![b'a'; MAX_INPUT_BYTES + 10];
        let inp = Input::new(&raw);
        assert_eq!(inp.bytes.len(), MAX_INPUT_BYTES);
        assert_eq!(inp.warnings[0].id, "warn-input-truncated");
    }
}
