//! The "DNS checks" panel: shows which names will be asked at which resolver, lets the user pick
//! the resolver (or type a DoH URL), and runs the checks only on request — or at once when the
//! user chose to remember that. Shows the localized evidence, or says clearly that the resolver
//! could not be reached.
//!
//! Mounting (web engineer): add `pub mod dns_panel;` to `components/mod.rs`; keep the core's pick
//! of targets in the view model (`dns_targets: crate::dns::Targets`, from
//! `crate::dns::targets(&report)` in `analysis::run`; it is serializable for the worker); render
//! `<DnsPanel targets={Rc::new(a.dns_targets.clone())} />` below the explanation. Its texts are
//! the `dns-panel-*` and `dns-resolver-*` messages in `i18n/<locale>/dns.ftl`; element ids for
//! tests: `dns-resolver`, `dns-custom-url`, `dns-auto`, `dns-run`, `dns-cancel` (while running),
//! list `.dns-evidence`.

use super::{t, ta};
use crate::dns::browser::parse_resolver_url;
use crate::dns::{Config, Targets, UrlProblem, RESOLVERS};
use crate::web::dom::{load_setting, save_setting};
use crate::web::embed::param;
use crate::web::engine::{self, DnsLines};
use crate::web::hooks::use_app;
use std::rc::Rc;
use yew::prelude::*;

const KEY_RESOLVER: &str = "bounce-dns-resolver";
const KEY_CUSTOM: &str = "bounce-dns-custom-url";
const KEY_AUTO: &str = "bounce-dns-auto";
const CUSTOM: &str = "custom";

/// Each recipient's DNS verdict sentence (`None`: no check bears on its reason), with the
/// targets the run was about.
pub type Verdicts = (Rc<Targets>, Rc<Vec<Option<String>>>);

/// Properties of [`DnsPanel`].
#[derive(Properties, PartialEq)]
pub struct DnsPanelProps {
    /// What to check, from `dns::targets(&report)`.
    pub targets: Rc<Targets>,
    /// Gets each recipient's DNS verdict sentence, with the targets they are about, when a run
    /// is done, in the current locale (an empty list when a run starts, is stopped or the
    /// targets change).
    #[prop_or_default]
    pub on_verdicts: Callback<Verdicts>,
}

#[derive(Clone, PartialEq)]
enum Run {
    Idle,
    Running,
    /// The evidence, localized by the engine (which keeps the run's report for other locales).
    Done(Rc<DnsLines>),
    Failed,
    /// Stopped by the user.
    Cancelled,
}

/// The resolver URL for a choice (`custom` uses the typed URL, as the browser's URL parser
/// serializes it), or why the typed URL cannot be used.
fn resolver_url(choice: &str, custom: &str) -> Result<String, UrlProblem> {
    if choice == CUSTOM {
        parse_resolver_url(custom)
    } else {
        RESOLVERS
            .iter()
            .find(|(_, u)| *u == choice)
            .map(|(_, u)| u.to_string())
            .ok_or(UrlProblem::Unparsable)
    }
}

