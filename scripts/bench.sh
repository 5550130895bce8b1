#!/usr/bin/env bash
# Criterion benchmarks of bounce::analyze, then a table of messages/s and MB/s.
#
#   scripts/bench.sh [--corpus] [FILTER]
#
# --corpus adds ../shared/corpus/real (grouped by detected format) to tests/fixtures.
# Runs under nice -n 19 (the machine is shared). The table is printed and written to
# target/criterion/summary.md; raw results stay in target/criterion/.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = --corpus ]; then
  shift
  corpus="$(cd .. && pwd)/shared/corpus/real"
  [ -d "$corpus" ] || corpus=/work/shared/corpus/real
  export BOUNCE_BENCH_DIRS="$corpus"
fi
nice -n 19 cargo bench --bench analyze -- "$@" >target/bench.log 2>&1 || {
  tail -30 target/bench.log >&2
  exit 1
}
python3 - <<'PY'
import json, os
base = "target/criterion"
sizes = json.load(open(os.path.join(base, "bounce-inputs.json")))
rows = ["| benchmark | messages | bytes | mean time | messages/s | MB/s |", "|---|---:|---:|---:|---:|---:|"]
for bid, s in sizes.items():
    group, name = bid.split("/", 1)
    est = os.path.join(base, group, name, "new", "estimates.json")
    if not os.path.exists(est):
        continue
    ns = json.load(open(est))["mean"]["point_estimate"]
    secs = ns / 1e9
    t = f"{ns / 1e6:.3f} ms" if ns >= 1e5 else f"{ns / 1e3:.1f} µs"
    rows.append(f"| {bid} | {s['messages']} | {s['bytes']} | {t} | {s['messages'] / secs:,.0f} | {s['bytes'] / 1e6 / secs:,.1f} |")
out = "\n".join(rows)
print(out)
open(os.path.join(base, "summary.md"), "w").write(out + "\n")
PY
