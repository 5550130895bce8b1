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
