//! The one resolver interface the checks are written against, and the DoH client behind it.
//!
//! [`DohResolver`] speaks RFC 8484 (GET `?dns=<base64url>`, `accept: application/dns-message`,
//! query id 0, EDNS0) over any [`Transport`]: `fetch` in the browser, a blocking HTTP client on a
//! thread natively. It retries once on a network failure or timeout, runs queries concurrently
//! (callers join futures) and caches every answer for the life of the resolver, i.e. one analysis.

use super::wire::{decode_answer, encode_query, Lookup, RType, Why, MAX_ANSWER_BYTES};
use base64::Engine as _;
use futures::future::{FutureExt, LocalBoxFuture, Shared};
use serde::Serialize;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

/// What an HTTP GET returned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpReply {
    /// HTTP status code.
    pub status: u16,
    /// The `content-type` header, if any.
    pub content_type: Option<String>,
    /// The body (transports stop reading past [`MAX_ANSWER_BYTES`] + 1 bytes).
    pub body: Vec<u8>,
}

/// Why an HTTP GET gave no reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransportError {
    /// No reply in time.
    Timeout,
    /// The body was larger than a DNS message can be.
    Oversized,
    /// Anything else: no network, connection refused, TLS failure...
    Network(String),
}

/// An HTTP GET with one header, the only request DoH needs. Implemented by the browser's
/// `fetch` and by a native blocking client.
pub trait Transport {
    /// GETs `url` with `accept: application/dns-message`, giving up after `timeout_ms`.
    fn get(&self, url: &str, timeout_ms: u32) -> LocalBoxFuture<'static, Result<HttpReply, TransportError>>;
}

/// The interface every check is written against: one async lookup.
pub trait Resolver {
    /// Looks up records of `rtype` at `name`; never fails, an unusable answer is [`Lookup::Unknown`].
    fn lookup(&self, name: &str, rtype: RType) -> LocalBoxFuture<'static, Lookup>;

    /// Every distinct query made so far, in order (for the report).
    fn queries(&self) -> Vec<QueryLog> {
        Vec::new()
    }

    /// `(answered, unreachable)`: queries the resolver answered at all, and queries that got no
    /// HTTP reply (network error or timeout) — all unreachable means the resolver is.
    fn stats(&self) -> (u32, u32) {
        (0, 0)
    }
}

/// One query made during an analysis, for the report ("which names were asked").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QueryLog {
    /// The name asked.
    pub name: String,
    /// The record type asked.
    #[serde(rename = "type")]
    pub rtype: RType,
}

type SharedLookup = Shared<LocalBoxFuture<'static, Lookup>>;

/// An RFC 8484 client over a [`Transport`], with a per-analysis cache.
pub struct DohResolver<T: Transport> {
    url: String,
    transport: Rc<T>,
    timeout_ms: u32,
    cache: RefCell<HashMap<(String, RType), SharedLookup>>,
    log: RefCell<Vec<QueryLog>>,
    stats: Rc<Cell<(u32, u32)>>,
}

impl<T: Transport + 'static> DohResolver<T> {
    /// A resolver at `url` (e.g. `https://cloudflare-dns.com/dns-query`), each query given
    /// `timeout_ms` per attempt.
    pub fn new(url: &str, transport: T, timeout_ms: u32) -> Self {
        DohResolver {
            url: url.to_string(),
            transport: Rc::new(transport),
            timeout_ms,
            cache: RefCell::new(HashMap::new()),
            log: RefCell::new(Vec::new()),
            stats: Rc::new(Cell::new((0, 0))),
        }
    }

    /// The resolver URL.
    pub fn url(&self) -> &str {
        &self.url
    }
}

/// The GET URL for one query: `url?dns=<base64url without padding>` (or `&dns=` when the URL
/// already has a query string).
pub fn query_url(base: &str, wire: &[u8]) -> String {
    let sep = if base.contains('?') { '&' } else { '?' };
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(wire);
    format!("{base}{sep}dns={b64}")
}

/// Turns an HTTP reply into a lookup result, checking status, content type and size first.
pub fn read_reply(reply: &HttpReply, name: &str, rtype: RType) -> Lookup {
    if reply.status != 200 {
        return Lookup::unknown(Why::Http(reply.status));
    }
    let ct = reply.content_type.as_deref().unwrap_or("");
    let mime = ct.split(';').next().unwrap_or("").trim();
    if !mime.eq_ignore_ascii_case("application/dns-message") {
        let shown: String = ct.chars().filter(|c| !c.is_control()).take(60).collect();
        return Lookup::unknown(Why::ContentType(shown));
    }
    if reply.body.len() > MAX_ANSWER_BYTES {
        return Lookup::unknown(Why::Oversized);
    }
    decode_answer(&reply.body, name, rtype)
}

