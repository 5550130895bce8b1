//! RFC 3464 delivery-status fields: one per-message block, then one block per recipient.

use super::mime::unfold;

/// The fields of a delivery-status part.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DsnFields {
    /// Per-message fields (`Reporting-MTA`, `Arrival-Date`, ...), names lower-cased.
    pub message: Vec<(String, String)>,
    /// Per-recipient blocks, in order.
    pub recipients: Vec<Vec<(String, String)>>,
}

/// Looks a lower-case field name up in one block.
pub fn field<'a>(block: &'a [(String, String)], name: &str) -> Option<&'a str> {
    block.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
}

/// Strips an RFC 3464 type prefix: `rfc822; user@example.com` gives `user@example.com`.
pub fn typed_value(v: &str) -> &str {
    match v.split_once(';') {
        Some((t, rest)) if !t.trim().contains(' ') && !t.trim().is_empty() => rest.trim(),
        _ => v.trim(),
    }
}

/// DSN fields as MTAs write them (Title-Case), which a mail client's re-wrapping can join onto the
/// line of the field before (`Action: failed Status: 5.1.1`).
const JOINED_FIELDS: &[&str] = &[
    " Final-Recipient:",
    " Original-Recipient:",
    " Action:",
    " Status:",
    " Remote-MTA:",
    " Diagnostic-Code:",
    " Last-Attempt-Date:",
    " Will-Retry-Until:",
    " Arrival-Date:",
    " X-Postfix-Sender:",
];

/// One line of a delivery-status part cut where a re-wrapped paste joined the next field onto it.
fn logical_lines(line: &str) -> impl Iterator<Item = &str> {
    // A joined line holds two `Name:` fields, so at least two colons.
    let mut rest = Some(line);
    let joined = line.bytes().filter(|&b| b == b':').nth(1).is_some();
    std::iter::from_fn(move || {
        if !joined {
            return rest.take();
        }
        let l = rest?;
        let cut = JOINED_FIELDS.iter().filter_map(|f| l.find(f)).filter(|&p| p > 0).min();
        match cut {
            Some(p) => {
                rest = Some(&l[p + 1..]);
                Some(&l[..p])
            }
            None => rest.take(),
        }
    })
}

/// Splits a delivery-status body into field blocks. Blank lines separate blocks;
/// folded lines are joined. A line that is not a field continues the field before it (a pasted
/// report loses the fold's indentation); before any field it is ignored.
pub fn parse(text: &str) -> DsnFields {
    let mut blocks: Vec<Vec<(String, String)>> = Vec::new();
    let mut cur: Vec<(String, String)> = Vec::new();
    let mut last: Option<(String, String)> = None;
    let flush_field = |cur: &mut Vec<(String, String)>, last: &mut Option<(String, String)>| {
        if let Some((n, v)) = last.take() {
            cur.push((n, unfold(&v)));
        }
    };
    for line in text.lines().flat_map(logical_lines) {
        if line.trim().is_empty() {
            flush_field(&mut cur, &mut last);
            if !cur.is_empty() {
                blocks.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if line.starts_with([' ', '\t']) {
            if let Some((_, v)) = last.as_mut() {
                v.push('\n');
                v.push_str(line);
            }
            continue;
        }
        let field = line.split_once(':').filter(|(name, _)| {
            let name = name.trim();
            !name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        });
        if field.is_none() {
            if let Some((_, v)) = last.as_mut() {
                v.push_str("\n ");
                v.push_str(line.trim());
            }
            continue;
        }
        flush_field(&mut cur, &mut last);
        if let Some((name, value)) = field {
            let name = name.trim();
            {
                // Some senders omit the blank line between recipients: a repeated per-recipient
                // field starts the next block.
                let lname = name.to_ascii_lowercase();
                if matches!(
                    lname.as_str(),
                    "final-recipient" | "original-recipient" | "action" | "status"
                ) && cur.iter().any(|(n, _)| *n == lname)
                {
                    blocks.push(std::mem::take(&mut cur));
                }
                last = Some((name.to_ascii_lowercase(), value.trim().to_string()));
            }
        }
    }
    flush_field(&mut cur, &mut last);
    if !cur.is_empty() {
        blocks.push(cur);
    }
    let mut out = DsnFields::default();
    for b in blocks {
        let is_recipient = b.iter().any(|(n, _)| {
            matches!(
                n.as_str(),
                "final-recipient" | "original-recipient" | "action" | "status"
            )
        });
        if is_recipient {
            out.recipients.push(b);
        } else if out.recipients.is_empty() {
            out.message.extend(b);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_blocks_and_unfolds() {
        let t = "Reporting-MTA: dns; mx.example.org\r\n\r\nFinal-Recipient: rfc822; a@example.com\r\nAction: failed\r\nStatus: 5.1.1\r\nDiagnostic-Code: smtp; 550 5.1.1 no\r\n  such user\r\n\r\nFinal-Recipient: rfc822; b@example.com\r\nAction: delayed\r\nStatus: 4.4.1\r\n";
        let d = parse(t);
        assert_eq!(field(&d.message, "reporting-mta"), Some("dns; mx.example.org"));
        assert_eq!(d.recipients.len(), 2);
        assert_eq!(
            field(&d.recipients[0], "diagnostic-code"),
            Some("smtp; 550 5.1.1 no such user")
        );
        assert_eq!(
            typed_value(field(&d.recipients[1], "final-recipient").unwrap()),
            "b@example.com"
        );
    }

    #[test]
    fn reads_fields_a_paste_rewrapped() {
        // Indentation lost, values wrapped onto the next line, two fields joined on one line.
        let t = "Final-Recipient: rfc822;\nola@example.net\nAction: failed Status: 4.0.0\nDiagnostic-Code: X-Postfix; delivery\ntemporarily suspended: host\nmx.example.net[192.0.2.3] refused to talk to me: 421 busy\n";
        let d = parse(t);
        let r = &d.recipients[0];
        assert_eq!(typed_value(field(r, "final-recipient").unwrap()), "ola@example.net");
        assert_eq!(field(r, "action"), Some("failed"));
        assert_eq!(field(r, "status"), Some("4.0.0"));
        assert_eq!(
            field(r, "diagnostic-code"),
            Some("X-Postfix; delivery temporarily suspended: host mx.example.net[192.0.2.3] refused to talk to me: 421 busy")
        );
    }
}
