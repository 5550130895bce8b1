//! SPF (RFC 7208): fetches the sender domain's record and evaluates `check_host()` for the sending
//! IP — all mechanisms (all, include, a, mx, ptr, ip4, ip6, exists), `redirect`, macros, the
//! 10-DNS-lookup and 2-void-lookup limits — and keeps the chain of terms that decided the result,
//! so the explanation can name the record and the mechanism to fix.
//!
//! We only know the author domain (`From:`) and not the envelope sender or the HELO name, so the
//! `%{s}`, `%{l}`, `%{o}` macros use the `From:` address and `%{h}` uses its domain.

use super::checks::{addr_type, addrs, validated_names};
use super::resolver::Resolver;
use super::wire::{norm_name, Lookup, RType, Rdata, Why};
use futures::future::{FutureExt, LocalBoxFuture};
use serde::Serialize;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// The SPF result names of RFC 7208 section 2.6.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SpfResult {
    /// The IP is authorized.
    Pass,
    /// The IP is explicitly not authorized (`-`).
    Fail,
    /// Probably not authorized (`~`).
    Softfail,
    /// The domain makes no assertion (`?`, or nothing matched).
    Neutral,
    /// No SPF record.
    None,
    /// The record is broken (syntax, limits, missing include target...).
    Permerror,
    /// A DNS error stopped the evaluation.
    Temperror,
}

impl SpfResult {
    /// The lower-case name used in JSON and message ids.
    pub fn as_str(self) -> &'static str {
        match self {
            SpfResult::Pass => "pass",
            SpfResult::Fail => "fail",
            SpfResult::Softfail => "softfail",
            SpfResult::Neutral => "neutral",
            SpfResult::None => "none",
            SpfResult::Permerror => "permerror",
            SpfResult::Temperror => "temperror",
        }
    }
}

/// Why the result is none, permerror or temperror.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "detail")]
pub enum SpfProblem {
    /// The domain publishes no `v=spf1` record.
    NoRecord,
    /// The sender's domain does not exist (NXDOMAIN): the fix is the domain, not a record.
    NoDomain,
    /// An `include` or `redirect` leads back to a domain already being evaluated (a loop).
    IncludeLoop(String),
    /// More than one `v=spf1` record.
    MultipleRecords,
    /// A term that cannot be read.
    Syntax(String),
    /// More than 10 terms that cost DNS lookups.
    TooManyLookups,
    /// More than 2 lookups that found nothing.
    TooManyVoidLookups,
    /// An `mx` mechanism hit a domain with more than 10 MX records.
    TooManyMx,
    /// An `include` or `redirect` target with no SPF record.
    TargetHasNoRecord(String),
    /// A DNS error.
    Dns(Why),
    /// The evaluation took longer than its time limit (in seconds) and was stopped.
    TimeLimit(u32),
}

/// The most time one SPF evaluation may take, every lookup included: RFC 7208 4.6.4 asks for a
/// limit on the whole evaluation and suggests at least 20 seconds; past it the result is
/// temperror with [`SpfProblem::TimeLimit`].
pub const TIME_LIMIT_MS: u32 = 20_000;
// The README promises at most 20 s.
const _: () = assert!(TIME_LIMIT_MS <= 20_000);

/// One step of the decision: a term of the record published at `domain`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SpfStep {
    /// The domain whose record holds the term.
    pub domain: String,
    /// The term as written (`include:_spf.example.com`, `-all`...); "" when nothing matched and
    /// the default (neutral) applied.
    pub term: String,
}

/// The SPF evaluation for the sending IP.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SpfCheck {
    /// The sender's domain.
    pub domain: String,
    /// The address evaluated.
    pub ip: String,
    /// The domain's own SPF record, when it has exactly one.
    pub record: Option<String>,
    /// The result.
    pub result: SpfResult,
    /// From the domain's record down to the term that decided.
    pub chain: Vec<SpfStep>,
    /// Why the result is none / permerror / temperror.
    pub problem: Option<SpfProblem>,
    /// DNS-costing terms evaluated (the limit is 10).
    pub lookups: u32,
    /// Lookups that found nothing (the limit is 2).
    pub void_lookups: u32,
}

