//! DNS checks over DNS-over-HTTPS (RFC 8484): evidence that turns "probably" into "confirmed".
//!
//! One DoH client ([`resolver::DohResolver`]) runs over the browser's `fetch` ([`browser`]) or a
//! native blocking client ([`native`]); every check is written once against the
//! [`resolver::Resolver`] trait. [`targets`] picks what to check from an analysis, [`run`] runs all
//! checks in parallel and returns a serializable [`DnsReport`] (the `dns` field of the JSON
//! output), and [`evidence`] turns it into localized lines.
//!
//! Checks run only when the user asks; the only requests made are DoH GETs to the chosen resolver.

pub mod checks;
pub mod dmarc;
pub mod dnsbl;
pub mod doh_url;
pub mod evidence;
pub mod resolver;
pub mod spf;
pub mod timer;
pub mod verdict;
pub mod wire;

#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(not(target_arch = "wasm32"))]
pub mod native;

pub use doh_url::{parse_resolver_url, UrlProblem};
pub use evidence::{evidence, evidence_items, EvidenceItem};

use crate::model::{HopRole, Report};
use checks::{HostCheck, MxCheck, PtrCheck};
use dmarc::DmarcCheck;
use dnsbl::{Dnsbl, DnsblCheck};
use futures::future::join_all;
use resolver::{QueryLog, Resolver};
use serde::{Deserialize, Serialize};
use spf::SpfCheck;
use std::net::IpAddr;
use std::sync::LazyLock;

/// Public DoH resolvers the user can pick from: `(message id of its name, GET URL)`. Quad9's is
/// its unfiltered service, so its answers are not altered by a blocklist of its own.
pub const RESOLVERS: &[(&str, &str)] = &[
    ("dns-resolver-cloudflare", "https://cloudflare-dns.com/dns-query"),
    ("dns-resolver-google", "https://dns.google/dns-query"),
    ("dns-resolver-quad9", "https://dns10.quad9.net/dns-query"),
];

/// How to run the checks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Config {
    /// The DoH endpoint (GET, RFC 8484).
    pub resolver_url: String,
    /// The blocklists to ask (closed lists are never queried even if listed here).
    pub lists: Vec<Dnsbl>,
    /// Time allowed for each HTTP attempt, in milliseconds (one retry follows a timeout).
    pub timeout_ms: u32,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            resolver_url: RESOLVERS[0].1.to_string(),
            lists: dnsbl::default_lists(),
            timeout_ms: 4000,
        }
    }
}

/// True for a resolver URL we agree to use: `https://`, or plain `http://` only on loopback, with
/// no user name, password or fragment (the WHATWG parser decides; see [`doh_url`]).
pub fn valid_resolver_url(url: &str) -> bool {
    doh_url::parse_resolver_url(url).is_ok()
}

impl Config {
    /// The default configuration with another resolver (a URL that passed
    /// [`parse_resolver_url`], as that returned it).
    pub fn with_resolver(url: &str) -> Config {
        Config {
            resolver_url: url.to_string(),
            ..Config::default()
        }
    }
}

/// Where the sending IP came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IpSource {
    /// Quoted by the refusing server in its reply: the address it saw.
    Diagnostic,
    /// The last public address on the message's path (the refusing server may have seen another).
    Hops,
}

/// The address that sent the message to the refusing server, as far as the report tells.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendingIp {
    /// The address.
    pub ip: String,
    /// Where it was found.
    pub source: IpSource,
}

/// What the checks are about, picked from an analysis. Serializable both ways so a Web Worker
/// can hand it to the page.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Targets {
    /// The sending IP (PTR, blocklists, SPF).
    pub ip: Option<SendingIp>,
    /// The author (`From:`) address of the bounced message (SPF, DMARC).
    pub sender: Option<String>,
    /// Domains of the failed recipients (MX).
    pub recipient_domains: Vec<String>,
    /// Hosts that refused (A/AAAA).
    pub hosts: Vec<String>,
    /// The main reason id of the analysis, used to rank the evidence.
    pub reason: Option<String>,
    /// Each recipient's reason id, in recipient order, for the per-recipient verdicts
    /// ([`verdict::verdict_for`]).
    #[serde(default)]
    pub reasons: Vec<String>,
}

