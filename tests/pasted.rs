//! Several reports in one text (pasted one after another, or saved to one file without mbox
//! `From ` lines): `bounce explain` gives each its own report, `path#N` as in an mbox, the same
//! report as the part alone; and no single bounce of the test suite is ever split.

use bounce::batch::split_reports;
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn bounce(args: &[&str], stdin: Option<&[u8]>) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_bounce"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run bounce");
    let mut input = child.stdin.take().expect("stdin");
    input.write_all(stdin.unwrap_or_default()).expect("write stdin");
    drop(input);
    child.wait_with_output().expect("bounce output")
}

fn lines(out: &[u8]) -> Vec<Value> {
    out.split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice(l).expect("a JSON line"))
        .collect()
}

/// Each report's recipients as `address reason status`.
fn recipients(report: &Value) -> Vec<String> {
    report["recipients"]
        .as_array()
        .expect("recipients")
        .iter()
        .map(|r| format!("{} {} {}", r["address"], r["reason"], r["status"]))
        .collect()
}

/// The report of `part` read alone, without its source.
fn alone(part: &[u8]) -> Value {
    let mut v = serde_json::to_value(bounce::analyze(part)).unwrap();
    v.as_object_mut().unwrap().remove("source");
    v
}

fn check_file(name: &str, expected: &[&[&str]]) {
    let path = root().join("tests/pasted").join(name);
    let raw = std::fs::read(&path).unwrap();
    let parts = split_reports(&raw);
    assert_eq!(parts.len(), expected.len(), "{name}: {parts:?}");
    let p = path.to_string_lossy().into_owned();
    let out = bounce(&["explain", "--json", &p], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let reports = lines(&out.stdout);
    assert_eq!(reports.len(), expected.len(), "{name}");
    for (i, (report, want)) in reports.iter().zip(expected).enumerate() {
        assert_eq!(report["source"], format!("{p}#{}", i + 1));
        assert_eq!(recipients(report), *want, "{name} #{}", i + 1);
        let mut r = report.clone();
        r.as_object_mut().unwrap().remove("source");
        assert_eq!(r, alone(&raw[parts[i].clone()]), "{name} #{}", i + 1);
    }
    // Standard input is read the same way, `-#N`.
    let out = bounce(&["explain", "--json", "-"], Some(&raw));
    let from_stdin = lines(&out.stdout);
    assert_eq!(from_stdin.len(), expected.len());
    assert_eq!(from_stdin[1]["source"], "-#2");
    // The summary counts each report.
    let out = bounce(&["summary", "--json", &p], None);
    let summary: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["messages"], expected.len());
}

#[test]
fn three_raw_messages_back_to_back_are_three_reports() {
    check_file(
        "three-messages.eml",
        &[
            &["\"jan.kowal@ogrody.example\" \"userunknown\" \"5.1.1\""],
            &["\"ewa@kwiaty.example\" \"blocked\" \"5.7.1\""],
            &["\"tomasz@domki.example\" \"blocked\" \"4.7.1\""],
        ],
    );
}

#[test]
fn visible_texts_pasted_one_after_another_are_separate_reports() {
    check_file(
        "two-visible-notices.txt",
        &[
            &["\"marta.nowak@ogrody.example\" \"userunknown\" \"5.1.1\""],
            &["\"piotr@rowery.example\" \"mailboxfull\" \"4.2.2\""],
        ],
    );
    check_file(
        "outlook-and-exim.txt",
        &[
            &["\"anna@biuro.example\" \"userunknown\" \"5.1.10\""],
            &["\"kasia@sklep.example\" \"policyviolation\" \"5.7.1\""],
        ],
    );
}

/// Every file under `dir` (recursively) but the expected results.
fn inputs(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            inputs(&p, out);
        } else if !p.extension().is_some_and(|x| x == "json" || x == "md" || x == "py") {
            out.push(p);
        }
    }
}

#[test]
fn no_single_bounce_of_the_test_suite_is_split() {
    let mut files = Vec::new();
    for dir in ["fixtures", "forwarded", "unseen", "msg", "decisions", "doh"] {
        let d = root().join("tests").join(dir);
        if d.is_dir() {
            inputs(&d, &mut files);
        }
    }
    assert!(files.len() > 50, "{} files", files.len());
    for f in &files {
        let raw = std::fs::read(f).unwrap();
        assert_eq!(split_reports(&raw).len(), 1, "{}", f.display());
        // Nor the same bounce with CRLF line breaks, or quoted as a reply quotes it.
        let text = String::from_utf8_lossy(&raw);
        let crlf = text.replace("\r\n", "\n").replace('\n', "\r\n");
        assert_eq!(split_reports(crlf.as_bytes()).len(), 1, "{} (CRLF)", f.display());
        let quoted: String = text.lines().map(|l| format!("> {l}\n")).collect();
        assert_eq!(split_reports(quoted.as_bytes()).len(), 1, "{} (quoted)", f.display());
    }
    // Two of them pasted one after the other are two.
    let pairs = [
        ("04-postfix-dsn-userunknown.eml", "09-exim-rcpt.eml"),
        ("09-exim-rcpt.eml", "04-postfix-dsn-userunknown.eml"),
        ("18-gmail-text-copied.txt", "06-postfix-text-copied-rewrapped.txt"),
        ("06-postfix-text-copied-rewrapped.txt", "18-gmail-text-copied.txt"),
    ];
    for (a, b) in pairs {
        let read = |f: &str| std::fs::read_to_string(root().join("tests/fixtures").join(f)).unwrap();
        let both = format!("{}\n\n{}", read(a), read(b));
        assert_eq!(split_reports(both.as_bytes()).len(), 2, "{a} then {b}");
    }
}

proptest::proptest! {
    /// Any bytes: no panic, and the parts cover the input in order without a gap.
    #[test]
    fn the_parts_always_cover_the_input(
        pieces in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::string::string_regex("(Return-Path: <>|Received: x|From: a@b|Subject: s|Status: 5.1.1|550 5.1.1 x|--b--|Content-Type: multipart/report; boundary=b|This is the mail system at host x|> q|-----Original Message-----|Hello,)").unwrap(),
                proptest::string::string_regex("[ -~\\r\\n]{0,20}").unwrap(),
            ],
            0..40,
        ),
        sep in proptest::prop_oneof![proptest::strategy::Just("\n"), proptest::strategy::Just("\r\n"), proptest::strategy::Just("\n\n"), proptest::strategy::Just("\r")],
    ) {
        let text = pieces.join(sep);
        let parts = split_reports(text.as_bytes());
        proptest::prop_assert!(!parts.is_empty());
        proptest::prop_assert_eq!(parts[0].start, 0);
        proptest::prop_assert_eq!(parts.last().unwrap().end, text.len());
        for w in parts.windows(2) {
            proptest::prop_assert_eq!(w[0].end, w[1].start);
            proptest::prop_assert!(w[0].start < w[0].end);
        }
    }
}
