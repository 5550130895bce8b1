//! The web app's component and state tests, run in headless Chromium by wasm-bindgen-test:
//! `cd tests/wasm && cargo test --target wasm32-unknown-unknown` (runner in .cargo/config.toml).
//! Natively this file compiles to nothing.
#![cfg(target_arch = "wasm32")]

use bounce::i18n::Localizer;
use bounce::web::action::{Action, CopyFormat};
use bounce::web::analysis::{self, Mark, SpanView};
use bounce::web::components::copy_panel::copy_text;
use bounce::web::components::hop_diagram::delay_parts;
use bounce::web::engine;
use bounce::web::examples::EXAMPLES;
use bounce::web::highlight::{pieces, Piece, FULL_VIEW_LIMIT};
use bounce::web::locale;
use bounce::web::protocol::{Reply, Request};
use bounce::web::state::{AppState, Phase};
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use yew::Reducible;

wasm_bindgen_test_configure!(run_in_browser);

fn full_localizer(lang: &str) -> Localizer {
    let sources = bounce::i18n::locale_sources(lang).expect("locale compiled in");
    let texts: Vec<&str> = sources.iter().map(|(_, t)| *t).collect();
    Localizer::from_sources(lang, &texts).expect("bundle parses")
}

fn span(start: usize, end: usize, what: Mark) -> SpanView {
    SpanView { start, end, what }
}

#[wasm_bindgen_test]
fn pieces_flatten_overlaps_with_the_most_specific_mark() {
    let text = "x 550 5.1.1 no such user";
    let spans = [
        span(2, 24, Mark::Diagnostic),
        span(2, 5, Mark::ReplyCode),
        span(6, 11, Mark::Status),
    ];
    let p = pieces(text, &spans);
    let marked: Vec<(&str, Option<Mark>)> = p
        .iter()
        .map(|p| match p {
            Piece::Text { start, end, mark } => (&text[*start..*end], *mark),
            Piece::Gap(_) => ("", None),
        })
        .collect();
    assert_eq!(
        marked,
        vec![
            ("x ", None),
            ("550", Some(Mark::ReplyCode)),
            (" ", Some(Mark::Diagnostic)),
            ("5.1.1", Some(Mark::Status)),
            (" no such user", Some(Mark::Diagnostic)),
        ]
    );
}

#[wasm_bindgen_test]
fn pieces_ignore_spans_off_char_boundaries_or_past_the_end() {
    let text = "żółw 550";
    let p = pieces(text, &[span(1, 3, Mark::Status), span(7, 99, Mark::ReplyCode)]);
    assert_eq!(
        p,
        vec![Piece::Text {
            start: 0,
            end: text.len(),
            mark: None
        }]
    );
}

#[wasm_bindgen_test]
fn large_inputs_are_shown_as_excerpts_around_highlights() {
    let mut text = "a".repeat(FULL_VIEW_LIMIT);
    let at = text.len();
    text.push_str("550");
    text.push_str(&"b".repeat(FULL_VIEW_LIMIT));
    let p = pieces(&text, &[span(at, at + 3, Mark::ReplyCode)]);
    let gaps: Vec<usize> = p
        .iter()
        .filter_map(|p| if let Piece::Gap(n) = p { Some(*n) } else { None })
        .collect();
    assert_eq!(gaps.len(), 2, "a gap before and after the excerpt");
    let shown: usize = p
        .iter()
        .map(|p| {
            if let Piece::Text { start, end, .. } = p {
                end - start
            } else {
                0
            }
        })
        .sum();
    assert_eq!(shown + gaps.iter().sum::<usize>(), text.len());
    assert!(shown < 8 * 1024, "only excerpts are rendered, got {shown} bytes");
    assert!(p.contains(&Piece::Text {
        start: at,
        end: at + 3,
        mark: Some(Mark::ReplyCode)
    }));
}

