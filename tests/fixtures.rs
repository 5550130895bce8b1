//! Hand-written bounce fixtures (`tests/fixtures/*.eml|*.txt`), each with a hand-checked
//! expected JSON file of the same name: kind, format, the failing hop's host and, per
//! recipient, address, action, status, reply code, reason, hard, SMTP stage, remote host, and
//! the explanation's decisions `final` (the message is over) and `who_must_act`.
//! Also checks that every source span really holds the fact it names, and that line ends
//! (LF, CRLF, CR) do not change the analysis.

use bounce::model::{Report, SpanKind};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Every input fixture (not the expected `.json` files), sorted by name.
fn inputs() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(fixture_dir())
        .expect("tests/fixtures exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("eml" | "txt")))
        .collect();
    v.sort();
    v
}

/// The facts the expected files pin down, in the same shape.
fn facts(report: &Report) -> Value {
    let failing = report
        .failing_hop
        .and_then(|i| report.hops.get(i))
        .and_then(|h| h.by.clone());
    let recipients: Vec<Value> = report
        .recipients
        .iter()
        .map(|r| {
            json!({
                "address": r.address,
                "action": r.action,
                "status": r.status,
                "reply_code": r.reply_code,
                "reason": r.reason,
                "hard": r.hard,
                "command": r.command,
                "remote_mta": r.remote_mta,
                "final": r.is_final,
                "who_must_act": r.who_must_act,
            })
        })
        .collect();
    json!({
        "kind": report.kind,
        "format": report.format,
        "failing_hop": failing,
        "recipients": recipients,
    })
}

#[test]
fn at_least_forty_fixtures_each_with_expected_json() {
    let all = inputs();
    assert!(all.len() >= 40, "only {} fixtures", all.len());
    for p in &all {
        assert!(
            p.with_extension("json").exists(),
            "{} has no expected .json",
            p.display()
        );
    }
}

