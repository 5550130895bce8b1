//! The CLI over many files: it analyses them on every core but prints in the order given.

use std::path::PathBuf;
use std::process::Command;

fn fixtures() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("tests/fixtures")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "eml" || x == "txt"))
        .collect();
    out.sort();
    out
}

fn bounce(args: &[&str], files: &[PathBuf]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_bounce"))
        .arg("explain")
        .args(args)
        .args(files)
        .output()
        .expect("run bounce")
}

#[test]
fn many_files_print_in_the_order_given_exactly_as_one_by_one() {
    let mut files = fixtures();
    assert!(files.len() >= 40, "{} fixtures", files.len());
    // Largest first, so later (smaller) files tend to finish before earlier ones.
    files.sort_by_key(|p| std::cmp::Reverse(std::fs::metadata(p).map(|m| m.len()).unwrap_or(0)));
    for args in [&["--json"][..], &["--lang", "pl"][..]] {
        let together = bounce(args, &files);
        assert!(together.status.success(), "{args:?}");
        let mut one_by_one = Vec::new();
        for f in &files {
            let o = bounce(args, std::slice::from_ref(f));
            assert!(o.status.success(), "{args:?} {}", f.display());
            one_by_one.extend_from_slice(&o.stdout);
        }
        assert!(!one_by_one.is_empty());
        assert!(
            together.stdout == one_by_one,
            "{args:?}: output differs from one file at a time"
        );
    }
}

#[test]
fn a_missing_file_fails_the_run_after_the_files_before_it() {
    let files = fixtures();
    let mut with_missing: Vec<PathBuf> = files[..3].to_vec();
    with_missing.push(PathBuf::from("tests/fixtures/no-such-file.eml"));
    with_missing.extend_from_slice(&files[3..6]);
    let o = bounce(&["--json"], &with_missing);
    assert!(!o.status.success());
    let text = String::from_utf8_lossy(&o.stdout);
    let sources: Vec<String> = text
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["source"].as_str().map(str::to_string))
        .collect();
    let expected: Vec<String> = files[..3].iter().map(|p| p.display().to_string()).collect();
    assert_eq!(
        sources.get(..3),
        Some(&expected[..]),
        "the files before the missing one, in order"
    );
    assert!(String::from_utf8_lossy(&o.stderr).contains("no-such-file.eml"));
}

#[test]
fn a_postfix_line_pasted_alone_is_explained_in_english_and_polish() {
    use std::io::Write;
    let line = "<olga@example.ru>: host mx.example.ru[192.0.2.20] said: 550 5.1.1 <olga@example.ru>: User unknown (in reply to RCPT TO command)\n";
    let wrapped = "<olga@example.ru>: host mx.example.ru[192.0.2.20] said:\n    550 5.1.1 <olga@example.ru>: User\n    unknown (in reply to RCPT TO command)\n";
    for (text, lang, words) in [
        (
            line,
            "en",
            ["Recipient: olga@example.ru", "The recipient address does not exist"],
        ),
        (
            wrapped,
            "en",
            ["Recipient: olga@example.ru", "The recipient address does not exist"],
        ),
        (line, "pl", ["Odbiorca: olga@example.ru", "Adres odbiorcy nie istnieje"]),
        (
            wrapped,
            "pl",
            ["Odbiorca: olga@example.ru", "Adres odbiorcy nie istnieje"],
        ),
    ] {
        for json in [false, true] {
            let mut args = vec!["explain", "--lang", lang, "-"];
            if json {
                args.insert(1, "--json");
            }
            let mut child = Command::new(env!("CARGO_BIN_EXE_bounce"))
                .args(&args)
                .stdin(std::process::Stdio::piped())
                .stdout(std::process::Stdio::piped())
                .spawn()
                .expect("bounce runs");
            child
                .stdin
                .take()
                .expect("stdin")
                .write_all(text.as_bytes())
                .expect("written");
            let out = child.wait_with_output().expect("bounce ends");
            assert!(out.status.success());
            let s = String::from_utf8_lossy(&out.stdout);
            if json {
                let v: serde_json::Value = serde_json::from_str(s.trim()).expect("one JSON line");
                let r = &v["recipients"][0];
                assert_eq!(v["kind"], "ndr-text");
                assert_eq!(r["address"], "olga@example.ru");
                assert_eq!(r["reply_code"], "550");
                assert_eq!(r["status"], "5.1.1");
                assert_eq!(r["reason"], "userunknown");
            } else {
                for w in words {
                    assert!(s.contains(w), "{lang}: {w:?} missing from\n{s}");
                }
            }
        }
    }
}
