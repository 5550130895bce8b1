//! Evidence joins the verdict: when a DNS check bears on a recipient's refusal reason, the
//! explanation says first whether the check confirms it now or finds it fixed — in the CLI text,
//! the `--json` output (`recipients[].dns_verdict`) and the copied texts (`explain::to_plain`,
//! `explain::to_markdown`). Against the loopback DoH server (tests/doh/zones.conf).

#[path = "doh/server.rs"]
mod server;

use bounce::dns::dnsbl::Dnsbl;
use bounce::dns::native::NativeTransport;
use bounce::dns::resolver::DohResolver;
use bounce::dns::verdict::{verdicts, Verdict, VerdictCheck};
use bounce::dns::Config;
use bounce::i18n::Localizer;
use std::path::PathBuf;
use std::process::Command;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/doh/fixtures");

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{FIXTURES}/{name}")).unwrap()
}

/// `text` in a file of its own for this test process.
fn file(name: &str, text: &str) -> PathBuf {
    let p = std::env::temp_dir().join(format!("bounce-verdict-{}-{name}", std::process::id()));
    std::fs::write(&p, text).unwrap();
    p
}

fn bounce(args: &[&str], path: &PathBuf) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_bounce"))
        .args(args)
        .arg(path)
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("run bounce");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn json(path: &PathBuf) -> serde_json::Value {
    let out = bounce(&["explain", "--json", "--doh", server::url()], path);
    serde_json::from_str(out.trim()).unwrap()
}

/// The first line of the first recipient's block in the text output.
fn first_line(path: &PathBuf, lang: &str) -> String {
    let out = bounce(&["explain", "--lang", lang, "--doh", server::url()], path);
    let mut lines = out
        .lines()
        .skip_while(|l| !l.starts_with("Recipient:") && !l.starts_with("Odbiorca:"));
    lines.next().expect("a recipient block");
    lines.next().unwrap_or_default().trim().to_string()
}

#[test]
fn a_ptr_refusal_confirmed_now_and_fixed_since() {
    let missing = file("noptr.eml", &fixture("noptr.eml"));
    let v = json(&missing);
    assert_eq!(v["recipients"][0]["reason"], "requireptr");
    assert_eq!(v["recipients"][0]["dns_verdict"]["check"], "ptr");
    assert_eq!(v["recipients"][0]["dns_verdict"]["verdict"], "confirmed");
    assert!(
        first_line(&missing, "en").starts_with("Confirmed now by DNS: reverse DNS of 192.0.2.20 is still not in order")
    );
    assert!(first_line(&missing, "pl").starts_with("DNS potwierdza teraz: odwrotny DNS adresu 192.0.2.20"));

    // The same refusal for 192.0.2.10, whose PTR is in order now.
    let fixed = file(
        "ptr-fixed.eml",
        &fixture("noptr.eml").replace("192.0.2.20", "192.0.2.10"),
    );
    let v = json(&fixed);
    assert_eq!(v["recipients"][0]["dns_verdict"]["verdict"], "not_reproducible");
    assert_eq!(v["recipients"][0]["dns_verdict"]["facts"][0], "mail.good.test");
    let line = first_line(&fixed, "en");
    assert!(
        line.starts_with("Not reproducible now: reverse DNS of 192.0.2.10 is fine"),
        "{line}"
    );
    assert!(line.contains("resend"), "{line}");
    assert!(first_line(&fixed, "pl").starts_with("Teraz się nie potwierdza"));
    let _ = std::fs::remove_file(missing);
    let _ = std::fs::remove_file(fixed);
}

