//! The raw facts the explanation rests on, in an expandable table.

use super::{t, Loc};
use crate::i18n::Localizer;
use crate::web::analysis::Analysis;
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`FactsTable`].
#[derive(Properties, PartialEq)]
pub struct FactsTableProps {
    /// The analysis.
    pub analysis: Rc<Analysis>,
    /// The texts.
    pub loc: Loc,
}

fn opt(v: &Option<String>) -> String {
    v.clone().unwrap_or_else(|| "—".to_string())
}

fn row(loc: &Localizer, id: &str, value: String) -> Html {
    html! { <tr><th scope="row">{ t(loc, id) }</th><td>{ value }</td></tr> }
}

/// The facts table inside a `<details>`.
#[function_component(FactsTable)]
pub fn facts_table(props: &FactsTableProps) -> Html {
    let loc = &props.loc;
    let a = &props.analysis;
    let yes_no = |b: bool| t(loc, if b { "ui-yes" } else { "ui-no" });
    html! {
        <details class="card facts">
            <summary>{ t(loc, "ui-facts-heading") }</summary>
            <div class="table-wrap" tabindex="0" role="region" aria-label={t(loc, "ui-facts-report")}>
                <table>
                    <caption>{ t(loc, "ui-facts-report") }</caption>
                    <tbody>
                        { row(loc, "ui-fact-kind", a.kind.clone()) }
                        { row(loc, "ui-fact-format", a.format.clone()) }
                        { row(loc, "ui-fact-reporting-mta", opt(&a.reporting_mta)) }
                        { row(loc, "ui-fact-hops", a.hops.len().to_string()) }
                    </tbody>
                </table>
            </div>
            { for a.recipients().enumerate().map(|(i, (r, f))| {
                let caption = r.address.clone().unwrap_or_else(|| t(loc, "ui-fact-no-address"));
                html! {
                    <div class="table-wrap" tabindex="0" role="region" aria-label={caption.clone()} key={i}>
                        <table>
                            <caption>{ caption }</caption>
                            <tbody>
                                { row(loc, "ui-fact-action", opt(&f.action)) }
                                { row(loc, "ui-fact-status", opt(&f.status)) }
                                { row(loc, "ui-fact-reply-code", if f.reply_code.is_empty() { "—".into() } else { f.reply_code.clone() }) }
                                { row(loc, "ui-fact-remote-mta", opt(&f.remote_mta)) }
                                { row(loc, "ui-fact-command", opt(&f.command)) }
                                { row(loc, "ui-fact-diagnostic", opt(&f.diagnostic)) }
                                { row(loc, "ui-fact-reason", f.reason.clone()) }
                                { row(loc, "ui-fact-hard", yes_no(f.hard)) }
                                { row(loc, "ui-fact-final", yes_no(r.is_final)) }
                                { row(loc, "ui-fact-rules", if r.rule_ids.is_empty() { "—".into() } else { r.rule_ids.join(", ") }) }
                            </tbody>
                        </table>
                    </div>
                }
            }) }
        </details>
    }
}
