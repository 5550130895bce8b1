# The DNS panel of the web page: its labels, the resolver presets and why a resolver URL is refused (the page's own bundle; the findings are in dns-checks.ftl).

dns-resolver-unreachable = The DNS checks could not use the resolver { $resolver } (offline, blocked or a wrong address), so nothing was checked. The rest of the explanation does not depend on them.
dns-resolver-cloudflare = Cloudflare
dns-resolver-google = Google
dns-resolver-quad9 = Quad9 (unfiltered)
dns-panel-heading = DNS checks
dns-panel-intro = Check the DNS facts behind the refusal — reverse DNS, blocklists, SPF, DMARC and MX — through a DNS-over-HTTPS resolver. Nothing is sent until you start the checks.
dns-panel-names = The resolver will be asked about these names (SPF and DMARC may need a few more below them):
dns-panel-nothing = This report names no IP address, sender domain or server that could be checked.
dns-panel-resolver = Resolver
dns-panel-custom = Custom address…
dns-panel-custom-url = Resolver address (DNS-over-HTTPS, RFC 8484)
dns-panel-bad-url = This address cannot be used: { $why }
dns-panel-remember = Run the DNS checks automatically next time
dns-panel-run = Run DNS checks
dns-panel-progress = Checking DNS… queries sent: { $asked }, answered: { $answered }.
dns-panel-cancel = Stop
dns-panel-cancelled = The DNS checks were stopped; nothing was concluded from them.
dns-panel-results = What the DNS says
dns-panel-endpoint = Queries go to { $url }
dns-panel-custom-csp = This page's security policy (Content-Security-Policy, connect-src) must allow this address; if it does not, the browser blocks the queries and the checks report the resolver as unreachable. The site's administrator can add it.
dns-url-refused = --doh { $url } cannot be used: { $why }
dns-url-unparsable = this is not a valid URL.
dns-url-scheme = the address must start with https:// (plain http:// only for this computer: 127.0.0.1, [::1] or localhost).
dns-url-userinfo = the address contains a user name or password (the part before "@"); such an address is never used.
dns-url-fragment = the address contains a "#" part, which would cut off the DNS query.
dns-url-not-loopback = plain http:// is allowed only for this computer (127.0.0.1, [::1] or localhost); use https:// for any other resolver.
