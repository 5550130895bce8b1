#!/usr/bin/env python3
"""Writes the Outlook .msg fixtures of tests/msg/ with an independent MS-OXMSG writer.

The writer is PyPI's `aspose-email-foss` (pure Python, MIT; its `MapiMessage` writes the
Compound File Binary container, property streams, recipient and attachment storages and
embedded message objects). This script maps each bounce's MIME form to MAPI properties the
way MS-OXCMAIL 2.2.3.7.1 says a MIME reader does (Reporting-MTA -> PidTagReportingMessage-
TransferAgent; per failed recipient: a recipient row with PidTagRemoteMessageTransferAgent,
PidTagSupplementaryInfo "<remote-mta #status diagnostic-code>" and PidTagNonDeliveryReport-
StatusCode = kind*100 + subject*10 + detail; recipients whose Action is not the most severe
one are skipped). It was run once; its output is committed:

    python3 -m venv /tmp/msg-venv
    /tmp/msg-venv/bin/pip install aspose-email-foss==26.3
    /tmp/msg-venv/bin/python scripts/make-msg-fixtures.py

Fixtures (each names the .eml it was made from, where there is one):
- ndr-three-recipients.msg: REPORT.IPM.Note.NDR from tests/fixtures/05-postfix-three-recipients.eml,
  Unicode (001F) strings, two failed recipients (the delayed one is skipped, as MS-OXCMAIL
  says), transport headers, body, the original message embedded.
- ndr-ansi-cp1250.msg: REPORT.IPM.Note.NDR from tests/fixtures/04-postfix-dsn-userunknown.eml,
  ANSI (001E) strings in code page 1250 (a Polish subject and note).
- forward-two-deep.msg: a person's IPM.Note carrying a forward (embedded message) that carries
  ndr-three-recipients' report (embedded message): the bounce two levels down.
- forward-attached-eml.msg: a person's IPM.Note with tests/fixtures/04-postfix-dsn-userunknown.eml
  attached as a file (bounce.eml).
- truncated.msg: the first 2,560 bytes of ndr-three-recipients.msg (a broken container).
"""

import email
import email.policy
import pathlib
import re

from aspose.email_foss.msg import MapiMessage, PropertyTypeCode

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "msg"

PT_LONG = PropertyTypeCode.PTYP_INTEGER32
PT_UNICODE = PropertyTypeCode.PTYP_STRING
PT_STRING8 = PropertyTypeCode.PTYP_STRING8

# MS-OXPROPS property ids.
PID_MESSAGE_CLASS = 0x001A
PID_SUBJECT = 0x0037
PID_TRANSPORT_MESSAGE_HEADERS = 0x007D
PID_SENDER_NAME = 0x0C1A
PID_SENDER_EMAIL_ADDRESS = 0x0C1F
PID_SUPPLEMENTARY_INFO = 0x0C1B
PID_NDR_STATUS_CODE = 0x0C20
PID_REMOTE_MTA = 0x0C21
PID_BODY = 0x1000
PID_REPORTING_MTA = 0x6820
PID_SMTP_ADDRESS = 0x39FE
PID_MESSAGE_CODEPAGE = 0x3FFD
PID_INTERNET_CODEPAGE = 0x3FDE


def header_block(raw: bytes) -> str:
    """The message's header block as text, as PidTagTransportMessageHeaders holds it."""
    text = raw.decode("utf-8", errors="replace").replace("\r\n", "\n")
    return text.split("\n\n", 1)[0].replace("\n", "\r\n") + "\r\n"


def dsn_groups(part_text: str):
    """The per-message and per-recipient field groups of a message/delivery-status part."""
    groups = []
    for block in re.split(r"\n\s*\n", part_text.strip()):
        fields = {}
        name = None
        for line in block.splitlines():
            if line[:1] in (" ", "\t") and name:
                fields[name] += " " + line.strip()
            elif ":" in line:
                name, value = line.split(":", 1)
                name = name.strip().lower()
                fields[name] = value.strip()
        groups.append(fields)
    return groups[0], groups[1:]


def set_string(target, pid, value, unicode_strings, codepage):
    if unicode_strings:
        target.set_property(pid, PT_UNICODE, value)
    else:
        target.set_property(pid, PT_STRING8, value.encode(codepage, errors="replace"))


