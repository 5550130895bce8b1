//! The example bounces offered in the "Try an example" menu (written for this project).
//!
//! The page knows only their ids ([`EXAMPLE_IDS`]); the texts live in the analysis engine
//! (the worker), which hands one over when it is picked, so they are not part of the first load.

/// One example: an id (also the `ui-example-<id>` message) and its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Example {
    /// Stable id.
    pub id: &'static str,
    /// The bounce text.
    pub text: &'static str,
}

/// The ids of the examples, in menu order (what the page needs for the menu).
pub const EXAMPLE_IDS: &[&str] = &["user-unknown", "blocklist", "mailbox-full", "reply-line"];

/// The text of example `id`.
pub fn example_text(id: &str) -> Option<&'static str> {
    EXAMPLES.iter().find(|ex| ex.id == id).map(|ex| ex.text)
}

/// Every example, in menu order.
pub const EXAMPLES: &[Example] = &[
    Example {
        id: "user-unknown",
        text: include_str!("../../www/examples/user-unknown.eml"),
    },
    Example {
        id: "blocklist",
        text: WARM_UP_DSN,
    },
    Example {
        id: "mailbox-full",
        text: include_str!("../../www/examples/mailbox-full.eml"),
    },
    Example {
        id: "reply-line",
        text: include_str!("../../www/examples/reply-line.txt"),
    },
];

/// A tiny bounce analysed once when the engine starts, so the core compiles its patterns
/// before the user's first paste.
pub const WARM_UP_TEXT: &str = "550 5.1.1 <warm-up@example.invalid>: Recipient address rejected: User unknown";

/// A whole DSN analysed once when the engine starts (the blocklist example), so both parsing
/// paths have compiled their patterns before the user's first paste.
pub const WARM_UP_DSN: &str = include_str!("../../www/examples/blocklist.eml");