const MAX_LOOKUPS: u32 = 10;
const MAX_VOID: u32 = 2;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Mech {
    All,
    Include(String),
    A(Option<String>, u8, u8),
    Mx(Option<String>, u8, u8),
    Ptr(Option<String>),
    Ip4(Ipv4Addr, u8),
    Ip6(Ipv6Addr, u8),
    Exists(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Directive {
    qualifier: SpfResult,
    mech: Mech,
    text: String,
}

#[derive(Debug, Default, PartialEq, Eq)]
struct Record {
    directives: Vec<Directive>,
    redirect: Option<String>,
}

/// True for a TXT string that is an SPF record (`v=spf1` then a space or the end).
pub fn is_spf(txt: &str) -> bool {
    let t = txt.as_bytes();
    t.len() >= 6 && t[..6].eq_ignore_ascii_case(b"v=spf1") && (t.len() == 6 || t[6] == b' ')
}

fn parse_cidr(s: &str, max: u8) -> Result<u8, ()> {
    if s.is_empty() || s.len() > 3 || !s.bytes().all(|b| b.is_ascii_digit()) || (s.len() > 1 && s.starts_with('0')) {
        return Err(());
    }
    let n: u8 = s.parse().map_err(|_| ())?;
    if n > max {
        return Err(());
    }
    Ok(n)
}

/// Splits `domain-spec/24//64` into the domain part and the two prefix lengths.
fn split_dual_cidr(arg: &str) -> Result<(&str, u8, u8), ()> {
    let (rest, v6) = match arg.find("//") {
        Some(i) => (&arg[..i], parse_cidr(&arg[i + 2..], 128)?),
        None => (arg, 128),
    };
    let (dom, v4) = match rest.rfind('/') {
        Some(i) => (&rest[..i], parse_cidr(&rest[i + 1..], 32)?),
        None => (rest, 32),
    };
    Ok((dom, v4, v6))
}

fn is_modifier_name(n: &str) -> bool {
    let mut c = n.chars();
    c.next().is_some_and(|f| f.is_ascii_alphabetic())
        && c.all(|ch| ch.is_ascii_alphanumeric() || matches!(ch, '-' | '_' | '.'))
}

fn parse_record(txt: &str) -> Result<Record, String> {
    let mut rec = Record::default();
    let mut seen_exp = false;
    for term in txt.split(' ').skip(1).filter(|t| !t.is_empty()) {
        let bad = || term.to_string();
        // A modifier: name=value, where the name comes before any ':' or '/'.
        if let Some(eq) = term.find('=') {
            let name = &term[..eq];
            if is_modifier_name(name) {
                let value = &term[eq + 1..];
                match name.to_ascii_lowercase().as_str() {
                    "redirect" => {
                        if rec.redirect.is_some() || value.is_empty() {
                            return Err(bad());
                        }
                        rec.redirect = Some(value.to_string());
                    }
                    "exp" => {
                        if seen_exp {
                            return Err(bad());
                        }
                        seen_exp = true;
                    }
                    _ => {}
                }
                continue;
            }
        }
        let (qualifier, body) = match term.as_bytes()[0] {
            b'+' => (SpfResult::Pass, &term[1..]),
            b'-' => (SpfResult::Fail, &term[1..]),
            b'~' => (SpfResult::Softfail, &term[1..]),
            b'?' => (SpfResult::Neutral, &term[1..]),
            _ => (SpfResult::Pass, term),
        };
        let cut = body.find([':', '/']).unwrap_or(body.len());
        let name = body[..cut].to_ascii_lowercase();
        let rest = &body[cut..];
        let arg = rest.strip_prefix(':');
        let mech = match name.as_str() {
            "all" if rest.is_empty() => Mech::All,
            "include" | "exists" => match arg {
                Some(d) if !d.is_empty() => {
                    if name == "include" {
                        Mech::Include(d.to_string())
                    } else {
                        Mech::Exists(d.to_string())
                    }
                }
                _ => return Err(bad()),
            },
            "a" | "mx" => {
                let (dom, v4, v6) = match arg {
                    Some(a) => split_dual_cidr(a).map_err(|_| bad())?,
                    None => {
                        let (d, v4, v6) = split_dual_cidr(rest).map_err(|_| bad())?;
                        if !d.is_empty() {
                            return Err(bad());
                        }
                        (d, v4, v6)
                    }
                };
                if arg.is_some() && dom.is_empty() {
                    return Err(bad());
                }
                let dom = (!dom.is_empty()).then(|| dom.to_string());
                if name == "a" {
                    Mech::A(dom, v4, v6)
                } else {
                    Mech::Mx(dom, v4, v6)
                }
            }
            "ptr" => match (arg, rest.is_empty()) {
                (Some(d), _) if !d.is_empty() => Mech::Ptr(Some(d.to_string())),
                (None, true) => Mech::Ptr(None),
                _ => return Err(bad()),
            },
            "ip4" => {
                let a = arg.ok_or_else(bad)?;
                let (addr, len) = match a.split_once('/') {
                    Some((x, l)) => (x, parse_cidr(l, 32).map_err(|_| bad())?),
                    None => (a, 32),
                };
                Mech::Ip4(addr.parse().map_err(|_| bad())?, len)
            }
            "ip6" => {
                let a = arg.ok_or_else(bad)?;
                let (addr, len) = match a.split_once('/') {
                    Some((x, l)) => (x, parse_cidr(l, 128).map_err(|_| bad())?),
                    None => (a, 128),
                };
                Mech::Ip6(addr.parse().map_err(|_| bad())?, len)
            }
            _ => return Err(bad()),
        };
        rec.directives.push(Directive {
            qualifier,
            mech,
            text: term.to_string(),
        });
    }
    Ok(rec)
}

/// True when `ip` is inside `net/len` (addresses of different families never match).
fn in_net(ip: IpAddr, net: IpAddr, len: u8) -> bool {
    match (ip, net) {
        (IpAddr::V4(a), IpAddr::V4(b)) => {
            let mask = if len == 0 {
                0
            } else {
                u32::MAX << (32 - u32::from(len.min(32)))
            };
            u32::from(a) & mask == u32::from(b) & mask
        }
        (IpAddr::V6(a), IpAddr::V6(b)) => {
            let mask = if len == 0 {
                0
            } else {
                u128::MAX << (128 - u32::from(len.min(128)))
            };
            u128::from(a) & mask == u128::from(b) & mask
        }
        _ => false,
    }
}

/// What macros expand from.
struct MacroCtx<'a> {
    local: &'a str,
    sender_domain: &'a str,
    domain: &'a str,
    ip: IpAddr,
    ptr_name: Option<&'a str>,
}

fn url_escape(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Expands the macros of a domain-spec (RFC 7208 section 7); `Err` for a malformed macro.
fn expand(spec: &str, cx: &MacroCtx) -> Result<String, ()> {
    let mut out = String::new();
    let mut chars = spec.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('%') => out.push('%'),
            Some('_') => out.push(' '),
            Some('-') => out.push_str("%20"),
            Some('{') => {
                let mut body = String::new();
                loop {
                    match chars.next() {
                        Some('}') => break,
                        Some(ch) => body.push(ch),
                        None => return Err(()),
                    }
                }
                let mut b = body.chars();
                let letter = b.next().ok_or(())?;
                let rest: String = b.collect();
                let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
                let mut tail = &rest[digits.len()..];
                let reverse = tail.starts_with(['r', 'R']);
                if reverse {
                    tail = &tail[1..];
                }
                if !tail.chars().all(|c| ".-+,/_=".contains(c)) {
                    return Err(());
                }
                let delims: Vec<char> = if tail.is_empty() {
                    vec!['.']
                } else {
                    tail.chars().collect()
                };
                let value = match letter.to_ascii_lowercase() {
                    's' => format!("{}@{}", cx.local, cx.sender_domain),
                    'l' => cx.local.to_string(),
                    'o' => cx.sender_domain.to_string(),
                    'd' => cx.domain.to_string(),
                    'i' => match cx.ip {
                        IpAddr::V4(v4) => v4.to_string(),
                        IpAddr::V6(v6) => {
                            let hex: Vec<String> = v6
                                .octets()
                                .iter()
                                .flat_map(|b| [format!("{:x}", b >> 4), format!("{:x}", b & 0xf)])
                                .collect();
                            hex.join(".")
                        }
                    },
                    'p' => cx.ptr_name.unwrap_or("unknown").to_string(),
                    'v' => if cx.ip.is_ipv4() { "in-addr" } else { "ip6" }.to_string(),
                    'h' => cx.sender_domain.to_string(),
                    _ => return Err(()),
                };
                let mut parts: Vec<&str> = value.split(|c| delims.contains(&c)).collect();
                if reverse {
                    parts.reverse();
                }
                if !digits.is_empty() {
                    let n: usize = digits.parse().map_err(|_| ())?;
                    if n == 0 {
                        return Err(());
                    }
                    if parts.len() > n {
                        parts = parts.split_off(parts.len() - n);
                    }
                }
                let joined = parts.join(".");
                if letter.is_ascii_uppercase() {
                    out.push_str(&url_escape(&joined));
                } else {
                    out.push_str(&joined);
                }
            }
            _ => return Err(()),
        }
    }
    // Over 253 characters: drop labels from the left (RFC 7208 7.3).
    let mut s = out.trim_end_matches('.').to_string();
    while s.len() > 253 {
        match s.find('.') {
            Some(i) => s = s[i + 1..].to_string(),
            None => return Err(()),
        }
    }
    if s.is_empty() || s.split('.').any(|l| l.is_empty() || l.len() > 63) {
        return Err(());
    }
    Ok(s.to_ascii_lowercase())
}

