//! The browser DoH transport (`fetch`) against the loopback DoH server, in headless Chromium.
//!
//! Run with the server up and its URL known at compile time:
//! `scripts/doh-server.sh run sh -c 'cd tests/doh/wasm && cargo test --target wasm32-unknown-unknown'`
//! with `CHROMEDRIVER=/usr/bin/chromedriver` (natively this file compiles to nothing).
#![cfg(target_arch = "wasm32")]

use bounce::dns::browser::FetchTransport;
use bounce::dns::checks::{check_ptr, PtrStatus};
use bounce::dns::resolver::{DohResolver, Resolver};
use bounce::dns::spf::{check_spf, SpfResult};
use bounce::dns::wire::{Lookup, RType, Rdata, Why};
use bounce::dns::{self, Config, IpSource, SendingIp, Targets};
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
    assert_eq!(
        r.lookup("servfail.test", RType::A).await,
        Lookup::unknown(Why::ServFail)
    );
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
    // dnsdist's 404 carries no CORS header, so the browser reports a network error, not the status.
    let wrong = DohResolver::new(&url().replace("/dns-query", "/nope"), FetchTransport, 3000);
    assert!(matches!(
        wrong.lookup("ready.doh.test", RType::A).await,
        Lookup::Unknown {
            why: Why::Http(_) | Why::Network(_)
        }
    ));
}

#[wasm_bindgen_test]
async fn an_unreachable_resolver_is_said_clearly() {
    let dead = "http://127.0.0.1:1/dns-query";
    let targets = Targets {
        ip: Some(SendingIp {
            ip: "192.0.2.20".into(),
            source: IpSource::Diagnostic,
        }),
        sender: Some("alice@fail.test".into()),
        recipient_domains: vec!["nullmx.test".into()],
        hosts: vec![],
        reason: Some("blocked".into()),
        reasons: vec!["blocked".into()],
    };
    let mut cfg = Config::with_resolver(dead);
    cfg.timeout_ms = 2000;
    let d = dns::run_targets_in_browser(targets, &cfg).await;
    assert!(d.resolver_unreachable, "{d:?}");
}

#[path = "../url_table.rs"]
mod url_table;

/// The page reads resolver URLs with the browser's own parser: the same verdicts, and the same
/// form to use, as the `url` crate gives natively (tests/dns_urls.rs).
#[wasm_bindgen_test]
fn the_browser_parser_gives_the_table_s_verdicts() {
    use bounce::dns::{browser, UrlProblem};
    let name = |p: UrlProblem| match p {
        UrlProblem::Unparsable => "unparsable",
        UrlProblem::Scheme => "scheme",
        UrlProblem::Userinfo => "userinfo",
        UrlProblem::Fragment => "fragment",
        UrlProblem::NotLoopback => "not_loopback",
    };
    let mut wrong = Vec::new();
    for (input, want) in url_table::CASES {
        let got = browser::parse_resolver_url(input).map_err(name);
        let got = got.as_deref().map_err(|e| *e);
        if got != *want {
            wrong.push(format!("{input:?}: got {got:?}, want {want:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
