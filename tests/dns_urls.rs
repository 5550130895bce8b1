//! The resolver-URL rule on every form of tests/doh/url_table.rs, and the CLI refusing a URL
//! that hides another host behind a user name while using the parser's form of one it accepts
//! (against the loopback DoH server).

#[path = "doh/server.rs"]
mod server;

#[path = "doh/cli.rs"]
mod cli;
use cli::{bounce, FIXTURE};
#[path = "doh/url_table.rs"]
mod url_table;

use bounce::dns::{parse_resolver_url, valid_resolver_url, UrlProblem};

fn problem_name(p: UrlProblem) -> String {
    serde_json::to_value(p).unwrap().as_str().unwrap().to_string()
}

#[test]
fn every_form_in_the_table() {
    assert!(url_table::CASES.len() >= 20);
    let mut wrong = Vec::new();
    for (input, want) in url_table::CASES {
        let got = parse_resolver_url(input).map_err(problem_name);
        let want = want.map(str::to_string).map_err(str::to_string);
        if got != want {
            wrong.push(format!("{input:?}: got {got:?}, want {want:?}"));
        }
        assert_eq!(valid_resolver_url(input), want.is_ok(), "{input:?}");
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn an_accepted_url_is_accepted_again_unchanged() {
    for (input, _) in url_table::CASES {
        if let Ok(used) = parse_resolver_url(input) {
            assert_eq!(parse_resolver_url(&used).as_deref(), Ok(used.as_str()), "{input:?}");
        }
    }
}

#[test]
fn non_ascii_host_names_are_refused_natively() {
    // IDNA is off in this build (Cargo.toml: idna_adapter 1.0); punycode works.
    assert_eq!(
        parse_resolver_url("https://dns.bücher.example/q"),
        Err(UrlProblem::Unparsable)
    );
    assert_eq!(
        parse_resolver_url("https://dns.xn--bcher-kva.example/q").as_deref(),
        Ok("https://dns.xn--bcher-kva.example/q")
    );
}

/// `host:port` of the loopback server.
fn authority() -> String {
    let u = server::url();
    u.strip_prefix("http://")
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_string()
}

#[test]
fn cli_refuses_userinfo_even_when_the_real_host_is_loopback() {
    let port = authority().rsplit_once(':').unwrap().1.to_string();
    // The host before '@' is outside, the real one is the loopback server: still refused, and
    // no query is made (nothing on stdout).
    let url = format!("http://198.51.100.53:80@127.0.0.1:{port}/dns-query");
    let (code, out, err) = bounce(&["explain", "--json", "--doh", &url, FIXTURE]);
    assert_eq!(code, Some(2), "{err}");
    assert!(out.is_empty(), "{out}");
    assert!(err.contains("user name or password"), "{err}");
    let (code, _, err) = bounce(&["explain", "--lang", "pl", "--doh", &url, FIXTURE]);
    assert_eq!(code, Some(2));
    assert!(err.contains("nazwę użytkownika lub hasło"), "{err}");
    // The form: loopback before '@', an outside host after it.
    let (code, _, err) = bounce(&[
        "explain",
        "--doh",
        "http://127.0.0.1:80@198.51.100.53/dns-query",
        FIXTURE,
    ]);
    assert_eq!(code, Some(2));
    assert!(err.contains("user name or password"), "{err}");
    let (code, _, err) = bounce(&["explain", "--doh", "http://dns.example/dns-query", FIXTURE]);
    assert_eq!(code, Some(2));
    assert!(err.contains("only for this computer"), "{err}");
}

#[test]
fn cli_uses_the_parsers_form_of_an_odd_loopback_url() {
    let port = authority().rsplit_once(':').unwrap().1.to_string();
    let typed = format!("http://2130706433:{port}/dns-query");
    let (code, out, err) = bounce(&["explain", "--json", "--doh", &typed, FIXTURE]);
    assert_eq!(code, Some(0), "{err}");
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(v["dns"]["resolver"], format!("http://127.0.0.1:{port}/dns-query"));
    assert_eq!(v["dns"]["resolver_unreachable"], false);
    assert_eq!(v["dns"]["ptr"]["status"], "missing");
}