/// Evaluation state shared by one `check_host()` and everything it includes.
struct State {
    ip: IpAddr,
    local: String,
    sender_domain: String,
    lookups: u32,
    void: u32,
    ptr_name: Option<Option<String>>,
    /// The domains whose records are being evaluated, outermost first (to catch loops).
    stack: Vec<String>,
}

struct Outcome {
    result: SpfResult,
    chain: Vec<SpfStep>,
    problem: Option<SpfProblem>,
    record: Option<String>,
}

impl Outcome {
    fn err(result: SpfResult, problem: SpfProblem) -> Outcome {
        Outcome {
            result,
            chain: Vec::new(),
            problem: Some(problem),
            record: None,
        }
    }

    fn perm(problem: SpfProblem) -> Outcome {
        Outcome::err(SpfResult::Permerror, problem)
    }

    fn prepend(mut self, domain: &str, term: &str) -> Outcome {
        self.chain.insert(
            0,
            SpfStep {
                domain: domain.to_string(),
                term: term.to_string(),
            },
        );
        self
    }
}

fn dns_error(l: &Lookup) -> Option<Outcome> {
    l.why()
        .map(|w| Outcome::err(SpfResult::Temperror, SpfProblem::Dns(w.clone())))
}

impl State {
    fn count(&mut self) -> Result<(), Outcome> {
        self.lookups += 1;
        if self.lookups > MAX_LOOKUPS {
            return Err(Outcome::perm(SpfProblem::TooManyLookups));
        }
        Ok(())
    }

