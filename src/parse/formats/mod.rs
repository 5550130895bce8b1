//! One module per family of bounce senders. Detection is ordered, most
//! specific first; the first format that recognises the input extracts it
//! alone (no merging of several formats' guesses).

pub mod generic;
pub mod rfc3464;

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
}

/// A format: its id and an extractor that returns `None` when the input is not of that format.
pub type Extractor = fn(&Mail) -> Option<Extracted>;

/// All formats, most specific first; `generic` is last and always answers.
pub const FORMATS: &[(&str, Extractor)] = &[("rfc3464", rfc3464::extract), ("generic", generic::extract)];

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
