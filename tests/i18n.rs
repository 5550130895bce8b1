//! The Fluent bundles: every file parses, every id exists in every locale, no message of the
//! knowledge base is unused, every argument a message uses is supplied, Polish plurals work, the
//! Polish text passes hunspell, and a generated pseudo-locale proves that a locale is just a folder.

use bounce::i18n::{self, Localizer};
use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The files of the knowledge-base and explanation texts (ui.ftl and dns.ftl have other owners).
const KB_FILES: &[&str] = &["advice.ftl", "batch.ftl", "codes.ftl", "explain.ftl", "rules.ftl"];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn sources(locale: &str) -> Vec<(&'static str, &'static str)> {
    i18n::locale_sources(locale).expect("locale compiled in").to_vec()
}

/// Message id -> variables it references (in its value, selectors included).
fn messages(ftl: &str) -> BTreeMap<String, BTreeSet<String>> {
    let res = fluent_syntax::parser::parse(ftl.to_string()).expect("parses");
    let mut out = BTreeMap::new();
    for entry in res.body {
        if let Entry::Message(m) = entry {
            let mut vars = BTreeSet::new();
            if let Some(p) = &m.value {
                pattern_vars(p, &mut vars);
            }
            out.insert(m.id.name.clone(), vars);
        }
    }
    out
}

fn pattern_vars(p: &Pattern<String>, vars: &mut BTreeSet<String>) {
    for el in &p.elements {
        if let PatternElement::Placeable { expression } = el {
            expr_vars(expression, vars);
        }
    }
}

fn expr_vars(e: &Expression<String>, vars: &mut BTreeSet<String>) {
    match e {
        Expression::Select { selector, variants } => {
            inline_vars(selector, vars);
            for v in variants {
                pattern_vars(&v.value, vars);
            }
        }
        Expression::Inline(i) => inline_vars(i, vars),
    }
}

fn inline_vars(i: &InlineExpression<String>, vars: &mut BTreeSet<String>) {
    match i {
        InlineExpression::VariableReference { id } => {
            vars.insert(id.name.clone());
        }
        InlineExpression::Placeable { expression } => expr_vars(expression, vars),
        _ => {}
    }
}

/// All messages of one locale: id -> (file, variables).
fn locale_messages(locale: &str) -> BTreeMap<String, (String, BTreeSet<String>)> {
    let mut all = BTreeMap::new();
    for (file, text) in sources(locale) {
        for (id, vars) in messages(text) {
            assert!(
                all.insert(id.clone(), (file.to_string(), vars)).is_none(),
                "{locale}: {id} defined twice"
            );
        }
    }
    all
}

/// Warning ids the code emits, with the argument names given to each, read from the sources so
/// new warnings are checked without touching this test.
fn emitted_warnings() -> BTreeMap<String, BTreeSet<String>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root().join("src")];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).expect("src readable").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let text = std::fs::read_to_string(&p).expect("source readable");
                let mut rest = text.as_str();
                while let Some(i) = rest.find("Warning::new(\"") {
                    rest = &rest[i + "Warning::new(\"".len()..];
                    let Some(end) = rest.find('"') else { break };
                    let id = rest[..end].to_string();
                    let stmt = &rest[..rest.find(';').unwrap_or(rest.len())];
                    let args: BTreeSet<String> = stmt
                        .split(".arg(\"")
                        .skip(1)
                        .filter_map(|a| a.split('"').next().map(str::to_string))
                        .collect();
                    out.entry(id).or_insert_with(BTreeSet::new).extend(args);
                }
            }
        }
    }
    out
}

/// Every id the code can ask for, with the arguments it supplies.
fn used_ids() -> BTreeMap<String, BTreeSet<String>> {
    let mut used: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (id, args) in bounce::kb::message_ids() {
        used.insert(id, args.iter().map(|a| a.to_string()).collect());
    }
    for (id, args) in bounce::explain::MESSAGES
        .iter()
        .chain(bounce::batch::MESSAGES)
        .chain(bounce::batch::WEB_MESSAGES)
    {
        used.insert(id.to_string(), args.iter().map(|a| a.to_string()).collect());
    }
    used.extend(emitted_warnings());
    used
}

