# Headings, summaries, parties, stages, facts and input warnings of an explanation (src/explain).

label-recipient = Recipient
label-no-address = (no address in the input)
label-who-must-act = Who must act
label-causes = Likely causes
label-fixes = What to do
label-codes = What the codes mean
label-rules = Matched rules
label-warnings = Warnings

headline-not-a-bounce = This does not look like a bounce message.
headline-feedback = This is feedback from the recipient's side, not a bounce.
headline-auto-reply = This is an automatic reply (for example out of office), not a bounce.
headline-no-recipients = This looks like a bounce, but it names no recipient and no reply.
headline-failed = { $count ->
    [one] Delivery failed for one recipient.
   *[other] Delivery failed for { $count } recipients.
}
headline-delayed = { $count ->
    [one] Delivery to one recipient is delayed; the sending server keeps trying.
   *[other] Delivery to { $count } recipients is delayed; the sending server keeps trying.
}
headline-delivered = { $count ->
    [one] The message was delivered to one recipient.
   *[other] The message was delivered to { $count } recipients.
}

summary-kind-dsn = A standard delivery status notification (DSN).
summary-kind-ndr-text = A bounce message in plain text, without a machine-readable part.
summary-kind-reply-line = A single server reply or log line.
summary-kind-feedback = A spam complaint (feedback report) or an unsubscribe request.
summary-kind-auto-reply = An automatic reply.
summary-kind-not-a-bounce = The text holds no sign of a failed delivery.
summary-reporting-mta = The report was written by { $host }.
summary-recipients = { $count ->
    [one] It covers one recipient.
   *[other] It covers { $count } recipients.
}

party-sender = The sender
party-sender-admin = The sender's mail administrator
party-recipient = The recipient
party-recipient-admin = The recipient's mail administrator
party-nobody = Nobody: waiting is enough

permanence-hard = Final and permanent: the message came back and will not be retried; sending it again will not help until the cause is fixed.
permanence-final-soft = Final: the message came back and will not be retried. The cause may be temporary: once it is fixed, send the message again.
permanence-soft = Still being retried: the sending server keeps trying by itself. Do not send the message again; a new report follows only if it finally fails.
permanence-greylisted = Temporary (greylisting): the sending server retries by itself and the message will get through; waiting is the fix.
permanence-delivered = Delivered: nothing failed.
permanence-not-a-failure = Not a delivery failure: there is nothing to send again.

stage-conn = the connection greeting
stage-helo = HELO
stage-ehlo = EHLO
stage-mail = MAIL FROM (the sender address)
stage-rcpt = RCPT TO (the recipient address)
stage-data = DATA (the message content)
stage-bdat = BDAT (the message content)
stage-starttls = STARTTLS (encryption)
stage-auth = AUTH (login)

fact-remote-stage = The server { $host } refused at { $stage }.
fact-remote = The refusal came from { $host }.
fact-stage = The refusal came at { $stage }.
fact-reply = It replied: “{ $text }”.
fact-ip = The reply names the IP address { $ip }.
fact-list = The reply names the block list { $list }.
fact-hop-ip = The refusing server's IP address was { $ip }.
fact-sender-ip-path = Your side sent it from the IP address { $ip } (the last public address on its path).

decision-retrying-unreachable-title = Delivery delayed: the sending server keeps trying
decision-retrying-unreachable-what = The message has not been delivered yet; the sending server keeps trying by itself.
rule-none-title = No explanation available
rule-none-what = Nothing in the knowledge base matches this outcome.

warn-input-truncated = The input was cut at { $limit } bytes (it had { $size } bytes); only the beginning was analysed.
warn-input-nul-bytes = The input contains NUL bytes; it may be a binary file rather than a message.
warn-input-binary = The input looks like binary data (an image, an archive or a program), not the text of a message: nothing in it could be read as a bounce.
warn-msg-unreadable = This looks like an Outlook .msg file, but its container could not be read ({ $detail }); the text found in it was analysed.
warn-msg-part-unreadable = Part of this Outlook .msg file could not be read ({ $part }: { $detail }); the rest was analysed.

