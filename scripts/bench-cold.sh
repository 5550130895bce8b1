#!/usr/bin/env bash
# First-visit benchmark (issue 16): an old and a new build of the web app, taking turns, each run
# in a new Chromium with a fresh profile, served compressed (brotli 11 / gzip -9, the cache
# headers of www/README.md "Deploy") on loopback, unthrottled and throttled through the DevTools
# protocol ("4G": 9 Mbit/s, 170 ms; "3G": 1.6 Mbit/s, 560 ms). The paste is made the moment the
# text box exists. Reports text box and first-explanation times, the distinct bytes on the wire
# before the first explanation, the serial round trips, the whole first visit's bytes and the
# repeat visit's requests, as a Markdown table; every run in target/bench/cold.json.
#
#   scripts/bench-cold.sh --old DIR [--new DIR] [--runs N] [--networks loopback,4g,3g] [--encodings br,gzip]
#
# --new defaults to dist/. An old build: check the old revision out in a git worktree and run its
# scripts/build-web.sh (or keep a copy of an earlier dist/). Measures only; never builds.
set -euo pipefail
cd "$(dirname "$0")/.."
args=()
new=dist
while [ $# -gt 0 ]; do
  case "$1" in
    --new) new="$2"; shift ;;
    *) args+=("$1") ;;
  esac
  shift
done
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || { echo "needs Debian's chromium: scripts/setup.sh web" >&2; exit 1; }
[ -d node_modules/playwright-core ] || { echo "needs node_modules: scripts/setup.sh web" >&2; exit 1; }
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
node tests/e2e/bench.cold.mjs --new "$new" "${args[@]}"