impl Targets {
    /// The sender's domain.
    pub fn sender_domain(&self) -> Option<String> {
        self.sender
            .as_deref()
            .and_then(|s| s.rsplit_once('@'))
            .map(|(_, d)| d.to_string())
    }

    /// The first names that will be queried (the SPF evaluation and the DMARC walk may ask more
    /// below these), for the UI to show before the user agrees to run the checks.
    pub fn planned_names(&self, cfg: &Config) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(ip) = self.ip.as_ref().and_then(|i| report_ip(&i.ip)) {
            out.push(checks::reverse_name(ip));
            for l in cfg
                .lists
                .iter()
                .filter(|l| !dnsbl::is_dead(&l.zone) && (ip.is_ipv4() || l.ipv6))
            {
                out.push(format!("{}.{}", checks::reversed_labels(ip), l.zone));
                out.push(format!("2.0.0.127.{}", l.zone));
                out.push(format!("1.0.0.127.{}", l.zone));
            }
        }
        if let Some(d) = self.sender_domain() {
            out.push(d.clone());
            out.push(format!("_dmarc.{d}"));
        }
        out.extend(self.recipient_domains.iter().cloned());
        out.extend(self.hosts.iter().cloned());
        out
    }
}

/// Everything the DNS checks found; the `dns` field of the JSON output.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct DnsReport {
    /// The DoH resolver used.
    pub resolver: String,
    /// True when no query got any answer from the resolver (offline, wrong URL, blocked).
    pub resolver_unreachable: bool,
    /// What was checked.
    pub targets: Targets,
    /// Reverse DNS of the sending IP with forward confirmation.
    pub ptr: Option<PtrCheck>,
    /// Blocklist verdicts on the sending IP.
    pub dnsbl: Vec<DnsblCheck>,
    /// SPF of the sender's domain for the sending IP.
    pub spf: Option<SpfCheck>,
    /// DMARC of the sender's domain.
    pub dmarc: Option<DmarcCheck>,
    /// MX of each recipient domain.
    pub mx: Vec<MxCheck>,
    /// Addresses of each refusing host.
    pub hosts: Vec<HostCheck>,
    /// Every query made, in order.
    pub queries: Vec<QueryLog>,
}

static IPV4: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"(?:^|[^0-9.])((?:[0-9]{1,3}\.){3}[0-9]{1,3})(?:$|[^0-9.]|\.(?:$|\s))").expect("ipv4 regex")
});
static IPV6: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(r"(?i)\[(?:ipv6:)?([0-9a-f:.]{3,45})\]").expect("ipv6 regex"));

/// True for an address that can be on the public Internet (documentation ranges included, so
/// examples and tests work; private, loopback, link-local, CGNAT and multicast excluded).
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let o = v4.octets();
            !(v4.is_private()
                || v4.is_loopback()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_multicast()
                || v4.is_broadcast()
                || o[0] == 0
                || o[0] >= 240
                || (o[0] == 100 && (64..128).contains(&o[1])))
        }
        IpAddr::V6(v6) => {
            let s = v6.segments();
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public(IpAddr::V4(v4));
            }
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (s[0] & 0xfe00) == 0xfc00
                || (s[0] & 0xffc0) == 0xfe80)
        }
    }
}

/// An address as a report writes it (`192.0.2.10`, `[192.0.2.10]`, `IPv6:2001:db8::1`,
/// `[::ffff:192.0.2.10]`), with an IPv4-mapped IPv6 address turned into the IPv4 address it is:
/// the sender is an IPv4 host, whose PTR is under in-addr.arpa, whose SPF terms are `ip4:`
/// and which blocklists list by its IPv4 address.
pub fn report_ip(raw: &str) -> Option<IpAddr> {
    let s = raw.trim().trim_matches(['[', ']']);
    let s = match s.get(..5) {
        Some(p) if p.eq_ignore_ascii_case("ipv6:") => &s[5..],
        _ => s,
    };
    s.parse::<IpAddr>().ok().map(|ip| ip.to_canonical())
}

