//! Hostile inputs: each must end with a clear result (facts asserted below) or
//! a limit warning, never a panic. No timing assertions here: speed is measured
//! by `benches/analyze.rs`, peak memory by `examples/peakmem.rs` (see
//! docs/performance.md).

#[path = "../benches/support/gen.rs"]
mod gen;

use bounce::model::{HopRole, Kind, Report};

/// Checks what holds for every report: spans inside the text on char boundaries,
/// a valid failing hop, and JSON serialisation.
fn sane(input: &[u8], r: &Report) {
    let text = bounce::input::Input::new(input).text;
    for s in &r.spans {
        assert!(
            s.start <= s.end && s.end <= text.len(),
            "span {s:?} outside {} bytes",
            text.len()
        );
        assert!(
            text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
            "span {s:?} splits a char"
        );
        if let Some(i) = s.recipient {
            assert!(i < r.recipients.len(), "span {s:?} names a missing recipient");
        }
    }
    if let Some(h) = r.failing_hop {
        assert!(h < r.hops.len(), "failing_hop {h} of {} hops", r.hops.len());
    }
    let json = serde_json::to_string(r).expect("report serialises");
    assert!(json.starts_with('{'));
}

fn analyze(name: &str) -> (Vec<u8>, Report) {
    let input = gen::hostile(name);
    assert!(!input.is_empty(), "no generator for {name}");
    let r = bounce::analyze(&input);
    sane(&input, &r);
    (input, r)
}

fn warning_ids(r: &Report) -> Vec<&str> {
    r.warnings.iter().map(|w| w.id.as_str()).collect()
}

#[test]
fn paste_of_20_mb_is_read_whole() {
    let (input, r) = analyze("paste-20mb");
    assert!(input.len() >= 20 * 1024 * 1024);
    assert!(
        !warning_ids(&r).contains(&"warn-input-truncated"),
        "20 MB is under the limit: {:?}",
        r.warnings
    );
    assert_eq!(r.recipients.len(), 1, "{:?}", r.recipients);
    let rc = &r.recipients[0];
    assert_eq!(rc.address.as_deref(), Some("user0@dest0.example.com"));
    assert_eq!(rc.status.as_deref(), Some("5.1.1"));
    assert_eq!(rc.reply_code, "550");
}

#[test]
fn thousand_nested_multiparts_still_give_the_recipient() {
    let (_, r) = analyze("nested-multipart-1000");
    assert_eq!(r.recipients.len(), 1, "{:?}", r.recipients);
    assert_eq!(r.recipients[0].address.as_deref(), Some("deep@dest.example.com"));
    assert_eq!(r.recipients[0].status.as_deref(), Some("5.1.1"));
}

#[test]
fn hundred_thousand_received_headers_become_hops_in_order() {
    let (_, r) = analyze("received-100000");
    let chain: Vec<_> = r.hops.iter().filter(|h| h.role != HopRole::Remote).collect();
    assert!(chain.len() >= 100_000, "{} hops", chain.len());
    assert_eq!(r.hops[0].role, HopRole::Sender);
    assert_eq!(r.hops[0].from.as_deref(), Some("relay0.hop.example.net"));
    assert_eq!(r.hops[1].from.as_deref(), Some("relay1.hop.example.net"));
    assert_eq!(r.hops[1].delay_s, Some(1));
    assert_eq!(r.recipients.len(), 1);
    assert_eq!(r.recipients[0].status.as_deref(), Some("5.1.1"));
}

#[test]
fn one_megabyte_line_is_a_reply() {
    let (input, r) = analyze("line-1mb");
    assert!(input.len() >= 1024 * 1024 && !input.contains(&b'\n'));
    assert_eq!(
        r.recipients.len(),
        1,
        "{:?}",
        r.recipients.iter().map(|x| &x.address).collect::<Vec<_>>()
    );
    assert_eq!(r.recipients[0].reply_code, "550");
    assert_eq!(r.recipients[0].status.as_deref(), Some("5.4.1"));
}

