//! The explanation's decisions (issue 17): `final`, `who_must_act` and the ranked causes.
//!
//! - `tests/decisions/*` are inputs written for this project, each with a hand-checked `final`,
//!   `who_must_act` and top cause in `tests/decisions/expected.tsv`, explained in English and
//!   Polish;
//! - consistency checks over every fixture (`tests/fixtures/`, `tests/decisions/`) and every file
//!   of the shared real-bounce corpus (`../shared/corpus/real`): never final and "waiting is
//!   enough" together, no "send it again" while the server still retries, `who_must_act` is the
//!   party of the first "what to do" group, the text says what the JSON says, the only IP named
//!   outside the quoted reply is the one the report attributes to the sender (never a remote
//!   server's), no block-list name on an SPF/DKIM/DMARC refusal, no mail-program wrapper words in
//!   the quoted reply;
//! - for every corpus recipient with a DSN `Action` field, `final` agrees with it (the fields are
//!   read here from the raw file, independently of the parser).

use bounce::explain::{explain, to_markdown, to_plain, Explanation};
use bounce::i18n::{self, Localizer};
use bounce::model::{Kind, Party, Reason, Report};
use regex::Regex;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn corpus_dir() -> PathBuf {
    root().join("../shared/corpus/real")
}

fn inputs_in(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("eml" | "txt")))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

fn locales() -> Vec<Localizer> {
    i18n::available_locales()
        .into_iter()
        .map(|l| Localizer::new(&[l]))
        .collect()
}

fn english() -> Localizer {
    Localizer::new(&["en"])
}

/// One row of `tests/decisions/expected.tsv`.
struct Expected {
    file: String,
    is_final: bool,
    who: String,
    cause: String,
    tags: Vec<String>,
    checks: Vec<String>,
}

fn expected() -> Vec<Expected> {
    let text = std::fs::read_to_string(root().join("tests/decisions/expected.tsv")).expect("expected.tsv");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert!(f.len() >= 5, "bad row: {l}");
            assert!(matches!(f[1], "final" | "retrying"), "bad final in {l}");
            Expected {
                file: f[0].to_string(),
                is_final: f[1] == "final",
                who: f[2].to_string(),
                cause: f[3].to_string(),
                tags: f[4].split(',').map(str::to_string).collect(),
                checks: f
                    .get(5)
                    .map(|c| c.split(';').filter(|x| !x.is_empty()).map(str::to_string).collect())
                    .unwrap_or_default(),
            }
        })
        .collect()
}

fn party_id(p: Party) -> String {
    serde_json::to_value(p)
        .expect("party serialises")
        .as_str()
        .expect("a string")
        .to_string()
}

#[test]
fn at_least_sixty_decision_fixtures_each_with_a_hand_checked_row() {
    let rows = expected();
    let files = inputs_in(&root().join("tests/decisions"));
    assert!(files.len() >= 60, "only {} decision fixtures", files.len());
    let listed: BTreeSet<&str> = rows.iter().map(|r| r.file.as_str()).collect();
    for f in &files {
        let name = f.file_name().and_then(|n| n.to_str()).expect("name");
        assert!(listed.contains(name), "{name} has no row in expected.tsv");
    }
    assert_eq!(listed.len(), rows.len(), "a file is listed twice");
    assert_eq!(listed.len(), files.len(), "a row names a missing file");
    // Every class of the issue is covered, in both outcomes where it has two.
    let tags: BTreeSet<&str> = rows.iter().flat_map(|r| r.tags.iter().map(String::as_str)).collect();
    for need in [
        "final-action",
        "delay-words",
        "give-up-words",
        "delay-subject",
        "expired",
        "side-remote",
        "side-own",
        "relay",
        "login",
        "quota",
        "disk",
        "flooded",
        "tls",
        "hourly-limit",
        "typo",
        "reputation",
        "link",
        "recipient-list",
        "forwarding",
        "service",
        "generic",
        "facts",
        "ip",
        "wrapper",
        "dmarc",
        "polish",
        "greylisting",
    ] {
        assert!(tags.contains(need), "no fixture covers {need}");
    }
    assert!(rows.iter().any(|r| r.is_final) && rows.iter().any(|r| !r.is_final));
    for p in Party::ALL {
        assert!(
            rows.iter().any(|r| r.who == party_id(*p)),
            "no fixture where {} must act",
            party_id(*p)
        );
    }
}

