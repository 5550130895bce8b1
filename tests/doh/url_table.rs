//! Resolver URLs and what the rule makes of them (`bounce::dns::doh_url`): `Ok` with the URL as
//! the WHATWG parser serializes it (the form that is used), or `Err` with the problem. Shared by
//! the native test (the `url` crate, tests/dns_urls.rs) and the browser test (the browser's own
//! `URL`, tests/doh/wasm/dns.rs): both parsers must give the same verdicts.

/// `(typed URL, Ok(URL used) | Err(problem in snake_case))`.
pub const CASES: &[(&str, Result<&str, &str>)] = &[
    // Plain cases.
    (
        "https://cloudflare-dns.com/dns-query",
        Ok("https://cloudflare-dns.com/dns-query"),
    ),
    ("HTTPS://DNS.Example/dns-query", Ok("https://dns.example/dns-query")),
    (
        "https://127.0.0.1.evil.example/dns-query",
        Ok("https://127.0.0.1.evil.example/dns-query"),
    ),
    ("http://127.0.0.1:8053/dns-query", Ok("http://127.0.0.1:8053/dns-query")),
    ("  http://127.0.0.1/dns-query\n", Ok("http://127.0.0.1/dns-query")),
    ("http:127.0.0.1/dns-query", Ok("http://127.0.0.1/dns-query")),
    ("http://dns.example/dns-query", Err("not_loopback")),
    // User names and passwords: the host is what follows the last '@'.
    ("http://127.0.0.1:80@198.51.100.53/dns-query", Err("userinfo")),
    ("http://user:pass@127.0.0.1/dns-query", Err("userinfo")),
    ("http://198.51.100.53:80@127.0.0.1/dns-query", Err("userinfo")),
    ("https://user@dns.example/dns-query", Err("userinfo")),
    ("http://[::1]@198.51.100.53/dns-query", Err("userinfo")),
    ("http://localhost@198.51.100.53/", Err("userinfo")),
    // An empty user info is no user info: the '@' is dropped.
    ("http://@127.0.0.1/dns-query", Ok("http://127.0.0.1/dns-query")),
    // '\' is '/' in http(s) URLs: the '@' is in the path, the host is 127.0.0.1.
    (
        "http://127.0.0.1\\@198.51.100.53/dns-query",
        Ok("http://127.0.0.1/@198.51.100.53/dns-query"),
    ),
    ("http://198.51.100.53?@127.0.0.1/", Err("not_loopback")),
    ("http://198.51.100.53#@127.0.0.1/", Err("fragment")),
    ("https://dns.example/dns-query#x", Err("fragment")),
    ("https://dns.example/dns-query#", Err("fragment")),
    // Percent-encoded hosts are decoded before the host is read.
    ("http://%31%32%37.0.0.1/dns-query", Ok("http://127.0.0.1/dns-query")),
    ("http://loc%61lhost/dns-query", Ok("http://localhost/dns-query")),
    ("http://127.0.0.1%2eevil.example/", Err("not_loopback")),
    ("http://127.0.0.1%2e198.51.100.53/", Err("unparsable")),
    ("http://127.0.0.1:80%40198.51.100.53/", Err("unparsable")),
    // IPv4 in other notations: the parser reads them as browsers do.
    ("http://0x7f.1/dns-query", Ok("http://127.0.0.1/dns-query")),
    ("http://2130706433/dns-query", Ok("http://127.0.0.1/dns-query")),
    ("http://0x7f000001/dns-query", Ok("http://127.0.0.1/dns-query")),
    ("http://0177.0.0.1/dns-query", Ok("http://127.0.0.1/dns-query")),
    ("http://127.1/dns-query", Ok("http://127.0.0.1/dns-query")),
    ("http://3325256757/dns-query", Err("not_loopback")),
    ("http://127.0.0.256/", Err("unparsable")),
    ("http://0.0.0.0/dns-query", Err("not_loopback")),
    // Trailing dots.
    ("http://127.0.0.1./dns-query", Ok("http://127.0.0.1/dns-query")),
    ("http://localhost./dns-query", Err("not_loopback")),
    // localhost and its look-alikes.
    ("http://localhost:8053/dns-query", Ok("http://localhost:8053/dns-query")),
    ("http://LOCALHOST/dns-query", Ok("http://localhost/dns-query")),
    ("http://localhost.evil.example/", Err("not_loopback")),
    ("http://localhost-evil.example/", Err("not_loopback")),
    ("http://127.0.0.1.nip.example/", Err("not_loopback")),
    ("http://127.0.0.1\t.evil.example/", Err("not_loopback")),
    // IPv6 literals.
    ("http://[::1]:8053/dns-query", Ok("http://[::1]:8053/dns-query")),
    ("http://[0:0:0:0:0:0:0:1]/dns-query", Ok("http://[::1]/dns-query")),
    (
        "http://[::ffff:127.0.0.1]/dns-query",
        Ok("http://[::ffff:7f00:1]/dns-query"),
    ),
    ("http://[::ffff:198.51.100.53]/", Err("not_loopback")),
    ("http://[::]/", Err("not_loopback")),
    ("http://[::1/", Err("unparsable")),
    // Not http(s), or not a URL.
    ("ftp://127.0.0.1/", Err("scheme")),
    ("javascript:alert(1)", Err("scheme")),
    ("file:///etc/passwd", Err("scheme")),
    ("https://", Err("unparsable")),
    ("not a url", Err("unparsable")),
    ("http://127.0.0.1:99999/", Err("unparsable")),
    ("", Err("unparsable")),
];