    fn void_if_empty(&mut self, l: &Lookup) -> Result<(), Outcome> {
        if l.is_empty_answer() || matches!(l, Lookup::Found { records } if records.is_empty()) {
            self.void += 1;
            if self.void > MAX_VOID {
                return Err(Outcome::perm(SpfProblem::TooManyVoidLookups));
            }
        }
        Ok(())
    }

    async fn expand<R: Resolver + ?Sized>(&mut self, r: &R, spec: &str, domain: &str) -> Result<String, Outcome> {
        if (spec.contains("%{p") || spec.contains("%{P")) && self.ptr_name.is_none() {
            let name = match validated_names(r, self.ip).await {
                Ok((ok, _, _)) => ok
                    .iter()
                    .find(|n| *n == domain || n.ends_with(&format!(".{domain}")))
                    .or(ok.first())
                    .cloned(),
                Err(_) => None,
            };
            self.ptr_name = Some(name);
        }
        let ptr = self.ptr_name.clone().flatten();
        let cx = MacroCtx {
            local: &self.local,
            sender_domain: &self.sender_domain,
            domain,
            ip: self.ip,
            ptr_name: ptr.as_deref(),
        };
        expand(spec, &cx).map_err(|_| Outcome::perm(SpfProblem::Syntax(spec.to_string())))
    }
}

