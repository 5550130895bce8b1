//! The analysis engine with every charset mail-parser reads (wasm32 only): the same engine as
//! `bounce-worker`, built with the `full-charsets` feature, which `bounce-worker` is built
//! without (www/index.html). The first engine starts it in a nested worker when an input needs
//! it (www/build/charsets.mjs).
//!
//! Natively it is a stub, so `cargo build` keeps working without compiling Yew.

#[cfg(target_arch = "wasm32")]
fn main() {
    bounce::web::worker::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("bounce-worker-full runs inside the browser app: build it with trunk (scripts/build-web.sh)");
    std::process::exit(2);
}
