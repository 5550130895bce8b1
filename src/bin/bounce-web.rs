//! The browser app's entry point: trunk builds this binary for wasm32.
//!
//! Natively it is a stub, so `cargo build` keeps working without compiling Yew.

#[cfg(target_arch = "wasm32")]
fn main() {
    bounce::web::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("bounce-web is the browser app: build it with trunk (scripts/build-web.sh) or run scripts/serve.sh");
    std::process::exit(2);
}