#[wasm_bindgen_test]
fn reducer_drops_results_for_old_text() {
    let s = Rc::new(AppState::new(Rc::new(locale::ui_localizer("en"))));
    let s = s.reduce(Action::SetText {
        text: Rc::from("550 first"),
        immediate: false,
        external: false,
    });
    let old = s.generation;
    assert_eq!(s.phase, Phase::Waiting);
    let s = s.reduce(Action::SetText {
        text: Rc::from("550 second"),
        immediate: true,
        external: true,
    });
    assert!(s.immediate);
    assert_eq!(
        s.external_generation, 1,
        "an example or file is written into the text area"
    );
    let loc = full_localizer("en");
    let stale = Rc::new(analysis::run("550 first", &loc));
    let s2 = s.clone().reduce(Action::AnalysisDone {
        generation: old,
        analysis: stale,
        elapsed_ms: 1.0,
    });
    assert!(Rc::ptr_eq(&s, &s2), "a result for an older text changes nothing");
    let fresh = Rc::new(analysis::run("550 second", &loc));
    let s = s.reduce(Action::AnalysisDone {
        generation: s2.generation,
        analysis: fresh.clone(),
        elapsed_ms: 1.0,
    });
    assert_eq!(s.phase, Phase::Done);
    assert_eq!(s.current(), Some(&fresh));
    let s = s.reduce(Action::Clear);
    assert_eq!(s.phase, Phase::Empty);
    assert!(s.current().is_none());
}

#[wasm_bindgen_test]
fn reducer_re_explains_on_locale_change_and_ignores_late_bundles() {
    let s = Rc::new(AppState::new(Rc::new(locale::ui_localizer("en"))));
    let s = s.reduce(Action::SetLocale {
        loc: Rc::new(full_localizer("en")),
        full: true,
    });
    assert!(s.loc_full);
    let s = s.reduce(Action::SetText {
        text: Rc::from("550 5.1.1 unknown"),
        immediate: false,
        external: false,
    });
    let g = s.generation;
    let s = s.reduce(Action::SetLocale {
        loc: Rc::new(locale::ui_localizer("pl")),
        full: false,
    });
    assert_eq!(s.lang(), "pl");
    assert!(!s.loc_full);
    assert!(s.generation > g, "the same text is explained again in Polish");
    assert_eq!(s.phase, Phase::Waiting);
    let late = s.clone().reduce(Action::SetLocale {
        loc: Rc::new(full_localizer("en")),
        full: true,
    });
    assert_eq!(late.lang(), "pl", "a late English bundle does not switch back");
    let s = s.reduce(Action::SetLocale {
        loc: Rc::new(full_localizer("pl")),
        full: true,
    });
    assert!(s.loc_full);
}

#[wasm_bindgen_test]
fn locale_pick_prefers_remembered_then_browser_languages() {
    let langs = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(locale::pick(None, &langs(&["pl-PL", "en-US"])), "pl");
    assert_eq!(locale::pick(None, &langs(&["de-DE", "fr"])), "en");
    assert_eq!(locale::pick(Some("en"), &langs(&["pl-PL"])), "en");
    assert_eq!(locale::pick(Some("xx"), &langs(&["pl"])), "pl");
}

#[wasm_bindgen_test]
fn delays_pick_a_readable_unit() {
    assert_eq!(delay_parts(None), None);
    assert_eq!(delay_parts(Some(5)), Some(("ui-delay-seconds", 5)));
    assert_eq!(delay_parts(Some(600)), Some(("ui-delay-minutes", 10)));
    assert_eq!(delay_parts(Some(3 * 3600)), Some(("ui-delay-hours", 3)));
    assert_eq!(delay_parts(Some(3 * 86400)), Some(("ui-delay-days", 3)));
    assert_eq!(delay_parts(Some(-7)), Some(("ui-delay-clock-skew", 7)));
}

#[wasm_bindgen_test]
fn every_example_is_explained_with_highlights_in_both_locales() {
    for lang in ["en", "pl"] {
        let loc = full_localizer(lang);
        for ex in EXAMPLES {
            let a = analysis::run(ex.text, &loc);
            assert!(a.is_bounce(), "{}: not recognised", ex.id);
            assert!(!a.facts.is_empty(), "{}: no recipient", ex.id);
            assert_eq!(a.facts.len(), a.explanation.recipients.len());
            assert!(!a.explanation.headline.is_empty() && a.json.is_none());
            let code = a
                .spans
                .iter()
                .find(|s| s.what == Mark::ReplyCode)
                .expect("reply code highlighted");
            assert_eq!(&ex.text[code.start..code.end], a.facts[0].reply_code);
            assert_eq!(
                loc.take_errors(),
                Vec::<String>::new(),
                "{lang}/{}: missing messages",
                ex.id
            );
        }
    }
}

