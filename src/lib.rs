//! Bounce Explainer: reads a bounced-mail report (NDR / DSN) in whatever form
//! a user pastes it and says which server refused, why, and who must act.
//!
//! Data flows one way: [`input`] → [`parse`] (MIME / DSN / free text to a
//! normalized [`model::Report`] with source spans) → [`diagnose`] (reason,
//! hard or soft, matching rules) → presentation (the CLI in `main.rs`, or the
//! web app). The core knows nothing of the browser.

pub mod batch;
pub mod diagnose;
pub mod dns;
pub mod explain;
pub mod i18n;
pub mod input;
pub mod kb;
pub mod model;
pub mod parse;
pub mod patterns;
pub mod view;
#[cfg(target_arch = "wasm32")]
pub mod web;

pub use model::Report;

/// Analyses one input of any kind and returns the full report.
///
/// Never panics; work is linear in the input, which is cut at
/// [`input::MAX_INPUT_BYTES`] with a warning.
pub fn analyze(raw: &[u8]) -> Report {
    let input = input::Input::new(raw);
    let mut report = parse::parse(&input);
    diagnose::diagnose(&mut report);
    diagnose::decide::decide(&input.text, &mut report);
    parse::spans::locate(&input.text, &mut report);
    if input.rendered {
        report.rendered = Some(input.text);
    }
    report
}
