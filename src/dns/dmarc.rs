//! DMARC (RFC 9989): the policy record for the author domain, found with the DNS Tree Walk, and
//! the Organizational Domain.
//!
//! The walk asks `_dmarc.<name>` for the author domain, then (if it has more than 8 labels) for
//! its last 7 labels, then for each shorter parent — at most 8 queries. The first valid record
//! (exactly one `v=DMARC1` TXT) on the way up is the policy record. The Organizational Domain is
//! the first name with `psd=n`, or the name just below one with `psd=y`, or else the name with the
//! fewest labels that has a record, or else the author domain. All walk names are known up front,
//! so they are queried in parallel.

use super::resolver::Resolver;
use super::wire::{norm_name, Lookup, RType, Rdata, Why};
use futures::future::join_all;
use serde::Serialize;

/// A DMARC policy value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Policy {
    /// Monitor only.
    None,
    /// Deliver to spam.
    Quarantine,
    /// Refuse.
    Reject,
}

impl Policy {
    fn parse(v: &str) -> Option<Policy> {
        match v.trim().to_ascii_lowercase().as_str() {
            "none" => Some(Policy::None),
            "quarantine" => Some(Policy::Quarantine),
            "reject" => Some(Policy::Reject),
            _ => None,
        }
    }

    /// The lower-case value.
    pub fn as_str(self) -> &'static str {
        match self {
            Policy::None => "none",
            Policy::Quarantine => "quarantine",
            Policy::Reject => "reject",
        }
    }
}

/// Which tag gave the policy that applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PolicyTag {
    /// `p`, the record is the author domain's own.
    P,
    /// `sp`, inherited by a subdomain.
    Sp,
    /// `np`, for a subdomain that does not exist.
    Np,
}

/// What the DMARC lookup found.
///
/// `NoPolicy` is a record whose `p=` is missing or invalid and that names no usable `rua=`
/// address: RFC 7489 6.6.3 says no DMARC policy applies then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "status")]
pub enum DmarcStatus {
    /// A policy record applies.
    Found {
        /// Where the record was found (`example.com` for `_dmarc.example.com`).
        record_domain: String,
        /// The record text.
        record: String,
        /// The policy that applies to the author domain.
        policy: Policy,
        /// Which tag it came from.
        tag: PolicyTag,
        /// `t=y`: the owner is testing; receivers apply a lighter policy.
        testing: bool,
    },
    /// A record was found, but its `p=` is missing or invalid and it has no usable `rua=`: no
    /// policy applies (RFC 7489 6.6.3).
    NoPolicy {
        /// Where the record was found.
        record_domain: String,
        /// The record text.
        record: String,
    },
    /// No DMARC record anywhere on the walk.
    Missing,
    /// A DNS error made the walk inconclusive.
    Unknown {
        /// Why.
        why: Why,
    },
}

/// DMARC for the author (`From:`) domain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DmarcCheck {
    /// The author domain.
    pub domain: String,
    /// The Organizational Domain from the tree walk.
    pub org_domain: String,
    /// The names queried (`_dmarc.` + each), in walk order.
    pub walk: Vec<String>,
    /// What was found.
    #[serde(flatten)]
    pub status: DmarcStatus,
}

/// The names the tree walk may query for `domain`, in order (without the `_dmarc.` prefix).
pub fn walk_names(domain: &str) -> Vec<String> {
    let d = norm_name(domain);
    let labels: Vec<&str> = d.split('.').filter(|l| !l.is_empty()).collect();
    if labels.is_empty() {
        return Vec::new();
    }
    let mut out = vec![labels.join(".")];
    let mut n = labels.len().min(8) - 1;
    while n >= 1 && out.len() < 8 {
        out.push(labels[labels.len() - n..].join("."));
        n -= 1;
    }
    out
}

/// The tags of a DMARC record, or `None` if it is not one (`v=DMARC1` must come first).
///
/// A part without `=` is not a tag and is ignored (RFC 7489 6.3: unknown tags are ignored), as
/// is an empty part; it does not make the whole record invalid.
pub fn parse_tags(txt: &str) -> Option<Vec<(String, String)>> {
    let mut tags = Vec::new();
    for (i, part) in txt.split(';').enumerate() {
        let part = part.trim();
        match part.split_once('=') {
            Some((k, v)) => tags.push((k.trim().to_ascii_lowercase(), v.trim().to_string())),
            // The first part must be the version tag itself.
            None if i == 0 => return None,
            None => {}
        }
    }
    match tags.first() {
        Some((k, v)) if k == "v" && v == "DMARC1" => Some(tags),
        _ => None,
    }
}

/// True when `rua` holds at least one syntactically valid reporting URI (RFC 7489 6.4: a
/// comma-separated list of URIs, each optionally followed by `!size`).
pub fn has_usable_rua(rua: &str) -> bool {
    rua.split(',').any(|u| {
        let u = u.trim();
        let u = u.rsplit_once('!').map_or(u, |(uri, _)| uri);
        url::Url::parse(u).is_ok_and(|p| p.scheme() == "mailto" && p.path().contains('@'))
    })
}

fn tag<'a>(tags: &'a [(String, String)], name: &str) -> Option<&'a str> {
    tags.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

enum Step {
    Record(String, Vec<(String, String)>),
    Nothing,
    Error(Why),
}

