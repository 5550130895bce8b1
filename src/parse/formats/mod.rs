//! One module per family of bounce senders. Detection is ordered, most
//! specific first; the first format that recognises the input extracts it
//! alone (no merging of several formats' guesses).
//!
//! A module recognises its sender by headers and fixed phrases, then reads the
//! DSN part when there is one (`rfc3464::from_dsn`, completed from the text)
//! or the text alone (`text::extract` with the module's markers).

pub mod amazonses;
pub mod courier;
pub mod domino;
pub mod exchange;
pub mod exim;
pub mod ezweb;
pub mod fml;
pub mod generic;
pub mod gmail;
pub mod googlegroups;
pub mod messagingserver;
pub mod mimecast;
pub mod opensmtpd;
pub mod postfix;
pub mod qmail;
pub mod rfc3464;
pub mod sendmail;
pub mod text;
pub mod yahoo;
pub mod zoho;

use super::hops::TriedHost;
use super::mime::Mail;
use crate::model::Recipient;

/// What a format module extracted from one bounce.
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    /// The format id, e.g. `postfix`.
    pub format: &'static str,
    /// The host that wrote the report.
    pub reporting_mta: Option<String>,
    /// Recipients in message order; `reason` and `hard` are left for `diagnose`.
    pub recipients: Vec<Recipient>,
    /// Remote hosts tried, in order.
    pub tried: Vec<TriedHost>,
    /// True when the recipients come from a delivery-status part.
    pub from_dsn: bool,
}

/// A format: its id and an extractor that returns `None` when the input is not of that format.
pub type Extractor = fn(&Mail) -> Option<Extracted>;

/// All formats, most specific first; `generic` is last and always answers.
pub const FORMATS: &[(&str, Extractor)] = &[
    ("exchange", exchange::extract),
    ("googlegroups", googlegroups::extract),
    ("gmail", gmail::extract),
    ("amazonses", amazonses::extract),
    ("mimecast", mimecast::extract),
    ("zoho", zoho::extract),
    ("ezweb", ezweb::extract),
    ("fml", fml::extract),
    ("yahoo", yahoo::extract),
    ("messagingserver", messagingserver::extract),
    ("domino", domino::extract),
    ("courier", courier::extract),
    ("opensmtpd", opensmtpd::extract),
    ("qmail", qmail::extract),
    ("exim", exim::extract),
    ("postfix", postfix::extract),
    ("sendmail", sendmail::extract),
    ("rfc3464", rfc3464::extract),
    ("generic", generic::extract),
];

/// Runs the formats in order and returns the first answer.
pub fn extract(mail: &Mail) -> Extracted {
    for (_, f) in FORMATS {
        if let Some(x) = f(mail) {
            return x;
        }
    }
    Extracted {
        format: "generic",
        ..Extracted::default()
    }
}

/// The usual reading for a recognised sender: its DSN part completed from its text, or the text alone.
pub fn standard(mail: &Mail, rules: &text::Rules, format: &'static str) -> Extracted {
    let mut x = match rfc3464::from_dsn(mail) {
        Some(mut x) => {
            text::complete(&mut x, mail, rules);
            x
        }
        None => text::extract(mail, rules, format),
    };
    x.format = format;
    x
}

/// True when the lower-cased body contains any of the phrases (searched in its first 64 KiB).
pub fn body_has(mail: &Mail, phrases: &[&str]) -> bool {
    let b = mail.body.get(..mail.body.len().min(65536)).unwrap_or(&mail.body);
    let b = if b.len() < mail.body.len().min(65536) {
        // Not a char boundary: fall back to a lossy look at the bytes.
        String::from_utf8_lossy(&mail.body.as_bytes()[..mail.body.len().min(65536)]).to_ascii_lowercase()
    } else {
        b.to_ascii_lowercase()
    };
    phrases.iter().any(|p| b.contains(p))
}

/// True when the top-level header holds any of the lower-case fragments.
pub fn header_has(mail: &Mail, name: &str, fragments: &[&str]) -> bool {
    mail.headers.iter().filter(|(n, _)| n == name).any(|(_, v)| {
        let l = v.to_ascii_lowercase();
        fragments.iter().any(|f| l.contains(f))
    })
}

/// True when the top-level header exists.
pub fn has_header(mail: &Mail, name: &str) -> bool {
    mail.headers.iter().any(|(n, _)| n == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_is_ordered_and_generic_answers_last() {
        let ids: Vec<&str> = FORMATS.iter().map(|(id, _)| *id).collect();
        assert_eq!(ids.last(), Some(&"generic"));
        assert_eq!(ids[ids.len() - 2], "rfc3464");
        let mut unique = ids.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), ids.len(), "duplicate format ids");
        // Nothing recognisable still gets an answer, from the last format.
        assert_eq!(extract(&Mail::default()).format, "generic");
    }

    #[test]
    fn the_first_matching_format_wins() {
        // Exchange text that also quotes a Postfix-like "said:" reply is Exchange's.
        let mail = Mail {
            body: "Diagnostic information for administrators:\n\nGenerating server: ex.example.com\n\na@example.com\nRemote Server returned '550 5.1.1 said: no such user'\n".into(),
            ..Mail::default()
        };
        let x = extract(&mail);
        assert_eq!(x.format, "exchange");
        assert_eq!(x.recipients.len(), 1);
        assert_eq!(x.recipients[0].status.as_deref(), Some("5.1.1"));
    }
}
