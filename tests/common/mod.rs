//! Helpers shared by integration tests. Each test file uses only part of them.
#![allow(dead_code)]

pub mod variants;

/// The per-recipient fields that say what happened, compared between two readings of one bounce.
pub const RECIPIENT_FACTS: [&str; 8] = [
    "address",
    "action",
    "status",
    "reply_code",
    "reason",
    "hard",
    "remote_mta",
    "command",
];
