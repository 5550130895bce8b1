//! DNS blocklists: which lists to ask, and reading their answers correctly.
//!
//! A listing is an A record in 127.0.0.0/8 that is not an error code; NXDOMAIN is "not listed".
//! Spamhaus answers 127.255.255.0/24 for errors (.254: the query came through a public resolver,
//! .255: too many queries, .252: bad zone name) — never a listing. Each list is also asked its
//! RFC 5782 test points: `2.0.0.127` must be listed (else the list is not answering) and
//! `1.0.0.127` must not (else it lists everything and is ignored). Dead lists are never queried.

use super::checks::reversed_labels;
use super::resolver::Resolver;
use super::wire::{norm_name, Lookup, RType, Rdata, Why};
use serde::Serialize;
use std::net::{IpAddr, Ipv4Addr};

/// How a list reports errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ListFamily {
    /// Spamhaus: 127.255.255.0/24 are error codes.
    Spamhaus,
    /// Any other list following RFC 5782.
    Generic,
}

/// One DNS blocklist to ask.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dnsbl {
    /// Display name, e.g. "Spamhaus ZEN".
    pub name: String,
    /// The DNS zone, e.g. `zen.spamhaus.org`.
    pub zone: String,
    /// How it reports errors.
    pub family: ListFamily,
    /// Whether it lists IPv6 addresses.
    pub ipv6: bool,
    /// The page where an address can be looked up and delisted; `{ip}` is replaced by the address.
    pub delist_url: String,
}

impl Dnsbl {
    /// A list with the generic RFC 5782 reading.
    pub fn new(name: &str, zone: &str, delist_url: &str) -> Dnsbl {
        Dnsbl {
            name: name.into(),
            zone: norm_name(zone),
            family: ListFamily::Generic,
            ipv6: false,
            delist_url: delist_url.into(),
        }
    }

    /// The delisting / lookup page for `ip`.
    pub fn delist_for(&self, ip: &str) -> String {
        self.delist_url.replace("{ip}", ip)
    }
}

/// Zones of lists that are closed; they are never queried, whatever the configuration says.
pub const DEAD_ZONES: &[&str] = &["sorbs.net", "njabl.org", "ahbl.org", "dsbl.org", "ordb.org"];

/// True when `zone` belongs to a closed list.
pub fn is_dead(zone: &str) -> bool {
    let z = norm_name(zone);
    DEAD_ZONES.iter().any(|d| z == *d || z.ends_with(&format!(".{d}")))
}

/// The default set: live, widely used lists with a public lookup/delist page.
pub fn default_lists() -> Vec<Dnsbl> {
    vec![
        Dnsbl {
            name: "Spamhaus ZEN".into(),
            zone: "zen.spamhaus.org".into(),
            family: ListFamily::Spamhaus,
            ipv6: true,
            delist_url: "https://check.spamhaus.org/".into(),
        },
        Dnsbl::new("SpamCop", "bl.spamcop.net", "https://www.spamcop.net/bl.shtml?{ip}"),
        Dnsbl::new(
            "Barracuda",
            "b.barracudacentral.org",
            "https://www.barracudacentral.org/lookups",
        ),
        Dnsbl::new("PSBL", "psbl.surriel.com", "https://psbl.org/listing?ip={ip}"),
    ]
}

/// What one list says about the address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "status")]
pub enum DnsblStatus {
    /// Listed: return codes and the list's TXT reasons.
    Listed {
        /// The A records returned (127.0.0.x).
        codes: Vec<String>,
        /// TXT reasons, when the list gives them.
        reasons: Vec<String>,
    },
    /// Not listed (NXDOMAIN), and the list answers its test point.
    NotListed,
    /// Spamhaus refused the query because it came through a public resolver (127.255.255.254).
    PublicResolver,
    /// Spamhaus: too many queries (127.255.255.255).
    RateLimited,
    /// Another list error code (e.g. Spamhaus 127.255.255.252, a mistyped zone).
    ListError {
        /// The code.
        code: String,
    },
    /// The list lists its "must not be listed" test point 127.0.0.1: it lists everything; ignored.
    ListsEverything,
    /// The list does not list its "must be listed" test point 127.0.0.2: it is not answering.
    NotAnswering,
    /// The list says the address is listed, but does not list its own test point 127.0.0.2: its
    /// answers cannot be trusted, so the listing is not confirmed.
    UnverifiedListing {
        /// The A records returned for the address.
        codes: Vec<String>,
    },
    /// The list answered an address outside 127.0.0.0/8: a broken or hijacked zone.
    BadAnswer {
        /// The address returned.
        addr: String,
    },
    /// The list does not cover IPv6 addresses.
    NoIpv6,
    /// A closed list; never queried.
    DeadList,
    /// No usable answer.
    Unknown {
        /// Why.
        why: Why,
    },
}

/// One list's verdict on the sending IP.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DnsblCheck {
    /// The list's display name.
    pub list: String,
    /// Its zone.
    pub zone: String,
    /// The name queried.
    pub query: String,
    /// Where to look the address up and request delisting.
    pub delist_url: String,
    /// The verdict.
    #[serde(flatten)]
    pub status: DnsblStatus,
}

