//! Helpers shared by integration tests. Each test file uses only part of them.
#![allow(dead_code)]

pub mod variants;
