//! Empty: this package only holds the wasm-bindgen tests of the browser DoH transport (`dns.rs`).
