//! Many messages at once: `bounce explain` over an mbox, a Maildir and a directory gives one
//! JSON line per message, the same report as each message alone, in reading order; `bounce
//! summary` counts them and lists the hard bounces as CSV.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The .eml fixtures, in name order.
fn emls() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("tests/fixtures"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "eml"))
        .collect();
    v.sort();
    v
}

fn bounce(args: &[&str], paths: &[&Path]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_bounce"))
        .args(args)
        .args(paths)
        .output()
        .expect("run bounce")
}

fn lines(out: &[u8]) -> Vec<Value> {
    out.split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice(l).expect("a JSON line"))
        .collect()
}

/// A report without its `source`, to compare with the same message read alone.
fn without_source(mut v: Value) -> Value {
    v.as_object_mut().unwrap().remove("source");
    v
}

/// A fresh scratch folder for one test.
fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("bounce-batch-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Writes an mbox (mboxrd) holding the messages, each ending in a line break.
fn write_mbox(path: &Path, messages: &[Vec<u8>]) {
    let mut out = Vec::new();
    for m in messages {
        out.extend_from_slice(b"From MAILER-DAEMON Mon Nov 23 09:00:00 2026\n");
        for line in m.split_inclusive(|&b| b == b'\n') {
            let gt = line.iter().take_while(|&&b| b == b'>').count();
            if line[gt..].starts_with(b"From ") {
                out.push(b'>');
            }
            out.extend_from_slice(line);
        }
        out.extend_from_slice(b"\n");
    }
    std::fs::write(path, out).unwrap();
}

#[test]
fn an_mbox_gives_each_message_its_own_report_in_order() {
    let dir = scratch("mbox");
    let files = emls();
    let messages: Vec<Vec<u8>> = files
        .iter()
        .map(|p| std::fs::read(p).unwrap())
        .filter(|m| m.ends_with(b"\n"))
        .collect();
    assert!(messages.len() >= 20);
    let mbox = dir.join("bounces.mbox");
    write_mbox(&mbox, &messages);
    let out = bounce(&["explain", "--json"], &[&mbox]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let got = lines(&out.stdout);
    assert_eq!(got.len(), messages.len());
    for (i, (report, m)) in got.into_iter().zip(&messages).enumerate() {
        assert_eq!(report["source"], format!("{}#{}", mbox.display(), i + 1));
        let alone = dir.join("alone.eml");
        std::fs::write(&alone, m).unwrap();
        let expected = lines(&bounce(&["explain", "--json"], &[&alone]).stdout).remove(0);
        assert_eq!(without_source(report), without_source(expected), "message {}", i + 1);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_mbox_of_one_message_is_read_as_the_file_it_is() {
    let dir = scratch("one");
    let mbox = dir.join("one.mbox");
    let m = std::fs::read(root().join("tests/fixtures/04-postfix-dsn-userunknown.eml")).unwrap();
    write_mbox(&mbox, &[m]);
    let got = lines(&bounce(&["explain", "--json"], &[&mbox]).stdout);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0]["source"], mbox.display().to_string());
    assert_eq!(got[0]["recipients"][0]["address"], "gosia@example.net");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_maildir_and_a_directory_are_read_recursively_in_name_order() {
    let dir = scratch("maildir");
    let md = dir.join("Maildir");
    let files = emls();
    for sub in ["cur", "new", "tmp", ".Bounces/cur", ".Bounces/new", ".Bounces/tmp"] {
        std::fs::create_dir_all(md.join(sub)).unwrap();
    }
    let copy = |from: &Path, to: PathBuf| std::fs::copy(from, to).unwrap();
    copy(&files[0], md.join("cur/1.host:2,S"));
    copy(&files[1], md.join("new/2.host"));
    copy(&files[2], md.join(".Bounces/cur/3.host:2,S"));
    // Never read: a message still being written, the server's index files, hidden files.
    copy(&files[3], md.join("tmp/4.host"));
    std::fs::write(md.join("dovecot.index.log"), b"\x00\x01binary").unwrap();
    std::fs::write(md.join("dovecot-uidlist"), b"3 V1 N4\n").unwrap();
    // A plain directory beside it: every file, recursively, but hidden ones.
    let plain = dir.join("plain/sub");
    std::fs::create_dir_all(&plain).unwrap();
    copy(&files[4], plain.join("b.eml"));
    copy(&files[5], dir.join("plain/a.eml"));
    std::fs::write(dir.join("plain/.DS_Store"), b"\x00\x00\x00\x01Bud1").unwrap();
    // Files that are not messages beside them: notes and exports.
    std::fs::write(dir.join("plain/a.json"), b"{\"reason\": \"userunknown\"}\n").unwrap();
    std::fs::write(dir.join("plain/sub/list.CSV"), b"address\nola@example.net\n").unwrap();
    let out = bounce(&["explain", "--json"], &[&md, &dir.join("plain")]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let sources: Vec<String> = lines(&out.stdout)
        .iter()
        .map(|r| r["source"].as_str().unwrap().to_string())
        .collect();
    let expect: Vec<String> = [
        md.join(".Bounces/cur/3.host:2,S"),
        md.join("cur/1.host:2,S"),
        md.join("new/2.host"),
        dir.join("plain/a.eml"),
        dir.join("plain/sub/b.eml"),
    ]
    .iter()
    .map(|p| p.display().to_string())
    .collect();
    assert_eq!(sources, expect);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn summary_counts_by_reason_domain_and_host_and_lists_hard_bounces_as_csv() {
    let dir = scratch("summary");
    let mbox = dir.join("b.mbox");
    let read = |f: &str| std::fs::read(root().join("tests/fixtures").join(f)).unwrap();
    let three = read("05-postfix-three-recipients.eml");
    let one = read("04-postfix-dsn-userunknown.eml");
    let lunch = b"From: anna@example.org\nSubject: lunch\n\nsee you\n".to_vec();
    write_mbox(&mbox, &[three.clone(), one, three, lunch]);
    let json = bounce(&["summary", "--json"], &[&mbox]);
    assert!(json.status.success());
    let s: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(s["messages"], 4);
    assert_eq!(s["not_bounces"], 1);
    assert_eq!(s["recipients"], 7);
    assert_eq!(s["by_reason"]["userunknown"], 3);
    assert_eq!(s["by_reason"]["mailboxfull"], 2);
    assert_eq!(s["by_permanence"]["hard"], 5);
    assert_eq!(s["by_permanence"]["soft"], 2);
    assert_eq!(s["by_domain"]["example.com"], 2);
    assert_eq!(s["by_host"]["mx.example.com"], 2);
    let csv = bounce(&["summary", "--csv"], &[&mbox]);
    assert_eq!(
        String::from_utf8_lossy(&csv.stdout),
        format!(
            "address,reason,status,reply_code,host,reports,source\r\n\
             igor@example.com,userunknown,5.1.1,550,mx.example.com,2,{m}#1\r\n\
             kamil@example.test,norelaying,5.7.1,554,smtp.example.test,2,{m}#1\r\n\
             gosia@example.net,userunknown,5.1.1,550,mail.example.net,1,{m}#2\r\n",
            m = mbox.display()
        )
    );
    // `explain --summary` is the same; the text summary is in the chosen language.
    let same = bounce(&["explain", "--summary", "--csv"], &[&mbox]);
    assert_eq!(same.stdout, csv.stdout);
    let pl = String::from_utf8_lossy(&bounce(&["summary", "--lang", "pl"], &[&mbox]).stdout).into_owned();
    assert!(pl.contains("Przeczytano 4 wiadomości."), "{pl}");
    assert!(pl.contains("Według domeny odbiorcy:"), "{pl}");
    let en = String::from_utf8_lossy(&bounce(&["summary", "--lang", "en"], &[&mbox]).stdout).into_owned();
    assert!(en.contains("4 messages read."), "{en}");
    assert!(en.contains("3 addresses to remove"), "{en}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_huge_message_and_garbage_in_a_mailbox_do_not_stop_the_rest() {
    let dir = scratch("huge");
    let mbox = dir.join("big.mbox");
    let one = std::fs::read(root().join("tests/fixtures/04-postfix-dsn-userunknown.eml")).unwrap();
    // 20 MB of one line, then binary garbage, then a real bounce.
    let mut huge = b"Subject: huge\n\n".to_vec();
    huge.extend(std::iter::repeat_n(b'x', 20 * 1024 * 1024));
    huge.push(b'\n');
    let garbage: Vec<u8> = (0..100_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    let mut garbage: Vec<u8> = garbage.into_iter().filter(|&b| b != b'\n').collect();
    garbage.push(b'\n');
    write_mbox(&mbox, &[huge, garbage, one]);
    let out = bounce(&["explain", "--json"], &[&mbox]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let got = lines(&out.stdout);
    assert_eq!(got.len(), 3);
    assert_eq!(got[0]["kind"], "not-a-bounce");
    assert_eq!(got[2]["recipients"][0]["address"], "gosia@example.net");
    // A missing input is reported, and the others still are.
    let out = bounce(&["explain", "--json"], &[&dir.join("missing.mbox"), &mbox]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.mbox"));
    assert_eq!(lines(&out.stdout).len(), 3);
    let _ = std::fs::remove_dir_all(&dir);
}