/// The DNS checks panel.
#[function_component(DnsPanel)]
pub fn dns_panel(props: &DnsPanelProps) -> Html {
    let app = use_app();
    let loc = app.loc.clone();
    // A help-desk embed may name the resolver (`<bounce-explainer resolver="…">`, passed as
    // `?resolver=`); it wins over the remembered choice.
    // The same rule as a typed URL (no user name or password; plain http:// only on loopback).
    let preset = param("resolver").and_then(|u| parse_resolver_url(&u).ok());
    let choice = use_state(|| match &preset {
        Some(u) if RESOLVERS.iter().any(|(_, r)| r == u) => u.clone(),
        Some(_) => CUSTOM.to_string(),
        None => load_setting(KEY_RESOLVER)
            .filter(|c| c == CUSTOM || RESOLVERS.iter().any(|(_, u)| u == c))
            .unwrap_or_else(|| RESOLVERS[0].1.to_string()),
    });
    let custom = use_state(|| match &preset {
        Some(u) if !RESOLVERS.iter().any(|(_, r)| r == u) => u.clone(),
        _ => load_setting(KEY_CUSTOM).unwrap_or_default(),
    });
    let auto = use_state(|| load_setting(KEY_AUTO).as_deref() == Some("1"));
    let run = use_state(|| Run::Idle);
    // `(asked, answered)` DoH queries while a run goes on, read from the engine 4 times a second.
    let progress = use_state(|| (0u32, 0u32));
    {
        let progress = progress.clone();
        use_effect_with(*run == Run::Running, move |running| {
            let timer = running.then(|| {
                progress.set((0, 0));
                gloo_timers::callback::Interval::new(250, move || progress.set(engine::dns_progress()))
            });
            move || drop(timer)
        });
    }
    // Bumped for every run and every new report, so a late answer for old targets is dropped.
    let generation = use_mut_ref(|| 0u32);
    let checked = resolver_url(&choice, &custom);
    let url = checked.clone().ok();

    let start = {
        let run = run.clone();
        let generation = generation.clone();
        let targets = props.targets.clone();
        let url = url.clone();
        let lang = app.lang().to_string();
        Callback::from(move |_: ()| {
            let Some(url) = url.clone() else { return };
            let g = {
                let mut g = generation.borrow_mut();
                *g += 1;
                *g
            };
            run.set(Run::Running);
            let run = run.clone();
            let generation = generation.clone();
            // The engine runs the checks; its DoH queries are made by this page (its CSP applies).
            engine::dns(&lang, &targets, &url, move |lines| {
                if *generation.borrow() == g {
                    run.set(lines.map_or(Run::Failed, |l| Run::Done(Rc::new(l))));
                }
            });
        })
    };
    {
        // After a locale switch, show the same evidence in the new locale (no new queries).
        let run = run.clone();
        let generation = generation.clone();
        let lang = app.lang().to_string();
        use_effect_with((lang, (*run).clone()), move |(lang, current)| {
            if let Run::Done(done) = current {
                if done.lang != *lang {
                    let g = *generation.borrow();
                    engine::dns_lines(done.run, lang, move |lines| {
                        if let (Some(l), true) = (lines, *generation.borrow() == g) {
                            run.set(Run::Done(Rc::new(l)));
                        }
                    });
                }
            }
        });
    }
    {
        let run = run.clone();
        let generation = generation.clone();
        let start = start.clone();
        let auto = *auto;
        use_effect_with(props.targets.clone(), move |t| {
            *generation.borrow_mut() += 1;
            run.set(Run::Idle);
            if auto && !t.is_empty() {
                start.emit(());
            }
        });
    }

    {
        // The verdicts go to the explanation and the copied text; once per run, to an embed's host.
        let on_verdicts = props.on_verdicts.clone();
        let targets = props.targets.clone();
        let posted = use_mut_ref(|| None::<u64>);
        use_effect_with((*run).clone(), move |current| match current {
            Run::Done(done) => {
                on_verdicts.emit((targets, done.verdicts.clone()));
                if *posted.borrow() != Some(done.run) {
                    *posted.borrow_mut() = Some(done.run);
                    if let Some(json) = &done.verdicts_json {
                        crate::web::embed::report_dns_verdicts(json);
                    }
                }
            }
            _ => on_verdicts.emit((targets, Rc::new(Vec::new()))),
        });
    }

    let on_choice = {
        let choice = choice.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            save_setting(KEY_RESOLVER, &v);
            choice.set(v);
        })
    };
    let on_custom = {
        let custom = custom.clone();
        Callback::from(move |e: InputEvent| {
            let v = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
            save_setting(KEY_CUSTOM, &v);
            custom.set(v);
        })
    };
    let on_auto = {
        let auto = auto.clone();
        Callback::from(move |e: Event| {
            let on = e.target_unchecked_into::<web_sys::HtmlInputElement>().checked();
            save_setting(KEY_AUTO, if on { "1" } else { "0" });
            auto.set(on);
        })
    };
    let onclick = {
        let start = start.clone();
        Callback::from(move |_e: MouseEvent| start.emit(()))
    };
    let on_cancel = {
        let run = run.clone();
        let generation = generation.clone();
        Callback::from(move |_e: MouseEvent| {
            // A late answer of the stopped run is dropped; its remaining queries fail at once.
            *generation.borrow_mut() += 1;
            engine::dns_cancel();
            run.set(Run::Cancelled);
        })
    };

    let targets = &props.targets;
    if targets.is_empty() {
        return html! {
            <section class="card dns-panel" aria-labelledby="dns-heading">
                <h2 id="dns-heading">{ t(&loc, "dns-panel-heading") }</h2>
                <p class="notice">{ t(&loc, "dns-panel-nothing") }</p>
            </section>
        };
    }
    let cfg = Config::with_resolver(url.as_deref().unwrap_or(""));
    let names = targets.planned_names(&cfg);
    let running = *run == Run::Running;
    let status = match &*run {
        Run::Running => {
            let (asked, answered) = *progress;
            ta(
                &loc,
                "dns-panel-progress",
                &[("asked", asked.to_string()), ("answered", answered.to_string())],
            )
        }
        Run::Cancelled => t(&loc, "dns-panel-cancelled"),
        _ => String::new(),
    };
    let results = match &*run {
        Run::Done(done) => html! {
            <>
                <h3 id="dns-results-heading">{ t(&loc, "dns-panel-results") }</h3>
                <ul class={classes!("dns-evidence", done.unreachable.then_some("unreachable"))}
                    aria-labelledby="dns-results-heading">
                    { for done.lines.iter().map(|line| html! { <li>{ line }</li> }) }
                </ul>
            </>
        },
        Run::Failed => html! { <p class="notice error" role="alert">{ t(&loc, "ui-status-failed") }</p> },
        _ => html! {},
    };
    html! {
        <section class="card dns-panel" aria-labelledby="dns-heading">
            <h2 id="dns-heading">{ t(&loc, "dns-panel-heading") }</h2>
            <p>{ t(&loc, "dns-panel-intro") }</p>
            <p>{ t(&loc, "dns-panel-names") }</p>
            <ul class="dns-names">
                { for names.iter().map(|n| html! { <li><code>{ n.clone() }</code></li> }) }
            </ul>
            <label for="dns-resolver">{ t(&loc, "dns-panel-resolver") }</label>
            <select id="dns-resolver" onchange={on_choice}>
                { for RESOLVERS.iter().map(|(id, u)| html! {
                    <option value={*u} selected={*choice == *u}>{ t(&loc, id) }</option>
                }) }
                <option value={CUSTOM} selected={*choice == CUSTOM}>{ t(&loc, "dns-panel-custom") }</option>
            </select>
            if *choice == CUSTOM {
                <label for="dns-custom-url">{ t(&loc, "dns-panel-custom-url") }</label>
                <input id="dns-custom-url" type="url" inputmode="url" spellcheck="false"
                    value={(*custom).clone()} oninput={on_custom} />
                if let Err(problem) = &checked {
                    <p class="notice error" role="alert">
                        { ta(&loc, "dns-panel-bad-url", &[("why", t(&loc, problem.message_id()))]) }
                    </p>
                }
                <p class="notice dns-csp-note">{ t(&loc, "dns-panel-custom-csp") }</p>
            }
            if let Some(u) = &url {
                <p class="dns-endpoint">{ ta(&loc, "dns-panel-endpoint", &[("url", u.clone())]) }</p>
            }
            <label class="dns-remember">
                <input type="checkbox" id="dns-auto" checked={*auto} onchange={on_auto} />
                { t(&loc, "dns-panel-remember") }
            </label>
            <button type="button" class="button primary" id="dns-run"
                disabled={running || url.is_none()} {onclick}>{ t(&loc, "dns-panel-run") }</button>
            if running {
                <button type="button" class="button" id="dns-cancel" onclick={on_cancel}>
                    { t(&loc, "dns-panel-cancel") }
                </button>
            }
            <span class="dns-status" role="status" aria-live="polite">{ status }</span>
            { results }
        </section>
    }
}