/// Does `mech` match? `Err` carries an error result (temperror / permerror) that ends evaluation.
async fn matches<R: Resolver + ?Sized>(
    r: &R,
    st: &mut State,
    mech: &Mech,
    domain: &str,
) -> Result<(bool, Option<Outcome>), Outcome> {
    let ip = st.ip;
    match mech {
        Mech::All => Ok((true, None)),
        Mech::Ip4(net, len) => Ok((in_net(ip, IpAddr::V4(*net), *len), None)),
        Mech::Ip6(net, len) => Ok((in_net(ip, IpAddr::V6(*net), *len), None)),
        Mech::Include(spec) => {
            st.count()?;
            let target = st.expand(r, spec, domain).await?;
            if st.stack.contains(&target) {
                return Err(Outcome::perm(SpfProblem::IncludeLoop(target)));
            }
            let sub = check_host(r, st, target.clone(), 1).await;
            match sub.result {
                SpfResult::Pass => Ok((true, Some(sub))),
                SpfResult::Fail | SpfResult::Softfail | SpfResult::Neutral => Ok((false, None)),
                SpfResult::None => Err(Outcome::perm(SpfProblem::TargetHasNoRecord(target))),
                SpfResult::Permerror | SpfResult::Temperror => Err(sub),
            }
        }
        Mech::A(spec, v4, v6) => {
            st.count()?;
            let target = match spec {
                Some(s) => st.expand(r, s, domain).await?,
                None => domain.to_string(),
            };
            let l = r.lookup(&target, addr_type(ip)).await;
            if let Some(e) = dns_error(&l) {
                return Err(e);
            }
            st.void_if_empty(&l)?;
            let len = if ip.is_ipv4() { *v4 } else { *v6 };
            Ok((addrs(l.records()).iter().any(|a| in_net(ip, *a, len)), None))
        }
        Mech::Mx(spec, v4, v6) => {
            st.count()?;
            let target = match spec {
                Some(s) => st.expand(r, s, domain).await?,
                None => domain.to_string(),
            };
            let l = r.lookup(&target, RType::Mx).await;
            if let Some(e) = dns_error(&l) {
                return Err(e);
            }
            st.void_if_empty(&l)?;
            let hosts: Vec<String> = l
                .records()
                .iter()
                .filter_map(|x| match x {
                    Rdata::Mx(_, h) if !h.is_empty() => Some(h.clone()),
                    _ => None,
                })
                .collect();
            if hosts.len() > 10 {
                return Err(Outcome::perm(SpfProblem::TooManyMx));
            }
            let answers = futures::future::join_all(hosts.iter().map(|h| r.lookup(h, addr_type(ip)))).await;
            let len = if ip.is_ipv4() { *v4 } else { *v6 };
            Ok((
                answers
                    .iter()
                    .any(|a| addrs(a.records()).iter().any(|x| in_net(ip, *x, len))),
                None,
            ))
        }
        Mech::Ptr(spec) => {
            st.count()?;
            let target = match spec {
                Some(s) => st.expand(r, s, domain).await?,
                None => domain.to_string(),
            };
            let ok = match validated_names(r, ip).await {
                Ok((ok, _, _)) => ok,
                Err(l) => {
                    st.void_if_empty(&l)?;
                    Vec::new()
                }
            };
            Ok((
                ok.iter().any(|n| *n == target || n.ends_with(&format!(".{target}"))),
                None,
            ))
        }
        Mech::Exists(spec) => {
            st.count()?;
            let target = st.expand(r, spec, domain).await?;
            let l = r.lookup(&target, RType::A).await;
            if let Some(e) = dns_error(&l) {
                return Err(e);
            }
            st.void_if_empty(&l)?;
            Ok((!l.records().is_empty(), None))
        }
    }
}

fn check_host<'a, R: Resolver + ?Sized>(
    r: &'a R,
    st: &'a mut State,
    domain: String,
    depth: u32,
) -> LocalBoxFuture<'a, Outcome> {
    async move {
        let txt = r.lookup(&domain, RType::Txt).await;
        if let Some(e) = dns_error(&txt) {
            return e;
        }
        if depth == 0 && txt == Lookup::NxDomain && st.stack.is_empty() {
            return Outcome::err(SpfResult::None, SpfProblem::NoDomain);
        }
        st.stack.push(domain.clone());
        let o = evaluate(r, st, &domain, &txt, depth).await;
        st.stack.pop();
        o
    }
    .boxed_local()
}

