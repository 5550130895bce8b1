//! Which DoH resolver URLs we agree to send queries to.
//!
//! The rule: `https://`, or plain `http://` only when the host is the machine itself (127.0.0.0/8,
//! `[::1]`, an IPv4-mapped `[::ffff:127.x.y.z]`, or exactly `localhost`), as the loopback test
//! server runs; never a user name or password in the URL, never a fragment.
//!
//! The URL is read by the WHATWG URL Standard's parser — the `url` crate here, the browser's own
//! `URL` in the page ([`super::browser::parse_resolver_url`]) — never by hand, so the host we
//! check is the host the request goes to (`http://127.0.0.1:80@198.51.100.53/` has the host
//! 198.51.100.53 and a user name, and is refused). The caller then uses the parser's
//! serialization of the URL, not the text typed: `http://0x7f.1/dns-query` is used as
//! `http://127.0.0.1/dns-query`, so no other HTTP client can read it differently.

use serde::Serialize;
use std::net::{Ipv4Addr, Ipv6Addr};

/// Why a resolver URL is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UrlProblem {
    /// Not a URL at all (by the WHATWG rules).
    Unparsable,
    /// Neither `https:` nor `http:`.
    Scheme,
    /// A user name or password (`user:pass@host`): refused, whatever the host.
    Userinfo,
    /// A `#fragment`: the query would go after it and never reach the resolver.
    Fragment,
    /// Plain `http:` to a host other than this machine.
    NotLoopback,
}

impl UrlProblem {
    /// The Fluent message id that explains the problem (`i18n/<locale>/dns.ftl`).
    pub fn message_id(self) -> &'static str {
        match self {
            UrlProblem::Unparsable => "dns-url-unparsable",
            UrlProblem::Scheme => "dns-url-scheme",
            UrlProblem::Userinfo => "dns-url-userinfo",
            UrlProblem::Fragment => "dns-url-fragment",
            UrlProblem::NotLoopback => "dns-url-not-loopback",
        }
    }
}

/// True for a host, as a WHATWG parser serializes it, that is this machine: an IPv4 address in
/// 127.0.0.0/8, `[::1]`, `[::ffff:7f00:1]` and the rest of IPv4-mapped 127/8, or `localhost`
/// (exactly: not `localhost.`, not `localhost.example`).
pub fn is_loopback_host(host: &str) -> bool {
    if host == "localhost" {
        return true;
    }
    if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        return inner
            .parse::<Ipv6Addr>()
            .is_ok_and(|a| a.is_loopback() || a.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback()));
    }
    host.parse::<Ipv4Addr>().is_ok_and(|a| a.is_loopback())
}

/// The rule, on the parts of an already parsed URL: `scheme` without the colon, `userinfo` true
/// when a user name or password is present, `host` as serialized (IPv6 in brackets), `fragment`
/// true when the URL has one (even an empty one).
pub fn check_parts(scheme: &str, userinfo: bool, host: &str, fragment: bool) -> Result<(), UrlProblem> {
    if scheme != "https" && scheme != "http" {
        return Err(UrlProblem::Scheme);
    }
    if userinfo {
        return Err(UrlProblem::Userinfo);
    }
    if fragment {
        return Err(UrlProblem::Fragment);
    }
    if scheme == "http" && !is_loopback_host(host) {
        return Err(UrlProblem::NotLoopback);
    }
    Ok(())
}

/// Parses a resolver URL and applies the rule; `Ok` holds the URL to use (the parser's
/// serialization, e.g. `http://127.0.0.1/dns-query` for `http://2130706433/dns-query`).
pub fn parse_resolver_url(input: &str) -> Result<String, UrlProblem> {
    let u = url::Url::parse(input).map_err(|_| UrlProblem::Unparsable)?;
    let host = u.host_str().unwrap_or("");
    let userinfo = !u.username().is_empty() || u.password().is_some();
    check_parts(u.scheme(), userinfo, host, u.fragment().is_some())?;
    Ok(u.as_str().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts() {
        for h in ["127.0.0.1", "127.255.0.9", "[::1]", "[::ffff:7f00:1]", "localhost"] {
            assert!(is_loopback_host(h), "{h}");
        }
        for h in [
            "",
            "localhost.",
            "localhost.example",
            "127.0.0.1.example",
            "[::]",
            "[::ffff:c633:6435]",
            "0.0.0.0",
            "::1",
            "128.0.0.1",
        ] {
            assert!(!is_loopback_host(h), "{h}");
        }
    }

    #[test]
    fn the_rule_in_its_order() {
        assert_eq!(check_parts("ftp", true, "127.0.0.1", false), Err(UrlProblem::Scheme));
        assert_eq!(
            check_parts("https", true, "dns.example", false),
            Err(UrlProblem::Userinfo)
        );
        assert_eq!(
            check_parts("https", false, "dns.example", true),
            Err(UrlProblem::Fragment)
        );
        assert_eq!(
            check_parts("http", false, "dns.example", false),
            Err(UrlProblem::NotLoopback)
        );
        assert_eq!(check_parts("https", false, "dns.example", false), Ok(()));
        assert_eq!(check_parts("http", false, "[::1]", false), Ok(()));
    }
}