enum Answer {
    Listed(Vec<Ipv4Addr>),
    NotListed,
    Status(DnsblStatus),
}

fn read(list: &Dnsbl, l: &Lookup) -> Answer {
    match l {
        Lookup::NxDomain | Lookup::NoData => Answer::NotListed,
        Lookup::Unknown { why } => Answer::Status(DnsblStatus::Unknown { why: why.clone() }),
        Lookup::Found { records } => {
            let v4: Vec<Ipv4Addr> = records
                .iter()
                .filter_map(|r| match r {
                    Rdata::A(a) => Some(*a),
                    _ => None,
                })
                .collect();
            if let Some(bad) = v4.iter().find(|a| a.octets()[0] != 127) {
                return Answer::Status(DnsblStatus::BadAnswer { addr: bad.to_string() });
            }
            if list.family == ListFamily::Spamhaus {
                if let Some(e) = v4.iter().find(|a| a.octets()[..3] == [127, 255, 255]) {
                    return Answer::Status(match e.octets()[3] {
                        254 => DnsblStatus::PublicResolver,
                        255 => DnsblStatus::RateLimited,
                        _ => DnsblStatus::ListError { code: e.to_string() },
                    });
                }
            }
            if v4.is_empty() {
                Answer::NotListed
            } else {
                Answer::Listed(v4)
            }
        }
    }
}

/// Asks one list about `ip` (and its test points, and the TXT reason when listed).
pub async fn check_list<R: Resolver + ?Sized>(r: &R, list: &Dnsbl, ip: IpAddr) -> DnsblCheck {
    // An IPv4-mapped address is listed (or not) as the IPv4 address it is.
    let ip = ip.to_canonical();
    let query = format!("{}.{}", reversed_labels(ip), list.zone);
    let done = |status| DnsblCheck {
        list: list.name.clone(),
        zone: list.zone.clone(),
        query: query.clone(),
        delist_url: list.delist_for(&ip.to_string()),
        status,
    };
    if is_dead(&list.zone) {
        return done(DnsblStatus::DeadList);
    }
    if ip.is_ipv6() && !list.ipv6 {
        return done(DnsblStatus::NoIpv6);
    }
    let (main, must, must_not) = futures::future::join3(
        r.lookup(&query, RType::A),
        r.lookup(&format!("2.0.0.127.{}", list.zone), RType::A),
        r.lookup(&format!("1.0.0.127.{}", list.zone), RType::A),
    )
    .await;
    // Errors on the real query come first: they say why nothing can be known.
    let main = match read(list, &main) {
        Answer::Status(s) => return done(s),
        a => a,
    };
    if let Answer::Listed(_) = read(list, &must_not) {
        return done(DnsblStatus::ListsEverything);
    }
    match (read(list, &must), &main) {
        (Answer::Listed(_), _) => {}
        (Answer::NotListed, Answer::Listed(codes)) => {
            return done(DnsblStatus::UnverifiedListing {
                codes: codes.iter().map(Ipv4Addr::to_string).collect(),
            })
        }
        (Answer::NotListed, _) => return done(DnsblStatus::NotAnswering),
        (Answer::Status(s), _) => return done(s),
    }
    match main {
        Answer::Listed(codes) => {
            let txt = r.lookup(&query, RType::Txt).await;
            let reasons = txt
                .records()
                .iter()
                .filter_map(|x| match x {
                    Rdata::Txt(t) => Some(t.chars().filter(|c| !c.is_control()).take(300).collect()),
                    _ => None,
                })
                .collect();
            done(DnsblStatus::Listed {
                codes: codes.iter().map(Ipv4Addr::to_string).collect(),
                reasons,
            })
        }
        _ => done(DnsblStatus::NotListed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dead_lists_are_recognised() {
        assert!(is_dead("dnsbl.sorbs.net"));
        assert!(is_dead("list.dsbl.org."));
        assert!(!is_dead("zen.spamhaus.org"));
        assert!(default_lists().iter().all(|l| !is_dead(&l.zone)));
    }

    #[test]
    fn spamhaus_error_codes_are_not_listings() {
        let sh = &default_lists()[0];
        let ans = |o: u8| Lookup::Found {
            records: vec![Rdata::A(Ipv4Addr::new(127, 255, 255, o))],
        };
        assert!(matches!(
            read(sh, &ans(254)),
            Answer::Status(DnsblStatus::PublicResolver)
        ));
        assert!(matches!(read(sh, &ans(255)), Answer::Status(DnsblStatus::RateLimited)));
        assert!(matches!(
            read(sh, &ans(252)),
            Answer::Status(DnsblStatus::ListError { .. })
        ));
        let generic = Dnsbl::new("X", "x.test", "");
        assert!(matches!(read(&generic, &ans(254)), Answer::Listed(_)));
        let outside = Lookup::Found {
            records: vec![Rdata::A(Ipv4Addr::new(192, 0, 2, 1))],
        };
        assert!(matches!(
            read(&generic, &outside),
            Answer::Status(DnsblStatus::BadAnswer { .. })
        ));
    }
}