#[test]
fn hand_checked_decisions_hold_in_english_and_polish() {
    let locs = locales();
    assert!(locs.iter().any(|l| l.lang() == "pl") && locs.iter().any(|l| l.lang() == "en"));
    let mut failures = Vec::new();
    for row in expected() {
        let raw = std::fs::read(root().join("tests/decisions").join(&row.file)).expect("fixture readable");
        let report = bounce::analyze(&raw);
        let Some(r) = report.recipients.first() else {
            failures.push(format!("{}: no recipient", row.file));
            continue;
        };
        let got = (
            r.is_final,
            party_id(r.who_must_act),
            r.causes.first().cloned().unwrap_or_else(|| "-".into()),
        );
        let want = (row.is_final, row.who.clone(), row.cause.clone());
        if got != want {
            failures.push(format!("{}: expected {want:?}, got {got:?}", row.file));
            continue;
        }
        for loc in &locs {
            let e = explain(&report, loc);
            let re = &e.recipients[0];
            assert_eq!(
                re.who_must_act,
                loc.msg(&format!("party-{}", r.who_must_act.as_str()), &[])
            );
            if row.cause != "-" {
                assert_eq!(re.causes[0], loc.msg(&row.cause, &[]), "{} in {}", row.file, loc.lang());
            }
            let permanence: &[&str] = match (r.is_final, r.hard) {
                _ if r.reason == Reason::Delivered => &["permanence-delivered"],
                _ if matches!(report.kind, Kind::AutoReply | Kind::Feedback) => &["permanence-not-a-failure"],
                (false, _) => &["permanence-soft", "permanence-greylisted"],
                (true, true) => &["permanence-hard"],
                (true, false) => &["permanence-final-soft"],
            };
            assert!(
                permanence.iter().any(|id| re.permanence == loc.msg(id, &[])),
                "{} in {}: {}",
                row.file,
                loc.lang(),
                re.permanence
            );
            let errors = loc.take_errors();
            assert!(errors.is_empty(), "{} in {}: {errors:?}", row.file, loc.lang());
        }
        let plain = to_plain(&explain(&report, &english()));
        for check in &row.checks {
            let ok = if let Some(t) = check.strip_prefix("has:") {
                plain.contains(t)
            } else if let Some(t) = check.strip_prefix("not:") {
                !plain.contains(t)
            } else if let Some(ip) = check.strip_prefix("ip:") {
                report.sender_ip.as_deref() == Some(ip)
            } else if let Some(ip) = check.strip_prefix("noip:") {
                report.sender_ip.as_deref() != Some(ip) && !advice_ips(&explain(&report, &english())).contains(ip)
            } else if let Some(h) = check.strip_prefix("hard:") {
                r.hard.to_string() == h
            } else {
                panic!("{}: unknown check {check}", row.file);
            };
            if !ok {
                failures.push(format!("{}: check {check} fails:\n{plain}", row.file));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

static IPV4: std::sync::LazyLock<Regex> =
    std::sync::LazyLock::new(|| Regex::new(r"\b(?:\d{1,3}\.){3}\d{1,3}\b").expect("regex"));

/// The IPv4 addresses an explanation names: in its facts, causes and fix steps (the callers
/// set aside those of the quoted reply and the refusing server's own address).
fn advice_ips(e: &Explanation) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for r in &e.recipients {
        let mut texts: Vec<String> = Vec::new();
        for sentence in r.what_happened.split_inclusive(['.', '”']) {
            texts.push(sentence.to_string());
        }
        texts.extend(r.causes.iter().cloned());
        texts.extend(r.fixes.iter().flat_map(|g| g.steps.iter().cloned()));
        for t in texts {
            for m in IPV4.find_iter(&t) {
                out.insert(m.as_str().to_string());
            }
        }
    }
    out
}

/// What a corpus or fixture file's explanation must never do.
fn consistency_failures(name: &str, raw: &[u8], report: &Report, locs: &[Localizer]) -> Vec<String> {
    let mut out = Vec::new();
    let text = String::from_utf8_lossy(raw);
    let remote_hop_ips: BTreeSet<String> = report
        .hops
        .iter()
        .filter(|h| h.role == bounce::model::HopRole::Remote)
        .filter_map(|h| h.ip.clone())
        .map(|ip| ip.trim_matches(['[', ']']).to_string())
        .collect();
    if let Some(ip) = report.sender_ip.as_deref() {
        if remote_hop_ips.contains(ip) {
            out.push(format!("{name}: sender_ip {ip} is a remote server's address"));
        }
        for r in &report.recipients {
            if let Some(host) = r.remote_mta.as_deref().filter(|h| !h.is_empty()) {
                for pat in [
                    format!("{host}[{ip}]"),
                    format!("{host} [{ip}]"),
                    format!("{host} ({ip})"),
                ] {
                    if text.to_ascii_lowercase().contains(&pat.to_ascii_lowercase()) {
                        out.push(format!("{name}: sender_ip {ip} is written as {host}'s address"));
                    }
                }
            }
        }
    }
    for (i, r) in report.recipients.iter().enumerate() {
        let failure = !matches!(report.kind, Kind::Feedback | Kind::AutoReply | Kind::NotABounce)
            && r.reason != Reason::Delivered
            && r.action != Some(bounce::model::Action::Delivered);
        if failure && r.is_final && r.who_must_act == Party::Nobody {
            out.push(format!("{name} #{i}: final and 'nobody: waiting is enough'"));
        }
        if failure && r.is_final && r.fixes.iter().any(|g| g.steps.iter().any(|s| s == "fix-wait-retry")) {
            out.push(format!("{name} #{i}: final but advises waiting for a retry"));
        }
        let resend = [
            "fix-resend-later",
            "fix-resend-tomorrow",
            "fix-resend-after-fix",
            "fix-send-smaller",
        ];
        if !r.is_final
            && r.fixes
                .iter()
                .any(|g| g.steps.iter().any(|s| resend.contains(&s.as_str())))
        {
            out.push(format!("{name} #{i}: still retried but advises sending again"));
        }
        match r.fixes.first() {
            Some(g) if g.party != r.who_must_act => out.push(format!(
                "{name} #{i}: who_must_act {:?} but the first group is {:?}",
                r.who_must_act, g.party
            )),
            None => out.push(format!("{name} #{i}: no fixes")),
            _ => {}
        }
        if r.causes.is_empty() && failure {
            out.push(format!("{name} #{i}: no causes"));
        }
    }
    for loc in locs {
        let e = explain(report, loc);
        for (i, (re, r)) in e.recipients.iter().zip(&report.recipients).enumerate() {
            // The text says what the JSON says.
            let causes: Vec<String> = r.causes.iter().map(|c| loc.msg(c, &[])).collect();
            if re.causes != causes {
                out.push(format!("{name} #{i} {}: causes differ from the report", loc.lang()));
            }
            let parties: Vec<Party> = r.fixes.iter().map(|g| g.party).collect();
            let shown: Vec<Party> = re.fixes.iter().map(|g| g.party_id).collect();
            if parties != shown {
                out.push(format!("{name} #{i} {}: fix groups differ from the report", loc.lang()));
            }
            if re.fixes.first().is_some_and(|g| g.party != re.who_must_act) {
                out.push(format!(
                    "{name} #{i} {}: 'who must act' is not the first group",
                    loc.lang()
                ));
            }
            let nobody = loc.msg("party-nobody", &[]);
            if re.is_final && re.who_must_act == nobody && !matches!(report.kind, Kind::Feedback | Kind::AutoReply) {
                let delivered = r.reason == Reason::Delivered || r.action == Some(bounce::model::Action::Delivered);
                if !delivered {
                    out.push(format!("{name} #{i} {}: final text says waiting is enough", loc.lang()));
                }
            }
            if r.reason == Reason::AuthFailure {
                let list_prefix = loc.msg("fact-list", &[("list", String::new())]);
                let prefix = list_prefix.trim_end_matches(|c: char| !c.is_alphanumeric());
                if !prefix.is_empty() && re.what_happened.contains(prefix) {
                    out.push(format!(
                        "{name} #{i} {}: a block list named on a DMARC/SPF refusal",
                        loc.lang()
                    ));
                }
            }
            // The quoted reply starts with the server's words, not the mail program's.
            let reply_prefix = loc.msg("fact-reply", &[("text", "\u{1}".into())]);
            if let Some(before) = reply_prefix.split('\u{1}').next() {
                let before = before.trim_matches(|c: char| c == '\u{2068}' || c == '\u{2069}');
                if let Some(pos) = re.what_happened.find(before) {
                    let quoted = re.what_happened[pos + before.len()..]
                        .trim_start_matches('\u{2068}')
                        .to_lowercase();
                    for wrapper in [
                        "remote server returned",
                        "server response:",
                        "the error that the other server returned",
                        "the response from the remote server",
                    ] {
                        if quoted.starts_with(wrapper) {
                            out.push(format!(
                                "{name} #{i} {}: the quoted reply starts with {wrapper:?}",
                                loc.lang()
                            ));
                        }
                    }
                }
            }
        }
        // Every IP named outside the quoted reply and the refusing server's address is the
        // sender's.
        let mut ips = advice_ips(&e);
        for r in &report.recipients {
            if let Some(d) = r.diagnostic.as_deref() {
                for m in IPV4.find_iter(d) {
                    // A sentence quoting the reply holds the reply's addresses; only the fact
                    // sentences and advice are checked.
                    let ip = m.as_str();
                    if Some(ip) != report.sender_ip.as_deref() {
                        ips.remove(ip);
                    }
                }
            }
        }
        for h in &report.hops {
            if h.role == bounce::model::HopRole::Remote {
                if let Some(ip) = h.ip.as_deref() {
                    let ip = ip.trim_matches(['[', ']']);
                    let fact = loc.msg("fact-hop-ip", &[("ip", ip.to_string())]);
                    if e.recipients.iter().any(|r| r.what_happened.contains(&fact)) {
                        ips.remove(ip);
                    }
                }
            }
        }
        for ip in ips {
            if Some(ip.as_str()) != report.sender_ip.as_deref() {
                out.push(format!(
                    "{name} {}: names IP {ip} that the report does not attribute to the sender ({:?})",
                    loc.lang(),
                    report.sender_ip
                ));
            }
        }
        let _ = to_markdown(&e);
        let errors = loc.take_errors();
        if !errors.is_empty() {
            out.push(format!("{name} {}: Fluent errors {errors:?}", loc.lang()));
        }
    }
    out
}

#[test]
fn every_fixture_explanation_is_consistent() {
    let locs = locales();
    let mut failures = Vec::new();
    let mut n = 0;
    for dir in ["tests/fixtures", "tests/decisions"] {
        for p in inputs_in(&root().join(dir)) {
            let raw = std::fs::read(&p).expect("readable");
            let report = bounce::analyze(&raw);
            failures.extend(consistency_failures(&p.display().to_string(), &raw, &report, &locs));
            n += 1;
        }
    }
    assert!(n >= 100, "only {n} fixtures");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_corpus_explanation_is_consistent() {
    let dir = corpus_dir();
    if !dir.is_dir() {
        println!("note: {} is absent; the corpus checks are skipped", dir.display());
        return;
    }
    let locs = locales();
    let mut failures = Vec::new();
    let files = inputs_in(&dir);
    assert!(!files.is_empty(), "the corpus folder is empty");
    for p in &files {
        let raw = std::fs::read(p).expect("readable");
        let report = bounce::analyze(&raw);
        failures.extend(consistency_failures(&p.display().to_string(), &raw, &report, &locs));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `(Final-Recipient address, Action)` pairs as the raw file writes them (lower case).
fn dsn_actions(raw: &str) -> Vec<(String, String)> {
    let fr = Regex::new(r"(?i)^final-recipient:\s*(?:[^;\s]*;)?\s*<?([^>\s]+)").expect("regex");
    let ac = Regex::new(r"(?i)^action:\s*([a-z]+)").expect("regex");
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for line in raw.lines() {
        if let Some(c) = fr.captures(line) {
            current = Some(c[1].to_ascii_lowercase());
        } else if let Some(c) = ac.captures(line) {
            if let Some(a) = current.take() {
                out.push((a, c[1].to_ascii_lowercase()));
            }
        }
    }
    out
}

#[test]
fn final_agrees_with_the_dsn_action_of_every_corpus_recipient() {
    let dir = corpus_dir();
    if !dir.is_dir() {
        println!("note: {} is absent; the DSN Action check is skipped", dir.display());
        return;
    }
    let mut checked = 0;
    let mut failures = Vec::new();
    for p in inputs_in(&dir) {
        let raw = std::fs::read(&p).expect("readable");
        let report = bounce::analyze(&raw);
        for (addr, action) in dsn_actions(&String::from_utf8_lossy(&raw)) {
            let Some(r) = report
                .recipients
                .iter()
                .find(|r| r.address.as_deref().is_some_and(|a| a.eq_ignore_ascii_case(&addr)))
            else {
                continue;
            };
            checked += 1;
            let want = action != "delayed";
            if r.is_final != want {
                failures.push(format!(
                    "{}: {addr} Action {action} but final {}",
                    p.display(),
                    r.is_final
                ));
            }
        }
    }
    println!("{checked} corpus recipients with a DSN Action checked");
    assert!(checked >= 100, "only {checked} recipients with an Action were found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_report_and_its_explanation_carry_the_same_decisions_in_json() {
    // The JSON shape: `final`, `who_must_act`, `causes`, `fixes` per recipient.
    let raw = std::fs::read(root().join("tests/decisions/d03-warning-only-timeout.eml")).expect("fixture");
    let report = bounce::analyze(&raw);
    let v = serde_json::to_value(&report).expect("json");
    let r = &v["recipients"][0];
    assert_eq!(r["final"], serde_json::json!(false));
    assert_eq!(r["who_must_act"], serde_json::json!("nobody"));
    assert_eq!(r["causes"][0], serde_json::json!("cause-remote-refuses-connections"));
    assert_eq!(r["fixes"][0]["party"], serde_json::json!("nobody"));
    assert_eq!(r["fixes"][0]["steps"][0], serde_json::json!("fix-wait-retry"));
    assert_eq!(r["fixes"][1]["party"], serde_json::json!("recipient_admin"));
    // The same report read back gives the same explanation text.
    let back: Report = serde_json::from_value(v).expect("reads back");
    let en = english();
    assert_eq!(to_plain(&explain(&back, &en)), to_plain(&explain(&report, &en)));
}

#[test]
fn the_consistency_checks_catch_broken_decisions() {
    let locs = locales();
    let raw = std::fs::read(root().join("tests/decisions/d44-spamhaus-client-ip.txt")).expect("fixture");
    let good = bounce::analyze(&raw);
    assert!(consistency_failures("good", &raw, &good, &locs).is_empty());
    let broken = |f: &dyn Fn(&mut Report)| {
        let mut r = good.clone();
        f(&mut r);
        consistency_failures("broken", &raw, &r, &locs)
    };
    // Final and "waiting is enough".
    assert!(!broken(&|r| {
        r.recipients[0].who_must_act = Party::Nobody;
        r.recipients[0].fixes.insert(
            0,
            bounce::model::FixSteps {
                party: Party::Nobody,
                steps: vec!["fix-wait-retry".into()],
            },
        );
    })
    .is_empty());
    // Still retried, yet "send it again".
    assert!(!broken(&|r| {
        r.recipients[0].is_final = false;
        r.recipients[0].fixes[0].steps.push("fix-resend-later".into());
    })
    .is_empty());
    // Who must act is not the first group.
    assert!(!broken(&|r| r.recipients[0].who_must_act = Party::Recipient).is_empty());
    // The remote MX's address named as the sender's.
    assert!(!broken(&|r| r.sender_ip = Some("203.0.113.73".into())).is_empty());
}

#[test]
fn polish_wording_of_issue_17() {
    let read = |f: &str| std::fs::read_to_string(root().join("i18n/pl").join(f)).expect("pl bundle");
    let all = ["advice.ftl", "rules.ftl", "explain.ftl"].map(read).join("\n");
    // "adres IP, z którego wysyłasz", not "wysyłający adres IP".
    for bad in [
        "wysyłający adres IP",
        "wysyłającego adresu IP",
        "wysyłającym adresie IP",
        "pętli zwrotnej",
        "pętla zwrotna",
        "zanim obejrzał",
    ] {
        assert!(!all.contains(bad), "Polish text still says {bad:?}");
    }
    assert!(all.contains("adres IP, z którego wysyłasz"));
    assert!(all.contains("feedback loop (FBL)"));
    // The recipient's server does not allow the connection: not a network fault on the sender's side.
    let pl = Localizer::new(&["pl"]);
    let title = pl.msg("rule-not-allowed-to-connect-title", &[]);
    assert!(!title.contains("nie może się połączyć"), "{title}");
    assert!(title.starts_with("Serwer odbiorcy nie pozwala"), "{title}");
    assert!(pl
        .msg("rule-not-allowed-to-connect-what", &[])
        .contains("zanim przyjął wiadomość"));
}

#[test]
fn the_sender_s_own_reporting_server_is_not_named_as_the_refusing_host() {
    // Office 365's text names its own generating server; the refusal came from further on.
    let raw = std::fs::read(root().join("tests/fixtures/15-office365-text-5-7-708.txt")).expect("fixture");
    let report = bounce::analyze(&raw);
    let host = report.reporting_mta.clone().expect("reporting server");
    assert_eq!(report.recipients[0].remote_mta.as_deref(), Some(host.as_str()));
    for loc in locales() {
        let e = explain(&report, &loc);
        let named = loc.msg("fact-remote", &[("host", host.clone())]);
        assert!(
            !e.recipients[0].what_happened.contains(&named),
            "{}",
            e.recipients[0].what_happened
        );
        assert!(
            !e.recipients[0].what_happened.contains(&host),
            "{}",
            e.recipients[0].what_happened
        );
    }
    // A refusal the sending server itself gives (a login) still names it.
    let own = bounce::analyze(b"Reporting-MTA: dns; smtp.example.org\n\nFinal-Recipient: rfc822; a@example.net\nAction: failed\nStatus: 5.7.8\nRemote-MTA: dns; smtp.example.org\nDiagnostic-Code: smtp; 535 5.7.8 Authentication credentials invalid\n");
    let e = explain(&own, &english());
    assert!(
        e.recipients[0].what_happened.contains("smtp.example.org"),
        "{}",
        e.recipients[0].what_happened
    );
    assert_eq!(own.recipients[0].who_must_act, Party::Sender);
}