#[test]
fn locales_are_the_folders() {
    let mut on_disk: Vec<String> = std::fs::read_dir(root().join("i18n"))
        .expect("i18n/ exists")
        .flatten()
        .filter(|e| e.path().is_dir())
        .filter(|e| {
            std::fs::read_dir(e.path())
                .into_iter()
                .flatten()
                .flatten()
                .any(|f| f.path().extension().is_some_and(|x| x == "ftl"))
        })
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    assert_eq!(i18n::available_locales(), on_disk);
    assert!(on_disk.contains(&"en".to_string()) && on_disk.contains(&"pl".to_string()));
}

#[test]
fn every_bundle_parses_without_errors() {
    for locale in i18n::available_locales() {
        for (file, text) in sources(locale) {
            if let Err((_, errs)) = fluent_syntax::parser::parse(text.to_string()) {
                panic!("{locale}/{file}: {errs:?}");
            }
        }
        let texts: Vec<&str> = sources(locale).iter().map(|(_, t)| *t).collect();
        let loc = Localizer::from_sources(locale, &texts).expect("bundle builds");
        assert_eq!(loc.lang(), locale);
        assert!(
            locale.parse::<unic_langid::LanguageIdentifier>().is_ok(),
            "{locale} is a valid tag"
        );
    }
}

#[test]
fn every_locale_has_the_same_ids_in_the_same_files() {
    let en = locale_messages("en");
    for locale in i18n::available_locales() {
        let other = locale_messages(locale);
        for (id, (file, _)) in &en {
            match other.get(id) {
                Some((f, _)) => assert_eq!(f, file, "{locale}: {id} in another file"),
                None => panic!("{locale}: missing {id} (en/{file})"),
            }
        }
        for id in other.keys() {
            assert!(en.contains_key(id), "{locale}: {id} not in en");
        }
    }
}

#[test]
fn every_used_id_exists_and_gets_its_arguments() {
    let used = used_ids();
    assert!(used.len() > 500, "sanity: {} ids", used.len());
    for locale in i18n::available_locales() {
        let have = locale_messages(locale);
        for (id, supplied) in &used {
            let Some((_, vars)) = have.get(id) else {
                panic!("{locale}: missing message {id}")
            };
            let missing: Vec<&String> = vars.difference(supplied).collect();
            assert!(
                missing.is_empty(),
                "{locale}: {id} uses {missing:?} which the code does not pass"
            );
        }
    }
}

#[test]
fn no_knowledge_base_message_is_unused() {
    let used = used_ids();
    for locale in i18n::available_locales() {
        for (id, (file, _)) in locale_messages(locale) {
            if KB_FILES.contains(&file.as_str()) {
                assert!(used.contains_key(&id), "{locale}/{file}: {id} is never used");
            }
        }
    }
}

#[test]
fn polish_plurals_select_one_few_many() {
    let loc = Localizer::new(&["pl"]);
    assert_eq!(loc.lang(), "pl");
    let f = |n: &str| loc.msg("headline-failed", &[("count", n.to_string())]);
    assert!(f("1").starts_with("Jeden odbiorca nie otrzymał"));
    for n in ["2", "3", "4", "22", "34", "102"] {
        assert!(
            f(n).starts_with(&format!("{n} odbiorcy nie otrzymali")),
            "{n}: {}",
            f(n)
        );
    }
    for n in ["0", "5", "11", "12", "14", "21", "25", "100", "112"] {
        assert!(
            f(n).starts_with(&format!("{n} odbiorców nie otrzymało")),
            "{n}: {}",
            f(n)
        );
    }
    assert!(f("1.5").starts_with("1.5 odbiorcy nie otrzymało"), "{}", f("1.5"));
    let w = loc.msg(
        "warn-input-truncated",
        &[("limit", "33554432".into()), ("size", "33554434".into())],
    );
    assert!(w.contains("miały 33554434 bajty"), "{w}");
    let w = loc.msg(
        "warn-input-truncated",
        &[("limit", "33554432".into()), ("size", "33554437".into())],
    );
    assert!(w.contains("miały 33554437 bajtów"), "{w}");
    assert!(loc.take_errors().is_empty());
    let en = Localizer::new(&["en"]);
    assert_eq!(
        en.msg("headline-failed", &[("count", "1".into())]),
        "Delivery failed for one recipient."
    );
    assert_eq!(
        en.msg("headline-failed", &[("count", "3".into())]),
        "Delivery failed for 3 recipients."
    );
}

