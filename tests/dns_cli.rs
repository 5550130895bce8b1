//! `bounce explain --dns --doh URL` against the loopback DoH server: the `dns` JSON field and the
//! evidence in the text output, in English and Polish.

#[path = "doh/server.rs"]
mod server;

#[path = "doh/cli.rs"]
mod cli;
use cli::{bounce, FIXTURE};

#[test]
fn json_gets_a_dns_field() {
    let (code, out, err) = bounce(&["explain", "--json", "--dns", "--doh", server::url(), FIXTURE]);
    let ok = code == Some(0);
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(out.trim()).expect("one JSON object");
    let dns = &v["dns"];
    assert_eq!(dns["resolver"], server::url());
    assert_eq!(dns["resolver_unreachable"], false);
    assert_eq!(dns["targets"]["ip"]["ip"], "192.0.2.20");
    assert_eq!(dns["targets"]["ip"]["source"], "diagnostic");
    assert_eq!(dns["targets"]["sender"], "alice@fail.test");
    assert_eq!(dns["ptr"]["status"], "missing");
    assert_eq!(dns["spf"]["result"], "fail");
    assert_eq!(dns["spf"]["chain"][0]["term"], "-all");
    assert_eq!(dns["dmarc"]["policy"], "reject");
    assert_eq!(dns["mx"][0]["domain"], "nullmx.test");
    assert_eq!(dns["mx"][0]["status"], "null_mx");
    assert_eq!(dns["hosts"][0]["a"][0], "192.0.2.10");
    // The default lists are real zones the loopback server does not serve: their test point
    // fails, so their silence is not taken as "not listed".
    assert!(dns["dnsbl"]
        .as_array()
        .unwrap()
        .iter()
        .all(|l| l["status"] == "not_answering"));
    assert!(dns["queries"].as_array().unwrap().len() > 10);
    // Without --dns the field is absent.
    let (_, plain, _) = bounce(&["explain", "--json", FIXTURE]);
    let v: serde_json::Value = serde_json::from_str(plain.trim()).unwrap();
    assert!(v.get("dns").is_none());
}

#[test]
fn text_output_has_the_evidence_in_both_languages() {
    let (code, out, err) = bounce(&["explain", "--doh", server::url(), FIXTURE]);
    let ok = code == Some(0);
    assert!(ok, "{err}");
    let tail = out.split("DNS checks (resolver").nth(1).expect("a DNS section");
    assert!(tail.contains("192.0.2.20 has no PTR record"), "{out}");
    assert!(tail.contains("Add ip4:192.0.2.20"), "{out}");
    assert!(tail.contains("null MX"), "{out}");
    let (code, out, err) = bounce(&["explain", "--lang", "pl", "--dns", "--doh", server::url(), FIXTURE]);
    let ok = code == Some(0);
    assert!(ok, "{err}");
    let tail = out
        .split("Kontrole DNS (resolwer")
        .nth(1)
        .expect("a Polish DNS section");
    assert!(tail.contains("nie ma rekordu PTR"), "{out}");
    assert!(tail.contains("pusty rekord MX"), "{out}");
}

#[test]
fn bad_doh_url_is_refused() {
    let (code, _, err) = bounce(&["explain", "--doh", "ftp://example.test/", FIXTURE]);
    let ok = code == Some(0);
    assert!(!ok);
    assert!(err.contains("--doh"), "{err}");
}
