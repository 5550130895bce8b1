#!/usr/bin/env bash
# Installs every tool the project needs, skipping what is already there.
# Usage: scripts/setup.sh [native|web|test]   (default: test = everything)
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-test}"
log() { printf '[setup] %s\n' "$*" >&2; }

apt_pkgs=()
need_cmd() { command -v "$1" >/dev/null 2>&1; }
need_pkg() { dpkg -s "$1" >/dev/null 2>&1; }

want_apt() { for p in "$@"; do need_pkg "$p" || apt_pkgs+=("$p"); done; }

# A C compiler: Rust links with it, and the CLI's allocator (mimalloc) is C built by the cc crate.
need_cmd cc || want_apt gcc libc6-dev
case "$what" in
  native) ;;
  web) ;;
  test) want_apt chromium chromium-driver unbound dnsdist curl hunspell hunspell-pl libsisimai-perl python3-flufl.bounce ;;
esac
if [ "${#apt_pkgs[@]}" -gt 0 ]; then
  log "apt-get install ${apt_pkgs[*]}"
  export DEBIAN_FRONTEND=noninteractive
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${apt_pkgs[@]}" >/dev/null
  # The packaged resolvers would take port 53; the tests start their own copies.
  if need_cmd systemctl && [ -d /run/systemd/system ]; then
    $SUDO systemctl disable --now unbound dnsdist >/dev/null 2>&1 || true
  fi
fi

[ "$what" = native ] && exit 0

# Rust target for the browser build (rust-toolchain.toml names it too).
if ! rustup target list --installed | grep -q wasm32-unknown-unknown; then
  log "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# wasm-bindgen-cli must equal the wasm-bindgen version in Cargo.lock.
wb_ver=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock 2>/dev/null || true)
if [ -n "$wb_ver" ] && ! { need_cmd wasm-bindgen && wasm-bindgen --version | grep -q " $wb_ver"; }; then
  log "cargo install wasm-bindgen-cli $wb_ver"
  cargo install -q wasm-bindgen-cli --version "$wb_ver"
fi
if ! need_cmd trunk; then
  log "cargo install trunk 0.21.14 (several minutes)"
  cargo install -q trunk --locked --version 0.21.14
fi

# Node tools: wasm-opt (binaryen), playwright-core, axe-core — pinned in package.json.
if [ ! -d node_modules ] || [ package.json -nt node_modules ]; then
  log "npm ci"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
  touch node_modules
fi
