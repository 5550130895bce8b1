#!/usr/bin/env bash
# Side by side, one run, same files: `bounce explain --json` against Debian's libsisimai-perl
# (Sisimai->make) and python3-flufl.bounce (address extraction only).
#
#   scripts/compare.sh [--rounds N] [DIR...]   default: tests/fixtures, plus ../shared/corpus/real when present
#
# --rounds N times every tool N times, the tools taking turns, and prints the medians (and the
# range of the per-round ratios); accuracy is scored on the first round.
#
# For each directory it prints the wall time of each tool over all its files (each tool runs once,
# in one process, over every file), the throughput and the ratio to bounce, and the accuracy of each
# tool against the expectations: ../shared/corpus/expected.json for the corpus (scored like
# ../shared/corpus/score.py, which is also run for bounce), or a fixture's `NAME.json` /
# `NAME.expected.json` beside `NAME.eml`. flufl.bounce only finds addresses, so it is scored on the
# recipient count (and on the addresses where the expectations name them).
# A fourth row, not a peer, is mail-parser's parse alone on one thread (examples/mime_floor.rs): the
# floor under bounce, and so the largest ratio to sisimai a tool reading MIME with mail-parser can reach.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
shared="$(cd "$root/.." && pwd)/shared/corpus"
[ -d "$shared" ] || shared=/work/shared/corpus
PY=/usr/bin/python3 # Debian's python, where python3-flufl.bounce lives

