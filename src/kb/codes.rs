//! Generic meanings of SMTP codes, as data: every RFC 5321 reply code (plus RFC 4954 and RFC 7504)
//! and every live code of the IANA enhanced status registry (RFC 3463, RFC 5248), so any code
//! in a report gets an explanation even when no rule knows the exact reply.

/// Reply codes with their own message `reply-<code>`: RFC 5321 section 4.2, RFC 4954 (AUTH)
/// and RFC 7504 (521, 556).
pub static REPLY_CODES: &[&str] = &[
    "211", "214", "220", "221", "235", "250", "251", "252", "334", "354", "421", "432", "450", "451", "452", "454",
    "455", "500", "501", "502", "503", "504", "521", "530", "534", "535", "538", "550", "551", "552", "553", "554",
    "555", "556",
];

/// The live detail codes of the IANA "SMTP Enhanced Status Codes" registry as `subject.detail`
/// (the class digit is separate): 80 codes, X.0.0 to X.7.30. X.6.10 is left out: IANA marks it
/// deprecated as a duplicate of X.6.8. Each has a message `status-<subject>-<detail>`.
pub static STATUS_DETAILS: &[&str] = &[
    "0.0", // RFC 3463
    "1.0", "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8",  // RFC 3463
    "1.9",  // RFC 3886
    "1.10", // RFC 7505
    "2.0", "2.1", "2.2", "2.3", "2.4", // RFC 3463
    "3.0", "3.1", "3.2", "3.3", "3.4", "3.5", // RFC 3463
    "3.6", // RFC 6710
    "4.0", "4.1", "4.2", "4.3", "4.4", "4.5", "4.6", "4.7", // RFC 3463
    "5.0", "5.1", "5.2", "5.3", "5.4", "5.5", // RFC 3463
    "5.6", // RFC 4954
    "6.0", "6.1", "6.2", "6.3", "6.4", "6.5", // RFC 3463
    "6.6", // RFC 4468
    "6.7", "6.8", "6.9", // RFC 6531
    "7.0", "7.1", "7.2", "7.3", "7.4", "7.5", "7.6", "7.7", // RFC 3463
    "7.8", "7.9", "7.11", "7.12", // RFC 4954
    "7.10", "7.13", "7.14", // RFC 5248
    "7.15", "7.16", // RFC 6710
    "7.17", "7.18", "7.19", // RFC 7293
    "7.20", "7.21", "7.22", "7.23", "7.24", "7.25", "7.26", // RFC 7372
    "7.27", // RFC 7505
    "7.28", // mail flood (IANA)
    "7.29", // RFC 8617 (ARC)
    "7.30", // RFC 8689 (REQUIRETLS)
];

/// Enhanced status classes with a message `status-class-<n>`.
pub static STATUS_CLASSES: &[&str] = &["2", "4", "5"];

/// Enhanced status subjects with a message `status-subject-<n>`.
pub static STATUS_SUBJECTS: &[&str] = &["0", "1", "2", "3", "4", "5", "6", "7"];

/// Splits an enhanced status code into (class, subject, detail) when it is well formed
/// (`5.7.1`; class 2, 4 or 5; at most three digits per part).
pub fn split_status(s: &str) -> Option<(&str, &str, &str)> {
    let mut parts = s.trim().split('.');
    let (c, sub, det) = (parts.next()?, parts.next()?, parts.next()?);
    let ok = |p: &str, max: usize| !p.is_empty() && p.len() <= max && p.bytes().all(|b| b.is_ascii_digit());
    (parts.next().is_none() && STATUS_CLASSES.contains(&c) && ok(sub, 3) && ok(det, 3)).then_some((c, sub, det))
}

/// Message id and arguments of one line of "what the codes mean".
pub type Meaning = (String, Vec<(&'static str, String)>);

/// What the reply code and the enhanced status code mean, generically: the reply code (or its
/// class when the code is not registered), then the status class, subject and detail (or a note
/// that the detail is not in the IANA registry, e.g. a vendor's own code).
pub fn meanings(reply_code: &str, status: Option<&str>) -> Vec<Meaning> {
    let mut out = Vec::new();
    let code = reply_code.trim();
    if REPLY_CODES.contains(&code) {
        out.push((format!("reply-{code}"), vec![("code", code.to_string())]));
    } else if code.len() == 3 && code.bytes().all(|b| b.is_ascii_digit()) && matches!(&code[..1], "2" | "3" | "4" | "5")
    {
        out.push((format!("reply-class-{}", &code[..1]), vec![("code", code.to_string())]));
    }
    if let Some((class, subject, detail)) = status.and_then(split_status) {
        let st = status.unwrap_or_default().trim().to_string();
        out.push((format!("status-class-{class}"), vec![("status", st.clone())]));
        if STATUS_SUBJECTS.contains(&subject) {
            out.push((format!("status-subject-{subject}"), vec![("status", st.clone())]));
        }
        let key = format!("{subject}.{detail}");
        if STATUS_DETAILS.contains(&key.as_str()) {
            out.push((format!("status-{subject}-{detail}"), vec![("status", st)]));
        } else {
            out.push(("status-detail-unregistered".to_string(), vec![("status", st)]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_has_eighty_live_codes() {
        assert_eq!(STATUS_DETAILS.len(), 80);
        let mut sorted = STATUS_DETAILS.to_vec();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), 80, "no duplicates");
        assert!(STATUS_DETAILS.contains(&"7.30"));
        assert!(!STATUS_DETAILS.contains(&"6.10"));
    }

    #[test]
    fn unknown_detail_still_explains_class_and_subject() {
        let m = meanings("550", Some("5.7.606"));
        let ids: Vec<&str> = m.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "reply-550",
                "status-class-5",
                "status-subject-7",
                "status-detail-unregistered"
            ]
        );
        let m = meanings("599", Some("4.4.7"));
        let ids: Vec<&str> = m.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(
            ids,
            ["reply-class-5", "status-class-4", "status-subject-4", "status-4-7"]
        );
        assert!(meanings("", Some("9.9.9")).is_empty());
        assert!(meanings("abc", None).is_empty());
    }
}