#[wasm_bindgen_test]
fn every_ui_message_used_exists_in_both_locales() {
    let en = locale::ui_localizer("en");
    let pl = locale::ui_localizer("pl");
    for src in [locale::ui_source("en").unwrap(), locale::ui_source("pl").unwrap()] {
        for id in src
            .lines()
            .filter_map(|l| l.split_once(" =").map(|(id, _)| id))
            .filter(|id| id.starts_with("ui-"))
        {
            assert!(en.has(id) && pl.has(id), "{id} missing in a locale");
        }
    }
}

// ---- rendering the whole app -----------------------------------------------------------------

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Puts `<meta name="bounce-ftl">` (the page's dns.ftl) and `<meta name="bounce-engine-ftl">`
/// (the other files but ui.ftl) tags pointing at blob: URLs of the compiled-in bundles, as the
/// build does, so the app loads its locales as it does in production.
fn install_locale_metas() {
    let doc = document();
    if doc.query_selector("meta[name=bounce-ftl]").unwrap().is_some() {
        return;
    }
    for lang in ["en", "pl"] {
        let files = bounce::i18n::locale_sources(lang).unwrap();
        let bundle = |page: bool| -> String {
            files
                .iter()
                .filter(|(f, _)| *f != "ui.ftl" && (*f == "dns.ftl") == page)
                .map(|(_, t)| format!("{t}\n"))
                .collect()
        };
        for (name, text) in [("bounce-ftl", bundle(true)), ("bounce-engine-ftl", bundle(false))] {
            let parts = js_sys::Array::of1(&text.into());
            let blob = web_sys::Blob::new_with_str_sequence(&parts).unwrap();
            let url = web_sys::Url::create_object_url_with_blob(&blob).unwrap();
            let meta = doc.create_element("meta").unwrap();
            meta.set_attribute("name", name).unwrap();
            meta.set_attribute("data-lang", lang).unwrap();
            meta.set_attribute("content", &url).unwrap();
            doc.head().unwrap().append_child(&meta).unwrap();
        }
    }
}

async fn wait_for(root: &web_sys::Element, selector: &str) -> web_sys::Element {
    for _ in 0..200 {
        if let Some(el) = root.query_selector(selector).unwrap() {
            return el;
        }
        yew::platform::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    panic!("{selector} never appeared in {:?}", root.text_content());
}

fn mount() -> web_sys::Element {
    install_locale_metas();
    // The test page has no worker file: the same engine runs in this thread.
    engine::use_in_process(bounce::web::worker::serve);
    let _ = web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .set_item(locale::STORAGE_KEY, "en");
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<bounce::web::components::app::App>::with_root(root.clone()).render();
    root
}

fn type_text(root: &web_sys::Element, text: &str) {
    let ta: web_sys::HtmlTextAreaElement = root.query_selector("#bounce-input").unwrap().unwrap().unchecked_into();
    ta.set_value(text);
    let init = web_sys::InputEventInit::new();
    init.set_input_type("insertFromPaste");
    init.set_bubbles(true);
    let ev = web_sys::InputEvent::new_with_event_init_dict("input", &init).unwrap();
    ta.dispatch_event(&ev).unwrap();
}

#[wasm_bindgen_test]
async fn pasted_markup_renders_as_text_with_highlights() {
    let root = mount();
    wait_for(&root, ".empty-state").await;
    let payload = EXAMPLES[0]
        .text
        .replace(
            "Subject: Meeting on Monday",
            "Subject: <img src=x onerror=\"document.title='pwned'\">",
        )
        .replace(
            "User unknown in virtual mailbox table",
            "<b>blocked</b> <img src=x onerror=alert(1)>",
        );
    type_text(&root, &payload);
    let code = wait_for(&root, "pre.source mark.hl-reply-code").await;
    assert_eq!(code.text_content().as_deref(), Some("550"));
    let source = root.query_selector("pre.source").unwrap().unwrap();
    assert!(
        source.query_selector("img, b").unwrap().is_none(),
        "markup must not become elements"
    );
    assert!(source.text_content().unwrap().contains("<img src=x onerror=alert(1)>"));
    assert_ne!(document().title(), "pwned");
    assert!(root.query_selector(".summary .headline").unwrap().is_some());
    root.remove();
}

#[wasm_bindgen_test]
async fn switching_locale_updates_lang_title_and_is_remembered() {
    let root = mount();
    wait_for(&root, ".empty-state").await;
    let select: web_sys::HtmlSelectElement = root.query_selector("#locale-select").unwrap().unwrap().unchecked_into();
    select.set_value("pl");
    select.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    yew::platform::time::sleep(std::time::Duration::from_millis(50)).await;
    let html = document().document_element().unwrap();
    assert_eq!(html.get_attribute("lang").as_deref(), Some("pl"));
    assert!(
        document().title().contains("dlaczego"),
        "title is Polish: {}",
        document().title()
    );
    let stored = web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .get_item(locale::STORAGE_KEY)
        .unwrap();
    assert_eq!(stored.as_deref(), Some("pl"));
    type_text(&root, EXAMPLES[0].text);
    let heading = wait_for(&root, "#recipients-heading").await;
    assert_eq!(heading.text_content().as_deref(), Some("Odbiorca"));
    root.remove();
}

// ---- sharing and redaction --------------------------------------------------------------------

#[wasm_bindgen_test]
fn share_fragment_round_trips_any_text() {
    use bounce::web::share::{decode_fragment, encode_fragment};
    let text = "Zażółć gęślą jaźń\n550 5.1.1 <a+b@example.net>: #?&=/";
    let frag = encode_fragment(text);
    assert!(frag.starts_with("text="));
    assert!(
        frag.bytes().all(|b| b.is_ascii_alphanumeric() || b"=-_".contains(&b)),
        "URL-safe: {frag}"
    );
    assert_eq!(decode_fragment(&format!("#{frag}")).as_deref(), Some(text));
    assert_eq!(decode_fragment("#other=1"), None);
    assert_eq!(decode_fragment("#text=%%%"), None);
}

#[wasm_bindgen_test]
fn redact_masks_addresses_ips_and_hosts_consistently() {
    use bounce::web::share::redact;
    let text = "To jan@example.net via mx1.example.net [198.51.100.25] at 09:14:07; again jan@example.net, fe80::1";
    let r = redact(text);
    for secret in ["jan@example.net", "mx1.example.net", "198.51.100.25", "fe80::1"] {
        assert!(!r.contains(secret), "{secret} left in {r}");
    }
    assert_eq!(
        r.matches("user1@example.invalid").count(),
        2,
        "same value, same placeholder: {r}"
    );
    assert!(r.contains("09:14:07"), "times are not IP addresses: {r}");
    assert!(r.contains("host1.example.invalid") && r.contains("192.0.2.1") && r.contains("2001:db8::1"));
}

#[wasm_bindgen_test]
fn a_redacted_bounce_still_explains_the_same_way() {
    let loc = full_localizer("en");
    let ex = EXAMPLES[0].text;
    let plain = analysis::run(ex, &loc);
    let masked = analysis::run(&bounce::web::share::redact(ex), &loc);
    assert_eq!(masked.facts.len(), plain.facts.len());
    assert_eq!(masked.facts[0].reason, plain.facts[0].reason);
    assert_eq!(masked.facts[0].status, plain.facts[0].status);
    assert!(!copy_text(&masked, CopyFormat::Plain).contains("jan.kowalski"));
    assert!(!copy_text(&masked, CopyFormat::Markdown).contains("example.net"));
}

#[wasm_bindgen_test]
fn the_copied_text_is_the_cores_plain_text_and_markdown() {
    // The engine's answer carries each explanation text once; the page makes the copied forms
    // from it. They must be exactly what the core renders from its own explanation (the CLI's
    // text output is `to_plain`), for every example, a reply line and a non-bounce, both locales.
    let mut texts: Vec<&str> = EXAMPLES.iter().map(|e| e.text).collect();
    texts.extend([
        "554 5.7.1 You are not allowed to connect",
        "Hello, see you tomorrow.",
        "550 5.1.1 <żółw@example.pl>: Skrzynka \u{1F600} nie istnieje \u{2068}x\u{2069} \\ \"q\"",
    ]);
    for lang in ["en", "pl"] {
        let loc = full_localizer(lang);
        for text in &texts {
            let a = analysis::run(text, &loc);
            let ex = bounce::explain::explain(&bounce::analyze(text.as_bytes()), &loc);
            assert_eq!(a.explanation, ex, "{lang}: {text:.40}");
            assert_eq!(copy_text(&a, CopyFormat::Plain), bounce::explain::to_plain(&ex));
            assert_eq!(copy_text(&a, CopyFormat::Markdown), bounce::explain::to_markdown(&ex));
            // What the engine posts (its wire form) reads back as the same view model.
            let reply = Reply::Analysis {
                id: 7,
                analysis: Some(Box::new(a.clone())),
                ms: Some(1.5),
            };
            assert_eq!(Reply::from_js(reply.to_js()), Some(reply), "{lang}: {text:.40}");
            // Its JSON (ASCII only) reads back the same too.
            let json = analysis::to_json(&a);
            assert!(json.is_ascii(), "{lang}: {text:.40}");
            if text.contains('\u{1F600}') {
                // Outside the BMP: a UTF-16 surrogate pair, as JSON writes it.
                assert!(json.contains("\\ud83d\\ude00") && json.contains("\\u017c"), "{json}");
            }
            let back: analysis::Analysis = serde_json::from_str(&json).unwrap();
            assert_eq!(back, a);
            assert_eq!(
                serde_json::from_str::<serde_json::Value>(&json).unwrap(),
                serde_json::to_value(&a).unwrap()
            );
        }
    }
}

#[wasm_bindgen_test]
fn reducer_file_error_shows_until_new_text_arrives() {
    let s = Rc::new(AppState::new(Rc::new(locale::ui_localizer("en"))));
    let s = s.reduce(Action::FileFailed);
    assert!(s.file_failed);
    let s = s.reduce(Action::SetText {
        text: Rc::from("550 x"),
        immediate: true,
        external: true,
    });
    assert!(!s.file_failed);
    assert!(!s.text_hidden_from_editor(), "small files go into the text area");
    let big: Rc<str> = Rc::from("a".repeat(bounce::web::state::EDITOR_LIMIT + 1));
    let s = s.reduce(Action::SetText {
        text: big.clone(),
        immediate: true,
        external: true,
    });
    assert!(
        s.text_hidden_from_editor(),
        "megabytes from a file stay out of the text area"
    );
    let s = s.reduce(Action::SetText {
        text: big,
        immediate: false,
        external: false,
    });
    assert!(!s.text_hidden_from_editor(), "typed text is already in the text area");
}

// ---- the analysis engine ----------------------------------------------------------------------

/// Asks the engine to explain `text` as one report; `None` when it cannot.
async fn explained(lang: &str, text: &str, redact: bool, report: bool) -> Option<analysis::Analysis> {
    ask(|done| {
        engine::analyse(lang, text, redact, report, true, move |a| {
            done(match a {
                engine::Answer::Analysis(a) => Some(*a),
                _ => None,
            })
        })
    })
    .await
}

/// Waits for a callback-style engine request.
async fn ask<T: 'static>(send: impl FnOnce(Box<dyn FnOnce(T)>)) -> T {
    let slot: Rc<std::cell::RefCell<Option<T>>> = Rc::default();
    let s = slot.clone();
    send(Box::new(move |v| *s.borrow_mut() = Some(v)));
    for _ in 0..400 {
        if let Some(v) = slot.borrow_mut().take() {
            return v;
        }
        yew::platform::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    panic!("the engine did not answer");
}

#[wasm_bindgen_test]
async fn the_engine_answers_as_the_core_does() {
    engine::use_in_process(bounce::web::worker::serve);
    let sources: Vec<Rc<str>> = bounce::i18n::locale_sources("pl")
        .unwrap()
        .iter()
        .filter(|(f, _)| *f != "ui.ftl")
        .map(|(_, t)| Rc::from(*t))
        .collect();
    engine::set_locale("pl", &sources);
    // The view model crosses the worker boundary and arrives unchanged.
    for example in EXAMPLES {
        let got = explained("pl", example.text, false, false).await;
        assert_eq!(
            got,
            Some(analysis::run(example.text, &full_localizer("pl"))),
            "{}",
            example.id
        );
    }
    let ex = EXAMPLES[0].text;
    let got = explained("pl", ex, false, false).await;
    assert!(engine::is_ready());
    // An unknown locale is refused, not answered in another language.
    assert_eq!(explained("xx", ex, false, false).await, None);
    // Redacted analysis: no real names anywhere in what the page gets.
    let masked = explained("pl", ex, true, false).await.expect("answer");
    assert!(!copy_text(&masked, CopyFormat::Plain).contains("jan.kowalski"));
    assert!(!copy_text(&masked, CopyFormat::Markdown).contains("example.net"));
    // The core's JSON only when asked for (the embed element), and masked as well.
    assert!(masked.json.is_none());
    let with_report = explained("pl", ex, true, true).await.expect("answer");
    let json = with_report.json.expect("the core's JSON when asked for");
    assert!(json.contains("\"recipients\"") && !json.contains("example.net"));
    assert_eq!(masked.facts[0].reason, got.as_ref().unwrap().facts[0].reason);
    // Two reports pasted one after another: the page is told to make a batch of them, unless
    // it asks for one explanation.
    let two = format!("{ex}\n\n{}", EXAMPLES[1].text);
    if bounce::batch::split_reports(two.as_bytes()).len() == 2 {
        let several = ask(|done| {
            engine::analyse("pl", &two, false, false, false, move |a| {
                done(matches!(a, engine::Answer::Several))
            })
        })
        .await;
        assert!(several, "several reports are a batch");
        assert!(explained("pl", &two, false, false).await.is_some());
    }
    let redacted = ask(|done| engine::redact(ex, done)).await.expect("answer");
    assert_eq!(redacted, bounce::web::share::redact(ex));
    // The example texts live in the engine; the page's menu knows only their ids.
    let ids: Vec<&str> = EXAMPLES.iter().map(|e| e.id).collect();
    assert_eq!(ids, bounce::web::examples::EXAMPLE_IDS);
    for example in EXAMPLES {
        let text = ask(|done| engine::example(example.id, done)).await;
        assert_eq!(text.as_deref(), Some(example.text));
    }
    assert_eq!(ask(|done| engine::example("no-such-example", done)).await, None);
    // The embed API's report: the CLI's JSON with source "-".
    let json = ask(|done| engine::report(ex, done)).await.expect("answer");
    let mut report = bounce::analyze(ex.as_bytes());
    report.source = "-".into();
    assert_eq!(json, serde_json::to_string(&report).unwrap());
}

#[wasm_bindgen_test]
fn east_asian_charsets_decode_in_the_browser_build() {
    // An ISO-2022-JP body, as Japanese mail systems send it: the engine reads it as the CLI does.
    let raw = b"From: MAILER-DAEMON@mx.example.jp\x0aTo: a@example.com\x0aSubject: Returned mail\x0aMIME-Version: 1.0\x0aContent-Type: text/plain; charset=ISO-2022-JP\x0aContent-Transfer-Encoding: 7bit\x0a\x0a<taro@example.jp>: host mx.example.jp[192.0.2.7] said: 550 5.1.1 \x1b$B%f!<%6$,B8:_$7$^$;$s\x1b(B (in reply to RCPT TO command)\x0a";
    let report = bounce::analyze(raw);
    let diagnostic = report
        .recipients
        .first()
        .and_then(|r| r.diagnostic.clone())
        .unwrap_or_default();
    assert!(diagnostic.contains("ユーザが存在しません"), "{diagnostic}");
    assert_eq!(report.recipients[0].status.as_deref(), Some("5.1.1"));
}

#[wasm_bindgen_test]
fn the_protocol_reads_back_what_it_writes() {
    use bounce::web::protocol::{BatchView, DnsWire, FetchReply, Node};
    let targets = bounce::dns::Targets {
        ip: Some(bounce::dns::SendingIp {
            ip: "192.0.2.1".into(),
            source: bounce::dns::IpSource::Hops,
        }),
        sender: Some("a@example.org".into()),
        recipient_domains: vec!["example.net".into()],
        hosts: vec![],
        reason: None,
        reasons: vec!["userunknown".into(), "żółw".into()],
    };
    let bytes: JsValue = js_sys::Uint8Array::from(&[1u8, 2, 3][..]).into();
    let files: JsValue = js_sys::Array::of1(&JsValue::from_str("a file")).into();
    let requests = [
        Request::Locale {
            lang: "pl".into(),
            sources: vec!["a = b".into()],
        },
        Request::Analyse {
            id: 1,
            lang: "en".into(),
            text: "550 x".into(),
            redact: true,
            report: false,
            one: true,
        },
        Request::Msg {
            id: 7,
            bytes: bytes.clone(),
        },
        Request::Dns {
            id: 2,
            lang: "en".into(),
            targets,
            resolver: "https://dns.google/dns-query".into(),
        },
        Request::Fetched {
            id: 3,
            reply: FetchReply::Ok {
                status: 200,
                content_type: None,
                body: bytes.clone(),
            },
        },
        Request::Fetched {
            id: 4,
            reply: FetchReply::Network("no".into()),
        },
        Request::BatchStart {
            batch: 5,
            lang: "pl".into(),
            text: Some("From x\n".into()),
            names: vec![],
            files: JsValue::UNDEFINED,
        },
        Request::BatchStart {
            batch: 5,
            lang: "pl".into(),
            text: None,
            names: vec!["a.eml".into()],
            files: files.clone(),
        },
        Request::BatchAct {
            batch: 5,
            act: "page:2".into(),
        },
        Request::BatchMessage {
            id: 6,
            batch: 5,
            index: 9,
        },
    ];
    for r in requests {
        let js = r.to_js();
        // What a script in between reads (www/build/postbuild.mjs): the tag (the object's one
        // key) and the fields.
        let obj: js_sys::Object = js.clone().unchecked_into();
        let keys = js_sys::Object::keys(&obj);
        assert_eq!(keys.length(), 1);
        let tag = keys.get(0).as_string().unwrap();
        assert!(format!("{r:?}").starts_with(&tag), "{r:?}");
        assert_eq!(Request::from_js(js), Some(r));
    }
    // Browser objects cross as they are, not copied into arrays.
    let js = Request::Msg { id: 7, bytes }.to_js();
    let c = js_sys::Reflect::get(&js, &"Msg".into()).unwrap();
    assert!(js_sys::Reflect::get(&c, &"bytes".into()).unwrap().is_instance_of::<js_sys::Uint8Array>());
    let text = Request::Analyse {
        id: 1,
        lang: "en".into(),
        text: "550 x".into(),
        redact: false,
        report: false,
        one: false,
    }
    .to_js();
    let c = js_sys::Reflect::get(&text, &"Analyse".into()).unwrap();
    assert_eq!(js_sys::Reflect::get(&c, &"text".into()).unwrap().as_string().as_deref(), Some("550 x"));
    let view = Node(
        "section".into(),
        vec![("class".into(), "batch".into())],
        vec![Node("p".into(), vec![], vec![], "<b>text</b>".into())],
        String::new(),
    );
    let replies = [
        Reply::Ready,
        Reply::Warm { ms: 2.5 },
        Reply::Text { id: 1, text: None },
        Reply::Several { id: 8 },
        Reply::Analysis {
            id: 9,
            analysis: None,
            ms: None,
        },
        Reply::Dns {
            id: 2,
            result: Some(DnsWire {
                run: 2,
                lines: vec!["x".into()],
                unreachable: true,
                verdicts: vec![None, Some("y".into())],
                verdicts_json: None,
            }),
        },
        Reply::Fetch {
            id: 3,
            url: "https://dns.google/dns-query?dns=AA".into(),
            timeout_ms: 4000,
        },
        Reply::BatchView {
            batch: 4,
            view: BatchView {
                finished: true,
                status: "done".into(),
                back: "back".into(),
                tree: view,
            },
        },
        Reply::BatchSingle { batch: 4 },
    ];
    for r in replies {
        assert_eq!(Reply::from_js(r.to_js()), Some(r));
    }
    // The router's own answers for a failed full engine (www/build/postbuild.mjs).
    let failed = js_sys::JSON::parse(r#"{"Analysis":{"id":3,"analysis":null,"ms":null}}"#).unwrap();
    assert_eq!(
        Reply::from_js(failed),
        Some(Reply::Analysis {
            id: 3,
            analysis: None,
            ms: None
        })
    );
    let failed = js_sys::JSON::parse(r#"{"Text":{"id":4,"text":null}}"#).unwrap();
    assert_eq!(Reply::from_js(failed), Some(Reply::Text { id: 4, text: None }));
    // Anything else is no message (and no panic).
    for junk in [
        JsValue::NULL,
        JsValue::from_str("x"),
        js_sys::Array::of1(&JsValue::from_str("Nope")).into(),
        js_sys::JSON::parse(r#"{"Text":{"id":-1}}"#).unwrap(),
        js_sys::JSON::parse(r#"{"Nope":{}}"#).unwrap(),
        js_sys::JSON::parse(r#"{"Text":{"id":1},"Dns":{"id":2}}"#).unwrap(),
    ] {
        assert_eq!(Reply::from_js(junk.clone()), None);
        assert!(Request::from_js(junk).is_none());
    }
}