#[test]
fn an_authentication_refusal_and_the_spf_result() {
    let failing = file("auth.eml", &fixture("unauthenticated.eml"));
    let v = json(&failing);
    assert_eq!(v["recipients"][0]["reason"], "authfailure");
    assert_eq!(v["recipients"][0]["dns_verdict"]["check"], "spf");
    assert_eq!(v["recipients"][0]["dns_verdict"]["verdict"], "confirmed");
    assert_eq!(v["recipients"][0]["dns_verdict"]["facts"][0], "fail");
    let line = first_line(&failing, "en");
    assert!(
        line.starts_with("Confirmed now by DNS: SPF of fail.test does not pass for 192.0.2.20 (result: fail)"),
        "{line}"
    );

    // From pass.test, whose SPF allows 192.0.2.10.
    let passing = file(
        "auth-pass.eml",
        &fixture("unauthenticated.eml")
            .replace("alice@fail.test", "alice@pass.test")
            .replace("192.0.2.20", "192.0.2.10"),
    );
    let v = json(&passing);
    assert_eq!(v["recipients"][0]["dns_verdict"]["verdict"], "not_reproducible");
    assert!(
        first_line(&passing, "en").starts_with("Not reproducible for SPF now: SPF of pass.test passes for 192.0.2.10")
    );
    let _ = std::fs::remove_file(failing);
    let _ = std::fs::remove_file(passing);
}

#[test]
fn without_a_related_check_there_is_no_verdict() {
    // A blocklist refusal: the default lists are not served by the loopback server, so no list
    // gives a usable answer and the verdict says so.
    let blocked = file("blocked.eml", &fixture("blocked.eml"));
    let v = json(&blocked);
    assert_eq!(v["recipients"][0]["dns_verdict"]["verdict"], "inconclusive");
    // Without --dns there is no verdict at all.
    let plain = bounce(&["explain", "--json"], &blocked);
    let v: serde_json::Value = serde_json::from_str(plain.trim()).unwrap();
    assert!(v["recipients"][0].get("dns_verdict").is_none());
    let _ = std::fs::remove_file(blocked);
}

/// A blocklist refusal for `ip`, checked against the test list bl.test; the explanation as
/// copied (plain text and Markdown) in `lang`.
fn blocklist_case(ip: &str, lang: &str) -> (Verdict, String, String) {
    let report = bounce::analyze(fixture("blocked.eml").replace("192.0.2.20", ip).as_bytes());
    let mut cfg = Config::with_resolver(server::url());
    cfg.lists = vec![Dnsbl::new("Test BL", "bl.test", "http://bl.test/lookup?ip={ip}")];
    let r = DohResolver::new(server::url(), NativeTransport::new(), 3000);
    let d = futures::executor::block_on(bounce::dns::run(&r, server::url(), &report, &cfg));
    let v = verdicts(&report, &d);
    let first = v[0].as_ref().expect("a verdict");
    assert_eq!(first.check, VerdictCheck::Dnsbl);
    let loc = Localizer::new(&[lang]);
    let mut e = bounce::explain::explain(&report, &loc);
    let lines: Vec<Option<String>> = v.iter().map(|x| x.as_ref().map(|x| x.line(&loc))).collect();
    bounce::explain::add_dns_verdicts(&mut e, &lines);
    assert_eq!(loc.take_errors(), Vec::<String>::new());
    (
        first.verdict,
        bounce::explain::to_plain(&e),
        bounce::explain::to_markdown(&e),
    )
}

#[test]
fn a_blocklist_refusal_listed_now_or_delisted_since_in_the_copied_texts() {
    let (v, plain, md) = blocklist_case("192.0.2.20", "en");
    assert_eq!(v, Verdict::Confirmed);
    let block = plain.split("Recipient: ").nth(1).expect("a recipient block");
    assert!(
        block
            .lines()
            .nth(1)
            .unwrap()
            .trim()
            .starts_with("Confirmed now by DNS: 192.0.2.20 is listed on Test BL"),
        "{plain}"
    );
    // Markdown escapes its punctuation.
    assert!(
        md.contains("\n> Confirmed now by DNS: 192\\.0\\.2\\.20 is listed on Test BL"),
        "{md}"
    );

    let (v, plain, _) = blocklist_case("192.0.2.10", "en");
    assert_eq!(v, Verdict::NotReproducible);
    let block = plain.split("Recipient: ").nth(1).unwrap();
    let line = block.lines().nth(1).unwrap().trim();
    assert!(
        line.starts_with("Not reproducible now: 192.0.2.10 is not listed on the blocklist checked (Test BL)"),
        "{line}"
    );
    assert!(line.contains("probably delisted since"), "{line}");

    let (_, plain, _) = blocklist_case("192.0.2.10", "pl");
    assert!(
        plain.contains("Teraz się nie potwierdza: 192.0.2.10 nie jest na sprawdzonej czarnej liście (Test BL)"),
        "{plain}"
    );
}
