//! One recipient's explanation: what happened, then cards for causes (ranked), fixes per
//! party and what the codes mean.

use super::{t, Loc};
use crate::explain::RecipientExplanation;
use crate::web::analysis::RecipientFacts;
use yew::prelude::*;

/// Properties of [`RecipientSection`].
#[derive(Properties, PartialEq)]
pub struct RecipientSectionProps {
    /// Position in the message (for ids).
    pub index: usize,
    /// The recipient's explanation.
    pub explanation: RecipientExplanation,
    /// The report's facts about the recipient.
    pub facts: RecipientFacts,
    /// The texts.
    pub loc: Loc,
    /// Whether several recipients are shown.
    pub numbered: bool,
    /// What the DNS checks say about this recipient's reason now, once they ran.
    #[prop_or_default]
    pub dns_verdict: Option<String>,
}

/// The section for one recipient.
#[function_component(RecipientSection)]
pub fn recipient_section(props: &RecipientSectionProps) -> Html {
    let loc = &props.loc;
    let r = &props.explanation;
    let f = &props.facts;
    let id = format!("recipient-{}", props.index);
    // The badge says whether this message is over (the report's `final`); whether the address
    // will ever work is in the permanence sentence and the facts table.
    let kind = if r.is_final { "permanent" } else { "temporary" };
    html! {
        <article class={classes!("recipient", kind)} aria-labelledby={id.clone()}>
            <header class="recipient-head">
                <h3 id={id}>{ &r.title }</h3>
                if let Some(addr) = &r.address {
                    <p class="address"><span class="visually-hidden">{ t(loc, "ui-recipient-address") }</span>{ addr }</p>
                }
                <p class="badges">
                    <span class={classes!("badge", kind)}>{ t(loc, &format!("ui-kind-{kind}")) }</span>
                    if let Some(code) = f.status.as_ref().or(Some(&f.reply_code)).filter(|c| !c.is_empty()) {
                        <span class="badge code">{ code }</span>
                    }
                </p>
            </header>
            if let Some(v) = &props.dns_verdict {
                <p class="dns-verdict" role="note">{ v }</p>
            }
            <p class="what-happened">{ &r.what_happened }</p>
            <p class={classes!("permanence", kind)}>{ &r.permanence }</p>
            if !r.who_must_act.is_empty() {
                <p class="who"><strong>{ t(loc, "ui-who-must-act") }</strong>{ " " }{ &r.who_must_act }</p>
            }
            <div class="cards">
                if !r.causes.is_empty() {
                    <section class="card causes">
                        <h4>{ t(loc, "ui-causes-heading") }</h4>
                        <ol>{ for r.causes.iter().map(|c| html! { <li>{ c }</li> }) }</ol>
                    </section>
                }
                if !r.fixes.is_empty() {
                    <section class="card fixes">
                        <h4>{ t(loc, "ui-fixes-heading") }</h4>
                        { for r.fixes.iter().map(|f| html! {
                            <div class="fix-group">
                                <h5>{ &f.party }</h5>
                                <ul>{ for f.steps.iter().map(|s| html! { <li>{ s }</li> }) }</ul>
                            </div>
                        }) }
                    </section>
                }
                if !r.code_meaning.is_empty() {
                    <section class="card codes">
                        <h4>{ t(loc, "ui-codes-heading") }</h4>
                        <ul>{ for r.code_meaning.iter().map(|c| html! { <li>{ c }</li> }) }</ul>
                    </section>
                }
            </div>
        </article>
    }
}
