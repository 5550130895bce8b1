//! User-visible strings of the web app, the DNS checks and the explanations: every message id the code
//! asks the localizer for exists in every locale, and the web markup holds no English literal text.
//!
//! The sources are read as text (the web module only compiles for wasm32). A small lexer finds the
//! string literals, so comments, char literals and raw strings do not confuse the checks. Each check
//! is also run on a deliberately bad in-memory sample, which proves that it can fail.

use bounce::i18n;
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A string literal found in a source: its byte range in the source and its (unescaped enough) value.
#[derive(Debug, Clone)]
struct Lit {
    start: usize,
    end: usize,
    value: String,
}

/// The string literals of Rust source text, skipping comments and char literals.
fn literals(src: &str) -> Vec<Lit> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let mut depth = 0;
                while i < b.len() {
                    if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
                        depth += 1;
                        i += 2;
                    } else if b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        i += 1;
                    }
                }
            }
            b'r' if !prev_is_ident(b, i) && matches!(b.get(i + 1), Some(b'#') | Some(b'"')) => {
                let mut j = i + 1;
                let mut hashes = 0;
                while b.get(j) == Some(&b'#') {
                    hashes += 1;
                    j += 1;
                }
                if b.get(j) != Some(&b'"') {
                    i += 1;
                    continue;
                }
                let body = j + 1;
                let close = format!("\"{}", "#".repeat(hashes));
                let end = src[body..].find(&close).map_or(b.len(), |k| body + k);
                out.push(Lit {
                    start: i,
                    end: (end + close.len()).min(b.len()),
                    value: src[body..end].to_string(),
                });
                i = end + close.len();
            }
            b'"' => {
                let start = i;
                let mut value = String::new();
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    if b[i] == b'\\' {
                        match b.get(i + 1) {
                            Some(b'n') => value.push('\n'),
                            Some(b'"') => value.push('"'),
                            Some(b'\\') => value.push('\\'),
                            Some(b'\n') => {
                                i += 2;
                                while i < b.len() && b[i].is_ascii_whitespace() {
                                    i += 1;
                                }
                                continue;
                            }
                            Some(_) => value.push('\u{fffd}'),
                            None => {}
                        }
                        i += 2;
                    } else {
                        let ch = src[i..].chars().next().expect("char");
                        value.push(ch);
                        i += ch.len_utf8();
                    }
                }
                i += 1;
                out.push(Lit {
                    start,
                    end: i.min(b.len()),
                    value,
                });
            }
            b'\'' => {
                // A char literal ('x', '\'', '"', '\u{..}') or a lifetime ('a): skip a char literal whole.
                let rest = &src[i + 1..];
                if let Some(k) = rest.strip_prefix('\\').and_then(|r| r.find('\'')) {
                    i += k + 3;
                } else if rest.chars().nth(1) == Some('\'') {
                    i += 1 + rest.chars().next().map_or(1, char::len_utf8) + 1;
                } else {
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    out
}

fn prev_is_ident(b: &[u8], i: usize) -> bool {
    i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_')
}

/// The source text before `at`, without trailing whitespace.
fn before(src: &str, at: usize) -> &str {
    src[..at].trim_end()
}

/// The last `n` bytes of `s` or a few more, cut at a char boundary.
fn last_chars(s: &str, n: usize) -> &str {
    let mut i = s.len().saturating_sub(n);
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    &s[i..]
}

/// The source text after `at`, without leading whitespace.
fn after(src: &str, at: usize) -> &str {
    src[at..].trim_start()
}

/// The localizer calls that take a message id as their first string argument.
fn call_re() -> Regex {
    // t(loc, "id"), ta(&loc, "id", ..), row(loc, "id", ..), loc.msg("id", ..), .has("id")
    Regex::new(r#"(?:\b(?:t|ta|row)\s*\(\s*&?[A-Za-z_][A-Za-z0-9_.]*\s*,|\.(?:msg|has)\s*\()\s*$"#).expect("regex")
}

/// Message-id-shaped text: lower-case words joined by hyphens.
fn id_shape() -> Regex {
    Regex::new(r"^[a-z][a-z0-9]*(-[a-z0-9]+)+$").expect("regex")
}

/// Message ids a source asks for: the literal given to a localizer call, and every other literal that
/// has the shape of an id and the first word of a known id (tables like `("dns-why-timeout", args)`),
/// unless it sits in a markup attribute (class, id, for, ...), which holds CSS classes and element ids.
/// Also returns the prefixes of ids built with `format!("prefix-{..}")` inside a localizer call.
fn referenced_ids(src: &str, id_words: &BTreeSet<String>) -> (BTreeSet<String>, BTreeSet<String>) {
    let call = call_re();
    let shape = id_shape();
    let attr = Regex::new(r#"(?:\b(?:class|id|for|key|href|type|role|name|value|aria-labelledby|aria-describedby|aria-controls|tabindex)\s*=\s*\{?|classes!\s*\([^)]*|format!\s*\(\s*)$"#)
        .expect("regex");
    let dynamic =
        Regex::new(r#"(?:\b(?:t|ta|row)\s*\(\s*&?[A-Za-z_][A-Za-z0-9_.]*\s*,|\.msg\s*\()\s*&\s*format!\s*\(\s*$"#)
            .expect("regex");
    let mut ids = BTreeSet::new();
    let mut prefixes = BTreeSet::new();
    for lit in literals(src) {
        let pre = before(src, lit.start);
        let tail = last_chars(pre, 200);
        if dynamic.is_match(tail) {
            if let Some(p) = lit.value.split('{').next() {
                prefixes.insert(p.to_string());
            }
        } else if call.is_match(tail)
            || (shape.is_match(&lit.value)
                && lit.value.split('-').next().is_some_and(|w| id_words.contains(w))
                && !attr.is_match(tail))
        {
            ids.insert(lit.value.clone());
        }
    }
    (ids, prefixes)
}

/// The `html! { ... }` blocks of a source, as byte ranges of their contents.
fn html_blocks(src: &str) -> Vec<(usize, usize)> {
    let lits = literals(src);
    let in_lit = |i: usize| lits.iter().any(|l| l.start <= i && i < l.end);
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(k) = src[from..].find("html!") {
        let at = from + k;
        from = at + 5;
        if in_lit(at) {
            continue;
        }
        let Some(open) = src[from..].find(|c: char| !c.is_whitespace()).map(|o| from + o) else {
            break;
        };
        if src.as_bytes()[open] != b'{' {
            continue;
        }
        let mut depth = 0;
        let mut i = open;
        while i < src.len() {
            if !in_lit(i) {
                match src.as_bytes()[i] {
                    b'{' => depth += 1,
                    b'}' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
            }
            i += 1;
        }
        out.push((open + 1, i));
        from = i;
    }
    out
}

/// Literal text that is allowed in markup: no letters, or an id, a CSS class, a URL or a MIME type.
fn allowed_literal(s: &str) -> bool {
    let t = s.trim();
    !t.chars().any(char::is_alphabetic)
        || Regex::new(r"^(?:[a-z][a-z0-9_]*(?:[-_][a-z0-9]+)*(?:\s+[a-z][a-z0-9_]*(?:[-_][a-z0-9]+)*)*|[a-z]+/[a-z0-9.+-]+|(?:https?://|mailto:|/|#|\./)\S*)$")
            .expect("regex")
            .is_match(t)
}

/// User-visible English literals in the html! markup of one source, as "line: text" descriptions.
fn english_in_markup(src: &str) -> Vec<String> {
    let visible_attr = Regex::new(r#"\b(?:aria-label|aria-description|aria-placeholder|aria-roledescription|aria-valuetext|title|placeholder|alt|label)\s*=\s*\{?\s*$"#)
        .expect("regex");
    let words = Regex::new(r"\p{L}{2,}").expect("regex");
    let raw_text = Regex::new(r">([^<>{}()=;&|\n]*\p{L}{2,}[^<>{}()=;&|\n]*)<").expect("regex");
    let lits = literals(src);
    let line_of = |i: usize| src[..i].matches('\n').count() + 1;
    let mut bad = Vec::new();
    for (start, end) in html_blocks(src) {
        let block_lits: Vec<&Lit> = lits.iter().filter(|l| l.start >= start && l.end <= end).collect();
        for lit in &block_lits {
            let pre = before(src, lit.start);
            let post = after(src, lit.end);
            let tail = last_chars(pre, 80);
            let v = &lit.value;
            if visible_attr.is_match(tail) {
                if words.is_match(v) {
                    bad.push(format!("{}: attribute text {v:?}", line_of(lit.start)));
                }
                continue;
            }
            // A text node: `{ "..." }`, or a bare literal child between tags `>"..."<`.
            let node = (pre.ends_with('{') && post.starts_with('}')) || (pre.ends_with('>') && post.starts_with('<'));
            let sentence = words.is_match(v) && v.trim().contains(char::is_whitespace);
            let capital_word = v.trim().chars().next().is_some_and(char::is_uppercase) && words.is_match(v);
            if node && (sentence || capital_word) && !allowed_literal(v) {
                bad.push(format!("{}: text {v:?}", line_of(lit.start)));
            }
        }
        // Unquoted text between tags (outside literals), at the markup level of the block.
        let mut masked = src[start..end].to_string();
        for lit in &block_lits {
            let (a, b) = (lit.start - start, lit.end - start);
            masked.replace_range(a..b, &" ".repeat(b - a));
        }
        for m in raw_text.captures_iter(&masked) {
            let text = m.get(1).expect("group");
            if text.as_str().trim().contains(char::is_whitespace) || text.as_str().trim().chars().count() > 2 {
                bad.push(format!(
                    "{}: bare text {:?}",
                    line_of(start + text.start()),
                    text.as_str().trim()
                ));
            }
        }
    }
    bad.sort_by_key(|b| b.split(':').next().and_then(|n| n.parse::<usize>().ok()));
    bad
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn rs_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d)
            .unwrap_or_else(|e| panic!("{}: {e}", d.display()))
            .flatten()
        {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Message ids of one locale, read from its compiled-in Fluent sources.
fn locale_ids(locale: &str) -> BTreeSet<String> {
    let id = Regex::new(r"(?m)^([a-zA-Z][a-zA-Z0-9_-]*)\s*=").expect("regex");
    i18n::locale_sources(locale)
        .expect("locale compiled in")
        .iter()
        .flat_map(|(_, text)| id.captures_iter(text).map(|c| c[1].to_string()).collect::<Vec<_>>())
        .collect()
}

/// First words of the English ids of the files these sources use directly (ui.ftl, dns.ftl,
/// explain.ftl: "ui", "dns", "label", ...): what an id literal outside a localizer call starts with.
/// The knowledge-base words ("reply", "status", ...) are left out: they also name CSS classes and marks.
fn id_words() -> BTreeSet<String> {
    let id = Regex::new(r"(?m)^([a-z][a-z0-9]*)-[a-zA-Z0-9_-]*\s*=").expect("regex");
    i18n::locale_sources("en")
        .expect("en compiled in")
        .iter()
        .filter(|(file, _)| ["ui.ftl", "dns.ftl", "explain.ftl"].contains(file))
        .flat_map(|(_, text)| id.captures_iter(text).map(|c| c[1].to_string()).collect::<Vec<_>>())
        .collect()
}

/// The sources the check covers: the web app, the DNS checks and the explanations.
fn checked_sources() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for dir in ["src/web", "src/dns", "src/explain"] {
        for p in rs_files(&root().join(dir)) {
            let text = std::fs::read_to_string(&p).expect("source readable");
            out.push((p.strip_prefix(root()).expect("under root").display().to_string(), text));
        }
    }
    out
}

/// The values a dynamic id's `{..}` part can take, for each `format!` prefix the code uses.
fn dynamic_suffixes(prefix: &str) -> Option<Vec<String>> {
    let read = |p: &str| std::fs::read_to_string(root().join(p)).unwrap_or_default();
    let grab = |text: String, re: &str| -> Vec<String> {
        let re = Regex::new(re).expect("regex");
        re.captures_iter(&text).map(|c| c[1].to_string()).collect()
    };
    let v = match prefix {
        "ui-example-" => grab(read("src/web/examples.rs"), r#"\bid:\s*"([^"]+)""#),
        "ui-mark-" => grab(read("src/view.rs"), r#"Mark::\w+\s*=>\s*"([^"]+)""#),
        "ui-language-name-" => i18n::available_locales().iter().map(|l| l.to_string()).collect(),
        "ui-hop-role-" => {
            use bounce::model::HopRole::*;
            [Sender, Relay, Reporting, Remote]
                .iter()
                .map(|r| {
                    serde_json::to_value(r)
                        .expect("json")
                        .as_str()
                        .expect("a string")
                        .to_string()
                })
                .collect()
        }
        "ui-kind-" => {
            // recipient_section.rs: `let kind = if r.facts.is_final { "permanent" } else { "temporary" };`
            grab(
                read("src/web/components/recipient_section.rs"),
                r#"let kind = if [^{]*\{\s*"([a-z]+)"\s*\}"#,
            )
            .into_iter()
            .chain(grab(
                read("src/web/components/recipient_section.rs"),
                r#"let kind = if [^;]*else\s*\{\s*"([a-z]+)"\s*\}"#,
            ))
            .collect()
        }
        "party-" => bounce::kb::Party::ALL.iter().map(|p| p.as_str().to_string()).collect(),
        // The web batch view (src/web/batch_run.rs): the summary's permanence keys, its tables
        // (`group("reason", …)`), and each reason's title.
        "batch-" => vec!["hard".into(), "soft".into()],
        "batch-web-by-" | "batch-web-col-" => grab(read("src/web/batch_run.rs"), r#"\bgroup\(\s*"([a-z]+)""#),
        "rule-reason-" => bounce::model::Reason::ALL
            .iter()
            .map(|r| format!("{}-title", r.as_str()))
            .collect(),
        _ => return None,
    };
    Some(v)
}

#[test]
fn every_referenced_id_exists_in_every_locale() {
    let words = id_words();
    let locales = i18n::available_locales();
    assert!(locales.len() >= 2, "{locales:?}");
    let have: BTreeMap<&str, BTreeSet<String>> = locales.iter().map(|l| (*l, locale_ids(l))).collect();
    let mut missing = Vec::new();
    let mut count = 0;
    let mut unknown_dynamic = Vec::new();
    for (file, src) in checked_sources() {
        let (ids, prefixes) = referenced_ids(&src, &words);
        count += ids.len();
        let mut all: Vec<String> = ids.into_iter().collect();
        for p in prefixes {
            // stage ids come from the SMTP command names, lower-cased (src/explain stage_id).
            let suffixes = if p == "stage-" {
                Some(
                    [
                        "conn", "helo", "ehlo", "mail", "rcpt", "data", "bdat", "starttls", "auth",
                    ]
                    .iter()
                    .map(|s| s.to_string())
                    .collect(),
                )
            } else {
                dynamic_suffixes(&p)
            };
            match suffixes {
                Some(s) if !s.is_empty() => all.extend(s.iter().map(|s| format!("{p}{s}"))),
                _ => unknown_dynamic.push(format!("{file}: format!(\"{p}{{..}}\")")),
            }
        }
        for id in all {
            for (l, ids) in &have {
                if !ids.contains(&id) {
                    missing.push(format!("{l}: {id} (used in {file})"));
                }
            }
        }
    }
    assert!(
        count > 150,
        "sanity: only {count} ids found; the call patterns changed?"
    );
    assert!(
        unknown_dynamic.is_empty(),
        "ids built at run time whose values this test cannot list (teach dynamic_suffixes): {unknown_dynamic:?}"
    );
    assert!(missing.is_empty(), "missing messages:\n{}", missing.join("\n"));
}

#[test]
fn stage_ids_follow_the_smtp_commands() {
    // The stage list above mirrors model::Command::as_str; keep them in step.
    let model = std::fs::read_to_string(root().join("src/model.rs")).expect("model");
    let names: Vec<String> = Regex::new(r#"Command::\w+\s*=>\s*"([A-Z]+)""#)
        .expect("regex")
        .captures_iter(&model)
        .map(|c| c[1].to_ascii_lowercase())
        .collect();
    assert_eq!(
        names,
        ["conn", "helo", "ehlo", "mail", "rcpt", "data", "bdat", "starttls", "auth"]
    );
}

#[test]
fn web_markup_has_no_english_literals() {
    let mut bad = Vec::new();
    let mut blocks = 0;
    for (file, src) in checked_sources().into_iter().filter(|(f, _)| f.starts_with("src/web")) {
        blocks += html_blocks(&src).len();
        bad.extend(english_in_markup(&src).into_iter().map(|b| format!("{file}:{b}")));
    }
    assert!(blocks > 20, "sanity: only {blocks} html! blocks found");
    assert!(
        bad.is_empty(),
        "English literals in markup (use a ui.ftl message):\n{}",
        bad.join("\n")
    );
}

/// A component written the wrong way: every kind of literal the check must catch, next to the allowed ones.
const BAD_SAMPLE: &str = r##"
fn view(loc: &Localizer) -> Html {
    // html! { <p>{ "Commented out text" }</p> }
    let c = '"';
    html! {
        <section class="card summary" aria-labelledby="summary-heading">
            <h2 id="summary-heading">{ "Delivery failed" }</h2>
            <p>{ t(loc, "ui-tagline") }{ " " }{ "—" }</p>
            <button type="button" title="Close the panel" aria-label={"Copy text"}>{ "Copy" }</button>
            <input placeholder="Paste the bounce here" />
            <a href="https://example.com/help" class="link">{ t(loc, "ui-no-such-message") }</a>
            <p>Just some words</p>
            <span>"Bare literal text"</span>
            <data value="text/plain">{ "" }</data>
        </section>
    }
}
"##;

#[test]
fn the_checks_catch_a_bad_sample() {
    let bad = english_in_markup(BAD_SAMPLE);
    let expect = [
        "7: text \"Delivery failed\"",
        "9: attribute text \"Close the panel\"",
        "9: attribute text \"Copy text\"",
        "9: text \"Copy\"",
        "10: attribute text \"Paste the bounce here\"",
        "12: bare text \"Just some words\"",
        "13: text \"Bare literal text\"",
    ];
    assert_eq!(bad, expect);
    // The id check sees both calls, and only the missing one is missing.
    let (ids, prefixes) = referenced_ids(BAD_SAMPLE, &id_words());
    assert_eq!(
        ids,
        ["ui-no-such-message", "ui-tagline"]
            .iter()
            .map(|s| s.to_string())
            .collect::<BTreeSet<_>>()
    );
    assert!(prefixes.is_empty());
    let en = locale_ids("en");
    assert!(en.contains("ui-tagline") && !en.contains("ui-no-such-message"));
    // Tables of ids and run-time ids are found too; CSS classes and element ids are not ids.
    let table = r#"let (id, args) = match w { Why::Timeout => ("dns-why-timeout", vec![]) };
        html! { <div class="status-line" id="summary-heading">{ t(loc, &format!("ui-mark-{}", m)) }</div> }"#;
    let (ids, prefixes) = referenced_ids(table, &id_words());
    assert_eq!(ids, BTreeSet::from(["dns-why-timeout".to_string()]));
    assert_eq!(prefixes, BTreeSet::from(["ui-mark-".to_string()]));
    assert_eq!(english_in_markup(table), Vec::<String>::new());
    // The lexer keeps escaped quotes, raw strings and char literals apart.
    let lits: Vec<String> = literals(r###"let a = "x\"y"; let b = r#"say "hi""#; let c = '"'; let d = "z";"###)
        .into_iter()
        .map(|l| l.value)
        .collect();
    assert_eq!(lits, ["x\"y", "say \"hi\"", "z"]);
}