#[test]
fn unknown_locale_falls_back_to_english_and_environment_names_work() {
    assert_eq!(Localizer::new(&["de-DE"]).lang(), "en");
    assert_eq!(Localizer::new(&["pl-PL"]).lang(), "pl");
    let tag = i18n::posix_to_bcp47("pl_PL.UTF-8").expect("tag");
    assert_eq!(Localizer::new(&[tag.as_str()]).lang(), "pl");
}

/// Text of the given messages without placeables, for spell-checking.
fn plain_text(ftl: &str) -> String {
    fn walk(p: &Pattern<String>, out: &mut String) {
        for el in &p.elements {
            match el {
                PatternElement::TextElement { value } => out.push_str(value),
                PatternElement::Placeable {
                    expression: Expression::Select { variants, .. },
                } => {
                    for v in variants {
                        out.push(' ');
                        walk(&v.value, out);
                    }
                }
                PatternElement::Placeable { .. } => out.push(' '),
            }
        }
        out.push('\n');
    }
    let res = fluent_syntax::parser::parse(ftl.to_string()).expect("parses");
    let mut out = String::new();
    for entry in res.body {
        if let Entry::Message(m) = entry {
            if let Some(p) = &m.value {
                walk(p, &mut out);
            }
        }
    }
    out
}

