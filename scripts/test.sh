#!/usr/bin/env bash
# Runs every check of the project: installs what is missing, then format, lint,
# native tests (with a DoH server on loopback), the wasm32 build, browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never TRUNK_SKIP_VERSION_CHECK=true
step() { printf '\n==== %s\n' "$*"; }

step "setup"
scripts/setup.sh test

step "cargo fmt --check"
cargo fmt --check

step "cargo clippy (native, all targets)"
cargo clippy --all-targets --locked -- -D warnings

step "cargo clippy (wasm32)"
cargo clippy --target wasm32-unknown-unknown --locked --lib --bin bounce-web --bin bounce-worker --bin bounce-worker-full -- -D warnings

step "cargo test"
cargo test --locked

step "wasm32 build of the library"
cargo build --target wasm32-unknown-unknown --lib --locked

step "DoH transport in headless Chromium (wasm-bindgen-test, loopback DoH server)"
scripts/doh-server.sh run sh -c 'cd tests/doh/wasm && CHROMEDRIVER=/usr/bin/chromedriver CARGO_TARGET_DIR=../../../target cargo test --target wasm32-unknown-unknown --locked'

step "replay the fuzz corpora (scripts/fuzz.sh --replay)"
scripts/fuzz.sh --replay

step "web app: release build, wasm-bindgen tests and end-to-end tests in Chromium (scripts/e2e.sh)"
scripts/e2e.sh
step "first-load size budget: 250,000 B gzip (node www/build/size.mjs --check)"
node www/build/size.mjs target/e2e-dist --check

step "all checks passed"