#[test]
fn nul_bytes_are_reported_and_skipped() {
    let (input, r) = analyze("nul-bytes");
    assert!(input.iter().filter(|&&b| b == 0).count() > 65_536 + 10);
    assert!(warning_ids(&r).contains(&"warn-input-nul-bytes"), "{:?}", r.warnings);
    assert_eq!(r.kind, Kind::Dsn);
    assert_eq!(r.recipients.len(), 1);
    assert_eq!(r.recipients[0].address.as_deref(), Some("user0@dest0.example.com"));
    assert_eq!(r.recipients[0].status.as_deref(), Some("5.1.1"));
}

#[test]
fn invalid_utf8_and_mixed_charsets_still_give_the_facts() {
    let (input, r) = analyze("invalid-utf8-mixed-charsets");
    assert!(std::str::from_utf8(&input).is_err());
    assert_eq!(r.kind, Kind::Dsn);
    assert_eq!(r.recipients.len(), 1, "{:?}", r.recipients);
    assert_eq!(r.recipients[0].address.as_deref(), Some("ewa@dest.example.pl"));
    assert_eq!(r.recipients[0].status.as_deref(), Some("5.1.1"));
    assert_eq!(r.recipients[0].reply_code, "550");
}

#[test]
fn flood_of_encoded_words_is_decoded() {
    let (_, r) = analyze("encoded-words-flood");
    let subject = r.subject.as_deref().unwrap_or("");
    assert!(
        subject.contains("Zażółć gęślą"),
        "subject starts {:?}",
        subject.get(..200)
    );
    assert!(subject.contains("nie doręczono"));
    assert_eq!(
        r.recipients.len(),
        1,
        "{:?}",
        r.recipients.iter().map(|x| &x.address).collect::<Vec<_>>()
    );
    assert_eq!(r.recipients[0].address.as_deref(), Some("ewa@dest.example.pl"));
    assert_eq!(r.recipients[0].status.as_deref(), Some("5.1.1"));
}

fn all_recipients_in_order(n: usize) {
    let (_, r) = analyze(&format!("recipients-{n}"));
    assert_eq!(r.kind, Kind::Dsn);
    assert_eq!(r.recipients.len(), n);
    for (i, rc) in r.recipients.iter().enumerate() {
        let want = gen::Rcpt::nth(i);
        assert_eq!(rc.address.as_deref(), Some(want.address.as_str()), "recipient {i}");
        assert_eq!(rc.status.as_deref(), Some(want.status.as_str()), "recipient {i}");
    }
}

/// A DSN with 10,000 recipients: all of them, in order (span location and the SMTP-stage
/// lookup read the report in one pass, so this is linear).
#[test]
fn dsn_with_ten_thousand_recipients_lists_them_all_in_order() {
    all_recipients_in_order(10_000);
}

#[test]
fn dsn_with_three_hundred_recipients_lists_them_all_in_order() {
    all_recipients_in_order(300);
}

#[test]
fn input_over_the_limit_is_cut_with_a_warning() {
    let (input, r) = analyze("over-limit-33mib");
    assert!(input.len() > bounce::input::MAX_INPUT_BYTES);
    let w = r
        .warnings
        .iter()
        .find(|w| w.id == "warn-input-truncated")
        .expect("truncation warning");
    let arg = |n: &str| w.args.iter().find(|(k, _)| k == n).map(|(_, v)| v.clone());
    assert_eq!(arg("limit"), Some(bounce::input::MAX_INPUT_BYTES.to_string()));
    assert_eq!(arg("size"), Some(input.len().to_string()));
    assert_eq!(r.recipients.len(), 1);
    assert_eq!(r.recipients[0].status.as_deref(), Some("5.1.1"));
}

