# `bounce summary`: the summary of many bounces (src/batch.rs).

batch-messages = { $count ->
    [one] 1 message read.
   *[other] { $count } messages read.
}
batch-not-bounces = { $count ->
    [one] 1 of them is not a delivery report.
   *[other] { $count } of them are not delivery reports.
}
batch-unreadable = { $count ->
    [one] 1 input could not be read.
   *[other] { $count } inputs could not be read.
}
batch-recipients = { $count ->
    [one] 1 recipient was not delivered to.
   *[other] { $count } recipients were not delivered to.
}
batch-by-reason = By reason:
batch-by-permanence = Permanent or temporary:
batch-hard = permanent (hard bounce)
batch-soft = temporary (soft bounce)
batch-by-domain = By recipient domain:
batch-by-host = By refusing server:
batch-hard-list = { $count ->
    [one] 1 address to remove from your lists (permanent failure; --csv prints it as CSV):
   *[other] { $count } addresses to remove from your lists (permanent failure; --csv prints them as CSV):
}

## The web app's batch view (src/web/batch_run.rs): the analysis engine localizes these and the
## page shows them.

batch-web-heading = Many bounces at once
batch-web-progress = Analysing the messages
batch-web-progress-count = { $total ->
    [one] { $done } of 1 message analysed
   *[other] { $done } of { $total } messages analysed
}
batch-web-cancel = Cancel
batch-web-cancelled = Cancelled: the summary covers only the messages analysed before that.
batch-web-by-reason = By reason
batch-web-by-permanence = Permanent or temporary
batch-web-by-domain = By recipient domain
batch-web-by-host = By refusing server
batch-web-col-reason = Reason
batch-web-col-permanence = Failure
batch-web-col-domain = Recipient domain
batch-web-col-host = Refusing server
batch-web-col-count = Recipients
batch-web-col-bar = Share
batch-web-col-message = Message
batch-web-col-recipient = Recipient
batch-web-list = Messages
batch-web-open = Choose a message to see its full explanation.
batch-web-page = Rows { $from }–{ $to } of { $total }
batch-web-prev = Previous rows
batch-web-next = Next rows
batch-web-csv = Download CSV
batch-web-json = Download JSON
batch-web-back = Back to the summary of all messages
batch-web-not-report = not a delivery report
batch-web-no-recipient = no recipient named
batch-web-unreadable = could not be read
batch-web-other = { $count ->
    [one] 1 other item
   *[other] { $count } other items
}
