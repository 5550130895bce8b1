#!/usr/bin/env python3
"""Makes a large mbox and a Maildir from the project's own fixtures, for the batch benchmark.

    scripts/make-mailbox.py OUT_DIR [COUNT]      (COUNT defaults to 10,000)

writes OUT_DIR/bounces.mbox (mboxrd: each message after a `From ` line, `From ` lines in
bodies quoted as `>From `) and OUT_DIR/Maildir/{cur,new,tmp} with the same COUNT messages, one
file each: the .eml and .txt inputs of tests/fixtures/, taken in turn, unchanged (an mbox
is text, so the Outlook .msg fixtures are not among them). Nothing random: the same COUNT gives the same
files.
"""

import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out = pathlib.Path(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
    fixtures = sorted(
        p for p in (ROOT / "tests" / "fixtures").iterdir() if p.suffix in (".eml", ".txt")
    )
    inputs = [p.read_bytes() for p in fixtures]
    maildir = out / "Maildir"
    for sub in ("cur", "new", "tmp"):
        (maildir / sub).mkdir(parents=True, exist_ok=True)
    from_line = re.compile(rb"^(>*From )", re.M)
    with open(out / "bounces.mbox", "wb") as mbox:
        for i in range(count):
            data = inputs[i % len(inputs)]
            if not data.endswith(b"\n"):
                data += b"\n"
            mbox.write(b"From MAILER-DAEMON Mon Nov 23 09:00:00 2026\n")
            mbox.write(from_line.sub(rb">\1", data))
            mbox.write(b"\n")
            sub = "cur" if i % 2 else "new"
            name = "1795000000.M%dP1.bench%s" % (i, ":2,S" if sub == "cur" else "")
            (maildir / sub / name).write_bytes(data)


if __name__ == "__main__":
    main()