def ndr_from_eml(path, *, unicode_strings=True, codepage="cp1250", subject=None, note=None, original=None):
    """A REPORT.IPM.Note.NDR item made from a multipart/report .eml, as MS-OXCMAIL maps it."""
    raw = path.read_bytes()
    mail = email.message_from_bytes(raw, policy=email.policy.compat32)
    body, dsn = "", ""
    for part in mail.walk():
        ctype = part.get_content_type()
        if ctype == "text/plain" and not body:
            body = part.get_payload(decode=True).decode("utf-8", errors="replace")
        elif ctype == "message/delivery-status":
            payload = part.get_payload()
            if isinstance(payload, list):
                dsn = "\n\n".join(p.as_string() for p in payload)
            else:
                dsn = payload
    per_message, per_recipient = dsn_groups(dsn)
    severity = {"failed": 3, "delayed": 2, "delivered": 1, "relayed": 1, "expanded": 1}
    worst = max(severity.get(r.get("action", "").lower(), 0) for r in per_recipient)

    msg = MapiMessage.create(unicode_strings=unicode_strings)
    s = lambda pid, v: set_string(msg, pid, v, unicode_strings, codepage)  # noqa: E731
    s(PID_MESSAGE_CLASS, "REPORT.IPM.Note.NDR")
    s(PID_SUBJECT, subject or mail.get("Subject", ""))
    s(PID_BODY, (note + "\r\n\r\n" if note else "") + body)
    s(PID_TRANSPORT_MESSAGE_HEADERS, header_block(raw))
    sender = email.utils.parseaddr(mail.get("From", ""))
    s(PID_SENDER_NAME, sender[0] or sender[1])
    s(PID_SENDER_EMAIL_ADDRESS, sender[1])
    if not unicode_strings:
        cp = int(codepage[2:])
        msg.set_property(PID_MESSAGE_CODEPAGE, PT_LONG, cp)
        msg.set_property(PID_INTERNET_CODEPAGE, PT_LONG, cp)
    if "reporting-mta" in per_message:
        s(PID_REPORTING_MTA, per_message["reporting-mta"].split(";", 1)[-1].strip())
    for fields in per_recipient:
        if severity.get(fields.get("action", "").lower(), 0) != worst:
            continue
        address = fields.get("final-recipient", "").split(";", 1)[-1].strip()
        rcpt = msg.add_recipient(address, display_name=address)
        rs = lambda pid, v: set_string(rcpt, pid, v, unicode_strings, codepage)  # noqa: E731
        rs(PID_SMTP_ADDRESS, address)
        remote = fields.get("remote-mta", "").split(";", 1)[-1].strip()
        status = re.match(r"\d\.\d{1,3}\.\d{1,3}", fields.get("status", ""))
        if remote:
            rs(PID_REMOTE_MTA, remote)
        if status:
            kind, subj, detail = (int(x) for x in status.group(0).split("."))
            subj = subj if subj <= 9 else 0
            detail = detail if detail <= 9 else 0
            rcpt.set_property(PID_NDR_STATUS_CODE, PT_LONG, kind * 100 + subj * 10 + detail)
        info = "<" + (remote + " " if remote else "") + "#" + (status.group(0) if status else "")
        if fields.get("diagnostic-code"):
            info += " " + fields["diagnostic-code"]
        rs(PID_SUPPLEMENTARY_INFO, info + ">")
    if original is not None:
        msg.add_embedded_message_attachment(original, filename="original.msg")
    return msg


def person_note(subject, body, sender, to):
    msg = MapiMessage.create(subject=subject, body=body)
    msg.set_property(PID_SENDER_NAME, PT_UNICODE, sender[1])
    msg.set_property(PID_SENDER_EMAIL_ADDRESS, PT_UNICODE, sender[0])
    for address, name in to:
        msg.add_recipient(address, display_name=name)
    return msg


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    fixtures = ROOT / "tests" / "fixtures"

    original = person_note(
        "Meeting on Friday",
        "Hello all,\r\n\r\nthe meeting is moved to Friday.\r\n\r\nHelena",
        ("helena@example.org", "Helena"),
        [("igor@example.com", "Igor"), ("julia@example.net", "Julia"), ("kamil@example.test", "Kamil")],
    )
    three = ndr_from_eml(fixtures / "05-postfix-three-recipients.eml", original=original)
    three_bytes = three.to_bytes()
    (OUT / "ndr-three-recipients.msg").write_bytes(three_bytes)

    ansi = ndr_from_eml(
        fixtures / "04-postfix-dsn-userunknown.eml",
        unicode_strings=False,
        codepage="cp1250",
        subject="Niedostarczona wiadomość: Spotkanie w piątek",
        note="Wiadomość nie została dostarczona (zażółć gęślą jaźń).",
    )
    (OUT / "ndr-ansi-cp1250.msg").write_bytes(ansi.to_bytes())

    # A bounce forwarded twice, each time as an attached (embedded) message. Each person's note
    # names the person and quotes a number that looks like a reply code: neither is the bounce.
    inner_report = ndr_from_eml(fixtures / "05-postfix-three-recipients.eml", original=original)
    first = person_note(
        "FW: Undelivered Mail Returned to Sender",
        "Could you have a look? Error 550 again.\r\n\r\n-- \r\nMarta Kowalska <marta@example.org>\r\nPhone 555 0100",
        ("marta@example.org", "Marta Kowalska"),
        [("helpdesk@example.org", "Help desk")],
    )
    first.add_embedded_message_attachment(inner_report, filename="Undelivered Mail Returned to Sender.msg")
    outer = person_note(
        "FW: FW: Undelivered Mail Returned to Sender",
        "Forwarding to the mail admins.\r\n\r\n-- \r\nPiotr Help Desk <helpdesk@example.org>",
        ("helpdesk@example.org", "Piotr Help Desk"),
        [("postmaster@example.org", "Postmaster")],
    )
    outer.add_embedded_message_attachment(first, filename="FW Undelivered Mail Returned to Sender.msg")
    (OUT / "forward-two-deep.msg").write_bytes(outer.to_bytes())

    attached = person_note(
        "FW: Undelivered Mail Returned to Sender",
        "The bounce is attached. 421 times I tried!\r\n\r\n-- \r\nOla <ola@example.org>",
        ("ola@example.org", "Ola"),
        [("postmaster@example.org", "Postmaster")],
    )
    attached.add_attachment(
        "bounce.eml",
        (fixtures / "04-postfix-dsn-userunknown.eml").read_bytes(),
        mime_type="message/rfc822",
    )
    (OUT / "forward-attached-eml.msg").write_bytes(attached.to_bytes())

    (OUT / "truncated.msg").write_bytes(three_bytes[:2560])


if __name__ == "__main__":
    main()
