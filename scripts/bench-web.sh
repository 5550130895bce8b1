#!/usr/bin/env bash
# Browser benchmark (issue 7, item 3): cold load, paste → explanation for a small, a typical and a
# generated 10 MB bounce in Debian's Chromium (playwright-core), the wasm ÷ native time on the same
# input, and the raw/gzip/brotli size of every file in dist/. Prints a table and writes
# target/bench/web.json. Measures only: slowness never fails it; a missing or wrong explanation does.
#
#   scripts/bench-web.sh [--no-build] [--dist DIR] [--out FILE] [--runs N] [--runs-large N] [--rounds N] [--cold N] [--label TEXT]
#
# Defaults: dist/, target/bench/web.json, 15 runs (7 for the 10 MB input), 31 rounds of worker vs
# native timing for the small and typical inputs, 7 cold loads.
#
# Builds the release CLI example examples/timing.rs and the web app (scripts/build-web.sh → dist/)
# unless --no-build; the page is served by tests/e2e/server.mjs on 127.0.0.1 (a random port).
# The builds run under nice -n 10, the measuring at normal priority. See docs/performance-browser.md.
set -euo pipefail
cd "$(dirname "$0")/.."
build=1
args=()
for a in "$@"; do
  case "$a" in
    --no-build) build=0 ;;
    *) args+=("$a") ;;
  esac
done
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || { echo "needs Debian's chromium: scripts/setup.sh web" >&2; exit 1; }
[ -d node_modules/playwright-core ] || { echo "needs node_modules: scripts/setup.sh web" >&2; exit 1; }
if [ "$build" = 1 ]; then
  echo "== cargo build --release --example timing" >&2
  nice -n 10 cargo build --release --example timing
  echo "== scripts/build-web.sh (release, dist/)" >&2
  scripts/build-web.sh
fi
# Measured at normal priority (under nice, other engineers' builds preempted the samples); note the load.
node tests/e2e/bench.web.mjs "${args[@]}"
