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