/// Words of `text` that hunspell's pl_PL dictionary does not know, in the order reported.
fn hunspell_unknown(text: &str) -> Vec<String> {
    use std::io::Write;
    let mut child = std::process::Command::new("hunspell")
        .args(["-d", "pl_PL", "-l", "-i", "utf-8"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("hunspell with the pl_PL dictionary must be installed (Debian: hunspell hunspell-pl)");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(text.as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("hunspell runs");
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn polish_text_passes_hunspell() {
    let allow: BTreeSet<String> = std::fs::read_to_string(root().join("tests/hunspell/pl-allowlist.txt"))
        .expect("allowlist")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect();
    // Every Polish file, whoever owns it: the user reads them all.
    let files = sources("pl");
    let names: Vec<&str> = files.iter().map(|(n, _)| *n).collect();
    for must in KB_FILES.iter().chain(&["ui.ftl", "dns.ftl"]) {
        assert!(names.contains(must), "pl/{must} is not checked: {names:?}");
    }
    // The checker itself works: a misspelling is reported, a correct Polish word is not.
    let probe = hunspell_unknown("Sprawdź skrzynkę odbiorcy: serwer odrzucił wiadomośc.\n");
    assert_eq!(
        probe,
        vec!["wiadomośc".to_string()],
        "hunspell pl_PL does not work as expected"
    );
    // Unknown word -> files it occurs in; everything hunspell reports, allowlisted or not.
    let mut reported: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    for (file, ftl) in &files {
        for w in hunspell_unknown(&plain_text(ftl)) {
            reported.entry(w).or_default().insert(file);
        }
    }
    let unknown: Vec<String> = reported
        .iter()
        .filter(|(w, _)| !allow.contains(*w))
        .map(|(w, f)| format!("{w} ({})", f.iter().copied().collect::<Vec<_>>().join(", ")))
        .collect();
    assert!(
        unknown.is_empty(),
        "words hunspell does not know (fix, or add a genuine technical term to tests/hunspell/pl-allowlist.txt): {}",
        unknown.join("; ")
    );
    // The allowlist stays small and every entry is needed: hunspell really flags it in some file.
    assert!(allow.len() < 120, "allowlist has {} entries", allow.len());
    for w in &allow {
        assert!(
            reported.contains_key(w),
            "allowlist entry {w:?} is not needed (unused, or hunspell knows it)"
        );
    }
}

/// Pseudo-localizes text: accents vowels and brackets each text run, keeping placeables intact.
fn pseudo(ftl: &str) -> String {
    fn walk(p: &mut Pattern<String>) {
        for el in &mut p.elements {
            match el {
                PatternElement::TextElement { value } => {
                    let t: String = value
                        .chars()
                        .map(|c| match c {
                            'a' => 'á',
                            'e' => 'é',
                            'i' => 'í',
                            'o' => 'ó',
                            'u' => 'ú',
                            _ => c,
                        })
                        .collect();
                    *value = t;
                }
                PatternElement::Placeable {
                    expression: Expression::Select { variants, .. },
                } => {
                    for v in variants {
                        walk(&mut v.value);
                    }
                }
                PatternElement::Placeable { .. } => {}
            }
        }
    }
    let mut res = fluent_syntax::parser::parse(ftl.to_string()).expect("parses");
    for entry in &mut res.body {
        if let Entry::Message(m) = entry {
            if let Some(p) = &mut m.value {
                walk(p);
            }
        }
    }
    fluent_syntax::serializer::serialize(&res)
}

#[test]
fn a_pseudo_locale_folder_needs_no_code() {
    let en: Vec<&str> = sources("en").iter().map(|(_, t)| *t).collect();
    let pl: Vec<&str> = sources("pl").iter().map(|(_, t)| *t).collect();
    let generated: Vec<String> = en.iter().map(|t| pseudo(t)).collect();
    let xa: Vec<&str> = generated.iter().map(String::as_str).collect();
    let catalog = vec![("en", en), ("en-XA", xa.clone()), ("pl", pl)];
    let loc = Localizer::from_catalog(&["en-XA"], &catalog);
    assert_eq!(loc.lang(), "en-XA");
    // Every message the code can use exists in the new locale.
    for (id, supplied) in used_ids() {
        let args: Vec<(&str, String)> = supplied.iter().map(|a| (a.as_str(), "7".to_string())).collect();
        let text = loc.msg(&id, &args);
        assert_ne!(text, id, "en-XA lacks {id}");
    }
    assert!(loc.take_errors().is_empty());
    // A whole explanation comes out in the pseudo-locale: no English literal leaks through.
    let report =
        bounce::analyze(b"554 5.7.1 Service unavailable; Client host [192.0.2.7] blocked using bl.spamcop.net\n");
    let text = bounce::explain::to_plain(&bounce::explain::explain(&report, &loc));
    assert!(text.contains("Délívéry fáíléd"), "{text}");
    assert!(text.contains("192.0.2.7"), "facts are passed through: {text}");
    for word in [
        "Delivery",
        "Recipient",
        "Likely causes",
        "What to do",
        "Who must act",
        "The sender",
    ] {
        assert!(
            !text.contains(word),
            "English {word:?} leaked into the pseudo-locale: {text}"
        );
    }
    assert!(loc.take_errors().is_empty());
    // And the existing locales are unaffected by the new one.
    assert_eq!(Localizer::from_catalog(&["pl"], &catalog).lang(), "pl");
    assert_eq!(Localizer::from_catalog(&["fr"], &catalog).lang(), "en");
}

/// Runs the CLI on one reply line with the given arguments and environment.
fn cli(args: &[&str], env: &[(&str, &str)]) -> String {
    let dir = std::env::temp_dir().join(format!("bounce-i18n-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("reply.txt");
    std::fs::write(
        &file,
        "554 5.7.1 Service unavailable; Client host [192.0.2.9] blocked using bl.spamcop.net\n",
    )
    .expect("write");
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_bounce"));
    cmd.arg("explain").args(args).arg(&file);
    for v in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        cmd.env_remove(v);
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("bounce runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn cli_prints_the_explanation_in_the_chosen_language() {
    let pl = Localizer::new(&["pl"]);
    let en = Localizer::new(&["en"]);
    let pl_head = pl.msg("headline-failed", &[("count", "1".into())]);
    let en_head = en.msg("headline-failed", &[("count", "1".into())]);
    let out = cli(&["--lang", "pl"], &[]);
    assert!(out.contains(&pl_head), "{out}");
    for label in [
        "label-causes",
        "label-fixes",
        "label-who-must-act",
        "party-sender-admin",
    ] {
        assert!(out.contains(&pl.msg(label, &[])), "{label}: {out}");
    }
    assert!(out.contains("192.0.2.9") && out.contains("bl.spamcop.net"));
    assert!(cli(&[], &[("LANG", "pl_PL.UTF-8")]).contains(&pl_head));
    assert!(cli(&[], &[("LC_ALL", "pl_PL.UTF-8"), ("LANG", "en_US.UTF-8")]).contains(&pl_head));
    assert!(cli(&[], &[("LC_ALL", "C"), ("LANG", "pl_PL.UTF-8")]).contains(&en_head));
    assert!(cli(&[], &[]).contains(&en_head));
    assert!(cli(&["--lang", "de"], &[("LANG", "pl_PL.UTF-8")]).contains(&pl_head));
    assert!(cli(&["--lang", "de"], &[]).contains(&en_head));
    assert!(cli(&["--lang", "en"], &[("LANG", "pl_PL.UTF-8")]).contains(&en_head));
}
