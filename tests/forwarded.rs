//! Bounces forwarded by people as attachments (tests/forwarded/, made by
//! scripts/make-forwarded-fixtures.py): the report is the attached bounce's — its recipients,
//! codes and reasons — never the forwarder's, whose note names them and quotes numbers that
//! look like reply codes.

mod common;

use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

fn explain(rel: &str) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_bounce"))
        .args(["explain", "--json"])
        .arg(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel))
        .output()
        .expect("run bounce");
    assert!(out.status.success(), "{rel}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("one JSON object")
}

/// Each recipient's facts, and the report's kind.
fn facts(report: &Value, only_failed: bool) -> (Value, Vec<Value>) {
    let keep = common::RECIPIENT_FACTS;
    let rcpts = report["recipients"]
        .as_array()
        .expect("recipients")
        .iter()
        .filter(|r| !only_failed || r["action"] == "failed")
        .map(|r| Value::Object(keep.iter().map(|k| (k.to_string(), r[*k].clone())).collect()))
        .collect();
    (report["kind"].clone(), rcpts)
}

#[test]
fn a_forwarded_bounce_gives_the_attached_bounces_recipients() {
    for (forwarded, bounce, only_failed) in [
        (
            "attached-rfc822.eml",
            "tests/fixtures/05-postfix-three-recipients.eml",
            false,
        ),
        (
            "attached-eml-file.eml",
            "tests/fixtures/04-postfix-dsn-userunknown.eml",
            false,
        ),
        // An Outlook NDR item keeps only the failed recipients (MS-OXCMAIL 2.2.3.7.1).
        (
            "attached-msg-file.eml",
            "tests/fixtures/05-postfix-three-recipients.eml",
            true,
        ),
        ("nested-two-deep.eml", "tests/fixtures/09-exim-rcpt.eml", false),
    ] {
        let f = explain(&format!("tests/forwarded/{forwarded}"));
        let b = explain(bounce);
        let (kind, got) = facts(&f, false);
        assert!(!got.is_empty(), "{forwarded}");
        assert_eq!((kind, got), facts(&b, only_failed), "{forwarded}");
        // The forwarders are nowhere among the recipients, and the subject is the forward's.
        let rcpts = f["recipients"].to_string();
        for person in ["anna@example.org", "bartek@example.org", "postmaster@example.org"] {
            assert!(!rcpts.contains(person), "{forwarded}: {person} in {rcpts}");
        }
        assert!(
            f["subject"].as_str().is_some_and(|s| s.starts_with("FW:")),
            "{forwarded}"
        );
    }
}

#[test]
fn the_inner_facts_are_located_in_the_forwarded_text() {
    let f = explain("tests/forwarded/attached-rfc822.eml");
    let text =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/forwarded/attached-rfc822.eml"))
            .unwrap();
    let recipient_spans: Vec<&str> = f["spans"]
        .as_array()
        .expect("spans")
        .iter()
        .filter(|s| s["what"] == "recipient")
        .map(|s| &text[s["start"].as_u64().unwrap() as usize..s["end"].as_u64().unwrap() as usize])
        .collect();
    assert!(recipient_spans.contains(&"igor@example.com"), "{recipient_spans:?}");
}
