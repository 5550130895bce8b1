//! Empty: this package only holds the web app's wasm-bindgen tests (`web.rs`).
