#!/usr/bin/env bash
# The batch benchmark: peak memory and messages per second of `bounce explain --json` and
# `bounce summary` over a 10,000-message mbox and the same messages as a Maildir (made by
# scripts/make-mailbox.py from the fixtures), beside Debian's sisimai (libsisimai-perl) reading
# the same mbox and Maildir natively. A benchmark, not a test: it prints figures.
#
#   scripts/bench-batch.sh [COUNT] [ROUNDS]     (10,000 messages, 3 rounds; best wall time kept)
#
# Needs /usr/bin/time (package time) and libsisimai-perl (scripts/setup.sh installs both); the
# sisimai rows are skipped without it.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-10000}
rounds=${2:-3}

echo "[bench-batch] cargo build --release --bin bounce" >&2
nice -n 10 cargo build -q --release --bin bounce
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 scripts/make-mailbox.py "$work" "$count"
mbox="$work/bounces.mbox"
maildir="$work/Maildir"

cat >"$work/sisimai.pl" <<'PERL'
# Reads mboxes or Maildir folders (a folder of message files: a Maildir's cur and new) with
# Sisimai->make, as it does natively; prints how many results.
use strict;
use warnings;
use Sisimai;
my $n = 0;
for my $path (@ARGV) {
    my $list = eval { local $SIG{__WARN__} = sub { }; Sisimai->make($path, 'delivered' => 1) } || [];
    $n += scalar(@$list);
}
print "$n\n";
PERL

# Runs a command ROUNDS times; prints the best wall time (s) and the largest peak RSS (KiB).
measure() {
    local best="" rss=0
    for _ in $(seq "$rounds"); do
        /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/out" 2>/dev/null || true
        read -r wall kib <"$work/time"
        if [ -z "$best" ] || awk "BEGIN{exit !($wall < $best)}"; then best=$wall; fi
        if [ "$kib" -gt "$rss" ]; then rss=$kib; fi
    done
    echo "$best $rss"
}

row() {
    local name=$1 wall=$2 kib=$3
    awk -v n="$name" -v w="$wall" -v k="$kib" -v c="$count" \
        'BEGIN { printf "%-44s %8.2f s %10.0f msg/s %8.1f MiB\n", n, w, (w > 0 ? c / w : 0), k / 1024 }'
}

echo "messages: $count, mbox $(stat -c %s "$mbox") bytes; cores: $(nproc); best of $rounds"
printf '%-44s %10s %16s %12s\n' "what" "wall" "throughput" "peak RSS"
read -r w k < <(measure target/release/bounce explain --json "$mbox")
row "bounce explain --json (mbox)" "$w" "$k"
echo "  lines: $(wc -l <"$work/out")"
read -r w k < <(measure target/release/bounce explain --json "$maildir")
row "bounce explain --json (Maildir)" "$w" "$k"
echo "  lines: $(wc -l <"$work/out")"
read -r w k < <(measure target/release/bounce summary "$mbox")
row "bounce summary (mbox)" "$w" "$k"
read -r w k < <(measure target/release/bounce summary --csv "$maildir")
row "bounce summary --csv (Maildir)" "$w" "$k"
if perl -MSisimai -e 1 2>/dev/null; then
    v=$(perl -MSisimai -e 'print Sisimai->version')
    read -r w k < <(measure perl "$work/sisimai.pl" "$mbox")
    row "sisimai $v Sisimai->make (mbox)" "$w" "$k"
    echo "  results: $(cat "$work/out")"
    read -r w k < <(measure perl "$work/sisimai.pl" "$maildir/cur" "$maildir/new")
    row "sisimai $v Sisimai->make (Maildir)" "$w" "$k"
    echo "  results: $(cat "$work/out")"
else
    echo "sisimai: libsisimai-perl is not installed; skipped" >&2
fi
# The largest message bounds memory: the same mbox with one 20 MiB message in the middle.
python3 - "$mbox" "$work/big.mbox" <<'PY'
import sys
src, dst = sys.argv[1], sys.argv[2]
data = open(src, "rb").read()
half = data.find(b"\nFrom ", len(data) // 2) + 1
big = b"From MAILER-DAEMON Mon Nov 23 09:00:00 2026\nSubject: big\n\n" + (b"x" * 76 + b"\n") * (20 * 1024 * 1024 // 77) + b"\n"
open(dst, "wb").write(data[:half] + big + data[half:])
PY
read -r w k < <(measure target/release/bounce explain --json "$work/big.mbox")
row "bounce explain --json (mbox + one 20 MiB message)" "$w" "$k"
