# The DNS checks' findings, verdicts and the CLI's DNS section: rendered by the analysis
# engine (and the CLI), so in the engine's bundle, not the page's.

dns-cli-heading = DNS checks (resolver { $resolver }):
dns-no-sending-ip = The report does not show the IP address of the sending server, so reverse DNS, blocklists and SPF were not checked.
dns-ip-from-path = The sending IP { $ip } is the last public address on the message's path; the server that refused may have seen another address.
dns-ptr-confirmed = Reverse DNS is fine: { $ip } has the PTR record { $name }, and that name resolves back to { $ip }.
dns-ptr-generic = The PTR record of { $ip } is { $name }, which looks like a generic name for a home or dynamic connection. Many servers refuse mail from such names: ask whoever controls the address to set a PTR record with your mail server's own name.
dns-ptr-missing = Reverse DNS is missing: your server's IP { $ip } has no PTR record. Many receiving servers refuse mail from such addresses. Ask whoever controls the address (your hosting or network provider) to set a PTR record with your mail server's name, and make that name resolve back to { $ip }.
dns-ptr-name-nonexistent = Reverse DNS is broken: the PTR record of { $ip } names { $names }, but { $count ->
    [one] that name does not exist
   *[other] none of these names exists
} in DNS, so it cannot resolve back to { $ip }. Create the name with an A/AAAA record pointing to { $ip }, or change the PTR record to a name that has one.
dns-ptr-name-no-address = Reverse DNS is broken: the PTR record of { $ip } names { $names }, but { $count ->
    [one] that name has
   *[other] these names have
} no address of the IP's kind (A for IPv4, AAAA for IPv6), so it cannot resolve back to { $ip }. Add that record pointing to { $ip }, or change the PTR record to a name that has one.
dns-ptr-mismatch = Reverse DNS does not match: the PTR record of { $ip } names { $names }, but that name resolves to { $addrs }, not back to { $ip }. Point the name's A/AAAA record to { $ip }, or change the PTR record to a name that does.
dns-ptr-unknown = Reverse DNS of { $ip } could not be checked: { $why }
dns-dnsbl-listed = Confirmed: your server's IP { $ip } is listed on { $list } (code { $codes }). Delist here: { $url }
dns-dnsbl-reason = { $list } gives this reason: { $reason }
dns-dnsbl-clean = { $ip } is not listed on { $count ->
    [one] the blocklist checked
   *[other] any of the { $count } blocklists checked
} ({ $lists }).
dns-dnsbl-public-resolver = { $list } cannot be checked through a public resolver: it refuses such queries (code 127.255.255.254) and this says nothing about your address. Look the address up on its page: { $url }
dns-dnsbl-rate-limited = { $list } refused the query because of too many queries from this resolver; look the address up on its page: { $url }
dns-dnsbl-list-error = { $list } answered with its error code { $code }, not a listing; its answer was ignored.
dns-dnsbl-lists-everything = { $list } lists even its test address 127.0.0.1, so it lists everything; its answer was ignored.
dns-dnsbl-unverified = { $list } answered that { $ip } is listed (code { $codes }), but it does not list its own test address 127.0.0.2, so its answers cannot be trusted and this listing is not confirmed. Look the address up on its page: { $url }
dns-dnsbl-not-answering = { $count ->
    [one] The blocklist { $lists } does not list its test address 127.0.0.2, so it is not answering properly (closed, or not reachable through this resolver); its silence was not taken as "not listed".
   *[other] { $count } blocklists ({ $lists }) do not list their test address 127.0.0.2, so they are not answering properly (closed, or not reachable through this resolver); their silence was not taken as "not listed".
}
dns-dnsbl-bad-answer = { $list } answered { $addr }, which is not a blocklist code; the list is broken and its answer was ignored.
dns-dnsbl-dead = { $list } has been closed; it was not queried.
dns-dnsbl-unknown = { $list } could not be checked: { $why }
dns-spf-pass = SPF of { $domain } allows { $ip } (mechanism "{ $term }" in the record of { $at }).
dns-spf-fail = SPF of { $domain } fails for { $ip }: nothing in the record "{ $record }" allows this address, and "{ $term }" (in the record of { $at }) rejects it. Add { $fix } (or the include of your mail provider) to the SPF record of { $domain }, or send through a server it already allows.
dns-spf-softfail = SPF of { $domain } gives softfail for { $ip }: nothing in the record "{ $record }" allows this address, and "{ $term }" (in the record of { $at }) marks it as suspicious. Add { $fix } (or the include of your mail provider) to the SPF record of { $domain }.
dns-spf-neutral = SPF of { $domain } is neutral for { $ip }: "{ $term }" (in the record of { $at }) makes no statement. Receivers treat such mail as unauthenticated; add { $fix } to the record "{ $record }".
dns-spf-neutral-default = SPF of { $domain } is neutral for { $ip }: no mechanism of the record "{ $record }" matches this address. Add { $fix } to the record.
dns-spf-no-domain = The sender's domain { $domain } does not exist in DNS, so it has no SPF record and receivers refuse or distrust its mail. Adding an SPF record will not help: check the spelling of the sender's address, or have the domain registered and its DNS set up.
dns-spf-none = { $domain } has no SPF record, so receivers cannot tell whether its mail is genuine. Publish one, e.g. "v=spf1 { $fix } -all" with all the servers that send its mail.
dns-spf-permerror = The SPF record of { $domain } is broken (permerror): { $problem } Problem at "{ $term }" in the record of { $at }. Receivers may treat this like a fail; fix the record "{ $record }".
dns-spf-temperror = SPF of { $domain } could not be evaluated (temperror): { $why }
dns-spf-problem-no-record = the target has no SPF record.
dns-spf-problem-multiple = the domain publishes more than one SPF record (there must be exactly one).
dns-spf-problem-syntax = the term "{ $term }" cannot be read.
dns-spf-problem-lookups = the evaluation needs more than 10 DNS lookups (include, a, mx, ptr, exists, redirect); flatten the record or remove includes.
dns-spf-problem-void = more than 2 lookups find nothing; remove mechanisms that point to names that do not exist.
dns-spf-problem-mx = an "mx" mechanism points to a domain with more than 10 MX records.
dns-spf-problem-no-domain = the domain does not exist.
dns-spf-problem-loop = an include or redirect leads back to { $target }, which is already being evaluated (a loop), so the evaluation can never end; remove the include or redirect that leads back.
dns-spf-problem-target = { $target } has no SPF record, but the record includes or redirects to it.
dns-spf-problem-time-limit = the evaluation took longer than { $seconds ->
    [one] { $seconds } second
   *[other] { $seconds } seconds
} (the DNS answers came too slowly) and was stopped.
dns-dmarc-policy = DMARC of { $domain } (record { $at }, { $tag ->
    [sp] whose sp= tag applies to subdomains
    [np] whose np= tag applies to subdomains that do not exist
   *[p] its p= tag
}): { $policy ->
    [reject] mail that fails DMARC is refused ({ $tag }=reject).
    [quarantine] mail that fails DMARC goes to spam ({ $tag }=quarantine).
   *[none] mail that fails DMARC is only reported ({ $tag }=none).
}
dns-dmarc-spf-consequence = Since SPF does not pass for this IP, the message passes DMARC only with a valid DKIM signature of { $domain }; otherwise receivers apply { $tag }={ $policy }. Fix SPF or sign the mail with DKIM.
dns-dmarc-testing = The DMARC record of { $domain } is in testing mode (t=y): receivers apply a lighter policy.
dns-dmarc-no-policy = The DMARC record { $at } has no valid p= tag and no usable rua= address, so no DMARC policy applies to { $domain } (RFC 7489, 6.6.3).
dns-dmarc-missing = { $domain } has no DMARC record.
dns-dmarc-unknown = DMARC of { $domain } could not be checked: { $why }
dns-dmarc-org = The organisational domain of { $domain } is { $org }.
dns-mx-list = Mail for { $domain } goes to { $count ->
    [one] this server
   *[other] these servers
}: { $hosts }.
dns-mx-null = { $domain } publishes a null MX (RFC 7505): it accepts no mail at all. Check the spelling of the address; if it is right, the recipient's domain does not receive mail.
dns-mx-implicit = { $domain } has no MX record; mail goes to its address { $addrs }.
dns-mx-nomail = { $domain } exists but has neither an MX record nor an address, so no mail can be delivered to it. Check the spelling of the address.
dns-mx-nodomain = The domain { $domain } does not exist. Check the spelling of the address.
dns-mx-unknown = The mail servers of { $domain } could not be checked: { $why }
dns-host-resolves = The refusing server { $host } has the address { $addrs }.
dns-host-noaddress = The refusing server { $host } has no address in DNS.
dns-host-nodomain = The refusing server's name { $host } does not exist in DNS.
dns-host-unknown = The address of { $host } could not be checked: { $why }
dns-why-timeout = the resolver did not answer in time.
dns-why-network = the resolver could not be reached ({ $detail }).
dns-why-http = the resolver answered with HTTP error { $status }.
dns-why-content-type = the resolver answered with "{ $type }" instead of a DNS message.
dns-why-oversized = the answer was too large to be a DNS message.
dns-why-malformed = the answer was not a valid DNS message.
dns-why-truncated = the answer was truncated.
dns-why-servfail = the resolver could not get an answer (SERVFAIL).
dns-why-refused = the resolver refused the query.
dns-why-rcode = the resolver answered with DNS error { $code }.
dns-why-cname-loop = the name's CNAME records form a loop.
dns-why-mismatch = the answer was for a different question.
dns-why-bad-name = the name is not valid in DNS.
dns-verdict-dnsbl-confirmed = Confirmed now by DNS: { $ip } is listed on { $lists }, as the refusal says. Have the address delisted (see the DNS checks), then resend.
dns-verdict-dnsbl-clear = Not reproducible now: { $ip } is not listed on { $count ->
    [one] the blocklist checked
   *[other] any of the { $count } blocklists checked
} ({ $lists }). It was probably delisted since, or the refusing server uses another list: resend, and if it is refused again, ask the recipient's administrator which list it uses.
dns-verdict-dnsbl-unknown = The blocklists gave no usable answer now, so DNS can neither confirm nor rule out a listing of { $ip }.
dns-verdict-ptr-confirmed = Confirmed now by DNS: reverse DNS of { $ip } is still not in order, as the refusal says. Fix it (see the DNS checks), then resend.
dns-verdict-ptr-clear = Not reproducible now: reverse DNS of { $ip } is fine ({ $name } resolves back to it). It was probably fixed since: resend.
dns-verdict-ptr-unknown = Reverse DNS of { $ip } could not be checked now, so DNS can neither confirm nor rule out the refusal's reason.
dns-verdict-spf-confirmed = Confirmed now by DNS: SPF of { $domain } does not pass for { $ip } (result: { $result }), which fits the authentication refusal. Fix SPF (see the DNS checks), then resend.
dns-verdict-spf-no-domain = Confirmed now by DNS: the sender's domain { $domain } does not exist, so its mail cannot pass authentication.
dns-verdict-spf-clear = Not reproducible for SPF now: SPF of { $domain } passes for { $ip }. If the refusal was about SPF, it was probably fixed since: resend; if it is refused again, check the DKIM signature and DMARC alignment.
dns-verdict-spf-unknown = SPF of { $domain } could not be evaluated now, so DNS can neither confirm nor rule out the authentication refusal.
