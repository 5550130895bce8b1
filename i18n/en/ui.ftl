# The web app's own texts (labels, buttons, states). Owner: web app.

ui-page-title = Bounce Explainer — why did my email bounce?
ui-app-name = Bounce Explainer
ui-tagline = Paste a bounce message: see which server refused it, why, and who has to fix what.
ui-skip-to-results = Skip to the explanation
ui-footer-privacy = Everything runs in your browser. Nothing you paste is uploaded or stored.

ui-language-label = Language
ui-language-name-en = English
ui-language-name-pl = Polski

ui-input-heading = Bounce message
ui-input-help = Paste the whole bounce (with headers if you can), or just the error line. You can also drop an .eml, .msg (Outlook) or .txt file here.
ui-input-label = Bounce message text
ui-input-placeholder = Paste the bounce here, e.g. “550 5.1.1 <jan@example.com>: User unknown”
ui-open-file = Open file…
ui-clear = Clear
ui-examples-label = Try an example
ui-examples-choose = Choose an example…
ui-example-user-unknown = Recipient does not exist (Postfix)
ui-example-blocklist = Sender on a blocklist, two recipients
ui-example-mailbox-full = Mailbox full, delivery delayed
ui-example-reply-line = Just the error line: relay denied

ui-status-loading-locale = Loading the explanations…
ui-status-analysing = Analysing…
ui-status-analysing-large = Analysing a large input ({ $size } { $unit })…
ui-status-done = Done in { $ms } ms: { $count ->
    [one] one recipient
   *[other] { $count } recipients
} explained.
ui-status-failed = The analysis failed. Try again, or paste a smaller part of the message.
ui-progress-label = Analysis in progress
ui-error-locale = The explanation texts could not be loaded. Reload the page to try again.

ui-results-heading = Explanation
ui-empty-heading = Paste a bounce to see what went wrong
ui-empty-intro = Any of these works:
ui-empty-whole-message = the whole bounce message you received, with its headers (best)
ui-empty-error-line = only the error line, e.g. “550 5.7.1 Message rejected”
ui-empty-file = a saved .eml, .msg (Outlook) or .txt file: drop it on the text box or use “Open file…”
ui-empty-privacy = The text never leaves your computer.

ui-who-must-act = Who must act:
ui-permanence = Permanent or temporary:
ui-warnings-label = Problems with the input

ui-hops-heading = Path of the message
ui-hops-none = The message does not show the path it took.
ui-hop-unknown-host = unknown host
ui-hop-role-sender = Sender
ui-hop-role-relay = Relay
ui-hop-role-reporting = Wrote the bounce
ui-hop-role-remote = Recipient’s server
ui-hop-failing = Refused here
ui-hop-delay = { $delay } later
ui-delay-seconds = { $count ->
    [one] { $count } second
   *[other] { $count } seconds
}
ui-delay-minutes = { $count ->
    [one] { $count } minute
   *[other] { $count } minutes
}
ui-delay-hours = { $count ->
    [one] { $count } hour
   *[other] { $count } hours
}
ui-delay-days = { $count ->
    [one] { $count } day
   *[other] { $count } days
}
ui-delay-clock-skew = clock skew of { $count } s

ui-source-heading = The message, with the important parts marked
ui-source-label = Pasted message with highlights
ui-legend-label = Highlight legend
ui-source-gap = [… { $size } { $unit } not shown …]
ui-mark-reply-code = Reply code
ui-mark-status = Status code
ui-mark-remote-mta = Refusing server
ui-mark-recipient = Recipient
ui-mark-diagnostic = Server’s reply

ui-recipients-heading = { $count ->
    [one] Recipient
   *[other] Recipients ({ $count })
}
ui-recipient-address = Address:
ui-causes-heading = Likely causes, most likely first
ui-fixes-heading = What to do
ui-codes-heading = What the codes mean

ui-copy-heading = Copy the explanation
ui-copy-format = Format
ui-copy-plain = Plain text
ui-copy-markdown = Markdown (for a ticket)
ui-copy-button = Copy explanation
ui-copy-done = Copied to the clipboard.
ui-copy-failed = The browser did not allow copying. Select the text and copy it by hand.

ui-facts-heading = Raw facts
ui-facts-report = The report
ui-fact-kind = Kind of input
ui-fact-format = Format
ui-fact-reporting-mta = Server that wrote the bounce
ui-fact-hops = Hops
ui-fact-no-address = Recipient without an address
ui-fact-action = Action
ui-fact-status = Status code
ui-fact-reply-code = Reply code
ui-fact-remote-mta = Refusing server
ui-fact-command = SMTP command
ui-fact-diagnostic = Server’s reply
ui-fact-reason = Reason
ui-fact-hard = Permanent
ui-fact-final = Final (came back, not retried)
ui-fact-rules = Matched rules
ui-yes = yes
ui-no = no

ui-kind-permanent = Came back: not retried
ui-kind-temporary = Still being retried
ui-badge-permanent = { $count ->
    [one] came back, not retried
   *[other] { $count } came back, not retried
}
ui-badge-temporary = { $count ->
    [one] still being retried
   *[other] { $count } still being retried
}

ui-update-available = A new version of Bounce Explainer is available.
ui-update-reload = Reload to update
ui-input-large-hidden = A large input ({ $size } { $unit }) is loaded. It is not put into the text box, to keep the page fast; the important parts are shown below. Type or paste to replace it.
ui-hop-from = from { $host }
ui-redact = Redact addresses, IP addresses and host names before copying or sharing
ui-share-button = Copy share link
ui-share-privacy = The link carries the pasted text itself, after the “#”: browsers never send that part to any server, but anyone who gets the link can read it. Turn on “Redact” to mask names first.
ui-share-too-long = The text is too long for a link. Share the explanation instead.
ui-error-file = The file could not be read. Open it in a text editor and paste its text here.
