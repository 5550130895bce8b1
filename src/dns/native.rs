//! The native transport: a blocking HTTP client (ureq) on a thread per request, so the same
//! async checks run under `futures::executor::block_on` with queries in parallel.

use super::resolver::{HttpReply, Transport, TransportError};
use super::wire::MAX_ANSWER_BYTES;
use futures::future::{FutureExt, LocalBoxFuture};
use std::time::Duration;

/// DoH over ureq (rustls with the webpki roots for `https`, plain `http` for loopback tests).
#[derive(Clone)]
pub struct NativeTransport {
    agent: ureq::Agent,
}

impl Default for NativeTransport {
    fn default() -> Self {
        Self::new()
    }
}

impl NativeTransport {
    /// A client that reports HTTP errors as replies (not as failures) and sends no cookies.
    pub fn new() -> Self {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .user_agent(concat!("bounce/", env!("CARGO_PKG_VERSION")))
            .max_redirects(0)
            .build()
            .into();
        NativeTransport { agent }
    }
}

fn fetch(agent: &ureq::Agent, url: &str, timeout_ms: u32) -> Result<HttpReply, TransportError> {
    let req = agent
        .get(url)
        .header("accept", "application/dns-message")
        .config()
        .timeout_global(Some(Duration::from_millis(u64::from(timeout_ms))))
        .build();
    let mut resp = req.call().map_err(map_err)?;
    let status = resp.status().as_u16();
    let content_type = resp
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let body = resp
        .body_mut()
        .with_config()
        .limit(MAX_ANSWER_BYTES as u64)
        .read_to_vec()
        .map_err(map_err)?;
    Ok(HttpReply {
        status,
        content_type,
        body,
    })
}

fn map_err(e: ureq::Error) -> TransportError {
    match e {
        ureq::Error::Timeout(_) => TransportError::Timeout,
        ureq::Error::BodyExceedsLimit(_) => TransportError::Oversized,
        other => TransportError::Network(other.to_string()),
    }
}

impl Transport for NativeTransport {
    fn get(&self, url: &str, timeout_ms: u32) -> LocalBoxFuture<'static, Result<HttpReply, TransportError>> {
        let (tx, rx) = futures::channel::oneshot::channel();
        let agent = self.agent.clone();
        let url = url.to_string();
        let spawned = std::thread::Builder::new().name("doh".into()).spawn(move || {
            let _ = tx.send(fetch(&agent, &url, timeout_ms));
        });
        async move {
            if let Err(e) = spawned {
                return Err(TransportError::Network(e.to_string()));
            }
            rx.await
                .unwrap_or_else(|_| Err(TransportError::Network("request thread ended".into())))
        }
        .boxed_local()
    }
}
