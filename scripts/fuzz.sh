#!/usr/bin/env bash
# Fuzzing with cargo-fuzz (libFuzzer). The fuzz crate is fuzz/, outside the main workspace.
#
#   scripts/fuzz.sh --replay              build the targets and run every committed seed (fuzz/seeds/)
#                                         and every fixture (tests/fixtures/) through them once (CI)
#   scripts/fuzz.sh [SECONDS] [TARGET...] fuzz each target for SECONDS (default 600) under nice -n 19,
#                                         one after another; logs in fuzz/target/logs/, crashes in fuzz/artifacts/
#   scripts/fuzz.sh --merge [TARGET...]   minimise each grown corpus (fuzz/corpus/T) into fuzz/seeds/T
#
# cargo-fuzz passes -Z flags to rustc; with the stable toolchain RUSTC_BOOTSTRAP=1 allows them.
# No sanitizer: the crate has no unsafe code, and without ASan the targets run about 3x faster.
set -euo pipefail
cd "$(dirname "$0")/.."
export RUSTC_BOOTSTRAP=1
TARGETS=(analyze dsn_fields extractors fluent_args dns_answer dns_checks)
BIN=fuzz/target/x86_64-unknown-linux-gnu/release

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "[fuzz] cargo install cargo-fuzz --locked" >&2
  nice -n 19 cargo install -q cargo-fuzz --locked
fi

build() { (cd fuzz && nice -n 19 cargo fuzz build --sanitizer none -O "$@" >/dev/null); }

# The seed directories of one target: its own committed seeds, plus the shared
# message seeds and the project's fixtures for the targets that read messages.
seed_dirs() {
  local t=$1
  [ -d "fuzz/seeds/$t" ] && echo "fuzz/seeds/$t"
  case $t in
    analyze | dsn_fields | extractors)
      echo fuzz/seeds/common
      [ -d tests/fixtures ] && echo tests/fixtures
      # Outlook .msg files and forwarded bounces: the Compound File Binary reader and the
      # attachment walk.
      [ "$t" = analyze ] && [ -d tests/msg ] && echo tests/msg
      [ "$t" = analyze ] && [ -d tests/forwarded ] && echo tests/forwarded
      ;;
  esac
  return 0
}

# libFuzzer reads only the files directly in a directory: flatten nested fixture folders.
flat_dir() {
  local out=$1
  shift
  rm -rf "$out"
  mkdir -p "$out"
  for d in "$@"; do
    find "$d" -type f ! -name '*.json' ! -name '*.md' -print0 | while IFS= read -r -d '' f; do
      cp "$f" "$out/$(printf '%s' "$f" | sha1sum | cut -c1-16)"
    done
  done
}

case "${1:-}" in
  --replay)
    build
    status=0
    for t in "${TARGETS[@]}"; do
      mapfile -t dirs < <(seed_dirs "$t")
      flat_dir "fuzz/target/replay/$t" "${dirs[@]}"
      n=$(find "fuzz/target/replay/$t" -type f | wc -l)
      if "$BIN/$t" -runs=0 -timeout=20 -rss_limit_mb=2048 "fuzz/target/replay/$t" >"fuzz/target/replay/$t.log" 2>&1; then
        echo "[fuzz] replay $t: $n inputs ok"
      else
        echo "[fuzz] replay $t FAILED (log fuzz/target/replay/$t.log):" >&2
        tail -30 "fuzz/target/replay/$t.log" >&2
        status=1
      fi
    done
    exit $status
    ;;
  --merge)
    shift
    [ $# -gt 0 ] || set -- "${TARGETS[@]}"
    build
    for t in "$@"; do
      [ -d "fuzz/corpus/$t" ] || continue
      mkdir -p "fuzz/seeds/$t"
      "$BIN/$t" -merge=1 -max_len=65536 "fuzz/seeds/$t" "fuzz/corpus/$t" >"fuzz/target/merge-$t.log" 2>&1
      echo "[fuzz] merge $t: $(find "fuzz/seeds/$t" -type f | wc -l) seeds"
    done
    exit 0
    ;;
esac

secs=${1:-600}
shift || true
[ $# -gt 0 ] || set -- "${TARGETS[@]}"
build
mkdir -p fuzz/target/logs
for t in "$@"; do
  mapfile -t dirs < <(seed_dirs "$t")
  mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t"
  # The corpus grows in fuzz/corpus/T (gitignored); the seeds are read-only extra inputs.
  flat_dir "fuzz/target/seed-$t" "${dirs[@]}"
  echo "[fuzz] $t for ${secs}s ($(date -u +%H:%M:%S))"
  nice -n 19 "$BIN/$t" "fuzz/corpus/$t" "fuzz/target/seed-$t" \
    -max_total_time="$secs" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="fuzz/artifacts/$t/" >"fuzz/target/logs/$t.log" 2>&1 || echo "[fuzz] $t stopped with a finding, see fuzz/target/logs/$t.log"
  # Summary: executions, coverage (edges), features, corpus size.
  grep -E '^#[0-9]+' "fuzz/target/logs/$t.log" | tail -1 | sed "s/^/[fuzz] $t last: /"
  grep -E 'stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "fuzz/target/logs/$t.log" | sed "s/^/[fuzz] $t /"
  ls "fuzz/artifacts/$t" 2>/dev/null | sed "s/^/[fuzz] $t artifact: /"
done