fn ips_in(text: &str) -> Vec<IpAddr> {
    let mut out: Vec<IpAddr> = IPV4
        .captures_iter(text)
        .filter_map(|c| report_ip(c.get(1)?.as_str()))
        .collect();
    out.extend(IPV6.captures_iter(text).filter_map(|c| report_ip(c.get(1)?.as_str())));
    out
}

fn host_name(raw: &str) -> Option<String> {
    let s = raw.trim();
    let s = s.split_once(';').map_or(
        s,
        |(t, rest)| if t.trim().eq_ignore_ascii_case("dns") { rest } else { s },
    );
    let tok = s.split([' ', '[', '(', ']', ')']).find(|t| !t.is_empty())?;
    let name = wire::norm_name(tok);
    if name.parse::<IpAddr>().is_ok() || !name.contains('.') || name.len() > 253 {
        return None;
    }
    let ok = name.split('.').all(|l| {
        !l.is_empty() && l.len() <= 63 && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    });
    ok.then_some(name)
}

fn address_in(raw: &str) -> Option<String> {
    let inner = match (raw.rfind('<'), raw.rfind('>')) {
        (Some(a), Some(b)) if a < b => &raw[a + 1..b],
        _ => raw,
    };
    let tok = inner.split_whitespace().find(|t| t.contains('@'))?;
    let tok = tok.trim_matches(|c: char| matches!(c, '<' | '>' | '"' | ',' | ';'));
    let (local, domain) = tok.rsplit_once('@')?;
    let domain = host_name(domain)?;
    (!local.is_empty()).then(|| format!("{local}@{domain}"))
}

/// Picks the sending IP, sender, recipient domains and refusing hosts from an analysis.
pub fn targets(report: &Report) -> Targets {
    let remote_ips: Vec<IpAddr> = report
        .hops
        .iter()
        .filter(|h| h.role == HopRole::Remote)
        .filter_map(|h| report_ip(h.ip.as_deref()?))
        .collect();
    // The explanation's choice of the sending client's address (report.sender_ip) decides among
    // the addresses the replies quote, so the checks test the address the advice names.
    let chosen = report.sender_ip.as_deref().and_then(report_ip);
    let quoted: Vec<IpAddr> = report
        .recipients
        .iter()
        .filter_map(|r| r.diagnostic.as_deref())
        .flat_map(ips_in)
        .filter(|ip| is_public(*ip) && !remote_ips.contains(ip))
        .collect();
    let from_diag = quoted
        .iter()
        .find(|ip| Some(**ip) == chosen)
        .or(quoted.first())
        .map(|ip| SendingIp {
            ip: ip.to_string(),
            source: IpSource::Diagnostic,
        });
    let ip = from_diag.or_else(|| {
        report
            .hops
            .iter()
            .rev()
            .filter(|h| h.role != HopRole::Remote)
            .filter_map(|h| report_ip(h.ip.as_deref()?))
            .find(|ip| is_public(*ip))
            .map(|ip| SendingIp {
                ip: ip.to_string(),
                source: IpSource::Hops,
            })
    });
    let sender = report
        .original
        .as_ref()
        .and_then(|o| o.from.as_deref())
        .and_then(address_in);
    let mut recipient_domains: Vec<String> = Vec::new();
    for d in report
        .recipients
        .iter()
        .filter_map(|r| r.address.as_deref())
        .filter_map(|a| host_name(a.rsplit_once('@')?.1))
    {
        if !recipient_domains.contains(&d) && recipient_domains.len() < 5 {
            recipient_domains.push(d);
        }
    }
    let mut hosts: Vec<String> = Vec::new();
    for h in report
        .recipients
        .iter()
        .filter_map(|r| r.remote_mta.as_deref())
        .filter_map(host_name)
    {
        if !hosts.contains(&h) && hosts.len() < 5 {
            hosts.push(h);
        }
    }
    Targets {
        ip,
        sender,
        recipient_domains,
        hosts,
        reason: report.recipients.first().map(|r| r.reason.as_str().to_string()),
        reasons: report
            .recipients
            .iter()
            .map(|r| r.reason.as_str().to_string())
            .collect(),
    }
}