fn read_step(l: &Lookup) -> Step {
    match l {
        Lookup::Unknown { why } => Step::Error(why.clone()),
        _ => {
            let recs: Vec<(String, Vec<(String, String)>)> = l
                .records()
                .iter()
                .filter_map(|r| match r {
                    Rdata::Txt(t) => parse_tags(t).map(|tags| (t.clone(), tags)),
                    _ => None,
                })
                .collect();
            // Several DMARC records at one name count as none (RFC 9989).
            match <[_; 1]>::try_from(recs) {
                Ok([(t, tags)]) => Step::Record(t, tags),
                Err(_) => Step::Nothing,
            }
        }
    }
}

/// Runs the tree walk for `domain`.
pub async fn check_dmarc<R: Resolver + ?Sized>(r: &R, domain: &str) -> DmarcCheck {
    let domain = norm_name(domain);
    let names = walk_names(&domain);
    let answers = join_all(names.iter().map(|n| r.lookup(&format!("_dmarc.{n}"), RType::Txt))).await;
    let steps: Vec<Step> = answers.iter().map(read_step).collect();

    // Organizational Domain.
    let mut org: Option<String> = None;
    let mut fewest: Option<&String> = None;
    for (i, (name, step)) in names.iter().zip(&steps).enumerate() {
        if let Step::Record(_, tags) = step {
            match tag(tags, "psd").map(str::to_ascii_lowercase).as_deref() {
                Some("n") => {
                    org = Some(name.clone());
                    break;
                }
                Some("y") => {
                    org = Some(if i > 0 { names[i - 1].clone() } else { name.clone() });
                    break;
                }
                _ => fewest = Some(name),
            }
        }
    }
    let org_domain = org.or(fewest.cloned()).unwrap_or_else(|| domain.clone());

    // Policy record: the first valid record on the way up; an error before it leaves it unknown.
    let mut status = DmarcStatus::Missing;
    for (i, (name, step)) in names.iter().zip(&steps).enumerate() {
        match step {
            Step::Error(why) => {
                status = DmarcStatus::Unknown { why: why.clone() };
                break;
            }
            Step::Nothing => continue,
            Step::Record(text, tags) => {
                // An invalid or missing p=: p=none when the record names a usable rua (the
                // owner wants reports), else no policy at all (RFC 7489 6.6.3).
                let p = match tag(tags, "p").and_then(Policy::parse) {
                    Some(p) => p,
                    None if tag(tags, "rua").is_some_and(has_usable_rua) => Policy::None,
                    None => {
                        status = DmarcStatus::NoPolicy {
                            record_domain: name.clone(),
                            record: text.clone(),
                        };
                        break;
                    }
                };
                // An invalid sp= or np= is ignored: the next tag down applies (np -> sp -> p).
                let (policy, tag_used) = if i == 0 {
                    (p, PolicyTag::P)
                } else {
                    let np = tag(tags, "np").and_then(Policy::parse);
                    let sp = tag(tags, "sp").and_then(Policy::parse);
                    let exists = match np {
                        Some(_) => domain_exists(r, &domain).await,
                        None => true,
                    };
                    match (np, sp) {
                        (Some(np), _) if !exists => (np, PolicyTag::Np),
                        (_, Some(sp)) => (sp, PolicyTag::Sp),
                        _ => (p, PolicyTag::P),
                    }
                };
                status = DmarcStatus::Found {
                    record_domain: name.clone(),
                    record: text.clone(),
                    policy,
                    tag: tag_used,
                    testing: tag(tags, "t").is_some_and(|v| v.eq_ignore_ascii_case("y")),
                };
                break;
            }
        }
    }
    DmarcCheck {
        domain,
        org_domain,
        walk: names.iter().map(|n| format!("_dmarc.{n}")).collect(),
        status,
    }
}

/// A domain "does not exist" for `np` when A, AAAA and MX all say NXDOMAIN.
async fn domain_exists<R: Resolver + ?Sized>(r: &R, domain: &str) -> bool {
    let (a, aaaa, mx) = futures::future::join3(
        r.lookup(domain, RType::A),
        r.lookup(domain, RType::Aaaa),
        r.lookup(domain, RType::Mx),
    )
    .await;
    !(a == Lookup::NxDomain && aaaa == Lookup::NxDomain && mx == Lookup::NxDomain)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walk_is_at_most_eight_names() {
        assert_eq!(
            walk_names("a.b.example.com"),
            ["a.b.example.com", "b.example.com", "example.com", "com"]
        );
        let long = walk_names("a.b.c.d.e.f.g.h.i.j.example.com");
        assert_eq!(long.len(), 8);
        assert_eq!(long[0], "a.b.c.d.e.f.g.h.i.j.example.com");
        assert_eq!(long[1], "f.g.h.i.j.example.com");
        assert_eq!(long[7], "com");
        assert_eq!(walk_names("Example.COM."), ["example.com", "com"]);
    }

    #[test]
    fn tags() {
        let t = parse_tags("v=DMARC1; p=reject; sp=none; rua=mailto:d@example.com").unwrap();
        assert_eq!(tag(&t, "p"), Some("reject"));
        assert!(parse_tags("p=reject; v=DMARC1").is_none());
        assert!(parse_tags("v=spf1 -all").is_none());
        // A part without '=' is ignored, not a reason to drop the record.
        let t = parse_tags("v=DMARC1; p=quarantine; fo; rua=mailto:d@example.com;").unwrap();
        assert_eq!(tag(&t, "p"), Some("quarantine"));
        assert!(parse_tags("v; DMARC1; p=reject").is_none());
    }

    #[test]
    fn reporting_addresses() {
        assert!(has_usable_rua("mailto:d@example.com"));
        assert!(has_usable_rua("https://x.example/, mailto:d@example.com!10m"));
        assert!(!has_usable_rua("d@example.com"));
        assert!(!has_usable_rua("mailto:"));
        assert!(!has_usable_rua(""));
    }
}