/// Every committed fuzz seed (hand-made seeds, minimised corpora and crash
/// regressions under `fuzz/seeds/`) goes through the same checks as the fuzz
/// targets, so the normal `cargo test` replays them without cargo-fuzz.
#[test]
fn committed_fuzz_seeds_replay() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds");
    let files = |dir: &str| -> Vec<Vec<u8>> {
        let Ok(rd) = std::fs::read_dir(root.join(dir)) else {
            return Vec::new();
        };
        let mut paths: Vec<_> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        paths.iter().filter_map(|p| std::fs::read(p).ok()).collect()
    };
    let mut n = 0;
    for dir in ["common", "analyze", "extractors", "dsn_fields"] {
        for input in files(dir) {
            let r = bounce::analyze(&input);
            sane(&input, &r);
            let text = String::from_utf8_lossy(&input);
            let d = bounce::parse::dsn::parse(&text);
            assert!(d.recipients.iter().flatten().all(|(name, _)| !name.is_empty()));
            n += 1;
        }
    }
    assert!(n >= 14, "only {n} message seeds found");
    let mut answers = 0;
    for input in files("dns_answer") {
        let (sel, body) = input.split_first().map_or((0u8, &[][..]), |(s, b)| (*s, b));
        let rtype = [
            bounce::dns::wire::RType::A,
            bounce::dns::wire::RType::Aaaa,
            bounce::dns::wire::RType::Ptr,
            bounce::dns::wire::RType::Mx,
            bounce::dns::wire::RType::Txt,
        ][(sel >> 3) as usize % 5];
        let lookup = bounce::dns::wire::decode_answer(body, "example.com", rtype);
        serde_json::to_string(&lookup).expect("lookup serialises");
        answers += 1;
    }
    assert!(answers >= 12, "only {answers} DNS answer seeds found");
}

/// Found by the `fluent_args` fuzz target (a segfault without an artifact; reproduced by hand):
/// `Localizer::from_sources` hands the FTL source to fluent-syntax, whose parser recurses once per
/// nesting level, so about 10,000 nested select expressions (140 KB) overflow an 8 MiB stack and
/// abort the whole process. FTL sources are the project's own files, not user input, but the
/// browser loads them at run time. `from_sources` refuses sources nested deeper than
/// `i18n::MAX_FTL_NESTING` before fluent-syntax sees them.
#[test]
fn deeply_nested_ftl_source_is_refused_not_a_stack_overflow() {
    let src = format!("a = {}\n", "{ $x ->\n *[o] ".repeat(10_000));
    let outcome = std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(move || bounce::i18n::Localizer::from_sources("en", &[src.as_str()]).is_err())
        .expect("thread starts")
        .join()
        .expect("no panic");
    assert!(outcome, "an unbalanced 10,000-level nesting must be an error");
}

/// Found by the `fluent_args` fuzz target (artifact kept as `fuzz/seeds/fluent_args/crash-unicode-escape.bin`):
/// fluent-syntax 0.12.0 panics in `skip_unicode_escape_sequence` (parser/helper.rs:56, "byte
/// index is not a char boundary") when a `\u` or `\U` escape in a string literal is followed by a
/// non-ASCII character, because it slices 4 or 6 bytes instead of characters. Reached through
/// `Localizer::from_sources`; in the browser build (panic = abort) this would kill the app.
/// `from_sources` rejects such sources before parsing.
#[test]
fn ftl_unicode_escape_before_non_ascii_is_an_error_not_a_panic() {
    for src in [
        "a = { \"\\u\u{67f}\u{67f}\" }\n",
        "a = { \"\\UA\u{67f}\" }\n",
        "l= { \"B\\\\\\UA\u{67f}\\]\\\\",
    ] {
        let outcome = std::panic::catch_unwind(|| bounce::i18n::Localizer::from_sources("en", &[src]).is_err());
        assert_eq!(outcome.ok(), Some(true), "from_sources panicked or accepted {src:?}");
    }
}