/// Runs every check that the targets allow, in parallel, through `r`.
pub async fn run_targets<R: Resolver + ?Sized>(r: &R, resolver_url: &str, t: Targets, cfg: &Config) -> DnsReport {
    // Targets may come from elsewhere (the page hands them to the worker as JSON): map again.
    let ip: Option<IpAddr> = t.ip.as_ref().and_then(|i| report_ip(&i.ip));
    let sender = t.sender.clone();
    let domain = t.sender_domain();
    let ptr = async {
        match ip {
            Some(ip) => Some(checks::check_ptr(r, ip).await),
            None => None,
        }
    };
    let lists = async {
        match ip {
            Some(ip) => join_all(cfg.lists.iter().map(|l| dnsbl::check_list(r, l, ip))).await,
            None => Vec::new(),
        }
    };
    let spf = async {
        match (ip, &sender) {
            (Some(ip), Some(s)) => Some(spf::check_spf(r, s, ip).await),
            _ => None,
        }
    };
    let dmarc = async {
        match &domain {
            Some(d) => Some(dmarc::check_dmarc(r, d).await),
            None => None,
        }
    };
    let mx = join_all(t.recipient_domains.iter().map(|d| checks::check_mx(r, d)));
    let hosts = join_all(t.hosts.iter().map(|h| checks::check_host_addrs(r, h)));
    let ((ptr, dnsbl, spf), (dmarc, mx, hosts)) = futures::future::join(
        futures::future::join3(ptr, lists, spf),
        futures::future::join3(dmarc, mx, hosts),
    )
    .await;
    let (answered, failed) = r.stats();
    DnsReport {
        resolver: resolver_url.to_string(),
        resolver_unreachable: answered == 0 && failed > 0,
        targets: t,
        ptr,
        dnsbl,
        spf,
        dmarc,
        mx,
        hosts,
        queries: r.queries(),
    }
}

/// Picks the targets from `report` and runs the checks through `r`.
pub async fn run<R: Resolver + ?Sized>(r: &R, resolver_url: &str, report: &Report, cfg: &Config) -> DnsReport {
    run_targets(r, resolver_url, targets(report), cfg).await
}

/// Runs the checks natively (blocking; queries run in parallel on threads) at `cfg.resolver_url`.
#[cfg(not(target_arch = "wasm32"))]
pub fn run_blocking(report: &Report, cfg: &Config) -> DnsReport {
    let r = resolver::DohResolver::new(&cfg.resolver_url, native::NativeTransport::new(), cfg.timeout_ms);
    futures::executor::block_on(run(&r, &cfg.resolver_url, report, cfg))
}

/// Runs the checks in the browser through `fetch` at `cfg.resolver_url`.
#[cfg(target_arch = "wasm32")]
pub async fn run_in_browser(report: &Report, cfg: &Config) -> DnsReport {
    let r = resolver::DohResolver::new(&cfg.resolver_url, browser::FetchTransport, cfg.timeout_ms);
    run(&r, &cfg.resolver_url, report, cfg).await
}

/// Runs the checks for already-picked targets in the browser through `fetch`.
#[cfg(target_arch = "wasm32")]
pub async fn run_targets_in_browser(t: Targets, cfg: &Config) -> DnsReport {
    let r = resolver::DohResolver::new(&cfg.resolver_url, browser::FetchTransport, cfg.timeout_ms);
    run_targets(&r, &cfg.resolver_url, t, cfg).await
}

