//! The browser DoH transport (`fetch`) against the loopback DoH server, in headless Chromium.
//!
//! Run with the server up and its URL known at compile time:
//! `scripts/doh-server.sh run cargo test --target wasm32-unknown-unknown --test dns_wasm`
//! (natively this file compiles to nothing).
#![cfg(target_arch = "wasm32")]

use bounce::dns::browser::FetchTransport;
use bounce::dns::checks::{check_ptr, PtrStatus};
use bounce::dns::resolver::{DohResolver, Resolver};
use bounce::dns::spf::{check_spf, SpfResult};
use bounce::dns::wire::{Lookup, RType, Rdata, Why};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn url() -> &'static str {
    option_env!("BOUNCE_DOH_URL").expect("build with BOUNCE_DOH_URL set (scripts/doh-server.sh run ...)")
}

fn resolver() -> DohResolver<FetchTransport> {
    DohResolver::new(url(), FetchTransport, 3000)
}

#[wasm_bindgen_test]
async fn fetch_gets_real_answers() {
    let r = resolver();
    assert_eq!(
        r.lookup("ready.doh.test", RType::A).await,
        Lookup::Found {
            records: vec![Rdata::A("192.0.2.1".parse().unwrap())]
        }
    );
    assert_eq!(r.lookup("nothing.test", RType::A).await, Lookup::NxDomain);
    assert_eq!(r.lookup("servfail.test", RType::A).await, Lookup::unknown(Why::ServFail));
}

#[wasm_bindgen_test]
async fn the_same_checks_run_in_the_browser() {
    let r = resolver();
    let c = check_ptr(&r, "192.0.2.10".parse().unwrap()).await;
    assert_eq!(
        c.status,
        PtrStatus::Confirmed {
            name: "mail.good.test".into(),
            generic: false
        }
    );
    let s = check_spf(&r, "a@include.test", "192.0.2.10".parse().unwrap()).await;
    assert_eq!(s.result, SpfResult::Pass);
}

#[wasm_bindgen_test]
async fn errors_are_unknown_not_panics() {
    let wrong = DohResolver::new(&url().replace("/dns-query", "/nope"), FetchTransport, 3000);
    assert!(matches!(wrong.lookup("ready.doh.test", RType::A).await, Lookup::Unknown { why: Why::Http(_) }));
    let closed = DohResolver::new("http://127.0.0.1:9/dns-query", FetchTransport, 2000);
    assert!(matches!(closed.lookup("ready.doh.test", RType::A).await, Lookup::Unknown { .. }));
}