/// `check_host()` for `domain` once its TXT answer `txt` is in.
fn evaluate<'a, R: Resolver + ?Sized>(
    r: &'a R,
    st: &'a mut State,
    domain: &'a str,
    txt: &'a Lookup,
    depth: u32,
) -> LocalBoxFuture<'a, Outcome> {
    async move {
        let domain = domain.to_string();
        let recs: Vec<&String> = txt
            .records()
            .iter()
            .filter_map(|x| match x {
                Rdata::Txt(t) if is_spf(t) => Some(t),
                _ => None,
            })
            .collect();
        let text = match recs.as_slice() {
            [] => return Outcome::err(SpfResult::None, SpfProblem::NoRecord),
            [one] => (*one).clone(),
            _ => return Outcome::perm(SpfProblem::MultipleRecords),
        };
        let with_record = |mut o: Outcome| {
            if depth == 0 {
                o.record = Some(text.clone());
            }
            o
        };
        let rec = match parse_record(&text) {
            Ok(rec) => rec,
            Err(term) => return with_record(Outcome::perm(SpfProblem::Syntax(term.clone())).prepend(&domain, &term)),
        };
        for d in &rec.directives {
            match matches(r, st, &d.mech, &domain).await {
                Err(e) => return with_record(e.prepend(&domain, &d.text)),
                Ok((false, _)) => {}
                Ok((true, sub)) => {
                    let mut o = Outcome {
                        result: d.qualifier,
                        chain: sub.map(|s| s.chain).unwrap_or_default(),
                        problem: None,
                        record: None,
                    };
                    o = o.prepend(&domain, &d.text);
                    return with_record(o);
                }
            }
        }
        if let Some(spec) = &rec.redirect {
            let term = format!("redirect={spec}");
            if let Err(e) = st.count() {
                return with_record(e.prepend(&domain, &term));
            }
            let target = match st.expand(r, spec, &domain).await {
                Ok(t) => t,
                Err(e) => return with_record(e.prepend(&domain, &term)),
            };
            if st.stack.contains(&target) {
                return with_record(Outcome::perm(SpfProblem::IncludeLoop(target)).prepend(&domain, &term));
            }
            let mut sub = check_host(r, st, target.clone(), depth + 1).await;
            if sub.result == SpfResult::None {
                sub = Outcome::perm(SpfProblem::TargetHasNoRecord(target));
            }
            return with_record(sub.prepend(&domain, &term));
        }
        with_record(Outcome {
            result: SpfResult::Neutral,
            chain: Vec::new(),
            problem: None,
            record: None,
        })
        .prepend(&domain, "")
    }
    .boxed_local()
}

/// Evaluates SPF for mail from `sender` (an address, or just a domain) sent from `ip`, within
/// [`TIME_LIMIT_MS`].
pub async fn check_spf<R: Resolver + ?Sized>(r: &R, sender: &str, ip: IpAddr) -> SpfCheck {
    check_spf_within(r, sender, ip, TIME_LIMIT_MS).await
}