impl Targets {
    /// Whether any check can run.
    pub fn is_empty(&self) -> bool {
        self.ip.is_none() && self.sender.is_none() && self.recipient_domains.is_empty() && self.hosts.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Hop, Original, Recipient};

    fn hop(ip: &str, role: HopRole) -> Hop {
        Hop {
            from: None,
            by: None,
            ip: Some(ip.into()),
            date: None,
            delay_s: None,
            role,
        }
    }

    #[test]
    fn targets_prefer_the_ip_the_remote_server_quoted() {
        let report = Report {
            recipients: vec![Recipient {
                address: Some("user@Example.TEST".into()),
                diagnostic: Some(
                    "554 5.7.1 Service unavailable; Client host [203.0.113.9] blocked using zen.spamhaus.org".into(),
                ),
                remote_mta: Some("dns; mx1.example.test".into()),
                ..Default::default()
            }],
            hops: vec![
                hop("10.0.0.5", HopRole::Sender),
                hop("198.51.100.7", HopRole::Relay),
                hop("192.0.2.25", HopRole::Remote),
            ],
            original: Some(Original {
                from: Some("Alice Sender <alice@sender.test>".into()),
                ..Default::default()
            }),
            ..Default::default()
        };
        let t = targets(&report);
        assert_eq!(
            t.ip,
            Some(SendingIp {
                ip: "203.0.113.9".into(),
                source: IpSource::Diagnostic
            })
        );
        assert_eq!(t.sender.as_deref(), Some("alice@sender.test"));
        assert_eq!(t.recipient_domains, ["example.test"]);
        assert_eq!(t.hosts, ["mx1.example.test"]);
        let mut no_diag = report.clone();
        no_diag.recipients[0].diagnostic = Some("550 5.1.1 user unknown".into());
        assert_eq!(targets(&no_diag).ip.unwrap().ip, "198.51.100.7");
        assert_eq!(targets(&no_diag).ip.unwrap().source, IpSource::Hops);
        // The explanation's choice of the client address wins: a reply that also quotes the
        // remote MX's own address, a report whose sender_ip names the client.
        let mut two = report.clone();
        two.recipients[0].diagnostic =
            Some("550 5.7.1 mx 192.0.2.80 refuses mail: Client host [203.0.113.9] is listed".into());
        two.sender_ip = Some("203.0.113.9".into());
        assert_eq!(
            targets(&two).ip,
            Some(SendingIp {
                ip: "203.0.113.9".into(),
                source: IpSource::Diagnostic
            })
        );
        no_diag.sender_ip = Some("198.51.100.7".into());
        assert_eq!(targets(&no_diag).ip.unwrap().source, IpSource::Hops);
        let names = t.planned_names(&Config::default());
        assert_eq!(names[0], "9.113.0.203.in-addr.arpa");
        assert!(names.contains(&"9.113.0.203.zen.spamhaus.org".to_string()));
        assert!(names.contains(&"2.0.0.127.zen.spamhaus.org".to_string()));
        assert!(names.contains(&"_dmarc.sender.test".to_string()));
        assert!(names.iter().all(|n| !n.contains("sorbs")));
    }

    #[test]
    fn public_addresses() {
        for ip in [
            "10.1.2.3",
            "192.168.0.1",
            "127.0.0.1",
            "100.64.0.1",
            "fe80::1",
            "fd00::1",
            "::1",
        ] {
            assert!(!is_public(ip.parse().unwrap()), "{ip}");
        }
        for ip in ["203.0.113.9", "8.8.8.8", "2001:db8::1"] {
            assert!(is_public(ip.parse().unwrap()), "{ip}");
        }
        assert_eq!(
            ips_in("host [2001:db8::25] and 192.0.2.1."),
            ["192.0.2.1".parse::<IpAddr>().unwrap(), "2001:db8::25".parse().unwrap()]
        );
        assert!(ips_in("version 1.2.3.4.5").is_empty());
    }
}
