#!/usr/bin/env python3
"""Writes tests/forwarded/: bounces forwarded by people as attachments (run once; output committed).

Each is a person's note (their name, address, signature and a number that looks like a reply
code) with the bounce attached: as message/rfc822, as an attached .eml file, as an attached
Outlook .msg file, and forwarded twice (a message/rfc822 inside a message/rfc822). The report
is the attached bounce's, never the forwarder's.

    python3 scripts/make-forwarded-fixtures.py
"""

import base64
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "fixtures"
OUT = ROOT / "tests" / "forwarded"


def note(sender, to, subject, text, boundary, attachment_headers, attachment_body):
    return (
        f"From: {sender}\r\n"
        f"To: {to}\r\n"
        f"Subject: {subject}\r\n"
        "Date: Mon, 23 Nov 2026 09:15:00 +0100\r\n"
        f"Message-ID: <{boundary}@mail.example.org>\r\n"
        "MIME-Version: 1.0\r\n"
        f'Content-Type: multipart/mixed; boundary="{boundary}"\r\n'
        "\r\n"
        f"--{boundary}\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n"
        "Content-Transfer-Encoding: 8bit\r\n"
        "\r\n"
        f"{text}\r\n"
        f"--{boundary}\r\n"
        f"{attachment_headers}\r\n"
        "\r\n"
    ).encode() + attachment_body + f"\r\n--{boundary}--\r\n".encode()


def b64(data):
    s = base64.b64encode(data).decode()
    return "\r\n".join(s[i : i + 76] for i in range(0, len(s), 76)).encode()


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    sig = "\r\n\r\n-- \r\nAnna Nowak <anna@example.org>\r\nHelp desk, phone 550 123 456"
    three = (FIX / "05-postfix-three-recipients.eml").read_bytes()
    one = (FIX / "04-postfix-dsn-userunknown.eml").read_bytes()
    exim = (FIX / "09-exim-rcpt.eml").read_bytes()
    msg = (ROOT / "tests" / "msg" / "ndr-three-recipients.msg").read_bytes()

    (OUT / "attached-rfc822.eml").write_bytes(
        note(
            "Anna Nowak <anna@example.org>",
            "postmaster@example.org",
            "FW: Undelivered Mail Returned to Sender",
            "Hi, our newsletter bounced again, see the attached report. Error 550?" + sig,
            "fw-1",
            "Content-Type: message/rfc822\r\nContent-Disposition: attachment",
            three,
        )
    )
    (OUT / "attached-eml-file.eml").write_bytes(
        note(
            "Anna Nowak <anna@example.org>",
            "postmaster@example.org",
            "FW: Undelivered Mail Returned to Sender",
            "Please check the attached file." + sig,
            "fw-2",
            'Content-Type: application/octet-stream; name="bounce.eml"\r\n'
            'Content-Disposition: attachment; filename="bounce.eml"\r\n'
            "Content-Transfer-Encoding: base64",
            b64(one),
        )
    )
    (OUT / "attached-msg-file.eml").write_bytes(
        note(
            "Anna Nowak <anna@example.org>",
            "postmaster@example.org",
            "FW: Undeliverable",
            "Outlook saved this one as a .msg file." + sig,
            "fw-3",
            'Content-Type: application/vnd.ms-outlook; name="Undeliverable.msg"\r\n'
            'Content-Disposition: attachment; filename="Undeliverable.msg"\r\n'
            "Content-Transfer-Encoding: base64",
            b64(msg),
        )
    )
    inner = note(
        "Bartek Lis <bartek@example.org>",
        "anna@example.org",
        "FW: Mail delivery failed",
        "Anna, can you forward this to IT? 421 of these today.\r\n\r\n-- \r\nBartek Lis <bartek@example.org>",
        "fw-4-inner",
        "Content-Type: message/rfc822",
        exim,
    )
    (OUT / "nested-two-deep.eml").write_bytes(
        note(
            "Anna Nowak <anna@example.org>",
            "postmaster@example.org",
            "FW: FW: Mail delivery failed",
            "Forwarding Bartek's message with the bounce." + sig,
            "fw-4",
            "Content-Type: message/rfc822",
            inner,
        )
    )


if __name__ == "__main__":
    main()
