//! The right-hand side: the empty state, or everything explained about the input.

use super::batch_view::batch_view;
use super::copy_panel::CopyPanel;
use super::dns_panel::{DnsPanel, Verdicts};
use super::empty_state::EmptyState;
use super::facts_table::FactsTable;
use super::hop_diagram::HopDiagram;
use super::recipient_section::RecipientSection;
use super::source_view::SourceView;
use super::summary::Summary;
use super::{t, ta, Loc};
use crate::web::action::Action;
use crate::web::embed::param;
use crate::web::engine;
use crate::web::hooks::use_app;
use crate::web::state::Phase;
use std::rc::Rc;
use yew::prelude::*;

/// A stable name for the phase (a `data-phase` attribute that tests wait on).
pub fn phase_name(p: &Phase) -> &'static str {
    match p {
        Phase::Empty => "empty",
        Phase::Waiting => "waiting",
        Phase::Running { .. } => "running",
        Phase::Done => "done",
        Phase::Failed => "failed",
    }
}

/// The results column.
#[function_component(Results)]
pub fn results() -> Html {
    let app = use_app();
    let loc = app.loc.clone();
    // Each recipient's DNS verdict sentence, set by the DNS panel when its checks are done (and
    // emptied when it starts again or gets new targets), with the targets they are about: shown
    // only while the analysis shown has the same targets.
    let dns_state = use_state(|| None::<Verdicts>);
    let on_verdicts = {
        let dns_state = dns_state.clone();
        Callback::from(move |v: Verdicts| dns_state.set(Some(v)))
    };
    {
        // The batch view follows the page's language (the engine localizes it).
        let batch = app.batch.as_ref().map(|b| b.id);
        let lang = app.loc_full.then(|| app.lang().to_string());
        use_effect_with((batch, lang), |(batch, lang)| {
            if let (Some(batch), Some(lang)) = (batch, lang) {
                engine::batch_act(*batch, &format!("lang:{lang}"));
            }
        });
    }
    let shown_batch = app.batch.clone().filter(|_| !app.batch_hidden);
    let back = app.batch.as_ref().filter(|_| app.batch_hidden).map(|b| {
        let app = app.clone();
        let show = Callback::from(move |_: MouseEvent| app.dispatch(Action::ShowBatch));
        html! { <p><button type="button" class="button secondary" onclick={show}>{ b.back.clone() }</button></p> }
    });
    let body = if let Some(b) = shown_batch {
        let id = b.id;
        let app = app.clone();
        let on_act = Callback::from(move |act: String| match act.split_once(':') {
            Some(("open", n)) => {
                let app = app.clone();
                engine::batch_message(id, n.parse().unwrap_or(0), move |text| {
                    if let Some(text) = text {
                        app.dispatch(Action::OpenBatchMessage(Rc::from(text)));
                    }
                })
            }
            _ => engine::batch_act(id, &act),
        });
        batch_view(&b.view, on_act)
    } else if app.loc_failed {
        html! { <p class="notice error" role="alert">{ t(&loc, "ui-error-locale") }</p> }
    } else if let Some(a) = app.current().cloned() {
        let stale = app.phase != Phase::Done;
        let dns_verdicts = match &*dns_state {
            Some((t, v)) if **t == a.dns_targets => v.clone(),
            _ => Rc::new(Vec::new()),
        };
        let n = a.facts.len();
        let multi = n > 1;
        let l = Loc(loc.clone());
        html! {
            <div class={classes!("results-body", stale.then_some("stale"))} aria-busy={stale.to_string()}>
                if app.phase == Phase::Failed {
                    <p class="notice error" role="alert">{ t(&loc, "ui-status-failed") }</p>
                }
                <Summary analysis={a.clone()} loc={l.clone()} />
                if a.is_bounce() {
                    <HopDiagram analysis={a.clone()} loc={l.clone()} />
                }
                <SourceView analysis={a.clone()} text={app.text.clone()} loc={l.clone()} />
                if n > 0 {
                    <section class="recipients" aria-labelledby="recipients-heading">
                        <h2 id="recipients-heading">
                            { ta(&loc, "ui-recipients-heading", &[("count", n.to_string())]) }
                        </h2>
                        { for a.recipients().enumerate().map(|(i, (r, f))| html! {
                            <RecipientSection index={i} explanation={r.clone()} facts={f.clone()} numbered={multi}
                                loc={l.clone()} dns_verdict={dns_verdicts.get(i).cloned().flatten()} />
                        }) }
                    </section>
                }
                // A help-desk embed can turn the DNS checks off (`<bounce-explainer dns="off">`).
                if a.is_bounce() && param("dns").as_deref() != Some("off") {
                    <DnsPanel targets={Rc::new(a.dns_targets.clone())} on_verdicts={on_verdicts} />
                }
                <CopyPanel analysis={a.clone()} dns_verdicts={dns_verdicts.clone()} />
                <FactsTable analysis={a} loc={l} />
            </div>
        }
    } else if app.phase == Phase::Failed {
        html! { <p class="notice error" role="alert">{ t(&loc, "ui-status-failed") }</p> }
    } else if app.phase == Phase::Empty {
        html! { <EmptyState loc={Loc(loc.clone())} /> }
    } else {
        html! { <p class="notice" aria-busy="true">{ t(&loc, "ui-status-analysing") }</p> }
    };
    html! {
        <section id="results" class="panel results" aria-labelledby="results-heading" tabindex="-1"
            data-phase={phase_name(&app.phase)} data-generation={app.generation.to_string()}>
            <h2 id="results-heading" class="visually-hidden">{ t(&loc, "ui-results-heading") }</h2>
            { back }
            { body }
        </section>
    }
}
