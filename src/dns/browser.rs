//! The browser transport: `fetch` (window or worker), aborted after the timeout.

use super::doh_url::{check_parts, UrlProblem};
use super::resolver::{HttpReply, Transport, TransportError};
use super::wire::MAX_ANSWER_BYTES;
use futures::future::{FutureExt, LocalBoxFuture};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// DoH over the browser's `fetch`. Sends no credentials and no referrer.
#[derive(Clone, Default)]
pub struct FetchTransport;

fn js_err(e: JsValue) -> TransportError {
    let name = js_sys::Reflect::get(&e, &JsValue::from_str("name"))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default();
    if name == "AbortError" || name == "TimeoutError" {
        return TransportError::Timeout;
    }
    let msg = js_sys::Reflect::get(&e, &JsValue::from_str("message"))
        .ok()
        .and_then(|v| v.as_string())
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "fetch failed".into());
    TransportError::Network(msg)
}

async fn fetch(url: String, timeout_ms: u32) -> Result<HttpReply, TransportError> {
    let headers = web_sys::Headers::new().map_err(js_err)?;
    headers.set("accept", "application/dns-message").map_err(js_err)?;
    let ctrl = web_sys::AbortController::new().map_err(js_err)?;
    let init = web_sys::RequestInit::new();
    init.set_method("GET");
    init.set_headers(&headers);
    init.set_signal(Some(&ctrl.signal()));
    init.set_credentials(web_sys::RequestCredentials::Omit);
    init.set_referrer_policy(web_sys::ReferrerPolicy::NoReferrer);
    let req = web_sys::Request::new_with_str_and_init(&url, &init).map_err(js_err)?;
    let timer = gloo_timers::callback::Timeout::new(timeout_ms, move || ctrl.abort());
    let global = js_sys::global();
    let promise = if let Some(w) = global.dyn_ref::<web_sys::Window>() {
        w.fetch_with_request(&req)
    } else if let Some(w) = global.dyn_ref::<web_sys::WorkerGlobalScope>() {
        w.fetch_with_request(&req)
    } else {
        return Err(TransportError::Network("no fetch in this context".into()));
    };
    let resp: web_sys::Response = JsFuture::from(promise).await.map_err(js_err)?.unchecked_into();
    let status = resp.status();
    let content_type = resp.headers().get("content-type").ok().flatten();
    let buf = JsFuture::from(resp.array_buffer().map_err(js_err)?)
        .await
        .map_err(js_err)?;
    drop(timer);
    let bytes = js_sys::Uint8Array::new(&buf);
    if bytes.length() as usize > MAX_ANSWER_BYTES {
        return Err(TransportError::Oversized);
    }
    Ok(HttpReply {
        status,
        content_type,
        body: bytes.to_vec(),
    })
}

impl Transport for FetchTransport {
    fn get(&self, url: &str, timeout_ms: u32) -> LocalBoxFuture<'static, Result<HttpReply, TransportError>> {
        fetch(url.to_string(), timeout_ms).boxed_local()
    }
}

/// [`super::parse_resolver_url`] with the browser's own WHATWG parser (`new URL(…)`), for the
/// page, which does not link the `url` crate: the same rule on the same parse. `Ok` holds the
/// URL's `href`, the form to use.
pub fn parse_resolver_url(input: &str) -> Result<String, UrlProblem> {
    let u = web_sys::Url::new(input).map_err(|_| UrlProblem::Unparsable)?;
    let protocol = u.protocol();
    let scheme = protocol.strip_suffix(':').unwrap_or(&protocol);
    let href = u.href();
    let userinfo = !u.username().is_empty() || !u.password().is_empty();
    // `hash` is "" for an empty fragment too; in an http(s) href a '#' can only start one.
    check_parts(scheme, userinfo, &u.hostname(), href.contains('#'))?;
    Ok(href)
}
