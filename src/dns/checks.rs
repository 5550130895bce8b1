//! Reverse DNS with forward confirmation, MX of the recipient's domain, addresses of the failing
//! host: the small checks, each written once against [`Resolver`].

use super::resolver::Resolver;
use super::wire::{Lookup, RType, Rdata, Why};
use futures::future::join_all;
use serde::Serialize;
use std::net::IpAddr;

/// The reverse-DNS name of an address: `d.c.b.a.in-addr.arpa` or the ip6.arpa nibble form.
pub fn reverse_name(ip: IpAddr) -> String {
    format!(
        "{}.{}",
        reversed_labels(ip),
        if ip.is_ipv4() { "in-addr.arpa" } else { "ip6.arpa" }
    )
}

/// The address reversed into DNS labels without a suffix (`9.113.0.203`, or 32 nibbles for IPv6),
/// as DNSBL queries and the SPF `%{ir}` macro use it.
pub fn reversed_labels(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => {
            let o = v4.octets();
            format!("{}.{}.{}.{}", o[3], o[2], o[1], o[0])
        }
        IpAddr::V6(v6) => {
            let mut s = String::with_capacity(64);
            for b in v6.octets().iter().rev() {
                s.push_str(&format!("{:x}.{:x}.", b & 0xf, b >> 4));
            }
            s.pop();
            s
        }
    }
}

/// The address's own record type: `A` for IPv4, `AAAA` for IPv6.
pub fn addr_type(ip: IpAddr) -> RType {
    if ip.is_ipv4() {
        RType::A
    } else {
        RType::Aaaa
    }
}

/// Addresses among the records.
pub fn addrs(records: &[Rdata]) -> Vec<IpAddr> {
    records
        .iter()
        .filter_map(|r| match r {
            Rdata::A(a) => Some(IpAddr::V4(*a)),
            Rdata::Aaaa(a) => Some(IpAddr::V6(*a)),
            _ => None,
        })
        .collect()
}

/// The result of the reverse-DNS check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "status")]
pub enum PtrStatus {
    /// A PTR name resolves back to the address (FCrDNS passes).
    Confirmed {
        /// The confirmed name.
        name: String,
        /// The name looks generic (it contains the address, or words like "dynamic").
        generic: bool,
    },
    /// PTR names exist but none resolves back to the address.
    Mismatch {
        /// The PTR names.
        names: Vec<String>,
        /// The addresses those names resolve to.
        resolves_to: Vec<String>,
        /// The PTR names that do not exist at all (NXDOMAIN).
        nonexistent: Vec<String>,
    },
    /// No PTR record at all.
    Missing,
    /// No usable answer.
    Unknown {
        /// Why.
        why: Why,
    },
}

/// Reverse DNS of the sending IP, with forward confirmation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PtrCheck {
    /// The address checked.
    pub ip: String,
    /// The reverse name queried.
    pub query: String,
    /// What was found.
    #[serde(flatten)]
    pub status: PtrStatus,
}

fn looks_generic(name: &str, ip: IpAddr) -> bool {
    let words = [
        "dynamic",
        "dyn-",
        "dhcp",
        "dsl",
        "pool",
        "dialup",
        "cable",
        "broadband",
        "customer",
        "ppp",
    ];
    if words.iter().any(|w| name.contains(w)) {
        return true;
    }
    if let IpAddr::V4(v4) = ip {
        let o = v4.octets();
        for sep in ['-', '.', '_'] {
            let fwd = format!("{}{sep}{}{sep}{}{sep}{}", o[0], o[1], o[2], o[3]);
            let rev = format!("{}{sep}{}{sep}{}{sep}{}", o[3], o[2], o[1], o[0]);
            if name.contains(&fwd) || name.contains(&rev) {
                return true;
            }
        }
    }
    false
}

/// PTR names of `ip` that resolve back to it (at most 10 names are tried, as RFC 7208 5.5 says),
/// and all names with what they resolve to; `Err` when the PTR lookup itself failed.
pub async fn validated_names<R: Resolver + ?Sized>(
    r: &R,
    ip: IpAddr,
) -> Result<(Vec<String>, Vec<String>, Vec<IpAddr>), Lookup> {
    let ptr = r.lookup(&reverse_name(ip), RType::Ptr).await;
    let names: Vec<String> = ptr
        .records()
        .iter()
        .filter_map(|x| match x {
            Rdata::Ptr(n) => Some(n.clone()),
            _ => None,
        })
        .take(10)
        .collect();
    if names.is_empty() {
        return Err(ptr);
    }
    let fwd = join_all(names.iter().map(|n| r.lookup(n, addr_type(ip)))).await;
    let mut ok = Vec::new();
    let mut seen = Vec::new();
    for (n, l) in names.iter().zip(&fwd) {
        let a = addrs(l.records());
        if a.contains(&ip) {
            ok.push(n.clone());
        }
        seen.extend(a);
    }
    Ok((ok, names, seen))
}

