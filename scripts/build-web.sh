#!/usr/bin/env bash
# Builds the web app into dist/ with trunk (release). The page's wasm: the wasm-release profile
# (opt-level "z") and wasm-opt -Oz, small for the first load; the analysis engine's (the worker's)
# wasm: the wasm-engine profile (opt-level 3) and wasm-opt -O1 (drops the name section; -O2/-O3
# were no faster and took 2-3x longer), fast for the analysis.
# Usage: scripts/build-web.sh [--dev] [--public-url URL] [--e2e-loopback-doh]
# --e2e-loopback-doh is for scripts/e2e.sh only: the CSP's connect-src also allows
# http://127.0.0.1:* so the page can use the loopback DoH test server. Such a build goes to
# target/e2e-dist/, never to dist/, so the folder you deploy never carries it.
# Needs: trunk 0.21.14, wasm-bindgen-cli = Cargo.lock's wasm-bindgen, node_modules (binaryen's
# wasm-opt) — scripts/setup.sh web installs them. Downloads nothing (Trunk.toml: offline).
set -euo pipefail
cd "$(dirname "$0")/.."
release=(--release)
extra=()
loopback=0
while [ $# -gt 0 ]; do
  case "$1" in
    --dev) release=() ;;
    --public-url) extra+=(--public-url "$2"); shift ;;
    --e2e-loopback-doh) loopback=1; extra+=(--dist target/e2e-dist) ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
  shift
done
export PATH="$PWD/node_modules/.bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
for tool in trunk wasm-bindgen wasm-opt node; do
  command -v "$tool" >/dev/null || { echo "missing $tool: run scripts/setup.sh web" >&2; exit 1; }
done
want=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
have=$(wasm-bindgen --version | awk '{print $2}')
[ "$want" = "$have" ] || { echo "wasm-bindgen-cli $have != $want in Cargo.lock: run scripts/setup.sh web" >&2; exit 1; }
# Read by www/build/postbuild.mjs (always set, so an exported value never leaks into a release).
export BOUNCE_E2E_LOOPBACK_DOH="$loopback"
nice -n 10 trunk build "${release[@]}" "${extra[@]}"
# Sizes, gzip -9: the first load (page wasm + JS + CSS + the locale's page bundle; budget
# 250 KB) and the analysis engine (worker + the locale's explanation bundle, fetched after the
# first render); also written to tests/artifacts/size.json.
if [ "$loopback" = 1 ]; then node www/build/size.mjs target/e2e-dist; else node www/build/size.mjs dist; fi
