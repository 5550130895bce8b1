#!/usr/bin/env bash
# The web app's tests: release build with trunk (unless --no-build), then
#   1. the wasm-bindgen tests in headless Chromium (tests/wasm), and
#   2. the end-to-end suite (tests/e2e, node:test + playwright-core + axe-core) against dist/
#      served on 127.0.0.1 (screenshots go to tests/artifacts/).
# Usage: scripts/e2e.sh [--no-build] [--no-wasm] [--only-wasm] [node --test args...]
set -euo pipefail
cd "$(dirname "$0")/.."
build=1 wasm=1 e2e=1
args=()
for a in "$@"; do
  case "$a" in
    --no-build) build=0 ;;
    --no-wasm) wasm=0 ;;
    --only-wasm) e2e=0; build=0 ;;
    *) args+=("$a") ;;
  esac
done
export PATH="$PWD/node_modules/.bin:$PATH"
[ -x /usr/bin/chromium ] || { echo "needs Debian's chromium: scripts/setup.sh web" >&2; exit 1; }
[ -d node_modules/playwright-core ] || { echo "needs node_modules: scripts/setup.sh web" >&2; exit 1; }

if [ "$wasm" = 1 ]; then
  echo "== wasm-bindgen tests (headless Chromium)" >&2
  (cd tests/wasm && CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}" CARGO_TARGET_DIR="$PWD/../../target" \
    nice -n 10 cargo test --target wasm32-unknown-unknown)
fi
if [ "$e2e" = 1 ]; then
  if [ "$build" = 1 ]; then
    echo "== release build (trunk)" >&2
    # A test build in target/e2e-dist/ (dist/ stays a release build): its CSP also allows the
    # loopback DoH test server (tests/e2e/dns.test.mjs).
    scripts/build-web.sh --e2e-loopback-doh
  fi
  export BOUNCE_DIST="$PWD/target/e2e-dist"
  [ -f "$BOUNCE_DIST/index.html" ] || { echo "no $BOUNCE_DIST/: run without --no-build" >&2; exit 1; }
  # The timing test compares with the native CLI on the same input.
  nice -n 10 cargo build --release --bin bounce
  echo "== end-to-end tests (playwright-core, Chromium)" >&2
  node --test "${args[@]}" tests/e2e/
fi