missing=()
dpkg -s libsisimai-perl >/dev/null 2>&1 || missing+=(libsisimai-perl)
$PY -c 'import flufl.bounce' 2>/dev/null || missing+=(python3-flufl.bounce)
if [ ${#missing[@]} -gt 0 ]; then
  echo "[compare] apt-get install ${missing[*]}" >&2
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

rounds=1
if [ "${1:-}" = "--rounds" ]; then
  rounds="${2:?--rounds N}"
  shift 2
fi
if [ $# -eq 0 ]; then
  set -- tests/fixtures
  [ -d "$shared/real" ] && set -- "$@" "$shared/real"
fi

echo "[compare] cargo build --release --bin bounce --example mime_floor" >&2
nice -n 10 cargo build -q --release --bin bounce --example mime_floor

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cat >"$work/sisimai.pl" <<'PERL'
# One JSON line per file: what Sisimai->make finds, in the fields score.py compares.
use strict;
use warnings;
use Sisimai;
use JSON::PP;
my $json = JSON::PP->new->ascii->canonical;
for my $path (@ARGV) {
    my $list = eval { local $SIG{__WARN__} = sub { }; Sisimai->make($path, 'delivered' => 1) } || [];
    my @r = map {
        {
            address    => ($_->recipient ? $_->recipient->address : undef),
            status     => ($_->deliverystatus // ''),
            reply_code => ($_->replycode // '') . '',
            reason     => ($_->reason // ''),
        }
    } @$list;
    print $json->encode({ source => $path, recipients => \@r, error => ($@ ? "$@" : undef) }), "\n";
}
PERL

cat >"$work/flufl_driver.py" <<'PY'
"""One JSON line per file: the addresses flufl.bounce finds (temporary and permanent failures)."""
import email
import json
import logging
import sys

from flufl.bounce import all_failures

logging.disable(logging.CRITICAL)
for path in sys.argv[1:]:
    err = None
    try:
        with open(path, "rb") as f:
            msg = email.message_from_binary_file(f)
        temporary, permanent = all_failures(msg)
        addrs = sorted({a.decode("utf-8", "replace") if isinstance(a, bytes) else str(a) for a in temporary | permanent})
    except Exception as e:  # a crash of the peer counts as "nothing found"
        addrs, err = [], repr(e)
    print(json.dumps({"source": path, "addresses": addrs, "error": err}))
PY

cat >"$work/compare.py" <<'PY'
import json, os, re, resource, statistics, subprocess, sys, time

root, shared, work, py, rounds = sys.argv[1:6]
ROUNDS = max(1, int(rounds))
dirs = sys.argv[6:]
PSEUDO = re.compile(r"^\d\.0\.9\d\d$")
expected_corpus = {}
exp_path = os.path.join(shared, "expected.json")
if os.path.exists(exp_path):
    expected_corpus = json.load(open(exp_path))


def files_in(d):
    out = []
    for base, _, names in os.walk(d):
        for n in names:
            if n.endswith((".json", ".md", ".rs", ".sh")) or n == "LICENSE":
                continue
            out.append(os.path.join(base, n))
    return sorted(out)


def expectation(path):
    """Expected recipients [{address?, status, reply_code, reason}] or None."""
    base = os.path.basename(path)
    if base in expected_corpus and os.path.dirname(os.path.abspath(path)) == os.path.join(shared, "real"):
        return [
            {"address": None, "status": w["status"] or "", "reply_code": w["replycode"] or "", "reason": w["reason"]}
            for w in expected_corpus[base]["recipients"]
        ]
    stem = os.path.splitext(path)[0]
    for cand in (stem + ".json", path + ".json", stem + ".expected.json"):
        if os.path.exists(cand):
            try:
                obj = json.load(open(cand))
            except ValueError:
                return None
            if isinstance(obj, list):
                obj = obj[0] if obj else {}
            rs = obj.get("recipients")
            if rs is None:
                return None
            return [
                {
                    "address": r.get("address"),
                    "status": r.get("status") or "",
                    "reply_code": str(r.get("reply_code", r.get("replycode")) or ""),
                    "reason": r.get("reason") or "",
                }
                for r in rs
            ]
    return None


def cpu_children():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run(cmd, files):
    c0 = cpu_children()
    t0 = time.perf_counter()
    p = subprocess.run(cmd + files, capture_output=True)
    dt = time.perf_counter() - t0
    cpu = cpu_children() - c0
    got = {}
    for line in p.stdout.decode("utf-8", "replace").splitlines():
        try:
            o = json.loads(line)
            got[o["source"]] = o
        except (ValueError, KeyError, TypeError):
            pass
    return dt, cpu, got, p.returncode


def score(files, got, fields):
    tally = {k: [0, 0] for k in ("recipients", "status", "reply_code", "reason", "address")}
    if not fields:  # not an extractor (the mail-parser floor): nothing to score
        return tally
    for f in files:
        want = expectation(f)
        if want is None:
            continue
        o = got.get(f) or {}
        have = o.get("recipients")
        if have is None:  # flufl: addresses only
            have = [{"address": a} for a in o.get("addresses", [])]
        tally["recipients"][1] += 1
        tally["recipients"][0] += len(have) == len(want)
        if "address" in fields and any(w["address"] for w in want):
            ws = sorted((w["address"] or "").lower() for w in want)
            hs = sorted((h.get("address") or "").lower() for h in have)
            tally["address"][1] += 1
            tally["address"][0] += ws == hs
        for i, w in enumerate(want):
            h = have[i] if i < len(have) else {}
            for k in ("status", "reply_code", "reason"):
                if k not in fields or (k == "status" and PSEUDO.match(w["status"])):
                    continue
                tally[k][1] += 1
                tally[k][0] += w[k] == str(h.get(k) or "").lower() if k == "reason" else w[k] == str(h.get(k) or "")
    return tally


def pct(t):
    return f"{t[0]}/{t[1]} {100.0 * t[0] / t[1]:.1f}%" if t[1] else "-"


bounce = [os.path.join(root, "target/release/bounce"), "explain", "--json"]
tools = [
    ("bounce", bounce, ("status", "reply_code", "reason", "address")),
    ("sisimai", ["perl", os.path.join(work, "sisimai.pl")], ("status", "reply_code", "reason", "address")),
    ("flufl.bounce", [py, os.path.join(work, "flufl_driver.py")], ("address",)),
    # Not a peer: mail-parser's parse alone, one thread (examples/mime_floor.rs), the floor under bounce.
    ("mail-parser alone", [os.path.join(root, "target/release/examples/mime_floor")], ()),
]
versions = {
    "sisimai": subprocess.run(["perl", "-MSisimai", "-e", "print Sisimai->version"], capture_output=True, text=True).stdout,
    "flufl.bounce": subprocess.run([py, "-c", "import flufl.bounce as f; print(f.__version__)"], capture_output=True, text=True).stdout.strip(),
}
summary = []
for d in dirs:
    files = files_in(d)
    if not files:
        print(f"\n{d}: no input files")
        continue
    size = sum(os.path.getsize(f) for f in files)
    n_exp = sum(expectation(f) is not None for f in files)
    print(f"\n{d}: {len(files)} files, {size / 1e6:.2f} MB, {n_exp} with expectations")
    print(f"  {'tool':<22} {'wall s':>8} {'cpu s':>7} {'files/s':>9} {'MB/s':>7} {'x bounce':>9}  {'recipients':>15} {'status':>15} {'reply_code':>15} {'reason':>15} {'addresses':>15}")
    results = {}
    timings = {}
    scores = {}
    for name, cmd, fields in tools:
        dt, cpu, got, rc = run(cmd, files)
        results[name] = (dt, got, cpu, rc)
        timings[name] = [(dt, cpu)]
        scores[name] = score(files, got, fields)
    # More timing rounds, the tools taking turns, so that a change in the machine's load hits all
    # of them alike; the accuracy comes from the first round.
    for _ in range(1, ROUNDS):
        for name, cmd, _ in tools:
            dt, cpu, _, _ = run(cmd, files)
            timings[name].append((dt, cpu))
    med = {name: (statistics.median(w for w, _ in ts), statistics.median(c for _, c in ts)) for name, ts in timings.items()}
    for name, cmd, fields in tools:
        dt, cpu = med[name]
        got, rc = results[name][1], results[name][3]
        t = scores[name]
        label = f"{name} {versions.get(name, '')}".strip()
        ratio = dt / med["bounce"][0]
        print(
            f"  {label:<22} {dt:8.3f} {cpu:7.3f} {len(files) / dt:9.1f} {size / 1e6 / dt:7.2f} {ratio:8.1f}x  "
            f"{pct(t['recipients']):>15} {pct(t['status']):>15} {pct(t['reply_code']):>15} {pct(t['reason']):>15} {pct(t['address']):>15}"
            + (f"  (exit {rc}, {len(got)} outputs)" if rc or len(got) != len(files) else "")
        )
        summary.append({"dir": d, "tool": label, "files": len(files), "bytes": size, "wall_s": dt, "cpu_s": cpu, "ratio_to_bounce": ratio,
                        "rounds": ROUNDS, **{k: t[k] for k in t}})
    # Address agreement with bounce, file by file (sets, case-insensitive), where bounce found any.
    b = results["bounce"][1]
    for name in ("sisimai", "flufl.bounce"):
        same = total = 0
        for f in files:
            ba = {(r.get("address") or "").lower() for r in (b.get(f) or {}).get("recipients", []) if r.get("address")}
            o = results[name][1].get(f) or {}
            oa = {(r.get("address") or "").lower() for r in o.get("recipients", [])} if "recipients" in o else {a.lower() for a in o.get("addresses", [])}
            oa.discard("")
            if ba or oa:
                total += 1
                same += ba == oa
        print(f"  address sets equal to bounce's: {name} {same}/{total}")
    def ratios(a, b, i):
        """Per-round ratios of tool a's time to tool b's (i: 0 wall, 1 cpu): median and range."""
        r = [x[i] / y[i] for x, y in zip(timings[a], timings[b]) if y[i] > 0]
        return statistics.median(r), min(r), max(r)

    def show(r):
        return f"{r[0]:.1f}x" + (f" [{r[1]:.1f}-{r[2]:.1f}]" if ROUNDS > 1 else "")

    sw, sc = ratios("sisimai", "bounce", 0), ratios("sisimai", "bounce", 1)
    fw, fc = ratios("flufl.bounce", "bounce", 0), ratios("flufl.bounce", "bounce", 1)
    lw, lc = ratios("sisimai", "mail-parser alone", 0), ratios("sisimai", "mail-parser alone", 1)
    share = statistics.median(x[1] / y[1] for x, y in zip(timings["mail-parser alone"], timings["bounce"]) if y[1] > 0)
    rounds_note = f" (median of {ROUNDS} rounds [range])" if ROUNDS > 1 else ""
    print(f"  throughput (wall){rounds_note}: bounce is {show(sw)} sisimai, {show(fw)} flufl.bounce (target >= 50x sisimai)")
    print(f"  throughput (cpu):  bounce is {show(sc)} sisimai, {show(fc)} flufl.bounce")
    print(f"  floor: mail-parser's parse alone, one thread, is {show(lw)} sisimai (wall), {show(lc)} (cpu);"
          f" it is {100.0 * share:.0f}% of bounce's cpu")
    summary.append({"dir": d, "rounds": ROUNDS, "speedup_wall_vs_sisimai": sw[0], "speedup_cpu_vs_sisimai": sc[0],
                    "speedup_wall_vs_sisimai_range": sw[1:], "speedup_cpu_vs_sisimai_range": sc[1:],
                    "floor_wall_vs_sisimai": lw[0], "floor_cpu_vs_sisimai": lc[0],
                    "speedup_wall_vs_flufl": fw[0], "speedup_cpu_vs_flufl": fc[0]})
    if os.path.abspath(d) == os.path.join(shared, "real") and os.path.exists(os.path.join(shared, "score.py")):
        p = subprocess.run([sys.executable, os.path.join(shared, "score.py"), "--show", "0", "--corpus", d, "--"] + bounce,
                           capture_output=True, text=True)
        print("  score.py (bounce): " + (p.stdout.strip().splitlines() or ["?"])[-1])
out = os.path.join(root, "target", "compare.json")
json.dump(summary, open(out, "w"), indent=1)
print(f"\nwritten {out}")
PY

$PY "$work/compare.py" "$root" "$shared" "$work" "$PY" "$rounds" "$@"