/// Runs the PTR + forward-confirmation check.
pub async fn check_ptr<R: Resolver + ?Sized>(r: &R, ip: IpAddr) -> PtrCheck {
    // An IPv4-mapped address is the IPv4 host: its PTR is under in-addr.arpa.
    let ip = ip.to_canonical();
    let status = match validated_names(r, ip).await {
        Err(Lookup::Unknown { why }) => PtrStatus::Unknown { why },
        Err(_) => PtrStatus::Missing,
        Ok((ok, names, seen)) => match ok.first() {
            Some(name) => PtrStatus::Confirmed {
                generic: looks_generic(name, ip),
                name: name.clone(),
            },
            None => {
                // The forward answers again (from the resolver's cache): a name that does not
                // exist is said so, and a failed forward lookup proves no mismatch.
                let fwd = join_all(names.iter().map(|n| r.lookup(n, addr_type(ip)))).await;
                match fwd.iter().find_map(Lookup::why) {
                    Some(why) if seen.is_empty() => PtrStatus::Unknown { why: why.clone() },
                    _ => PtrStatus::Mismatch {
                        nonexistent: names
                            .iter()
                            .zip(&fwd)
                            .filter(|(_, l)| **l == Lookup::NxDomain)
                            .map(|(n, _)| n.clone())
                            .collect(),
                        names,
                        resolves_to: seen.iter().map(IpAddr::to_string).collect(),
                    },
                }
            }
        },
    };
    PtrCheck {
        ip: ip.to_string(),
        query: reverse_name(ip),
        status,
    }
}

/// One MX record.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct MxHost {
    /// Lower is preferred.
    pub preference: u16,
    /// The mail server's name.
    pub host: String,
}

/// Where mail for the recipient's domain goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "status")]
pub enum MxStatus {
    /// MX records, most preferred first.
    Mx {
        /// The MX records.
        hosts: Vec<MxHost>,
    },
    /// A null MX (RFC 7505): the domain accepts no mail.
    NullMx,
    /// No MX, but the domain has an address, which is used instead (RFC 5321 5.1).
    Implicit {
        /// The addresses.
        addrs: Vec<String>,
    },
    /// The domain exists but has neither MX nor address: no mail can be delivered.
    NoMail,
    /// The domain does not exist.
    NoDomain,
    /// No usable answer.
    Unknown {
        /// Why.
        why: Why,
    },
}

/// MX (or null MX) of one recipient domain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MxCheck {
    /// The domain.
    pub domain: String,
    /// What was found.
    #[serde(flatten)]
    pub status: MxStatus,
}

/// Looks up where mail for `domain` goes.
pub async fn check_mx<R: Resolver + ?Sized>(r: &R, domain: &str) -> MxCheck {
    let mx = r.lookup(domain, RType::Mx).await;
    let status = match &mx {
        Lookup::Unknown { why } => MxStatus::Unknown { why: why.clone() },
        Lookup::NxDomain => MxStatus::NoDomain,
        Lookup::Found { records } => {
            let mut hosts: Vec<MxHost> = records
                .iter()
                .filter_map(|x| match x {
                    Rdata::Mx(p, h) => Some(MxHost {
                        preference: *p,
                        host: h.clone(),
                    }),
                    _ => None,
                })
                .collect();
            hosts.sort();
            if hosts.len() == 1 && hosts[0].host.is_empty() {
                MxStatus::NullMx
            } else {
                MxStatus::Mx { hosts }
            }
        }
        Lookup::NoData => {
            let (a, aaaa) = futures::future::join(r.lookup(domain, RType::A), r.lookup(domain, RType::Aaaa)).await;
            let mut found: Vec<String> = addrs(a.records()).iter().map(IpAddr::to_string).collect();
            found.extend(addrs(aaaa.records()).iter().map(IpAddr::to_string));
            if !found.is_empty() {
                MxStatus::Implicit { addrs: found }
            } else if let Some(why) = a.why().or(aaaa.why()) {
                MxStatus::Unknown { why: why.clone() }
            } else {
                MxStatus::NoMail
            }
        }
    };
    MxCheck {
        domain: domain.to_string(),
        status,
    }
}

/// Addresses of the failing host.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "status")]
pub enum HostStatus {
    /// The name resolves.
    Resolves {
        /// IPv4 addresses.
        a: Vec<String>,
        /// IPv6 addresses.
        aaaa: Vec<String>,
    },
    /// The name exists but has no address.
    NoAddress,
    /// The name does not exist.
    NoDomain,
    /// No usable answer.
    Unknown {
        /// Why.
        why: Why,
    },
}

/// A/AAAA of one host named as the failing hop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HostCheck {
    /// The host name.
    pub host: String,
    /// What was found.
    #[serde(flatten)]
    pub status: HostStatus,
}

/// Looks up the addresses of `host`.
pub async fn check_host_addrs<R: Resolver + ?Sized>(r: &R, host: &str) -> HostCheck {
    let (a, aaaa) = futures::future::join(r.lookup(host, RType::A), r.lookup(host, RType::Aaaa)).await;
    let v4: Vec<String> = addrs(a.records()).iter().map(IpAddr::to_string).collect();
    let v6: Vec<String> = addrs(aaaa.records()).iter().map(IpAddr::to_string).collect();
    let status = if !v4.is_empty() || !v6.is_empty() {
        HostStatus::Resolves { a: v4, aaaa: v6 }
    } else if let Some(why) = a.why().or(aaaa.why()) {
        HostStatus::Unknown { why: why.clone() }
    } else if a == Lookup::NxDomain || aaaa == Lookup::NxDomain {
        HostStatus::NoDomain
    } else {
        HostStatus::NoAddress
    };
    HostCheck {
        host: host.to_string(),
        status,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reverse_names() {
        assert_eq!(reverse_name("203.0.113.9".parse().unwrap()), "9.113.0.203.in-addr.arpa");
        assert_eq!(
            reverse_name("2001:db8::1".parse().unwrap()),
            "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa"
        );
    }

    #[test]
    fn generic_names() {
        let ip: IpAddr = "203.0.113.9".parse().unwrap();
        assert!(looks_generic("203-0-113-9.pool.isp.test", ip));
        assert!(looks_generic("9.113.0.203.static.isp.test", ip));
        assert!(!looks_generic("mail.example.test", ip));
    }
}