async fn query_once<T: Transport + ?Sized>(
    transport: &T,
    url: &str,
    timeout_ms: u32,
    name: &str,
    rtype: RType,
) -> Lookup {
    let mut last = Why::Timeout;
    for _attempt in 0..2 {
        match transport.get(url, timeout_ms).await {
            Ok(reply) => return read_reply(&reply, name, rtype),
            Err(TransportError::Oversized) => return Lookup::unknown(Why::Oversized),
            Err(TransportError::Timeout) => last = Why::Timeout,
            Err(TransportError::Network(e)) => last = Why::Network(e),
        }
    }
    Lookup::unknown(last)
}

impl<T: Transport + 'static> Resolver for DohResolver<T> {
    fn lookup(&self, name: &str, rtype: RType) -> LocalBoxFuture<'static, Lookup> {
        let name = super::wire::norm_name(name);
        let key = (name.clone(), rtype);
        if let Some(f) = self.cache.borrow().get(&key) {
            return f.clone().boxed_local();
        }
        self.log.borrow_mut().push(QueryLog {
            name: name.clone(),
            rtype,
        });
        let fut: LocalBoxFuture<'static, Lookup> = match encode_query(&name, rtype) {
            Err(why) => futures::future::ready(Lookup::unknown(why)).boxed_local(),
            Ok(wire) => {
                let url = query_url(&self.url, &wire);
                let transport = Rc::clone(&self.transport);
                let timeout = self.timeout_ms;
                let stats = Rc::clone(&self.stats);
                async move {
                    let l = query_once(&*transport, &url, timeout, &name, rtype).await;
                    let (ok, bad) = stats.get();
                    match l.why() {
                        Some(Why::Timeout | Why::Network(_) | Why::Http(_) | Why::ContentType(_)) => {
                            stats.set((ok, bad + 1))
                        }
                        _ => stats.set((ok + 1, bad)),
                    }
                    l
                }
                .boxed_local()
            }
        };
        let shared = fut.shared();
        self.cache.borrow_mut().insert(key, shared.clone());
        shared.boxed_local()
    }

    fn queries(&self) -> Vec<QueryLog> {
        self.log.borrow().clone()
    }

    fn stats(&self) -> (u32, u32) {
        self.stats.get()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default)]
    struct Fake {
        calls: Cell<u32>,
        replies: RefCell<Vec<Result<HttpReply, TransportError>>>,
    }

    impl Transport for Rc<Fake> {
        fn get(&self, url: &str, _t: u32) -> LocalBoxFuture<'static, Result<HttpReply, TransportError>> {
            assert!(url.contains("?dns=") && !url.ends_with('='));
            self.calls.set(self.calls.get() + 1);
            let r = self.replies.borrow_mut().pop().unwrap_or(Err(TransportError::Timeout));
            futures::future::ready(r).boxed_local()
        }
    }

    fn ok(ct: &str, body: &[u8]) -> Result<HttpReply, TransportError> {
        Ok(HttpReply {
            status: 200,
            content_type: Some(ct.into()),
            body: body.to_vec(),
        })
    }

    #[test]
    fn url_is_base64url_without_padding() {
        let u = query_url("https://r.test/dns-query", &[0xfb, 0xff, 0x01]);
        assert_eq!(u, "https://r.test/dns-query?dns=-_8B");
        assert_eq!(query_url("http://r.test/q?x=1", &[0]), "http://r.test/q?x=1&dns=AA");
    }

    #[test]
    fn http_errors_and_content_type_are_unknown() {
        let r = HttpReply {
            status: 403,
            content_type: None,
            body: vec![],
        };
        assert_eq!(read_reply(&r, "a.test", RType::A), Lookup::unknown(Why::Http(403)));
        let r = HttpReply {
            status: 200,
            content_type: Some("text/html; charset=utf-8".into()),
            body: b"<html>".to_vec(),
        };
        assert_eq!(
            read_reply(&r, "a.test", RType::A),
            Lookup::unknown(Why::ContentType("text/html; charset=utf-8".into()))
        );
    }

    #[test]
    fn retries_once_then_caches() {
        let fake = Rc::new(Fake::default());
        // Popped from the end: first a timeout, then a garbage (but well-typed) body.
        fake.replies.borrow_mut().extend([
            ok("application/dns-message", b"garbage-garbage"),
            Err(TransportError::Timeout),
        ]);
        let r = DohResolver::new("https://r.test/dns-query", Rc::clone(&fake), 1000);
        let a = futures::executor::block_on(r.lookup("A.test.", RType::A));
        assert!(matches!(a, Lookup::Unknown { why: Why::Malformed(_) }));
        assert_eq!(fake.calls.get(), 2);
        let b = futures::executor::block_on(r.lookup("a.test", RType::A));
        assert_eq!(a, b);
        assert_eq!(fake.calls.get(), 2, "second lookup must come from the cache");
        assert_eq!(r.queries().len(), 1);
        let c = futures::executor::block_on(r.lookup("b.test", RType::A));
        assert_eq!(c, Lookup::unknown(Why::Timeout));
        assert_eq!(fake.calls.get(), 4);
    }
}