/// [`check_spf`] with another time limit for the whole evaluation, in milliseconds.
pub async fn check_spf_within<R: Resolver + ?Sized>(r: &R, sender: &str, ip: IpAddr, limit_ms: u32) -> SpfCheck {
    // An IPv4-mapped address is matched by ip4: terms and A records (RFC 7208 5: the IPv4 host).
    let ip = ip.to_canonical();
    let (local, domain) = match sender.rsplit_once('@') {
        Some((l, d)) if !l.is_empty() => (l.to_string(), norm_name(d)),
        Some((_, d)) => ("postmaster".to_string(), norm_name(d)),
        None => ("postmaster".to_string(), norm_name(sender)),
    };
    let mut st = State {
        ip,
        local,
        sender_domain: domain.clone(),
        lookups: 0,
        void: 0,
        ptr_name: None,
        stack: Vec::new(),
    };
    let o = {
        // The timer starts only if the evaluation does not finish at once (select polls the
        // evaluation first), so answers from a cache or a test resolver never start one.
        let eval = check_host(r, &mut st, domain.clone(), 0);
        match futures::future::select(eval, super::timer::sleep(limit_ms)).await {
            futures::future::Either::Left((o, _)) => o,
            futures::future::Either::Right(_) => {
                Outcome::err(SpfResult::Temperror, SpfProblem::TimeLimit(limit_ms.div_ceil(1000)))
            }
        }
    };
    SpfCheck {
        domain,
        ip: ip.to_string(),
        record: o.record,
        result: o.result,
        chain: o.chain,
        problem: o.problem,
        lookups: st.lookups,
        void_lookups: st.void,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cx(ip: &str) -> (String, String, IpAddr) {
        ("strong-bad".into(), "email.example.com".into(), ip.parse().unwrap())
    }

    #[test]
    fn macro_examples_from_the_rfc() {
        let (l, d, ip) = cx("192.0.2.3");
        let c = MacroCtx {
            local: &l,
            sender_domain: &d,
            domain: "email.example.com",
            ip,
            ptr_name: None,
        };
        assert_eq!(expand("%{s}", &c).unwrap(), "strong-bad@email.example.com");
        assert_eq!(expand("%{d4}", &c).unwrap(), "email.example.com");
        assert_eq!(expand("%{d2}", &c).unwrap(), "example.com");
        assert_eq!(expand("%{d1}", &c).unwrap(), "com");
        assert_eq!(expand("%{dr}", &c).unwrap(), "com.example.email");
        assert_eq!(expand("%{d2r}", &c).unwrap(), "example.email");
        assert_eq!(expand("%{l-}", &c).unwrap(), "strong.bad");
        assert_eq!(expand("%{lr-}", &c).unwrap(), "bad.strong");
        assert_eq!(expand("%{l1r-}", &c).unwrap(), "strong");
        assert_eq!(
            expand("%{ir}.%{v}._spf.%{d2}", &c).unwrap(),
            "3.2.0.192.in-addr._spf.example.com"
        );
        assert_eq!(
            expand("%{lr-}.lp._spf.%{d2}", &c).unwrap(),
            "bad.strong.lp._spf.example.com"
        );
        assert!(expand("%{x}", &c).is_err());
        assert!(expand("%{d0}", &c).is_err());
        assert!(expand("50%", &c).is_err());
        let (l, d, ip6) = cx("2001:db8::cb01");
        let c6 = MacroCtx {
            local: &l,
            sender_domain: &d,
            domain: "email.example.com",
            ip: ip6,
            ptr_name: None,
        };
        assert_eq!(
            expand("%{ir}.%{v}._spf.%{d2}", &c6).unwrap(),
            "1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6._spf.example.com"
        );
    }

    #[test]
    fn record_parsing() {
        let r = parse_record("v=spf1 ip4:192.0.2.0/24 a mx:mx.example.test/28//64 ~all exp=x.test").unwrap();
        assert_eq!(r.directives.len(), 4);
        assert_eq!(r.directives[2].mech, Mech::Mx(Some("mx.example.test".into()), 28, 64));
        assert_eq!(r.directives[3].qualifier, SpfResult::Softfail);
        assert_eq!(
            parse_record("v=spf1 a/24 -all").unwrap().directives[0].mech,
            Mech::A(None, 24, 128)
        );
        assert!(parse_record("v=spf1 ip4:192.0.2.0/33 -all").is_err());
        assert!(parse_record("v=spf1 foo:bar -all").is_err());
        assert!(parse_record("v=spf1 redirect=a.test redirect=b.test").is_err());
        assert!(parse_record("v=spf1 include -all").is_err());
        assert!(parse_record("v=spf1 unknown-mod=x -all").is_ok());
        assert!(is_spf("V=SPF1 -all") && is_spf("v=spf1") && !is_spf("v=spf10 -all"));
    }

    #[test]
    fn networks() {
        let ip: IpAddr = "192.0.2.77".parse().unwrap();
        assert!(in_net(ip, "192.0.2.0".parse().unwrap(), 24));
        assert!(!in_net(ip, "192.0.3.0".parse().unwrap(), 24));
        assert!(in_net(ip, "0.0.0.0".parse().unwrap(), 0));
        let ip6: IpAddr = "2001:db8::5".parse().unwrap();
        assert!(in_net(ip6, "2001:db8::".parse().unwrap(), 32));
        assert!(!in_net(ip6, "192.0.2.0".parse().unwrap(), 0));
    }

    proptest::proptest! {
        #[test]
        fn hostile_records_never_panic(txt in "v=spf1( [-+~?]?[a-z46]{1,8}[:=/]?[%{}a-zA-Z0-9.:/_-]{0,30}){0,6}", raw in "\\PC{0,80}") {
            let _ = parse_record(&txt);
            let _ = parse_record(&format!("v=spf1 {raw}"));
            let c = MacroCtx { local: "l", sender_domain: "d.test", domain: "d.test", ip: "2001:db8::1".parse().unwrap(), ptr_name: None };
            let _ = expand(&raw, &c);
            let _ = crate::dns::dmarc::parse_tags(&raw);
        }
    }
}
