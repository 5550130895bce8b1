//! The Web Worker that analyses large inputs off the page's main thread (wasm32 only).
//!
//! Natively it is a stub, so `cargo build` keeps working without compiling Yew.

#[cfg(target_arch = "wasm32")]
fn main() {
    bounce::web::worker::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("bounce-worker runs inside the browser app: build it with trunk (scripts/build-web.sh)");
    std::process::exit(2);
}
