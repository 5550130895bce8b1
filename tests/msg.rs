//! Outlook `.msg` files (tests/msg/, written by scripts/make-msg-fixtures.py with an independent
//! MS-OXMSG writer): the CLI gives the same recipients, codes and reasons as for the `.eml` of
//! the same bounce, spans point into the rendering, and a broken container still gets an answer.

mod common;

use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

fn path(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// `bounce explain --json FILE`, parsed.
fn explain(rel: &str) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_bounce"))
        .args(["explain", "--json"])
        .arg(path(rel))
        .output()
        .expect("run bounce");
    assert!(out.status.success(), "{rel}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("one JSON object")
}

/// The facts of each recipient that the `.msg` and the `.eml` must agree on.
fn facts(report: &Value) -> Vec<Value> {
    report["recipients"]
        .as_array()
        .expect("recipients")
        .iter()
        .map(|r| {
            let keep = common::RECIPIENT_FACTS;
            Value::Object(keep.iter().map(|k| (k.to_string(), r[*k].clone())).collect())
        })
        .collect()
}

/// The failed recipients only: an NDR item keeps the recipients of the most severe action
/// (MS-OXCMAIL 2.2.3.7.1), so a delayed recipient of the same DSN is not in it.
fn failed(report: &Value) -> Vec<Value> {
    facts(report).into_iter().filter(|r| r["action"] == "failed").collect()
}

#[test]
fn an_ndr_item_gives_the_report_of_its_eml() {
    for (msg, eml) in [
        (
            "tests/msg/ndr-three-recipients.msg",
            "tests/fixtures/05-postfix-three-recipients.eml",
        ),
        (
            "tests/msg/ndr-ansi-cp1250.msg",
            "tests/fixtures/04-postfix-dsn-userunknown.eml",
        ),
    ] {
        let (m, e) = (explain(msg), explain(eml));
        assert_eq!(m["kind"], "dsn", "{msg}");
        assert_eq!(m["kind"], e["kind"], "{msg}");
        assert_eq!(m["subject"], e["subject"], "{msg}");
        let got = facts(&m);
        assert!(!got.is_empty(), "{msg}");
        assert_eq!(got, failed(&e), "{msg}");
        assert!(m["warnings"].as_array().is_some_and(|w| w.is_empty()), "{msg}");
    }
}

#[test]
fn spans_point_into_the_rendering() {
    let m = explain("tests/msg/ndr-three-recipients.msg");
    let text = m["rendered"].as_str().expect("the rendering");
    let spans = m["spans"].as_array().expect("spans");
    assert!(spans.len() >= 6, "{spans:?}");
    let mut seen = Vec::new();
    for s in spans {
        let (a, b) = (
            s["start"].as_u64().unwrap() as usize,
            s["end"].as_u64().unwrap() as usize,
        );
        let piece = text.get(a..b).expect("a span inside the rendering");
        if s["what"] == "recipient" {
            seen.push(piece.to_string());
        }
    }
    assert!(seen.contains(&"igor@example.com".to_string()), "{seen:?}");
    assert!(seen.contains(&"kamil@example.test".to_string()), "{seen:?}");
    // A plain .eml has no rendering: its spans point into the file itself.
    assert!(explain("tests/fixtures/05-postfix-three-recipients.eml")
        .get("rendered")
        .is_none());
}

#[test]
fn ansi_strings_are_read_in_the_items_code_page() {
    let m = explain("tests/msg/ndr-ansi-cp1250.msg");
    let text = m["rendered"].as_str().expect("the rendering");
    assert!(
        text.contains("Wiadomość nie została dostarczona (zażółć gęślą jaźń)."),
        "{text}"
    );
}

#[test]
fn a_truncated_container_is_explained_from_its_readable_text_with_a_warning() {
    let m = explain("tests/msg/truncated.msg");
    let w = m["warnings"].as_array().expect("warnings");
    assert_eq!(w[0]["id"], "warn-msg-unreadable", "{w:?}");
    // What the readable text still shows: the bounce of igor@example.com.
    let first = &m["recipients"][0];
    assert_eq!(first["address"], "igor@example.com", "{m}");
    // The text output says it in words, in each language.
    for (lang, words) in [("en", "Outlook .msg"), ("pl", "plik .msg programu Outlook")] {
        let out = Command::new(env!("CARGO_BIN_EXE_bounce"))
            .args(["explain", "--lang", lang])
            .arg(path("tests/msg/truncated.msg"))
            .output()
            .expect("run bounce");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains(words), "{lang}: {text}");
    }
}

#[test]
fn a_bounce_embedded_two_levels_down_gives_the_inner_recipients() {
    let m = explain("tests/msg/forward-two-deep.msg");
    let e = explain("tests/fixtures/05-postfix-three-recipients.eml");
    assert_eq!(facts(&m), failed(&e));
    let all = m.to_string();
    for forwarder in ["marta@example.org", "helpdesk@example.org", "postmaster@example.org"] {
        assert!(!m["recipients"].to_string().contains(forwarder), "{forwarder} in {all}");
    }
}

#[test]
fn a_bounce_attached_as_an_eml_file_gives_its_recipients() {
    let m = explain("tests/msg/forward-attached-eml.msg");
    let e = explain("tests/fixtures/04-postfix-dsn-userunknown.eml");
    assert_eq!(facts(&m), facts(&e));
}

#[test]
fn binary_garbage_with_the_cfb_signature_never_fails() {
    let dir = std::env::temp_dir().join(format!("bounce-msg-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = std::fs::read(path("tests/msg/forward-two-deep.msg")).unwrap();
    // Cut and corrupted copies of a valid container: every one gets an answer.
    let mut files = Vec::new();
    for (i, cut) in [8usize, 512, 513, 4096, 9000, good.len() - 1].into_iter().enumerate() {
        let f = dir.join(format!("cut-{i}.msg"));
        std::fs::write(&f, &good[..cut]).unwrap();
        files.push(f);
    }
    let mut state = 0x2545_f491_u32;
    for i in 0..20 {
        let mut bad = good.clone();
        for _ in 0..(1 + i * 3) {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            let at = 8 + state as usize % (bad.len() - 8);
            bad[at] = (state >> 8) as u8;
        }
        let f = dir.join(format!("flip-{i}.msg"));
        std::fs::write(&f, &bad).unwrap();
        files.push(f);
    }
    let out = Command::new(env!("CARGO_BIN_EXE_bounce"))
        .args(["explain", "--json"])
        .args(&files)
        .output()
        .expect("run bounce");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        out.stdout.split(|&b| b == b'\n').filter(|l| !l.is_empty()).count(),
        files.len()
    );
    let _ = std::fs::remove_dir_all(&dir);
}
