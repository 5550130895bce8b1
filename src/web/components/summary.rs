//! The summary card: what happened in one sentence, who must act, permanent or temporary.

use super::{t, ta, Loc};
use crate::explain::Explanation;
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`Summary`].
#[derive(Properties, PartialEq)]
pub struct SummaryProps {
    /// The explanation to summarize (the view model's, which the page keeps in an `Rc`).
    pub analysis: Rc<crate::web::analysis::Analysis>,
    /// The texts.
    pub loc: Loc,
}

/// Distinct non-empty values, in first-seen order.
pub fn distinct<'a>(items: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for i in items.filter(|s| !s.is_empty()) {
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
}

/// The summary card.
#[function_component(Summary)]
pub fn summary(props: &SummaryProps) -> Html {
    let loc = &props.loc;
    let a: &Explanation = &props.analysis.explanation;
    let who = distinct(a.recipients.iter().map(|r| r.who_must_act.as_str()));
    let permanent = a.recipients.iter().filter(|r| r.is_final).count();
    let temporary = a.recipients.len() - permanent;
    html! {
        <section class="card summary" aria-labelledby="summary-heading">
            <h2 id="summary-heading" class="headline">{ &a.headline }</h2>
            <p class="summary-text">{ &a.summary }</p>
            if !who.is_empty() || !a.recipients.is_empty() {
                <dl class="summary-facts">
                    if !who.is_empty() {
                        <div>
                            <dt>{ t(loc, "ui-who-must-act") }</dt>
                            { for who.iter().map(|w| html! { <dd>{ *w }</dd> }) }
                        </div>
                    }
                    if !a.recipients.is_empty() {
                        <div>
                            <dt>{ t(loc, "ui-permanence") }</dt>
                            if permanent > 0 {
                                <dd><span class="badge permanent">
                                    { ta(loc, "ui-badge-permanent", &[("count", permanent.to_string())]) }
                                </span></dd>
                            }
                            if temporary > 0 {
                                <dd><span class="badge temporary">
                                    { ta(loc, "ui-badge-temporary", &[("count", temporary.to_string())]) }
                                </span></dd>
                            }
                        </div>
                    }
                </dl>
            }
            if !a.warnings.is_empty() {
                <ul class="warnings" aria-label={t(loc, "ui-warnings-label")}>
                    { for a.warnings.iter().map(|w| html! { <li>{ w }</li> }) }
                </ul>
            }
        </section>
    }
}