#[test]
fn fixtures_match_their_expected_facts() {
    let mut failures = Vec::new();
    for p in inputs() {
        let raw = std::fs::read(&p).expect("readable fixture");
        let expected: Value =
            serde_json::from_str(&std::fs::read_to_string(p.with_extension("json")).expect("readable expected file"))
                .expect("expected file is JSON");
        let got = facts(&bounce::analyze(&raw));
        if got != expected {
            failures.push(format!(
                "{}:\n  expected {}\n  got      {}",
                p.file_name().unwrap_or_default().to_string_lossy(),
                expected,
                got
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} fixture(s) differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Removes what may legitimately differ between a wrapped source range and its unfolded fact.
fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '>' && *c != '=')
        .collect()
}

#[test]
fn every_span_holds_the_fact_it_names() {
    let mut checked = 0;
    for p in inputs() {
        let raw = std::fs::read(&p).expect("readable fixture");
        let report = bounce::analyze(&raw);
        let name = p.file_name().unwrap_or_default().to_string_lossy().to_string();
        for s in &report.spans {
            let bytes = raw
                .get(s.start..s.end)
                .unwrap_or_else(|| panic!("{name}: span {s:?} out of range"));
            let text = String::from_utf8_lossy(bytes);
            let r = s
                .recipient
                .and_then(|i| report.recipients.get(i))
                .unwrap_or_else(|| panic!("{name}: span {s:?} names no recipient"));
            let ok = match s.what {
                SpanKind::ReplyCode => text == r.reply_code,
                SpanKind::Status => Some(text.as_ref()) == r.status.as_deref(),
                SpanKind::Recipient => r.address.as_deref().is_some_and(|a| a.eq_ignore_ascii_case(&text)),
                SpanKind::RemoteMta => r.remote_mta.as_deref().is_some_and(|h| h.eq_ignore_ascii_case(&text)),
                SpanKind::Diagnostic => r.diagnostic.as_deref().is_some_and(|d| squeeze(d) == squeeze(&text)),
            };
            assert!(ok, "{name}: span {s:?} holds {text:?}, which is not its fact");
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} spans checked");
}

#[test]
fn line_ends_do_not_change_the_analysis() {
    for p in inputs() {
        let raw = std::fs::read(&p).expect("readable fixture");
        let lf: Vec<u8> = String::from_utf8_lossy(&raw)
            .replace("\r\n", "\n")
            .replace('\r', "\n")
            .into_bytes();
        let crlf = String::from_utf8_lossy(&lf).replace('\n', "\r\n").into_bytes();
        let cr = String::from_utf8_lossy(&lf).replace('\n', "\r").into_bytes();
        let base = facts(&bounce::analyze(&lf));
        let name = p.file_name().unwrap_or_default().to_string_lossy().to_string();
        assert_eq!(facts(&bounce::analyze(&crlf)), base, "{name} with CRLF");
        assert_eq!(facts(&bounce::analyze(&cr)), base, "{name} with CR only");
    }
}

#[test]
fn a_lone_reply_line_has_one_recipient_without_address() {
    let r = bounce::analyze(b"554 5.7.1 You are not allowed to connect");
    assert_eq!(r.kind, bounce::model::Kind::ReplyLine);
    assert_eq!(r.recipients.len(), 1);
    assert_eq!(r.recipients[0].address, None);
    assert_eq!(r.recipients[0].status.as_deref(), Some("5.7.1"));
    assert_eq!(r.recipients[0].reply_code, "554");
}

#[test]
fn greylisting_is_soft() {
    let r = bounce::analyze(b"451 4.7.1 Greylisted, please try again later");
    assert!(!r.recipients[0].hard);
}

fn analyze_fixture(name: &str) -> Report {
    bounce::analyze(&std::fs::read(fixture_dir().join(name)).expect("readable fixture"))
}

#[test]
fn hop_path_has_the_received_chain_reporting_and_remote_hosts_with_delays() {
    let r = analyze_fixture("01-sendmail-dsn-userunknown.eml");
    let path: Vec<(Option<&str>, Option<i64>)> = r.hops.iter().map(|h| (h.by.as_deref(), h.delay_s)).collect();
    assert_eq!(
        path,
        vec![
            (Some("client.example.org"), None),
            (Some("mail.example.org"), Some(5)),
            (Some("mx1.example.com"), Some(2)),
        ]
    );
    assert_eq!(r.failing_hop, Some(2));
}

#[test]
fn every_host_tried_appears_and_the_last_one_refused() {
    let r = analyze_fixture("02-sendmail-mit-style-pasted.txt");
    let remote: Vec<&str> = r
        .hops
        .iter()
        .filter(|h| h.role == bounce::model::HopRole::Remote)
        .filter_map(|h| h.by.as_deref())
        .collect();
    assert_eq!(
        remote,
        [
            "scanner-3.campus.example.edu",
            "scanner-1.campus.example.edu",
            "scanner-5.campus.example.edu"
        ]
    );
    let failing = r.failing_hop.and_then(|i| r.hops.get(i)).and_then(|h| h.by.as_deref());
    assert_eq!(failing, Some("scanner-5.campus.example.edu"));
    // Status 5.5.0 in the DSN, 554 5.7.1 in the reply: the more specific code wins.
    assert_eq!(r.recipients[0].status.as_deref(), Some("5.7.1"));
}

#[test]
fn multi_line_replies_are_joined_into_one_diagnostic() {
    let r = analyze_fixture("17-gmail-dmarc-multiline.eml");
    let d = r.recipients[0].diagnostic.as_deref().unwrap_or("");
    assert!(d.starts_with("550-5.7.26 Unauthenticated email"), "{d}");
    assert!(
        d.ends_with("go to https://support.google.com/mail/?p=DmarcRejection"),
        "{d}"
    );
    assert!(!d.contains('\n'));
}
